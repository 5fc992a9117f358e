//! The two agreement screens shown before the registration form, each with
//! 接受 and 不接受 (seed §1.1). 接受 is a form: the server records it in
//! the visitor's session, so the form opens only after both, with or
//! without JavaScript.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::auth::AcceptAgreement;
use crate::domain::account::{Agreement, AGREEMENTS_VERSION};
use crate::ui::alert::FormAlert;
use crate::ui::field::action_error;
use crate::ui::i18n::{lang, tr};

/// 注册协议 (一): terms of service. 接受 leads to the second screen.
#[component]
pub fn TermsPage() -> impl IntoView {
    view! {
        <AgreementScreen agreement=Agreement::Terms n=1
            title=move || tr("服务条款", "Terms of service")
            text=move || view! { <p>{tr("本系统由接入服务商依照《非经营性互联网信息服务备案管理办法》提供备案服务。您在本系统提交的备案信息将报送所在省通信管理局审核。", "Your access provider offers this filing service under the Measures for the Administration of Non-commercial Internet Information Service Filing. What you submit is sent to your provincial Communications Administration for review.")}</p><p>{tr("您承诺仅为本人或本单位办理备案，不冒用他人身份，不利用本系统从事违法活动。违反上述承诺的，接入服务商有权停止服务并依法报告。", "You file only for yourself or your organisation, never in another's name, and do not use this system for unlawful purposes. Otherwise the provider may stop the service and report as the law requires.")}</p> }/>
    }
}

/// 注册协议 (二): truthful information and privacy. 接受 opens the form.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    view! {
        <AgreementScreen agreement=Agreement::Privacy n=2
            title=move || tr("信息真实性与个人信息保护", "Truthful information and privacy")
            text=move || view! { <p>{tr("您须保证所填写的主办者、负责人、网站及接入信息真实、准确、完整；信息不实将导致备案被退回或注销。", "The sponsor, person-in-charge, website and access details you enter must be true, accurate and complete; false information leads to a return or cancellation of the filing.")}</p><p>{tr("我们仅为办理备案收集和使用您的个人信息，并按主管部门要求报送，不用于其他目的。", "We collect and use your personal information only to process the filing and pass it to the authorities as required, for no other purpose.")}</p> }/>
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
    let accept = ServerAction::<AcceptAgreement>::new();
    let value = match agreement {
        Agreement::Terms => "Terms",
        Agreement::Privacy => "Privacy",
    };
    view! {
        <section class="panel agreement">
            <p class="step">{lang().pick(format!("注册协议 第 {n} 步，共 2 步"), format!("Agreement, step {n} of 2"))}</p>
            <h1>{title.run()}</h1>
            <p class="hint agreement-version">{tr("协议版本", "Agreement version")}" "{AGREEMENTS_VERSION}</p>
            <div class="agreement-text">{text.run()}</div>
            <FormAlert error=action_error(accept.value())/>
            <ActionForm action=accept attr:class="actions">
                <input type="hidden" name="agreement" value=value/>
                <button type="submit" class="button button-primary">{tr("接受", "Accept")}</button>
                <A href="/" attr:class="button">{tr("不接受", "Decline")}</A>
            </ActionForm>
        </section>
    }
}
