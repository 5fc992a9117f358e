//! Builds the axum application: routes, server functions and the layers
//! every request passes through.

use std::net::SocketAddr;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use axum::handler::Handler;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Router};
use leptos::config::LeptosOptions;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower::ServiceExt;
use tower_http::limit::RequestBodyLimitLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, Session, SessionManagerLayer};

use crate::api::export;
use crate::app::{shell, App};
use crate::server::auth::captcha;
use crate::server::auth::cross_site::refuse_cross_site;
use crate::server::auth::keep_alive::keep_session_alive;
use crate::server::auth::session_store::DbSessionStore;
use crate::server::http::error_status::set_error_status;
use crate::server::http::rate_limit::{limit_public_lookup, Limits, RateLimiter};
use crate::server::http::security_headers::{self, add_security_headers};
use crate::server::infra::config::Config;
use crate::server::infra::db;
use crate::server::infra::state::AppState;
use crate::server::{
    http::audit, http::document_routes, http::input_guard, http::language_route, http::page_cache,
    http::verify_routes,
};
use crate::server::{infra::live, infra::mail, upstream};

/// Connects to the database (migrating it) and assembles the state.
pub async fn build_state(
    leptos_options: LeptosOptions,
    config: Config,
) -> Result<AppState, sea_orm::DbErr> {
    let db = db::connect(&config.database_url).await?;
    let limits = Limits {
        public_lookups: Arc::new(RateLimiter::new(config.public_lookups_per_minute)),
        anonymous_writes: Arc::new(RateLimiter::new(config.anonymous_writes_per_minute)),
        trust_forwarded_for: config.trust_forwarded_for,
    };
    Ok(AppState {
        leptos_options,
        db,
        config: Arc::new(config),
        password_checks: Arc::new(AtomicU64::new(0)),
        upstream: Arc::new(tokio::sync::Notify::new()),
        changes: tokio::sync::broadcast::channel(16).0,
        instance: rand::random(),
        limits,
        public_pages: Arc::default(),
        login_gate: Default::default(),
    })
}

/// The whole application as one router.
pub fn router(state: AppState) -> Router {
    let idle = time::Duration::seconds(state.config.session_idle.as_secs() as i64);
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name(crate::server::auth::session_store::SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.config.cookie_secure)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(idle));
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    // Files under the site root go straight to tower-http. leptos_axum's
    // `file_and_error_handler` answers them inside a reactive owner that
    // inherits whatever owner a page render left on the worker thread, so
    // a concurrent page's redirect and cookies reached `beian.wasm` (tests:
    // security::static_files_never_take_a_concurrent_pages_redirect). It now
    // answers only paths that are no file: the 404 page. A release site's
    // files have brotli and gzip copies beside them, sent to browsers that
    // accept them; `Vary` keeps shared caches from mixing the variants.
    let not_found = leptos_axum::file_and_error_handler::<AppState, _>(shell);
    let files = leptos_axum::site_pkg_dir_service(&state.leptos_options)
        .call_fallback_on_method_not_allowed(true)
        .fallback(not_found.with_state(state.clone()));
    let files = ServiceExt::<axum::extract::Request>::map_response(files, |mut response| {
        response.headers_mut().append(
            header::VARY,
            header::HeaderValue::from_static("accept-encoding"),
        );
        response
    });
    let secure = state.config.cookie_secure;
    let router = Router::new()
        .route("/captcha", get(captcha_image))
        .route("/documents", post(document_routes::upload))
        .route("/documents/{id}", get(document_routes::download))
        .route("/verify/upload", post(verify_routes::upload))
        .route("/language", post(language_route::choose))
        .route("/export/records.csv", get(export::records))
        .route("/export/history.csv", get(export::history))
        .route("/events", get(live::events))
        .leptos_routes(&state, routes, move || shell(options.clone()))
        .fallback_service(files)
        .layer(middleware::from_fn(set_error_status))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            page_cache::serve_cached,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            limit_public_lookup,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            keep_session_alive,
        ))
        .layer(sessions)
        .layer(middleware::from_fn(input_guard::refuse_bad_text))
        .layer(middleware::from_fn(refuse_cross_site))
        .layer(middleware::from_fn(audit::trace_request))
        .layer(middleware::from_fn(add_security_headers))
        .layer(RequestBodyLimitLayer::new(input_guard::BODY_LIMIT_BYTES))
        .with_state(state);
    if secure {
        router.layer(middleware::from_fn(security_headers::add_hsts))
    } else {
        router
    }
}

/// `GET /captcha`: a fresh captcha image; its answer replaces the pending
/// one in the session.
async fn captcha_image(session: Session) -> Response {
    match captcha::issue(&session, chrono::Utc::now().timestamp()).await {
        Ok(png) => (
            [
                (header::CONTENT_TYPE, "image/png"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            png,
        )
            .into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Serves until Ctrl-C with the background tasks running: the simulated
/// upstream, the relay of other instances' announcements (PostgreSQL), the
/// e-mail outbox (when SMTP is configured), the 核查 checker (when its
/// interval is set) and, every ten minutes, a sweep of expired sessions,
/// idle applications (45 days) and orphaned scans, and the 公安联网备案
/// reminders.
pub async fn serve(state: AppState) -> std::io::Result<()> {
    let addr: SocketAddr = state.leptos_options.site_addr;
    upstream::start(state.clone());
    live::listen(state.clone());
    mail::start(state.db.clone(), state.config.smtp.clone());
    crate::server::infra::sms_gateway::start(
        state.db.clone(),
        state.config.sms_gateway_url.clone(),
    );
    crate::server::inspections::start(state.clone());
    let store = DbSessionStore::new(state.db.clone());
    let db = state.db.clone();
    let housekeeping = state.clone();
    tokio::spawn(async move {
        // The first round comes a period after start: connecting has just
        // refreshed the statistics, and a second ANALYZE would compete
        // with the first requests.
        let period = std::time::Duration::from_secs(600);
        let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
        loop {
            tick.tick().await;
            if let Err(error) = store.delete_expired().await {
                tracing::warn!(%error, "expired-session sweep failed");
            }
            match crate::server::expiry::sweep(&db, chrono::Utc::now()).await {
                Ok(swept) => {
                    if swept.warned > 0 || !swept.abandoned.is_empty() {
                        tracing::info!(
                            warned = swept.warned,
                            abandoned = swept.abandoned.len(),
                            "idle applications"
                        );
                    }
                    live::announce(&housekeeping, &swept.abandoned);
                }
                Err(error) => tracing::warn!(?error, "expiry round failed"),
            }
            match crate::server::public_security::remind(&db, chrono::Utc::now()).await {
                Ok(0) => {}
                Ok(sent) => tracing::info!(sent, "公安联网备案 reminders"),
                Err(error) => tracing::warn!(?error, "公安联网备案 reminders failed"),
            }
            match crate::server::documents::sweep_orphans(&db, chrono::Utc::now()).await {
                Ok(0) => {}
                Ok(swept) => tracing::info!(swept, "orphaned scans swept"),
                Err(error) => tracing::warn!(?error, "orphaned-scan sweep failed"),
            }
            // The data grows: SQLite's picture of it must too
            // (PostgreSQL's autovacuum keeps its own).
            if db.get_database_backend() == sea_orm::DbBackend::Sqlite {
                if let Err(error) = crate::server::infra::db::refresh_statistics(&db).await {
                    tracing::warn!(%error, "refreshing planner statistics failed");
                }
            }
        }
    });
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!("listening on http://{addr}");
    // The peer address is what the public lookup's rate limit counts.
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
