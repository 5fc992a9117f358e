//! The review workflow: the work lists (queues, 退回处理, 备案进度), one
//! application's full record with the actions the caller may take, the
//! decisions themselves (one at a time or a batch), and the approval
//! notice with the one-time 备案密码.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::domain::cancellation::Cancellation;
use crate::domain::filing::Filing;
use crate::domain::pre_approval::ItemDecision;
use crate::domain::queue::{Scope, Sort};
use crate::domain::review::{Change, ReturnReason};
use crate::domain::verification::Verification;
use crate::domain::workflow::{Action, Actor, HistoryAction, Kind, State};
use crate::error::AppError;

/// The most operations of a subject's other applications a detail shows.
#[cfg(feature = "ssr")]
const SUBJECT_HISTORY_ROWS: u64 = 100;

/// Rows per page of the work lists.
pub const QUEUE_PER_PAGE: u64 = 20;

/// One row of a work list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRow {
    pub id: i32,
    pub version: i32,
    pub subject_name: String,
    /// The sites it files, each `网站名称（域名、…）`: a list of sites with
    /// their application, as the manual's lists show them.
    pub sites: Vec<String>,
    /// The 前置审批 types the sites carry (labels).
    pub pre_approvals: Vec<String>,
    pub province: String,
    pub state: State,
    pub kind: Kind,
    pub proxy: bool,
    /// Beijing time of submission.
    pub submitted_at: String,
    /// Working days in the current state.
    pub waited: i64,
    /// The working-day limit of the current state, if it has one.
    pub limit: Option<i64>,
    /// `normal`, `due` or `overdue`.
    pub urgency: String,
    /// 未通过原因: why it was returned, while it is returned; else empty.
    pub return_reason: String,
    /// Its 短信核验 at a glance while it waits for it; else empty.
    pub sms: String,
}

/// A page of a work list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    pub rows: Vec<QueueRow>,
    pub page: u64,
    pub pages: u64,
    pub total: u64,
}

/// What a list is asked for; anything left out means "no filter".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueQuery {
    pub text: String,
    pub province: String,
    /// `YYYY-MM-DD`, or empty.
    pub from: String,
    pub to: String,
    /// A 前置审批 type code (the authority's list), or empty.
    pub pre_approval: String,
    pub sort: Sort,
    pub page: u64,
}

/// One line of an application's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineRow {
    pub action: HistoryAction,
    pub state_to: State,
    pub actor_role: String,
    pub at: String,
    pub reason: String,
}

#[cfg(feature = "ssr")]
impl From<crate::server::entity::history::Model> for TimelineRow {
    fn from(row: crate::server::entity::history::Model) -> Self {
        TimelineRow {
            action: row.action,
            state_to: row.state_to,
            actor_role: row.actor_role,
            at: crate::server::infra::time::beijing_minutes(row.at),
            reason: row.reason,
        }
    }
}

/// The numbers an approval issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Numbers {
    pub subject: String,
    pub sites: Vec<String>,
}

