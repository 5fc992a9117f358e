//! 前置审批 decided item by item (`domain::pre_approval`). An authority
//! records its decisions on the items of its own types; the call that
//! decides the last undecided item also moves the application: on to the
//! 管局 when every item is approved, back to the provider with each
//! refused item's reason otherwise. All in one transaction.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::DatabaseConnection;

use super::auth::policy::{visible, Viewer};
use super::entity::json::Json;
use super::entity::{account, application};
use super::history::{write_history, Author};
use super::infra::time::beijing_today;
use super::transition::{guarded_update, record, Step};
use crate::domain::pre_approval::{
    apply_approvals, item_of, merge, outcome, summary, ItemDecision, Outcome,
};
use crate::domain::workflow::{transition, Action, HistoryAction, State};
use crate::error::AppError;

/// The most item decisions one call may carry.
pub const MAX_ITEMS: usize = 100;

/// Records `decisions` on application `id`, seen at `version`, and moves it
/// on when they complete the round. Returns the state it is in afterwards.
/// `Forbidden` for anyone but an authority, or for an item of a type that
/// is not the authority's; `Conflict` for a stale version or an
/// application not 前置审批中.
pub async fn decide_items(
    db: &DatabaseConnection,
    account: &account::Model,
    id: i32,
    version: i32,
    decisions: Vec<ItemDecision>,
    now: DateTime<Utc>,
) -> Result<State, AppError> {
    let viewer = Viewer::of(account);
    let Some(actor) = viewer.actor() else {
        return Err(AppError::Forbidden);
    };
    if !matches!(viewer, Viewer::PreApproval { .. }) {
        return Err(AppError::Forbidden);
    }
    if decisions.is_empty() || decisions.len() > MAX_ITEMS {
        return Err(AppError::BadRequest);
    }
    let txn = super::infra::db::begin_write(db).await?;
    let app = visible(&txn, account, id).await?;
    if app.version != version {
        return Err(AppError::Conflict);
    }
    // Items are decided while the application is 前置审批中, as the
    // whole-application approval once was.
    transition(app.kind, app.state, Action::ApprovePreApproval, actor)
        .map_err(|_| AppError::Conflict)?;
    let filing = app.filing();
    let today = beijing_today(now);
    let mut errors = Vec::new();
    for (k, decision) in decisions.iter().enumerate() {
        if let Some(item) = item_of(&filing, decision) {
            if !viewer.decides_pre_approval(&item.kind) {
                return Err(AppError::Forbidden);
            }
        }
        errors.extend(decision.validate(&filing, today, &format!("items[{k}]")));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let author = Author::of(account);
    let all = merge(app.pre_approval_decisions(), decisions.clone());
    guarded_update(
        &txn,
        &app,
        app.version,
        vec![
            (
                application::Column::PreApprovalDecisions,
                Expr::value(Json(all.clone())),
            ),
            (application::Column::UpdatedAt, Expr::value(now)),
        ],
    )
    .await?;
    write_history(
        &txn,
        app.id,
        author,
        HistoryAction::DecideItems,
        Some(app.state),
        app.state,
        &summary(&filing, &decisions),
        None,
        now,
    )
    .await?;
    let moved = application::Model {
        version: app.version + 1,
        pre_approval_decisions: Some(Json(all.clone())),
        ..app
    };
    let (action, reasons, changes) = match outcome(&filing, &all) {
        Outcome::Waiting => {
            txn.commit().await?;
            return Ok(moved.state);
        }
        Outcome::Approved => {
            let mut approved = filing;
            apply_approvals(&mut approved, &all);
            let payload = (application::Column::Payload, Expr::value(Json(approved)));
            (Action::ApprovePreApproval, Vec::new(), vec![payload])
        }
        Outcome::Refused(reasons) => (Action::RejectPreApproval, reasons, Vec::new()),
    };
    let to = transition(moved.kind, moved.state, action, actor).map_err(|_| AppError::Conflict)?;
    record(
        &txn,
        Step {
            app: &moved,
            author,
            action,
            from: moved.state,
            to,
            reasons: &reasons,
            changes,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(to)
}
