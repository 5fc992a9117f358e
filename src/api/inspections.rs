//! 网站核查: the 核查 tasks of the sites the caller may see, and a check run
//! now (a filer after fixing the footer, staff on a site they serve).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::inspection::{Finding, TaskStatus};
use crate::error::AppError;

/// Tasks shown per page.
pub const PER_PAGE: u64 = 20;

/// One 核查 task as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionRow {
    pub site_number: String,
    pub site_name: String,
    pub subject_number: String,
    pub domain: String,
    pub finding: Finding,
    pub status: TaskStatus,
    /// Beijing `YYYY-MM-DD HH:MM`.
    pub opened_at: String,
    /// Beijing date.
    pub deadline: String,
    pub checked_at: String,
}

/// One page of the caller's tasks: pending ones first, the nearest
/// deadline first among them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionList {
    pub rows: Vec<InspectionRow>,
    pub page: u64,
    pub pages: u64,
    pub total: u64,
    /// Whether the caller may ask for a check (filers and provider staff).
    pub may_check: bool,
    /// Whether overdue tasks are the caller's to end by 取消接入 (staff).
    pub ends_access: bool,
}

/// The tasks of the sites the caller may read (the access policy's live
/// records) whose 备案号 starts with `number` (empty: all), page `page`
/// (zero-based).
#[server(endpoint = "inspections/list")]
pub async fn list_inspections(number: String, page: u64) -> Result<InspectionList, AppError> {
    use crate::server::auth::guard::require_account;
    use crate::server::auth::policy::Viewer;
    use crate::server::infra::time::{beijing_minutes, beijing_today};

    let (state, account) = require_account().await?;
    let viewer = Viewer::of(&account);
    if !viewer.searches_records() {
        return Err(AppError::Forbidden);
    }
    let listing =
        crate::server::inspections::list(&state.db, &viewer, &number, page, PER_PAGE).await?;
    Ok(InspectionList {
        rows: listing
            .rows
            .into_iter()
            .map(|(task, site, subject_number)| InspectionRow {
                site_number: site.number,
                site_name: site.name,
                subject_number,
                domain: task.domain,
                finding: task.finding,
                status: task.status,
                opened_at: beijing_minutes(task.opened_at),
                deadline: beijing_today(task.deadline).to_string(),
                checked_at: beijing_minutes(task.checked_at),
            })
            .collect(),
        page: listing.page,
        pages: listing.pages,
        total: listing.total,
        may_check: viewer.tends_sites(),
        ends_access: viewer.acting_provider().is_some(),
    })
}

/// What a check run now found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    pub site_number: String,
    /// `None`: the home page shows its 备案号, linked as it must be.
    pub finding: Option<Finding>,
}

/// Checks the live website `site_number` now. A plain form encoding: the
/// list's buttons post it without JavaScript.
#[server(endpoint = "inspections/check")]
pub async fn check_site(site_number: String) -> Result<CheckResult, AppError> {
    use crate::domain::field_error::FieldError;
    use crate::domain::inspection::check_site_number;
    use crate::server::auth::guard::require_account;
    use crate::server::auth::policy::Viewer;
    use crate::server::inspections::{check_number, HttpFetcher, NumberChecked};

    let (state, account) = require_account().await?;
    let viewer = Viewer::of(&account);
    if !viewer.tends_sites() {
        return Err(AppError::Forbidden);
    }
    if let Some(error) = check_site_number(&site_number) {
        return Err(AppError::field(error));
    }
    let settings = &state.config.inspection;
    let fetcher = HttpFetcher::new(settings);
    let number = site_number.trim().to_owned();
    let now = chrono::Utc::now();
    match check_number(&state.db, &viewer, &fetcher, settings, &number, now).await? {
        NumberChecked::Done(finding) => Ok(CheckResult {
            site_number: number,
            finding,
        }),
        NumberChecked::NotAWebsite => Err(AppError::field(FieldError::new(
            "site_number",
            "INSPECT_NOT_WEBSITE",
            "只有已接入的网站可以核查（APP、小程序和快应用没有首页）",
            "Only a website with an access can be checked (apps and mini-programs have no home page)",
        ))),
    }
}
