//! What an application row holds, as domain values.

use crate::domain::cancellation::Cancellation;
use crate::domain::change::Base;
use crate::domain::filing::Filing;
use crate::domain::verification::Verification;
use crate::domain::workflow::Channel;
use crate::error::AppError;
use crate::server::entity::application::Model;

impl Model {
    /// The proposed filing.
    pub fn filing(&self) -> Result<Filing, AppError> {
        decode(self.id, "payload", &self.payload)
    }

    /// The provider's 核验 record, empty while none was made.
    pub fn verification_record(&self) -> Result<Verification, AppError> {
        self.verification
            .as_deref()
            .map_or(Ok(Verification::default()), |v| {
                decode(self.id, "verification", v)
            })
    }

    /// For a 变更: the live record it started from.
    pub fn change_base(&self) -> Result<Option<Base>, AppError> {
        self.base
            .as_deref()
            .map(|b| decode(self.id, "base", b))
            .transpose()
    }

    /// For a 注销: what it asks to cancel.
    pub fn cancellation_request(&self) -> Result<Cancellation, AppError> {
        let stored = self.cancellation.as_deref().ok_or_else(|| {
            tracing::error!(application = self.id, "cancellation without its request");
            AppError::Internal
        })?;
        decode(self.id, "cancellation", stored)
    }

    /// Filed by provider staff for a customer (代为备案).
    pub fn is_proxy(&self) -> bool {
        self.channel == Channel::Proxy
    }
}

/// A JSON column into its type; an unreadable one is logged and internal.
fn decode<T: serde::de::DeserializeOwned>(
    id: i32,
    column: &str,
    json: &str,
) -> Result<T, AppError> {
    serde_json::from_str(json).map_err(|error| {
        tracing::error!(application = id, column, %error, "unreadable column");
        AppError::Internal
    })
}
