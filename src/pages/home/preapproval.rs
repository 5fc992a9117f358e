//! The pre-approval authority's home.

use leptos::prelude::*;

use super::RoleHome;
use crate::api::auth::SessionUser;
use crate::domain::role::Role;
use crate::i18n::*;
use crate::ui::role_gate::RoleGate;

#[component]
pub fn PreApprovalHomePage() -> impl IntoView {
    view! { <RoleGate roles=&[Role::PreApprovalAuthority] page=home/> }
}

fn home(user: SessionUser) -> AnyView {
    let i18n = use_i18n();
    view! { <RoleHome user intro=move || t!(i18n, preapproval_home_intro)/> }.into_any()
}
