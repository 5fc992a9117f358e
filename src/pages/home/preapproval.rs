//! The pre-approval authority's home.

use leptos::prelude::*;

use super::RoleHome;
use crate::api::auth::SessionUser;
use crate::domain::role::Role;
use crate::ui::i18n::tr;
use crate::ui::role_gate::RoleGate;

#[component]
pub fn PreApprovalHomePage() -> impl IntoView {
    view! { <RoleGate roles=&[Role::PreApprovalAuthority] page=home/> }
}

fn home(user: SessionUser) -> AnyView {
    view! { <RoleHome user intro=move || tr("在这里审核网站的前置审批事项。", "Decide the pre-approval items of websites here.")/> }.into_any()
}
