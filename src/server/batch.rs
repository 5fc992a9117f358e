//! Provider staff's batch tools (docs/domain.md §5): find their own
//! live accesses by filter, then 批量取消接入 (customers who left) or
//! 批量变更接入 (an IP renumbering). One application per subject, since
//! only one may be in flight per subject; each in its own transaction, so
//! one refused subject never stops the rest.

use super::auth::policy::actor_of;
use super::history::Author;
use super::transition::{record, Step};
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
};

use super::auth::policy::Viewer;
use super::cancellations::own_subject;
use super::changes::start_in;
use super::entity::{account, application, provider, site, site_domain, subject};
use super::filings::save_in;

use crate::domain::cancellation::Cancellation;
use crate::domain::change::ChangeKind;
use crate::domain::date::Date;
use crate::domain::field_error::{has_blocking, FieldError};
use crate::domain::filing::Context;
use crate::domain::ip::{check_ip_ranges, to_number, IpBlock};
use crate::domain::ip_move::IpMove;
use crate::domain::record::RecordStatus;
use crate::domain::workflow::{transition, Action, Actor, State};
use crate::error::AppError;

/// Most accesses one search lists.
pub const LIST_LIMIT: usize = 500;
/// Most sites one batch takes.
pub const BATCH_LIMIT: usize = 500;

/// What staff filter their accesses by; empty fields match everything.
#[derive(Debug, Clone, Default)]
pub struct AccessFilter {
    /// Part of 主办单位名称.
    pub name: String,
    /// A 备案号 or its beginning (a subject's number starts its sites').
    pub number: String,
    /// Part of a domain.
    pub domain: String,
    /// A CIDR block the access's addresses overlap.
    pub block: String,
}

/// One live site served by the caller's provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnAccess {
    pub subject_number: String,
    pub subject_name: String,
    pub site_number: String,
    pub site_name: String,
    pub domains: Vec<String>,
    /// Each access's `start-end;…`.
    pub ips: Vec<String>,
}

/// The staff's provider, or `Forbidden` for anyone else.
async fn staff_provider(
    db: &DatabaseConnection,
    account: &account::Model,
) -> Result<provider::Model, AppError> {
    if actor_of(account)? != Actor::Provider {
        return Err(AppError::Forbidden);
    }
    let id = account.provider_id.ok_or(AppError::Forbidden)?;
    provider::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::Forbidden)
}

/// The caller's live accesses found by `own_accesses`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessList {
    /// In 备案号 order, at most `LIST_LIMIT`.
    pub rows: Vec<OwnAccess>,
    /// More matched than were listed.
    pub more: bool,
    /// The provider's IP blocks, so the browser can check a move as typed.
    pub provider_blocks: String,
}

