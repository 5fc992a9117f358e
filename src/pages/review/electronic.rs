//! 电子化核验 on the review page: staff open a one-time link for the
//! filer's phone, see what it took beside the filing, and accept it as the
//! 核验 (or open a new link to ask again). Accepting fills the decision
//! panel's record, so 核验通过 then sends it like a face-to-face one.

use leptos::prelude::*;

use crate::api::verification::{accept_verify_link, open_verify_link, verify_link};
use crate::domain::upload::DocumentRef;
use crate::domain::verification::{LinkView, Verification};
use crate::ui::alert::FormAlert;
use crate::ui::field::FieldMessage;
use crate::ui::i18n::{lang, tr, Lang};

fn picture(label: &'static str, doc: Option<DocumentRef>) -> impl IntoView {
    view! {
        <figure class="verify-picture">
            {doc.map(|d| view! { <img class="scan-preview" src=format!("/documents/{}", d.id) alt=label/> })}
            <figcaption>{label}</figcaption>
        </figure>
    }
}

#[component]
pub fn ElectronicVerification(
    id: i32,
    /// The newest link as the page loaded it.
    link: Option<LinkView>,
    record: RwSignal<Verification>,
    version: RwSignal<i32>,
) -> impl IntoView {
    let link = RwSignal::new(link);
    // After each action the link is read again; an action, not a
    // resource, so the server's render and the browser's agree.
    let fetch = Action::new(move |_: &()| verify_link(id));
    Effect::new(move |_| {
        if let Some(Ok(latest)) = fetch.value().get() {
            link.set(latest);
        }
    });
    let open = Action::new(move |_: &()| open_verify_link(id));
    let opened = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(Ok(path)) = open.value().get() {
            #[cfg(feature = "hydrate")]
            let path = web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .map_or(path.clone(), |origin| format!("{origin}{path}"));
            opened.set(Some(path));
            fetch.dispatch(());
        }
    });
    let verifier = RwSignal::new(record.with_untracked(|r| r.verifier.clone()));
    let accept = Action::new(move |_: &()| {
        let v = version.get_untracked();
        let name = verifier.get_untracked();
        async move { accept_verify_link(id, v, name).await }
    });
    Effect::new(move |_| {
        if let Some(Ok((v, accepted))) = accept.value().get() {
            version.set(v);
            record.set(accepted);
            fetch.dispatch(());
        }
    });
    let accept_error = Signal::derive(move || {
        accept
            .value()
            .get()
            .and_then(Result::err)
            .and_then(|e| e.field_errors().first().cloned())
    });
    // Beside the status: its label depends on the link.
    let open_button = move |again: bool| {
        view! {
            <button type="button" class="button button-secondary" id="open-verify-link"
                disabled=move || open.pending().get()
                on:click=move |_| { open.dispatch(()); }>
                {if again { tr("生成新的核验链接（要求重新拍摄）", "New verification link (asks for new pictures)") } else { tr("生成电子化核验链接", "Create an electronic verification link") }}
            </button>
        }
    };
    view! {
        <section class="sub-card" id="electronic-verification">
            <h3>{tr("电子化核验（可代替当面核验）", "Electronic verification (instead of face to face)")}</h3>
            <p class="hint">{tr("生成一次性核验链接发给网站负责人：其用手机打开，拍摄本人正面照片和证件正反面上传。链接 24 小时内有效，只能使用一次；生成新链接后旧链接作废。", "Create a one-time link for the site principal: they open it on a phone and upload a photo of their face and of both sides of their certificate. The link is valid for 24 hours and works once; a new link ends the old one.")}</p>
            {move || opened.get().map(|url| view! {
                <p class="alert alert-info" role="status">{tr("核验链接（仅显示一次，请发送给网站负责人）：", "Verification link (shown once; send it to the site principal): ")}
                    <input type="text" readonly id="verify-link-url" class="link-box" prop:value=url/></p>
            })}
            {move || {
                    match link.get() {
                        None => view! { <p id="verify-link-status">{tr("尚未生成核验链接。", "No verification link yet.")}</p> {open_button(false)} }.into_any(),
                        Some(l) if l.accepted => view! {
                            <p id="verify-link-status" class="alert alert-success">
                                {lang().pick(format!("已接受电子化核验：照片上传于 {}。", l.used_at.clone().unwrap_or_default()), format!("Electronic verification accepted: pictures uploaded {}.", Lang::En.date_time(&l.used_at.clone().unwrap_or_default())))}
                            </p>
                            {open_button(true)}
                        }.into_any(),
                        Some(l) => match l.used_at.clone() {
                            None => view! {
                                <p id="verify-link-status">{lang().pick(format!("等待网站负责人上传（链接生成于 {}，有效期至 {}）。", l.created_at, l.expires_at), format!("Waiting for the site principal's pictures (link created {}, valid until {}).", Lang::En.date_time(&l.created_at), Lang::En.date_time(&l.expires_at)))}</p>
                                {open_button(true)}
                            }.into_any(),
                            Some(at) => view! {
                                <p id="verify-link-status">{lang().pick(format!("网站负责人已于 {at} 上传照片，请与证件信息核对："), format!("The site principal uploaded pictures {}; check them against the certificate details:", Lang::En.date_time(&at)))}</p>
                                <div class="verify-pictures">
                                    {picture(tr("本人正面照片", "Photo of the face"), l.photo.clone())}
                                    {picture(tr("证件正面", "Certificate front"), l.cert_front.clone())}
                                    {picture(tr("证件反面", "Certificate back"), l.cert_back.clone())}
                                </div>
                                <div class="field">
                                    <label for="electronic-verifier">{tr("核验人", "Verified by")}</label>
                                    <input id="electronic-verifier" prop:value=move || verifier.get()
                                        on:input=move |ev| verifier.set(event_target_value(&ev))/>
                                    <FieldMessage id="electronic-verifier-error".into() error=accept_error/>
                                </div>
                                <button type="button" class="button button-primary" id="accept-electronic"
                                    disabled=move || accept.pending().get()
                                    on:click=move |_| { accept.dispatch(()); }>{tr("核对无误，接受电子化核验", "Checked: accept the electronic verification")}</button>
                                " "{open_button(true)}
                            }.into_any(),
                        },
                    }
            }}
            <FormAlert error=Signal::derive(move || accept.value().get().and_then(Result::err).filter(|e| e.field_errors().is_empty()))/>
            <FormAlert error=Signal::derive(move || open.value().get().and_then(Result::err))/>
        </section>
    }
}
