//! The provider staff's home (staff and provider administrators).

use leptos::prelude::*;
use leptos_router::components::A;

use super::RoleHome;
use crate::api::auth::SessionUser;
use crate::api::shells::list_shells;
use crate::domain::role::Role;
use crate::ui::dashboard::DashboardPanel;
use crate::ui::i18n::{lang, tr};
use crate::ui::role_gate::RoleGate;

#[component]
pub fn ProviderHomePage() -> impl IntoView {
    view! { <RoleGate roles=&[Role::ProviderStaff, Role::ProviderAdmin] page=home/> }
}

fn home(user: SessionUser) -> AnyView {
    view! {
        <RoleHome user intro=move || tr("在这里代客户办理备案、核实主办者自行提交的信息，并处理变更、注销与留言。", "File on behalf of customers, verify self-filed data, and handle changes, cancellations and messages here.")/>
        <DashboardPanel/>
        <ShellsSummary/>
    }
    .into_any()
}

/// The shells this provider left (空壳主体, 空壳网站), with the way to them.
#[component]
fn ShellsSummary() -> impl IntoView {
    let shells = Resource::new(|| (), |_| list_shells(String::new(), 0));
    view! {
        <section class="panel" id="shells-summary">
            <h2>{tr("空壳主体与空壳网站", "Empty subjects and sites")}</h2>
            <Suspense fallback=|| view! { <p class="loading">{tr("加载中…", "Loading…")}</p> }>
                {move || Suspend::new(async move {
                    match shells.await {
                        Ok(found) if found.subjects + found.sites > 0 => {
                            let (subjects, sites) = (found.subjects, found.sites);
                            view! {
                                <p>{move || lang().pick(
                                    format!("本接入商取消接入后留下空壳主体 {subjects} 个、空壳网站 {sites} 个，请提醒主办者办理新增接入或注销。"),
                                    format!("Ending accesses left {subjects} empty subjects and {sites} empty sites; remind their owners to take a new access or cancel."),
                                )}</p>
                                <A href="/shells" attr:class="button button-secondary">{tr("查看空壳", "See them")}</A>
                            }.into_any()
                        }
                        Ok(_) => view! { <p class="empty">{tr("没有空壳主体或空壳网站。", "No empty subjects or sites.")}</p> }.into_any(),
                        Err(_) => view! { <p class="empty">{tr("空壳统计暂不可用。", "The shell counts are unavailable.")}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
