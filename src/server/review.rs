//! Decisions on submitted applications (docs/domain.md §3.2 T4–T19): the
//! provider's 核实 and returns, the pre-approval authority's and the
//! 管局's decisions, and the system's routing. One function records every
//! transition: a guarded update, exactly one history row, the return
//! reasons, the live records on approval and the notifications, all in the
//! caller's transaction.

use super::auth::policy::actor_of;
use super::history::Author;
use super::transition::{record, Step};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ConnectionTrait, DatabaseConnection};

use super::auth::policy::visible;
use super::entity::{account, application};
use crate::domain::pre_approval::decided_per_item;
use crate::domain::review::{validate_reasons, ReturnReason};
use crate::domain::verification::Verification;
use crate::domain::workflow::{ever_allowed, transition, Action, State};
use crate::error::AppError;
use crate::server::entity::json::Json;

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
    let txn = super::infra::db::begin_write(db).await?;
    let to = decide_in(&txn, account, id, version, decision, now).await?;
    txn.commit().await?;
    Ok(to)
}

/// `decide` inside the caller's transaction, for a decision that is part
/// of a larger operation (a 留言 answered by sending the application back).
pub async fn decide_in<C: ConnectionTrait>(
    txn: &C,
    account: &account::Model,
    id: i32,
    version: i32,
    decision: Decision,
    now: DateTime<Utc>,
) -> Result<State, AppError> {
    let actor = actor_of(account)?;
    // 前置审批 moves only by its items' decisions (`server::pre_approval`).
    if decision.action == Action::Submit
        || decided_per_item(decision.action)
        || !ever_allowed(decision.action, actor)
    {
        return Err(AppError::Forbidden);
    }
    let app = visible(txn, account, id).await?;
    let from = app.state;
    if app.version != version {
        return Err(AppError::Conflict);
    }
    let to = transition(app.kind, from, decision.action, actor).map_err(|_| AppError::Conflict)?;
    let filing = app.filing();
    let mut errors = validate_reasons(decision.action, &decision.reasons, &filing);
    let mut changes = Vec::new();
    // A cancellation or a claim needs no 当面核验: nothing new is filed.
    if decision.action == Action::Verify && app.kind.files_new_data() {
        // A batch verifies with the record saved on each application.
        let stored = app.verification_record();
        let mut verification = match decision.verification {
            Some(given) => given,
            None => stored.clone(),
        };
        // Only an accepted 电子化核验 link records an electronic 核验
        // (`server::verify_links::accept`): a caller's word is not one.
        if verification.electronic.is_some() {
            verification.electronic = stored
                .electronic
                .filter(|_| verification.photo == stored.photo);
        }
        verification.verifier = verification.verifier.trim().to_owned();
        crate::server::documents::resolve_documents(
            txn,
            app.id,
            vec![&mut verification.photo, &mut verification.checklist],
        )
        .await?;
        errors.extend(verification.validate());
        changes.push((
            application::Column::Verification,
            Expr::value(Json(verification)),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    record(
        txn,
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
    Ok(to)
}
