//! The home dashboard of provider staff and 管局 reviewers.

use leptos::prelude::*;

use crate::domain::dashboard::Dashboard;
use crate::error::AppError;

/// The caller's dashboard: provider staff and reviewers only.
#[server(endpoint = "dashboard")]
pub async fn load_dashboard() -> Result<Dashboard, AppError> {
    use crate::server::auth::guard::require_account;

    let lang = crate::server::http::language_route::request_lang();
    let (state, account) = require_account().await?;
    crate::server::dashboard::dashboard(&state.db, &account, chrono::Utc::now(), lang).await
}
