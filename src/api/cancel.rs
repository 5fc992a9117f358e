//! 注销申请: the advanced search over live records and the application to
//! cancel a subject, sites or accesses.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::domain::cancellation::{Cancellation, LiveRecord};
use crate::error::AppError;

/// The search form (seed §2.5); empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RecordQuery {
    pub name: String,
    pub number: String,
    pub principal: String,
    /// `YYYY-MM-DD`, or empty.
    pub from: String,
    pub to: String,
}

/// One live record found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordRow {
    pub name: String,
    pub principal: String,
    /// Beijing date of approval.
    pub approved_on: String,
    pub record: LiveRecord,
}

/// The caller's live records matching `query` (at most 50, newest first).
#[server(endpoint = "cancel/search", input = Json)]
pub async fn search_records(query: RecordQuery) -> Result<Vec<RecordRow>, AppError> {
    use crate::domain::date::Date;
    use crate::server::auth::guard::require_account;
    use crate::server::cancellations::{search, RecordFilter};
    use crate::server::infra::time::beijing_today;

    let (state, account) = require_account().await?;
    let found = search(
        &state.db,
        &account,
        &RecordFilter {
            name: query.name,
            number: query.number,
            principal: query.principal,
            from: Date::parse(&query.from),
            to: Date::parse(&query.to),
        },
    )
    .await?;
    Ok(found
        .into_iter()
        .map(|f| RecordRow {
            name: f.subject.name,
            principal: f.principal,
            approved_on: beijing_today(f.subject.approved_at).to_string(),
            record: f.record,
        })
        .collect())
}

/// Applies to cancel what `request` ticks on record `subject_number`;
/// `password` is the 备案密码, needed for 注销主体. Returns the new
/// application's id. Form-encoded: without JavaScript the form posts it
/// with its ticked `confirmed` box and is sent on to the application.
#[server(endpoint = "cancel/apply")]
pub async fn apply_cancellation(
    subject_number: String,
    request: Cancellation,
    password: String,
    confirmed: Option<String>,
) -> Result<i32, AppError> {
    use crate::server::auth::guard::require_account;
    use crate::server::http::plain_form::{redirect_plain_form, require_confirmation};

    let (state, account) = require_account().await?;
    require_confirmation(confirmed.as_deref())?;
    let (id, to) = crate::server::cancellations::apply(
        &state.db,
        &account,
        &subject_number,
        request,
        &password,
        chrono::Utc::now(),
    )
    .await?;
    crate::server::infra::live::after_commit(&state, &[(id, to)]);
    redirect_plain_form(&format!("/review/{id}"));
    Ok(id)
}
