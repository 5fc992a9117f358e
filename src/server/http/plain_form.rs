//! A server function posted by a plain HTML form, as a browser without
//! JavaScript sends it. The script asks "are you sure?" in a dialog and
//! opens the next page itself; a plain form cannot, so the form carries a
//! confirmation checkbox and the server sends the browser on.
//!
//! These read the request through the reactive owner, which a server
//! function called over HTTP keeps across its awaits.

use axum::http::header::ACCEPT;
use axum::http::request::Parts;
use leptos::prelude::use_context;

use crate::domain::field_error::FieldError;
use crate::error::AppError;

/// Whether the request is a browser's own form post (it accepts HTML),
/// not the script's call (which asks for the reply's data).
pub fn is_plain_form() -> bool {
    use_context::<Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}

/// Refuses a plain form's destructive action unless its confirmation box
/// (`confirmed=true`) was ticked; the script's own dialog stands in for it
/// on a scripted call.
pub fn require_confirmation(confirmed: Option<&str>) -> Result<(), AppError> {
    if is_plain_form() && confirmed != Some("true") {
        return Err(confirmation_missing());
    }
    Ok(())
}

/// The error a form shows beside its confirmation box.
pub fn confirmation_missing() -> AppError {
    AppError::field(FieldError::new(
        "confirmed",
        "CONFIRM_REQUIRED",
        "请勾选确认后再提交",
        "Tick the confirmation first",
    ))
}

/// Sends a plain form's browser to `path` (the page the action opened)
/// instead of back to the form; a scripted call navigates by itself.
pub fn redirect_plain_form(path: &str) {
    if is_plain_form() {
        leptos_axum::redirect(path);
    }
}
