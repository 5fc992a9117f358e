//! `/claim`, 备案认领: a filer takes a subject filed under another account
//! into their own with its 主体备案号 and 备案密码. A plain form first; the
//! application then goes to the provider and the 管局 like any other.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::auth::SessionUser;
use crate::api::claim::ApplyClaim;
use crate::domain::icp_number::check_subject_number;
use crate::domain::role::Role;
use crate::ui::alert::FormAlert;
use crate::ui::field::{action_error, field_errors, TextField};
use crate::ui::i18n::tr;
use crate::ui::role_gate::RoleGate;

#[component]
pub fn ClaimPage() -> impl IntoView {
    view! { <RoleGate roles=&[Role::Filer] page=claim_page/> }
}

fn claim_page(_user: SessionUser) -> AnyView {
    let claim = ServerAction::<ApplyClaim>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = claim.value().get() {
            navigate(&format!("/review/{id}"), Default::default());
        }
    });
    let errors = field_errors(claim.value());
    let error = action_error(claim.value());
    view! {
        <section class="panel">
            <h1>{tr("备案认领", "Claim a filing")}</h1>
            <p class="hint">{tr(
                "主体已备案但不在您的账号下（例如由接入服务商代为备案，或原经办人已离职）时，可凭主体备案号和备案密码认领。认领经接入服务商核实、管局审核通过后，该主体及其网站转入您的账号，原账号会收到通知。",
                "When a filed subject is not in your account (a provider filed it for you, or a colleague who left did), claim it with its ICP number and filing password. Once the provider and the bureau approve, the subject and its sites move to your account, and the previous account is told.",
            )}</p>
            <FormAlert error/>
            <ActionForm action=claim attr:class="claim-form" attr:novalidate=true>
                <TextField name="subject_number" label=move || tr("主体备案号", "Subject's ICP number")
                    hint=move || tr("如 蜀ICP备2026000001号", "e.g. 蜀ICP备2026000001号") server_errors=errors
                    check=Callback::new(|v: String| check_subject_number("subject_number", &v)) required=true/>
                <TextField name="password" input_type="password" label=move || tr("备案密码", "Filing password")
                    hint=move || tr("一小时内连续输错 5 次将被锁定", "5 wrong tries within an hour lock it") server_errors=errors required=true/>
                <button type="submit" class="button button-primary" id="submit-claim" disabled=move || claim.pending().get()>
                    {tr("提交认领申请", "Apply to claim")}
                </button>
            </ActionForm>
        </section>
    }
    .into_any()
}
