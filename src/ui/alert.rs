//! The banner above a form for errors that belong to no single field.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::*;

/// Whole-form message for `error`; field errors get a summary here and
/// their details next to each field.
#[component]
pub fn FormAlert(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|error| {
            let text = match error {
                AppError::Validation(_) => t!(i18n, err_validation).into_any(),
                AppError::Unauthorized => t!(i18n, err_unauthorized).into_any(),
                AppError::Forbidden => t!(i18n, err_forbidden).into_any(),
                AppError::NotFound => t!(i18n, err_not_found).into_any(),
                AppError::Conflict => t!(i18n, err_conflict).into_any(),
                AppError::TooLarge => t!(i18n, err_too_large).into_any(),
                AppError::RateLimited { retry_after_secs } => {
                    let minutes = retry_after_secs.div_ceil(60);
                    t!(i18n, err_rate_limited, minutes = move || minutes).into_any()
                }
                AppError::BadRequest => t!(i18n, err_bad_request).into_any(),
                AppError::Network => t!(i18n, err_network).into_any(),
                AppError::Internal => t!(i18n, err_internal).into_any(),
            };
            view! { <div class="alert alert-error" role="alert">{text}</div> }
        })
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
        AppError::Conflict => "已被他人处理或已变化，请刷新后重试".into(),
        AppError::Validation(errors) => errors
            .iter()
            .map(|e| e.zh.clone())
            .collect::<Vec<_>>()
            .join("；"),
        AppError::NotFound => "对象不存在或无权查看".into(),
        AppError::Forbidden => "无权执行此操作".into(),
        _ => "系统错误，请稍后重试".into(),
    }
}
