//! Provider staff's batch tools: list their own live accesses by filter,
//! then 批量取消接入 or 批量变更接入 on the ticked sites, with one result
//! per subject.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The filter form; empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccessQuery {
    pub name: String,
    pub number: String,
    pub domain: String,
    /// A CIDR block the addresses overlap, e.g. `121.40.1.0/24`.
    pub block: String,
}

/// One live site the caller's provider serves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessRow {
    pub subject_number: String,
    pub subject_name: String,
    pub site_number: String,
    pub site_name: String,
    pub domains: Vec<String>,
    /// Each access's `start-end;…`.
    pub ips: Vec<String>,
}

/// The rows found, whether more matched than were listed, and the
/// provider's IP blocks (for checking a move as it is typed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessList {
    pub rows: Vec<AccessRow>,
    pub more: bool,
    pub provider_blocks: String,
}

/// One subject's result in a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectResult {
    pub subject_number: String,
    pub site_numbers: Vec<String>,
    /// The application created, or why not.
    pub outcome: Result<i32, AppError>,
}

/// The caller's (provider staff's) live accesses matching `query`.
#[server(endpoint = "batch/accesses", input = Json)]
pub async fn own_accesses(query: AccessQuery) -> Result<AccessList, AppError> {
    use crate::server::auth::guard::require_account;
    use crate::server::batch::AccessFilter;

    let (state, account) = require_account().await?;
    let found = crate::server::batch::own_accesses(
        &state.db,
        &account,
        &AccessFilter {
            name: query.name,
            number: query.number,
            domain: query.domain,
            block: query.block,
        },
    )
    .await?;
    Ok(AccessList {
        rows: found
            .rows
            .into_iter()
            .map(|r| AccessRow {
                subject_number: r.subject_number,
                subject_name: r.subject_name,
                site_number: r.site_number,
                site_name: r.site_name,
                domains: r.domains,
                ips: r.ips,
            })
            .collect(),
        more: found.more,
        provider_blocks: found.provider_blocks,
    })
}

/// 批量取消接入 of the ticked sites (代为注销, no 备案密码).
#[server(endpoint = "batch/cancel", input = Json)]
pub async fn cancel_accesses(
    sites: Vec<String>,
    reason: String,
    explanation: String,
) -> Result<Vec<SubjectResult>, AppError> {
    use crate::server::auth::guard::require_account;

    let (state, account) = require_account().await?;
    let results = crate::server::batch::cancel_accesses(
        &state.db,
        &account,
        &sites,
        &reason,
        &explanation,
        chrono::Utc::now(),
    )
    .await?;
    finish(&state, results)
}

/// 批量变更接入: moves the ticked sites' addresses from block `from` to
/// block `to`.
#[server(endpoint = "batch/move", input = Json)]
pub async fn move_accesses(
    sites: Vec<String>,
    from: String,
    to: String,
) -> Result<Vec<SubjectResult>, AppError> {
    use crate::server::auth::guard::require_account;
    use crate::server::infra::time::beijing_today;

    let (state, account) = require_account().await?;
    let now = chrono::Utc::now();
    let results = crate::server::batch::move_accesses(
        &state.db,
        &account,
        &sites,
        (&from, &to),
        now,
        beijing_today(now),
    )
    .await?;
    finish(&state, results)
}

/// After the subjects' commits: wakes the upstream and live views for
/// what went in flight, and logs what was refused.
#[cfg(feature = "ssr")]
fn finish(
    state: &crate::server::infra::state::AppState,
    results: Vec<crate::server::batch::RowResult>,
) -> Result<Vec<SubjectResult>, AppError> {
    let started: Vec<(i32, crate::domain::workflow::State)> = results
        .iter()
        .filter_map(|r| r.outcome.clone().ok())
        .collect();
    crate::server::infra::live::after_commit(state, &started);
    for result in &results {
        if let Err(error) = &result.outcome {
            crate::server::http::audit::item_refused(&result.subject_number, error);
        }
    }
    Ok(results
        .into_iter()
        .map(|r| SubjectResult {
            subject_number: r.subject_number,
            site_numbers: r.site_numbers,
            outcome: r.outcome.map(|(id, _)| id),
        })
        .collect())
}
