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
use crate::ui::i18n::{lang, tr};
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
            <p><A href="/records">{tr("← 返回备案信息查询", "← Back to the record search")}</A></p>
            <Suspense fallback=|| view! { <p class="loading">{tr("加载中…", "Loading…")}</p> }>
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
                        {lang().pick(format!("版本 {}（{}）", v.version, v.approved_at), format!("Version {} ({})", v.version, v.approved_at))}
                    </option>
                }).collect_view()}
            </select>
        }
    };
    let from = history.diff.as_ref().map(|d| d.from);
    let to = history.diff.as_ref().map(|d| d.to);
    view! {
        <h1>{tr("历史记录：", "History: ")}<span class="icp-number">{history.subject_number.clone()}</span>" "{history.subject_name.clone()}</h1>
        <table class="data" id="record-versions">
            <thead><tr><th>{tr("版本", "Version")}</th><th>{tr("审核通过时间", "Approved")}</th><th>{tr("申请", "Application")}</th></tr></thead>
            <tbody>
                {history.versions.iter().map(|v| view! {
                    <tr>
                        <td>{lang().pick(format!("版本 {}", v.version), format!("Version {}", v.version))}</td>
                        <td>{lang().date_time(&v.approved_at)}</td>
                        <td><A href=format!("/review/{}", v.application_id)>{format!("#{} {}", v.application_id, v.kind.label(lang()))}</A></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {match history.diff.clone() {
            None if history.versions.is_empty() => view! {
                <p class="empty" id="versions-none">{tr("该备案在启用版本记录之前审核通过，其版本从下一次审核通过起记录。", "This record was approved before versions were kept; its versions start with its next approval.")}</p>
            }.into_any(),
            None => view! { <p class="hint" id="versions-single">{tr("该备案目前只有一个版本，审核通过新的变更后即可对比。", "This record has one version so far; once a change is approved, the two can be compared.")}</p> }.into_any(),
            Some(diff) => view! {
                <form method="get" action="/records/versions" class="filters" id="versions-compare">
                    <input type="hidden" name="number" value=history.subject_number.clone()/>
                    <label for="version-from">{tr("对比", "Compare")}</label>
                    {picker("from", from)}
                    <label for="version-to">{tr("与", "with")}</label>
                    {picker("to", to)}
                    <button type="submit" class="button">{tr("对比", "Compare")}</button>
                </form>
                <section class="sub-card" id="version-diff">
                    <h2>{lang().pick(format!("版本 {} → 版本 {}", diff.from, diff.to), format!("Version {} → version {}", diff.from, diff.to))}</h2>
                    <ChangeTable changes=diff.changes filing=diff.filing before=tr("前者", "Earlier") after=tr("后者", "Later")/>
                </section>
            }.into_any(),
        }}
    }
}
