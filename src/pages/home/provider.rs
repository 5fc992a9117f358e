//! The provider staff's home (staff and provider administrators).

use leptos::prelude::*;

use super::RoleHome;
use crate::api::auth::SessionUser;
use crate::domain::role::Role;
use crate::i18n::*;
use crate::ui::dashboard::DashboardPanel;
use crate::ui::role_gate::RoleGate;

#[component]
pub fn ProviderHomePage() -> impl IntoView {
    view! { <RoleGate roles=&[Role::ProviderStaff, Role::ProviderAdmin] page=home/> }
}

fn home(user: SessionUser) -> AnyView {
    let i18n = use_i18n();
    view! {
        <RoleHome user intro=move || t!(i18n, provider_home_intro)/>
        <DashboardPanel/>
    }
    .into_any()
}
