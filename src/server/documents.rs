//! Uploaded scans: stored only after the exact size limit and the magic
//! bytes pass, at most `MAX_PER_APPLICATION` per application, and served
//! only to those who may see their application. Scans a draft no longer
//! refers to are swept once a day old.

use super::auth::policy::actor_of;
use crate::domain::filing::Filing;
use crate::domain::upload::DocumentRef;
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QuerySelect, QueryTrait, Set,
};
use sha2::{Digest, Sha256};

use super::auth::policy::{readable, visible};
use super::entity::{account, application, document};

use crate::domain::field_error::FieldError;
use crate::domain::text::normalize_space;
use crate::domain::upload::{check_upload, is_document_kind, sniff};
use crate::domain::workflow::{can_edit, Actor, State};
use crate::error::AppError;

/// Most scans one application keeps: a filing of ten sites, each with its
/// own principal and pre-approval items, needs about thirty.
pub const MAX_PER_APPLICATION: u64 = 60;

/// How long a scan a draft does not refer to is kept (it may be picked in
/// a form not yet saved).
const ORPHAN_AFTER_HOURS: i64 = 24;

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
    let txn = crate::server::infra::db::begin_write(db).await?;
    let app = visible(&txn, account, application_id).await?;
    let state = app.state;
    let actor = actor_of(account)?;
    // The provider verifying a self-filed application adds its 核验 photo
    // and checklist to an otherwise frozen filing.
    let verifying = actor == Actor::Provider
        && state == State::PendingIspVerify
        && matches!(kind, "VERIFY_PHOTO" | "CHECKLIST");
    if !matches!(actor, Actor::Filer | Actor::Provider) {
        return Err(AppError::Forbidden);
    }
    if !can_edit(state, actor, app.channel) && !verifying {
        return Err(AppError::Conflict);
    }
    let stored = document::Entity::find()
        .filter(document::Column::ApplicationId.eq(app.id))
        .count(&txn)
        .await?;
    if stored >= MAX_PER_APPLICATION {
        return Err(AppError::field(FieldError::new(
            "file",
            "DOC_TOO_MANY",
            &format!("每份申请最多保存 {MAX_PER_APPLICATION} 个扫描件，请先保存表单"),
            &format!(
                "An application keeps at most {MAX_PER_APPLICATION} scans; save the form first"
            ),
        )));
    }
    let doc = insert_scan(&txn, app.id, account.id, kind, file_name, bytes, now).await?;
    txn.commit().await?;
    Ok(doc)
}

