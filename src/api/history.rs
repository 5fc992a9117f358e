//! 历史记录查询: the operations on the caller's applications, by combined
//! conditions, paged by keyset.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::domain::filing::Filing;
use crate::domain::review::{Change, ReturnReason};
use crate::error::AppError;

/// The conditions as the URL carries them; empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HistoryQuery {
    /// `YYYY-MM-DD`, or empty.
    pub from: String,
    pub to: String,
    pub subject: String,
    pub number: String,
    /// An action code, e.g. `APPROVE`.
    pub action: String,
    pub actor: String,
    /// A role code, or `system`.
    pub role: String,
    /// The `next` of the page before, or empty for the first.
    pub before: String,
    /// Rows per page; 0 means 20.
    pub limit: u64,
}

/// One operation: who did what, when, from which state to which, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationRow {
    pub id: i32,
    /// Beijing time, `YYYY-MM-DD HH:MM`.
    pub at: String,
    pub application_id: i32,
    pub subject_name: String,
    /// The action's label (创建, 提交, 审核通过 …).
    pub action: String,
    pub actor: String,
    /// The acting role's label.
    pub role: String,
    /// State labels; `from` is empty for a creation.
    pub state_from: String,
    pub state_to: String,
    pub reason: String,
}

/// One page and the cursor of the next, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryPage {
    pub rows: Vec<OperationRow>,
    pub next: Option<i32>,
}

/// The label of a history action code, as the filter offers it.
pub fn action_label(code: &str, lang: crate::domain::lang::Lang) -> String {
    crate::domain::workflow::HistoryAction::from_code(code)
        .map_or_else(|| code.to_owned(), |a| a.label(lang).to_owned())
}

/// The caller's operations matching `query`.
#[server(endpoint = "history/search", input = Json)]
pub async fn search_history(query: HistoryQuery) -> Result<HistoryPage, AppError> {
    use crate::server::auth::guard::require_account;

    let lang = crate::server::http::language_route::request_lang();
    let (state, account) = require_account().await?;
    history_page(&state.db, &account, query, lang).await
}

/// One page of `account`'s operations for `query`, labelled in `lang`: the
/// search and the CSV export share it.
#[cfg(feature = "ssr")]
pub async fn history_page<C: sea_orm::ConnectionTrait>(
    db: &C,
    account: &crate::server::entity::account::Model,
    query: HistoryQuery,
    lang: crate::domain::lang::Lang,
) -> Result<HistoryPage, AppError> {
    use crate::domain::date::Date;
    use crate::server::history_search::{operations, HistorySearch};

    let page = operations(
        db,
        account,
        &HistorySearch {
            from: Date::parse(&query.from),
            to: Date::parse(&query.to),
            subject: query.subject,
            number: query.number,
            action: query.action,
            actor: query.actor,
            role: query.role,
            before: query.before.parse().ok(),
            limit: if query.limit == 0 { 20 } else { query.limit },
        },
    )
    .await?;
    Ok(HistoryPage {
        rows: page
            .rows
            .into_iter()
            .map(|op| operation_row(op, lang))
            .collect(),
        next: page.next,
    })
}

/// The row as the history screens show it.
#[cfg(feature = "ssr")]
fn operation_row(
    op: crate::server::history_search::Operation,
    lang: crate::domain::lang::Lang,
) -> OperationRow {
    use crate::server::infra::time::beijing_minutes;

    OperationRow {
        id: op.row.id,
        at: beijing_minutes(op.row.at),
        application_id: op.application.id,
        subject_name: op.application.subject_name,
        action: op.row.action.label(lang).to_owned(),
        actor: match op.row.actor() {
            Some(_) => op.actor_name,
            None => lang.pick("系统", "System").to_owned(),
        },
        role: op
            .row
            .actor()
            .map_or(
                lang.pick("部/省局系统", "Ministry / provincial system"),
                |r| r.label(lang),
            )
            .to_owned(),
        state_from: op
            .row
            .state_from
            .map(|s| s.label(lang).to_owned())
            .unwrap_or_default(),
        state_to: op.row.state_to.label(lang).to_owned(),
        reason: op.row.reason,
    }
}

/// One operation in full (历史记录查询's 详细).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationDetail {
    pub operation: OperationRow,
    /// The reasons it recorded, each for the whole filing or one field.
    pub reasons: Vec<ReturnReason>,
    /// The fields it changed; `None` when it changed no data.
    pub changes: Option<Vec<Change>>,
    /// The first submission, which has no earlier version to compare.
    pub first_version: bool,
    /// The filing as it is now, which names the fields.
    pub filing: Filing,
}

/// One of the caller's operations: who did it, when, from which state to
/// which, why, and the field diff.
#[server(endpoint = "history/detail", input = Json)]
pub async fn load_operation(id: i32) -> Result<OperationDetail, AppError> {
    use crate::server::auth::guard::require_account;
    use crate::server::history_search::{operation, DataChange};

    let lang = crate::server::http::language_route::request_lang();
    let (state, account) = require_account().await?;
    let (op, reasons, change) = operation(&state.db, &account, id).await?;
    let filing = op.application.filing();
    Ok(OperationDetail {
        operation: operation_row(op, lang),
        reasons,
        first_version: change == DataChange::FirstVersion,
        changes: match change {
            DataChange::Fields(changes) => Some(changes),
            DataChange::Unchanged | DataChange::FirstVersion => None,
        },
        filing,
    })
}
