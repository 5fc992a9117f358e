//! 核查 after approval (docs/domain.md §2.19): the checker fetches each live
//! website's home page, and a finding opens a task the filer must fix by
//! its deadline. A later check that finds the site right closes it; one
//! still open at the deadline is overdue and proposed to the serving
//! provider's staff as 取消接入. A task whose site or access ended ends
//! with it.
//!
//! Fetching happens outside any transaction (a slow site must not hold a
//! database lock), a few sites at a time; what a fetch found is then
//! written in one.

use std::net::SocketAddr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures_util::stream::{self, StreamExt, TryStreamExt};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::auth::policy::Viewer;
use super::entity::{inspection, site, site_access, subject};
use super::infra::db::begin_write;
use super::infra::paging::{page_of, Listing};
use super::infra::state::AppState;
use super::notifications::notify;
use crate::domain::inspection::{judge, Finding, Page, TaskStatus};
use crate::domain::record::RecordStatus;
use crate::domain::service::ServiceKind;
use crate::error::AppError;

/// Websites checked per round; the rest wait for the next one.
const BATCH: u64 = 100;

/// Home pages fetched at once: a slow site must not hold up the round, nor
/// a round flood the provider's egress.
const FETCHES_AT_ONCE: usize = 8;

/// The most of a home page read: the footer of any real page is within.
const MAX_PAGE_BYTES: usize = 1 << 20;

/// The checker's settings (`BEIAN_INSPECTION_*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// How often each live website is checked; `None`: no background
    /// rounds, only the checks someone asks for.
    pub interval: Option<Duration>,
    /// Days a filer has to fix a finding.
    pub deadline_days: i64,
    /// Connect every fetch here, naming the site in `Host`, instead of the
    /// site's own address: for a staging copy, and the tests' local pages.
    pub connect_to: Option<SocketAddr>,
}

/// Where a home page comes from. The checker takes any fetcher, so a
/// provider can route fetches through its own egress.
#[async_trait::async_trait]
pub trait PageFetcher: Send + Sync {
    /// The home page of `domain`, or `None` when nothing answered.
    async fn fetch(&self, domain: &str) -> Option<Page>;
}

/// Fetches `http://<domain>/` over the network, following up to five
/// redirects, within ten seconds.
pub struct HttpFetcher {
    client: reqwest::Client,
    connect_to: Option<SocketAddr>,
}

impl HttpFetcher {
    /// A fetcher for the settings' `connect_to`.
    pub fn new(settings: &Settings) -> HttpFetcher {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::limited(5))
            .user_agent("beian-inspection/1")
            .build()
            .expect("a client with fixed settings builds");
        HttpFetcher {
            client,
            connect_to: settings.connect_to,
        }
    }
}

#[async_trait::async_trait]
impl PageFetcher for HttpFetcher {
    async fn fetch(&self, domain: &str) -> Option<Page> {
        let request = match self.connect_to {
            Some(addr) => self
                .client
                .get(format!("http://{addr}/"))
                .header(reqwest::header::HOST, domain),
            None => self.client.get(format!("http://{domain}/")),
        };
        let mut response = request.send().await.ok()?;
        let status = response.status().as_u16();
        let mut bytes = Vec::new();
        while let Ok(Some(chunk)) = response.chunk().await {
            bytes.extend_from_slice(&chunk);
            if bytes.len() >= MAX_PAGE_BYTES {
                break;
            }
        }
        Some(Page {
            status,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        })
    }
}

/// Starts the background checker when an interval is set: every minute
/// (or every interval, if shorter) a round as of now.
pub fn start(state: AppState) {
    let Some(interval) = state.config.inspection.interval else {
        return;
    };
    let period = interval.min(Duration::from_secs(60));
    tokio::spawn(async move {
        let settings = &state.config.inspection;
        let fetcher = HttpFetcher::new(settings);
        let mut tick = tokio::time::interval(period);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match round(&state.db, &fetcher, settings, interval, Utc::now()).await {
                Ok(done) if done.changed() => tracing::info!(?done, "核查 round"),
                Ok(_) => {}
                Err(error) => tracing::warn!(?error, "核查 round failed"),
            }
        }
    });
}

