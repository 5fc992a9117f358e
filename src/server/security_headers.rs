//! Security headers on every response. Each request gets a fresh nonce in
//! its extensions, which the page's inline scripts carry (`app::shell`);
//! an HTML page gets a CSP allowing that nonce, everything else a strict one.
//! The header is set here, not through Leptos' `ResponseOptions`: under
//! concurrent page loads a header inserted there was seen to go missing,
//! leaving the page unable to load its own scripts.

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use leptos::nonce::Nonce;

/// CSP for responses that are not pages (server functions, images, assets).
const DEFAULT_CSP: &str = "default-src 'none'; img-src 'self'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// The CSP of an HTML page whose inline scripts carry `nonce`.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// Adds the headers; gives the request its page nonce first.
pub async fn add_security_headers(mut request: Request, next: Next) -> Response {
    let nonce = Nonce::new();
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            header::HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=()",
        ),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    let is_page = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let csp = if is_page {
        HeaderValue::from_str(&page_csp(&nonce)).unwrap_or(HeaderValue::from_static(DEFAULT_CSP))
    } else {
        HeaderValue::from_static(DEFAULT_CSP)
    };
    headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    response
}
