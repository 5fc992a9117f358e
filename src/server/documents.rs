//! Uploaded scans: stored only after the exact size limit and the magic
//! bytes pass, and served only to those who may see their application.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};
use sha2::{Digest, Sha256};

use super::auth::policy::{readable, visible};
use super::entity::{account, document};
use super::filings::actor_of;
use crate::domain::field_error::FieldError;
use crate::domain::filing::DocumentRef;
use crate::domain::text::normalize_space;
use crate::domain::upload::{check_upload, is_document_kind, sniff};
use crate::domain::workflow::{can_edit, Actor, State};
use crate::error::AppError;

/// Stores one scan for an application the account may still edit.
pub async fn store(
    db: &DatabaseConnection,
    account: &account::Model,
    application_id: i32,
    kind: &str,
    file_name: &str,
    bytes: Vec<u8>,
    now: DateTime<Utc>,
) -> Result<DocumentRef, AppError> {
    if !is_document_kind(kind) {
        return Err(AppError::BadRequest);
    }
    if let Some((rule, zh, en)) = check_upload(bytes.len(), &bytes) {
        let error = FieldError::new("file", rule, zh, en);
        return Err(if rule == "DOC_TOO_LARGE" {
            AppError::TooLarge
        } else {
            AppError::field(error)
        });
    }
    let txn = crate::server::db::begin_write(db).await?;
    let app = visible(&txn, account, application_id).await?;
    let state = State::from_code(&app.state).ok_or(AppError::Internal)?;
    let actor = actor_of(account)?;
    // The provider verifying a self-filed application adds its 核验 photo
    // and checklist to an otherwise frozen filing.
    let verifying = actor == Actor::Provider
        && state == State::PendingIspVerify
        && matches!(kind, "VERIFY_PHOTO" | "CHECKLIST");
    if !matches!(actor, Actor::Filer | Actor::Provider) {
        return Err(AppError::Forbidden);
    }
    if !can_edit(state, actor, super::filings::channel_of(&app)?) && !verifying {
        return Err(AppError::Conflict);
    }
    let mut name: String = normalize_space(file_name)
        .chars()
        .filter(|c| !c.is_control() && !"/\\<>\"".contains(*c))
        .take(120)
        .collect();
    if name.is_empty() {
        name = "scan".into();
    }
    let row = document::ActiveModel {
        application_id: Set(app.id),
        uploaded_by: Set(account.id),
        kind: Set(kind.to_owned()),
        file_name: Set(name.clone()),
        mime: Set(sniff(&bytes)
            .unwrap_or("application/octet-stream")
            .to_owned()),
        size: Set(bytes.len() as i32),
        sha256: Set(format!("{:x}", Sha256::digest(&bytes))),
        bytes: Set(bytes),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(DocumentRef {
        id: i64::from(row.id),
        name,
    })
}

/// A stored scan, if the account may see its application.
pub async fn load(
    db: &DatabaseConnection,
    account: &account::Model,
    id: i32,
) -> Result<document::Model, AppError> {
    let doc = document::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    readable(db, account, doc.application_id).await?;
    Ok(doc)
}