/// What one round did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub checked: usize,
    pub opened: usize,
    pub fixed: usize,
    pub overdue: usize,
    pub ended: usize,
}

/// One round as of `now`: the websites not checked within `interval`
/// (oldest first, at most a batch), then the deadlines and the tasks of
/// sites gone.
pub async fn round(
    db: &DatabaseConnection,
    fetcher: &dyn PageFetcher,
    settings: &Settings,
    interval: Duration,
    now: DateTime<Utc>,
) -> Result<Round, AppError> {
    let mut done = Round::default();
    let since = chrono::Duration::from_std(interval)
        .ok()
        .and_then(|back| now.checked_sub_signed(back))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    let due: Vec<i32> = site::Entity::find()
        .select_only()
        .column(site::Column::Id)
        .filter(checkable())
        .filter(
            Condition::any()
                .add(site::Column::InspectedAt.is_null())
                .add(site::Column::InspectedAt.lt(since)),
        )
        // Never-checked first: PostgreSQL sorts NULL last, SQLite first.
        .order_by_asc(Expr::col(site::Column::InspectedAt).is_not_null())
        .order_by_asc(site::Column::InspectedAt)
        .order_by_asc(site::Column::Id)
        .limit(BATCH)
        .into_tuple()
        .all(db)
        .await?;
    let checked: Vec<Checked> = stream::iter(due)
        .map(|site_id| check(db, fetcher, settings, site_id, now))
        .buffer_unordered(FETCHES_AT_ONCE)
        .try_collect()
        .await?;
    for outcome in checked {
        match outcome {
            Checked::Opened => done.opened += 1,
            Checked::Fixed => done.fixed += 1,
            Checked::Unchanged | Checked::NotCheckable => {}
        }
        done.checked += 1;
    }
    done.overdue = mark_overdue(db, now).await?;
    done.ended = end_orphaned(db, now).await?;
    Ok(done)
}

impl Round {
    /// Whether a task opened, closed or moved (checks alone are routine).
    pub fn changed(&self) -> bool {
        self.opened + self.fixed + self.overdue + self.ended > 0
    }
}

/// What one check changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checked {
    /// A new finding: a task opened and the filer told.
    Opened,
    /// The site is right again: its task closed and the filer told.
    Fixed,
    /// No task opened or closed (right and was right, or still wrong).
    Unchanged,
    /// Not a live, served website: nothing to check.
    NotCheckable,
}

