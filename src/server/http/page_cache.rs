//! A short-lived cache of the 公共查询 page (`/query?…`) as anonymous
//! visitors get it. That page depends only on its URL, the visitor's
//! language and the live records, and it is the one page the whole public
//! asks for, often the same domain many times, so a repeat is served
//! without rendering or querying (docs/benchmarks.md shows why).
//!
//! - Every change announcement (`live::announce`, which covers every
//!   committed transition and, on PostgreSQL, the other instances') starts
//!   a new generation, and only pages of the current generation are
//!   served. A page rendered from data read before a change is never
//!   stored after it.
//! - Entries also expire after `MAX_AGE`, which bounds what a change made
//!   outside the server (`beian seed-demo`) can leave stale.
//! - Visitors with any cookie (a session, a language choice) bypass it.
//! - Each response has its own CSP nonce: the cached page's nonce is
//!   replaced by this request's. A hit carries an `Age` header.
//! - The rate limit runs before it, so a cached page still counts.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::nonce::Nonce;

/// The page it caches.
pub const CACHED_PATH: &str = "/query";

/// How long a page may be served without a change announcement.
const MAX_AGE: Duration = Duration::from_secs(10);

/// Past this many pages the cache starts over, bounding its memory.
const MAX_ENTRIES: usize = 2_000;

/// A rendered page is a few tens of KB; this only bounds a broken one.
const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

struct Page {
    generation: u64,
    stored: Instant,
    headers: HeaderMap,
    body: String,
    /// The nonce the page was rendered with.
    nonce: String,
}

#[derive(Default)]
struct Pages {
    generation: u64,
    by_key: HashMap<String, Page>,
}

/// The cached pages (see the module doc).
#[derive(Default)]
pub struct PageCache {
    pages: Mutex<Pages>,
}

impl PageCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Pages> {
        self.pages.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Called on every change announcement: no page rendered before it is
    /// served or stored from now on.
    pub fn invalidate(&self) {
        let mut pages = self.lock();
        pages.generation += 1;
        pages.by_key.clear();
    }

    fn generation(&self) -> u64 {
        self.lock().generation
    }

    /// The page for `key` with `nonce` in place of its own, if current.
    fn get(&self, key: &str, nonce: &str, now: Instant) -> Option<Response> {
        let pages = self.lock();
        let page = pages.by_key.get(key)?;
        let age = now.duration_since(page.stored);
        if page.generation != pages.generation || age >= MAX_AGE {
            return None;
        }
        let mut response = Response::new(Body::from(page.body.replace(&page.nonce, nonce)));
        *response.headers_mut() = page.headers.clone();
        response
            .headers_mut()
            .insert(header::AGE, HeaderValue::from(age.as_secs()));
        Some(response)
    }

    /// Stores a page rendered in `generation`, unless a change came since.
    fn put(&self, key: String, page: Page) {
        let mut pages = self.lock();
        if page.generation != pages.generation {
            return;
        }
        if pages.by_key.len() >= MAX_ENTRIES {
            pages.by_key.clear();
        }
        pages.by_key.insert(key, page);
    }
}

/// The cache key of a request it may answer: the URL and the languages
/// the visitor accepts. `None` for anything else.
fn key_of(request: &Request) -> Option<String> {
    let cacheable = request.method() == Method::GET
        && request.uri().path() == CACHED_PATH
        && !request.headers().contains_key(header::COOKIE);
    cacheable.then(|| {
        let language = request
            .headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        format!("{}\n{language}", request.uri())
    })
}

/// Middleware: answers from the cache, or renders and stores a plain 200
/// HTML page that sets no cookie.
pub async fn serve_cached(
    State(cache): State<Arc<PageCache>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(key) = key_of(&request) else {
        return next.run(request).await;
    };
    let Some(nonce) = request.extensions().get::<Nonce>().map(|n| n.to_string()) else {
        return next.run(request).await;
    };
    if let Some(hit) = cache.get(&key, &nonce, Instant::now()) {
        return hit;
    }
    let generation = cache.generation();
    let response = next.run(request).await;
    let storable = response.status() == StatusCode::OK
        && !response.headers().contains_key(header::SET_COOKIE)
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
    if !storable {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_PAGE_BYTES).await else {
        tracing::error!(path = CACHED_PATH, "page too large or broken while caching");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(text) = std::str::from_utf8(&bytes) {
        cache.put(
            key,
            Page {
                generation,
                stored: Instant::now(),
                headers: parts.headers.clone(),
                body: text.to_owned(),
                nonce,
            },
        );
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(generation: u64, body: &str) -> Page {
        Page {
            generation,
            stored: Instant::now(),
            headers: HeaderMap::new(),
            body: body.to_owned(),
            nonce: "OLDNONCE".to_owned(),
        }
    }

    async fn body_of(response: Response) -> String {
        let bytes = to_bytes(response.into_body(), usize::MAX).await.unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[tokio::test]
    async fn a_hit_carries_the_requests_own_nonce() {
        let cache = PageCache::default();
        cache.put(
            "k".into(),
            page(0, r#"<script nonce="OLDNONCE">1</script>"#),
        );
        let hit = cache.get("k", "NEW", Instant::now()).unwrap();
        assert!(hit.headers().contains_key(header::AGE));
        assert_eq!(body_of(hit).await, r#"<script nonce="NEW">1</script>"#);
    }

    #[test]
    fn a_change_drops_every_page_and_refuses_pages_rendered_before_it() {
        let cache = PageCache::default();
        let before = cache.generation();
        cache.put("k".into(), page(before, "old"));
        cache.invalidate();
        assert!(cache.get("k", "n", Instant::now()).is_none());
        // A render that began before the change finishes after it.
        cache.put("k".into(), page(before, "old"));
        assert!(cache.get("k", "n", Instant::now()).is_none());
        cache.put("k".into(), page(cache.generation(), "new"));
        assert!(cache.get("k", "n", Instant::now()).is_some());
    }

    #[test]
    fn pages_expire() {
        let cache = PageCache::default();
        cache.put("k".into(), page(0, "p"));
        let later = Instant::now() + MAX_AGE;
        assert!(cache.get("k", "n", later).is_none());
    }

    #[test]
    fn only_anonymous_gets_of_the_lookup_page_are_cached() {
        let get = |uri: &str| Request::builder().uri(uri).body(Body::empty()).unwrap();
        assert!(key_of(&get("/query?by=domain&q=a.cn")).is_some());
        assert_ne!(key_of(&get("/query?q=a.cn")), key_of(&get("/query?q=b.cn")));
        assert!(key_of(&get("/records")).is_none());
        let mut with_cookie = get("/query");
        with_cookie
            .headers_mut()
            .insert(header::COOKIE, HeaderValue::from_static("beian_sid=x"));
        assert!(key_of(&with_cookie).is_none());
        let mut post = get("/query");
        *post.method_mut() = Method::POST;
        assert!(key_of(&post).is_none());
    }
}
