//! 公安联网备案: the caller's live websites with their 公网安备 numbers (or
//! the days left to record one), and recording a number.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// Websites shown per page.
pub const PER_PAGE: u64 = 20;

/// One live website as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PsbRow {
    pub site_number: String,
    pub site_name: String,
    pub domain: String,
    /// Beijing dates.
    pub approved_on: String,
    pub due_on: String,
    pub psb_number: Option<String>,
    /// Days left to record the number; negative once overdue.
    pub days_left: i64,
}

/// One page of the caller's websites, those still owing a number first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PsbList {
    pub rows: Vec<PsbRow>,
    pub page: u64,
    pub pages: u64,
    pub total: u64,
    /// Whether the caller may record numbers (filers and provider staff).
    pub may_record: bool,
}

/// The live websites the caller may read (the access policy's live
/// records) whose 备案号 starts with `number`, page `page` (zero-based).
#[server(endpoint = "public_security/list")]
pub async fn list_public_security(number: String, page: u64) -> Result<PsbList, AppError> {
    use crate::domain::public_security::DEADLINE_DAYS;
    use crate::server::auth::guard::require_account;
    use crate::server::auth::policy::Viewer;
    use crate::server::infra::time::beijing_today;
    use crate::server::public_security::{days_left, list};

    let (state, account) = require_account().await?;
    let viewer = Viewer::of(&account);
    if !viewer.searches_records() {
        return Err(AppError::Forbidden);
    }
    let now = chrono::Utc::now();
    let listing = list(&state.db, &viewer, &number, page, PER_PAGE).await?;
    Ok(PsbList {
        rows: listing
            .rows
            .into_iter()
            .map(|site| PsbRow {
                domain: site.payload.0.domains.first().cloned().unwrap_or_default(),
                approved_on: beijing_today(site.approved_at).to_string(),
                due_on: beijing_today(site.approved_at + chrono::Duration::days(DEADLINE_DAYS))
                    .to_string(),
                days_left: days_left(site.approved_at, now),
                site_number: site.number,
                site_name: site.name,
                psb_number: site.psb_number,
            })
            .collect(),
        page: listing.page,
        pages: listing.pages,
        total: listing.total,
        may_record: viewer.tends_sites(),
    })
}

/// Records the 公网安备 number of live website `site_number`. A plain form
/// encoding: each row's form posts it without JavaScript.
#[server(endpoint = "public_security/record")]
pub async fn record_public_security(
    site_number: String,
    psb_number: String,
) -> Result<String, AppError> {
    use crate::server::auth::guard::require_account;
    use crate::server::auth::policy::Viewer;

    let (state, account) = require_account().await?;
    let viewer = Viewer::of(&account);
    if !viewer.tends_sites() {
        return Err(AppError::Forbidden);
    }
    crate::server::public_security::record(&state.db, &viewer, &site_number, &psb_number).await
}
