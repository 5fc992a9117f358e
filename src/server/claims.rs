//! 备案认领 (docs/domain.md §2.22): a filed subject moves into the
//! applicant's account. It may have been filed under another account (by
//! staff for a customer who now has an account of their own, or by a
//! colleague who left); its 备案密码 proves the applicant may take it. The
//! application carries the live record as it is and goes through the
//! serving provider's 核实 and the 管局 like a 注销; on approval the subject
//! and its sites are the applicant's. The previous owner is told at both
//! ends.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};

use super::auth::policy::actor_of;
use super::entity::{account, application, subject};
use super::filings::draft_row;
use super::records::{in_flight, live_filing, lock_subject};
use crate::domain::field_error::FieldError;
use crate::domain::icp_number::check_subject_number;
use crate::domain::record::RecordStatus;
use crate::domain::workflow::{Actor, Channel, Kind, State};
use crate::error::AppError;

/// Applies to claim the live subject numbered `subject_number` into
/// `account` with its 备案密码 `password`; returns the application's id
/// and the state it reached (待接入者核实).
pub async fn apply(
    db: &DatabaseConnection,
    account: &account::Model,
    subject_number: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<(i32, State), AppError> {
    if actor_of(account)? != Actor::Filer {
        return Err(AppError::Forbidden);
    }
    if let Some(error) = check_subject_number("subject_number", subject_number) {
        return Err(AppError::field(error));
    }
    let Some(subject) = subject::Entity::find()
        .filter(subject::Column::Number.eq(subject_number.trim()))
        .filter(subject::Column::Status.eq(RecordStatus::Live))
        .one(db)
        .await?
    else {
        return Err(AppError::field(FieldError::new(
            "subject_number",
            "CLAIM_NOT_FOUND",
            "未找到该主体备案号的已备案主体，请核对主体备案号（如 蜀ICP备2026000001号）",
            "No filed subject has this number; check the subject's ICP number (e.g. 蜀ICP备2026000001号)",
        )));
    };
    if subject.owner_id == account.id {
        return Err(AppError::field(FieldError::new(
            "subject_number",
            "CLAIM_ALREADY_YOURS",
            "该主体已在您的账号下，无需认领",
            "This subject is in your account already",
        )));
    }
    if password.is_empty() {
        return Err(AppError::field(FieldError::new(
            "password",
            "CLAIM_PASSWORD_REQUIRED",
            "认领须输入该主体的备案密码",
            "Claiming needs the subject's filing password",
        )));
    }
    super::filing_password::check(db, &subject, password, now).await?;
    let txn = super::infra::db::begin_write(db).await?;
    lock_subject(&txn, subject.id).await?;
    if let Some(blocking) = in_flight(&txn, &subject.cert_number).await? {
        return Err(AppError::field(FieldError::new(
            "subject_number",
            "CLAIM_IN_FLIGHT",
            &format!(
                "该主体有正在办理的申请 #{}（{}），请待其办结后再认领",
                blocking.id,
                blocking.state.label_zh()
            ),
            &format!(
                "Application #{} of this subject is in progress; claim it once that is done",
                blocking.id
            ),
        )));
    }
    let filing = live_filing(&txn, &subject).await?;
    // The provider that serves the record now verifies the claim (a site
    // may have moved since the first filing); a shell falls back to the
    // provider it was filed through.
    let provider_id = filing
        .sites
        .iter()
        .flat_map(|site| site.providers())
        .chain(filing.provider_id)
        .find_map(|p| i32::try_from(p).ok());
    let mut row = draft_row(
        Kind::Claim,
        Channel::SelfFiled,
        (account.id, account.id),
        provider_id,
        &filing,
        now,
    )?;
    row.subject_cert_number = Set(subject.cert_number.clone());
    row.province = Set(subject.province.clone());
    let (app, to) = super::transition::submit_new(&txn, row, account, Actor::Filer, now).await?;
    tell_previous_owner(
        &txn,
        &subject,
        (
            &format!("您的主体 {}（{}）正被账号 {} 以备案密码申请认领（申请 #{}）。如非您授权，请立即联系接入服务商并修改备案密码。", subject.number, subject.name, account.username, app.id),
            &format!("Account {} applied to claim your subject {} ({}) with its filing password (application #{}). If you did not allow it, contact your provider at once.", account.username, subject.number, subject.name, app.id),
        ),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok((app.id, to))
}

/// On approval: the subject moves to the applicant, and the previous owner
/// is told. Runs inside the approving transaction.
pub async fn apply_approved<C: ConnectionTrait>(
    db: &C,
    app: &application::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let subject = subject::Entity::find()
        .filter(subject::Column::CertNumber.eq(app.subject_cert_number.clone()))
        .filter(subject::Column::Status.eq(RecordStatus::Live))
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    tell_previous_owner(
        db,
        &subject,
        (
            &format!("您的主体 {}（{}）已由认领申请 #{} 转入其他账号，您将不再能管理该备案。", subject.number, subject.name, app.id),
            &format!("Your subject {} ({}) moved to another account by claim #{}; you no longer manage it.", subject.number, subject.name, app.id),
        ),
        now,
    )
    .await?;
    let mut moved: subject::ActiveModel = subject.into();
    moved.owner_id = Set(app.owner_id);
    moved.update(db).await?;
    Ok(())
}

/// A notice to the subject's owner, about the approval they can still
/// open (the claim itself is the applicant's).
async fn tell_previous_owner<C: ConnectionTrait>(
    db: &C,
    subject: &subject::Model,
    text: (&str, &str),
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    super::notifications::notify(
        db,
        subject.owner_id,
        subject.application_id,
        "备案认领通知",
        text,
        now,
    )
    .await
}
