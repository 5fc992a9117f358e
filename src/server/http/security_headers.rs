//! Security headers on every response. Each request gets a fresh nonce in
//! its extensions, which the page's inline scripts carry (`crate::app::shell`);
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

/// Adds the headers; gives the request its page nonce first. A signed-in
/// visitor's pages and every server-function answer are never stored by a
/// browser or proxy cache (`no-store`), so the next person at a shared
/// computer cannot bring them back with the Back button.
pub async fn add_security_headers(mut request: Request, next: Next) -> Response {
    let nonce = Nonce::new();
    request.extensions_mut().insert(nonce.clone());
    let private = request.uri().path().starts_with("/api/") || has_session(&request);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if private && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
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

/// Whether the request carries a session cookie: a signed-in visitor's.
fn has_session(request: &Request) -> bool {
    let prefix = format!("{}=", crate::server::auth::session_store::SESSION_COOKIE);
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .any(|c| c.trim().starts_with(&prefix))
}

/// `Strict-Transport-Security` for a deployment whose cookies are Secure
/// (served over HTTPS): browsers then never fall back to plain HTTP, where
/// the session cookie would not be sent anyway.
pub async fn add_hsts(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response.headers_mut().insert(
        header::STRICT_TRANSPORT_SECURITY,
        HeaderValue::from_static("max-age=31536000; includeSubDomains"),
    );
    response
}
