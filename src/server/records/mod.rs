//! The live records (主体, 网站; docs/domain.md §2.10): reading them, and
//! writing a site with the providers that serve it. What an approval
//! writes is `approval`: a first approval creates the subject with its
//! number and 备案密码; each new site gets the next `-n`; a site filed again
//! (新增接入) takes the new data and adds this provider's access beside the
//! others'. `versions` keeps the record as each approval left it.

pub mod approval;
pub mod versions;

use rand::Rng;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TryIntoModel,
};

use super::entity::{application, password_notice, site, site_access, subject};
use crate::domain::cancellation::{LiveRecord, LiveSite};
use crate::domain::filing::{Filing, Site};
use crate::domain::record::RecordStatus;
use crate::domain::service::ServiceKind;
use crate::domain::workflow::State;
use crate::error::AppError;
use crate::server::entity::json::Json;

/// 备案密码 characters: no 0/O, 1/l/I, so it can be read aloud and typed.
const PASSWORD_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789";
const PASSWORD_LENGTH: usize = 10;

fn new_password() -> String {
    let mut rng = rand::rngs::OsRng;
    (0..PASSWORD_LENGTH)
        .map(|_| PASSWORD_ALPHABET[rng.gen_range(0..PASSWORD_ALPHABET.len())] as char)
        .collect()
}

/// The numbers an approved application holds: its subject's and its sites'.
/// The subject is the one its sites belong to; for an application that
/// issued no site, the latest subject of its certificate (a subject
/// cancelled and filed again has two).
pub async fn numbers_of<C: ConnectionTrait>(
    db: &C,
    app: &application::Model,
) -> Result<Option<(String, Vec<String>)>, AppError> {
    let sites = site::Entity::find()
        .filter(site::Column::ApplicationId.eq(app.id))
        .all(db)
        .await?;
    let subject = match sites.first() {
        Some(site) => subject::Entity::find_by_id(site.subject_id).one(db).await?,
        None => {
            subject::Entity::find()
                .filter(subject::Column::CertNumber.eq(app.subject_cert_number.clone()))
                .order_by_desc(subject::Column::Id)
                .one(db)
                .await?
        }
    };
    let Some(subject) = subject else {
        return Ok(None);
    };
    let mut numbers: Vec<(i32, String)> = sites.into_iter().map(|s| (s.suffix, s.number)).collect();
    numbers.sort();
    Ok(Some((
        subject.number,
        numbers.into_iter().map(|(_, n)| n).collect(),
    )))
}

/// The 备案密码 of the subject this application created, shown once to its
/// owner: it is generated when the owner first opens the approval notice,
/// and only its hash is stored. Returns `None` to anyone else, and after
/// the first time.
pub async fn take_password_notice<C: ConnectionTrait>(
    db: &C,
    app: &application::Model,
    owner_id: i32,
) -> Result<Option<String>, AppError> {
    if app.owner_id != owner_id
        || password_notice::Entity::find_by_id(app.id)
            .one(db)
            .await?
            .is_none()
    {
        return Ok(None);
    }
    let deleted = password_notice::Entity::delete_many()
        .filter(password_notice::Column::ApplicationId.eq(app.id))
        .exec(db)
        .await?;
    // Two tabs racing: only the one whose delete took it shows it.
    if deleted.rows_affected != 1 {
        return Ok(None);
    }
    let password = new_password();
    let hash = super::auth::password::hash(password.clone()).await?;
    let updated = subject::Entity::update_many()
        .col_expr(
            subject::Column::PasswordHash,
            sea_orm::sea_query::Expr::value(hash),
        )
        .filter(subject::Column::ApplicationId.eq(app.id))
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        tracing::error!(
            application = app.id,
            "a password notice without its subject"
        );
        return Err(AppError::Internal);
    }
    Ok(Some(password))
}

/// An application of this subject still being worked on, if any.
pub(crate) async fn in_flight<C: ConnectionTrait>(
    db: &C,
    cert_number: &str,
) -> Result<Option<application::Model>, AppError> {
    let settled = [
        State::Draft,
        State::Approved,
        State::Revoked,
        State::Cancelled,
        State::Abandoned,
    ];
    Ok(application::Entity::find()
        .filter(application::Column::SubjectCertNumber.eq(cert_number))
        .filter(application::Column::State.is_not_in(settled.iter().copied()))
        .order_by_asc(application::Column::Id)
        .one(db)
        .await?)
}

