//! `/messages` and `/messages/open`: the 留言 inbox of provider staff and
//! reviewers, one row per application thread with its unread and open
//! counts, newest first. Opening a thread (on the application's page)
//! marks it read.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_query_map};

use crate::api::auth::SessionUser;
use crate::api::messages::message_inbox;
use crate::domain::role::Role;
use crate::ui::alert::FormAlert;
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
