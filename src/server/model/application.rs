//! What an application row holds, as domain values.

use crate::domain::cancellation::Cancellation;
use crate::domain::change::Base;
use crate::domain::filing::Filing;
use crate::domain::pre_approval::ItemDecision;
use crate::domain::verification::Verification;
use crate::domain::workflow::Channel;
use crate::error::AppError;
use crate::server::entity::application::Model;

impl Model {
    /// The proposed filing.
    pub fn filing(&self) -> Filing {
        self.payload.0.clone()
    }

    /// The provider's 核验 record, empty while none was made.
    pub fn verification_record(&self) -> Verification {
        self.verification
            .as_ref()
            .map(|v| v.0.clone())
            .unwrap_or_default()
    }

    /// The 前置审批 items decided in the current round.
    pub fn pre_approval_decisions(&self) -> Vec<ItemDecision> {
        self.pre_approval_decisions
            .as_ref()
            .map(|d| d.0.clone())
            .unwrap_or_default()
    }

    /// For a 变更: the live record it started from.
    pub fn change_base(&self) -> Option<Base> {
        self.base.as_ref().map(|b| b.0.clone())
    }

    /// For a 注销: what it asks to cancel. A 注销 without its request is
    /// an internal fault.
    pub fn cancellation_request(&self) -> Result<Cancellation, AppError> {
        self.cancellation
            .as_ref()
            .map(|c| c.0.clone())
            .ok_or_else(|| {
                tracing::error!(application = self.id, "cancellation without its request");
                AppError::Internal
            })
    }

    /// Filed by provider staff for a customer (代为备案).
    pub fn is_proxy(&self) -> bool {
        self.channel == Channel::Proxy
    }
}
