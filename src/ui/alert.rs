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
