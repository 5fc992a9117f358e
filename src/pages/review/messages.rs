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
use crate::i18n::*;
use crate::ui::alert::FormAlert;
use crate::ui::language::is_english;
use crate::ui::live::refresh_on_changes;
use crate::ui::pager::{page_from_query, Pager};
use crate::ui::role_gate::RoleGate;
use crate::ui::wizard_fields::L;

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
            <h1>"申请留言"</h1>
            <nav class="tabs" aria-label="留言筛选">
                <A href="/messages/open" exact=true>"未处理"</A>
                <A href="/messages" exact=true>"全部"</A>
            </nav>
            <Suspense fallback=|| view! { <p class="loading">"加载中…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <FormAlert error=Signal::derive(move || Some(error.clone()))/> }.into_any(),
                        Ok(inbox) if inbox.rows.is_empty() => view! {
                            <p class="empty">{if only_open() { "没有待处理的留言。" } else { "暂无留言。" }}</p>
                        }.into_any(),
                        Ok(inbox) => view! {
                            <p class="meta">{format!("未读留言 {} 条", inbox.unread)}</p>
                            <table class="data message-inbox">
                                <thead><tr>
                                    <th>"申请"</th><th>"主办单位"</th><th>"状态"</th><th>"最新留言"</th>
                                    <th>"时间"</th><th>"未读"</th><th>"待处理"</th>
                                </tr></thead>
                                <tbody>
                                    {inbox.rows.into_iter().map(|row| view! {
                                        <tr class:unread={ row.unread > 0 }>
                                            <td><A href=format!("/review/{}#messages", row.application_id)>{format!("#{}", row.application_id)}</A></td>
                                            <td>{row.subject_name.clone()}</td>
                                            <td><span class=format!("badge state-{}", row.state.code().to_lowercase())>{row.state.label_zh()}</span></td>
                                            <td class="excerpt">{row.last_body.clone()}</td>
                                            <td>{row.last_at.clone()}</td>
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
    let i18n = use_i18n();
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
            <h1><L zh="申请留言" en="Messages"/></h1>
            <p class="hint">
                <L zh="已提交的备案资料不能直接修改。需要修改时，请在对应申请上留言，接入服务商会处理并答复。"
                   en="A submitted filing cannot be edited. To have it changed, leave a message on it; your provider will handle it and reply."/>
            </p>
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <FormAlert error=Signal::derive(move || Some(error.clone()))/> }.into_any(),
                        Ok(found) if found.rows.is_empty() => view! {
                            <p class="empty"><L zh="还没有已提交的备案申请。" en="No submitted applications yet."/></p>
                        }.into_any(),
                        Ok(found) => view! {
                            <table class="data submitted-threads">
                                <thead><tr>
                                    <th>"#"</th>
                                    <th><L zh="主办单位" en="Subject"/></th>
                                    <th><L zh="域名" en="Domains"/></th>
                                    <th><L zh="备案类型" en="Type"/></th>
                                    <th><L zh="状态" en="State"/></th>
                                    <th><L zh="提交时间" en="Submitted"/></th>
                                    <th><L zh="留言" en="Messages"/></th>
                                    <th><L zh="操作" en="Action"/></th>
                                </tr></thead>
                                <tbody>
                                    {found.rows.into_iter().map(|row| {
                                        let (kind, state) = (row.kind, row.state);
                                        view! {
                                            <tr data-id=row.application_id class:unread={ row.unread > 0 }>
                                                <td>{row.application_id}</td>
                                                <td>{row.subject_name.clone()}</td>
                                                <td>{row.domains.join("、")}</td>
                                                <td>{move || if is_english(i18n) { kind.label_en() } else { kind.label_zh() }}</td>
                                                <td><span class=format!("badge state-{}", state.code().to_lowercase())>
                                                    {move || if is_english(i18n) { state.label_en() } else { state.label_zh() }}
                                                </span></td>
                                                <td>{row.submitted_at.clone()}</td>
                                                <td class="thread-counts">
                                                    {row.total}
                                                    {(row.unread > 0).then(|| view! {
                                                        " " <span class="count unread-badge">
                                                            {move || if is_english(i18n) { format!("{} unread", row.unread) } else { format!("{} 条未读", row.unread) }}
                                                        </span>
                                                    })}
                                                </td>
                                                <td><A href=format!("/review/{}#messages", row.application_id) attr:class="button button-small">
                                                    <L zh="申请留言" en="Leave a message"/>
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
