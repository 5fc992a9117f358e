//! 备案信息查询 (seed §2.7): the approved, live websites the caller may
//! see, filtered and paged by keyset (never OFFSET), so a deep page costs
//! what the first does. Filers see their own records, provider staff their
//! provider's, reviewers their province's, and the admin everything.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Select,
};

use super::auth::policy::Viewer;
use super::entity::subject_gram::GramField;
use super::entity::{account, site, site_domain, subject};
use super::name_grams;
use crate::domain::date::Date;
use crate::domain::domain_name::lookup_form;
use crate::domain::icp_number::parse_icp_number;
use crate::domain::record::RecordStatus;
use crate::error::AppError;

/// At most this many subjects match: their sites' keys are ordered in
/// memory (a few thousand small rows) rather than by walking the order
/// index. Reading the keys grows with the subjects and the walk shrinks
/// with them; at a million sites both take about 10 ms at 500.
const SPARSE_SUBJECTS: u64 = 500;

/// The order of the results.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RecordOrder {
    /// Latest approval first.
    #[default]
    Newest,
    /// By 网站备案号.
    Number,
}

/// 高级查询's conditions; empty ones match everything.
#[derive(Debug, Clone, Default)]
pub struct RecordSearch {
    /// Part of 主办单位名称.
    pub name: String,
    /// A 备案号 or its beginning.
    pub number: String,
    /// A domain, as typed (normalised here).
    pub domain: String,
    /// Part of the 主体负责人's name.
    pub principal: String,
    /// 单位性质 code.
    pub nature: String,
    /// Province code.
    pub province: String,
    /// Approved on or after / on or before (Beijing dates).
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub order: RecordOrder,
    /// Where the previous page ended (`RecordPage::next`).
    pub after: Option<String>,
    /// Rows per page (1–100).
    pub limit: u64,
}

/// One row: a live site with its subject.
#[derive(Debug, Clone)]
pub struct Found {
    pub site: site::Model,
    pub subject: subject::Model,
    pub domains: Vec<String>,
}

/// One page, and the cursor of the next when there is one.
#[derive(Debug, Clone)]
pub struct RecordPage {
    pub rows: Vec<Found>,
    pub next: Option<String>,
}

/// Narrows live sites to those the caller may see, as the access policy
/// scopes them; the pre-approval authorities search no records.
fn scoped(
    query: Select<site::Entity>,
    account: &account::Model,
) -> Result<Select<site::Entity>, AppError> {
    let viewer = Viewer::of(account);
    if !viewer.searches_records() {
        return Err(AppError::Forbidden);
    }
    Ok(query.filter(viewer.sites()))
}

