//! Step 3, 总结: the whole filing, every remaining error linked to its
//! field, the provider's 核验 when it files for a customer, and 提交.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::filing::FilingView;
use crate::domain::filing::Filing;
use crate::domain::filing_paths::{dom_id, step_of};
use crate::domain::review::changes_since;
use crate::domain::verification::Verification;
use crate::error::AppError;
use crate::pages::filing::wizard::Providers;
use crate::ui::alert::FormAlert;
use crate::ui::change_table::ChangeTable;
use crate::ui::filing_detail::FilingDetail;
use crate::ui::i18n::{lang, tr};
use crate::ui::timeline::Timeline;
use crate::ui::verification_form::VerificationForm;
use crate::ui::wizard_fields::Wizard;

#[component]
pub fn SummaryStep(
    data: FilingView,
    version: RwSignal<i32>,
    #[prop(into)] submit_error: Signal<Option<AppError>>,
    on_submit: Callback<()>,
    #[prop(into)] submitting: Signal<bool>,
    /// The 备案密码 a change, or a filing onto someone else's subject, is
    /// submitted with.
    password: RwSignal<String>,
) -> impl IntoView {
    let w = expect_context::<Wizard>();
    // A change always needs it; a new filing once the server said the
    // subject is someone else's (or the password given was wrong).
    let is_change = data.change.is_some();
    let asks_password = move || {
        is_change
            || w.server_errors.with(|errors| {
                errors
                    .iter()
                    .any(|e| e.rule == "FILING_CONTROL_REQUIRED" || e.field == "password")
            })
    };
    w.show_all.set(true);
    let blocking = move || {
        let server = w.server_errors.get();
        let local: Vec<_> = w
            .findings
            .get()
            .into_iter()
            .chain(w.record_findings.get())
            .filter(|e| !e.warning && !server.iter().any(|s| s.field == e.field))
            .collect();
        server.into_iter().chain(local).collect::<Vec<_>>()
    };
    let id = data.id;
    let needs_verification = data.provider_actor && data.editable;
    view! {
        <h2>{tr("备案信息总结", "Summary")}</h2>
        <Overview/>
        {move || {
            let errors = blocking();
            if errors.is_empty() {
                view! { <p class="alert alert-success" role="status">{tr("检查通过：可以提交。", "All checks pass: ready to submit.")}</p> }.into_any()
            } else {
                view! {
                    <div class="alert alert-error" role="alert" id="summary-errors">
                        <p>{tr("以下信息需要修改后才能提交：", "Fix these before submitting:")}</p>
                        <ul>
                            {errors.into_iter().map(|e| {
                                let href = format!("/filings/{id}?step={}#{}", step_of(&e.field), dom_id(&e.field));
                                let field = e.field.clone();
                                let message = move || e.message(lang()).to_owned();
                                view! { <li><A href=href>{field}</A>{tr("：", ": ")}{message}</li> }
                            }).collect_view()}
                        </ul>
                    </div>
                }.into_any()
            }
        }}
        {data.returned.clone().map(|returned| view! { <ChangesSinceReturn returned/> })}
        {data.change.clone().map(|(kind, base)| view! { <ChangeAgainstRecord title=kind.label(lang()) base/> })}
        {needs_verification.then(|| view! { <VerificationForm id=data.id record=RwSignal::new(data.verification.clone()) version/> })}
        {data.proxy.then(|| view! {
            <p><a href=format!("/filings/{id}/checklist") target="_blank" rel="external">{tr("打印《网站备案信息真实性核验单》", "Print the verification checklist")}</a></p>
        })}
        <FormAlert error=Signal::derive(move || submit_error.get().filter(|e| !matches!(e, AppError::Validation(_))))/>
        {w.editable.then(|| view! {
            <p class="hint">{tr("点击“保存”后还可以修改；点击“提交”后信息将进入审核，无法再修改。", "After Save you can still edit; after Submit the filing goes to review and is frozen.")}</p>
            <Show when=asks_password>
                <div class="field" class:has-error=move || w.error_for("password").is_some()>
                    <label for="f-password">{tr("备案密码（提交变更，或在他人已备案的主体名下备案时须输入）", "Filing password (needed for a change, or to file under a subject filed by someone else)")}</label>
                    <input id="f-password" type="password" autocomplete="off" aria-describedby="f-password-error"
                        prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
                    <p class="field-error" id="f-password-error" role="alert">{move || w.error_for("password").map(|e| e.message(lang()).to_owned())}</p>
                </div>
            </Show>
            <button type="button" class="button button-primary" id="submit-filing" disabled=move || submitting.get()
                on:click=move |_| on_submit.run(())>{tr("提交", "Submit")}</button>
        })}
        <h3>{tr("操作记录", "History")}</h3>
        <Timeline rows=data.history.clone()/>
    }
}

/// The whole filing as it stands, read-only: the same view the provider
/// and the 管局 review, so the filer checks every field before 提交.
#[component]
fn Overview() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let Providers(providers, _) = expect_context::<Providers>();
    let names: Vec<(i64, String)> = providers.into_iter().map(|p| (p.id, p.name)).collect();
    move || view! { <FilingDetail filing=w.filing.get() verification=Verification::default() provider_names=names.clone()/> }
}

/// A change against the live record it started from: what the 管局 will
/// be asked to approve.
#[component]
fn ChangeAgainstRecord(title: &'static str, base: Filing) -> impl IntoView {
    let w = expect_context::<Wizard>();
    view! {
        <section class="sub-card" id="change-diff">
            <h3>{title}{tr("：与备案信息对比", ": compared with the record")}</h3>
            {move || {
                let filing = w.filing.get();
                view! { <ChangeTable changes=changes_since(&base, &filing) filing/> }
            }}
        </section>
    }
}

/// What changed since the filing was returned, so the resubmit shows its
/// own fix.
#[component]
fn ChangesSinceReturn(returned: Filing) -> impl IntoView {
    let w = expect_context::<Wizard>();
    view! {
        <section class="sub-card" id="changes-since-return">
            <h3>{tr("自退回以来的修改", "Changed since the return")}</h3>
            {move || {
                let filing = w.filing.get();
                view! { <ChangeTable changes=changes_since(&returned, &filing) filing/> }
            }}
        </section>
    }
}
