//! Gives server-function errors their real HTTP status.
//!
//! server_fn answers every error with 500. That hides the difference between
//! a typo and an outage from logs and proxies, and tower-sessions skips
//! saving the session on a 5xx. One middleware decodes the `AppError` and
//! sets 401, 403, 422, 429 … instead; the body is unchanged, so the browser
//! client decodes it as before.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::server_fn::error::{FromServerFnError, SERVER_FN_ERROR_HEADER};

use crate::error::AppError;

/// `AppError` bodies are tiny; anything larger is not one of ours.
const MAX_ERROR_BODY: usize = 64 * 1024;

/// The status a caller should see for `error`.
pub fn status_of(error: &AppError) -> StatusCode {
    match error {
        AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Unauthorized => StatusCode::UNAUTHORIZED,
        AppError::Forbidden => StatusCode::FORBIDDEN,
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::Conflict => StatusCode::CONFLICT,
        AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
        AppError::BadRequest => StatusCode::BAD_REQUEST,
        AppError::Network | AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// Axum middleware: rewrite the status of server-function error answers.
pub async fn set_error_status(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let is_error = response.status() == StatusCode::INTERNAL_SERVER_ERROR
        && response.headers().contains_key(SERVER_FN_ERROR_HEADER);
    if !is_error {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    parts.status = status_of(&AppError::de(bytes.clone()));
    Response::from_parts(parts, Body::from(bytes))
}
