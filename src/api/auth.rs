//! Registration, login with captcha, logout and "who am I".

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::domain::account::AccountStatus;
use crate::domain::account::Agreement;
use crate::domain::role::Role;
use crate::error::AppError;

/// The signed-in user as the UI sees it (no secrets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub username: String,
    pub real_name: String,
    pub role: Role,
    /// GB/T 2260 code, for 管局 reviewers.
    pub province: Option<String>,
    /// The login before this one, Beijing time, `YYYY-MM-DD HH:MM`.
    pub previous_login_at: Option<String>,
}

/// 接受 on an agreement screen: records it in the visitor's session and
/// goes on to the next screen, or to the form after the second. The second
/// screen accepted without the first sends the visitor back to the first.
#[server(endpoint = "agreements/accept")]
pub async fn accept_agreement(agreement: Agreement) -> Result<(), AppError> {
    use crate::server::auth::{agreements, guard::session};

    let session = session().await?;
    let accepted = agreements::accept(&session, agreement, chrono::Utc::now().timestamp()).await?;
    leptos_axum::redirect(match (agreement, accepted) {
        (Agreement::Terms, _) => "/register/privacy",
        (Agreement::Privacy, true) => "/register/form",
        (Agreement::Privacy, false) => "/register",
    });
    Ok(())
}

/// Whether this visitor accepted both agreements in force, so the form
/// may open.
#[server(endpoint = "agreements/status")]
pub async fn agreements_accepted() -> Result<bool, AppError> {
    use crate::server::auth::{agreements, guard::session};

    Ok(agreements::completed_at(&session().await?).await?.is_some())
}

/// Registers a filer (网站主办者); on success the browser goes to the
/// 注册成功 page. Field errors come back as `AppError::Validation`. The
/// captcha is checked (and spent) first, as at login, so a script cannot
/// fill the account table; a per-client limit stands in front as well.
/// Only a visitor whose session accepted both agreements in force gets
/// an account, which records when and which version.
#[allow(clippy::too_many_arguments)]
#[server(endpoint = "register")]
pub async fn register(
    username: String,
    password: String,
    password_confirm: String,
    real_name: String,
    mobile: String,
    email: String,
    kind: Option<String>,
    captcha: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::account::Registration;
    use crate::server::auth::{agreements, captcha as image_captcha, guard::session};
    use crate::server::{accounts, infra::state::app_state};

    let state = app_state()?;
    let session = session().await?;
    let now = chrono::Utc::now();
    image_captcha::consume(
        &session,
        captcha.as_deref().unwrap_or_default(),
        now.timestamp(),
    )
    .await?;
    let accepted_at = agreements::completed_at(&session)
        .await?
        .and_then(|at| chrono::DateTime::from_timestamp(at, 0));
    let form = Registration {
        username,
        password,
        password_confirm,
        real_name,
        mobile,
        email,
        kind: kind.unwrap_or_default(),
        accepted_agreements: accepted_at.is_some(),
    };
    accounts::register(&state.db, form, accepted_at, now).await?;
    agreements::forget(&session).await?;
    leptos_axum::redirect("/register/done");
    Ok(())
}

