//! 历史记录查询 (seed §2.8): every recorded operation on the applications
//! the caller may see, by combined conditions, newest first and paged by
//! keyset on the row id. Filers see their own applications', provider
//! staff their provider's, reviewers those of their province that were
//! submitted, and the admin all.

use super::history::reasons_of;
use std::collections::BTreeMap;

use sea_orm::sea_query::SelectStatement;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait,
};

use super::auth::policy::Viewer;
use super::entity::{account, application, history, subject};

use crate::domain::date::Date;
use crate::domain::icp_number::parse_icp_number;
use crate::domain::review::{changes_since, Change, ReturnReason};
use crate::domain::workflow::{Action, State};
use crate::error::AppError;

/// The conditions; empty ones match everything.
#[derive(Debug, Clone, Default)]
pub struct HistorySearch {
    /// Done on or after / on or before (Beijing dates).
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// Part of 主办单位名称.
    pub subject: String,
    /// A 主体 or 网站备案号 (or the beginning of one).
    pub number: String,
    /// An action code, e.g. `APPROVE`.
    pub action: String,
    /// Part of the acting account's username or name.
    pub actor: String,
    /// The acting role's code (`system` for the simulated upstream).
    pub role: String,
    /// Rows before this history id (the previous page's `next`).
    pub before: Option<i32>,
    /// Rows per page (1–100).
    pub limit: u64,
}

/// One operation with what it was done to and by whom.
#[derive(Debug, Clone)]
pub struct Operation {
    pub row: history::Model,
    pub application: application::Model,
    /// The actor's real name (or username); empty for the system.
    pub actor_name: String,
}

/// One page, and the cursor of the next when there is one.
#[derive(Debug, Clone)]
pub struct HistoryPage {
    pub rows: Vec<Operation>,
    pub next: Option<i32>,
}

/// The applications the caller may see the history of, as the access
/// policy scopes them; the pre-approval authorities search no history.
fn visible_applications(account: &account::Model) -> Result<Condition, AppError> {
    let viewer = Viewer::of(account);
    if !viewer.searches_records() {
        return Err(AppError::Forbidden);
    }
    Ok(viewer.applications())
}

