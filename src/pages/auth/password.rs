//! 修改密码: every signed-in user changes their own password here. The
//! change ends every other session of the account.

use leptos::prelude::*;

use crate::api::auth::{ChangePassword, SessionUser};
use crate::domain::account::{check_password, check_password_confirm};
use crate::domain::role::Role;
use crate::ui::alert::FormAlert;
use crate::ui::field::{action_error, field_errors, TextField};
use crate::ui::i18n::tr;
use crate::ui::role_gate::RoleGate;

#[component]
pub fn PasswordPage() -> impl IntoView {
    view! { <RoleGate roles=&Role::ALL page=password_page/> }
}

fn password_page(user: SessionUser) -> AnyView {
    let change = ServerAction::<ChangePassword>::new();
    let errors = field_errors(change.value());
    let error = action_error(change.value());
    let changed = move || matches!(change.value().get(), Some(Ok(())));
    let password = RwSignal::new(String::new());
    let username = user.username;
    view! {
        <section class="panel auth-panel">
            <h1>{tr("修改密码", "Change password")}</h1>
            <p class="muted">{tr("修改后，您在其他浏览器或设备上的登录将全部退出。", "After the change, your sessions in other browsers and devices end.")}</p>
            <FormAlert error/>
            {move || changed().then(|| view! {
                <p class="alert alert-success" role="status" id="password-changed">
                    {tr("密码已修改，其他登录已全部退出。", "Password changed; your other sessions have ended.")}
                </p>
            })}
            <ActionForm action=change attr:class="form" attr:novalidate=true>
                <TextField
                    name="current_password"
                    label=|| tr("当前密码", "Current password")
                    input_type="password"
                    autocomplete="current-password"
                    server_errors=errors
                    required=true
                />
                <TextField
                    name="password"
                    label=|| tr("新密码", "New password")
                    hint=|| tr("8–128 个字符，须同时包含字母和数字", "8–128 characters, with letters and digits")
                    input_type="password"
                    autocomplete="new-password"
                    server_errors=errors
                    value=password
                    check=Callback::new(move |v: String| check_password(&v, &username))
                    required=true
                />
                <TextField
                    name="password_confirm"
                    label=|| tr("确认新密码", "Confirm new password")
                    input_type="password"
                    autocomplete="new-password"
                    server_errors=errors
                    check=Callback::new(move |v: String| check_password_confirm(&password.get_untracked(), &v))
                    required=true
                />
                <button type="submit" class="button button-primary">{tr("修改密码", "Change password")}</button>
            </ActionForm>
        </section>
    }
    .into_any()
}
