//! The system administrator's home.

use leptos::prelude::*;

use super::RoleHome;
use crate::api::auth::SessionUser;
use crate::domain::role::Role;
use crate::ui::i18n::tr;
use crate::ui::role_gate::RoleGate;

#[component]
pub fn AdminHomePage() -> impl IntoView {
    view! { <RoleGate roles=&[Role::SystemAdmin] page=home/> }
}

fn home(user: SessionUser) -> AnyView {
    view! { <RoleHome user intro=move || tr("在这里管理接入服务商、管局和前置审批部门的账号。", "Manage the accounts of provider staff, bureau reviewers and pre-approval authorities here.")/> }.into_any()
}
