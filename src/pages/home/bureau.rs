//! The 管局 reviewer's home (shows the province the reviewer is bound to).

use leptos::prelude::*;

use super::RoleHome;
use crate::api::auth::SessionUser;
use crate::domain::role::Role;
use crate::i18n::*;
use crate::ui::dashboard::DashboardPanel;
use crate::ui::role_gate::RoleGate;

#[component]
pub fn BureauHomePage() -> impl IntoView {
    view! { <RoleGate roles=&[Role::BureauReviewer] page=home/> }
}

fn home(user: SessionUser) -> AnyView {
    let i18n = use_i18n();
    view! {
        <RoleHome user intro=move || t!(i18n, bureau_home_intro)/>
        <DashboardPanel/>
    }
    .into_any()
}
