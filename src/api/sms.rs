//! 短信核验: the public confirmation (mobile, code, certificate tail) and
//! the provider's one re-send of a person's code.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::domain::sms::SmsStatus;
use crate::error::AppError;

/// One person's check as a review page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsCheckRow {
    pub id: i32,
    pub holders: String,
    /// The mobile, masked (`138****8000`).
    pub mobile: String,
    pub status: SmsStatus,
    pub tries: i32,
    pub resent: bool,
    /// Beijing time.
    pub deadline: String,
}

/// Confirms a 负责人's code, as the ministry's page does: no login, the
/// mobile, the code and the last 6 characters of the certificate number.
/// A plain form, so it works without JavaScript; success lands on
/// `/sms?confirmed=1`.
#[server(endpoint = "sms/confirm")]
pub async fn confirm_sms(mobile: String, code: String, cert_tail: String) -> Result<(), AppError> {
    use crate::domain::sms::Confirmation;
    use crate::server::infra::state::app_state;

    let state = app_state()?;
    let moved = crate::server::sms::confirm(
        &state.db,
        Confirmation {
            mobile,
            code,
            cert_tail,
        },
        chrono::Utc::now(),
    )
    .await?;
    if let Some(moved) = moved {
        crate::server::infra::live::after_commit(&state, &[moved]);
    }
    leptos_axum::redirect("/sms?confirmed=1");
    Ok(())
}

/// Sends a person a new code, once per round: provider staff, on an
/// application of theirs in 待短信核验.
#[server(endpoint = "sms/resend", input = Json)]
pub async fn resend_sms(application_id: i32, check_id: i32) -> Result<(), AppError> {
    use crate::server::auth::guard::require_account;

    let (state, account) = require_account().await?;
    crate::server::sms::resend(
        &state.db,
        &account,
        application_id,
        check_id,
        chrono::Utc::now(),
    )
    .await
}
