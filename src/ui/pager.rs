//! Previous/next links for a paged list; plain links, so they work without
//! JavaScript and can be bookmarked.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;

/// `page` is zero-based; links carry a one-based `?page=`.
#[component]
pub fn Pager(base: &'static str, page: u64, pages: u64) -> impl IntoView {
    let i18n = use_i18n();
    let link = move |p: u64| format!("{base}?page={}", p + 1);
    view! {
        <nav class="pager">
            {(page > 0).then(|| view! { <A href=link(page - 1)>{t!(i18n, prev_page)}</A> })}
            <span>{t!(i18n, page_of, page = move || page + 1, pages = move || pages)}</span>
            {(page + 1 < pages).then(|| view! { <A href=link(page + 1)>{t!(i18n, next_page)}</A> })}
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
