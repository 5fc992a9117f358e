//! 用户注册: the form after both agreements were accepted.

use leptos::prelude::*;
use leptos_router::components::{Redirect, A};
use leptos_router::hooks::use_query_map;

use crate::api::auth::{Register, AGREEMENTS_ACCEPTED};
use crate::domain::account::{
    check_email, check_mobile, check_password, check_password_confirm, check_real_name,
    check_username,
};
use crate::domain::field_error::first_for;
use crate::i18n::*;
use crate::ui::alert::FormAlert;
use crate::ui::captcha::CaptchaField;
use crate::ui::field::{action_error, field_errors, FieldMessage, TextField};

/// The registration form. Reached only through the agreement screens; a
/// visitor arriving directly is sent to the first one.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let query = use_query_map();
    let agreed = query.with_untracked(|q| q.get("agreed").is_some());
    if !agreed {
        return view! { <Redirect path="/register"/> }.into_any();
    }
    RegisterForm().into_any()
}

#[component]
fn RegisterForm() -> impl IntoView {
    let i18n = use_i18n();
    let register = ServerAction::<Register>::new();
    let errors = field_errors(register.value());
    let error = action_error(register.value());
    let agreements_error =
        Signal::derive(move || errors.with(|e| first_for(e, "agreements").cloned()));
    // The captcha is spent by every attempt: show a fresh one after each.
    let captcha_round = RwSignal::new(0u32);
    Effect::new(move |_| {
        if register.version().get() > 0 {
            captcha_round.update(|n| *n += 1);
        }
    });
    view! {
        <section class="panel auth-panel">
            <h1>{t!(i18n, register_title)}</h1>
            <FormAlert error/>
            <FieldMessage id="field-agreements-error".to_owned() error=agreements_error/>
            <ActionForm action=register attr:class="form" attr:novalidate=true>
                <input type="hidden" name="agreements" value=AGREEMENTS_ACCEPTED/>
                <FilerAccountFields errors/>
                <CaptchaField server_errors=errors round=captcha_round
                    refresh_href="/register/form?agreed=1"/>
                <button type="submit" class="button button-primary">{t!(i18n, register_submit)}</button>
            </ActionForm>
            <p class="form-footer">
                {t!(i18n, have_account)} " " <A href="/login">{t!(i18n, login)}</A>
            </p>
        </section>
    }
}

/// The fields of a filer account: the registration form's, and the form
/// provider staff use to open an account for a customer (代为备案). Each runs
/// its shared `domain` check as the user leaves it.
#[component]
pub fn FilerAccountFields(
    #[prop(into)] errors: Signal<Vec<crate::domain::field_error::FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let kind_error = Signal::derive(move || errors.with(|e| first_for(e, "kind").cloned()));
    view! {
        <TextField
            name="username"
            label=move || t!(i18n, username)
            hint=move || t!(i18n, username_hint)
            autocomplete="username"
            server_errors=errors
            value=username
            check=Callback::new(|v: String| check_username(&v))
            required=true
        />
        <TextField
            name="password"
            label=move || t!(i18n, password)
            hint=move || t!(i18n, password_hint)
            input_type="password"
            autocomplete="new-password"
            server_errors=errors
            value=password
            check=Callback::new(move |v: String| check_password(&v, &username.get_untracked()))
            required=true
        />
        <TextField
            name="password_confirm"
            label=move || t!(i18n, password_confirm)
            input_type="password"
            autocomplete="new-password"
            server_errors=errors
            check=Callback::new(move |v: String| check_password_confirm(&password.get_untracked(), &v))
            required=true
        />
        <TextField
            name="real_name"
            label=move || t!(i18n, real_name)
            autocomplete="name"
            server_errors=errors
            check=Callback::new(|v: String| check_real_name(&v))
            required=true
        />
        <TextField
            name="mobile"
            label=move || t!(i18n, mobile)
            hint=move || t!(i18n, mobile_hint)
            input_type="tel"
            autocomplete="tel"
            server_errors=errors
            check=Callback::new(|v: String| check_mobile(&v))
            required=true
        />
        <TextField
            name="email"
            label=move || t!(i18n, email)
            input_type="email"
            autocomplete="email"
            server_errors=errors
            check=Callback::new(|v: String| check_email(&v))
            required=true
        />
        <fieldset class="field" class:has-error=move || kind_error.with(Option::is_some)
            aria-describedby="field-kind-error">
            <legend>{t!(i18n, filer_kind)}<span class="required" aria-hidden="true">" *"</span></legend>
            <label class="choice">
                <input type="radio" name="kind" value="org"/>
                {t!(i18n, kind_org)}
            </label>
            <label class="choice">
                <input type="radio" name="kind" value="person"/>
                {t!(i18n, kind_person)}
            </label>
            <FieldMessage id="field-kind-error".to_owned() error=kind_error/>
        </fieldset>
    }
}
