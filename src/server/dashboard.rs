//! The rows behind the home dashboards, which `domain::dashboard` counts:
//! provider staff see their provider's applications, a 管局 reviewer its
//! province's (the same scope as their queues).

use super::auth::policy::actor_of;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait};

use super::entity::{account, application, history};

use super::infra::time::{beijing_midnight, beijing_today};
use super::queues::visible_to;
use crate::domain::calendar::{BUREAU_LIMIT_DAYS, PROVIDER_LIMIT_DAYS};
use crate::domain::dashboard::{Dashboard, DAYS, RESULT_ACTIONS};
use crate::domain::date::Date;
use crate::domain::lang::Lang;
use crate::domain::workflow::{Actor, HistoryAction, State};
use crate::error::AppError;

/// States an application no longer waits in.
const SETTLED: [State; 5] = [
    State::Draft,
    State::Approved,
    State::Revoked,
    State::Cancelled,
    State::Abandoned,
];

/// The caller's dashboard as of `now`.
pub async fn dashboard<C: ConnectionTrait>(
    db: &C,
    account: &account::Model,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<Dashboard, AppError> {
    let actor = actor_of(account)?;
    let (queue, limit) = match actor {
        Actor::Provider => (
            vec![State::PendingIspVerify, State::ReturnedToIsp],
            PROVIDER_LIMIT_DAYS,
        ),
        Actor::Bureau => (vec![State::PendingBureauReview], BUREAU_LIMIT_DAYS),
        _ => return Err(AppError::Forbidden),
    };
    let scope = || visible_to(account);

    let open: Vec<(State, i64)> = scope()
        .filter(application::Column::SubmittedAt.is_not_null())
        .filter(application::Column::State.is_not_in(SETTLED))
        .select_only()
        .column(application::Column::State)
        .column_as(Expr::col(application::Column::Id).count(), "n")
        .group_by(application::Column::State)
        .into_tuple()
        .all(db)
        .await?;
    let open: Vec<(State, u64)> = open
        .into_iter()
        .map(|(state, n)| (state, u64::try_from(n).unwrap_or(0)))
        .collect();

    let waiting: Vec<DateTime<Utc>> = scope()
        .filter(application::Column::State.is_in(queue.iter().copied()))
        .select_only()
        .column(application::Column::StateSince)
        .into_tuple()
        .all(db)
        .await?;
    let waiting: Vec<Date> = waiting.into_iter().map(beijing_today).collect();

    let today = beijing_today(now);
    let month_start = Date { day: 1, ..today };
    let since =
        beijing_midnight(month_start.min(today.plus_days(1 - DAYS))).ok_or(AppError::Internal)?;
    let in_scope = scope()
        .select_only()
        .column(application::Column::Id)
        .into_query();
    let results: Vec<(DateTime<Utc>, String)> = history::Entity::find()
        .filter(history::Column::At.gte(since))
        .filter(
            history::Column::Action.is_in(RESULT_ACTIONS.iter().map(|a| HistoryAction::Act(*a))),
        )
        .filter(history::Column::ApplicationId.in_subquery(in_scope))
        .select_only()
        .column(history::Column::At)
        .column(history::Column::Action)
        .into_tuple()
        .all(db)
        .await?;
    let results: Vec<(Date, String)> = results
        .into_iter()
        .map(|(at, action)| (beijing_today(at), action))
        .collect();

    Ok(Dashboard::count(
        today, limit, &open, &waiting, &results, lang,
    ))
}
