//! `/history` (历史记录查询, seed §2.8): every recorded operation on the
//! applications the caller may see, by time range, subject, 备案号,
//! action, actor and role. Each row shows who, when, from which state to
//! which and why; its 详细 (`/history/:id`) adds the pinned reasons and the
//! field diff. The conditions and the page are the URL.

use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;

use crate::api::history::{action_label, search_history, HistoryPage, HistoryQuery};
use crate::domain::role::Role;
use crate::domain::workflow::Action;
use crate::pages::search::records::SEARCHING_ROLES;
use crate::ui::alert::FormAlert;
use crate::ui::i18n::{lang, tr};
use crate::ui::role_gate::RoleGate;

#[component]
pub fn HistorySearchPage() -> impl IntoView {
    view! { <RoleGate roles=SEARCHING_ROLES page=|_| history_page()/> }
}

fn history_page() -> AnyView {
    let query = use_query_map();
    let request = Memo::new(move |_| {
        query.with(|q| HistoryQuery {
            from: q.get("from").unwrap_or_default(),
            to: q.get("to").unwrap_or_default(),
            subject: q.get("subject").unwrap_or_default(),
            number: q.get("number").unwrap_or_default(),
            action: q.get("action").unwrap_or_default(),
            actor: q.get("actor").unwrap_or_default(),
            role: q.get("role").unwrap_or_default(),
            before: q.get("before").unwrap_or_default(),
            limit: 0,
        })
    });
    let page = Resource::new(move || request.get(), search_history);
    let current = request.get_untracked();
    let actions: Vec<&'static str> = std::iter::once("CREATE")
        .chain(Action::ALL.into_iter().map(Action::code))
        .collect();
    view! {
        <section class="panel">
            <h1>{tr("历史记录查询", "History")}</h1>
            <Form method="GET" action="" attr:class="filters" attr:id="history-search">
                <label>{tr("时间从", "From")}<input type="date" name="from" value=current.from.clone()/></label>
                <label>{tr("至", "to")}<input type="date" name="to" value=current.to.clone()/></label>
                <label>{tr("主办单位名称", "Sponsor name")}<input type="search" name="subject" value=current.subject.clone()/></label>
                <label>{tr("备案号", "Filing number")}<input type="search" name="number" value=current.number.clone()/></label>
                <label>{tr("操作", "Actions")}
                    <select name="action">
                        <option value="">{tr("全部", "All")}</option>
                        {actions.into_iter().map(|code| view! {
                            <option value=code selected=code == current.action>{action_label(code, lang())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>{tr("操作人", "By")}<input type="search" name="actor" value=current.actor.clone()/></label>
                <label>{tr("角色", "Role")}
                    <select name="role">
                        <option value="">{tr("全部", "All")}</option>
                        {Role::ALL.into_iter().map(|r| view! {
                            <option value=r.code() selected=r.code() == current.role>{r.label(lang())}</option>
                        }).collect_view()}
                        <option value="system" selected=current.role == "system">{tr("部/省局系统", "Ministry / provincial system")}</option>
                    </select>
                </label>
                <button type="submit" class="button button-primary">{tr("开始搜索", "Search")}</button>
            </Form>
            <Suspense fallback=|| view! { <p class="loading">{tr("查询中…", "Looking up…")}</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Err(error) => view! { <FormAlert error=Signal::derive(move || Some(error.clone()))/> }.into_any(),
                        Ok(found) if found.rows.is_empty() => view! {
                            <p class="empty" id="history-empty">{tr("没有符合条件的历史记录。", "No history matches.")}</p>
                        }.into_any(),
                        Ok(found) => view! { <Operations found deep=!request.get_untracked().before.is_empty()/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

/// The operations and the links to the first and the next page.
#[component]
fn Operations(found: HistoryPage, deep: bool) -> impl IntoView {
    let query = use_query_map();
    let link = move |before: Option<i32>| {
        let mut params = query.get_untracked();
        params.remove("before");
        if let Some(before) = before {
            params.replace("before", before.to_string());
        }
        format!("/history{}", params.to_query_string())
    };
    // Every result of these conditions, not just this page.
    let export = link(None).replacen("/history", "/export/history.csv", 1);
    view! {
        <p class="export"><a href=export download rel="external">{tr("导出 CSV（全部结果）", "Export CSV (all results)")}</a></p>
        <table class="data history-results">
            <thead><tr>
                <th>{tr("时间", "Time")}</th><th>{tr("申请", "Application")}</th><th>{tr("主办单位名称", "Sponsor name")}</th><th>{tr("操作", "Actions")}</th>
                <th>{tr("操作人", "By")}</th><th>{tr("角色", "Role")}</th><th>{tr("状态变化", "State change")}</th><th>{tr("原因说明", "Explanation")}</th><th>{tr("操作", "Actions")}</th>
            </tr></thead>
            <tbody>
                {found.rows.into_iter().map(|r| view! {
                    <tr>
                        <td>{lang().date_time(&r.at)}</td>
                        <td>{format!("#{}", r.application_id)}</td>
                        <td>{r.subject_name}</td>
                        <td>{r.action}</td>
                        <td>{r.actor}</td>
                        <td>{r.role}</td>
                        <td>{if r.state_from.is_empty() { r.state_to } else { format!("{} → {}", r.state_from, r.state_to) }}</td>
                        <td class="reason">{r.reason}</td>
                        <td><A href=format!("/history/{}", r.id)>{tr("详细", "Details")}</A></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <nav class="pager" aria-label=tr("翻页", "Pages")>
            {deep.then(|| view! { <A href=link(None)>{tr("回到第一页", "Back to the first page")}</A> })}
            {found.next.map(|next| view! { <A href=link(Some(next)) attr:id="history-next">{tr("下一页", "Next")}</A> })}
        </nav>
    }
}