/// Writes one scan whose bytes passed `check_upload`, in the caller's
/// transaction, with its file name made safe to show.
pub(crate) async fn insert_scan<C: ConnectionTrait>(
    db: &C,
    application_id: i32,
    uploaded_by: i32,
    kind: &str,
    file_name: &str,
    bytes: Vec<u8>,
    now: DateTime<Utc>,
) -> Result<DocumentRef, AppError> {
    let mut name: String = normalize_space(file_name)
        .chars()
        .filter(|c| !c.is_control() && !"/\\<>\"".contains(*c))
        .take(120)
        .collect();
    if name.is_empty() {
        name = "scan".into();
    }
    let row = document::ActiveModel {
        application_id: Set(application_id),
        uploaded_by: Set(uploaded_by),
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
    .insert(db)
    .await?;
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

/// Deletes the scans of editable applications (drafts and returns) that
/// their filing and 核验 no longer refer to, once a day old, and every
/// scan of an abandoned application. Returns how many went. Run by the
/// server's periodic sweep.
pub async fn sweep_orphans(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64, AppError> {
    let editable = [
        State::Draft,
        State::ReturnedToSponsor,
        State::ReturnedToIsp,
        State::Abandoned,
    ];
    let old: Vec<(i32, i32)> = document::Entity::find()
        .select_only()
        .column(document::Column::Id)
        .column(document::Column::ApplicationId)
        .filter(document::Column::CreatedAt.lt(now - chrono::Duration::hours(ORPHAN_AFTER_HOURS)))
        .filter(
            document::Column::ApplicationId.in_subquery(
                application::Entity::find()
                    .select_only()
                    .column(application::Column::Id)
                    .filter(application::Column::State.is_in(editable.iter().copied()))
                    .into_query(),
            ),
        )
        .into_tuple()
        .all(db)
        .await?;
    let mut by_application = std::collections::BTreeMap::<i32, Vec<i32>>::new();
    for (id, application_id) in old {
        by_application.entry(application_id).or_default().push(id);
    }
    let mut swept = 0;
    for (application_id, ids) in by_application {
        let txn = crate::server::infra::db::begin_write(db).await?;
        let Some(app) = application::Entity::find_by_id(application_id)
            .one(&txn)
            .await?
        else {
            continue;
        };
        let referenced: Vec<i32> = if app.state == State::Abandoned {
            Vec::new()
        } else {
            let filing = app.filing();
            let verification = app.verification_record();
            filing
                .documents()
                .into_iter()
                .chain(
                    [&verification.photo, &verification.checklist]
                        .into_iter()
                        .flatten(),
                )
                .filter_map(|d| i32::try_from(d.id).ok())
                .collect()
        };
        let orphans: Vec<i32> = ids
            .into_iter()
            .filter(|id| !referenced.contains(id))
            .collect();
        if !orphans.is_empty() {
            swept += document::Entity::delete_many()
                .filter(document::Column::Id.is_in(orphans))
                .filter(document::Column::ApplicationId.eq(application_id))
                .exec(&txn)
                .await?
                .rows_affected;
        }
        txn.commit().await?;
    }
    Ok(swept)
}

/// Copies the scans `filing` refers to, stored with one of the `sources`
/// applications, into application `to`, and points the filing at the
/// copies. A scan referenced twice (the principal of the subject and of a
/// site) is copied once; a reference to no such scan is dropped.
pub(crate) async fn copy_scans<C: ConnectionTrait>(
    txn: &C,
    sources: &[i32],
    to: i32,
    filing: &mut Filing,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut copied = std::collections::HashMap::<i64, i64>::new();
    for slot in document_slots(filing) {
        let Some(doc) = slot.as_mut() else { continue };
        if let Some(copy) = copied.get(&doc.id) {
            doc.id = *copy;
            continue;
        }
        let scan = match i32::try_from(doc.id) {
            Ok(doc_id) => document::Entity::find_by_id(doc_id)
                .one(txn)
                .await?
                .filter(|d| sources.contains(&d.application_id)),
            Err(_) => None,
        };
        let Some(scan) = scan else {
            *slot = None;
            continue;
        };
        let copy = document::ActiveModel {
            application_id: Set(to),
            uploaded_by: Set(scan.uploaded_by),
            kind: Set(scan.kind),
            file_name: Set(scan.file_name),
            mime: Set(scan.mime),
            size: Set(scan.size),
            sha256: Set(scan.sha256),
            bytes: Set(scan.bytes),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        copied.insert(doc.id, i64::from(copy.id));
        doc.id = i64::from(copy.id);
    }
    Ok(())
}

/// Replaces each document reference by the stored one (so a client can
/// neither point at another application's scan nor rename one), or fails.
pub(crate) async fn resolve_documents<C: ConnectionTrait>(
    db: &C,
    app_id: i32,
    refs: Vec<&mut Option<DocumentRef>>,
) -> Result<(), AppError> {
    for slot in refs {
        let Some(doc) = slot.as_ref() else { continue };
        let stored = match i32::try_from(doc.id) {
            Ok(id) => document::Entity::find_by_id(id)
                .one(db)
                .await?
                .filter(|d| d.application_id == app_id),
            Err(_) => None,
        };
        match stored {
            Some(d) => {
                *slot = Some(DocumentRef {
                    id: i64::from(d.id),
                    name: d.file_name,
                })
            }
            None => {
                return Err(AppError::field(FieldError::new(
                    "form",
                    "DOC_UNKNOWN",
                    "引用的扫描件不存在或不属于本备案，请重新上传",
                    "A referenced scan does not exist or belongs elsewhere; upload it again",
                )))
            }
        }
    }
    Ok(())
}

pub(crate) fn document_slots(filing: &mut Filing) -> Vec<&mut Option<DocumentRef>> {
    let subject = &mut filing.subject;
    let mut slots = vec![
        &mut subject.cert_scan,
        &mut subject.authorisation,
        &mut subject.commitment,
        &mut subject.principal.cert_scan,
    ];
    for site in &mut filing.sites {
        slots.push(&mut site.principal.cert_scan);
        for item in &mut site.pre_approvals {
            slots.push(&mut item.document);
        }
    }
    slots
}
