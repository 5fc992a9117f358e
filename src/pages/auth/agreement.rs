//! The two agreement screens shown before the registration form, each with
//! 接受 and 不接受 (seed §1.1). 接受 is a form: the server records it in
//! the visitor's session, so the form opens only after both, with or
//! without JavaScript.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::auth::AcceptAgreement;
use crate::domain::account::{Agreement, AGREEMENTS_VERSION};
use crate::i18n::*;
use crate::ui::alert::FormAlert;
use crate::ui::field::action_error;

/// 注册协议 (一): terms of service. 接受 leads to the second screen.
#[component]
pub fn TermsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <AgreementScreen agreement=Agreement::Terms n=1
            title=move || t!(i18n, agreement1_title)
            text=move || view! { <p>{t!(i18n, agreement1_p1)}</p><p>{t!(i18n, agreement1_p2)}</p> }/>
    }
}

/// 注册协议 (二): truthful information and privacy. 接受 opens the form.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <AgreementScreen agreement=Agreement::Privacy n=2
            title=move || t!(i18n, agreement2_title)
            text=move || view! { <p>{t!(i18n, agreement2_p1)}</p><p>{t!(i18n, agreement2_p2)}</p> }/>
    }
}

/// One agreement: its text, its version, 接受 (recorded by the server) and
/// 不接受 (back to the start page).
#[component]
fn AgreementScreen(
    agreement: Agreement,
    n: u32,
    #[prop(into)] title: ViewFn,
    #[prop(into)] text: ViewFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let accept = ServerAction::<AcceptAgreement>::new();
    let value = match agreement {
        Agreement::Terms => "Terms",
        Agreement::Privacy => "Privacy",
    };
    view! {
        <section class="panel agreement">
            <p class="step">{t!(i18n, agreement_step, n = move || n)}</p>
            <h1>{title.run()}</h1>
            <p class="hint agreement-version">{t!(i18n, agreement_version)}" "{AGREEMENTS_VERSION}</p>
            <div class="agreement-text">{text.run()}</div>
            <FormAlert error=action_error(accept.value())/>
            <ActionForm action=accept attr:class="actions">
                <input type="hidden" name="agreement" value=value/>
                <button type="submit" class="button button-primary">{t!(i18n, accept)}</button>
                <A href="/" attr:class="button">{t!(i18n, decline)}</A>
            </ActionForm>
        </section>
    }
}
