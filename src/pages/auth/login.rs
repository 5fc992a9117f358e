//! 用户登录: username, password and the image captcha.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::auth::Login;
use crate::domain::account::check_username;
use crate::ui::alert::FormAlert;
use crate::ui::captcha::CaptchaField;
use crate::ui::field::{action_error, field_errors, TextField};
use crate::ui::i18n::{follow_saved_language, tr};
use crate::ui::role_gate::AuthContext;

/// The login screen. Works without JavaScript: the form posts to the
/// server function, which redirects to the role's home or back here with
/// the error.
#[component]
pub fn LoginPage() -> impl IntoView {
    // Created under the router so a no-JavaScript error in the URL fills it.
    let login = ServerAction::<Login>::new();
    let auth = expect_context::<AuthContext>();
    let query = use_query_map();
    let registered = move || query.with(|q| q.get("registered").is_some());
    let errors = field_errors(login.value());
    let error = action_error(login.value());
    // After every attempt: the user may have changed, and a captcha is
    // single-use, so show a fresh one.
    let captcha_round = RwSignal::new(0u32);
    Effect::new(move |_| {
        if login.version().get() > 0 {
            auth.refresh.update(|n| *n += 1);
            captcha_round.update(|n| *n += 1);
        }
        if login.value().with(|v| matches!(v, Some(Ok(())))) {
            follow_saved_language();
        }
    });
    view! {
        <section class="panel auth-panel">
            <h1>{tr("用户登录", "Log in")}</h1>
            <Show when=registered>
                <p class="alert alert-success" role="status">{tr("注册成功，请使用新账号登录。", "Registration complete. Log in with your new account.")}</p>
            </Show>
            <FormAlert error/>
            <ActionForm action=login attr:class="form" attr:novalidate=true>
                <TextField
                    name="username"
                    label=move || tr("用户名", "Username")
                    autocomplete="username"
                    server_errors=errors
                    check=Callback::new(|v: String| check_username(&v))
                    required=true
                />
                <TextField
                    name="password"
                    label=move || tr("密码", "Password")
                    input_type="password"
                    autocomplete="current-password"
                    server_errors=errors
                    required=true
                />
                <CaptchaField server_errors=errors round=captcha_round refresh_href="/login"/>
                <button type="submit" class="button button-primary">{tr("登录", "Log in")}</button>
            </ActionForm>
            <p class="form-footer">
                {tr("还没有账号？", "No account yet?")} " " <A href="/register">{tr("注册", "Register")}</A>
            </p>
        </section>
    }
}
