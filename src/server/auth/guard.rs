//! Who is calling: the session's account, and role checks that every
//! server function starts with.

use sea_orm::EntityTrait;
use tower_sessions::session::Id;
use tower_sessions::{Session, SessionStore};

use super::session_store::DbSessionStore;

use crate::domain::account::AccountStatus;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::server::entity::account;
use crate::server::infra::state::{app_state, AppState};

/// Session key holding the signed-in account's id.
pub const ACCOUNT_KEY: &str = "account_id";

/// Session key holding the account's session epoch at sign-in: a password
/// change or disabling starts a new epoch and so ends older sessions.
/// Sessions from before epochs existed carry none and count as epoch 0.
pub const EPOCH_KEY: &str = "session_epoch";

/// Session key holding when the session signed in (Unix seconds): it ends
/// `Config::session_max` later, however busy.
pub const SIGNED_IN_KEY: &str = "signed_in_at";

/// The request's session (the session layer wraps every route).
pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|error| {
        tracing::error!(%error, "session layer missing");
        AppError::Internal
    })
}

/// The signed-in, active account, if any: the session is of the account's
/// current epoch and younger than the absolute session lifetime.
pub async fn current_account(
    state: &AppState,
    session: &Session,
) -> Result<Option<account::Model>, AppError> {
    let Some(id) = session.get::<i32>(ACCOUNT_KEY).await? else {
        return Ok(None);
    };
    let epoch = session.get::<i32>(EPOCH_KEY).await?.unwrap_or(0);
    let signed_in = session.get::<i64>(SIGNED_IN_KEY).await?.unwrap_or(0);
    let account = active_account(state, id, epoch, signed_in).await?;
    if let Some(account) = &account {
        crate::server::http::audit::record_actor(account.id);
    }
    Ok(account)
}

/// The account the session `id` signs in now, read afresh from the store:
/// for answers that outlive their request (event streams, long exports)
/// and must stop when the user signs out, is disabled or times out.
pub async fn still_signed_in(
    state: &AppState,
    id: Option<Id>,
) -> Result<Option<account::Model>, AppError> {
    let Some(id) = id else {
        return Ok(None);
    };
    let store = DbSessionStore::new(state.db.clone());
    let Some(record) = store.load(&id).await.map_err(|error| {
        tracing::error!(%error, "session store unreadable");
        AppError::Internal
    })?
    else {
        return Ok(None);
    };
    let value = |key: &str| record.data.get(key).and_then(|v| v.as_i64());
    let Some(account_id) = value(ACCOUNT_KEY).and_then(|v| i32::try_from(v).ok()) else {
        return Ok(None);
    };
    let epoch = value(EPOCH_KEY)
        .and_then(|v| i32::try_from(v).ok())
        .unwrap_or(0);
    active_account(state, account_id, epoch, value(SIGNED_IN_KEY).unwrap_or(0)).await
}

/// Account `id` if it is active, `epoch` is its current session epoch and
/// a session signed in at `signed_in` (Unix seconds) has not outlived
/// `Config::session_max`.
async fn active_account(
    state: &AppState,
    id: i32,
    epoch: i32,
    signed_in: i64,
) -> Result<Option<account::Model>, AppError> {
    let age = chrono::Utc::now().timestamp() - signed_in;
    if age < 0 || age as u64 >= state.config.session_max.as_secs() {
        return Ok(None);
    }
    let account = account::Entity::find_by_id(id).one(&state.db).await?;
    Ok(account.filter(|a| a.status == AccountStatus::Active && a.session_epoch == epoch))
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
    if roles.contains(&account.role) {
        Ok((state, account))
    } else {
        Err(AppError::Forbidden)
    }
}
