//! `/messages` and `/messages/open`: the 留言 inbox of provider staff and
//! reviewers, one row per application thread with its unread and open
//! counts, newest first. `/messages/mine`: 申请留言 for a filer, every
//! submitted application with a button to write on it. Opening a thread
//! (on the application's page) marks it read.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_query_map};

use crate::api::auth::SessionUser;
use crate::api::messages::{message_inbox, submitted_threads};
use crate::domain::role::Role;
use crate::ui::alert::FormAlert;
use crate::ui::i18n::{lang, tr};
use crate::ui::live::refresh_on_changes;
use crate::ui::pager::{page_from_query, Pager};
use crate::ui::role_gate::RoleGate;

/// The roles that answer messages.
pub const ANSWERING_ROLES: &[Role] = &[
    Role::ProviderStaff,
    Role::ProviderAdmin,
    Role::BureauReviewer,
    Role::PreApprovalAuthority,
];

#[component]
pub fn MessagesPage() -> impl IntoView {
    view! { <RoleGate roles=ANSWERING_ROLES page=messages_page/> }
}

fn messages_page(_user: SessionUser) -> AnyView {
    let location = use_location();
    let only_open = move || location.pathname.with(|p| p.ends_with("/open"));
    let query = use_query_map();
    let page = move || page_from_query(query.with(|q| q.get("page")));
    let tick = RwSignal::new(0u32);
    refresh_on_changes(tick);
    let data = Resource::new(
        move || (only_open(), page(), tick.get()),
        |(only_open, page, _)| message_inbox(only_open, page),
    );
    view! {
        <section class="panel">
            <h1>{tr("申请留言", "Messages")}</h1>
            <nav class="tabs" aria-label=tr("留言筛选", "Show")>
                <A href="/messages/open" exact=true>{tr("未处理", "Open")}</A>
                <A href="/messages" exact=true>{tr("全部", "All")}</A>
            </nav>
            <Suspense fallback=|| view! { <p class="loading">{tr("加载中…", "Loading…")}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <FormAlert error=Signal::derive(move || Some(error.clone()))/> }.into_any(),
                        Ok(inbox) if inbox.rows.is_empty() => view! {
                            <p class="empty">{if only_open() { tr("没有待处理的留言。", "No open messages.") } else { tr("暂无留言。", "No messages yet.") }}</p>
                        }.into_any(),
                        Ok(inbox) => view! {
                            <p class="meta">{lang().pick(format!("未读留言 {} 条", inbox.unread), format!("{} unread messages", inbox.unread))}</p>
                            <table class="data message-inbox">
                                <thead><tr>
                                    <th>{tr("申请", "Application")}</th><th>{tr("主办单位", "Sponsor")}</th><th>{tr("状态", "State")}</th><th>{tr("最新留言", "Latest message")}</th>
                                    <th>{tr("时间", "Time")}</th><th>{tr("未读", "Unread")}</th><th>{tr("待处理", "Open")}</th>
                                </tr></thead>
                                <tbody>
                                    {inbox.rows.into_iter().map(|row| view! {
                                        <tr class:unread={ row.unread > 0 }>
                                            <td><A href=format!("/review/{}#messages", row.application_id)>{format!("#{}", row.application_id)}</A></td>
                                            <td>{row.subject_name.clone()}</td>
                                            <td><span class=format!("badge state-{}", row.state.code().to_lowercase())>{row.state.label(lang())}</span></td>
                                            <td class="excerpt">{row.last_body.clone()}</td>
                                            <td>{lang().date_time(&row.last_at)}</td>
                                            <td>{row.unread}</td>
                                            <td>{row.open}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <Pager base=if only_open() { "/messages/open" } else { "/messages" } page=inbox.page pages=inbox.pages/>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
pub fn SubmittedMessagesPage() -> impl IntoView {
    view! { <RoleGate roles=&[Role::Filer] page=submitted_page/> }
}

/// 申请留言 (seed manual §2.4): the filer's submitted applications, each
/// with its thread's unread state and a 申请留言 button.
fn submitted_page(_user: SessionUser) -> AnyView {
    let query = use_query_map();
    let page = move || page_from_query(query.with(|q| q.get("page")));
    let tick = RwSignal::new(0u32);
    refresh_on_changes(tick);
    let data = Resource::new(
        move || (page(), tick.get()),
        |(page, _)| submitted_threads(page),
    );
    view! {
        <section class="panel">
            <h1>{tr("申请留言", "Messages")}</h1>
            <p class="hint">
                {tr("已提交的备案资料不能直接修改。需要修改时，请在对应申请上留言，接入服务商会处理并答复。", "A submitted filing cannot be edited. To have it changed, leave a message on it; your provider will handle it and reply.")}
            </p>
            <Suspense fallback=move || view! { <p class="loading">{tr("加载中……", "Loading…")}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <FormAlert error=Signal::derive(move || Some(error.clone()))/> }.into_any(),
                        Ok(found) if found.rows.is_empty() => view! {
                            <p class="empty">{tr("还没有已提交的备案申请。", "No submitted applications yet.")}</p>
                        }.into_any(),
                        Ok(found) => view! {
                            <table class="data submitted-threads">
                                <thead><tr>
                                    <th>"#"</th>
                                    <th>{tr("主办单位", "Subject")}</th>
                                    <th>{tr("域名", "Domains")}</th>
                                    <th>{tr("备案类型", "Type")}</th>
                                    <th>{tr("状态", "State")}</th>
                                    <th>{tr("提交时间", "Submitted")}</th>
                                    <th>{tr("留言", "Messages")}</th>
                                    <th>{tr("操作", "Action")}</th>
                                </tr></thead>
                                <tbody>
                                    {found.rows.into_iter().map(|row| {
                                        let (kind, state) = (row.kind, row.state);
                                        view! {
                                            <tr data-id=row.application_id class:unread={ row.unread > 0 }>
                                                <td>{row.application_id}</td>
                                                <td>{row.subject_name.clone()}</td>
                                                <td>{row.domains.join(tr("、", ", "))}</td>
                                                <td>{kind.label(lang())}</td>
                                                <td><span class=format!("badge state-{}", state.code().to_lowercase())>
                                                    {state.label(lang())}
                                                </span></td>
                                                <td>{lang().date_time(&row.submitted_at)}</td>
                                                <td class="thread-counts">
                                                    {row.total}
                                                    {(row.unread > 0).then(|| view! {
                                                        " " <span class="count unread-badge">
                                                            {lang().pick(format!("{} 条未读", row.unread), format!("{} unread", row.unread))}
                                                        </span>
                                                    })}
                                                </td>
                                                <td><A href=format!("/review/{}#messages", row.application_id) attr:class="button button-small">
                                                    {tr("申请留言", "Leave a message")}
                                                </A></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <Pager base="/messages/mine" page=found.page pages=found.pages/>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}
