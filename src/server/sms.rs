//! 短信核验 as the simulated ministry runs it (`domain::sms`): a round of
//! codes when it accepts an application, each person's confirmation on the
//! public page, the provider's one re-send, and the deadline. The texts go
//! to `sms_outbox` in the same transaction; the gateway delivers them.

use chrono::{DateTime, Utc};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use sha2::{Digest, Sha256};

use super::entity::{account, application, sms_check, sms_outbox};
use super::history::Author;
use super::transition::{record, Step};
use crate::domain::field_error::FieldError;
use crate::domain::review::ReturnReason;
use crate::domain::sms::{
    after_wrong_try, code_from, message, outcome, recipients, timeout_reason, Check, Confirmation,
    Outcome, SmsStatus, MAX_TRIES,
};
use crate::domain::workflow::{transition, Action, Actor, State};
use crate::error::AppError;

/// The rule id of a return for 短信核验.
pub const RETURN_RULE: &str = "SMS01";

fn hash(check_id: i32, code: &str) -> String {
    format!(
        "{:x}",
        Sha256::digest(format!("{check_id}:{code}").as_bytes())
    )
}

fn new_code() -> String {
    code_from(rand::rngs::OsRng.next_u32())
}

/// Queues one text.
async fn text<C: ConnectionTrait>(
    db: &C,
    mobile: &str,
    body: String,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sms_outbox::ActiveModel {
        mobile: Set(mobile.to_owned()),
        body: Set(body),
        created_at: Set(now),
        attempts: Set(0),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Starts a round for `app`, which has just entered 待短信核验: one check
/// and one text per distinct 负责人 mobile, due within `window`. Checks of
/// an earlier round are dropped.
pub async fn start_round<C: ConnectionTrait>(
    db: &C,
    app: &application::Model,
    window: std::time::Duration,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sms_check::Entity::delete_many()
        .filter(sms_check::Column::ApplicationId.eq(app.id))
        .exec(db)
        .await?;
    let deadline = now + chrono::Duration::from_std(window).map_err(|_| AppError::Internal)?;
    let hours = (window.as_secs() / 3600).max(1) as i64;
    for recipient in recipients(&app.filing()) {
        let row = sms_check::ActiveModel {
            application_id: Set(app.id),
            mobile: Set(recipient.mobile.clone()),
            holders: Set(recipient.holders.join("、")),
            cert_tails: Set(recipient.cert_tails.join(",")),
            code_hash: Set(String::new()),
            tries: Set(0),
            resent: Set(false),
            status: Set(SmsStatus::Waiting),
            sent_at: Set(now),
            deadline: Set(deadline),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let code = new_code();
        sms_check::Entity::update_many()
            .col_expr(
                sms_check::Column::CodeHash,
                Expr::value(hash(row.id, &code)),
            )
            .filter(sms_check::Column::Id.eq(row.id))
            .exec(db)
            .await?;
        text(
            db,
            &recipient.mobile,
            message(&code, &recipient.holders, hours),
            now,
        )
        .await?;
    }
    Ok(())
}

/// The checks of an application, in the order they were sent.
pub async fn checks_of<C: ConnectionTrait>(
    db: &C,
    application_id: i32,
) -> Result<Vec<sms_check::Model>, AppError> {
    Ok(sms_check::Entity::find()
        .filter(sms_check::Column::ApplicationId.eq(application_id))
        .order_by_asc(sms_check::Column::Id)
        .all(db)
        .await?)
}

fn as_checks(rows: &[sms_check::Model]) -> Vec<Check> {
    rows.iter()
        .map(|r| Check {
            holders: r.holders.clone(),
            mobile: r.mobile.clone(),
            status: r.status,
            resent: r.resent,
        })
        .collect()
}

/// Moves `app` on as the system once its round is decided: to 前置审批 or
/// the 管局 when everyone confirmed, back to the provider (naming who
/// failed) when it cannot complete. `None` while it waits.
async fn settle<C: ConnectionTrait>(
    db: &C,
    app: &application::Model,
    now: DateTime<Utc>,
) -> Result<Option<State>, AppError> {
    let checks = as_checks(&checks_of(db, app.id).await?);
    let (action, reasons) = match outcome(&checks) {
        Outcome::Waiting => return Ok(None),
        Outcome::AllConfirmed if app.filing().has_pre_approvals() => {
            (Action::ToPreApproval, Vec::new())
        }
        Outcome::AllConfirmed => (Action::ToBureau, Vec::new()),
        Outcome::Returned(text) => (Action::AutoReturn, vec![sms_reason(text)]),
    };
    move_on(db, app, action, &reasons, now).await.map(Some)
}

fn sms_reason(text: String) -> ReturnReason {
    ReturnReason {
        field: String::new(),
        rule: RETURN_RULE.to_owned(),
        text,
    }
}

async fn move_on<C: ConnectionTrait>(
    db: &C,
    app: &application::Model,
    action: Action,
    reasons: &[ReturnReason],
    now: DateTime<Utc>,
) -> Result<State, AppError> {
    let to =
        transition(app.kind, app.state, action, Actor::System).map_err(|_| AppError::Conflict)?;
    record(
        db,
        Step {
            app,
            author: Author::SYSTEM,
            action,
            from: app.state,
            to,
            reasons,
            changes: Vec::new(),
        },
        now,
    )
    .await?;
    Ok(to)
}

/// The answer to a confirmation that did not match.
fn wrong(left: i32) -> AppError {
    let (zh, en) = if left > 0 {
        (
            format!("核验码或证件号码不正确，还可尝试 {left} 次"),
            format!("The code or certificate number is wrong; {left} tries left"),
        )
    } else {
        (
            "核验码错误次数过多，本次核验失败，请联系接入服务商重新发送".to_owned(),
            "Too many wrong tries: this check failed; ask the provider to send a new code"
                .to_owned(),
        )
    };
    AppError::Validation(vec![FieldError::new("code", "SMS_CODE_WRONG", &zh, &en)])
}

/// What a confirmation did, once it reached a waiting check.
#[derive(Debug)]
pub struct Answer {
    /// The applications it moved, with their new state: the last
    /// confirmation moves one on, and a wrong try that ends a round sends
    /// one back. Their pages are told.
    pub moved: Vec<(i32, State)>,
    /// For a wrong code or certificate, what the page says (the try was
    /// counted all the same).
    pub wrong: Option<AppError>,
}

/// Records a person's confirmation: a right one, or a wrong try counted.
/// `Err` when the form is malformed or nothing waits for the mobile.
pub async fn confirm(
    db: &DatabaseConnection,
    form: Confirmation,
    now: DateTime<Utc>,
) -> Result<Answer, AppError> {
    let errors = form.validate();
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mobile =
        crate::domain::account::normalize_mobile(&form.mobile).ok_or(AppError::BadRequest)?;
    let txn = super::infra::db::begin_write(db).await?;
    let waiting = sms_check::Entity::find()
        .filter(sms_check::Column::Mobile.eq(mobile))
        .filter(sms_check::Column::Status.eq(SmsStatus::Waiting))
        .filter(sms_check::Column::Deadline.gt(now))
        .filter(in_a_round())
        .order_by_asc(sms_check::Column::Id)
        .all(&txn)
        .await?;
    if waiting.is_empty() {
        return Err(AppError::Validation(vec![FieldError::new(
            "mobile",
            "SMS_NOTHING_WAITING",
            "该手机号码没有待确认的短信核验，或核验已结束",
            "No SMS check is waiting for this mobile, or it has ended",
        )]));
    }
    let code = form.code.trim();
    let tails = |row: &sms_check::Model| -> Vec<String> {
        row.cert_tails.split(',').map(str::to_owned).collect()
    };
    let matched = waiting
        .iter()
        .find(|row| row.code_hash == hash(row.id, code) && form.tail_matches(&tails(row)));
    let Some(row) = matched else {
        // Every check of this mobile counts the wrong try.
        let mut left = 0;
        let mut failed = Vec::new();
        let mut moved = Vec::new();
        for row in &waiting {
            let status = after_wrong_try(row.tries);
            sms_check::Entity::update_many()
                .col_expr(sms_check::Column::Tries, Expr::value(row.tries + 1))
                .col_expr(sms_check::Column::Status, Expr::value(status))
                .filter(sms_check::Column::Id.eq(row.id))
                .exec(&txn)
                .await?;
            left = left.max(MAX_TRIES - row.tries - 1);
            if status == SmsStatus::Failed {
                failed.push(row.application_id);
            }
        }
        for id in failed {
            if let Some(app) = in_round(&txn, id).await? {
                if let Some(state) = settle(&txn, &app, now).await? {
                    moved.push((id, state));
                }
            }
        }
        txn.commit().await?;
        return Ok(Answer {
            moved,
            wrong: Some(wrong(left)),
        });
    };
    sms_check::Entity::update_many()
        .col_expr(sms_check::Column::Status, Expr::value(SmsStatus::Confirmed))
        .col_expr(sms_check::Column::ConfirmedAt, Expr::value(now))
        .filter(sms_check::Column::Id.eq(row.id))
        .exec(&txn)
        .await?;
    let moved = match in_round(&txn, row.application_id).await? {
        Some(app) => settle(&txn, &app, now).await?.map(|state| (app.id, state)),
        None => None,
    };
    txn.commit().await?;
    Ok(Answer {
        moved: moved.into_iter().collect(),
        wrong: None,
    })
}

/// Checks of applications that still wait in 待短信核验: a round that
/// ended (one person failed for good) takes no more confirmations, and
/// the deadline pass does not look at it again.
fn in_a_round() -> sea_orm::Condition {
    use sea_orm::sea_query::Query;

    sea_orm::Condition::all().add(
        sms_check::Column::ApplicationId.in_subquery(
            Query::select()
                .column(application::Column::Id)
                .from(application::Entity)
                .and_where(application::Column::State.eq(State::PendingSmsVerification))
                .to_owned(),
        ),
    )
}

/// The application `id` while it waits in 待短信核验.
async fn in_round<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> Result<Option<application::Model>, AppError> {
    Ok(application::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|app| app.state == State::PendingSmsVerification))
}

/// The provider's one re-send of check `check_id` of an application it may
/// read: a new code, the tries counted afresh. `Forbidden` for anyone but
/// the provider's staff; `Conflict` once used, or when the round is over.
pub async fn resend(
    db: &DatabaseConnection,
    account: &account::Model,
    application_id: i32,
    check_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    use super::auth::policy::{visible, Viewer};

    if !matches!(Viewer::of(account), Viewer::Provider { .. }) {
        return Err(AppError::Forbidden);
    }
    let txn = super::infra::db::begin_write(db).await?;
    let app = visible(&txn, account, application_id).await?;
    if app.state != State::PendingSmsVerification {
        return Err(AppError::Conflict);
    }
    let row = sms_check::Entity::find_by_id(check_id)
        .one(&txn)
        .await?
        .filter(|row| row.application_id == app.id)
        .ok_or(AppError::NotFound)?;
    if row.resent || !matches!(row.status, SmsStatus::Waiting | SmsStatus::Failed) {
        return Err(AppError::Conflict);
    }
    let code = new_code();
    sms_check::Entity::update_many()
        .col_expr(
            sms_check::Column::CodeHash,
            Expr::value(hash(row.id, &code)),
        )
        .col_expr(sms_check::Column::Tries, Expr::value(0))
        .col_expr(sms_check::Column::Resent, Expr::value(true))
        .col_expr(sms_check::Column::Status, Expr::value(SmsStatus::Waiting))
        .col_expr(sms_check::Column::SentAt, Expr::value(now))
        .filter(sms_check::Column::Id.eq(row.id))
        .filter(sms_check::Column::Resent.eq(false))
        .exec(&txn)
        .await?;
    let left = row.deadline - now;
    let hours = left.num_hours().max(1);
    let holders: Vec<String> = row.holders.split('、').map(str::to_owned).collect();
    text(&txn, &row.mobile, message(&code, &holders, hours), now).await?;
    tracing::info!(
        target: crate::server::http::audit::TARGET,
        actor = account.id,
        action = "SMS_RESEND",
        object = app.id,
        outcome = "ok",
    );
    txn.commit().await?;
    Ok(())
}

/// Returns to the provider every application whose round passed its
/// deadline unconfirmed, naming who did not confirm; returns those moved.
pub async fn expire_due(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<Vec<i32>, AppError> {
    let mut due: Vec<i32> = sms_check::Entity::find()
        .filter(sms_check::Column::Deadline.lte(now))
        .filter(sms_check::Column::Status.ne(SmsStatus::Confirmed))
        .filter(in_a_round())
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.application_id)
        .collect();
    due.sort_unstable();
    due.dedup();
    let mut moved = Vec::new();
    for id in due {
        let txn = super::infra::db::begin_write(db).await?;
        let Some(app) = in_round(&txn, id).await? else {
            continue;
        };
        let rows = checks_of(&txn, id).await?;
        sms_check::Entity::update_many()
            .col_expr(sms_check::Column::Status, Expr::value(SmsStatus::TimedOut))
            .filter(sms_check::Column::ApplicationId.eq(id))
            .filter(sms_check::Column::Status.eq(SmsStatus::Waiting))
            .exec(&txn)
            .await?;
        let reason = sms_reason(timeout_reason(&as_checks(&rows)));
        match move_on(&txn, &app, Action::AutoReturn, &[reason], now).await {
            Ok(_) => {
                txn.commit().await?;
                moved.push(id);
            }
            // Moved by a confirmation meanwhile.
            Err(AppError::Conflict) => {}
            Err(error) => return Err(error),
        }
    }
    Ok(moved)
}

/// The round of each of `ids` at a glance (`domain::sms::summary`), for
/// those that have one: one query for a page of a work list.
pub async fn summaries<C: ConnectionTrait>(
    db: &C,
    ids: &[i32],
) -> Result<std::collections::HashMap<i32, String>, AppError> {
    let mut statuses: std::collections::HashMap<i32, Vec<SmsStatus>> = Default::default();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    for row in sms_check::Entity::find()
        .filter(sms_check::Column::ApplicationId.is_in(ids.iter().copied()))
        .order_by_asc(sms_check::Column::Id)
        .all(db)
        .await?
    {
        statuses
            .entry(row.application_id)
            .or_default()
            .push(row.status);
    }
    Ok(statuses
        .into_iter()
        .map(|(id, statuses)| (id, crate::domain::sms::summary(&statuses)))
        .collect())
}

/// A page of the SMS outbox, newest first.
pub async fn outbox(
    db: &DatabaseConnection,
    page: u64,
    per_page: u64,
) -> Result<super::infra::paging::Listing<sms_outbox::Model>, AppError> {
    let query = sms_outbox::Entity::find()
        .order_by_desc(sms_outbox::Column::CreatedAt)
        .order_by_desc(sms_outbox::Column::Id);
    super::infra::paging::page_of(db, query, page, per_page).await
}
