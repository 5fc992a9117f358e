//! The loop both outbox senders run (mail and SMS): a pass every few
//! seconds for as long as the server runs, each logged by what it sent.

use std::future::Future;
use std::time::Duration;

use crate::error::AppError;

/// Spawns `pass` every `period`; `outbox` names it in the log. A pass
/// returns how many it sent; a failed pass is logged and tried again.
pub fn spawn<F, Fut>(outbox: &'static str, period: Duration, mut pass: F)
where
    F: FnMut() -> Fut + Send + 'static,
    Fut: Future<Output = Result<usize, AppError>> + Send,
{
    tokio::spawn(async move {
        loop {
            match pass().await {
                Ok(0) => {}
                Ok(sent) => tracing::info!(outbox, sent, "outbox pass"),
                Err(error) => tracing::warn!(outbox, ?error, "outbox pass failed"),
            }
            tokio::time::sleep(period).await;
        }
    });
}
