//! Live updates (server-sent events): `GET /events` tells a signed-in
//! browser that an application *it may read* changed, and its open work
//! list or review page refetches through the usual authorised calls. The
//! event carries no data, and a change outside the user's scope
//! (`auth::policy`) sends nothing, so the stream reveals nothing, not even
//! the rhythm of others' work. The stream ends when its session does
//! (sign-out, disabling, the idle or absolute limit). Within an instance a
//! broadcast channel carries the news; on PostgreSQL, instances behind one
//! load balancer also tell each other with `NOTIFY`, so a page open on one
//! sees a decision taken on another, and each one's simulated upstream
//! wakes.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream;
use sea_orm::sqlx::postgres::PgListener;
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, Statement};
use tokio::sync::broadcast;
use tower_sessions::Session;

use crate::domain::workflow::State as WorkflowState;
use crate::server::auth::guard::{current_account, still_signed_in};
use crate::server::auth::policy::Viewer;
use crate::server::entity::application;
use crate::server::infra::state::{AppState, Changed};

/// How often an open stream checks that its session still signs in, when
/// no change comes to make it check.
const SESSION_CHECK: Duration = Duration::from_secs(15);

/// The PostgreSQL channel the instances of one database share.
const CHANNEL: &str = "beian_changes";

/// Announces that applications `ids` changed: to this instance's open
/// pages at once and, on PostgreSQL, to the other instances.
pub fn announce(state: &AppState, ids: &[i32]) {
    changed_here(state, ids.into());
    if state.db.get_database_backend() == DbBackend::Postgres {
        let (db, instance) = (state.db.clone(), state.instance);
        let payload = format!(
            "{instance}:{}",
            ids.iter().map(i32::to_string).collect::<Vec<_>>().join(",")
        );
        tokio::spawn(async move {
            let notify = Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT pg_notify($1, $2)",
                [CHANNEL.into(), payload.into()],
            );
            if let Err(error) = db.execute_raw(notify).await {
                tracing::warn!(%error, "could not tell the other instances");
            }
        });
    }
}

/// On PostgreSQL, relays the other instances' announcements to this one's
/// pages and wakes its upstream. Reconnects after a lost connection; the
/// upstream's own polling covers anything missed meanwhile.
pub fn listen(state: AppState) {
    if state.db.get_database_backend() != DbBackend::Postgres {
        return;
    }
    tokio::spawn(async move {
        loop {
            if let Err(error) = relay(&state).await {
                tracing::warn!(%error, "listening to the other instances failed; retrying");
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    });
}

async fn relay(state: &AppState) -> Result<(), sea_orm::sqlx::Error> {
    let mut listener = PgListener::connect_with(state.db.get_postgres_connection_pool()).await?;
    listener.listen(CHANNEL).await?;
    let own = state.instance.to_string();
    loop {
        let notification = listener.recv().await?;
        let (from, ids) = notification
            .payload()
            .split_once(':')
            .unwrap_or((notification.payload(), ""));
        if from != own {
            state.upstream.notify_one();
            let ids: Vec<i32> = ids.split(',').filter_map(|id| id.parse().ok()).collect();
            changed_here(state, ids.into());
        }
    }
}

/// Tells this instance's open pages, and drops its cached public pages.
fn changed_here(state: &AppState, ids: Changed) {
    state.public_pages.invalidate();
    // No listener is fine: nobody has a page open.
    let _ = state.changes.send(ids);
}

/// The one step after a committed write that moved applications: each
/// `(id, state it reached)`. Wakes the simulated upstream when one reached
/// the province, and tells open pages. Nothing here may run before the
/// commit: a rolled-back write must leave no trace.
pub fn after_commit(state: &AppState, moved: &[(i32, WorkflowState)]) {
    if moved
        .iter()
        .any(|(_, to)| *to == WorkflowState::NotSubmittedToMinistry)
    {
        state.upstream.notify_one();
    }
    let ids: Vec<i32> = moved.iter().map(|(id, _)| *id).collect();
    announce(state, &ids);
}

/// What an open stream waits for next.
enum Wake {
    Changed(Changed),
    /// A listener that fell behind refetches once, like any other.
    Lagged,
    Closed,
    /// Time to check the session again.
    Check,
}

/// `GET /events`: a `changed` event after every committed change to an
/// application the user may read, until the session ends.
pub async fn events(State(state): State<AppState>, session: Session) -> Response {
    let account = match current_account(&state, &session).await {
        Ok(Some(account)) => account,
        _ => return StatusCode::UNAUTHORIZED.into_response(),
    };
    let receiver = state.changes.subscribe();
    let session_id = session.id();
    let stream = stream::unfold(
        (receiver, state, account.id),
        move |(mut receiver, state, account_id)| async move {
            loop {
                let wake = tokio::select! {
                    received = receiver.recv() => match received {
                        Ok(ids) => Wake::Changed(ids),
                        Err(broadcast::error::RecvError::Lagged(_)) => Wake::Lagged,
                        Err(broadcast::error::RecvError::Closed) => Wake::Closed,
                    },
                    _ = tokio::time::sleep(SESSION_CHECK) => Wake::Check,
                };
                if matches!(wake, Wake::Closed) {
                    return None;
                }
                // Every wake checks the session afresh: a stream never
                // outlives a sign-out, a disabling or a timeout.
                let viewer = match still_signed_in(&state, session_id).await {
                    Ok(Some(account)) if account.id == account_id => Viewer::of(&account),
                    _ => return None,
                };
                let tell = match wake {
                    Wake::Changed(ids) => in_scope(&state, &viewer, &ids).await,
                    Wake::Lagged => true,
                    Wake::Check | Wake::Closed => false,
                };
                if tell {
                    // Browsers drop an event whose data is empty: say something.
                    let event = Event::default().event("changed").data("1");
                    return Some((Ok::<_, Infallible>(event), (receiver, state, account_id)));
                }
            }
        },
    );
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(20)))
        .into_response()
}

/// Whether any of `ids` is an application `viewer` may read.
async fn in_scope(state: &AppState, viewer: &Viewer, ids: &[i32]) -> bool {
    if ids.is_empty() {
        return false;
    }
    match application::Entity::find()
        .filter(application::Column::Id.is_in(ids.iter().copied()))
        .filter(viewer.applications())
        .one(&state.db)
        .await
    {
        Ok(found) => found.is_some(),
        Err(error) => {
            tracing::warn!(%error, "could not scope a live update; sending it");
            true
        }
    }
}
