//! Refuses control characters and over-long values in every request before
//! any handler runs (`domain::text::arrival_error`).
//!
//! A check per form would miss the form added next year; this one layer
//! sees every server-function body (JSON or form-encoded, whatever its
//! Content-Type claims; any other type is 415) and every query string,
//! pages and CSV exports included. A refused server-function call
//! answers a field error (422) that the form shows next to its field; a
//! refused page or download answers 422 with the reason in words.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::server_fn::error::{FromServerFnError, SERVER_FN_ERROR_HEADER};
use serde_json::Value;

use crate::domain::field_error::FieldError;
use crate::domain::text::arrival_error;
use crate::error::AppError;

/// Largest request body accepted: uploads are at most 100 KB each, and
/// the 电子化核验 form carries three; the guard reads a body up to it, and
/// the app refuses longer ones.
pub const BODY_LIMIT_BYTES: usize = 384 * 1024;

/// Axum middleware: refuse a request carrying a value no field accepts.
pub async fn refuse_bad_text(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let query = request.uri().query().unwrap_or_default();
    let errors = form_errors(query.as_bytes());
    if !errors.is_empty() {
        return refuse(&path, errors);
    }
    let kind = body_kind(&request);
    // A server function decodes its body as it was declared, whatever the
    // Content-Type says: every body it could decode is checked as such,
    // and a type it does not take is refused before it can try.
    let server_function = path.starts_with("/api/");
    if kind == BodyKind::Other && !server_function {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, BODY_LIMIT_BYTES).await else {
        return answer(&path, StatusCode::PAYLOAD_TOO_LARGE, AppError::TooLarge);
    };
    let as_json = serde_json::from_slice::<Value>(&bytes).ok();
    let errors = match kind {
        BodyKind::Json => match &as_json {
            Some(value) => json_errors(value),
            None => return answer(&path, StatusCode::BAD_REQUEST, AppError::BadRequest),
        },
        BodyKind::Form => {
            let mut errors = form_errors(&bytes);
            errors.extend(as_json.as_ref().map(json_errors).unwrap_or_default());
            errors
        }
        BodyKind::Other if bytes.is_empty() => Vec::new(),
        BodyKind::Other => {
            tracing::info!(path, "refused a server-function body of another type");
            return answer(
                &path,
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                AppError::BadRequest,
            );
        }
    };
    if errors.is_empty() {
        next.run(Request::from_parts(parts, Body::from(bytes)))
            .await
    } else {
        refuse(&path, errors)
    }
}

/// The two encodings server functions take, and everything else (uploads
/// are multipart, to their own route, checked by their own sniffer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyKind {
    Json,
    Form,
    Other,
}

fn body_kind(request: &Request) -> BodyKind {
    let essence = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase());
    match essence.as_deref() {
        Some("application/json") => BodyKind::Json,
        Some("application/x-www-form-urlencoded") => BodyKind::Form,
        _ => BodyKind::Other,
    }
}

/// Every refused name or value of a form-encoded body or query string,
/// reported at its own name.
fn form_errors(encoded: &[u8]) -> Vec<FieldError> {
    form_urlencoded::parse(encoded)
        .flat_map(|(name, value)| [arrival_error(&name, &name), arrival_error(&name, &value)])
        .flatten()
        .collect()
}

/// Every refused key or string of a JSON body. The path leaves out the
/// server function's argument name, so `filing.subject.name` is reported as
/// `subject.name`, the name the form gives that field.
fn json_errors(value: &Value) -> Vec<FieldError> {
    let mut errors = Vec::new();
    match value {
        Value::Object(arguments) => {
            for (name, argument) in arguments {
                errors.extend(arrival_error(name, name));
                let start = errors.len();
                walk(argument, name.clone(), &mut errors);
                for error in &mut errors[start..] {
                    strip_argument(error, name);
                }
            }
        }
        other => walk(other, String::new(), &mut errors),
    }
    errors
}

fn walk(value: &Value, path: String, errors: &mut Vec<FieldError>) {
    match value {
        Value::String(text) => errors.extend(arrival_error(&path, text)),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                walk(item, format!("{path}[{index}]"), errors);
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                let inner = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                errors.extend(arrival_error(&inner, key));
                walk(item, inner, errors);
            }
        }
        _ => {}
    }
}

/// `filing.subject.name` → `subject.name`; a plain argument, or a list
/// argument's `items[0][1]`, keeps its name.
fn strip_argument(error: &mut FieldError, argument: &str) {
    let inner = error
        .field
        .strip_prefix(argument)
        .map(|rest| rest.trim_start_matches('.'))
        .filter(|rest| !rest.is_empty() && !rest.starts_with('['))
        .map(str::to_owned);
    if let Some(inner) = inner {
        error.field = inner;
    }
}

fn refuse(path: &str, errors: Vec<FieldError>) -> Response {
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    tracing::info!(path, ?fields, "refused text on arrival");
    if path.starts_with("/api/") {
        return answer(
            path,
            StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Validation(errors),
        );
    }
    // A page or a download: the reader gets the reason in words.
    let reasons: Vec<String> = errors
        .iter()
        .map(|e| format!("{}：{} / {}", e.field, e.zh, e.en))
        .collect();
    (StatusCode::UNPROCESSABLE_ENTITY, reasons.join("\n")).into_response()
}

/// An answer the server-function client decodes as `error`.
fn answer(path: &str, status: StatusCode, error: AppError) -> Response {
    let mut response = (status, error.ser()).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Ok(path) = HeaderValue::from_str(path) {
        headers.insert(SERVER_FN_ERROR_HEADER, path);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_json_error_names_the_field_inside_its_argument() {
        let body =
            json!({ "id": 3, "filing": { "sites": [{ "name": "ok" }, { "name": "a\u{0}b" }] } });
        let errors = json_errors(&body);
        let found: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.rule.as_str()))
            .collect();
        assert_eq!(found, [("sites[1].name", "TEXT_CONTROL_CHAR")]);
        let plain = json!({ "q": "x".repeat(2_001), "items": [["a\u{0}"]] });
        let fields: Vec<String> = json_errors(&plain).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["items[0][0]", "q"]);
    }

    #[test]
    fn a_form_error_names_its_field_and_line_breaks_pass() {
        assert_eq!(form_errors(b"remark=a%0D%0Ab%09c&id=1"), []);
        let errors = form_errors(b"id=1&real_name=%E5%BC%A0%00");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "real_name");
        assert_eq!(form_errors(b"a%00=1").len(), 1, "names are checked too");
    }
}
