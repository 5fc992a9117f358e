//! 备案信息查询: the caller's approved records, filtered, sorted and paged
//! by keyset.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::domain::filing::Filing;
use crate::domain::review::Change;
use crate::domain::workflow::Kind;
use crate::error::AppError;

/// 高级查询 as the URL carries it; empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RecordQuery {
    pub name: String,
    pub number: String,
    pub domain: String,
    pub principal: String,
    /// 单位性质 code.
    pub nature: String,
    /// Province code.
    pub province: String,
    /// `YYYY-MM-DD`, or empty.
    pub from: String,
    pub to: String,
    /// `number` for 备案号 order; anything else is newest first.
    pub sort: String,
    /// The cursor of the page to show (`RecordPage::next` of the one before).
    pub after: String,
    /// Rows per page; 0 means 20.
    pub limit: u64,
}

/// One approved website.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordRow {
    pub site_number: String,
    pub site_name: String,
    pub domains: Vec<String>,
    pub subject_number: String,
    pub unit_name: String,
    /// 单位性质 label.
    pub nature: String,
    /// Province name.
    pub province: String,
    pub principal: String,
    /// Beijing date of the site's latest approval.
    pub approved_on: String,
    /// The application that approved the site as it is now (详细).
    pub application_id: i32,
}

/// One page and the cursor of the next, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordPage {
    pub rows: Vec<RecordRow>,
    pub next: Option<String>,
}

/// The caller's records matching `query`.
#[server(endpoint = "records/search", input = Json)]
pub async fn search_records(query: RecordQuery) -> Result<RecordPage, AppError> {
    use crate::server::auth::guard::require_account;

    let lang = crate::server::http::language_route::request_lang();
    let (state, account) = require_account().await?;
    record_page(&state.db, &account, query, lang).await
}

/// One page of `account`'s records for `query`, labelled in `lang`: the
/// search and the CSV export share it.
#[cfg(feature = "ssr")]
pub async fn record_page<C: sea_orm::ConnectionTrait>(
    db: &C,
    account: &crate::server::entity::account::Model,
    query: RecordQuery,
    lang: crate::domain::lang::Lang,
) -> Result<RecordPage, AppError> {
    use crate::domain::certificate::nature_by_code;
    use crate::domain::date::Date;
    use crate::domain::region::province_by_code;
    use crate::server::infra::time::beijing_today;
    use crate::server::record_search::{records, RecordOrder, RecordSearch};

    let page = records(
        db,
        account,
        &RecordSearch {
            name: query.name,
            number: query.number,
            domain: query.domain,
            principal: query.principal,
            nature: query.nature,
            province: query.province,
            from: Date::parse(&query.from),
            to: Date::parse(&query.to),
            order: if query.sort == "number" {
                RecordOrder::Number
            } else {
                RecordOrder::Newest
            },
            after: Some(query.after).filter(|a| !a.is_empty()),
            limit: if query.limit == 0 { 20 } else { query.limit },
        },
    )
    .await?;
    Ok(RecordPage {
        rows: page
            .rows
            .into_iter()
            .map(|found| RecordRow {
                site_number: found.site.number,
                site_name: found.site.name,
                domains: found.domains,
                nature: nature_by_code(&found.subject.nature)
                    .map(|n| lang.pick(n.zh, n.en).to_owned())
                    .unwrap_or_default(),
                province: province_by_code(&found.subject.province)
                    .map(|p| p.name(lang).to_owned())
                    .unwrap_or_default(),
                subject_number: found.subject.number,
                unit_name: found.subject.name,
                principal: found.subject.principal_name,
                approved_on: beijing_today(found.site.approved_at).to_string(),
                application_id: found.site.application_id,
            })
            .collect(),
        next: page.next,
    })
}

/// One approved version of a record (历史版本).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionRow {
    pub version: i32,
    /// The approved application that made it, and its kind.
    pub application_id: i32,
    pub kind: Kind,
    /// Beijing time of the approval.
    pub approved_at: String,
}

/// Two versions of a record compared field by field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionDiff {
    pub from: i32,
    pub to: i32,
    pub changes: Vec<Change>,
    /// Version `to`, which names the fields of the changes.
    pub filing: Filing,
}

/// A record's 历史记录: its approved versions, newest first, and two of
/// them compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordHistory {
    pub subject_number: String,
    pub subject_name: String,
    pub versions: Vec<VersionRow>,
    /// `None` until the record has two versions.
    pub diff: Option<VersionDiff>,
}

/// The approved versions of record `number` and the difference between
/// versions `from` and `to` (by default the latest and the one before).
/// Only those who may read the record's sites get an answer.
#[server(endpoint = "records/versions", input = Json)]
pub async fn record_versions(
    number: String,
    from: Option<i32>,
    to: Option<i32>,
) -> Result<RecordHistory, AppError> {
    use std::collections::HashMap;

    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    use crate::domain::review::changes_since;
    use crate::server::auth::guard::require_account;
    use crate::server::entity::application;
    use crate::server::infra::time::beijing_minutes;
    use crate::server::records::versions;

    let (state, account) = require_account().await?;
    let (subject, rows) = versions::readable(&state.db, &account, &number).await?;
    let latest = rows.first().map_or(0, |v| v.version);
    let to = to.unwrap_or(latest);
    let from = from.unwrap_or(to - 1);
    let find = |n: i32| rows.iter().find(|v| v.version == n);
    let diff = match (find(from), find(to)) {
        (Some(a), Some(b)) => Some(VersionDiff {
            from,
            to,
            changes: changes_since(&a.filing.0, &b.filing.0),
            filing: b.filing.0.clone(),
        }),
        // Asked for a version the record does not have.
        _ if rows.len() > 1 => return Err(AppError::NotFound),
        _ => None,
    };
    let kinds: HashMap<i32, Kind> = application::Entity::find()
        .filter(application::Column::Id.is_in(rows.iter().map(|v| v.application_id)))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|app| (app.id, app.kind))
        .collect();
    let versions = rows
        .iter()
        .map(|v| {
            Ok(VersionRow {
                version: v.version,
                application_id: v.application_id,
                kind: *kinds.get(&v.application_id).ok_or(AppError::Internal)?,
                approved_at: beijing_minutes(v.approved_at),
            })
        })
        .collect::<Result<_, AppError>>()?;
    Ok(RecordHistory {
        subject_number: subject.number,
        subject_name: subject.name,
        versions,
        diff,
    })
}
