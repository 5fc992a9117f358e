//! What a history row holds, as domain values.

use crate::domain::filing::Filing;
use crate::error::AppError;
use crate::server::entity::history::Model;

impl Model {
    /// The filing as this operation left it (a submission, a return, or
    /// for a change's approval the record before it), if it kept one.
    pub fn snapshot_filing(&self) -> Result<Option<Filing>, AppError> {
        self.snapshot
            .as_deref()
            .map(|json| {
                serde_json::from_str(json).map_err(|error| {
                    tracing::error!(history = self.id, %error, "unreadable snapshot");
                    AppError::Internal
                })
            })
            .transpose()
    }
}
