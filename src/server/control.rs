//! Filing onto an existing subject proves control of it. A 新增网站 or
//! 新增接入 is the subject owner's to make; anyone else (another account
//! that typed the same public credit code, or staff filing for a customer
//! who is not the owner) must give the subject's 备案密码 at submit, as a
//! 变更 does. Adding this provider's access to a site other providers
//! serve (转入) needs it too, whoever files. The submit checks it; the simulated ministry checks the
//! recorded proof again (AR13).

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::entity::{application, site, site_domain, subject};
use crate::domain::domain_name::normalize_domain;
use crate::domain::field_error::FieldError;
use crate::domain::filing::Filing;
use crate::domain::identity::normalize_code;
use crate::domain::record::RecordStatus;
use crate::error::AppError;

/// What `application::Model::control_proof` holds once the 备案密码 was
/// given and right.
pub const PROVED_BY_PASSWORD: &str = "password";

/// The live subject whose 备案密码 this new filing must give, if any: the
/// subject its certificate names when another account owns it, or when
/// one of its domains is served by other providers and not this one.
pub async fn subject_to_prove<C: ConnectionTrait>(
    db: &C,
    app: &application::Model,
    filing: &Filing,
) -> Result<Option<subject::Model>, AppError> {
    let cert = normalize_code(&filing.subject.cert_number);
    if cert.is_empty() {
        return Ok(None);
    }
    let Some(live) = subject::Entity::find()
        .filter(subject::Column::CertNumber.eq(cert))
        .filter(subject::Column::Status.eq(RecordStatus::Live))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if live.owner_id != app.owner_id {
        return Ok(Some(live));
    }
    for domain in filing.domains() {
        if served_elsewhere(db, &live, &domain, app.provider_id).await? {
            return Ok(Some(live));
        }
    }
    Ok(None)
}

/// Whether `domain` is a live site of subject `live` that some provider
/// serves and `ours` does not.
async fn served_elsewhere<C: ConnectionTrait>(
    db: &C,
    live: &subject::Model,
    domain: &str,
    ours: Option<i32>,
) -> Result<bool, AppError> {
    let Some(row) = site_domain::Entity::find_by_id(normalize_domain(domain))
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    let Some(filed) = site::Entity::find_by_id(row.site_id)
        .one(db)
        .await?
        .filter(|s| s.subject_id == live.id && s.status == RecordStatus::Live)
    else {
        return Ok(false);
    };
    let serving = filed.data().providers();
    let ours = ours.map(i64::from);
    Ok(!serving.is_empty() && !ours.is_some_and(|p| serving.contains(&p)))
}

/// 转入 asked of a site that is not this subject's live site served by
/// other providers only: nothing would move, so the tick is refused at
/// that site.
pub async fn transfers_with_nothing_to_move<C: ConnectionTrait>(
    db: &C,
    app: &application::Model,
    filing: &Filing,
) -> Result<Vec<FieldError>, AppError> {
    let live = subject::Entity::find()
        .filter(subject::Column::CertNumber.eq(normalize_code(&filing.subject.cert_number)))
        .filter(subject::Column::Status.eq(RecordStatus::Live))
        .one(db)
        .await?;
    let mut errors = Vec::new();
    for (i, site) in filing.sites.iter().enumerate() {
        if !site.transfer_in {
            continue;
        }
        let moves = match (&live, site.domains.first()) {
            (Some(live), Some(domain)) => {
                served_elsewhere(db, live, domain, app.provider_id).await?
            }
            _ => false,
        };
        if !moves {
            errors.push(FieldError::new(
                &format!("sites[{i}].transfer_in"),
                "TRANSFER_NOTHING_TO_MOVE",
                "只有本主体已备案、且由其他接入服务商接入的网站才能转入；新网站请取消勾选“转入”",
                "Only a filed site of this subject that other providers serve can move here; untick “Transfer in” for a new site",
            ));
        }
    }
    Ok(errors)
}

/// The error a filer gets at the certificate field when the subject is
/// someone else's and no 备案密码 was given.
pub fn password_required() -> FieldError {
    FieldError::new(
        "subject.cert_number",
        "FILING_CONTROL_REQUIRED",
        "该主体已备案且不属于本账号（或网站由其他接入服务商接入）：请在下方输入该主体的备案密码以证明您有权在其名下备案",
        "This subject is filed and not yours (or the site is served by another provider): enter its filing password below to prove you may file under it",
    )
}

/// AR13 for the simulated ministry: the filing needed the 备案密码 and
/// none was proved at submit.
pub async fn unproved<C: ConnectionTrait>(
    db: &C,
    app: &application::Model,
    filing: &Filing,
) -> Result<bool, AppError> {
    Ok(app.control_proof != PROVED_BY_PASSWORD
        && subject_to_prove(db, app, filing).await?.is_some())
}
