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
    let answer = crate::server::sms::confirm(
        &state.db,
        Confirmation {
            mobile,
            code,
            cert_tail,
        },
        chrono::Utc::now(),
    )
    .await?;
    crate::server::infra::live::after_commit(&state, &answer.moved);
    if let Some(wrong) = answer.wrong {
        return Err(wrong);
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

/// Rows per page of the SMS outbox.
pub const OUTBOX_PER_PAGE: u64 = 20;

/// One text of the SMS outbox as the admin sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxRow {
    /// Beijing time.
    pub created_at: String,
    pub mobile: String,
    /// The text, while it has not been delivered by a gateway.
    pub body: String,
    pub sent_at: Option<String>,
    pub last_error: Option<String>,
}

/// A page of the SMS outbox (newest first), and whether a gateway
/// delivers it (else the outbox is the simulated phone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxPage {
    pub rows: Vec<OutboxRow>,
    pub page: u64,
    pub pages: u64,
    pub total: u64,
    pub gateway: bool,
}

/// 短信发件箱: the texts sent, for the system administrator.
#[server(endpoint = "admin/sms_outbox")]
pub async fn sms_outbox(page: u64) -> Result<OutboxPage, AppError> {
    use crate::domain::role::Role;
    use crate::server::auth::guard::require_role;
    use crate::server::infra::time::beijing_minutes;

    let (state, _admin) = require_role(&[Role::SystemAdmin]).await?;
    let listing = crate::server::sms::outbox(&state.db, page, OUTBOX_PER_PAGE).await?;
    Ok(OutboxPage {
        rows: listing
            .rows
            .into_iter()
            .map(|row| OutboxRow {
                created_at: beijing_minutes(row.created_at),
                mobile: row.mobile,
                body: row.body,
                sent_at: row.sent_at.map(beijing_minutes),
                last_error: row.last_error,
            })
            .collect(),
        page: listing.page,
        pages: listing.pages,
        total: listing.total,
        gateway: state.config.sms_gateway_url.is_some(),
    })
}