/// Everything a reviewer (or the filer, following progress) sees of one
/// application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewView {
    pub id: i32,
    pub version: i32,
    pub state: State,
    pub kind: Kind,
    pub proxy: bool,
    pub owner_name: String,
    /// The caller's part in the workflow; `None` for the admin, who only
    /// reads.
    pub actor: Option<Actor>,
    pub filing: Filing,
    pub verification: Verification,
    /// The buttons to show.
    pub allowed: Vec<Action>,
    pub timeline: Vec<TimelineRow>,
    /// The reasons of the latest return, if it is returned now.
    pub reasons: Vec<ReturnReason>,
    /// Fields a reason can be pinned to: (path, label).
    pub pinnable: Vec<(String, String)>,
    pub numbers: Option<Numbers>,
    /// The subject's other applications the caller may see.
    pub subject_applications: Vec<SubjectApplication>,
    /// The operations on those applications, newest first.
    pub subject_history: Vec<SubjectOperation>,
    /// Every provider's id and name, to name each access's provider.
    pub provider_names: Vec<(i64, String)>,
    /// What the resubmission changed since the latest return, if it was
    /// returned and is back with a reviewer.
    pub changes_since_return: Option<Vec<Change>>,
    /// Working days in the current state and its limit.
    pub waited: i64,
    pub limit: Option<i64>,
    /// What a 注销 application asks to cancel.
    pub cancellation: Option<Cancellation>,
    /// What a 变更 changes against the live record it started from.
    pub change_diff: Option<Vec<Change>>,
    /// Its 前置审批 items with the decisions of the current round.
    pub pre_approval_items: Vec<PreApprovalItem>,
    /// Whether the caller decides items now (an authority, 前置审批中).
    pub decides_items: bool,
    /// The 短信核验 of the latest round, one row per 负责人 mobile.
    pub sms_checks: Vec<crate::api::sms::SmsCheckRow>,
    /// The newest 电子化核验 link, for the staff who may verify now.
    pub verify_link: Option<crate::domain::verification::LinkView>,
}

/// One 前置审批 item as a detail lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreApprovalItem {
    pub site: usize,
    pub item: usize,
    pub site_name: String,
    /// The type's code.
    pub kind: String,
    /// The 审批文号 as the filer entered it.
    pub filed_no: String,
    pub decision: Option<ItemDecision>,
    /// Of one of the caller's types: the caller decides it.
    pub mine: bool,
}

/// One operation on another application of the same subject: with the
/// application's own timeline, the detail shows every operation on the
/// subject the caller may see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectOperation {
    pub application_id: i32,
    pub kind: Kind,
    pub row: TimelineRow,
}

/// Another application of the same subject, for its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectApplication {
    pub id: i32,
    pub kind: Kind,
    pub state: State,
    pub updated_at: String,
}

/// The result of one row of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchResult {
    pub id: i32,
    pub outcome: Result<State, AppError>,
}

/// The approval notice: the numbers, and the 备案密码 the first time only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalNotice {
    pub numbers: Numbers,
    pub password: Option<String>,
}

/// A work list at a glance: how many by state and by working days waited.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueCounts {
    pub by_state: Vec<(State, u64)>,
    /// (bucket label, count), e.g. ("0–5", 3).
    pub by_age: Vec<(String, u64)>,
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::domain::calendar::{
        urgency, working_days_between, Urgency, BUREAU_LIMIT_DAYS, PROVIDER_LIMIT_DAYS,
    };
    use crate::domain::date::Date;
    use crate::server::entity::application;
    use crate::server::infra::time::beijing_today;

    /// The working-day limit of a state.
    pub fn limit_of(state: State) -> Option<i64> {
        match state {
            State::PendingIspVerify => Some(PROVIDER_LIMIT_DAYS),
            State::PendingBureauReview => Some(BUREAU_LIMIT_DAYS),
            _ => None,
        }
    }

    /// Working days since the application entered its current state.
    pub fn waited(app: &application::Model, today: Date) -> i64 {
        working_days_between(beijing_today(app.state_since), today)
    }

    /// The urgency word of a row.
    pub fn urgency_code(waited: i64, limit: Option<i64>) -> String {
        match limit.map(|l| urgency(waited, l)) {
            Some(Urgency::Overdue) => "overdue",
            Some(Urgency::Due) => "due",
            _ => "normal",
        }
        .to_owned()
    }
}

