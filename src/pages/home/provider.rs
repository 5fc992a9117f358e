//! The provider staff's home (staff and provider administrators).

use leptos::prelude::*;

use super::RoleHome;
use crate::api::auth::SessionUser;
use crate::domain::role::Role;
use crate::ui::dashboard::DashboardPanel;
use crate::ui::i18n::tr;
use crate::ui::role_gate::RoleGate;

#[component]
pub fn ProviderHomePage() -> impl IntoView {
    view! { <RoleGate roles=&[Role::ProviderStaff, Role::ProviderAdmin] page=home/> }
}

fn home(user: SessionUser) -> AnyView {
    view! {
        <RoleHome user intro=move || tr("在这里代客户办理备案、核实主办者自行提交的信息，并处理变更、注销与留言。", "File on behalf of customers, verify self-filed data, and handle changes, cancellations and messages here.")/>
        <DashboardPanel/>
    }
    .into_any()
}
