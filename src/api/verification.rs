//! 电子化核验: provider staff open a one-time link for an application's
//! 核验, follow what it took, and accept it; the filer's phone checks the
//! link before taking pictures. The upload itself is a plain multipart
//! form (`POST /verify/upload`, `server::http::verify_routes`).

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::domain::field_error::FieldError;
use crate::domain::verification::{LinkView, Verification};
use crate::error::AppError;

/// Opens a new link for application `id` (ending any earlier one) and
/// returns its path, `/verify/<token>`, shown once.
#[server(endpoint = "verification/open_link", input = Json)]
pub async fn open_verify_link(id: i32) -> Result<String, AppError> {
    use crate::server::auth::guard::require_account;

    let (state, account) = require_account().await?;
    let token =
        crate::server::verify_links::open(&state.db, &account, id, chrono::Utc::now()).await?;
    Ok(format!("/verify/{token}"))
}

/// The newest link of application `id` and what it took.
#[server(endpoint = "verification/link", input = Json)]
pub async fn verify_link(id: i32) -> Result<Option<LinkView>, AppError> {
    use crate::server::auth::guard::require_account;

    let (state, account) = require_account().await?;
    crate::server::verify_links::latest(&state.db, &account, id).await
}

/// Accepts the newest link's pictures as the 核验, by `verifier`, at the
/// version staff saw; returns the new version and the record as stored.
#[server(endpoint = "verification/accept", input = Json)]
pub async fn accept_verify_link(
    id: i32,
    version: i32,
    verifier: String,
) -> Result<(i32, Verification), AppError> {
    use crate::server::auth::guard::require_account;

    let (state, account) = require_account().await?;
    crate::server::verify_links::accept(
        &state.db,
        &account,
        id,
        version,
        &verifier,
        chrono::Utc::now(),
    )
    .await
}

/// Whether a link can take uploads: `None` when it can, else why not.
/// No login: the token is the authority, and it is 192 random bits.
#[server(endpoint = "verification/check_link", input = Json)]
pub async fn check_verify_link(token: String) -> Result<Option<FieldError>, AppError> {
    use crate::server::infra::state::app_state;

    let state = app_state()?;
    crate::server::verify_links::check_token(&state.db, &token, chrono::Utc::now()).await
}
