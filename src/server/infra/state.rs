//! `AppState`: what every handler and server function can reach.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use leptos::prelude::use_context;
use sea_orm::DatabaseConnection;

use crate::error::AppError;
use crate::server::infra::config::Config;

/// The applications one committed change touched.
pub type Changed = Arc<[i32]>;

/// Shared by all requests; leptos_axum provides it as context to every
/// server function and page render.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    /// How many argon2 verifications this instance has run. Lets operators
    /// (and the tests) see that refused captchas and locked accounts cost no
    /// hashing.
    pub password_checks: Arc<AtomicU64>,
    /// Wakes the simulated upstream when something reaches the province.
    pub upstream: Arc<tokio::sync::Notify>,
    /// Fires after every committed change, with the applications it
    /// touched (`server::infra::live`).
    pub changes: tokio::sync::broadcast::Sender<Changed>,
    /// Tells this instance's own `NOTIFY` from the others' (`server::infra::live`).
    pub instance: u64,
    /// The per-client limits on anonymous use (`server::http::rate_limit`).
    pub limits: crate::server::http::rate_limit::Limits,
    /// Anonymous visitors' 公共查询 pages (`server::http::page_cache`).
    pub public_pages: Arc<crate::server::http::page_cache::PageCache>,
    /// One password check at a time per username (see `login_gate`).
    pub login_gate: crate::server::auth::login_gate::LoginGate,
}

impl AppState {
    /// Counts one argon2 verification.
    pub fn count_password_check(&self) {
        self.password_checks.fetch_add(1, Ordering::Relaxed);
    }
}

/// The state inside a server function.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}