/// One page of the caller's records matching `search`.
///
/// Every condition is one the indexes answer at a million sites: a live
/// site always has a live subject (注销 cascades), so the subject is only
/// consulted for its own conditions; staff are scoped by the site's
/// provider; a whole 备案号 is looked up exactly; the keyset is a row-value
/// comparison, which both databases turn into an index range.
pub async fn records<C: ConnectionTrait>(
    db: &C,
    account: &account::Model,
    search: &RecordSearch,
) -> Result<RecordPage, AppError> {
    let limit = search.limit.clamp(1, 100);
    // Live only: said in SQL on the order index walk, and checked in
    // memory for the few sites of a sparse search (see `sparse_page`).
    let mut query = scoped(site::Entity::find(), account)?;
    let text = |s: &str| s.trim().to_owned();
    // `of_subject` decides which subjects match; `narrowed` only helps find
    // them when they are few (the name index's rarest gram).
    let mut of_subject = Condition::all();
    let mut narrowed = Condition::all();
    let mut typed_text = false;
    for (field, column, typed) in [
        (GramField::Name, subject::Column::Name, text(&search.name)),
        (
            GramField::Principal,
            subject::Column::PrincipalName,
            text(&search.principal),
        ),
    ] {
        if typed.is_empty() {
            continue;
        }
        typed_text = true;
        of_subject = of_subject.add(super::infra::like::contains(column, &typed));
        if let Some(holders) = name_grams::narrowest(db, field, &typed).await? {
            narrowed = narrowed.add(holders);
        }
    }
    if !search.nature.is_empty() {
        of_subject = of_subject.add(subject::Column::Nature.eq(search.nature.clone()));
    }
    if !search.province.is_empty() {
        of_subject = of_subject.add(subject::Column::Province.eq(search.province.clone()));
    }
    let number = text(&search.number);
    if !number.is_empty() {
        match parse_icp_number(&number) {
            Ok(parsed) if parsed.site.is_some() => {
                query = query.filter(site::Column::Number.eq(parsed.to_string()));
            }
            Ok(parsed) => {
                of_subject = of_subject.add(subject::Column::Number.eq(parsed.subject_number()));
            }
            // A subject's number begins each of its sites' numbers.
            Err(_) => {
                query = query.filter(super::infra::like::starts_with(
                    site::Column::Number,
                    &number,
                ))
            }
        }
    }
    // Few matching subjects (or one domain): their sites are fetched by key
    // and ordered here, since walking the order index for a rare name would
    // visit every site. Many: the order index is walked, each site's
    // subject checked by its key until a page is full.
    let mut sparse = false;
    if !of_subject.is_empty() {
        let ids: Vec<i32> = subject::Entity::find()
            .select_only()
            .column(subject::Column::Id)
            .filter(of_subject.clone())
            .filter(narrowed)
            .limit(SPARSE_SUBJECTS + 1)
            .into_tuple()
            .all(db)
            .await?;
        if ids.len() as u64 <= SPARSE_SUBJECTS {
            sparse = true;
            query = query.filter(site::Column::SubjectId.is_in(ids));
        } else if typed_text {
            // A part of a name: a scalar subquery rather than a join or
            // EXISTS. Both databases evaluate it for each site the walk
            // reaches, whereas PostgreSQL turns a join or EXISTS into a
            // plan of its own, and for a part it wrongly thought rare it
            // read every subject and sorted their sites (371 ms at a
            // million sites).
            let its_subject = Query::select()
                .expr(Expr::val(1))
                .from(subject::Entity)
                .and_where(
                    Expr::col((subject::Entity, subject::Column::Id))
                        .equals((site::Entity, site::Column::SubjectId)),
                )
                .cond_where(of_subject)
                .to_owned();
            query = query.filter(Expr::SubQuery(None, Box::new(its_subject.into())).eq(1));
        } else {
            // Only indexed equalities (province, 单位性质): the subjects are
            // listed once, which a walk over a month of approvals checks
            // faster than a subquery per site. The unary plus keeps SQLite
            // from answering through the subject index: fetching and
            // sorting the sites of thousands of subjects took 40–60 ms,
            // walking the order index takes 1 ms.
            let subjects = Query::select()
                .column(subject::Column::Id)
                .from(subject::Entity)
                .cond_where(of_subject)
                .to_owned();
            query = query.filter(Expr::cust(r#"+"site"."subject_id""#).in_subquery(subjects));
        }
    }
    if !text(&search.domain).is_empty() {
        // A domain belongs to one site at most.
        let by_domain: Vec<i32> = site_domain::Entity::find()
            .select_only()
            .column(site_domain::Column::SiteId)
            .filter(site_domain::Column::Domain.eq(lookup_form(&search.domain)))
            .into_tuple()
            .all(db)
            .await?;
        sparse = true;
        query = query.filter(site::Column::Id.is_in(by_domain));
    }
    if let Some(from) = search.from.and_then(super::infra::time::beijing_midnight) {
        query = query.filter(site::Column::ApprovedAt.gte(from));
    }
    if let Some(to) = search
        .to
        .and_then(|d| super::infra::time::beijing_midnight(d.plus_days(1)))
    {
        query = query.filter(site::Column::ApprovedAt.lt(to));
    }
    match (search.order, search.after.as_deref()) {
        (RecordOrder::Newest, Some(after)) => {
            if let Some((at, id)) = parse_time_cursor(after) {
                query = query.filter(
                    Expr::tuple([
                        Expr::col(site::Column::ApprovedAt),
                        Expr::col(site::Column::Id),
                    ])
                    .lt(Expr::tuple([Expr::val(at), Expr::val(id)])),
                );
            }
        }
        (RecordOrder::Number, Some(after)) => {
            query = query.filter(site::Column::Number.gt(after));
        }
        (_, None) => {}
    }
    let mut sites = if sparse {
        sparse_page(db, query, search.order, limit + 1).await?
    } else {
        let query = query.filter(site::Column::Status.eq(RecordStatus::Live));
        let query = match search.order {
            RecordOrder::Newest => query
                .order_by_desc(site::Column::ApprovedAt)
                .order_by_desc(site::Column::Id),
            RecordOrder::Number => query.order_by_asc(site::Column::Number),
        };
        query.limit(limit + 1).all(db).await?
    };
    let more = sites.len() as u64 > limit;
    sites.truncate(limit as usize);
    let next = more
        .then(|| sites.last())
        .flatten()
        .map(|last| match search.order {
            RecordOrder::Newest => format!(
                "{}.{}",
                last.approved_at.timestamp_nanos_opt().unwrap_or_default(),
                last.id
            ),
            RecordOrder::Number => last.number.clone(),
        });
    let ids: Vec<i32> = sites.iter().map(|s| s.subject_id).collect();
    let subjects: BTreeMap<i32, subject::Model> = subject::Entity::find()
        .filter(subject::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let mut rows = Vec::with_capacity(sites.len());
    for site in sites {
        // Every site has its subject (a foreign key); a missing one is
        // an internal fault, never a row left out in silence.
        let subject = subjects
            .get(&site.subject_id)
            .cloned()
            .ok_or(AppError::Internal)?;
        let domains = site.data().identifiers();
        rows.push(Found {
            site,
            subject,
            domains,
        });
    }
    Ok(RecordPage { rows, next })
}

/// The first `rows` of the few live sites `query` finds in `order`: their
/// keys are read and ordered here, and only the page's rows are loaded
/// whole. Whether a site is live is checked here too: said in SQL, it let
/// SQLite's sampled statistics (a thousand rows per status, where a
/// million are live) prefer the status index to the subject's, and read
/// every site for a few hundred subjects (1.4 s at a million sites).
async fn sparse_page<C: ConnectionTrait>(
    db: &C,
    query: Select<site::Entity>,
    order: RecordOrder,
    rows: u64,
) -> Result<Vec<site::Model>, AppError> {
    let mut keys: Vec<(i32, DateTime<Utc>, String, RecordStatus)> = query
        .select_only()
        .column(site::Column::Id)
        .column(site::Column::ApprovedAt)
        .column(site::Column::Number)
        .column(site::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    keys.retain(|k| k.3 == RecordStatus::Live);
    keys.sort_by(|a, b| match order {
        RecordOrder::Newest => (b.1, b.0).cmp(&(a.1, a.0)),
        RecordOrder::Number => a.2.cmp(&b.2),
    });
    keys.truncate(rows as usize);
    let mut page = site::Entity::find()
        .filter(site::Column::Id.is_in(keys.iter().map(|k| k.0)))
        .all(db)
        .await?;
    let position: BTreeMap<i32, usize> = keys.iter().enumerate().map(|(i, k)| (k.0, i)).collect();
    page.sort_by_key(|s| position.get(&s.id).copied());
    Ok(page)
}

/// `nanoseconds.id` back into its parts (digits only, so the cursor needs
/// no escaping in a URL); a malformed cursor starts over.
fn parse_time_cursor(cursor: &str) -> Option<(DateTime<Utc>, i32)> {
    let (at, id) = cursor.split_once('.')?;
    Some((
        DateTime::from_timestamp_nanos(at.parse().ok()?),
        id.parse().ok()?,
    ))
}
