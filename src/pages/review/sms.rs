//! The 短信核验 of an application on its review page: each 负责人's
//! status, and for the provider's staff the one re-send of a code.

use leptos::prelude::*;

use crate::api::sms::{resend_sms, SmsCheckRow};
use crate::domain::sms::SmsStatus;
use crate::ui::alert::FormAlert;
use crate::ui::i18n::{lang, tr};

/// The checks table; `resend` offers 重新发送 where it may be used.
#[component]
pub fn SmsChecks(
    id: i32,
    checks: Vec<SmsCheckRow>,
    resend: bool,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let send = Action::new(move |check: &i32| resend_sms(id, *check));
    Effect::new(move |_| {
        if let Some(Ok(())) = send.value().get() {
            reload.update(|n| *n += 1);
        }
    });
    view! {
        <section class="sub-card" id="sms-checks">
            <h2>{tr("短信核验", "SMS verification")}</h2>
            <p class="hint">{tr("每位负责人须在截止时间前于“备案短信核验”页面（/sms）确认；全部确认后进入下一环节，逾期退回接入服务提供者修改。", "Each person responsible confirms on the SMS verification page (/sms) before the deadline; once all have, the filing moves on, otherwise it returns to the provider.")}</p>
            <table class="data">
                <thead><tr>
                    <th>{tr("负责人", "Person")}</th>
                    <th>{tr("手机号码", "Mobile")}</th>
                    <th>{tr("状态", "Status")}</th>
                    <th>{tr("错误次数", "Wrong tries")}</th>
                    <th>{tr("截止时间", "Deadline")}</th>
                    <th></th>
                </tr></thead>
                <tbody>
                    {checks.into_iter().map(|check| {
                        let status = check.status;
                        let may_resend = resend && !check.resent
                            && matches!(status, SmsStatus::Waiting | SmsStatus::Failed);
                        let check_id = check.id;
                        view! {
                            <tr class=format!("sms-{}", status.code().to_lowercase())>
                                <td>{check.holders}</td>
                                <td>{check.mobile}</td>
                                <td class="sms-status">{status.label(lang())}</td>
                                <td class="sms-tries">{check.tries}</td>
                                <td>{check.deadline}</td>
                                <td>
                                    {may_resend.then(|| view! {
                                        <button type="button" class="button button-small" id=format!("sms-resend-{check_id}")
                                            disabled=move || send.pending().get()
                                            on:click=move |_| { send.dispatch(check_id); }>
                                            {tr("重新发送（限一次）", "Send again (once)")}
                                        </button>
                                    })}
                                    {check.resent.then(|| view! { <span class="hint">{tr("已重新发送", "Sent again")}</span> })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <FormAlert error=Signal::derive(move || send.value().get().and_then(Result::err))/>
        </section>
    }
}