/// One page of a work list the caller has.
#[server(endpoint = "review/queue", input = Json)]
pub async fn queue(scope: Scope, query: QueueQuery) -> Result<QueuePage, AppError> {
    use crate::domain::catalog::{self, pre_approval_types};
    use crate::domain::date::Date;
    use crate::domain::region::province_by_code;
    use crate::server::auth::guard::require_account;
    use crate::server::infra::time::{beijing_minutes, beijing_today};
    use crate::server::queues::{self, Filter};
    use ssr::*;

    let lang = crate::server::http::language_route::request_lang();
    let (state, account) = require_account().await?;
    let filter = Filter {
        text: query.text.chars().take(100).collect(),
        province: query.province.chars().take(6).collect(),
        from: Date::parse(&query.from),
        to: Date::parse(&query.to),
        pre_approval: query.pre_approval.chars().take(8).collect(),
        sort: query.sort,
    };
    let listing = queues::page(
        &state.db,
        &account,
        scope,
        &filter,
        query.page,
        QUEUE_PER_PAGE,
    )
    .await?;
    let today = beijing_today(chrono::Utc::now());
    let returned: Vec<i32> = listing
        .rows
        .iter()
        .filter(|app| matches!(app.state, State::ReturnedToSponsor | State::ReturnedToIsp))
        .map(|app| app.id)
        .collect();
    let mut reasons = crate::server::history::latest_reasons(&state.db, &returned).await?;
    let texting: Vec<i32> = listing
        .rows
        .iter()
        .filter(|app| app.state == State::PendingSmsVerification)
        .map(|app| app.id)
        .collect();
    let mut sms = crate::server::sms::summaries(&state.db, &texting).await?;
    let rows = listing
        .rows
        .into_iter()
        .map(|app| {
            let app_state = app.state;
            let limit = limit_of(app_state);
            let waited = waited(&app, today);
            let filing = app.filing();
            let mut pre_approvals: Vec<String> = filing
                .sites
                .iter()
                .flat_map(|s| &s.pre_approvals)
                .map(|p| catalog::label(pre_approval_types(), &p.kind, lang))
                .collect();
            pre_approvals.dedup();
            Ok(QueueRow {
                id: app.id,
                version: app.version,
                subject_name: app.subject_name.clone(),
                sites: filing.sites.iter().map(|s| site_line(s, lang)).collect(),
                pre_approvals,
                province: province_by_code(&app.province)
                    .map(|p| p.name(lang).to_owned())
                    .unwrap_or_default(),
                state: app_state,
                kind: app.kind,
                proxy: app.is_proxy(),
                submitted_at: app.submitted_at.map(beijing_minutes).unwrap_or_default(),
                waited,
                limit,
                urgency: urgency_code(waited, limit),
                return_reason: reasons.remove(&app.id).unwrap_or_default(),
                sms: sms.remove(&app.id).unwrap_or_default(),
            })
        })
        .collect::<Result<_, AppError>>()?;
    Ok(QueuePage {
        rows,
        page: listing.page,
        pages: listing.pages,
        total: listing.total,
    })
}

/// A service as a list row names it: its kind, name and identifiers
/// (domains, packages or platform id).
#[cfg(feature = "ssr")]
fn site_line(site: &crate::domain::filing::Site, lang: crate::domain::lang::Lang) -> String {
    use crate::domain::domain_name::to_unicode;
    use crate::domain::service::ServiceKind;

    let ids: Vec<String> = site.identifiers().iter().map(|d| to_unicode(d)).collect();
    let kind = match site.kind {
        ServiceKind::Website => String::new(),
        kind => format!("[{}] ", kind.label(lang)),
    };
    let ids = ids.join(lang.pick("、", ", "));
    lang.pick(
        format!("{kind}{}（{ids}）", site.name),
        format!("{kind}{} ({ids})", site.name),
    )
}

