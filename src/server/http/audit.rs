//! The audit trail in the log: one record per request and one event per call.
//!
//! Every request gets a fresh request id, sent back as `x-request-id` so a
//! user's report can be matched to the log. The request runs inside a
//! `request` span carrying it, and inside a task-local `CallRecord` where
//! the guard notes the signed-in account and the loaders the application
//! concerned. (A span alone cannot carry them: the session layer opens its
//! own span around the handlers, so fields recorded "on the current span"
//! land there.) Each call of a server function, upload, download, export
//! or event stream ends with one `beian::audit` event naming its action,
//! actor, object and outcome, so every refusal is in the log; each
//! transition adds its own event where its history row is written.
//!
//! Nothing secret goes in: paths only (no query strings, no bodies), and
//! account and application ids rather than names.

use std::sync::{Arc, Mutex};

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

/// Target of the audit events, for filtering (`RUST_LOG=beian::audit=info`).
pub const TARGET: &str = "beian::audit";

/// Response header carrying the request id.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Who made the current request and what it touched.
#[derive(Default)]
struct CallRecord {
    request_id: String,
    /// (account, application), as far as the handler got.
    seen: Mutex<(Option<i32>, Option<i32>)>,
}

tokio::task_local! {
    static CALL: Arc<CallRecord>;
}

/// Axum middleware: runs the request with its id and logs the outcome of
/// every call (pages and static files are not calls).
pub async fn trace_request(request: Request, next: Next) -> Response {
    let request_id = format!("{:016x}", rand::random::<u64>());
    let path = request.uri().path().to_owned();
    let span = tracing::info_span!(
        "request",
        request_id = %request_id,
        method = %request.method(),
        path = %path,
    );
    let record = Arc::new(CallRecord {
        request_id: request_id.clone(),
        ..CallRecord::default()
    });
    let mut response = CALL
        .scope(record.clone(), next.run(request).instrument(span.clone()))
        .await;
    if is_call(&path) {
        let _entered = span.enter();
        let (actor, object) = *record.seen.lock().unwrap_or_else(|e| e.into_inner());
        let status = response.status();
        let outcome = outcome_of(status);
        if outcome == "denied" {
            tracing::warn!(target: TARGET, action = %path, actor, object, outcome, status = status.as_u16());
        } else {
            tracing::info!(target: TARGET, action = %path, actor, object, outcome, status = status.as_u16());
        }
    }
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    response
}

/// Notes the signed-in account of the current request.
pub fn record_actor(account_id: i32) {
    note(|seen| seen.0 = Some(account_id));
}

/// Notes the application the current request concerns.
pub fn record_object(application_id: i32) {
    note(|seen| seen.1 = Some(application_id));
}

/// Updates the current request's record; outside a request (the CLI, the
/// background workers) there is none and nothing happens.
fn note(update: impl FnOnce(&mut (Option<i32>, Option<i32>))) {
    let _ = CALL.try_with(|call| {
        let mut seen = call.seen.lock().unwrap_or_else(|e| e.into_inner());
        update(&mut seen);
    });
}

/// The current request's id, for events logged outside its span.
pub fn request_id() -> Option<String> {
    CALL.try_with(|call| call.request_id.clone()).ok()
}

/// Logs a batch item refused for access (`Forbidden` or `NotFound`), which
/// its batch reports in a 200 answer beside the items that went through.
pub fn item_refused(object: &dyn std::fmt::Display, error: &crate::error::AppError) {
    use crate::error::AppError;
    if matches!(error, AppError::Forbidden | AppError::NotFound) {
        let actor = CALL
            .try_with(|call| call.seen.lock().unwrap_or_else(|e| e.into_inner()).0)
            .ok()
            .flatten();
        tracing::warn!(
            target: TARGET,
            request_id = request_id().as_deref(),
            actor,
            item = %object,
            outcome = "denied",
            error = %error,
        );
    }
}

/// Server functions, uploads, downloads, exports and the live-event
/// stream: what a user does, as opposed to the pages and files that show it.
fn is_call(path: &str) -> bool {
    ["/api/", "/documents", "/export/", "/events"]
        .iter()
        .any(|prefix| path.starts_with(prefix))
}

/// The outcome word of a status: refusals are `denied`, whatever their code.
fn outcome_of(status: StatusCode) -> &'static str {
    match status.as_u16() {
        200..=399 => "ok",
        401 | 403 | 404 => "denied",
        409 => "conflict",
        413 | 422 | 400 => "invalid",
        429 => "rate_limited",
        _ => "error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_denials_and_only_calls_are_audited() {
        for code in [401, 403, 404] {
            assert_eq!(outcome_of(StatusCode::from_u16(code).unwrap()), "denied");
        }
        assert_eq!(outcome_of(StatusCode::OK), "ok");
        assert_eq!(outcome_of(StatusCode::CONFLICT), "conflict");
        assert_eq!(outcome_of(StatusCode::UNPROCESSABLE_ENTITY), "invalid");
        assert!(is_call("/api/review/decide"));
        assert!(is_call("/documents/3"));
        assert!(is_call("/export/records.csv"));
        assert!(!is_call("/filings/3"));
        assert!(!is_call("/pkg/beian.wasm"));
    }
}
