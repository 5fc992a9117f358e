//! The history (历史记录) of applications: one row per operation, written in
//! the transaction that made it, with the reasons of a return beside it.
//! Progress, 历史记录查询 and 未通过原因 read it from here.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::entity::{account, history, return_reason};
use crate::domain::filing::Filing;
use crate::domain::review::ReturnReason;
use crate::domain::workflow::{HistoryAction, State};
use crate::error::AppError;
use crate::server::entity::json::Json;

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

/// Appends one history row and returns its id.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn write_history<C: ConnectionTrait>(
    db: &C,
    app_id: i32,
    author: Author<'_>,
    action: HistoryAction,
    from: Option<State>,
    to: State,
    reason: &str,
    snapshot: Option<Filing>,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let row = history_row(app_id, author, action, from, to, reason, snapshot, now)
        .insert(db)
        .await?;
    tracing::info!(
        target: crate::server::http::audit::TARGET,
        request_id = crate::server::http::audit::request_id().as_deref(),
        actor = author.id,
        action = action.code(),
        object = app_id,
        from = from.map(State::code),
        to = to.code(),
        outcome = "transition",
    );
    Ok(row.id)
}

/// One history row, unsaved, for `write_history` and for bulk writes.
#[allow(clippy::too_many_arguments)]
pub(crate) fn history_row(
    app_id: i32,
    author: Author<'_>,
    action: HistoryAction,
    from: Option<State>,
    to: State,
    reason: &str,
    snapshot: Option<Filing>,
    now: DateTime<Utc>,
) -> history::ActiveModel {
    history::ActiveModel {
        application_id: Set(app_id),
        actor_id: Set(author.id),
        actor_role: Set(author.role.to_owned()),
        action: Set(action),
        state_from: Set(from),
        state_to: Set(to),
        reason: Set(reason.to_owned()),
        snapshot: Set(snapshot.map(Json)),
        at: Set(now),
        ..Default::default()
    }
}

/// The history rows of an application, oldest first.
pub async fn history_of<C: ConnectionTrait>(
    db: &C,
    app_id: i32,
) -> Result<Vec<history::Model>, AppError> {
    Ok(history::Entity::find()
        .filter(history::Column::ApplicationId.eq(app_id))
        .order_by_asc(history::Column::Id)
        .all(db)
        .await?)
}

/// The latest `limit` history rows of the applications `ids`, newest first.
pub async fn latest_of<C: ConnectionTrait>(
    db: &C,
    ids: &[i32],
    limit: u64,
) -> Result<Vec<history::Model>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(history::Entity::find()
        .filter(history::Column::ApplicationId.is_in(ids.iter().copied()))
        .order_by_desc(history::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// The reasons recorded with one history row (a return), in order.
pub async fn reasons_of<C: ConnectionTrait>(
    db: &C,
    history_id: i32,
) -> Result<Vec<ReturnReason>, AppError> {
    Ok(return_reason::Entity::find()
        .filter(return_reason::Column::HistoryId.eq(history_id))
        .order_by_asc(return_reason::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| ReturnReason {
            field: r.field_path,
            rule: r.rule,
            text: r.text,
        })
        .collect())
}

/// The reason of each application's latest operation, by application id:
/// for an application in a returned state, its 未通过原因. One query for a
/// whole page of a list.
pub async fn latest_reasons<C: ConnectionTrait>(
    db: &C,
    app_ids: &[i32],
) -> Result<HashMap<i32, String>, AppError> {
    if app_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i32, String)> = history::Entity::find()
        .filter(history::Column::ApplicationId.is_in(app_ids.iter().copied()))
        .order_by_asc(history::Column::Id)
        .select_only()
        .column(history::Column::ApplicationId)
        .column(history::Column::Reason)
        .into_tuple()
        .all(db)
        .await?;
    // Ascending, so each application's latest row is inserted last.
    Ok(rows.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::workflow::Action;
    use crate::server::infra::test_support::{an_application, memory};
    use sea_orm::{ConnectionTrait, Statement};

    #[tokio::test]
    async fn the_history_reads_back_typed_in_order_and_refuses_an_unknown_code() {
        let db = memory().await;
        let app = an_application(&db, State::Draft, "", &[]).await;
        let now = Utc::now();
        let author = Author {
            id: 7,
            role: "filer",
        };
        for (action, from, to) in [
            (HistoryAction::Create, None, State::Draft),
            (
                HistoryAction::Act(Action::Submit),
                Some(State::Draft),
                State::PendingIspVerify,
            ),
        ] {
            write_history(&db, app.id, author, action, from, to, "", None, now)
                .await
                .unwrap();
        }
        let rows = history_of(&db, app.id).await.unwrap();
        let read: Vec<_> = rows
            .iter()
            .map(|r| (r.action, r.state_from, r.state_to, r.actor_role.as_str()))
            .collect();
        assert_eq!(
            read,
            [
                (HistoryAction::Create, None, State::Draft, "filer"),
                (
                    HistoryAction::Act(Action::Submit),
                    Some(State::Draft),
                    State::PendingIspVerify,
                    "filer"
                ),
            ]
        );
        // A code no variant has is an error, never a default.
        db.execute_raw(Statement::from_string(
            db.get_database_backend(),
            format!(
                "UPDATE history SET action = 'BOGUS' WHERE application_id = {}",
                app.id
            ),
        ))
        .await
        .unwrap();
        assert_eq!(
            history_of(&db, app.id).await.unwrap_err(),
            AppError::Internal
        );
        // So is a JSON column that does not hold its type.
        db.execute_raw(Statement::from_string(
            db.get_database_backend(),
            format!(
                "UPDATE history SET action = 'SUBMIT', snapshot = '{{\"sites\": 7}}' \
                 WHERE application_id = {}",
                app.id
            ),
        ))
        .await
        .unwrap();
        assert_eq!(
            history_of(&db, app.id).await.unwrap_err(),
            AppError::Internal
        );
    }
}