/// The filing whose approval created the subject: its subject data.
pub(crate) async fn approved_filing<C: ConnectionTrait>(
    db: &C,
    subject: &subject::Model,
) -> Result<Filing, AppError> {
    let app = application::Entity::find_by_id(subject.application_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    Ok(app.filing())
}

/// What the public lookup finds a non-website service by: an app's
/// packages or a mini-program's id, as `,id,id,` (empty for a website).
pub(crate) fn app_ids(data: &Site) -> String {
    let ids: Vec<String> = match data.kind {
        ServiceKind::Website => Vec::new(),
        _ => data.identifiers(),
    }
    .into_iter()
    .filter(|id| !id.contains(','))
    .collect();
    if ids.is_empty() {
        String::new()
    } else {
        format!(",{},", ids.join(","))
    }
}

/// The live record as one filing: the subject's approved data with its
/// live sites, as 注销 and 认领 carry it and each version keeps it.
pub(crate) async fn live_filing<C: ConnectionTrait>(
    db: &C,
    subject: &subject::Model,
) -> Result<Filing, AppError> {
    let mut filing = approved_filing(db, subject).await?;
    filing.sites = live_sites(db, subject.id)
        .await?
        .iter()
        .map(|row| row.data())
        .collect();
    Ok(filing)
}

/// Saves a live site (new or changed) with `data` as its approved data,
/// and makes the providers serving it those of its accesses.
pub(crate) async fn write_site<C: ConnectionTrait>(
    db: &C,
    mut row: site::ActiveModel,
    data: &Site,
) -> Result<site::Model, AppError> {
    row.name = Set(data.name.clone());
    row.kind = Set(data.kind);
    row.app_ids = Set(app_ids(data));
    row.payload = Set(Json(data.clone()));
    let serving: Vec<i32> = data
        .providers()
        .into_iter()
        .filter_map(|p| i32::try_from(p).ok())
        .collect();
    if !serving.is_empty() {
        row.former_provider_id = Set(None);
    } else if let Some(id) = row.id.try_as_ref() {
        // It becomes a 空壳网站: the provider that served it last keeps
        // seeing the shell it left (a shell already keeps its own).
        let last = site_access::Entity::find()
            .filter(site_access::Column::SiteId.eq(*id))
            .one(db)
            .await?;
        if let Some(last) = last {
            row.former_provider_id = Set(Some(last.provider_id));
        }
    }
    let saved = row.save(db).await?.try_into_model()?;
    site_access::Entity::delete_many()
        .filter(site_access::Column::SiteId.eq(saved.id))
        .exec(db)
        .await?;
    let serving: Vec<site_access::ActiveModel> = serving
        .into_iter()
        .map(|provider_id| site_access::ActiveModel {
            site_id: Set(saved.id),
            provider_id: Set(provider_id),
        })
        .collect();
    if !serving.is_empty() {
        site_access::Entity::insert_many(serving)
            .exec_without_returning(db)
            .await?;
    }
    Ok(saved)
}

/// The subject's live sites, in suffix order.
pub(crate) async fn live_sites<C: ConnectionTrait>(
    db: &C,
    subject_id: i32,
) -> Result<Vec<site::Model>, AppError> {
    Ok(site::Entity::find()
        .filter(site::Column::SubjectId.eq(subject_id))
        .filter(site::Column::Status.eq(RecordStatus::Live))
        .order_by_asc(site::Column::Suffix)
        .all(db)
        .await?)
}

/// Serialises applications on one subject: on PostgreSQL the subject's row
/// stays locked until the transaction ends, so two requests can never both
/// find the subject free and both start an application; SQLite's write
/// transaction (`db::begin_write`) serialises them already.
pub(crate) async fn lock_subject<C: ConnectionTrait>(db: &C, id: i32) -> Result<(), AppError> {
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        subject::Entity::find_by_id(id)
            .lock_exclusive()
            .one(db)
            .await?;
    }
    Ok(())
}

/// The subject's live sites, as the cancellation rules see them: a site
/// "has an access" to cancel when `provider` serves it, or for a filer
/// (`None`) when any provider does.
pub(crate) async fn live_record<C: ConnectionTrait>(
    db: &C,
    subject: &subject::Model,
    provider: Option<i32>,
) -> Result<LiveRecord, AppError> {
    let mut sites = Vec::new();
    for row in live_sites(db, subject.id).await? {
        let data = row.data();
        let serving = data.providers();
        sites.push(LiveSite {
            has_access: match provider {
                Some(p) => serving.contains(&i64::from(p)),
                None => !data.accesses.is_empty(),
            },
            domains: data.identifiers(),
            kind: row.kind,
            number: row.number,
            name: row.name,
        });
    }
    Ok(LiveRecord {
        subject_number: subject.number.clone(),
        sites,
    })
}
