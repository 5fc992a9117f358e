//! The public lookup's rate limit: it needs no login, so each client (by
//! address) gets a fixed number of lookups a minute, and past that a clean
//! 429, as an HTML page for the browser's page load or as the server
//! function's `RateLimited` error for its call.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::server_fn::error::{FromServerFnError, SERVER_FN_ERROR_HEADER};

use super::state::AppState;
use crate::error::AppError;

/// The paths that count against the limit: the page and its call.
pub const LIMITED_PATHS: [&str; 2] = ["/query", "/api/public/lookup"];

/// Past this many tracked clients, finished windows are swept away, so a
/// scan from many addresses cannot grow memory without bound.
const SWEEP_AT: usize = 10_000;

/// Fixed one-minute windows per client.
pub struct RateLimiter {
    per_minute: u32,
    windows: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl RateLimiter {
    pub fn new(per_minute: u32) -> Self {
        RateLimiter {
            per_minute,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one request from `client`: `Err(seconds to wait)` once the
    /// client's window is full.
    pub fn hit(&self, client: IpAddr, now: Instant) -> Result<(), u64> {
        const WINDOW: Duration = Duration::from_secs(60);
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        if windows.len() >= SWEEP_AT {
            windows.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
        }
        let (start, count) = windows.entry(client).or_insert((now, 0));
        if now.duration_since(*start) >= WINDOW {
            (*start, *count) = (now, 0);
        }
        if *count >= self.per_minute {
            let left = WINDOW.saturating_sub(now.duration_since(*start));
            return Err(left.as_secs().max(1));
        }
        *count += 1;
        Ok(())
    }
}

/// The client's address: the peer, or the first `X-Forwarded-For` entry
/// when the operator says a trusted proxy sets it.
fn client_of(request: &Request, trust_forwarded: bool) -> IpAddr {
    let forwarded = trust_forwarded
        .then(|| request.headers().get("x-forwarded-for"))
        .flatten()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .and_then(|v| v.trim().parse().ok());
    forwarded
        .or_else(|| {
            request
                .extensions()
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip())
        })
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

/// Axum middleware: applies the limit to `LIMITED_PATHS`.
pub async fn limit_public_lookup(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    if !LIMITED_PATHS.contains(&path) {
        return next.run(request).await;
    }
    let client = client_of(&request, state.config.trust_forwarded_for);
    let Err(wait) = state.public_lookups.hit(client, Instant::now()) else {
        return next.run(request).await;
    };
    tracing::info!(%client, path, "public lookup rate limit");
    let mut response = if path.starts_with("/api/") {
        let body = AppError::RateLimited {
            retry_after_secs: wait,
        }
        .ser();
        let mut response = (StatusCode::TOO_MANY_REQUESTS, body).into_response();
        response
            .headers_mut()
            .insert(SERVER_FN_ERROR_HEADER, HeaderValue::from_static(""));
        response
    } else {
        (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            Body::from(too_many_page(wait)),
        )
            .into_response()
    };
    if let Ok(value) = HeaderValue::from_str(&wait.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// The 429 page: plain, self-contained, in Chinese with English below.
fn too_many_page(wait: u64) -> String {
    format!(
        r#"<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>查询过于频繁</title></head><body style="font-family:sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem"><h1>查询过于频繁</h1><p>为保护备案数据，每个访问者每分钟的查询次数有限。请在 {wait} 秒后再试。</p><p lang="en">Too many lookups from your address. Please try again in {wait} seconds.</p><p><a href="/query">返回备案查询</a></p></body></html>"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_window_refuses_until_it_ends() {
        let limiter = RateLimiter::new(2);
        let (a, b) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        let start = Instant::now();
        assert_eq!(limiter.hit(a, start), Ok(()));
        assert_eq!(limiter.hit(a, start), Ok(()));
        assert_eq!(limiter.hit(a, start + Duration::from_secs(15)), Err(45));
        assert_eq!(limiter.hit(b, start), Ok(()), "clients are counted apart");
        assert_eq!(limiter.hit(a, start + Duration::from_secs(60)), Ok(()));
    }
}
