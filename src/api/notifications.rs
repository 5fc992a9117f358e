//! The notification centre (the bell): what changed on the caller's
//! applications, and marking it read.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// A notification for the bell, in the caller's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationRow {
    pub application_id: Option<i32>,
    pub text: String,
    pub read: bool,
    pub at: String,
}

/// The bell: the unread count and the latest notifications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    pub unread: u64,
    pub latest: Vec<NotificationRow>,
}

/// The caller's unread count and latest notifications.
#[server(endpoint = "notifications/inbox", input = Json)]
pub async fn load_inbox() -> Result<Inbox, AppError> {
    use crate::server::auth::guard::require_account;
    use crate::server::infra::time::beijing_minutes;
    use crate::server::notifications;

    let lang = crate::server::http::language_route::request_lang();
    let (state, account) = require_account().await?;
    let unread = notifications::unread_count(&state.db, account.id).await?;
    let latest = notifications::latest(&state.db, account.id, 20)
        .await?
        .into_iter()
        .map(|n| NotificationRow {
            application_id: n.application_id,
            // Rows from before English was kept have only Chinese.
            text: if n.text_en.is_empty() {
                n.text
            } else {
                lang.pick(n.text, n.text_en)
            },
            read: n.read,
            at: beijing_minutes(n.created_at),
        })
        .collect();
    Ok(Inbox { unread, latest })
}

/// Marks the caller's notifications read. A plain form encoding: without
/// JavaScript the notification centre posts it as a form.
#[server(endpoint = "notifications/read_all")]
pub async fn read_all() -> Result<(), AppError> {
    use crate::server::auth::guard::require_account;
    let (state, account) = require_account().await?;
    crate::server::notifications::mark_all_read(&state.db, account.id).await
}
