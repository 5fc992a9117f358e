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
use crate::i18n::*;
use crate::ui::language::is_english;

/// A role's home: `intro` says what the role does here.
#[component]
pub fn RoleHome(user: SessionUser, #[prop(into)] intro: ViewFn) -> impl IntoView {
    let i18n = use_i18n();
    let SessionUser {
        real_name,
        role,
        province,
        previous_login_at,
        ..
    } = user;
    let name = real_name.clone();
    let role_label = move || {
        if is_english(i18n) {
            role.label_en()
        } else {
            role.label_zh()
        }
    };
    let province = province.and_then(|code| province_by_code(&code));
    view! {
        <section class="panel">
            <h1>{t!(i18n, home_welcome, name = move || name.clone())}</h1>
            <p class="lead">{intro.run()}</p>
        </section>
        <section class="panel" aria-labelledby="account-info">
            <h2 id="account-info">{t!(i18n, account_info)}</h2>
            <dl class="summary">
                <dt>{t!(i18n, role)}</dt>
                <dd>{role_label}</dd>
                {province.map(|p| view! {
                    <dt>{t!(i18n, province)}</dt>
                    <dd>{move || if is_english(i18n) { p.name_en } else { p.name_zh }}</dd>
                })}
                <dt>{t!(i18n, previous_login)}</dt>
                <dd>
                    {match previous_login_at {
                        Some(at) => at.into_any(),
                        None => t!(i18n, first_login).into_any(),
                    }}
                </dd>
            </dl>
        </section>
    }
}
