//! 申请留言: an application's thread, writing and replying, marking a
//! message handled, and the staff inbox.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::domain::role::Role;
use crate::domain::workflow::{Action, Kind, State};
use crate::error::AppError;

/// Threads per page of the inbox.
pub const INBOX_PER_PAGE: u64 = 20;

/// One message as shown in a thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageRow {
    pub id: i32,
    pub author_name: String,
    pub author_role: Role,
    pub mine: bool,
    pub body: String,
    pub reply_to: Option<i32>,
    /// Beijing time.
    pub at: String,
    /// Beijing time it was handled, if it was.
    pub handled_at: Option<String>,
}

/// An application's thread and what the caller may do with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thread {
    pub messages: Vec<MessageRow>,
    /// Submitted: the data is frozen, so messages are how to ask for a fix.
    pub can_post: bool,
    /// Provider staff and reviewers reply and mark messages handled.
    pub can_handle: bool,
    /// The return the caller may answer a 留言 with now (按留言退回), if any.
    pub return_action: Option<Action>,
    /// The application's version as read, for that return.
    pub version: i32,
}

/// One thread in the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxRow {
    pub application_id: i32,
    pub subject_name: String,
    pub state: State,
    pub last_body: String,
    pub last_at: String,
    pub total: i64,
    pub unread: i64,
    pub open: i64,
}

/// A page of the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxView {
    pub rows: Vec<InboxRow>,
    pub page: u64,
    pub pages: u64,
    /// Unread messages across all the caller's threads.
    pub unread: i64,
}

/// One submitted application in a filer's 申请留言 list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmittedRow {
    pub application_id: i32,
    pub subject_name: String,
    pub domains: Vec<String>,
    pub kind: Kind,
    pub state: State,
    /// Beijing time of submission.
    pub submitted_at: String,
    /// Messages in its thread, and those the caller has not read.
    pub total: i64,
    pub unread: i64,
}

/// A page of the 申请留言 list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmittedPage {
    pub rows: Vec<SubmittedRow>,
    pub page: u64,
    pub pages: u64,
    pub total: u64,
}

/// The thread of an application the caller sees; reading marks it read.
#[server(endpoint = "messages/thread", input = Json)]
pub async fn load_thread(application_id: i32) -> Result<Thread, AppError> {
    use crate::domain::review::return_for_message;
    use crate::domain::workflow::Actor;
    use crate::server::auth::guard::require_account;
    use crate::server::auth::policy::actor_of;
    use crate::server::auth::policy::visible;
    use crate::server::infra::time::beijing_minutes;
    use crate::server::messages;

    let (state, account) = require_account().await?;
    let actor = actor_of(&account)?;
    let txn = crate::server::infra::db::begin_write(&state.db).await?;
    let app = visible(&txn, &account, application_id).await?;
    let messages = messages::thread(&txn, &account, application_id).await?;
    txn.commit().await?;
    Ok(Thread {
        messages: messages
            .into_iter()
            .map(|(m, author_name)| MessageRow {
                id: m.id,
                author_name,
                author_role: m.author_role,
                mine: m.author_id == account.id,
                body: m.body,
                reply_to: m.reply_to,
                at: beijing_minutes(m.created_at),
                handled_at: m.handled_at.map(beijing_minutes),
            })
            .collect(),
        can_post: app.submitted_at.is_some(),
        can_handle: actor != Actor::Filer,
        return_action: (actor != Actor::Filer)
            .then(|| return_for_message(app.kind, app.state, actor))
            .flatten(),
        version: app.version,
    })
}

/// 按留言退回: sends the application of a filer's 留言 back to be changed
/// as it asks, with the 留言 as the reason, and marks the 留言 handled, in
/// one transaction. `version` is the application's as the caller saw it.
/// Form-encoded: a plain form must carry its ticked `confirmed` box.
#[server(endpoint = "messages/send_back")]
pub async fn send_back(
    message_id: i32,
    version: i32,
    confirmed: Option<String>,
) -> Result<(), AppError> {
    use crate::server::auth::guard::require_account;

    let (state, account) = require_account().await?;
    crate::server::http::plain_form::require_confirmation(confirmed.as_deref())?;
    let txn = crate::server::infra::db::begin_write(&state.db).await?;
    let application_id =
        crate::server::messages::send_back(&txn, &account, message_id, version, chrono::Utc::now())
            .await?;
    txn.commit().await?;
    crate::server::infra::live::announce(&state, &[application_id]);
    Ok(())
}

