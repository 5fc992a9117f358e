//! Live updates (server-sent events): `GET /events` tells a signed-in
//! browser that some application changed, and its open work list or review
//! page refetches through the usual authorised calls. The event carries no
//! data, so it reveals nothing. Within an instance a broadcast channel
//! carries the news; on PostgreSQL, instances behind one load balancer also
//! tell each other with `NOTIFY`, so a page open on one sees a decision
//! taken on another, and each one's simulated upstream wakes.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream;
use sea_orm::sqlx::postgres::PgListener;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use tokio::sync::broadcast;
use tower_sessions::Session;

use super::auth::guard::current_account;
use super::state::AppState;
use crate::domain::workflow::State as WorkflowState;

/// The PostgreSQL channel the instances of one database share.
const CHANNEL: &str = "beian_changes";

/// Announces that applications changed: to this instance's open pages at
/// once and, on PostgreSQL, to the other instances.
pub fn announce(state: &AppState) {
    changed_here(state);
    if state.db.get_database_backend() == DbBackend::Postgres {
        let (db, instance) = (state.db.clone(), state.instance);
        tokio::spawn(async move {
            let notify = Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT pg_notify($1, $2)",
                [CHANNEL.into(), instance.to_string().into()],
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
        if notification.payload() != own {
            state.upstream.notify_one();
            changed_here(state);
        }
    }
}

/// Tells this instance's open pages, and drops its cached public pages.
fn changed_here(state: &AppState) {
    state.public_pages.invalidate();
    // No listener is fine: nobody has a page open.
    let _ = state.changes.send(());
}

/// After a committed transition to `to`: wakes the simulated upstream when
/// the application reached the province, and tells open pages.
pub fn transitioned(state: &AppState, to: WorkflowState) {
    if to == WorkflowState::NotSubmittedToMinistry {
        state.upstream.notify_one();
    }
    announce(state);
}

/// `GET /events`: a `changed` event after every committed transition.
pub async fn events(State(state): State<AppState>, session: Session) -> Response {
    match current_account(&state, &session).await {
        Ok(Some(_)) => {}
        _ => return StatusCode::UNAUTHORIZED.into_response(),
    }
    let receiver = state.changes.subscribe();
    let stream = stream::unfold(receiver, |mut receiver| async move {
        match receiver.recv().await {
            // A listener that fell behind refetches once, like any other.
            Ok(()) | Err(broadcast::error::RecvError::Lagged(_)) => {
                // Browsers drop an event whose data is empty: say something.
                let event = Event::default().event("changed").data("1");
                Some((Ok::<_, Infallible>(event), receiver))
            }
            Err(broadcast::error::RecvError::Closed) => None,
        }
    });
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(20)))
        .into_response()
}