/// Counts of a work list by state and by age (working days in the state).
#[server(endpoint = "review/stats", input = Json)]
pub async fn queue_stats(scope: Scope) -> Result<QueueCounts, AppError> {
    use crate::domain::calendar::working_days_between;
    use crate::server::auth::guard::require_account;
    use crate::server::infra::time::beijing_today;
    use crate::server::queues;

    let lang = crate::server::http::language_route::request_lang();
    let (state, account) = require_account().await?;
    let today = beijing_today(chrono::Utc::now());
    let rows = queues::states_and_ages(&state.db, &account, scope).await?;
    let mut by_state: Vec<(State, u64)> = Vec::new();
    let buckets = [
        ("0–5", 0, 5),
        ("6–10", 6, 10),
        ("11–20", 11, 20),
        (">20", 21, i64::MAX),
    ];
    let mut by_age = vec![0u64; buckets.len()];
    for (s, entered) in rows {
        match by_state.iter_mut().find(|(x, _)| *x == s) {
            Some((_, n)) => *n += 1,
            None => by_state.push((s, 1)),
        }
        let waited = working_days_between(beijing_today(entered), today);
        if let Some(i) = buckets
            .iter()
            .position(|(_, lo, hi)| (*lo..=*hi).contains(&waited))
        {
            by_age[i] += 1;
        }
    }
    by_state.sort_by_key(|(s, _)| State::ALL.iter().position(|x| x == s));
    Ok(QueueCounts {
        by_state,
        by_age: buckets
            .iter()
            .zip(by_age)
            .map(|((label, _, _), n)| {
                (
                    lang.pick(format!("{label} 个工作日"), format!("{label} working days")),
                    n,
                )
            })
            .collect(),
    })
}

