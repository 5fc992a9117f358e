//! 公安联网备案 (docs/domain.md §2.20): the 公网安备 numbers of live
//! websites, the list of those still owed, and the reminders at 7 days and
//! 1 day before the 30 after approval run out (in the housekeeping round).

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::auth::policy::Viewer;
use super::entity::{site, subject};
use super::infra::db::begin_write;
use super::infra::paging::{page_of, Listing};
use super::notifications::notify;
use crate::domain::field_error::FieldError;
use crate::domain::public_security::{
    check_number, normalize, reminder_due, reminder_stage, DEADLINE_DAYS, REMINDERS,
};
use crate::domain::record::RecordStatus;
use crate::domain::service::ServiceKind;
use crate::error::AppError;

/// Live websites the viewer may read whose 备案号 starts with `number`
/// (a subject's number finds its sites; empty finds all), those still
/// owing a number first, then the earliest approved.
pub async fn list(
    db: &DatabaseConnection,
    viewer: &Viewer,
    number: &str,
    page: u64,
    per_page: u64,
) -> Result<Listing<site::Model>, AppError> {
    let query = site::Entity::find()
        .filter(super::infra::like::starts_with(
            site::Column::Number,
            number.trim(),
        ))
        .filter(viewer.sites())
        .filter(site::Column::Status.eq(RecordStatus::Live))
        .filter(site::Column::Kind.eq(ServiceKind::Website))
        .order_by_asc(Expr::col(site::Column::PsbNumber).is_not_null())
        .order_by_asc(site::Column::ApprovedAt)
        .order_by_asc(site::Column::Id);
    page_of(db, query, page, per_page).await
}

/// Records `psb_number` on the live website `site_number`, which `viewer`
/// must be able to read (else `NotFound`); the number must be of the
/// subject's province.
pub async fn record(
    db: &DatabaseConnection,
    viewer: &Viewer,
    site_number: &str,
    psb_number: &str,
) -> Result<String, AppError> {
    let txn = begin_write(db).await?;
    let found = site::Entity::find()
        .filter(site::Column::Number.eq(site_number.trim()))
        .filter(site::Column::Status.eq(RecordStatus::Live))
        .filter(viewer.sites())
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if found.kind != ServiceKind::Website {
        return Err(AppError::field(FieldError::new(
            "site_number",
            "PSB_NOT_WEBSITE",
            "公安联网备案只针对网站",
            "Only websites are filed with the public-security bureau",
        )));
    }
    let owner = subject::Entity::find_by_id(found.subject_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(error) = check_number(psb_number, &owner.province) {
        return Err(AppError::field(error));
    }
    let number = normalize(psb_number);
    site::Entity::update_many()
        .col_expr(site::Column::PsbNumber, Expr::value(number.clone()))
        .filter(site::Column::Id.eq(found.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(number)
}

/// Reminds the owners of websites approved 23 to 30 days before `now`
/// that still owe their number, once at 7 days left and once at 1.
pub async fn remind(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<usize, AppError> {
    let earliest = now - Duration::days(DEADLINE_DAYS + 1);
    let latest = now - Duration::days(DEADLINE_DAYS - REMINDERS[0]);
    let owing = site::Entity::find()
        .filter(site::Column::Status.eq(RecordStatus::Live))
        .filter(site::Column::Kind.eq(ServiceKind::Website))
        .filter(site::Column::PsbNumber.is_null())
        .filter(site::Column::ApprovedAt.gt(earliest))
        .filter(site::Column::ApprovedAt.lte(latest))
        .all(db)
        .await?;
    let mut sent = 0;
    for found in owing {
        let days_since = (now - found.approved_at).num_days();
        let Some(left) = reminder_due(days_since, found.psb_reminded.map(i64::from)) else {
            continue;
        };
        let stage = reminder_stage(left) as i32;
        let txn = begin_write(db).await?;
        // Guarded: two instances racing send it once.
        let claimed = site::Entity::update_many()
            .col_expr(site::Column::PsbReminded, Expr::value(stage))
            .filter(site::Column::Id.eq(found.id))
            .filter(
                site::Column::PsbReminded
                    .is_null()
                    .or(site::Column::PsbReminded.gt(stage)),
            )
            .exec(&txn)
            .await?;
        if claimed.rows_affected == 1 {
            if let Some(owner) = subject::Entity::find_by_id(found.subject_id)
                .one(&txn)
                .await?
            {
                let due = crate::server::infra::time::beijing_today(
                    found.approved_at + Duration::days(DEADLINE_DAYS),
                );
                let text = format!(
                    "网站 {}（{}）须在 {due} 前完成公安联网备案（还剩 {left} 天），并在“公安联网备案”页面填写公网安备号。",
                    found.number, found.name
                );
                let text_en = format!(
                    "Site {} ({}) must be filed with the public-security bureau by {due} ({left} days left); record its number on the Public-security filing page.",
                    found.number, found.name
                );
                notify(
                    &txn,
                    owner.owner_id,
                    found.application_id,
                    "公安联网备案提醒",
                    (&text, &text_en),
                    now,
                )
                .await?;
                sent += 1;
            }
        }
        txn.commit().await?;
    }
    Ok(sent)
}

/// Days left to record the number of a site approved at `approved_at`
/// (negative once overdue).
pub fn days_left(approved_at: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    DEADLINE_DAYS - (now - approved_at).num_days()
}
