//! The language toggle (zh-CN ⇄ en), remembered by leptos_i18n in a cookie.

use leptos::prelude::*;

use crate::i18n::*;

/// True when the UI currently shows English.
pub fn is_english(i18n: leptos_i18n::I18nContext<Locale>) -> bool {
    i18n.get_locale() == Locale::en
}

/// A button that switches to the other language.
#[component]
pub fn LanguageToggle() -> impl IntoView {
    let i18n = use_i18n();
    let switch = move |_| {
        let next = if is_english(i18n) {
            Locale::zh_CN
        } else {
            Locale::en
        };
        i18n.set_locale(next);
    };
    view! {
        <button
            type="button"
            class="lang-toggle"
            aria-label=move || t_string!(i18n, switch_language_label)
            on:click=switch
        >
            {t!(i18n, switch_language)}
        </button>
    }
}
