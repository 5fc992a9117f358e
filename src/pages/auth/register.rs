//! 用户注册 (seed §1.1): after both agreements, the form in two pages,
//! 账号信息 then 联系信息, and the 注册成功 page.

use leptos::prelude::*;
use leptos_router::components::{Redirect, A};

use crate::api::auth::{agreements_accepted, Register};
use crate::domain::account::{
    check_email, check_mobile, check_password, check_password_confirm, check_real_name,
    check_username,
};
use crate::domain::field_error::first_for;
use crate::ui::alert::{FormAlert, LoadFailure};
use crate::ui::captcha::CaptchaField;
use crate::ui::field::{action_error, field_errors, FieldMessage, TextField};
use crate::ui::i18n::tr;

/// The fields of the first page (账号信息); an error the server finds in
/// one of them brings that page back.
const ACCOUNT_FIELDS: [&str; 3] = ["username", "password", "password_confirm"];

/// The registration form. The server opens it only to a visitor whose
/// session accepted both agreements; anyone else is sent to the first.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let accepted = Resource::new(|| (), |_| agreements_accepted());
    view! {
        <Suspense fallback=|| ()>
            {move || accepted.get().map(|answer| match answer {
                Ok(true) => RegisterForm().into_any(),
                Ok(false) => view! { <Redirect path="/register"/> }.into_any(),
                Err(error) => view! { <LoadFailure error/> }.into_any(),
            })}
        </Suspense>
    }
}

/// The form's two pages. With JavaScript one shows at a time and 下一步
/// checks the first before the second opens; without it both show, one
/// above the other, and the one 注册 button sends them together. Nothing
/// typed is lost either way: both pages stay in the form.
#[component]
fn RegisterForm() -> impl IntoView {
    let register = ServerAction::<Register>::new();
    let errors = field_errors(register.value());
    let error = action_error(register.value());
    let agreements_error =
        Signal::derive(move || errors.with(|e| first_for(e, "agreements").cloned()));
    // The captcha is spent by every attempt: show a fresh one after each.
    let captcha_round = RwSignal::new(0u32);
    let page = RwSignal::new(1u8);
    // Effects run only in the browser: until then both pages show.
    let paged = RwSignal::new(false);
    Effect::new(move |_| paged.set(true));
    let account = AccountValues::default();
    let reveal = RwSignal::new(false);
    Effect::new(move |_| {
        if register.version().get() > 0 {
            captcha_round.update(|n| *n += 1);
        }
        // The server's answer opens the page of its first field error (an
        // Enter on page 1 sends the whole form, too).
        errors.with(|e| {
            if e.iter().any(|e| ACCOUNT_FIELDS.contains(&e.field.as_str())) {
                page.set(1);
            } else if !e.is_empty() {
                page.set(2);
            }
        });
    });
    let next = move |_| {
        if account.has_errors() {
            reveal.set(true);
        } else {
            page.set(2);
        }
    };
    let hidden = move |n: u8| paged.get() && page.get() != n;
    view! {
        <section class="panel auth-panel">
            <h1>{tr("用户注册", "Register")}</h1>
            <FormAlert error/>
            <FieldMessage id="field-agreements-error".to_owned() error=agreements_error/>
            <ActionForm action=register attr:class="form" attr:novalidate=true>
                <fieldset class="form-page" id="register-account" class:hidden=move || hidden(1)>
                    <legend>{tr("第一页：账号信息", "Page 1: account")}</legend>
                    <AccountFields errors values=account reveal/>
                    <Show when=move || paged.get()>
                        <button type="button" class="button button-primary" id="register-next" on:click=next>
                            {tr("下一步", "Next")}
                        </button>
                    </Show>
                </fieldset>
                <fieldset class="form-page" id="register-contact" class:hidden=move || hidden(2)>
                    <legend>{tr("第二页：联系信息", "Page 2: contact details")}</legend>
                    <ContactFields errors/>
                    <CaptchaField server_errors=errors round=captcha_round
                        refresh_href="/register/form"/>
                    <div class="actions">
                        <Show when=move || paged.get()>
                            <button type="button" class="button" id="register-back" on:click=move |_| page.set(1)>
                                {tr("上一步", "Back")}
                            </button>
                        </Show>
                        <button type="submit" class="button button-primary">{tr("注册", "Register")}</button>
                    </div>
                </fieldset>
            </ActionForm>
            <p class="form-footer">
                {tr("已有账号？", "Already registered?")} " " <A href="/login">{tr("登录", "Log in")}</A>
            </p>
        </section>
    }
}

