//! Checking a subject's 备案密码: five wrong tries within an hour lock it.
//!
//! Every try is written down (committed) *before* the password is compared,
//! and then counts the tries it can see: under parallel guesses the k-th
//! try to commit sees at least k, whatever the timing, so no more than five
//! are ever compared in an hour. A right password then takes its row back. Every
//! try costs the same (one write, one count, one Argon2 check), so a
//! locked password cannot be told apart from a wrong one by how long the
//! answer takes. The rows are written outside the caller's transaction, so
//! a refused request still counts.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};

use super::auth::password;
use super::entity::{password_failure, subject};
use crate::domain::field_error::FieldError;
use crate::error::AppError;

/// Wrong tries within `WINDOW` that lock the password.
pub const MAX_FAILURES: u64 = 5;

/// How long failures count.
pub fn window() -> Duration {
    Duration::hours(1)
}

/// `Ok` when `given` is the subject's 备案密码 and it is not locked.
pub async fn check(
    db: &DatabaseConnection,
    subject: &subject::Model,
    given: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let attempt = password_failure::ActiveModel {
        subject_id: Set(subject.id),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let tries = password_failure::Entity::find()
        .filter(password_failure::Column::SubjectId.eq(subject.id))
        .filter(password_failure::Column::At.gt(now - window()))
        .count(db)
        .await?;
    // A subject whose owner has not opened its notice yet has no password.
    let hash = Some(subject.password_hash.clone()).filter(|h| !h.is_empty());
    let right = password::verify(given.to_owned(), hash).await?;
    let locked = tries > MAX_FAILURES;
    if right && !locked {
        password_failure::Entity::delete_by_id(attempt.id)
            .exec(db)
            .await?;
        return Ok(());
    }
    let left = MAX_FAILURES.saturating_sub(tries);
    Err(AppError::field(if locked || left == 0 {
        FieldError::new(
            "password",
            "FILING_PASSWORD_LOCKED",
            "备案密码连续输错 5 次，已锁定，请一小时后再试",
            "Five wrong filing passwords: locked, try again in an hour",
        )
    } else {
        FieldError::new(
            "password",
            "FILING_PASSWORD_WRONG",
            &format!("备案密码错误，一小时内还可尝试 {left} 次"),
            &format!("Wrong filing password; {left} tries left this hour"),
        )
    }))
}
