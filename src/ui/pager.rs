//! Previous/next links for a paged list; plain links, so they work without
//! JavaScript and can be bookmarked.

use crate::ui::i18n::{lang, tr};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// `page` is zero-based; links carry a one-based `?page=`, and the current
/// URL's query values named in `keep` (a list's filters), so paging never
/// drops the filter.
#[component]
pub fn Pager(
    base: &'static str,
    page: u64,
    pages: u64,
    #[prop(optional)] keep: &'static [&'static str],
) -> impl IntoView {
    let query = use_query_map();
    let link = move |p: u64| {
        let mut params: Vec<String> = query.with_untracked(|q| {
            keep.iter()
                .filter_map(|k| {
                    q.get(k)
                        .filter(|v| !v.is_empty())
                        .map(|v| format!("{k}={}", percent_encoded(&v)))
                })
                .collect()
        });
        params.push(format!("page={}", p + 1));
        format!("{base}?{}", params.join("&"))
    };
    view! {
        <nav class="pager">
            {(page > 0).then(|| view! { <A href=link(page - 1)>{tr("上一页", "Previous")}</A> })}
            <span>{lang().pick(format!("第 {} 页，共 {pages} 页", page + 1), format!("Page {} of {pages}", page + 1))}</span>
            {(page + 1 < pages).then(|| view! { <A href=link(page + 1)>{tr("下一页", "Next")}</A> })}
        </nav>
    }
}

/// Percent-encodes a query value.
pub fn percent_encoded(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Reads the one-based `page` query value as a zero-based page.
pub fn page_from_query(value: Option<String>) -> u64 {
    value
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
        - 1
}
