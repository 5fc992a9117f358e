//! The image captcha of the login and registration forms: its field, the
//! image and a link to draw another. The answer lives in the session; a
//! server function spends it, so a form shows a fresh image after every
//! attempt (bump `round`).

use std::sync::atomic::{AtomicU32, Ordering};

use leptos::prelude::*;

use crate::domain::field_error::FieldError;
use crate::ui::field::TextField;
use crate::ui::i18n::tr;

/// Captcha fields mounted in this browser document. A browser shows an image
/// it already has for the same URL without asking the server again, so a
/// form reached by in-app navigation must not repeat an earlier form's
/// URLs: its draws would never reach the server, and the session would
/// hold no answer. Effects run only in the browser, so the server never
/// counts.
static MOUNTS: AtomicU32 = AtomicU32::new(0);

/// The captcha row. `refresh_href` reloads the form's page, which draws a
/// new image without JavaScript; with it, the link just bumps `round`.
#[component]
pub fn CaptchaField(
    #[prop(into)] server_errors: Signal<Vec<FieldError>>,
    round: RwSignal<u32>,
    refresh_href: &'static str,
) -> impl IntoView {
    // The first field of a page load keeps the image the server rendered;
    // any later one starts its rounds where no earlier field's reach.
    Effect::new(move |_| {
        let mount = MOUNTS.fetch_add(1, Ordering::Relaxed);
        if mount > 0 {
            round.set(mount.saturating_mul(1_000_000));
        }
    });
    let refresh = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        round.update(|n| *n += 1);
    };
    view! {
        <div class="captcha-row">
            <TextField
                name="captcha"
                label=move || tr("验证码", "Verification code")
                hint=move || tr("不区分大小写，2 分钟内有效", "Not case-sensitive; valid for 2 minutes")
                server_errors
                required=true
            />
            <div class="captcha-image">
                <img
                    src=move || format!("/captcha?round={}", round.get())
                    alt=move || tr("验证码图片，请输入图中的字符", "Verification image: type the characters shown")
                    width="180"
                    height="60"
                />
                <a href=refresh_href class="captcha-refresh" on:click=refresh>
                    {tr("看不清？换一张", "Can't read it? New image")}
                </a>
            </div>
        </div>
    }
}