/// Checks one site now: fetches its first domain's home page and records
/// what it found.
pub async fn check(
    db: &DatabaseConnection,
    fetcher: &dyn PageFetcher,
    settings: &Settings,
    site_id: i32,
    now: DateTime<Utc>,
) -> Result<Checked, AppError> {
    let Some((found, owner)) = site_with_subject(db, site_id).await? else {
        return Ok(Checked::NotCheckable);
    };
    let Some(domain) = found.payload.0.domains.first().cloned() else {
        return Ok(Checked::NotCheckable);
    };
    let page = fetcher.fetch(&domain).await;
    let verdict = judge(page.as_ref(), &owner.number);
    let txn = begin_write(db).await?;
    site::Entity::update_many()
        .col_expr(site::Column::InspectedAt, Expr::value(now))
        .filter(site::Column::Id.eq(site_id))
        .exec(&txn)
        .await?;
    let pending = pending_task(&txn, site_id).await?;
    let outcome = match (verdict, pending) {
        (Err(finding), Some(task)) => {
            let mut task: inspection::ActiveModel = task.into();
            task.finding = Set(finding);
            task.checked_at = Set(now);
            task.update(&txn).await?;
            Checked::Unchanged
        }
        (Err(finding), None) => {
            let deadline = now + chrono::Duration::days(settings.deadline_days);
            inspection::ActiveModel {
                site_id: Set(site_id),
                domain: Set(domain.clone()),
                finding: Set(finding),
                status: Set(TaskStatus::Open),
                opened_at: Set(now),
                deadline: Set(deadline),
                checked_at: Set(now),
                closed_at: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            tell_owner(&txn, &found, &owner, Notice::Opened(finding, deadline), now).await?;
            Checked::Opened
        }
        (Ok(()), Some(task)) => {
            let mut task: inspection::ActiveModel = task.into();
            task.status = Set(TaskStatus::Fixed);
            task.checked_at = Set(now);
            task.closed_at = Set(Some(now));
            task.update(&txn).await?;
            tell_owner(&txn, &found, &owner, Notice::Fixed, now).await?;
            Checked::Fixed
        }
        (Ok(()), None) => Checked::Unchanged,
    };
    txn.commit().await?;
    Ok(outcome)
}

/// Live websites with at least one access: what the checker looks at.
fn checkable() -> Condition {
    Condition::all()
        .add(site::Column::Status.eq(RecordStatus::Live))
        .add(site::Column::Kind.eq(ServiceKind::Website))
        .add(
            site::Column::Id.in_subquery(
                Query::select()
                    .column(site_access::Column::SiteId)
                    .from(site_access::Entity)
                    .to_owned(),
            ),
        )
}

async fn site_with_subject<C: ConnectionTrait>(
    db: &C,
    site_id: i32,
) -> Result<Option<(site::Model, subject::Model)>, AppError> {
    let Some(found) = site::Entity::find_by_id(site_id)
        .filter(checkable())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let owner = subject::Entity::find_by_id(found.subject_id)
        .one(db)
        .await?;
    Ok(owner.map(|owner| (found, owner)))
}

/// The site's open or overdue task, if it has one (at most one: a new
/// finding updates it).
async fn pending_task<C: ConnectionTrait>(
    db: &C,
    site_id: i32,
) -> Result<Option<inspection::Model>, AppError> {
    Ok(inspection::Entity::find()
        .filter(inspection::Column::SiteId.eq(site_id))
        .filter(inspection::Column::Status.is_in([TaskStatus::Open, TaskStatus::Overdue]))
        .one(db)
        .await?)
}

/// Open tasks past their deadline become overdue, and the filer is told
/// that staff may now end the access.
async fn mark_overdue(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<usize, AppError> {
    let late = inspection::Entity::find()
        .filter(inspection::Column::Status.eq(TaskStatus::Open))
        .filter(inspection::Column::Deadline.lte(now))
        .limit(BATCH)
        .all(db)
        .await?;
    let count = late.len();
    for task in late {
        let txn = begin_write(db).await?;
        let moved = inspection::Entity::update_many()
            .col_expr(inspection::Column::Status, Expr::value(TaskStatus::Overdue))
            .filter(inspection::Column::Id.eq(task.id))
            .filter(inspection::Column::Status.eq(TaskStatus::Open))
            .exec(&txn)
            .await?;
        if moved.rows_affected == 1 {
            if let Some((found, owner)) = site_with_subject(&txn, task.site_id).await? {
                tell_owner(&txn, &found, &owner, Notice::Overdue, now).await?;
            }
        }
        txn.commit().await?;
    }
    Ok(count)
}

/// Pending tasks whose site is no longer a live, served website end.
async fn end_orphaned(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<usize, AppError> {
    let still_checked = Query::select()
        .column(site::Column::Id)
        .from(site::Entity)
        .cond_where(checkable())
        .to_owned();
    let ended = inspection::Entity::update_many()
        .col_expr(inspection::Column::Status, Expr::value(TaskStatus::Ended))
        .col_expr(inspection::Column::ClosedAt, Expr::value(now))
        .filter(inspection::Column::Status.is_in([TaskStatus::Open, TaskStatus::Overdue]))
        .filter(inspection::Column::SiteId.not_in_subquery(still_checked))
        .exec(db)
        .await?;
    Ok(ended.rows_affected as usize)
}

/// What the filer is told.
enum Notice {
    Opened(Finding, DateTime<Utc>),
    Fixed,
    Overdue,
}

async fn tell_owner<C: ConnectionTrait>(
    db: &C,
    found: &site::Model,
    owner: &subject::Model,
    notice: Notice,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let site = format!("{}（{}）", found.number, found.name);
    let (text, text_en) = match notice {
        Notice::Opened(finding, deadline) => {
            let by = crate::server::infra::time::beijing_today(deadline);
            (
                format!(
                    "网站 {site}核查未通过：{}。请在 {by} 前整改，逾期接入服务商可取消接入。",
                    finding.label(crate::domain::lang::Lang::Zh)
                ),
                format!(
                    "Site {} ({}) failed its check: {}. Fix it by {by}, or the provider may end its access.",
                    found.number,
                    found.name,
                    finding.label(crate::domain::lang::Lang::En)
                ),
            )
        }
        Notice::Fixed => (
            format!("网站 {site}复查通过，核查整改已完成。"),
            format!(
                "Site {} ({}) passed its recheck: the finding is closed.",
                found.number, found.name
            ),
        ),
        Notice::Overdue => (
            format!("网站 {site}核查逾期未整改，接入服务商可取消接入。"),
            format!(
                "Site {} ({}) was not fixed in time: the provider may end its access.",
                found.number, found.name
            ),
        ),
    };
    notify(
        db,
        owner.owner_id,
        found.application_id,
        "ICP备案核查通知",
        (&text, &text_en),
        now,
    )
    .await
}

/// A check someone asked for, by 网站备案号.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberChecked {
    /// Checked: what it found (`None`: the site is right).
    Done(Option<Finding>),
    /// The number is an app, a mini-program or a site with no access.
    NotAWebsite,
}

/// Checks the site numbered `number` for `viewer`: `NotFound` unless the
/// access policy lets the viewer read it, as for an id from elsewhere.
pub async fn check_number(
    db: &DatabaseConnection,
    viewer: &Viewer,
    fetcher: &dyn PageFetcher,
    settings: &Settings,
    number: &str,
    now: DateTime<Utc>,
) -> Result<NumberChecked, AppError> {
    let found = site::Entity::find()
        .filter(site::Column::Number.eq(number))
        .filter(site::Column::Status.eq(RecordStatus::Live))
        .filter(viewer.sites())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if check(db, fetcher, settings, found.id, now).await? == Checked::NotCheckable {
        return Ok(NumberChecked::NotAWebsite);
    }
    let pending = pending_task(db, found.id).await?;
    Ok(NumberChecked::Done(pending.map(|task| task.finding)))
}

/// A task with its site and the subject's 备案号.
pub type TaskRow = (inspection::Model, site::Model, String);

/// Page `page` of the tasks of the sites `viewer` may read whose number
/// starts with `number` (empty: all): pending ones first, the nearest
/// deadline first.
pub async fn list(
    db: &DatabaseConnection,
    viewer: &Viewer,
    number: &str,
    page: u64,
    per_page: u64,
) -> Result<Listing<TaskRow>, AppError> {
    let readable = Query::select()
        .column(site::Column::Id)
        .from(site::Entity)
        .cond_where(viewer.sites())
        .cond_where(super::infra::like::starts_with(
            site::Column::Number,
            number.trim(),
        ))
        .to_owned();
    let query = inspection::Entity::find()
        .filter(inspection::Column::SiteId.in_subquery(readable))
        .order_by_asc(Expr::cust(
            "CASE WHEN status IN ('open', 'overdue') THEN 0 ELSE 1 END",
        ))
        .order_by_asc(inspection::Column::Deadline)
        .order_by_desc(inspection::Column::Id);
    let listing = page_of(db, query, page, per_page).await?;
    let site_ids: Vec<i32> = listing.rows.iter().map(|t| t.site_id).collect();
    let sites = site::Entity::find()
        .filter(site::Column::Id.is_in(site_ids))
        .all(db)
        .await?;
    let subject_ids: Vec<i32> = sites.iter().map(|s| s.subject_id).collect();
    let subjects = subject::Entity::find()
        .filter(subject::Column::Id.is_in(subject_ids))
        .all(db)
        .await?;
    let rows = listing
        .rows
        .into_iter()
        .filter_map(|task| {
            let site = sites.iter().find(|s| s.id == task.site_id)?.clone();
            let number = subjects
                .iter()
                .find(|s| s.id == site.subject_id)
                .map(|s| s.number.clone())
                .unwrap_or_default();
            Some((task, site, number))
        })
        .collect();
    Ok(Listing {
        rows,
        page: listing.page,
        pages: listing.pages,
        total: listing.total,
    })
}
