//! Each role's home page, and the frame they share: a greeting, the role's
//! purpose and the account summary (with 上次登录 so misuse is noticed).

pub mod admin;
pub mod bureau;
pub mod filer;
pub mod preapproval;
pub mod provider;

use leptos::prelude::*;

use crate::api::auth::SessionUser;
use crate::domain::region::province_by_code;
use crate::ui::i18n::{lang, tr};

/// A role's home: `intro` says what the role does here.
#[component]
pub fn RoleHome(user: SessionUser, #[prop(into)] intro: ViewFn) -> impl IntoView {
    let SessionUser {
        real_name,
        role,
        province,
        previous_login_at,
        ..
    } = user;
    let name = real_name.clone();
    let role_label = role.label(lang());
    let province = province.and_then(|code| province_by_code(&code));
    view! {
        <section class="panel">
            <h1>{lang().pick(format!("欢迎，{name}"), format!("Welcome, {name}"))}</h1>
            <p class="lead">{intro.run()}</p>
        </section>
        <section class="panel" aria-labelledby="account-info">
            <h2 id="account-info">{tr("账号信息", "Account")}</h2>
            <dl class="summary">
                <dt>{tr("角色", "Role")}</dt>
                <dd>{role_label}</dd>
                {province.map(|p| view! {
                    <dt>{tr("所属省份", "Province")}</dt>
                    <dd>{move || p.name(lang())}</dd>
                })}
                <dt>{tr("上次登录", "Previous login")}</dt>
                <dd>
                    {match previous_login_at {
                        Some(at) => at.into_any(),
                        None => tr("这是您的首次登录", "This is your first login").into_any(),
                    }}
                </dd>
            </dl>
        </section>
    }
}
