//! The notification centre and its e-mail outbox: each transition that
//! concerns someone writes a notification and, when they gave an e-mail
//! address, an outbox row, both in the transition's own transaction.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use super::entity::{account, application, notification, outbox};
use crate::domain::workflow::State;
use crate::error::AppError;

/// Tells the application's owner (and the staff member who filed it for
/// them, if any) that it moved to `to`.
pub async fn state_changed<C: ConnectionTrait>(
    db: &C,
    app: &application::Model,
    to: State,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let (name, name_en) = match app.subject_name.as_str() {
        "" => ("未命名", "untitled"),
        name => (name, name),
    };
    let text = format!("备案申请 #{}（{name}）状态变为：{}", app.id, to.label_zh());
    let text_en = format!(
        "Application #{} ({name_en}) is now: {}",
        app.id,
        to.label_en()
    );
    for account_id in filer_side(app) {
        notify(
            db,
            account_id,
            app.id,
            "ICP备案进度通知",
            (&text, &text_en),
            now,
        )
        .await?;
    }
    Ok(())
}

/// Those an application's news goes to: its owner, and the staff member
/// who filed it for them (代为备案).
pub fn filer_side(app: &application::Model) -> Vec<i32> {
    let mut recipients = vec![app.owner_id];
    if app.created_by != app.owner_id {
        recipients.push(app.created_by);
    }
    recipients
}

/// One notice about application `app_id` to `account_id`: in the
/// notification centre in both languages (Chinese, English) and, when the
/// account gave an e-mail address, in the outbox under `mail_subject`, in
/// Chinese.
pub async fn notify<C: ConnectionTrait>(
    db: &C,
    account_id: i32,
    app_id: i32,
    mail_subject: &str,
    (text, text_en): (&str, &str),
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    notification::ActiveModel {
        account_id: Set(account_id),
        application_id: Set(Some(app_id)),
        text: Set(text.to_owned()),
        text_en: Set(text_en.to_owned()),
        read: Set(false),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let email = account::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .map(|a| a.email)
        .unwrap_or_default();
    if !email.is_empty() {
        outbox::ActiveModel {
            to_address: Set(email),
            subject: Set(mail_subject.to_owned()),
            body: Set(text.to_owned()),
            created_at: Set(now),
            sent_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// How many notifications the account has not read.
pub async fn unread_count<C: ConnectionTrait>(db: &C, account_id: i32) -> Result<u64, AppError> {
    Ok(notification::Entity::find()
        .filter(notification::Column::AccountId.eq(account_id))
        .filter(notification::Column::Read.eq(false))
        .count(db)
        .await?)
}

/// The latest notifications of an account, newest first.
pub async fn latest<C: ConnectionTrait>(
    db: &C,
    account_id: i32,
    limit: u64,
) -> Result<Vec<notification::Model>, AppError> {
    Ok(notification::Entity::find()
        .filter(notification::Column::AccountId.eq(account_id))
        .order_by_desc(notification::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// Marks all of an account's notifications read.
pub async fn mark_all_read<C: ConnectionTrait>(db: &C, account_id: i32) -> Result<(), AppError> {
    notification::Entity::update_many()
        .col_expr(notification::Column::Read, Expr::value(true))
        .filter(notification::Column::AccountId.eq(account_id))
        .filter(notification::Column::Read.eq(false))
        .exec(db)
        .await?;
    Ok(())
}
