//! `/records/versions?number=…` (历史记录 of a record): the record's
//! successive approved versions, and any two of them compared field by
//! field. The choice of versions is a GET form, so it works without
//! JavaScript and the comparison can be bookmarked.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::records::{record_versions, RecordHistory};
use crate::pages::search::records::SEARCHING_ROLES;
use crate::ui::alert::LoadFailure;
use crate::ui::change_table::ChangeTable;
use crate::ui::role_gate::RoleGate;

#[component]
pub fn VersionsPage() -> impl IntoView {
    view! { <RoleGate roles=SEARCHING_ROLES page=|_| versions_page()/> }
}

fn versions_page() -> AnyView {
    let query = use_query_map();
    let asked = move || {
        query.with(|q| {
            let version = |key: &str| q.get(key).and_then(|v| v.parse::<i32>().ok());
            (
                q.get("number").unwrap_or_default(),
                version("from"),
                version("to"),
            )
        })
    };
    let history = Resource::new(asked, |(number, from, to)| {
        record_versions(number, from, to)
    });
    view! {
        <section class="panel">
            <p><A href="/records">"← 返回备案信息查询"</A></p>
            <Suspense fallback=|| view! { <p class="loading">"加载中…"</p> }>
                {move || Suspend::new(async move {
                    match history.await {
                        Ok(history) => view! { <Versions history/> }.into_any(),
                        Err(error) => view! { <LoadFailure error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn Versions(history: RecordHistory) -> impl IntoView {
    let picker = |name: &'static str, chosen: Option<i32>| {
        let versions = history.versions.clone();
        view! {
            <select name=name id=format!("version-{name}")>
                {versions.into_iter().map(|v| view! {
                    <option value=v.version selected=chosen == Some(v.version)>
                        {format!("版本 {}（{}）", v.version, v.approved_at)}
                    </option>
                }).collect_view()}
            </select>
        }
    };
    let from = history.diff.as_ref().map(|d| d.from);
    let to = history.diff.as_ref().map(|d| d.to);
    view! {
        <h1>"历史记录："<span class="icp-number">{history.subject_number.clone()}</span>" "{history.subject_name.clone()}</h1>
        <table class="data" id="record-versions">
            <thead><tr><th>"版本"</th><th>"审核通过时间"</th><th>"申请"</th></tr></thead>
            <tbody>
                {history.versions.iter().map(|v| view! {
                    <tr>
                        <td>{format!("版本 {}", v.version)}</td>
                        <td>{v.approved_at.clone()}</td>
                        <td><A href=format!("/review/{}", v.application_id)>{format!("#{} {}", v.application_id, v.kind.label_zh())}</A></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {match history.diff.clone() {
            None if history.versions.is_empty() => view! {
                <p class="empty" id="versions-none">"该备案在启用版本记录之前审核通过，其版本从下一次审核通过起记录。"</p>
            }.into_any(),
            None => view! { <p class="hint" id="versions-single">"该备案目前只有一个版本，审核通过新的变更后即可对比。"</p> }.into_any(),
            Some(diff) => view! {
                <form method="get" action="/records/versions" class="filters" id="versions-compare">
                    <input type="hidden" name="number" value=history.subject_number.clone()/>
                    <label for="version-from">"对比"</label>
                    {picker("from", from)}
                    <label for="version-to">"与"</label>
                    {picker("to", to)}
                    <button type="submit" class="button">"对比"</button>
                </form>
                <section class="sub-card" id="version-diff">
                    <h2>{format!("版本 {} → 版本 {}", diff.from, diff.to)}</h2>
                    <ChangeTable changes=diff.changes filing=diff.filing before="前者" after="后者"/>
                </section>
            }.into_any(),
        }}
    }
}
