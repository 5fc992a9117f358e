//! 注销申请 (docs/domain.md §2.14, T23–T25): finding a live record, applying to
//! cancel its subject, sites or accesses, and the cascade once the 管局
//! approves. A filer's application goes to 待接入者核实; provider staff's
//! (代为注销) straight to 未提交至部系统.

use super::auth::policy::actor_of;
use super::records::live_record;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Set,
};

use super::auth::policy::Viewer;
use super::entity::{account, site, subject};
use super::filings::draft_row;
use super::records::{approved_filing, in_flight, live_filing, live_sites, lock_subject};

use crate::domain::cancellation::{Cancellation, LiveRecord};
use crate::domain::date::Date;
use crate::domain::field_error::FieldError;
use crate::domain::record::RecordStatus;
use crate::domain::workflow::{Actor, Channel, Kind, State};
use crate::error::AppError;
use crate::server::entity::json::Json;

/// Most records one search returns.
pub const SEARCH_LIMIT: u64 = 50;

/// 注销申请's advanced search (seed §2.5); empty fields match everything.
#[derive(Debug, Clone, Default)]
pub struct RecordFilter {
    /// Part of 主办单位名称.
    pub name: String,
    /// A 主体 or 网站备案号, or its beginning.
    pub number: String,
    /// Part of the 单位负责人's name.
    pub principal: String,
    /// Approved on or after / before (Beijing dates).
    pub from: Option<Date>,
    pub to: Option<Date>,
}

/// A live record as the search shows it.
#[derive(Debug, Clone)]
pub struct Found {
    pub subject: subject::Model,
    pub principal: String,
    pub record: LiveRecord,
}

/// The live records the caller may cancel something of: a filer's own,
/// or those where a site has the staff's provider's access.
pub async fn search<C: ConnectionTrait>(
    db: &C,
    account: &account::Model,
    filter: &RecordFilter,
) -> Result<Vec<Found>, AppError> {
    if !matches!(actor_of(account)?, Actor::Filer | Actor::Provider) {
        return Err(AppError::Forbidden);
    }
    let viewer = Viewer::of(account);
    let mut query = subject::Entity::find()
        .filter(subject::Column::Status.eq(RecordStatus::Live))
        .filter(viewer.subjects_to_act_on());
    if !filter.name.trim().is_empty() {
        query = query.filter(super::infra::like::contains(
            subject::Column::Name,
            filter.name.trim(),
        ));
    }
    let number = filter.number.trim();
    if !number.is_empty() {
        let by_site = site::Entity::find()
            .select_only()
            .column(site::Column::SubjectId)
            .filter(super::infra::like::starts_with(
                site::Column::Number,
                number,
            ))
            .into_query();
        query = query.filter(
            Condition::any()
                .add(super::infra::like::starts_with(
                    subject::Column::Number,
                    number,
                ))
                .add(subject::Column::Id.in_subquery(by_site)),
        );
    }
    if let Some(from) = filter.from.and_then(super::infra::time::beijing_midnight) {
        query = query.filter(subject::Column::ApprovedAt.gte(from));
    }
    if let Some(to) = filter
        .to
        .and_then(|d| super::infra::time::beijing_midnight(d.plus_days(1)))
    {
        query = query.filter(subject::Column::ApprovedAt.lt(to));
    }
    let subjects = query
        .order_by_desc(subject::Column::ApprovedAt)
        .limit(SEARCH_LIMIT)
        .all(db)
        .await?;
    let mut found = Vec::new();
    for subject in subjects {
        let principal = approved_filing(db, &subject).await?.subject.principal.name;
        if !principal.contains(filter.principal.trim()) {
            continue;
        }
        let record = live_record(db, &subject, viewer.acting_provider()).await?;
        found.push(Found {
            subject,
            principal,
            record,
        });
    }
    Ok(found)
}

/// The live subject `number` if the caller may act on it (as `search`
/// decides); `NotFound` otherwise.
pub async fn own_subject<C: ConnectionTrait>(
    db: &C,
    account: &account::Model,
    number: &str,
) -> Result<subject::Model, AppError> {
    let filter = RecordFilter {
        number: number.to_owned(),
        ..RecordFilter::default()
    };
    search(db, account, &filter)
        .await?
        .into_iter()
        .map(|f| f.subject)
        .find(|s| s.number == number)
        .ok_or(AppError::NotFound)
}

/// Applies to cancel part of the live record `subject_number`; returns the
/// new application's id and the state it reached.
pub async fn apply(
    db: &DatabaseConnection,
    account: &account::Model,
    subject_number: &str,
    request: Cancellation,
    password: &str,
    now: DateTime<Utc>,
) -> Result<(i32, State), AppError> {
    let actor = actor_of(account)?;
    let subject = own_subject(db, account, subject_number).await?;
    let viewer = Viewer::of(account);
    let live = live_record(db, &subject, viewer.acting_provider()).await?;
    let mut errors = request.validate(&live, !password.is_empty());
    // Staff act only on what their provider serves: the access of each
    // site it would strip, and each site it would cancel (for the whole
    // subject, every live site) only when no other provider serves it.
    let effect = request.effect(&live);
    for row in live_sites(db, subject.id).await? {
        let whole = effect.sites.contains(&row.number);
        if !whole && !effect.accesses.contains(&row.number) {
            continue;
        }
        if !viewer.may_cancel(&subject, &row.data(), whole) {
            errors.push(FieldError::new(
                "targets",
                "CXL_NOT_YOUR_ACCESS",
                &format!(
                    "网站 {} 不由本单位单独接入：只能注销本单位单独接入的网站，或取消本单位的接入",
                    row.number
                ),
                &format!(
                    "Site {} is not served by your provider alone: you may cancel only sites you alone serve, or your own access",
                    row.number
                ),
            ));
            break;
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    if request.subject {
        super::filing_password::check(db, &subject, password, now).await?;
    }
    let txn = super::infra::db::begin_write(db).await?;
    lock_subject(&txn, subject.id).await?;
    if let Some(blocking) = in_flight(&txn, &subject.cert_number).await? {
        return Err(AppError::field(FieldError::new(
            "targets",
            "CXL_IN_FLIGHT",
            &format!(
                "该主体有正在办理的申请 #{}（{}），请待其办结或撤销后再申请注销",
                blocking.id,
                blocking.state.label_zh()
            ),
            &format!(
                "Application #{} of this subject is in progress; wait for it or revoke it first",
                blocking.id
            ),
        )));
    }
    let filing = live_filing(&txn, &subject).await?;
    let provider_id = match actor {
        Actor::Provider => account.provider_id,
        _ => filing.provider_id.and_then(|p| i32::try_from(p).ok()),
    };
    let channel = Channel::of(actor);
    let mut row = draft_row(
        Kind::Cancel,
        channel,
        (subject.owner_id, account.id),
        provider_id,
        &filing,
        now,
    )?;
    row.subject_cert_number = Set(subject.cert_number.clone());
    row.province = Set(subject.province.clone());
    row.cancellation = Set(Some(Json(request.clone())));
    let (app, to) = super::transition::submit_new(&txn, row, account, actor, now).await?;
    txn.commit().await?;
    Ok((app.id, to))
}
