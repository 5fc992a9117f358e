//! Rate limits on what anyone may ask for without a login: each client (by
//! address) gets a fixed number a minute, and past that a clean 429, as an
//! HTML page for the browser's page load or as the server function's
//! `RateLimited` error for its call. The public lookup has its own budget;
//! captcha images and registrations, which each write a row, share another.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::server_fn::error::{FromServerFnError, SERVER_FN_ERROR_HEADER};

use crate::error::AppError;

/// The paths that count against the public lookup's limit: the page and
/// its call.
pub const LIMITED_PATHS: [&str; 2] = ["/query", "/api/public/lookup"];

/// The paths that write a row for an anonymous visitor.
pub const ANONYMOUS_WRITES: [&str; 6] = [
    "/captcha",
    "/api/agreements/accept",
    "/api/register",
    "/api/sms/confirm",
    "/api/verification/check_link",
    "/verify/upload",
];

/// Past this many tracked clients, finished windows are swept away.
const SWEEP_AT: usize = 10_000;

/// At most this many clients are tracked. Past it (a scan from very many
/// addresses within one minute), new clients share one window, so memory
/// stays bounded and the clients already counted keep their own windows.
const MAX_CLIENTS: usize = 100_000;

/// How often a sweep may run: a sweep walks every tracked client, so
/// running one per request past `SWEEP_AT` would make each request cost
/// that walk.
const SWEEP_EVERY: Duration = Duration::from_secs(1);

/// Fixed one-minute windows per client.
pub struct RateLimiter {
    per_minute: u32,
    windows: Mutex<Windows>,
}

/// The clients' windows and when finished ones were last swept away.
struct Windows {
    by_client: HashMap<IpAddr, (Instant, u32)>,
    swept: Option<Instant>,
}

impl RateLimiter {
    pub fn new(per_minute: u32) -> Self {
        RateLimiter {
            per_minute,
            windows: Mutex::new(Windows {
                by_client: HashMap::new(),
                swept: None,
            }),
        }
    }

    /// Counts one request from `client`: `Err(seconds to wait)` once the
    /// client's window is full.
    pub fn hit(&self, client: IpAddr, now: Instant) -> Result<(), u64> {
        const WINDOW: Duration = Duration::from_secs(60);
        let mut guard = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        let due = guard
            .swept
            .is_none_or(|at| now.saturating_duration_since(at) >= SWEEP_EVERY);
        if guard.by_client.len() >= SWEEP_AT && due {
            guard
                .by_client
                .retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
            guard.swept = Some(now);
        }
        let windows = &mut guard.by_client;
        let client = if windows.len() >= MAX_CLIENTS && !windows.contains_key(&client) {
            IpAddr::V4(Ipv4Addr::UNSPECIFIED)
        } else {
            client
        };
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

/// The client the limit counts: the peer, or, when the operator says a
/// trusted proxy sets it, the rightmost `X-Forwarded-For` entry, the one
/// that proxy added (entries left of it are whatever the client wrote).
/// An IPv6 client counts by its /64, the block one subscriber holds, so
/// it cannot take a fresh address per lookup.
fn client_of(request: &Request, trust_forwarded: bool) -> IpAddr {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    client_from(request.headers(), peer, trust_forwarded)
}

/// The client of the server-function call being answered, counted as the
/// limits count it (the login lockout counts per client too).
pub async fn calling_client(trust_forwarded: bool) -> IpAddr {
    let headers = leptos_axum::extract::<HeaderMap>()
        .await
        .unwrap_or_default();
    let peer = leptos_axum::extract::<ConnectInfo<SocketAddr>>()
        .await
        .ok()
        .map(|c| c.0.ip());
    client_from(&headers, peer, trust_forwarded)
}

fn client_from(headers: &HeaderMap, peer: Option<IpAddr>, trust_forwarded: bool) -> IpAddr {
    let forwarded = trust_forwarded
        .then(|| headers.get_all("x-forwarded-for").iter().next_back())
        .flatten()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|v| v.trim().parse().ok());
    let address = forwarded
        .or(peer)
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    match address {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(std::net::Ipv6Addr::from(
                u128::from(v6) & !((1u128 << 64) - 1),
            )),
        },
        v4 => v4,
    }
}

/// The path as the router matches it, without repeated or trailing
/// slashes: `/query/` and `//query` count as `/query`.
fn canonical(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    format!("/{}", parts.join("/"))
}

/// The limits the middleware applies, and how it tells clients apart.
#[derive(Clone)]
pub struct Limits {
    /// Each client's 公共查询 lookups.
    pub public_lookups: Arc<RateLimiter>,
    /// Each client's captcha images and registrations (each writes a row
    /// without a login).
    pub anonymous_writes: Arc<RateLimiter>,
    /// Count clients by the rightmost `X-Forwarded-For` entry.
    pub trust_forwarded_for: bool,
}

/// Axum middleware: applies the public lookup's limit to `LIMITED_PATHS`
/// and the anonymous writes' to `ANONYMOUS_WRITES`.
pub async fn limit_public_lookup(
    State(limits): State<Limits>,
    request: Request,
    next: Next,
) -> Response {
    let path = canonical(request.uri().path());
    let limiter = if LIMITED_PATHS.contains(&path.as_str()) {
        &limits.public_lookups
    } else if ANONYMOUS_WRITES.contains(&path.as_str()) {
        &limits.anonymous_writes
    } else {
        return next.run(request).await;
    };
    let path = path.as_str();
    let client = client_of(&request, limits.trust_forwarded_for);
    let Err(wait) = limiter.hit(client, Instant::now()) else {
        return next.run(request).await;
    };
    tracing::info!(%client, path, "rate limit");
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

    #[test]
    fn path_variants_count_as_the_page() {
        assert_eq!(canonical("/query/"), "/query");
        assert_eq!(canonical("//query"), "/query");
        assert_eq!(canonical("/api//public/lookup/"), "/api/public/lookup");
    }

    #[test]
    fn the_proxys_own_entry_counts_not_the_clients() {
        let request = Request::builder()
            .header("x-forwarded-for", "1.1.1.1, 203.0.113.9")
            .body(Body::empty())
            .unwrap();
        assert_eq!(
            client_of(&request, true),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
        let v6 = Request::builder()
            .header("x-forwarded-for", "2001:db8:1:2:3:4:5:6")
            .body(Body::empty())
            .unwrap();
        assert_eq!(
            client_of(&v6, true),
            "2001:db8:1:2::".parse::<IpAddr>().unwrap()
        );
    }

    #[test]
    fn memory_stays_bounded_under_a_scan() {
        let limiter = RateLimiter::new(1);
        let start = Instant::now();
        for i in 0..(MAX_CLIENTS as u32 + 10) {
            let _ = limiter.hit(IpAddr::V4(Ipv4Addr::from(i + 1)), start);
        }
        let tracked = limiter.windows.lock().unwrap().by_client.len();
        assert!(tracked <= MAX_CLIENTS + 1, "{tracked}");
    }
}
