//! The two agreement screens shown before the registration form, each with
//! 接受 and 不接受 (seed §1.1).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;

/// 注册协议 (一): terms of service. 接受 leads to the second screen.
#[component]
pub fn TermsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel agreement">
            <p class="step">{t!(i18n, agreement_step, n = || 1)}</p>
            <h1>{t!(i18n, agreement1_title)}</h1>
            <div class="agreement-text">
                <p>{t!(i18n, agreement1_p1)}</p>
                <p>{t!(i18n, agreement1_p2)}</p>
            </div>
            <div class="actions">
                <A href="/register/privacy" attr:class="button button-primary">{t!(i18n, accept)}</A>
                <A href="/" attr:class="button">{t!(i18n, decline)}</A>
            </div>
        </section>
    }
}

/// 注册协议 (二): truthful information and privacy. 接受 opens the form.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel agreement">
            <p class="step">{t!(i18n, agreement_step, n = || 2)}</p>
            <h1>{t!(i18n, agreement2_title)}</h1>
            <div class="agreement-text">
                <p>{t!(i18n, agreement2_p1)}</p>
                <p>{t!(i18n, agreement2_p2)}</p>
            </div>
            <div class="actions">
                <A href="/register/form?agreed=1" attr:class="button button-primary">{t!(i18n, accept)}</A>
                <A href="/" attr:class="button">{t!(i18n, decline)}</A>
            </div>
        </section>
    }
}
