//! Decisions on submitted applications (docs/domain.md §3.2 T4–T19): the
//! provider's 核实 and returns, the pre-approval authority's and the
//! 管局's decisions, and the system's routing. One function records every
//! transition: a guarded update, exactly one history row, the return
//! reasons, the live records on approval and the notifications, all in the
//! caller's transaction.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, Set};

use super::auth::policy::visible;
use super::entity::{account, application, return_reason};
use super::filings::{self, actor_of, filing_of, guarded_update};
use super::{notifications, records};
use crate::domain::review::{needs_reason, validate_reasons, ReturnReason};
use crate::domain::verification::Verification;
use crate::domain::workflow::{ever_allowed, transition, Action, HistoryAction, Kind, State};
use crate::error::AppError;

/// Who made a transition, as the history records it.
#[derive(Debug, Clone, Copy)]
pub struct Author<'a> {
    /// The account; 0 for the simulated upstream.
    pub id: i32,
    pub role: &'a str,
}

impl<'a> Author<'a> {
    /// The signed-in account.
    pub fn of(account: &'a account::Model) -> Self {
        Author {
            id: account.id,
            role: account.role.code(),
        }
    }

    /// The simulated provincial and ministry systems.
    pub const SYSTEM: Author<'static> = Author {
        id: 0,
        role: "system",
    };
}

/// One transition to record.
pub struct Step<'a> {
    pub app: &'a application::Model,
    pub author: Author<'a>,
    pub action: Action,
    pub from: State,
    pub to: State,
    pub reasons: &'a [ReturnReason],
    /// Further columns the transition sets (e.g. the 核验 record).
    pub changes: Vec<(application::Column, SimpleExpr)>,
}

/// Records a transition (see the module doc). `Conflict` when the
/// application changed since it was read.
pub async fn record<C: ConnectionTrait>(
    db: &C,
    step: Step<'_>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let Step {
        app,
        author,
        action,
        from,
        to,
        reasons,
        mut changes,
    } = step;
    changes.push((application::Column::State, Expr::value(to)));
    changes.push((application::Column::UpdatedAt, Expr::value(now)));
    // The moments the reviewers' scopes start (`auth::policy`).
    if to == State::PendingBureauReview && app.reached_bureau_at.is_none() {
        changes.push((application::Column::ReachedBureauAt, Expr::value(now)));
    }
    if to == State::PendingPreApproval && app.reached_pre_approval_at.is_none() {
        changes.push((application::Column::ReachedPreApprovalAt, Expr::value(now)));
    }
    guarded_update(db, app, app.version, changes).await?;
    let summary: Vec<&str> = reasons.iter().map(|r| r.text.trim()).collect();
    let history_id = filings::write_history(
        db,
        app.id,
        author,
        HistoryAction::Act(action),
        Some(from),
        to,
        &summary.join("；"),
        // A submission keeps what was submitted and a return what was
        // returned; a change's approval keeps the record as it was before.
        // 历史记录查询 diffs an operation against these.
        if action == Action::Submit || needs_reason(action) {
            Some(app.payload.clone())
        } else if to == State::Approved {
            super::changes::base_of(app)?
                .map(|b| serde_json::to_string(&b.filing).map_err(|_| AppError::Internal))
                .transpose()?
        } else {
            None
        },
        now,
    )
    .await?;
    for reason in reasons.iter().filter(|r| !r.text.trim().is_empty()) {
        return_reason::ActiveModel {
            application_id: Set(app.id),
            history_id: Set(history_id),
            field_path: Set(reason.field.clone()),
            rule: Set(reason.rule.clone()),
            text: Set(reason.text.trim().to_owned()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    if to == State::Approved {
        if app.kind == Kind::Cancel {
            super::cancellations::apply_approved(db, app).await?;
        } else if let Some(base) = super::changes::base_of(app)? {
            super::changes::apply_approved(db, app, &base, now).await?;
        } else {
            records::apply_approval(db, app, &filing_of(app)?, now).await?;
        }
    }
    notifications::state_changed(db, app, to, now).await?;
    Ok(())
}

/// What a person decided about one application.
#[derive(Debug, Clone)]
pub struct Decision {
    pub action: Action,
    pub reasons: Vec<ReturnReason>,
    /// The 核验 record, for `Verify`.
    pub verification: Option<Verification>,
}

/// Applies a person's decision (anything but 提交, which the wizard does)
/// to an application they may see, at the version they saw.
pub async fn decide(
    db: &DatabaseConnection,
    account: &account::Model,
    id: i32,
    version: i32,
    decision: Decision,
    now: DateTime<Utc>,
) -> Result<State, AppError> {
    let actor = actor_of(account)?;
    if decision.action == Action::Submit || !ever_allowed(decision.action, actor) {
        return Err(AppError::Forbidden);
    }
    let txn = super::db::begin_write(db).await?;
    let app = visible(&txn, account, id).await?;
    let from = app.state;
    if app.version != version {
        return Err(AppError::Conflict);
    }
    let to = transition(from, decision.action, actor).map_err(|_| AppError::Conflict)?;
    let filing = filing_of(&app)?;
    let mut errors = validate_reasons(decision.action, &decision.reasons, &filing);
    let mut changes = Vec::new();
    // A cancellation needs no 当面核验: nothing new is filed.
    if decision.action == Action::Verify && app.kind != Kind::Cancel {
        // A batch verifies with the record saved on each application.
        let mut verification = decision
            .verification
            .unwrap_or_else(|| filings::verification_of(&app));
        verification.verifier = verification.verifier.trim().to_owned();
        filings::resolve_documents(
            &txn,
            app.id,
            vec![&mut verification.photo, &mut verification.checklist],
        )
        .await?;
        errors.extend(verification.validate());
        let json = serde_json::to_string(&verification).map_err(|_| AppError::Internal)?;
        changes.push((application::Column::Verification, Expr::value(json)));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    record(
        &txn,
        Step {
            app: &app,
            author: Author::of(account),
            action: decision.action,
            from,
            to,
            reasons: &decision.reasons,
            changes,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(to)
}
