//! 空壳主体 and 空壳网站: the shells the caller answers for (staff: those
//! their provider left), and staff's reminder to the owner.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// Shells shown per page.
pub const PER_PAGE: u64 = 20;

/// One shell as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShellRow {
    /// True for a 空壳主体, false for a 空壳网站.
    pub whole_subject: bool,
    /// The shell's own number: the subject's, or the site's.
    pub number: String,
    pub name: String,
    pub subject_number: String,
    pub subject_name: String,
    /// A 空壳主体's live sites (none served); 1 for a site.
    pub live_sites: u64,
    /// Whether the subject's province refuses it new sites or services
    /// until it is cancelled and filed again (`Rule::NoShellAdditions`).
    pub additions_refused: bool,
}

/// One page of the caller's shells, 空壳主体 first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShellList {
    pub rows: Vec<ShellRow>,
    pub page: u64,
    pub pages: u64,
    pub subjects: u64,
    pub sites: u64,
    /// Whether the caller may remind owners (provider staff).
    pub may_remind: bool,
}

/// Page `page` (zero-based) of the shells the caller answers for whose
/// number starts with `number` (empty: all).
#[server(endpoint = "shells/list")]
pub async fn list_shells(number: String, page: u64) -> Result<ShellList, AppError> {
    use crate::domain::province_rules::{rules_for, Rule};
    use crate::server::auth::guard::require_account;
    use crate::server::auth::policy::Viewer;
    use crate::server::shells::{list, Shell};

    let (state, account) = require_account().await?;
    let viewer = Viewer::of(&account);
    if !viewer.searches_records() {
        return Err(AppError::Forbidden);
    }
    let found = list(&state.db, &viewer, &number, page, PER_PAGE).await?;
    let refused = |province: &str| rules_for(province).contains(&Rule::NoShellAdditions);
    Ok(ShellList {
        rows: found
            .rows
            .into_iter()
            .map(|shell| match shell {
                Shell::Subject(subject, live_sites) => ShellRow {
                    whole_subject: true,
                    additions_refused: refused(&subject.province),
                    number: subject.number.clone(),
                    name: subject.name.clone(),
                    subject_number: subject.number,
                    subject_name: subject.name,
                    live_sites,
                },
                Shell::Site(site, subject) => ShellRow {
                    whole_subject: false,
                    additions_refused: refused(&subject.province),
                    number: site.number,
                    name: site.name,
                    subject_number: subject.number,
                    subject_name: subject.name,
                    live_sites: 1,
                },
            })
            .collect(),
        page: found.page,
        pages: found.pages,
        subjects: found.subjects,
        sites: found.sites,
        may_remind: viewer.acting_provider().is_some(),
    })
}

/// Reminds the owner of shell `number` (a site's or a subject's number)
/// to take a new access or cancel it. Returns false when an unread
/// reminder of it waits already. A plain form encoding: the list's
/// buttons post it without JavaScript.
#[server(endpoint = "shells/remind")]
pub async fn remind_owner(number: String) -> Result<bool, AppError> {
    use crate::server::auth::guard::require_account;
    use crate::server::auth::policy::Viewer;

    let (state, account) = require_account().await?;
    let viewer = Viewer::of(&account);
    let txn = crate::server::infra::db::begin_write(&state.db).await?;
    let sent = crate::server::shells::remind(&txn, &viewer, &number, chrono::Utc::now()).await?;
    txn.commit().await?;
    Ok(sent)
}
