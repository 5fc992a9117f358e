//! 历史版本: the record (主体 with its live sites) as each approval left
//! it, written in the approving transaction, so 历史记录 lists a record's
//! versions and compares any two.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

use super::live_filing;
use crate::domain::record::RecordStatus;
use crate::error::AppError;
use crate::server::auth::policy::Viewer;
use crate::server::entity::json::Json;
use crate::server::entity::{account, application, record_version, site, subject};

/// Records the version approved application `app` left, after its
/// approval was applied to the records, with the 负责人 mobiles and the
/// name index it holds.
pub async fn record<C: ConnectionTrait>(
    db: &C,
    app: &application::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    // The latest subject of the certificate: one cancelled and filed again
    // has two, and an approval always concerns the newest.
    let subject = subject::Entity::find()
        .filter(subject::Column::CertNumber.eq(app.subject_cert_number.clone()))
        .order_by_desc(subject::Column::Id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    let filing = live_filing(db, &subject).await?;
    let live = subject.status == RecordStatus::Live;
    crate::server::principal_mobiles::refresh(db, subject.id, live.then_some(&filing)).await?;
    crate::server::name_grams::refresh(db, &subject, live).await?;
    let last = of_subject(db, subject.id)
        .await?
        .first()
        .map_or(0, |v| v.version);
    record_version::ActiveModel {
        subject_id: Set(subject.id),
        version: Set(last + 1),
        application_id: Set(app.id),
        approved_at: Set(now),
        filing: Set(Json(filing)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The versions of subject `subject_id`, newest first.
pub async fn of_subject<C: ConnectionTrait>(
    db: &C,
    subject_id: i32,
) -> Result<Vec<record_version::Model>, AppError> {
    Ok(record_version::Entity::find()
        .filter(record_version::Column::SubjectId.eq(subject_id))
        .order_by_desc(record_version::Column::Version)
        .all(db)
        .await?)
}

/// The subject numbered `number` with its versions, newest first, if
/// `account` may read the record: as 备案信息查询 lets them read its sites
/// (the owner, the providers serving it, its province's 管局, the admin).
/// Anyone else learns nothing, not even that the number exists.
pub async fn readable<C: ConnectionTrait>(
    db: &C,
    account: &account::Model,
    number: &str,
) -> Result<(subject::Model, Vec<record_version::Model>), AppError> {
    let subject = subject::Entity::find()
        .filter(subject::Column::Number.eq(number.trim()))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let readable_sites = site::Entity::find()
        .filter(site::Column::SubjectId.eq(subject.id))
        .filter(Viewer::of(account).sites())
        .count(db)
        .await?;
    if readable_sites == 0 {
        return Err(AppError::NotFound);
    }
    let versions = of_subject(db, subject.id).await?;
    Ok((subject, versions))
}