/// The caller's live accesses matching `filter`.
pub async fn own_accesses(
    db: &DatabaseConnection,
    account: &account::Model,
    filter: &AccessFilter,
) -> Result<AccessList, AppError> {
    let provider = staff_provider(db, account).await?;
    let block = match filter.block.trim() {
        "" => None,
        text => Some(IpBlock::parse(text).ok_or_else(|| {
            AppError::field(FieldError::new(
                "block",
                "BATCH_BLOCK_FORMAT",
                "IP地址段格式如 121.40.1.0/24",
                "A block looks like 121.40.1.0/24",
            ))
        })?),
    };
    let serving = account.provider_id.map(i64::from);
    // The access policy: staff see the sites their provider serves.
    let mut query = site::Entity::find()
        .filter(Viewer::of(account).sites())
        .filter(site::Column::Status.eq(RecordStatus::Live));
    if !filter.name.trim().is_empty() {
        let named = subject::Entity::find()
            .select_only()
            .column(subject::Column::Id)
            .filter(super::infra::like::contains(
                subject::Column::Name,
                filter.name.trim(),
            ))
            .into_query();
        query = query.filter(site::Column::SubjectId.in_subquery(named));
    }
    if !filter.number.trim().is_empty() {
        query = query.filter(super::infra::like::starts_with(
            site::Column::Number,
            filter.number.trim(),
        ));
    }
    if !filter.domain.trim().is_empty() {
        let by_domain = site_domain::Entity::find()
            .select_only()
            .column(site_domain::Column::SiteId)
            .filter(super::infra::like::contains(
                site_domain::Column::Domain,
                &filter.domain.trim().to_lowercase(),
            ))
            .into_query();
        query = query.filter(site::Column::Id.in_subquery(by_domain));
    }
    // The block is checked on the decoded accesses, a page at a time.
    let mut found = Vec::new();
    let mut after = 0;
    loop {
        let page = query
            .clone()
            .filter(site::Column::Id.gt(after))
            .order_by_asc(site::Column::Id)
            .limit(1000)
            .all(db)
            .await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        for row in page {
            let payload = row.data();
            // Only this provider's accesses: the others are not theirs to move.
            let ips: Vec<String> = payload
                .accesses
                .iter()
                .filter(|a| a.provider_id == serving)
                .map(|a| a.ips.clone())
                .collect();
            if block.is_some_and(|b| !ips.iter().any(|i| overlaps(i, &b))) {
                continue;
            }
            found.push((row, payload.domains, ips));
        }
        if found.len() > LIST_LIMIT {
            break;
        }
    }
    let more = found.len() > LIST_LIMIT;
    found.truncate(LIST_LIMIT);
    let ids: Vec<i32> = found.iter().map(|(s, _, _)| s.subject_id).collect();
    let subjects: BTreeMap<i32, subject::Model> = subject::Entity::find()
        .filter(subject::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let mut rows: Vec<OwnAccess> = found
        .into_iter()
        .filter_map(|(site, domains, ips)| {
            let subject = subjects.get(&site.subject_id)?;
            Some(OwnAccess {
                subject_number: subject.number.clone(),
                subject_name: subject.name.clone(),
                site_number: site.number,
                site_name: site.name,
                domains,
                ips,
            })
        })
        .collect();
    rows.sort_by(|a, b| a.site_number.cmp(&b.site_number));
    Ok(AccessList {
        rows,
        more,
        provider_blocks: provider.ip_blocks,
    })
}

/// True when some range of `ips` shares an address with `block`.
fn overlaps(ips: &str, block: &IpBlock) -> bool {
    let (first, last) = block.bounds();
    check_ip_ranges(ips, None).is_ok_and(|canonical| {
        canonical.split(';').any(|item| {
            let (start, end) = item.split_once('-').unwrap_or((item, item));
            match (start.parse(), end.parse()) {
                (Ok(start), Ok(end)) => {
                    let start: std::net::IpAddr = start;
                    start.is_ipv4() == block.is_ipv4()
                        && to_number(start) <= last
                        && to_number(end) >= first
                }
                _ => false,
            }
        })
    })
}

/// One subject's part of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowResult {
    pub subject_number: String,
    pub site_numbers: Vec<String>,
    /// The new application and the state it reached, or why this subject
    /// was left alone.
    pub outcome: Result<(i32, State), AppError>,
}

/// The site numbers grouped by the subject number they start with.
fn by_subject(site_numbers: &[String]) -> Result<BTreeMap<String, Vec<String>>, AppError> {
    if site_numbers.is_empty() || site_numbers.len() > BATCH_LIMIT {
        return Err(AppError::field(FieldError::new(
            "sites",
            "BATCH_SIZE",
            &format!("请选择 1–{BATCH_LIMIT} 个网站"),
            &format!("Pick 1 to {BATCH_LIMIT} sites"),
        )));
    }
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for number in site_numbers {
        let subject = number.rsplit_once('-').ok_or(AppError::BadRequest)?.0;
        let group = groups.entry(subject.to_owned()).or_default();
        if !group.contains(number) {
            group.push(number.clone());
        }
    }
    Ok(groups)
}

/// 批量取消接入: per subject, a 注销 application cancelling the caller's
/// access to the picked sites (代为注销, no 备案密码).
pub async fn cancel_accesses(
    db: &DatabaseConnection,
    account: &account::Model,
    site_numbers: &[String],
    reason: &str,
    explanation: &str,
    now: DateTime<Utc>,
) -> Result<Vec<RowResult>, AppError> {
    staff_provider(db, account).await?;
    let grounds = Cancellation {
        reason: reason.to_owned(),
        explanation: explanation.to_owned(),
        ..Cancellation::default()
    };
    let errors = grounds.validate_grounds();
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut results = Vec::new();
    for (subject_number, sites) in by_subject(site_numbers)? {
        let request = Cancellation {
            accesses: sites.clone(),
            ..grounds.clone()
        };
        let outcome =
            super::cancellations::apply(db, account, &subject_number, request, "", now).await;
        results.push(RowResult {
            subject_number,
            site_numbers: sites,
            outcome,
        });
    }
    Ok(results)
}

