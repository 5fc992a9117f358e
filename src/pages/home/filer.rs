//! The filer's home.

use leptos::prelude::*;

use super::RoleHome;
use crate::api::auth::SessionUser;
use crate::domain::role::Role;
use crate::i18n::*;
use crate::ui::role_gate::RoleGate;

#[component]
pub fn FilerHomePage() -> impl IntoView {
    view! { <RoleGate roles=&[Role::Filer] page=home/> }
}

fn home(user: SessionUser) -> AnyView {
    let i18n = use_i18n();
    view! { <RoleHome user intro=move || t!(i18n, filer_home_intro)/> }.into_any()
}