/// One page of the operations matching `search`.
pub async fn operations<C: ConnectionTrait>(
    db: &C,
    account: &account::Model,
    search: &HistorySearch,
) -> Result<HistoryPage, AppError> {
    let limit = search.limit.clamp(1, 100);
    let mut of_application = visible_applications(account)?;
    if !search.subject.trim().is_empty() {
        of_application = of_application.add(super::infra::like::contains(
            application::Column::SubjectName,
            search.subject.trim(),
        ));
    }
    let number = search.number.trim();
    if !number.is_empty() {
        // The subject's number, whichever of its numbers was typed.
        let subject_part = parse_icp_number(number)
            .map(|n| n.subject_number())
            .unwrap_or_else(|_| number.to_owned());
        let certs = subject::Entity::find()
            .select_only()
            .column(subject::Column::CertNumber)
            .filter(super::infra::like::starts_with(
                subject::Column::Number,
                &subject_part,
            ))
            .into_query();
        of_application =
            of_application.add(application::Column::SubjectCertNumber.in_subquery(certs));
    }
    let applications: SelectStatement = application::Entity::find()
        .select_only()
        .column(application::Column::Id)
        .filter(of_application)
        .into_query();
    let mut query =
        history::Entity::find().filter(history::Column::ApplicationId.in_subquery(applications));
    if let Some(from) = search.from.and_then(super::infra::time::beijing_midnight) {
        query = query.filter(history::Column::At.gte(from));
    }
    if let Some(to) = search
        .to
        .and_then(|d| super::infra::time::beijing_midnight(d.plus_days(1)))
    {
        query = query.filter(history::Column::At.lt(to));
    }
    if !search.action.is_empty() {
        query = query.filter(history::Column::Action.eq(search.action.clone()));
    }
    if !search.role.is_empty() {
        query = query.filter(history::Column::ActorRole.eq(search.role.clone()));
    }
    if !search.actor.trim().is_empty() {
        let named = account::Entity::find()
            .select_only()
            .column(account::Column::Id)
            .filter(
                Condition::any()
                    .add(super::infra::like::contains(
                        account::Column::Username,
                        search.actor.trim(),
                    ))
                    .add(super::infra::like::contains(
                        account::Column::RealName,
                        search.actor.trim(),
                    )),
            )
            .into_query();
        query = query.filter(history::Column::ActorId.in_subquery(named));
    }
    if let Some(before) = search.before {
        query = query.filter(history::Column::Id.lt(before));
    }
    let mut rows = query
        .order_by_desc(history::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    let next = more.then(|| rows.last().map(|r| r.id)).flatten();
    let app_ids: Vec<i32> = rows.iter().map(|r| r.application_id).collect();
    let apps: BTreeMap<i32, application::Model> = application::Entity::find()
        .filter(application::Column::Id.is_in(app_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let names = names_of(db, rows.iter().map(|r| r.actor_id).collect()).await?;
    let rows = rows
        .into_iter()
        .filter_map(|row| {
            let application = apps.get(&row.application_id)?.clone();
            let actor_name = names.get(&row.actor_id).cloned().unwrap_or_default();
            Some(Operation {
                row,
                application,
                actor_name,
            })
        })
        .collect();
    Ok(HistoryPage { rows, next })
}

/// The accounts' real names (or usernames), by id.
async fn names_of<C: ConnectionTrait>(
    db: &C,
    ids: Vec<i32>,
) -> Result<BTreeMap<i32, String>, AppError> {
    Ok(account::Entity::find()
        .filter(account::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| {
            let name = if a.real_name.is_empty() {
                a.username
            } else {
                a.real_name
            };
            (a.id, name)
        })
        .collect())
}

/// What one operation did to the filing's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataChange {
    /// Most operations (verify, return, approve …) change no field.
    Unchanged,
    /// The first submission: there is no earlier version to compare.
    FirstVersion,
    /// The fields that differ from the version before.
    Fields(Vec<Change>),
}

/// One operation the caller may see, in full: the row, its application,
/// the actor's name, the reasons it recorded and what it changed.
pub async fn operation<C: ConnectionTrait>(
    db: &C,
    account: &account::Model,
    id: i32,
) -> Result<(Operation, Vec<ReturnReason>, DataChange), AppError> {
    let row = history::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let application = application::Entity::find_by_id(row.application_id)
        .filter(visible_applications(account)?)
        .one(db)
        .await?
        .ok_or_else(|| {
            tracing::warn!(
                account = account.id,
                history = id,
                "refused another's history row"
            );
            AppError::NotFound
        })?;
    let change = data_change(db, &row, &application).await?;
    let reasons = reasons_of(db, row.id).await?;
    let actor_name = names_of(db, vec![row.actor_id])
        .await?
        .remove(&row.actor_id)
        .unwrap_or_default();
    Ok((
        Operation {
            row,
            application,
            actor_name,
        },
        reasons,
        change,
    ))
}

/// A submission is compared with the version before it (the last one
/// submitted or returned, or for a 变更 the approved record); a change's
/// approval with the record it replaced. Other operations change nothing.
async fn data_change<C: ConnectionTrait>(
    db: &C,
    row: &history::Model,
    app: &application::Model,
) -> Result<DataChange, AppError> {
    let Some(snapshot) = row.snapshot_filing() else {
        return Ok(DataChange::Unchanged);
    };
    if row.action.action() == Some(Action::Submit) {
        let earlier = history::Entity::find()
            .filter(history::Column::ApplicationId.eq(app.id))
            .filter(history::Column::Id.lt(row.id))
            .filter(history::Column::Snapshot.is_not_null())
            .order_by_desc(history::Column::Id)
            .one(db)
            .await?;
        let before = match earlier {
            Some(earlier) => earlier.snapshot_filing(),
            None => app.change_base().map(|base| base.filing),
        };
        return Ok(match before {
            Some(before) => DataChange::Fields(changes_since(&before, &snapshot)),
            None => DataChange::FirstVersion,
        });
    }
    if row.state_to == State::Approved {
        return Ok(DataChange::Fields(changes_since(&snapshot, &app.filing())));
    }
    Ok(DataChange::Unchanged)
}
