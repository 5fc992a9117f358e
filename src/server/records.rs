//! The live records (主体, 网站) an approval writes (docs/domain.md §2.10, T17):
//! a first approval creates the subject with its number and 备案密码; each
//! new site gets the next `-n`; a site filed again (新增接入) takes the new
//! data and adds this provider's access beside the others'. Runs inside the
//! approving transaction.

use chrono::{DateTime, Utc};
use rand::Rng;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TryIntoModel,
};

use super::entity::{application, password_notice, site, site_access, site_domain, subject};
use super::{numbers, time};
use crate::domain::domain_name::normalize_domain;
use crate::domain::filing::{Filing, Site};
use crate::domain::record::RecordStatus;
use crate::domain::workflow::State;
use crate::error::AppError;

/// What an approval issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    pub subject_number: String,
    /// One per site of the application, in its order.
    pub site_numbers: Vec<String>,
    /// True when this approval created the subject (and its 备案密码).
    pub new_subject: bool,
}

/// 备案密码 characters: no 0/O, 1/l/I, so it can be read aloud and typed.
const PASSWORD_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789";
const PASSWORD_LENGTH: usize = 10;

fn new_password() -> String {
    let mut rng = rand::rngs::OsRng;
    (0..PASSWORD_LENGTH)
        .map(|_| PASSWORD_ALPHABET[rng.gen_range(0..PASSWORD_ALPHABET.len())] as char)
        .collect()
}

/// Applies an approved application to the live records.
pub async fn apply_approval<C: ConnectionTrait>(
    db: &C,
    app: &application::Model,
    filing: &Filing,
    now: DateTime<Utc>,
) -> Result<Issued, AppError> {
    let existing = subject::Entity::find()
        .filter(subject::Column::CertNumber.eq(app.subject_cert_number.clone()))
        .filter(subject::Column::Status.eq(RecordStatus::Live))
        .one(db)
        .await?;
    let new_subject = existing.is_none();
    let mut subject = match existing {
        Some(s) => s,
        None => {
            let year = time::beijing_today(now).year;
            let number = numbers::next_subject_number(db, &app.province, year).await?;
            let created = subject::ActiveModel {
                cert_number: Set(app.subject_cert_number.clone()),
                name: Set(filing.subject.name.clone()),
                province: Set(app.province.clone()),
                number: Set(number),
                // No 备案密码 exists until its owner first opens the notice.
                password_hash: Set(String::new()),
                last_site_suffix: Set(0),
                status: Set(RecordStatus::Live),
                owner_id: Set(app.owner_id),
                application_id: Set(app.id),
                approved_at: Set(now),
                version: Set(1),
                nature: Set(filing.subject.nature.clone()),
                principal_name: Set(filing.subject.principal.name.chars().take(50).collect()),
                ..Default::default()
            }
            .insert(db)
            .await?;
            password_notice::ActiveModel {
                application_id: Set(app.id),
                owner_id: Set(app.owner_id),
                created_at: Set(now),
            }
            .insert(db)
            .await?;
            created
        }
    };
    let provider = app.provider_id.map(i64::from);
    let mut site_numbers = Vec::new();
    for proposed in &filing.sites {
        let domains: Vec<String> = proposed
            .domains
            .iter()
            .map(|d| normalize_domain(d))
            .collect();
        let filed = match domains.first() {
            Some(first) => {
                site_domain::Entity::find_by_id(first.clone())
                    .one(db)
                    .await?
            }
            None => None,
        };
        let filed_site = match filed {
            Some(row) => site::Entity::find_by_id(row.site_id)
                .one(db)
                .await?
                .filter(|s| s.subject_id == subject.id),
            None => None,
        };
        if let Some(current) = filed_site {
            // 新增接入: the site is ours already. It takes the new data, and
            // this provider's access joins the other providers'.
            site_numbers.push(current.number.clone());
            let live = site_data(&current)?;
            let approved = Site {
                accesses: Site::approved_accesses(&live.accesses, &proposed.accesses, provider),
                ..proposed.clone()
            };
            let mut update: site::ActiveModel = current.into();
            update.application_id = Set(app.id);
            update.approved_at = Set(now);
            write_site(db, update, &approved).await?;
            continue;
        }
        let approved = Site {
            accesses: Site::approved_accesses(&[], &proposed.accesses, provider),
            ..proposed.clone()
        };
        let suffix = subject.last_site_suffix + 1;
        let number = numbers::site_number(&subject.number, suffix);
        let created = write_site(
            db,
            site::ActiveModel {
                subject_id: Set(subject.id),
                suffix: Set(suffix),
                number: Set(number.clone()),
                status: Set(RecordStatus::Live),
                application_id: Set(app.id),
                approved_at: Set(now),
                ..Default::default()
            },
            &approved,
        )
        .await?;
        for domain in domains {
            site_domain::ActiveModel {
                domain: Set(domain),
                site_id: Set(created.id),
            }
            .insert(db)
            .await?;
        }
        let mut bump: subject::ActiveModel = subject.clone().into();
        bump.last_site_suffix = Set(suffix);
        subject = bump.update(db).await?;
        site_numbers.push(number);
    }
    Ok(Issued {
        subject_number: subject.number,
        site_numbers,
        new_subject,
    })
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
    super::filings::filing_of(&app)
}

/// A live site's approved data.
pub(crate) fn site_data(row: &site::Model) -> Result<Site, AppError> {
    serde_json::from_str(&row.payload).map_err(|error| {
        tracing::error!(site = row.id, %error, "unreadable site payload");
        AppError::Internal
    })
}

/// Saves a live site (new or changed) with `data` as its approved data,
/// and makes the providers serving it those of its accesses.
pub(crate) async fn write_site<C: ConnectionTrait>(
    db: &C,
    mut row: site::ActiveModel,
    data: &Site,
) -> Result<site::Model, AppError> {
    row.name = Set(data.name.clone());
    row.payload = Set(serde_json::to_string(data).map_err(|_| AppError::Internal)?);
    let saved = row.save(db).await?.try_into_model()?;
    site_access::Entity::delete_many()
        .filter(site_access::Column::SiteId.eq(saved.id))
        .exec(db)
        .await?;
    let serving: Vec<site_access::ActiveModel> = data
        .providers()
        .into_iter()
        .filter_map(|p| i32::try_from(p).ok())
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
