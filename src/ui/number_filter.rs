//! The 备案号 filter of the lists of live records (公安联网备案, 空壳): a
//! plain GET form, so it works without JavaScript, the URL can be kept,
//! and the pager carries it on (`Pager`'s `keep`).

use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::ui::i18n::tr;

/// The `number` query value of the current URL (empty when absent).
pub fn number_in_query() -> Memo<String> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| q.get("number").unwrap_or_default()))
}

/// A search box for a subject's or a site's 备案号 and its button.
#[component]
pub fn NumberFilter(number: Memo<String>) -> impl IntoView {
    view! {
        <Form method="GET" action="" attr:class="filters">
            <label>{tr("备案号", "Filing number")}
                <input type="search" name="number" value=number.get_untracked()
                    placeholder=tr("主体或网站备案号", "A subject's or site's number")/>
            </label>
            <button type="submit" class="button button-secondary">{tr("查询", "Search")}</button>
        </Form>
    }
}
