//! Keeps a signed-in user's session alive while they work.
//!
//! A session ends after `BEIAN_SESSION_IDLE_MINUTES` without activity
//! (`Expiry::OnInactivity`). tower-sessions moves that deadline only when it
//! saves a session, and it saves only a modified one; before this layer a
//! user who never paused was signed out that long after signing in (found
//! by the model test's 10,000-case run, which outlived the test server's
//! hour). Marking the session now and then makes the layer save it with a
//! fresh deadline, without a database write on every request.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::time::Duration;
use tower_sessions::Session;

use super::guard::ACCOUNT_KEY;
use crate::server::infra::state::AppState;

/// Session key holding when the deadline was last moved (Unix ms).
const REFRESHED_KEY: &str = "refreshed_at_ms";

/// How stale the deadline may get before a request moves it: a tenth of the
/// idle limit, at most a minute (one write a minute for the default two
/// hours).
fn refresh_interval(idle: Duration) -> Duration {
    (idle / 10).min(Duration::from_secs(60))
}

/// Middleware inside the session layer: a signed-in session whose deadline
/// was last moved longer than `refresh_interval` ago is marked, so the
/// session layer saves it with a new deadline. Done before the handler, so
/// a logout in the same request still empties the session.
pub async fn keep_session_alive(
    State(state): State<AppState>,
    session: Session,
    request: Request,
    next: Next,
) -> Response {
    let now_ms = chrono::Utc::now().timestamp_millis();
    let interval = refresh_interval(state.config.session_idle).as_millis() as i64;
    if let Err(error) = refresh(&session, now_ms, interval).await {
        // The request goes on; only the deadline stays where it was.
        tracing::warn!(%error, "session deadline not moved");
    }
    next.run(request).await
}

async fn refresh(
    session: &Session,
    now_ms: i64,
    interval_ms: i64,
) -> Result<(), tower_sessions::session::Error> {
    if session.get::<i32>(ACCOUNT_KEY).await?.is_none() {
        return Ok(());
    }
    let last = session.get::<i64>(REFRESHED_KEY).await?.unwrap_or(0);
    if now_ms - last >= interval_ms {
        session.insert(REFRESHED_KEY, now_ms).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deadline_moves_once_a_minute_at_most_and_often_for_short_limits() {
        assert_eq!(
            refresh_interval(Duration::from_secs(7200)),
            Duration::from_secs(60)
        );
        assert_eq!(
            refresh_interval(Duration::from_secs(3)),
            Duration::from_millis(300)
        );
    }
}
