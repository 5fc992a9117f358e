//! The banner above a form for errors that belong to no single field.

use leptos::prelude::*;

use crate::error::AppError;
use crate::ui::i18n::{lang, tr};

/// Whole-form message for `error`; field errors get a summary here and
/// their details next to each field.
#[component]
pub fn FormAlert(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    // After a refused submit the keyboard goes to the first field marked
    // invalid, so the user lands where the fix is.
    Effect::new(move |_| {
        if matches!(error.get(), Some(AppError::Validation(_))) {
            request_animation_frame(focus_first_invalid);
        }
    });
    move || {
        error.get().map(|error| {
            let text = match error {
                AppError::Validation(_) => tr("提交的信息有误，请按提示修改后重新提交。", "Some details need fixing; see the marked fields.").into_any(),
                AppError::Unauthorized => tr("请先登录。", "Please log in first.").into_any(),
                AppError::Forbidden => tr("您无权执行此操作。", "You are not allowed to do this.").into_any(),
                AppError::NotFound => tr("记录不存在或已被删除。", "The record does not exist or was deleted.").into_any(),
                AppError::Conflict => tr("该记录已被他人修改，请刷新后重试。", "Someone else changed this record; reload and try again.").into_any(),
                AppError::TooLarge => tr("提交的内容过大。", "What you sent is too large.").into_any(),
                AppError::RateLimited { retry_after_secs } => {
                    let minutes = retry_after_secs.div_ceil(60);
                    lang().pick(format!("登录失败次数过多，账号已暂时锁定，请 {minutes} 分钟后再试。"), format!("Too many failed logins; the account is locked. Try again in {minutes} minutes.")).into_any()
                }
                AppError::BadRequest => tr("提交的数据不完整，请检查后重试。", "Some data was missing; check and try again.").into_any(),
                AppError::Network => tr("无法连接服务器，请检查网络后重试。", "Cannot reach the server; check your connection and try again.").into_any(),
                AppError::Internal => tr("系统繁忙，请稍后再试。", "The system is busy; try again later.").into_any(),
            };
            view! { <div class="alert alert-error" role="alert">{text}</div> }
        })
    }
}

/// Focuses the first field of the page marked `aria-invalid`.
fn focus_first_invalid() {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let field = document()
            .query_selector(r#"[aria-invalid="true"]"#)
            .ok()
            .flatten()
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(field) = field {
            _ = field.focus();
        }
    }
}

/// A page whose object could not be loaded: the message, and on the
/// server the matching HTTP status, so that a refused or unknown id is a
/// 403 or 404 for proxies and logs as well as for the reader.
#[component]
pub fn LoadFailure(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(crate::server::http::error_status::status_of(&error));
    }
    view! {
        <section class="panel"><FormAlert error=Signal::derive(move || Some(error.clone()))/></section>
    }
}

/// A batch row's failure in words, for the per-row result lists.
pub fn row_error(error: &AppError) -> String {
    match error {
        AppError::Conflict => tr(
            "已被他人处理或已变化，请刷新后重试",
            "Someone else handled or changed this; reload and try again",
        )
        .into(),
        AppError::Validation(errors) => errors
            .iter()
            .map(|e| e.message(lang()).to_owned())
            .collect::<Vec<_>>()
            .join(tr("；", "; ")),
        AppError::NotFound => tr(
            "对象不存在或无权查看",
            "It does not exist or you may not see it",
        )
        .into(),
        AppError::Forbidden => tr("无权执行此操作", "You are not allowed to do this").into(),
        _ => tr("系统错误，请稍后重试", "System error; try again later").into(),
    }
}