/// 批量变更接入: checks the move, then per subject submits a 变更接入
/// with the picked sites' addresses moved. The provider changes only its
/// own access data inside its own blocks, so neither the 备案密码 nor a
/// new 核验 is asked for.
pub async fn move_accesses(
    db: &DatabaseConnection,
    account: &account::Model,
    site_numbers: &[String],
    (from, to): (&str, &str),
    now: DateTime<Utc>,
    today: Date,
) -> Result<Vec<RowResult>, AppError> {
    let provider = staff_provider(db, account).await?;
    let blocks = super::providers::blocks(&provider);
    let ip_move = IpMove::parse(from, to, &blocks).map_err(AppError::Validation)?;
    let mut results = Vec::new();
    for (subject_number, sites) in by_subject(site_numbers)? {
        let outcome = move_one(
            db,
            account,
            &subject_number,
            &sites,
            (&ip_move, &blocks),
            (from, to),
            now,
            today,
        )
        .await;
        results.push(RowResult {
            subject_number,
            site_numbers: sites,
            outcome,
        });
    }
    Ok(results)
}

/// One subject of `move_accesses`, in one transaction.
#[allow(clippy::too_many_arguments)]
async fn move_one(
    db: &DatabaseConnection,
    account: &account::Model,
    subject_number: &str,
    picked: &[String],
    (ip_move, blocks): (&IpMove, &[IpBlock]),
    (from, to): (&str, &str),
    now: DateTime<Utc>,
    today: Date,
) -> Result<(i32, State), AppError> {
    let txn = super::infra::db::begin_write(db).await?;
    let subject = own_subject(&txn, account, subject_number).await?;
    let ours: Vec<String> = site::Entity::find()
        .filter(site::Column::SubjectId.eq(subject.id))
        .filter(Viewer::of(account).sites())
        .filter(site::Column::Status.eq(RecordStatus::Live))
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| s.number)
        .collect();
    if let Some(other) = picked.iter().find(|n| !ours.contains(n)) {
        return Err(AppError::field(FieldError::new(
            "sites",
            "CXL_NOT_YOUR_ACCESS",
            &format!("网站 {other} 不是本单位接入的网站"),
            &format!("Site {other} is not served by you"),
        )));
    }
    let note = format!("批量变更接入 {from} → {to}");
    let mut started = start_in(&txn, account, &subject, ChangeKind::Access, &note, now).await?;
    for (number, site) in started.site_numbers.iter().zip(&mut started.filing.sites) {
        if !picked.contains(number) {
            continue;
        }
        let mut moved = false;
        let provider = started.filing.provider_id;
        for access in site.accesses.iter_mut().filter(|a| a.is_of(provider)) {
            let changed = ip_move
                .apply(&access.ips, blocks)
                .map_err(|e| AppError::field(e.at("sites")))?;
            if let Some(ips) = changed {
                access.ips = ips;
                moved = true;
            }
        }
        if !moved {
            return Err(AppError::field(FieldError::new(
                "sites",
                "MOVE_NOTHING",
                &format!("网站 {number} 没有位于迁出地址段内的IP地址"),
                &format!("Site {number} has no address in the source block"),
            )));
        }
    }
    save_in(
        &txn,
        account,
        started.id,
        started.version,
        started.filing.clone(),
        now,
    )
    .await?;
    let errors = started.filing.validate(&Context {
        today,
        provider_blocks: Some(blocks),
    });
    if has_blocking(&errors) {
        return Err(AppError::Validation(
            errors.into_iter().filter(|e| !e.warning).collect(),
        ));
    }
    let app = application::Entity::find_by_id(started.id)
        .one(&txn)
        .await?
        .ok_or(AppError::Internal)?;
    let to_state = transition(app.kind, State::Draft, Action::Submit, Actor::Provider)
        .map_err(|_| AppError::Forbidden)?;
    record(
        &txn,
        Step {
            app: &app,
            author: Author::of(account),
            action: Action::Submit,
            from: State::Draft,
            to: to_state,
            reasons: &[],
            changes: vec![(application::Column::SubmittedAt, Expr::value(now))],
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok((app.id, to_state))
}