/// One application as the caller may see it, with the actions they may take.
#[server(endpoint = "review/detail", input = Json)]
pub async fn review_detail(id: i32) -> Result<ReviewView, AppError> {
    use crate::domain::pre_approval::{decided_per_item, decision_for, items};
    use crate::domain::review::{changes_since, needs_reason, pinnable_fields};
    use crate::domain::workflow::allowed_actions;
    use crate::server::auth::guard::require_account;
    use crate::server::auth::policy::readable;
    use crate::server::auth::policy::{actor_of, is_admin, Viewer};

    use crate::server::history::{history_of, reasons_of};
    use crate::server::infra::time::{beijing_minutes, beijing_today};
    use crate::server::queues;
    use crate::server::records::numbers_of;

    use ssr::*;

    let lang = crate::server::http::language_route::request_lang();
    let (state, account) = require_account().await?;
    let app = readable(&state.db, &account, id).await?;
    let actor = if is_admin(&account) {
        None
    } else {
        Some(actor_of(&account)?)
    };
    let app_state = app.state;
    let filing = app.filing();
    let history = history_of(&state.db, app.id).await?;
    let returned_now = matches!(app_state, State::ReturnedToSponsor | State::ReturnedToIsp);
    let reasons = match history.last() {
        Some(last) if returned_now => reasons_of(&state.db, last.id).await?,
        _ => Vec::new(),
    };
    let changes_since_return = history
        .iter()
        .rev()
        .filter(|h| h.action.action().is_some_and(needs_reason))
        .find(|h| h.snapshot.is_some())
        .filter(|_| !returned_now)
        .and_then(|h| h.snapshot_filing())
        .map(|before| changes_since(&before, &filing));
    let numbers = if app_state == State::Approved {
        numbers_of(&state.db, &app)
            .await?
            .map(|(subject, sites)| Numbers { subject, sites })
    } else {
        None
    };
    let owner = crate::server::accounts::by_id(&state.db, app.owner_id).await?;
    let others = queues::of_subject(&state.db, &account, &app.subject_cert_number, app.id).await?;
    let kinds: std::collections::HashMap<i32, Kind> =
        others.iter().map(|other| (other.id, other.kind)).collect();
    let subject_history = crate::server::history::latest_of(
        &state.db,
        &kinds.keys().copied().collect::<Vec<_>>(),
        SUBJECT_HISTORY_ROWS,
    )
    .await?
    .into_iter()
    .map(|row| SubjectOperation {
        application_id: row.application_id,
        kind: kinds[&row.application_id],
        row: TimelineRow::from(row),
    })
    .collect();
    let subject_applications = others
        .into_iter()
        .map(|other| SubjectApplication {
            id: other.id,
            kind: other.kind,
            state: other.state,
            updated_at: beijing_minutes(other.updated_at),
        })
        .collect();
    let limit = limit_of(app_state);
    let viewer = Viewer::of(&account);
    let decisions = app.pre_approval_decisions();
    let pre_approval_items = items(&filing)
        .into_iter()
        .map(|(site, item, pre_approval)| PreApprovalItem {
            site,
            item,
            site_name: filing.sites[site].name.clone(),
            kind: pre_approval.kind.clone(),
            filed_no: pre_approval.approval_no.clone(),
            decision: decision_for(&decisions, site, item).cloned(),
            mine: viewer.decides_pre_approval(&pre_approval.kind),
        })
        .collect();
    let decides_items = actor.is_some_and(|actor| {
        crate::domain::workflow::transition(app.kind, app_state, Action::ApprovePreApproval, actor)
            .is_ok()
    });
    let sms_checks = crate::server::sms::checks_of(&state.db, app.id)
        .await?
        .into_iter()
        .map(|row| crate::api::sms::SmsCheckRow {
            id: row.id,
            holders: row.holders,
            mobile: crate::domain::sms::mask(&row.mobile),
            status: row.status,
            tries: row.tries,
            resent: row.resent,
            deadline: beijing_minutes(row.deadline),
        })
        .collect();
    let may_verify = actor.is_some_and(|actor| {
        allowed_actions(app_state, actor).contains(&Action::Verify) && app.kind.files_new_data()
    });
    let verify_link = if may_verify {
        crate::server::verify_links::latest(&state.db, &account, app.id).await?
    } else {
        None
    };
    Ok(ReviewView {
        verify_link,
        sms_checks,
        pre_approval_items,
        decides_items,
        id: app.id,
        version: app.version,
        state: app_state,
        kind: app.kind,
        proxy: app.channel == crate::domain::workflow::Channel::Proxy,
        owner_name: owner.map(|o| o.real_name).unwrap_or_default(),
        actor,
        verification: app.verification_record(),
        allowed: actor
            .map(|actor| allowed_actions(app_state, actor))
            .unwrap_or_default()
            .into_iter()
            .filter(|a| *a != Action::Submit && !decided_per_item(*a))
            .collect(),
        timeline: history.into_iter().map(TimelineRow::from).collect(),
        reasons,
        pinnable: pinnable_fields(&filing, lang)
            .into_iter()
            .map(|f| (f.path, f.label))
            .collect(),
        numbers,
        subject_applications,
        subject_history,
        provider_names: crate::server::providers::list(&state.db)
            .await?
            .into_iter()
            .map(|p| (i64::from(p.id), p.name))
            .collect(),
        changes_since_return,
        waited: waited(&app, beijing_today(chrono::Utc::now())),
        limit,
        change_diff: app
            .change_base()
            .map(|base| changes_since(&base.filing, &filing)),
        cancellation: (app.kind == Kind::Cancel)
            .then(|| app.cancellation_request())
            .transpose()?,
        filing,
    })
}

/// Takes one decision on one application at the version the caller saw.
#[server(endpoint = "review/decide", input = Json)]
pub async fn decide(
    id: i32,
    version: i32,
    action: Action,
    reasons: Vec<ReturnReason>,
    verification: Option<Verification>,
) -> Result<State, AppError> {
    use crate::server::auth::guard::require_account;
    use crate::server::review::{self, Decision};

    let (state, account) = require_account().await?;
    if reasons.len() > 50 {
        return Err(AppError::BadRequest);
    }
    let to = review::decide(
        &state.db,
        &account,
        id,
        version,
        Decision {
            action,
            reasons,
            verification,
        },
        chrono::Utc::now(),
    )
    .await?;
    crate::server::infra::live::after_commit(&state, &[(id, to)]);
    Ok(to)
}

