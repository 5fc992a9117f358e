//! `/sms`: 备案短信核验, the public page on which each 负责人 confirms the
//! code the ministry texted them, with their mobile and the last 6
//! characters of their certificate number. No login; works without
//! JavaScript (the form posts and the server redirects back).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::sms::ConfirmSms;
use crate::domain::account::check_mobile;
use crate::domain::sms::{check_cert_tail, check_code};
use crate::ui::alert::FormAlert;
use crate::ui::field::{action_error, field_errors, TextField};
use crate::ui::i18n::tr;

#[component]
pub fn SmsPage() -> impl IntoView {
    let confirm = ServerAction::<ConfirmSms>::new();
    let query = use_query_map();
    let confirmed = move || query.with(|q| q.get("confirmed").is_some());
    let errors = field_errors(confirm.value());
    let error = action_error(confirm.value());
    view! {
        <section class="panel auth-panel" id="sms-confirm">
            <h1>{tr("备案短信核验", "Filing SMS verification")}</h1>
            <p class="hint">{tr("备案信息提交部系统后，每位负责人的手机会收到一条核验短信。请在期限内输入手机号码、短信中的核验码和本人证件号码的后 6 位。错误 5 次后本次核验失败，需由接入服务商重新发送。", "Once a filing reaches the ministry, each person responsible receives a text. Before the deadline, enter the mobile number, the code in the text and the last 6 characters of your certificate number. After 5 wrong tries the check fails and the provider must send a new code.")}</p>
            <Show when=confirmed>
                <p class="alert alert-success" role="status" id="sms-confirmed">
                    {tr("核验成功。全部负责人确认后，备案将进入下一审核环节。", "Confirmed. Once everyone responsible has confirmed, the filing moves on.")}
                </p>
            </Show>
            <FormAlert error/>
            <ActionForm action=confirm attr:class="form" attr:novalidate=true>
                <TextField name="mobile" input_type="tel" autocomplete="tel"
                    label=|| view! { {tr("手机号码", "Mobile number")} }
                    server_errors=errors check=Callback::new(|v: String| check_mobile(&v)) required=true/>
                <TextField name="code" autocomplete="one-time-code"
                    label=|| view! { {tr("短信核验码", "Code from the text")} }
                    server_errors=errors check=Callback::new(|v: String| check_code(&v)) required=true/>
                <TextField name="cert_tail"
                    label=|| view! { {tr("证件号码后 6 位", "Last 6 characters of the certificate number")} }
                    server_errors=errors check=Callback::new(|v: String| check_cert_tail(&v)) required=true/>
                <button type="submit" class="button button-primary">
                    {tr("确认核验", "Confirm")}
                </button>
            </ActionForm>
        </section>
    }
}
