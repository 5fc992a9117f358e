//! The filer's home.

use leptos::prelude::*;

use super::RoleHome;
use crate::api::auth::SessionUser;
use crate::domain::role::Role;
use crate::ui::i18n::tr;
use crate::ui::role_gate::RoleGate;

#[component]
pub fn FilerHomePage() -> impl IntoView {
    view! { <RoleGate roles=&[Role::Filer] page=home/> }
}

fn home(user: SessionUser) -> AnyView {
    view! { <RoleHome user intro=move || tr("在这里办理您的网站备案：填写主体和网站信息、提交审核、处理退回并查看备案进度。", "File your websites here: enter the sponsor and site details, submit for review, fix returns and follow progress.")/> }.into_any()
}
