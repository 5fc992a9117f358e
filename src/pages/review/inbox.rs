//! `/notifications`: the notification centre. Opening it marks everything
//! read.

use leptos::prelude::*;
use leptos_router::components::A;

use super::WORK_ROLES;
use crate::api::auth::SessionUser;
use crate::api::notifications::{load_inbox, read_all};
use crate::ui::alert::FormAlert;
use crate::ui::i18n::{lang, tr};
use crate::ui::role_gate::RoleGate;

#[component]
pub fn InboxPage() -> impl IntoView {
    view! { <RoleGate roles=WORK_ROLES page=inbox_page/> }
}

fn inbox_page(_user: SessionUser) -> AnyView {
    let data = Resource::new(|| (), |_| load_inbox());
    let mark = Action::new(|_: &()| read_all());
    Effect::new(move |_| {
        mark.dispatch(());
    });
    view! {
        <section class="panel">
            <h1>{tr("通知中心", "Notifications")}</h1>
            // Once the script runs, opening the page marks everything read;
            // until then this form does (`.without-script` hides it after).
            <form method="post" action="/api/notifications/read_all" class="inline-form without-script">
                <button type="submit" class="button button-small" id="read-all">{tr("全部标为已读", "Mark all read")}</button>
            </form>
            <Suspense fallback=|| view! { <p class="loading">{tr("加载中…", "Loading…")}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <FormAlert error=Signal::derive(move || Some(error.clone()))/> }.into_any(),
                        Ok(inbox) if inbox.latest.is_empty() => view! { <p class="empty">{tr("暂无通知。", "No notifications.")}</p> }.into_any(),
                        Ok(inbox) => view! {
                            <ul class="notifications">
                                {inbox.latest.into_iter().map(|n| view! {
                                    <li class:unread=!n.read>
                                        <time>{lang().date_time(&n.at)}</time>" "
                                        {match n.application_id {
                                            Some(id) => view! { <A href=format!("/review/{id}")>{n.text.clone()}</A> }.into_any(),
                                            None => view! { <span>{n.text.clone()}</span> }.into_any(),
                                        }}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}