/// 注册成功: where a new account lands, with the way back to sign in.
#[component]
pub fn RegisteredPage() -> impl IntoView {
    view! {
        <section class="panel auth-panel">
            <h1>{tr("注册成功", "Registration complete")}</h1>
            <p class="alert alert-success" role="status">{tr("注册成功，请使用新账号登录。", "Registration complete. Log in with your new account.")}</p>
            <p><A href="/login" attr:class="button button-primary">{tr("返回登录", "Back to login")}</A></p>
        </section>
    }
}

/// The first page's values, which 下一步 checks with the shared rules.
#[derive(Clone, Copy)]
struct AccountValues {
    username: RwSignal<String>,
    password: RwSignal<String>,
    password_confirm: RwSignal<String>,
}

impl Default for AccountValues {
    fn default() -> Self {
        AccountValues {
            username: RwSignal::new(String::new()),
            password: RwSignal::new(String::new()),
            password_confirm: RwSignal::new(String::new()),
        }
    }
}

impl AccountValues {
    fn has_errors(&self) -> bool {
        let username = self.username.get_untracked();
        let password = self.password.get_untracked();
        check_username(&username).is_some()
            || check_password(&password, &username).is_some()
            || check_password_confirm(&password, &self.password_confirm.get_untracked()).is_some()
    }
}

/// The fields of a filer account: the registration form's two pages, and
/// the form provider staff use to open an account for a customer (代为备案).
#[component]
pub fn FilerAccountFields(
    #[prop(into)] errors: Signal<Vec<crate::domain::field_error::FieldError>>,
) -> impl IntoView {
    view! {
        <AccountFields errors values=AccountValues::default() reveal=RwSignal::new(false)/>
        <ContactFields errors/>
    }
}

/// 账号信息: username and password twice. Each runs its shared `domain`
/// check as the user leaves it, or for all at once when `reveal` is set.
#[component]
fn AccountFields(
    #[prop(into)] errors: Signal<Vec<crate::domain::field_error::FieldError>>,
    values: AccountValues,
    reveal: RwSignal<bool>,
) -> impl IntoView {
    let AccountValues {
        username,
        password,
        password_confirm,
    } = values;
    view! {
        <TextField
            name="username"
            label=move || tr("用户名", "Username")
            hint=move || tr("4–32 位字母、数字或下划线，不区分大小写", "4 to 32 letters, digits or underscores; not case-sensitive")
            autocomplete="username"
            server_errors=errors
            value=username
            check=Callback::new(|v: String| check_username(&v))
            reveal=reveal
            required=true
        />
        <TextField
            name="password"
            label=move || tr("密码", "Password")
            hint=move || tr("至少 8 位，须同时包含字母和数字", "At least 8 characters with letters and digits")
            input_type="password"
            autocomplete="new-password"
            server_errors=errors
            value=password
            check=Callback::new(move |v: String| check_password(&v, &username.get_untracked()))
            reveal=reveal
            required=true
        />
        <TextField
            name="password_confirm"
            label=move || tr("确认密码", "Confirm password")
            input_type="password"
            autocomplete="new-password"
            server_errors=errors
            value=password_confirm
            check=Callback::new(move |v: String| check_password_confirm(&password.get_untracked(), &v))
            reveal=reveal
            required=true
        />
    }
}

/// 联系信息: who the filer is and how to reach them.
#[component]
fn ContactFields(
    #[prop(into)] errors: Signal<Vec<crate::domain::field_error::FieldError>>,
) -> impl IntoView {
    let kind_error = Signal::derive(move || errors.with(|e| first_for(e, "kind").cloned()));
    view! {
        <TextField
            name="real_name"
            label=move || tr("真实姓名", "Real name")
            autocomplete="name"
            server_errors=errors
            check=Callback::new(|v: String| check_real_name(&v))
            required=true
        />
        <TextField
            name="mobile"
            label=move || tr("手机号码", "Mobile number")
            hint=move || tr("11 位中国大陆手机号码", "An 11-digit mainland China mobile number")
            input_type="tel"
            autocomplete="tel"
            server_errors=errors
            check=Callback::new(|v: String| check_mobile(&v))
            required=true
        />
        <TextField
            name="email"
            label=move || tr("电子邮箱", "E-mail")
            input_type="email"
            autocomplete="email"
            server_errors=errors
            check=Callback::new(|v: String| check_email(&v))
            required=true
        />
        <fieldset class="field" class:has-error=move || kind_error.with(Option::is_some)
            aria-describedby="field-kind-error">
            <legend>{tr("注册类型", "Registering as")}<span class="required" aria-hidden="true">" *"</span></legend>
            <label class="choice">
                <input type="radio" name="kind" value="org"/>
                {tr("单位", "Organisation")}
            </label>
            <label class="choice">
                <input type="radio" name="kind" value="person"/>
                {tr("个人", "Person")}
            </label>
            <FieldMessage id="field-kind-error".to_owned() error=kind_error/>
        </fieldset>
    }
}
