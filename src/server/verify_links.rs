//! 电子化核验 (docs/domain.md §2.8): instead of meeting the filer, provider
//! staff open a one-time link, valid 24 hours. The filer opens it on a
//! phone, with no login, and uploads a front-facing photo and the two
//! sides of the certificate. Staff compare them with the filing and accept
//! (the 核验 is then recorded as electronic, with what was taken, when,
//! and who accepted it) or open a new link, which ends the old one.

use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use sha2::{Digest, Sha256};

use super::auth::policy::{actor_of, visible};
use super::documents::{insert_scan, MAX_PER_APPLICATION};
use super::entity::json::Json;
use super::entity::{account, application, document, verify_link};
use super::infra::time::beijing_minutes;
use super::transition::guarded_update;
use crate::domain::field_error::FieldError;
use crate::domain::upload::{check_upload, DocumentRef};
use crate::domain::verification::{
    link_problem, ElectronicCapture, LinkView, Verification, LINK_VALID_HOURS,
};
use crate::domain::workflow::{can_edit, Actor, State};
use crate::error::AppError;

/// The three pictures a link asks for, as (form field, document kind).
pub const UPLOADS: [(&str, &str); 3] = [
    ("photo", "VERIFY_PHOTO"),
    ("cert_front", "CERT_PHOTO"),
    ("cert_back", "CERT_PHOTO"),
];

fn hash(token: &str) -> String {
    format!("{:x}", Sha256::digest(token.as_bytes()))
}

/// The application staff may record a 核验 for: visible to them, and their
/// own draft or return (代为备案) or a self-filed one waiting for them.
async fn verifiable<C: ConnectionTrait>(
    db: &C,
    account: &account::Model,
    id: i32,
) -> Result<application::Model, AppError> {
    if actor_of(account)? != Actor::Provider {
        return Err(AppError::Forbidden);
    }
    let app = visible(db, account, id).await?;
    // A cancellation or a claim files nothing new, so it has no 核验.
    let verifying =
        can_edit(app.state, Actor::Provider, app.channel) || app.state == State::PendingIspVerify;
    if verifying && app.kind.files_new_data() {
        Ok(app)
    } else {
        Err(AppError::Conflict)
    }
}

