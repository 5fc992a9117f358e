//! What a live site row holds, as domain values.

use crate::domain::filing::Site;
use crate::error::AppError;
use crate::server::entity::site::Model;

impl Model {
    /// The site's approved data.
    pub fn data(&self) -> Result<Site, AppError> {
        serde_json::from_str(&self.payload).map_err(|error| {
            tracing::error!(site = self.id, %error, "unreadable site payload");
            AppError::Internal
        })
    }
}
