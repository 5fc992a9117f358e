//! The provider's 核验 record form, shared by the wizard's summary (代为备案)
//! and the review page (待接入者核实).

use leptos::prelude::*;

use crate::api::filing::save_verification;
use crate::domain::filing_paths::dom_id;
use crate::domain::verification::Verification;
use crate::error::AppError;
use crate::ui::alert::FormAlert;
use crate::ui::field::FieldMessage;
use crate::ui::i18n::tr;
use crate::ui::wizard_fields::{DocUpload, Wizard};

/// 核验: the provider records the verifier, the principal's photo and the
/// signed checklist, before it submits a filing for a customer or verifies
/// a self-filed one. Needs the `Wizard` context (uploads attach to it).
#[component]
pub fn VerificationForm(
    id: i32,
    /// The record as edited; the caller may submit it with a decision.
    record: RwSignal<Verification>,
    version: RwSignal<i32>,
) -> impl IntoView {
    let w = expect_context::<Wizard>();
    let save = Action::new(move |_: &()| {
        let v = version.get_untracked();
        let r = record.get_untracked();
        async move { save_verification(id, v, r).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(v)) = save.value().get() {
            version.set(v);
        }
    });
    let field_error = move |path: &'static str| {
        Signal::derive(move || {
            let server = w
                .server_errors
                .with(|errors| errors.iter().find(|e| e.field == path).cloned());
            server.or_else(|| match save.value().get() {
                Some(Err(AppError::Validation(errors))) => {
                    errors.into_iter().find(|e| e.field == path)
                }
                _ => None,
            })
        })
    };
    let photo = Signal::derive(move || record.with(|r| r.photo.clone()));
    let checklist = Signal::derive(move || record.with(|r| r.checklist.clone()));
    view! {
        <section class="sub-card" id="verification">
            <h3>{tr("核验信息（代为备案须当面核验）", "Verification (required when filing for a customer)")}</h3>
            <div class="field">
                <label for=dom_id("verification.verifier")>{tr("核验人", "Verifier")}</label>
                <input id=dom_id("verification.verifier") prop:value=move || record.with(|r| r.verifier.clone())
                    on:input=move |ev| record.update(|r| r.verifier = event_target_value(&ev))/>
                <FieldMessage id="verification-verifier-error".into() error=field_error("verification.verifier")/>
            </div>
            <DocUpload path="verification.photo".into() zh="网站负责人核验照片" en="Verification photo" kind="VERIFY_PHOTO" current=photo
                on_uploaded=Callback::new(move |doc| record.update(|r| r.photo = Some(doc)))/>
            <DocUpload path="verification.checklist".into() zh="已签字的核验单扫描件" en="Signed checklist scan" kind="CHECKLIST" current=checklist
                on_uploaded=Callback::new(move |doc| record.update(|r| r.checklist = Some(doc)))/>
            <button type="button" class="button button-secondary" id="save-verification" on:click=move |_| { save.dispatch(()); }>
                {tr("保存核验信息", "Save verification")}
            </button>
            {move || matches!(save.value().get(), Some(Ok(_))).then(|| view! {
                <p class="saved" role="status">{move || tr("核验信息已保存", "Verification saved")}</p>
            })}
            <FormAlert error=Signal::derive(move || save.value().get().and_then(Result::err))/>
        </section>
    }
}
