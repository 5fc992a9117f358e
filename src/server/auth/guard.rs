//! Who is calling: the session's account, and role checks that every
//! server function starts with.

use sea_orm::EntityTrait;
use tower_sessions::Session;

use crate::domain::role::Role;
use crate::error::AppError;
use crate::server::entity::account;
use crate::server::state::{app_state, AppState};

/// Session key holding the signed-in account's id.
pub const ACCOUNT_KEY: &str = "account_id";

/// Session key holding the account's session epoch at sign-in: a password
/// change or disabling starts a new epoch and so ends older sessions.
/// Sessions from before epochs existed carry none and count as epoch 0.
pub const EPOCH_KEY: &str = "session_epoch";

/// The request's session (the session layer wraps every route).
pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|error| {
        tracing::error!(%error, "session layer missing");
        AppError::Internal
    })
}

/// The signed-in, active account, if any (and if the session is of its
/// current epoch).
pub async fn current_account(
    state: &AppState,
    session: &Session,
) -> Result<Option<account::Model>, AppError> {
    let Some(id) = session.get::<i32>(ACCOUNT_KEY).await? else {
        return Ok(None);
    };
    let epoch = session.get::<i32>(EPOCH_KEY).await?.unwrap_or(0);
    let account = account::Entity::find_by_id(id).one(&state.db).await?;
    let account = account.filter(|a| a.status == "active" && a.session_epoch == epoch);
    if let Some(account) = &account {
        crate::server::audit::record_actor(account.id);
    }
    Ok(account)
}

/// The signed-in account, or `Unauthorized`.
pub async fn require_account() -> Result<(AppState, account::Model), AppError> {
    let state = app_state()?;
    let session = session().await?;
    let account = current_account(&state, &session)
        .await?
        .ok_or(AppError::Unauthorized)?;
    Ok((state, account))
}

/// The signed-in account if its role is one of `roles`, else `Forbidden`.
pub async fn require_role(roles: &[Role]) -> Result<(AppState, account::Model), AppError> {
    let (state, account) = require_account().await?;
    match Role::from_code(&account.role) {
        Some(role) if roles.contains(&role) => Ok((state, account)),
        _ => Err(AppError::Forbidden),
    }
}
