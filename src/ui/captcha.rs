//! The image captcha of the login and registration forms: its field, the
//! image and a link to draw another. The answer lives in the session; a
//! server function spends it, so a form shows a fresh image after every
//! attempt (bump `round`).

use leptos::prelude::*;

use crate::domain::field_error::FieldError;
use crate::i18n::*;
use crate::ui::field::TextField;

/// The captcha row. `refresh_href` reloads the form's page, which draws a
/// new image without JavaScript; with it, the link just bumps `round`.
#[component]
pub fn CaptchaField(
    #[prop(into)] server_errors: Signal<Vec<FieldError>>,
    round: RwSignal<u32>,
    refresh_href: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let refresh = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        round.update(|n| *n += 1);
    };
    view! {
        <div class="captcha-row">
            <TextField
                name="captcha"
                label=move || t!(i18n, captcha)
                hint=move || t!(i18n, captcha_hint)
                server_errors
                required=true
            />
            <div class="captcha-image">
                <img
                    src=move || format!("/captcha?round={}", round.get())
                    alt=move || t_string!(i18n, captcha_alt)
                    width="180"
                    height="60"
                />
                <a href=refresh_href class="captcha-refresh" on:click=refresh>
                    {t!(i18n, captcha_refresh)}
                </a>
            </div>
        </div>
    }
}
