//! The 管局 reviewer's home (shows the province the reviewer is bound to).

use leptos::prelude::*;

use super::RoleHome;
use crate::api::auth::SessionUser;
use crate::domain::role::Role;
use crate::ui::dashboard::DashboardPanel;
use crate::ui::i18n::tr;
use crate::ui::role_gate::RoleGate;

#[component]
pub fn BureauHomePage() -> impl IntoView {
    view! { <RoleGate roles=&[Role::BureauReviewer] page=home/> }
}

fn home(user: SessionUser) -> AnyView {
    view! {
        <RoleHome user intro=move || tr("在这里审核本省提交的备案申请，审核通过后系统将签发备案号。", "Review the filings submitted in your province here; approval issues the filing number.")/>
        <DashboardPanel/>
    }
    .into_any()
}
