//! The work lists over applications: the provider's 待接入者核实 queue,
//! 退回处理, the pre-approval and 管局 queues and 备案进度查询. Each is the
//! caller's visible applications in some states, filtered, sorted and paged
//! in the database.

use super::auth::policy::actor_of;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Select,
};

use super::auth::policy::Viewer;
use super::entity::{account, application, application_domain};

use super::infra::paging::{page_of, Listing};
use super::infra::time::beijing_midnight;
use crate::domain::catalog::{self, pre_approval_types};
use crate::domain::date::Date;
use crate::domain::queue::{Scope, Sort};
use crate::domain::workflow::State;
use crate::error::AppError;

/// The filters of a list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Part of the subject's name or of a domain.
    pub text: String,
    /// GB/T 2260 province code.
    pub province: String,
    /// Submitted on or after (Beijing date).
    pub from: Option<Date>,
    /// Submitted on or before (Beijing date).
    pub to: Option<Date>,
    /// A 前置审批 type code; an unknown code matches nothing.
    pub pre_approval: String,
    pub sort: Sort,
}

/// The applications `account` may read, as the access policy scopes them.
pub(crate) fn visible_to(account: &account::Model) -> Select<application::Entity> {
    application::Entity::find().filter(Viewer::of(account).applications())
}

/// One page of a list.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    account: &account::Model,
    scope: Scope,
    filter: &Filter,
    page: u64,
    per_page: u64,
) -> Result<Listing<application::Model>, AppError> {
    let actor = actor_of(account)?;
    if !scope.open_to(actor) {
        return Err(AppError::Forbidden);
    }
    let mut query = visible_to(account);
    query = match scope.states() {
        Some(states) => query.filter(application::Column::State.is_in(states)),
        None => query.filter(application::Column::SubmittedAt.is_not_null()),
    };
    let text = filter.text.trim().to_lowercase();
    if !text.is_empty() {
        let with_domain = Query::select()
            .column(application_domain::Column::ApplicationId)
            .from(application_domain::Entity)
            .and_where(super::infra::like::contains(
                application_domain::Column::Domain,
                &text,
            ))
            .to_owned();
        query = query.filter(
            Condition::any()
                .add(super::infra::like::contains(
                    application::Column::SubjectName,
                    filter.text.trim(),
                ))
                .add(application::Column::Id.in_subquery(with_domain)),
        );
    }
    if !filter.province.is_empty() {
        query = query.filter(application::Column::Province.eq(filter.province.clone()));
    }
    if !filter.pre_approval.is_empty() {
        query = match catalog::find(pre_approval_types(), &filter.pre_approval) {
            Some(kind) => query
                .filter(application::Column::PreApprovalKinds.contains(format!(",{},", kind.code))),
            None => query.filter(application::Column::Id.eq(-1)),
        };
    }
    if let Some(from) = filter.from.and_then(beijing_midnight) {
        query = query.filter(application::Column::SubmittedAt.gte(from));
    }
    if let Some(to) = filter.to.map(|d| d.plus_days(1)).and_then(beijing_midnight) {
        query = query.filter(application::Column::SubmittedAt.lt(to));
    }
    query = match filter.sort {
        Sort::Oldest => query.order_by_asc(application::Column::StateSince),
        Sort::Newest => query.order_by_desc(application::Column::StateSince),
        Sort::Subject => query.order_by_asc(application::Column::SubjectName),
    }
    .order_by_asc(application::Column::Id);
    page_of(db, query, page, per_page).await
}

/// The state and the time it was entered of every application in a list,
/// unfiltered: what the list's chart counts.
pub async fn states_and_ages<C: ConnectionTrait>(
    db: &C,
    account: &account::Model,
    scope: Scope,
) -> Result<Vec<(State, DateTime<Utc>)>, AppError> {
    let actor = actor_of(account)?;
    if !scope.open_to(actor) {
        return Err(AppError::Forbidden);
    }
    let query = visible_to(account);
    let query = match scope.states() {
        Some(states) => query.filter(application::Column::State.is_in(states)),
        None => query.filter(application::Column::SubmittedAt.is_not_null()),
    };
    Ok(query
        .select_only()
        .column(application::Column::State)
        .column(application::Column::StateSince)
        .into_tuple()
        .all(db)
        .await?)
}

/// The caller's visible applications of the subject with `cert_number`,
/// newest first, other than `except`: the subject's history beside one of
/// its applications.
pub async fn of_subject<C: ConnectionTrait>(
    db: &C,
    account: &account::Model,
    cert_number: &str,
    except: i32,
) -> Result<Vec<application::Model>, AppError> {
    if cert_number.is_empty() {
        return Ok(Vec::new());
    }
    Ok(visible_to(account)
        .filter(application::Column::SubjectCertNumber.eq(cert_number))
        .filter(application::Column::Id.ne(except))
        .order_by_desc(application::Column::Id)
        .limit(50)
        .all(db)
        .await?)
}
