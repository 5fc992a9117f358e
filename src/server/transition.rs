//! Recording a transition: the one place an application changes state. A
//! guarded update (nothing changes if someone else moved it first), exactly
//! one history row, the return reasons, the live records on approval and the
//! notifications, all in the caller's transaction.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::entity::{account, application, return_reason};
use super::history::{write_history, Author};
use super::{notifications, records};
use crate::domain::review::{needs_reason, ReturnReason};
use crate::domain::workflow::{transition, Action, Actor, HistoryAction, State};
use crate::error::AppError;

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
    changes.push((application::Column::StateSince, Expr::value(now)));
    // The moments the reviewers' scopes start (`auth::policy`).
    if to == State::PendingBureauReview && app.reached_bureau_at.is_none() {
        changes.push((application::Column::ReachedBureauAt, Expr::value(now)));
    }
    if to == State::PendingPreApproval && app.reached_pre_approval_at.is_none() {
        changes.push((application::Column::ReachedPreApprovalAt, Expr::value(now)));
    }
    // Entering 待前置审批 starts a new round: every item is decided afresh.
    if to == State::PendingPreApproval {
        changes.push((
            application::Column::PreApprovalDecisions,
            Expr::value(sea_orm::Value::String(None)),
        ));
    }
    guarded_update(db, app, app.version, changes).await?;
    let summary: Vec<&str> = reasons.iter().map(|r| r.text.trim()).collect();
    let history_id = crate::server::history::write_history(
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
            Some(app.filing())
        } else if to.is_granted() {
            app.change_base().map(|b| b.filing)
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
    if to.is_granted() {
        records::approval::apply(db, app, now).await?;
    }
    notifications::state_changed(db, app, to, now).await?;
    Ok(())
}

/// Applies a guarded update: only if the row still has `version` and an
/// editable state for this actor; otherwise `Conflict`.
pub(crate) async fn guarded_update<C: ConnectionTrait>(
    db: &C,
    app: &application::Model,
    version: i32,
    changes: Vec<(application::Column, sea_orm::sea_query::SimpleExpr)>,
) -> Result<(), AppError> {
    let mut update = application::Entity::update_many().col_expr(
        application::Column::Version,
        sea_orm::sea_query::ExprTrait::add(Expr::col(application::Column::Version), 1),
    );
    for (column, value) in changes {
        update = update.col_expr(column, value);
    }
    let result = update
        .filter(application::Column::Id.eq(app.id))
        .filter(application::Column::Version.eq(version))
        .filter(application::Column::State.eq(app.state))
        .exec(db)
        .await?;
    if result.rows_affected == 1 {
        Ok(())
    } else {
        Err(AppError::Conflict)
    }
}

/// Creates the application `row` (a draft) and submits it at once, as a
/// 注销 or a 认领 is: its creation and its submission are two history rows,
/// as if it had been saved and submitted. Returns it with the state it
/// reached.
pub async fn submit_new<C: ConnectionTrait>(
    db: &C,
    row: application::ActiveModel,
    account: &account::Model,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<(application::Model, State), AppError> {
    let app = row.insert(db).await?;
    let author = Author::of(account);
    write_history(
        db,
        app.id,
        author,
        HistoryAction::Create,
        None,
        State::Draft,
        "",
        None,
        now,
    )
    .await?;
    let to = transition(app.kind, State::Draft, Action::Submit, actor)
        .map_err(|_| AppError::Forbidden)?;
    record(
        db,
        Step {
            app: &app,
            author,
            action: Action::Submit,
            from: State::Draft,
            to,
            reasons: &[],
            changes: vec![(application::Column::SubmittedAt, Expr::value(now))],
        },
        now,
    )
    .await?;
    Ok((app, to))
}
