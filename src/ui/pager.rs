//! Previous/next links for a paged list; plain links, so they work without
//! JavaScript and can be bookmarked.

use crate::ui::i18n::{lang, tr};
use leptos::prelude::*;
use leptos_router::components::A;

/// `page` is zero-based; links carry a one-based `?page=`.
#[component]
pub fn Pager(base: &'static str, page: u64, pages: u64) -> impl IntoView {
    let link = move |p: u64| format!("{base}?page={}", p + 1);
    view! {
        <nav class="pager">
            {(page > 0).then(|| view! { <A href=link(page - 1)>{tr("上一页", "Previous")}</A> })}
            <span>{lang().pick(format!("第 {} 页，共 {pages} 页", page + 1), format!("Page {} of {pages}", page + 1))}</span>
            {(page + 1 < pages).then(|| view! { <A href=link(page + 1)>{tr("下一页", "Next")}</A> })}
        </nav>
    }
}

/// Reads the one-based `page` query value as a zero-based page.
pub fn page_from_query(value: Option<String>) -> u64 {
    value
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
        - 1
}
