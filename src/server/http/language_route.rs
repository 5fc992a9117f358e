//! `POST /language`: the language toggle. A plain form (it works without
//! JavaScript) names the language and the page to return to; the answer
//! sets the `lang` cookie, saves the choice on a signed-in account, and
//! redirects back, so the page is rendered again in the new language.

use axum::extract::State;
use axum::http::header::{self, ACCEPT_LANGUAGE, COOKIE};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use leptos::prelude::use_context;
use serde::Deserialize;
use tower_sessions::Session;

use crate::domain::lang::{Lang, LANG_COOKIE};
use crate::server::accounts;
use crate::server::auth::guard::current_account;
use crate::server::infra::state::AppState;

/// A year: the choice outlives any session.
const COOKIE_MAX_AGE_SECS: u32 = 365 * 24 * 3600;

#[derive(Deserialize)]
pub struct Choice {
    to: String,
    #[serde(default)]
    back: String,
}

/// Only a path on this site is followed back; anything else goes home.
fn local_path(back: &str) -> &str {
    let is_local = back.starts_with('/')
        && !back.starts_with("//")
        && !back.contains('\\')
        && !back.chars().any(char::is_control);
    if is_local {
        back
    } else {
        "/"
    }
}

/// The language of the request being answered (a page or a server
/// function): its `lang` cookie, else its `Accept-Language`, else Chinese.
///
/// A server function must read it before its first `.await`: the request
/// reaches it through the reactive owner, and past an await the owner
/// current on the thread is not reliably the request's.
pub fn request_lang() -> Lang {
    let Some(parts) = use_context::<Parts>() else {
        return Lang::default();
    };
    let accept = parts
        .headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    Lang::of_request(cookie_choice(&parts), accept)
}

/// The language this browser chose with the toggle, if it did (read, like
/// `request_lang`, before the first `.await`).
pub fn chosen_lang() -> Option<Lang> {
    use_context::<Parts>().and_then(|parts| cookie_choice(&parts))
}

/// The choice the request's `Cookie` headers carry.
fn cookie_choice(parts: &Parts) -> Option<Lang> {
    parts
        .headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(Lang::of_cookies)
}

/// The `Set-Cookie` value remembering `lang`.
pub fn lang_cookie(lang: Lang, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age={COOKIE_MAX_AGE_SECS}; SameSite=Lax{secure}",
        lang.code()
    )
}

pub async fn choose(
    State(state): State<AppState>,
    session: Session,
    Form(choice): Form<Choice>,
) -> Response {
    let back = local_path(&choice.back).to_owned();
    let Some(lang) = Lang::from_code(&choice.to) else {
        return Redirect::to(&back).into_response();
    };
    match current_account(&state, &session).await {
        Ok(Some(account)) => {
            if let Err(error) = accounts::save_language(&state.db, account.id, lang).await {
                // The cookie still carries the choice on this device.
                tracing::error!(?error, "could not save the language choice");
            }
        }
        Ok(None) => {}
        Err(error) => tracing::error!(?error, "session unreadable on a language choice"),
    }
    (
        [(
            header::SET_COOKIE,
            lang_cookie(lang, state.config.cookie_secure),
        )],
        Redirect::to(&back),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed_back() {
        assert_eq!(local_path("/records?page=2"), "/records?page=2");
        assert_eq!(local_path("//evil.example/"), "/");
        assert_eq!(local_path("https://evil.example/"), "/");
        assert_eq!(local_path("/\\evil.example"), "/");
        assert_eq!(local_path(""), "/");
    }
}