/// Writes a message on an application, or a reply to one of its messages
/// (which marks that one handled when staff reply). A plain form encoding:
/// without JavaScript the page's form posts it and comes back.
#[server(endpoint = "messages/post")]
pub async fn post_message(
    application_id: i32,
    body: String,
    reply_to: Option<i32>,
) -> Result<(), AppError> {
    use crate::server::auth::guard::require_account;

    let (state, account) = require_account().await?;
    let txn = crate::server::infra::db::begin_write(&state.db).await?;
    crate::server::messages::post(
        &txn,
        &account,
        application_id,
        &body,
        reply_to,
        chrono::Utc::now(),
    )
    .await?;
    txn.commit().await?;
    crate::server::infra::live::announce(&state, &[application_id]);
    Ok(())
}

/// Marks a message handled without a reply (a plain form, as `post_message`).
#[server(endpoint = "messages/handle")]
pub async fn handle_message(message_id: i32) -> Result<(), AppError> {
    use crate::server::auth::guard::require_account;

    let (state, account) = require_account().await?;
    let txn = crate::server::infra::db::begin_write(&state.db).await?;
    let application_id =
        crate::server::messages::mark_handled(&txn, &account, message_id, chrono::Utc::now())
            .await?;
    txn.commit().await?;
    crate::server::infra::live::announce(&state, &[application_id]);
    Ok(())
}

/// The caller's threads, newest message first.
#[server(endpoint = "messages/inbox", input = Json)]
pub async fn message_inbox(only_open: bool, page: u64) -> Result<InboxView, AppError> {
    use crate::server::auth::guard::require_account;
    use crate::server::infra::time::beijing_minutes;
    use crate::server::messages;

    let (state, account) = require_account().await?;
    let found = messages::inbox(&state.db, &account, only_open, page, INBOX_PER_PAGE).await?;
    let pages = found.total_threads.div_ceil(INBOX_PER_PAGE).max(1);
    Ok(InboxView {
        rows: found
            .threads
            .into_iter()
            .map(|t| InboxRow {
                application_id: t.application.id,
                subject_name: t.application.subject_name,
                state: t.application.state,
                last_body: t.last.body,
                last_at: beijing_minutes(t.last.created_at),
                total: t.total,
                unread: t.unread,
                open: t.open,
            })
            .collect(),
        page: page.min(pages - 1),
        pages,
        unread: found.unread,
    })
}

/// 申请留言 for a filer: their submitted applications, newest first, each
/// with its thread's counts, whether or not anyone has written yet.
#[server(endpoint = "messages/submitted", input = Json)]
pub async fn submitted_threads(page: u64) -> Result<SubmittedPage, AppError> {
    use crate::domain::domain_name::to_unicode;
    use crate::server::auth::guard::require_account;
    use crate::server::infra::time::beijing_minutes;
    use crate::server::messages;

    let (state, account) = require_account().await?;
    let found = messages::submitted_threads(&state.db, &account, page, INBOX_PER_PAGE).await?;
    Ok(SubmittedPage {
        rows: found
            .rows
            .into_iter()
            .map(|t| SubmittedRow {
                application_id: t.application.id,
                domains: t
                    .application
                    .filing()
                    .domains()
                    .iter()
                    .map(|d| to_unicode(d))
                    .collect(),
                subject_name: t.application.subject_name,
                kind: t.application.kind,
                state: t.application.state,
                submitted_at: t
                    .application
                    .submitted_at
                    .map(beijing_minutes)
                    .unwrap_or_default(),
                total: t.total,
                unread: t.unread,
            })
            .collect(),
        page: found.page,
        pages: found.pages,
        total: found.total,
    })
}
