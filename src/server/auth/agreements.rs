//! The registration agreements a visitor has accepted, kept in their
//! session between the two screens and the form.

use tower_sessions::Session;

use crate::domain::account::{Acceptance, Agreement};
use crate::error::AppError;

/// Session key holding the visitor's `Acceptance`.
const ACCEPTANCE_KEY: &str = "agreements";

/// Records `agreement` accepted at `at` (Unix seconds); `false` when the
/// screen before it was not accepted first.
pub async fn accept(session: &Session, agreement: Agreement, at: i64) -> Result<bool, AppError> {
    let mut acceptance = current(session).await?;
    let accepted = acceptance.accept(agreement, at);
    if accepted {
        session.insert(ACCEPTANCE_KEY, acceptance).await?;
    }
    Ok(accepted)
}

/// When both agreements of the version in force were accepted, if they were.
pub async fn completed_at(session: &Session) -> Result<Option<i64>, AppError> {
    Ok(current(session).await?.completed_at())
}

/// Forgets the acceptance once an account holds it, so the next
/// registration from this browser reads the agreements again.
pub async fn forget(session: &Session) -> Result<(), AppError> {
    session.remove_value(ACCEPTANCE_KEY).await?;
    Ok(())
}

async fn current(session: &Session) -> Result<Acceptance, AppError> {
    Ok(session
        .get::<Acceptance>(ACCEPTANCE_KEY)
        .await?
        .unwrap_or_default())
}