/// The decision as the review page's plain form posts it when JavaScript
/// is off: `decide`, with the 核验 record the application holds, once the
/// reviewer ticked the confirmation that the script's dialog asks for
/// otherwise. The browser goes back to the page, with the error if any.
#[server(endpoint = "review/decide_form")]
pub async fn decide_form(
    id: i32,
    version: i32,
    action: String,
    reasons: Option<Vec<ReturnReason>>,
    confirmed: Option<String>,
) -> Result<State, AppError> {
    let action = Action::from_code(&action).ok_or(AppError::BadRequest)?;
    if confirmed.as_deref() != Some("true") {
        return Err(crate::server::http::plain_form::confirmation_missing());
    }
    // The form always carries its reason rows; empty ones say nothing.
    let reasons = reasons
        .unwrap_or_default()
        .into_iter()
        .filter(|r| !r.text.trim().is_empty())
        .collect();
    decide(id, version, action, reasons, None).await
}

/// Records a pre-approval authority's decisions on 前置审批 items of its
/// own types, at the version it saw; the last item moves the application
/// on (`server::pre_approval`).
#[server(endpoint = "review/decide_items", input = Json)]
pub async fn decide_items(
    id: i32,
    version: i32,
    decisions: Vec<ItemDecision>,
) -> Result<State, AppError> {
    use crate::server::auth::guard::require_account;

    let (state, account) = require_account().await?;
    let to = crate::server::pre_approval::decide_items(
        &state.db,
        &account,
        id,
        version,
        decisions,
        chrono::Utc::now(),
    )
    .await?;
    crate::server::infra::live::after_commit(&state, &[(id, to)]);
    Ok(to)
}

/// Takes the same decision on many applications; each row succeeds or
/// fails on its own, so one conflict never stops the rest.
#[server(endpoint = "review/batch", input = Json)]
pub async fn decide_batch(
    items: Vec<(i32, i32)>,
    action: Action,
    reasons: Vec<ReturnReason>,
) -> Result<Vec<BatchResult>, AppError> {
    use crate::server::auth::guard::require_account;
    use crate::server::review::{self, Decision};

    let (state, account) = require_account().await?;
    // Filers decide nothing; the admin takes no part (actor_of refuses it).
    if crate::server::auth::policy::actor_of(&account)? == Actor::Filer {
        return Err(AppError::Forbidden);
    }
    if items.len() > 100 || reasons.len() > 50 {
        return Err(AppError::BadRequest);
    }
    let mut results = Vec::with_capacity(items.len());
    for (id, version) in items {
        let outcome = review::decide(
            &state.db,
            &account,
            id,
            version,
            Decision {
                action,
                reasons: reasons.clone(),
                verification: None,
            },
            chrono::Utc::now(),
        )
        .await;
        match &outcome {
            Ok(to) => crate::server::infra::live::after_commit(&state, &[(id, *to)]),
            Err(error) => crate::server::http::audit::item_refused(&id, error),
        }
        results.push(BatchResult { id, outcome });
    }
    Ok(results)
}

/// The approval notice of the caller's approved application. The 备案密码
/// is in it the first time the filer opens it, never again.
#[server(endpoint = "review/approval_notice", input = Json)]
pub async fn open_approval_notice(id: i32) -> Result<ApprovalNotice, AppError> {
    use crate::server::auth::guard::require_account;
    use crate::server::auth::policy::visible;
    use crate::server::records::{numbers_of, take_password_notice};

    let (state, account) = require_account().await?;
    let txn = crate::server::infra::db::begin_write(&state.db).await?;
    let app = visible(&txn, &account, id).await?;
    let (subject, sites) = numbers_of(&txn, &app).await?.ok_or(AppError::NotFound)?;
    if app.state != State::Approved {
        return Err(AppError::NotFound);
    }
    let password = take_password_notice(&txn, &app, account.id).await?;
    txn.commit().await?;
    Ok(ApprovalNotice {
        numbers: Numbers { subject, sites },
        password,
    })
}