/// Opens a new link for application `id`, ending any earlier one; returns
/// its token, shown once.
pub async fn open(
    db: &DatabaseConnection,
    account: &account::Model,
    id: i32,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let txn = super::infra::db::begin_write(db).await?;
    let app = verifiable(&txn, account, id).await?;
    verify_link::Entity::update_many()
        .col_expr(verify_link::Column::ExpiresAt, Expr::value(now))
        .filter(verify_link::Column::ApplicationId.eq(app.id))
        .filter(verify_link::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    let mut bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    verify_link::ActiveModel {
        application_id: Set(app.id),
        token_hash: Set(hash(&token)),
        created_by: Set(account.id),
        created_at: Set(now),
        expires_at: Set(now + Duration::hours(LINK_VALID_HOURS)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(token)
}

/// Why a token cannot take uploads: a `LINK_PROBLEMS` rule.
fn unusable(link: Option<&verify_link::Model>, now: DateTime<Utc>) -> Option<&'static str> {
    match link {
        None => Some("VERIFY_LINK_UNKNOWN"),
        Some(l) if l.used_at.is_some() => Some("VERIFY_LINK_USED"),
        Some(l) if l.expires_at <= now => Some("VERIFY_LINK_EXPIRED"),
        Some(_) => None,
    }
}

/// The field error of a `LINK_PROBLEMS` rule.
fn problem(field: &str, rule: &str) -> FieldError {
    let (rule, zh, en) = link_problem(rule).unwrap_or((rule, "", ""));
    FieldError::new(field, rule, zh, en)
}

/// Whether `token` can take uploads now: `None` when it can, else the
/// reason, for the page to show before the filer takes any picture.
pub async fn check_token(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<FieldError>, AppError> {
    let link = verify_link::Entity::find()
        .filter(verify_link::Column::TokenHash.eq(hash(token)))
        .one(db)
        .await?;
    Ok(unusable(link.as_ref(), now).map(|rule| problem("token", rule)))
}

/// Takes the filer's three pictures through `token`, once. `files` holds
/// (field, file name, bytes) for each of `UPLOADS`; a missing or bad file
/// is refused at its field and nothing is stored.
pub async fn capture(
    db: &DatabaseConnection,
    token: &str,
    files: Vec<(String, String, Vec<u8>)>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut errors = Vec::new();
    for (field, _) in UPLOADS {
        match files.iter().find(|(f, _, _)| f == field) {
            None => errors.push(problem(field, "VERIFY_UPLOAD_REQUIRED")),
            Some((_, _, bytes)) => {
                if let Some((rule, zh, en)) = check_upload(bytes.len(), bytes) {
                    errors.push(FieldError::new(field, rule, zh, en));
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let txn = super::infra::db::begin_write(db).await?;
    let link = verify_link::Entity::find()
        .filter(verify_link::Column::TokenHash.eq(hash(token)))
        .one(&txn)
        .await?;
    if let Some(rule) = unusable(link.as_ref(), now) {
        return Err(AppError::field(problem("token", rule)));
    }
    let link = link.ok_or(AppError::Internal)?;
    let app = application::Entity::find_by_id(link.application_id)
        .one(&txn)
        .await?
        .ok_or(AppError::Internal)?;
    if !(can_edit(app.state, Actor::Provider, app.channel) || app.state == State::PendingIspVerify)
    {
        return Err(AppError::field(problem("token", "VERIFY_LINK_CLOSED")));
    }
    use sea_orm::PaginatorTrait;
    let stored = document::Entity::find()
        .filter(document::Column::ApplicationId.eq(app.id))
        .count(&txn)
        .await?;
    if stored + UPLOADS.len() as u64 > MAX_PER_APPLICATION {
        return Err(AppError::Conflict);
    }
    let mut ids = Vec::new();
    for (field, kind) in UPLOADS {
        let (_, name, bytes) = files
            .iter()
            .find(|(f, _, _)| f == field)
            .ok_or(AppError::Internal)?;
        // The filer took them: the scans are theirs.
        let doc = insert_scan(&txn, app.id, app.owner_id, kind, name, bytes.clone(), now).await?;
        ids.push(i32::try_from(doc.id).map_err(|_| AppError::Internal)?);
    }
    let mut used: verify_link::ActiveModel = link.into();
    used.used_at = Set(Some(now));
    used.photo_id = Set(ids.first().copied());
    used.cert_front_id = Set(ids.get(1).copied());
    used.cert_back_id = Set(ids.get(2).copied());
    used.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

async fn doc_ref<C: ConnectionTrait>(
    db: &C,
    id: Option<i32>,
) -> Result<Option<DocumentRef>, AppError> {
    let Some(id) = id else { return Ok(None) };
    Ok(document::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|d| DocumentRef {
            id: i64::from(d.id),
            name: d.file_name,
        }))
}

/// The newest link of application `id`, for staff who may verify it.
pub async fn latest(
    db: &DatabaseConnection,
    account: &account::Model,
    id: i32,
) -> Result<Option<LinkView>, AppError> {
    let app = verifiable(db, account, id).await?;
    let Some(link) = verify_link::Entity::find()
        .filter(verify_link::Column::ApplicationId.eq(app.id))
        .order_by_desc(verify_link::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let photo = doc_ref(db, link.photo_id).await?;
    let record = app.verification_record();
    let accepted = photo.is_some() && record.electronic.is_some() && record.photo == photo;
    Ok(Some(LinkView {
        created_at: beijing_minutes(link.created_at),
        expires_at: beijing_minutes(link.expires_at),
        used_at: link.used_at.map(beijing_minutes),
        photo,
        cert_front: doc_ref(db, link.cert_front_id).await?,
        cert_back: doc_ref(db, link.cert_back_id).await?,
        accepted,
    }))
}

/// Accepts the newest link's pictures as the application's 核验, by
/// `verifier` (the staff member's name), at the version staff saw; returns
/// the new version and the record as stored.
pub async fn accept(
    db: &DatabaseConnection,
    account: &account::Model,
    id: i32,
    version: i32,
    verifier: &str,
    now: DateTime<Utc>,
) -> Result<(i32, Verification), AppError> {
    let txn = super::infra::db::begin_write(db).await?;
    let app = verifiable(&txn, account, id).await?;
    if app.version != version {
        return Err(AppError::Conflict);
    }
    let link = verify_link::Entity::find()
        .filter(verify_link::Column::ApplicationId.eq(app.id))
        .order_by_desc(verify_link::Column::Id)
        .one(&txn)
        .await?;
    let Some((link, taken_at)) = link.and_then(|l| l.used_at.map(|t| (l, t))) else {
        return Err(AppError::field(FieldError::new(
            "verification.electronic",
            "VERIFY_NOTHING_TAKEN",
            "申请人尚未通过核验链接上传照片",
            "The filer has not uploaded the pictures yet",
        )));
    };
    let record = Verification {
        verifier: verifier.trim().to_owned(),
        photo: doc_ref(&txn, link.photo_id).await?,
        checklist: None,
        electronic: Some(ElectronicCapture {
            cert_front: doc_ref(&txn, link.cert_front_id).await?,
            cert_back: doc_ref(&txn, link.cert_back_id).await?,
            taken_at: beijing_minutes(taken_at),
            accepted_at: beijing_minutes(now),
        }),
    };
    let errors: Vec<FieldError> = record
        .validate()
        .into_iter()
        .filter(|e| e.field == "verification.verifier")
        .collect();
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    guarded_update(
        &txn,
        &app,
        version,
        vec![
            (
                application::Column::Verification,
                Expr::value(Json(record.clone())),
            ),
            (application::Column::UpdatedAt, Expr::value(now)),
        ],
    )
    .await?;
    txn.commit().await?;
    Ok((version + 1, record))
}