/// Signs in. The captcha is checked (and spent) before anything else, so a
/// wrong or replayed captcha costs no password hashing. An unknown user and
/// a wrong password get the same answer.
#[server(endpoint = "login")]
pub async fn login(username: String, password: String, captcha: String) -> Result<(), AppError> {
    use crate::domain::field_error::FieldError;
    use crate::server::accounts;
    use crate::server::auth::guard::{session, ACCOUNT_KEY, EPOCH_KEY, SIGNED_IN_KEY};
    use crate::server::auth::{captcha as image_captcha, lockout, password as passwords};
    use crate::server::http::language_route;
    use crate::server::infra::state::app_state;

    // Read before the first await (language_route::request_lang).
    let chosen = language_route::chosen_lang();
    let response = expect_context::<leptos_axum::ResponseOptions>();
    let state = app_state()?;
    let session = session().await?;
    let now = chrono::Utc::now();
    image_captcha::consume(&session, &captcha, now.timestamp()).await?;

    // This username's attempts take turns, each seeing the failures before it.
    let name = crate::domain::account::canonical_username(&username);
    let pass = state.login_gate.enter(&name).await;
    let client =
        crate::server::http::rate_limit::calling_client(state.config.trust_forwarded_for).await;
    let counters = lockout::Counters::new(&name, client);
    let account = accounts::find_by_username(&state.db, &name).await?;
    let failures = lockout::find(&state.db, &counters).await?;
    failures.refuse_while_locked(now)?;
    let usable_hash = account
        .as_ref()
        .filter(|a| a.status == AccountStatus::Active)
        .map(|a| a.password_hash.clone());
    state.count_password_check();
    let password_ok = passwords::verify(password, usable_hash).await?;

    let account = match account {
        Some(account) if password_ok => account,
        _ => {
            // The failure is written after the answer goes out, still
            // holding this username's turn, so the next attempt sees the
            // count. Known and unknown names write the same row.
            let locks = failures.lock_after_one_more();
            let db = state.db.clone();
            tokio::spawn(async move {
                if let Err(error) = lockout::record_failure(&db, &counters, now).await {
                    tracing::error!(?error, "could not count a failed login");
                }
                drop(pass);
            });
            return match locks {
                Some(lock) => Err(AppError::RateLimited {
                    retry_after_secs: lock.as_secs().max(1),
                }),
                None => Err(AppError::field(FieldError::new(
                    "password",
                    "AUTH_BAD_CREDENTIALS",
                    "用户名或密码错误",
                    "Wrong username or password",
                ))),
            };
        }
    };
    accounts::record_successful_login(&state.db, &account, &counters, now).await?;
    // A new id on login: a session id planted before login is worthless.
    session.cycle_id().await?;
    session.insert(ACCOUNT_KEY, account.id).await?;
    session.insert(EPOCH_KEY, account.session_epoch).await?;
    session.insert(SIGNED_IN_KEY, now.timestamp()).await?;
    // The latest choice wins: this browser's, which the account keeps, or
    // else the one the account kept from another device.
    match (chosen, account.language) {
        (Some(lang), saved) if saved != Some(lang) => {
            accounts::save_language(&state.db, account.id, lang).await?;
        }
        (None, Some(lang)) => {
            let cookie = language_route::lang_cookie(lang, state.config.cookie_secure);
            if let Ok(value) = http::HeaderValue::from_str(&cookie) {
                response.append_header(http::header::SET_COOKIE, value);
            }
        }
        _ => {}
    }
    let home = account.role.home_path();
    leptos_axum::redirect(home);
    Ok(())
}

/// 修改密码: every other session of the account ends; this one carries on
/// under a new id.
#[server(endpoint = "account/password")]
pub async fn change_password(
    current_password: String,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    use crate::domain::account::PasswordChange;
    use crate::server::accounts;
    use crate::server::auth::guard::{require_account, session, EPOCH_KEY};

    let (state, account) = require_account().await?;
    state.count_password_check();
    let form = PasswordChange {
        current_password,
        password,
        password_confirm,
    };
    let client =
        crate::server::http::rate_limit::calling_client(state.config.trust_forwarded_for).await;
    let counters = crate::server::auth::lockout::Counters::new(&account.username, client);
    let epoch =
        accounts::change_password(&state.db, &account, &counters, form, chrono::Utc::now()).await?;
    let session = session().await?;
    session.cycle_id().await?;
    session.insert(EPOCH_KEY, epoch).await?;
    Ok(())
}

/// Signs out: the session record is deleted, so the old cookie is dead.
#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::server::auth::guard::session;

    session().await?.flush().await?;
    leptos_axum::redirect("/login");
    Ok(())
}

/// The signed-in user, or `None` for a visitor.
#[server(endpoint = "me")]
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    use crate::server::auth::guard::{current_account, session};
    use crate::server::infra::state::app_state;
    use crate::server::infra::time::beijing_minutes;

    let state = app_state()?;
    let session = session().await?;
    let Some(account) = current_account(&state, &session).await? else {
        return Ok(None);
    };
    let role = account.role;
    Ok(Some(SessionUser {
        username: account.username,
        real_name: account.real_name,
        role,
        province: account.province,
        previous_login_at: account.previous_login_at.map(beijing_minutes),
    }))
}
