//! `/verify/:token`: 电子化核验 on the filer's phone. The provider sent the
//! link; it works once, for 24 hours, with no login. The filer takes a
//! front-facing photo and the certificate's two sides; the form posts as a
//! plain multipart form (`POST /verify/upload`), so it works without
//! JavaScript, and the server redirects back here with the result.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::verification::check_verify_link;
use crate::domain::field_error::FieldError;
use crate::domain::verification::link_problem;
use crate::ui::i18n::{lang, tr};

/// The message of a rule the upload answered with.
fn answered(rule: &str, field: &str) -> FieldError {
    match link_problem(rule) {
        Some((rule, zh, en)) => FieldError::new(field, rule, zh, en),
        None => FieldError::new(
            field,
            "VERIFY_UPLOAD_FAILED",
            "上传未成功，请重试",
            "The upload did not go through; try again",
        ),
    }
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let done = move || query.with(|q| q.get("done").is_some());
    let answer = move || {
        query.with(|q| {
            q.get("error")
                .map(|rule| answered(&rule, &q.get("field").unwrap_or_default()))
        })
    };
    let link = Resource::new(token, |token| async move { check_verify_link(token).await });
    let message = move |e: &FieldError| e.message(lang()).to_owned();
    view! {
        <section class="panel auth-panel" id="verify-upload">
            <h1>{tr("电子化核验", "Electronic verification")}</h1>
            <Show when=done>
                <p class="alert alert-success" role="status" id="verify-done">
                    {tr("照片已上传。接入服务商核对后会继续办理您的备案。", "The pictures are in. Your provider will compare them and go on with the filing.")}
                </p>
            </Show>
            <Suspense fallback=|| view! { <p class="loading">"…"</p> }>
                {move || Suspend::new(async move {
                    let problem = match link.await {
                        Ok(problem) => problem,
                        Err(error) => Some(FieldError::new("token", "VERIFY_LINK_UNKNOWN", &error.to_string(), &error.to_string())),
                    };
                    match (done(), problem) {
                        (true, _) => ().into_any(),
                        (false, Some(problem)) => view! {
                            <p class="alert alert-error" role="alert" id="verify-link-error">{message(&problem)}</p>
                        }.into_any(),
                        (false, None) => {
                            let answer = answer();
                            let at = move |field: &'static str| {
                                answer.clone().filter(|e| e.field == field).map(|e| view! {
                                    <p class="field-error" role="alert" id=format!("verify-{field}-error")>{message(&e)}</p>
                                })
                            };
                            view! {
                                <p class="hint">{tr("请用手机拍摄：① 网站负责人本人正面免冠照片（白色或浅色背景）；② 证件正面；③ 证件反面。每张照片不超过 100 KB（JPEG 或 PNG）。本链接 24 小时内有效，只能提交一次。", "Take with your phone: 1. a front-facing photo of yourself, bare-headed, on a white or light background; 2. the front of your certificate; 3. its back. Each picture at most 100 KB (JPEG or PNG). This link works once, within 24 hours.")}</p>
                                {at("token")}
                                <form method="post" action="/verify/upload" enctype="multipart/form-data" class="form">
                                    <input type="hidden" name="token" value=token()/>
                                    <div class="field">
                                        <label for="verify-photo">{tr("本人正面照片", "Front-facing photo")}</label>
                                        <input type="file" id="verify-photo" name="photo" accept="image/jpeg,image/png" capture="user" required/>
                                        {at("photo")}
                                    </div>
                                    <div class="field">
                                        <label for="verify-cert_front">{tr("证件正面", "Certificate, front")}</label>
                                        <input type="file" id="verify-cert_front" name="cert_front" accept="image/jpeg,image/png" capture="environment" required/>
                                        {at("cert_front")}
                                    </div>
                                    <div class="field">
                                        <label for="verify-cert_back">{tr("证件反面", "Certificate, back")}</label>
                                        <input type="file" id="verify-cert_back" name="cert_back" accept="image/jpeg,image/png" capture="environment" required/>
                                        {at("cert_back")}
                                    </div>
                                    <button type="submit" class="button button-primary" id="verify-submit">
                                        {tr("提交核验照片", "Send the pictures")}
                                    </button>
                                </form>
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}
