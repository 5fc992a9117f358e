//! The UI's one way to speak both languages: every text is a pair, Chinese
//! first, picked with `tr` (or `lang().pick` for built strings).
//!
//! The language is fixed for a page load. The server chooses it per request
//! (`Lang::of_request`: the `lang` cookie, else `Accept-Language`, else
//! Chinese) and writes it into `<html lang>`; the browser reads it back from
//! there when it hydrates, so both render the same text. Switching posts a
//! plain form to `/language`, which saves the choice and reloads the page,
//! so it works without JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

pub use crate::domain::lang::Lang;

/// The language of the page being rendered.
pub fn lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The text of a pair in the page's language.
pub fn tr(zh: &'static str, en: &'static str) -> &'static str {
    lang().pick(zh, en)
}

/// The language of this request (server) or of the loaded page (browser).
pub fn page_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        crate::server::http::language_route::request_lang()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or_default()
    }
}

/// The switch to the other language: a form that posts the choice and
/// comes back to the same address.
#[component]
pub fn LanguageToggle() -> impl IntoView {
    let lang = lang();
    let location = use_location();
    // The router's `search` comes without its `?`.
    let back = move || {
        let search = location.search.get();
        let query = if search.is_empty() || search.starts_with('?') {
            ""
        } else {
            "?"
        };
        format!("{}{query}{search}", location.pathname.get())
    };
    view! {
        <form method="post" action="/language" class="lang-form">
            <input type="hidden" name="to" value=lang.other().code()/>
            <input type="hidden" name="back" value=back/>
            // Named in the language it switches to, as language menus are.
            <button type="submit" class="lang-toggle" lang=lang.other().code()>
                {lang.pick("English", "中文")}
            </button>
        </form>
    }
}

/// After signing in: the account's saved language came back as a cookie.
/// When it is not the page's, the browser loads the home page afresh in it
/// (a page's language is fixed for its load).
pub fn follow_saved_language() {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let cookies = document()
            .dyn_into::<web_sys::HtmlDocument>()
            .ok()
            .and_then(|d| d.cookie().ok())
            .unwrap_or_default();
        let saved = Lang::of_cookies(&cookies);
        if saved.is_some_and(|saved| saved != lang()) {
            _ = window().location().assign("/");
        }
    }
}
