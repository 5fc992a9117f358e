//! 申请留言: posting on a submitted application, reading its thread (which
//! marks it read), marking a message handled, and the staff inbox of
//! threads with unread and open counts. Whoever may see an application may
//! read and write its thread; only provider staff and reviewers handle.

use super::auth::policy::actor_of;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, OnConflict, Order, Query, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Set,
};

use super::auth::policy::visible;
use super::entity::{account, application, message, message_read};
use super::notifications::{filer_side, notify};

use super::infra::paging::{page_of, Listing};
use super::queues::visible_to;
use crate::domain::field_error::FieldError;
use crate::domain::message::validate_body;
use crate::domain::workflow::Actor;
use crate::error::AppError;

/// Writes a message (a reply when `reply_to` names one of the thread's
/// messages, which marks that one handled) and tells the filer when staff
/// wrote it.
pub async fn post<C: ConnectionTrait>(
    db: &C,
    account: &account::Model,
    application_id: i32,
    body: &str,
    reply_to: Option<i32>,
    now: DateTime<Utc>,
) -> Result<message::Model, AppError> {
    let app = visible(db, account, application_id).await?;
    let actor = actor_of(account)?;
    if app.submitted_at.is_none() {
        return Err(AppError::field(FieldError::new(
            "body",
            "MSG_NOT_SUBMITTED",
            "该申请尚未提交，可以直接修改，无需留言",
            "This application is not submitted yet: edit it instead",
        )));
    }
    let body = validate_body(body).map_err(AppError::field)?;
    if let Some(original) = reply_to {
        let original = in_thread(db, app.id, original).await?;
        if actor != Actor::Filer && original.handled_at.is_none() {
            handle(db, &original, account.id, now).await?;
        }
    }
    let written = message::ActiveModel {
        application_id: Set(app.id),
        author_id: Set(account.id),
        author_role: Set(account.role),
        body: Set(body),
        reply_to: Set(reply_to),
        handled_at: Set(None),
        handled_by: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    mark_read(db, account.id, app.id, written.id).await?;
    if actor != Actor::Filer {
        tell_filer(db, &app, account.id, &written.body, now).await?;
    }
    Ok(written)
}

/// Marks a message handled and returns its application; a second try is a
/// stale view (`Conflict`).
pub async fn mark_handled<C: ConnectionTrait>(
    db: &C,
    account: &account::Model,
    message_id: i32,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    if actor_of(account)? == Actor::Filer {
        return Err(AppError::Forbidden);
    }
    let found = message::Entity::find_by_id(message_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    visible(db, account, found.application_id).await?;
    if found.handled_at.is_some() {
        return Err(AppError::Conflict);
    }
    handle(db, &found, account.id, now).await?;
    Ok(found.application_id)
}

/// 按留言退回: staff or a reviewer answer a filer's 留言 by sending its
/// application back to be changed as it asks, with the 留言 as the
/// return's reason; the 留言 is handled by it. `version` is the
/// application's as the caller saw it. Runs in the caller's transaction.
pub async fn send_back<C: ConnectionTrait>(
    db: &C,
    account: &account::Model,
    message_id: i32,
    version: i32,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    use crate::domain::review::{message_reason, return_for_message, ReturnReason};
    use crate::server::review::{decide_in, Decision};

    let application_id = mark_handled(db, account, message_id, now).await?;
    let found = message::Entity::find_by_id(message_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if found.author_role != crate::domain::role::Role::Filer {
        return Err(AppError::BadRequest);
    }
    let app = visible(db, account, application_id).await?;
    let action =
        return_for_message(app.kind, app.state, actor_of(account)?).ok_or(AppError::Conflict)?;
    let reason = ReturnReason {
        field: String::new(),
        rule: String::new(),
        text: message_reason(message_id, &found.body),
    };
    let decision = Decision {
        action,
        reasons: vec![reason],
        verification: None,
    };
    decide_in(db, account, application_id, version, decision, now).await?;
    Ok(application_id)
}

/// The thread of an application, oldest first; reading it marks it read.
pub async fn thread<C: ConnectionTrait>(
    db: &C,
    account: &account::Model,
    application_id: i32,
) -> Result<Vec<(message::Model, String)>, AppError> {
    let app = visible(db, account, application_id).await?;
    let messages = message::Entity::find()
        .filter(message::Column::ApplicationId.eq(app.id))
        .order_by_asc(message::Column::Id)
        .all(db)
        .await?;
    if let Some(last) = messages.last() {
        mark_read(db, account.id, app.id, last.id).await?;
    }
    let names = names_of(db, messages.iter().map(|m| m.author_id)).await?;
    Ok(messages
        .into_iter()
        .map(|m| {
            let name = names.get(&m.author_id).cloned().unwrap_or_default();
            (m, name)
        })
        .collect())
}

/// One thread of the inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxThread {
    pub application: application::Model,
    pub last: message::Model,
    pub total: i64,
    pub unread: i64,
    pub open: i64,
}

/// A page of the caller's threads, newest message first, with the number
/// of threads and the unread total across all of them.
pub struct InboxPage {
    pub threads: Vec<InboxThread>,
    pub total_threads: u64,
    pub unread: i64,
}

#[derive(Debug, FromQueryResult)]
struct ThreadCounts {
    application_id: i32,
    last_id: i32,
    total: i64,
    unread: i64,
    open: i64,
}

/// The threads of the applications the caller sees. `only_open` keeps
/// threads with a message nobody has handled yet.
pub async fn inbox<C: ConnectionTrait>(
    db: &C,
    account: &account::Model,
    only_open: bool,
    page: u64,
    per_page: u64,
) -> Result<InboxPage, AppError> {
    actor_of(account)?;
    let visible_ids = visible_to(account)
        .select_only()
        .column(application::Column::Id)
        .into_query();
    let counts_query = thread_counts(account.id, visible_ids);
    let all = ThreadCounts::find_by_statement(db.get_database_backend().build(&counts_query))
        .all(db)
        .await?;
    let unread = all.iter().map(|c| c.unread).sum();
    let matching: Vec<ThreadCounts> = all
        .into_iter()
        .filter(|c| !only_open || c.open > 0)
        .collect();
    let total_threads = matching.len() as u64;
    let pages = total_threads.div_ceil(per_page).max(1);
    let page = page.min(pages - 1);
    let shown: Vec<ThreadCounts> = matching
        .into_iter()
        .skip((page * per_page) as usize)
        .take(per_page as usize)
        .collect();
    let mut apps: HashMap<i32, application::Model> = application::Entity::find()
        .filter(application::Column::Id.is_in(shown.iter().map(|c| c.application_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let mut lasts: HashMap<i32, message::Model> = message::Entity::find()
        .filter(message::Column::Id.is_in(shown.iter().map(|c| c.last_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    let threads = shown
        .into_iter()
        .filter_map(|c| {
            Some(InboxThread {
                application: apps.remove(&c.application_id)?,
                last: lasts.remove(&c.last_id)?,
                total: c.total,
                unread: c.unread,
                open: c.open,
            })
        })
        .collect();
    Ok(InboxPage {
        threads,
        total_threads,
        unread,
    })
}

/// A submitted application and the counts of its thread (zero when it has
/// no messages yet).
pub struct SubmittedThread {
    pub application: application::Model,
    pub total: i64,
    pub unread: i64,
}

/// 申请留言 as a filer starts it: page `page` of the caller's submitted
/// applications, newest first, whether or not they have messages yet, each
/// with its thread's total and unread counts.
pub async fn submitted_threads<C: ConnectionTrait>(
    db: &C,
    account: &account::Model,
    page: u64,
    per_page: u64,
) -> Result<Listing<SubmittedThread>, AppError> {
    actor_of(account)?;
    let query = visible_to(account)
        .filter(application::Column::SubmittedAt.is_not_null())
        .order_by_desc(application::Column::SubmittedAt)
        .order_by_desc(application::Column::Id);
    let listing = page_of(db, query, page, per_page).await?;
    let ids = application::Entity::find()
        .select_only()
        .column(application::Column::Id)
        .filter(application::Column::Id.is_in(listing.rows.iter().map(|a| a.id)))
        .into_query();
    let counts: HashMap<i32, ThreadCounts> = ThreadCounts::find_by_statement(
        db.get_database_backend()
            .build(&thread_counts(account.id, ids)),
    )
    .all(db)
    .await?
    .into_iter()
    .map(|c| (c.application_id, c))
    .collect();
    Ok(Listing {
        rows: listing
            .rows
            .into_iter()
            .map(|application| {
                let counts = counts.get(&application.id);
                SubmittedThread {
                    total: counts.map_or(0, |c| c.total),
                    unread: counts.map_or(0, |c| c.unread),
                    application,
                }
            })
            .collect(),
        page: listing.page,
        pages: listing.pages,
        total: listing.total,
    })
}

/// Per visible application with messages: its newest message, and how many
/// messages it has, unread by `me` and not yet handled.
fn thread_counts(me: i32, visible_ids: SelectStatement) -> SelectStatement {
    use sea_orm::sea_query::ExprTrait;
    Query::select()
        .column((message::Entity, message::Column::ApplicationId))
        .expr_as(Expr::cust("MAX(message.id)"), Alias::new("last_id"))
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("total"))
        // `me` is our own account id, an integer: nothing to escape.
        .expr_as(
            Expr::cust(format!(
                "SUM(CASE WHEN message.id > COALESCE(message_read.last_read_id, 0) \
                 AND message.author_id <> {me} THEN 1 ELSE 0 END)"
            )),
            Alias::new("unread"),
        )
        .expr_as(
            Expr::cust(
                "SUM(CASE WHEN message.handled_at IS NULL AND message.reply_to IS NULL \
                 THEN 1 ELSE 0 END)",
            ),
            Alias::new("open"),
        )
        .from(message::Entity)
        .left_join(
            message_read::Entity,
            Expr::col((message_read::Entity, message_read::Column::ApplicationId))
                .equals((message::Entity, message::Column::ApplicationId))
                .and(Expr::col((message_read::Entity, message_read::Column::AccountId)).eq(me)),
        )
        .and_where(
            Expr::col((message::Entity, message::Column::ApplicationId)).in_subquery(visible_ids),
        )
        .group_by_col((message::Entity, message::Column::ApplicationId))
        .order_by_expr(Expr::cust("MAX(message.id)"), Order::Desc)
        .to_owned()
}

/// The message if it belongs to this application's thread.
async fn in_thread<C: ConnectionTrait>(
    db: &C,
    application_id: i32,
    message_id: i32,
) -> Result<message::Model, AppError> {
    message::Entity::find_by_id(message_id)
        .one(db)
        .await?
        .filter(|m| m.application_id == application_id)
        .ok_or(AppError::NotFound)
}

/// Sets handled, guarded so that two handlers never both succeed.
async fn handle<C: ConnectionTrait>(
    db: &C,
    found: &message::Model,
    by: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let updated = message::Entity::update_many()
        .col_expr(message::Column::HandledAt, Expr::value(now))
        .col_expr(message::Column::HandledBy, Expr::value(by))
        .filter(message::Column::Id.eq(found.id))
        .filter(message::Column::HandledAt.is_null())
        .exec(db)
        .await?;
    if updated.rows_affected == 1 {
        Ok(())
    } else {
        Err(AppError::Conflict)
    }
}

/// Records that the account has seen the thread up to `last_id`.
async fn mark_read<C: ConnectionTrait>(
    db: &C,
    account_id: i32,
    application_id: i32,
    last_id: i32,
) -> Result<(), AppError> {
    message_read::Entity::insert(message_read::ActiveModel {
        account_id: Set(account_id),
        application_id: Set(application_id),
        last_read_id: Set(last_id),
    })
    .on_conflict(
        OnConflict::columns([
            message_read::Column::AccountId,
            message_read::Column::ApplicationId,
        ])
        .update_column(message_read::Column::LastReadId)
        .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// Tells the filer (and whoever filed for them) when staff or a reviewer
/// wrote on their application: in the notification centre and by e-mail,
/// with the reply itself, like every other notice.
async fn tell_filer<C: ConnectionTrait>(
    db: &C,
    app: &application::Model,
    author_id: i32,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let text = format!("备案申请 #{} 有新的留言回复：{body}", app.id);
    let text_en = format!("A new reply on application #{}: {body}", app.id);
    for account_id in filer_side(app).into_iter().filter(|id| *id != author_id) {
        notify(
            db,
            account_id,
            app.id,
            "ICP备案留言回复",
            (&text, &text_en),
            now,
        )
        .await?;
    }
    Ok(())
}

/// Display names of the authors.
async fn names_of<C: ConnectionTrait>(
    db: &C,
    ids: impl Iterator<Item = i32>,
) -> Result<HashMap<i32, String>, AppError> {
    let mut ids: Vec<i32> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(account::Entity::find()
        .filter(account::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.real_name))
        .collect())
}
