//! Growing delays after failed logins, counted per username.
//!
//! Counted for any name tried, whether or not an account has it: an unknown
//! name then locks after the same failures, and each failure writes the
//! same row, so neither the answers nor their timing tell which usernames
//! exist.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, QueryFilter};
use sea_orm::{ColumnTrait, DatabaseConnection};

use crate::error::AppError;
use crate::server::entity::login_failure;

/// Failures allowed before the first lock.
pub const FREE_ATTEMPTS: i32 = 5;

/// The longest lock, however many failures follow.
pub const MAX_LOCK: Duration = Duration::from_secs(60 * 60);

/// How long a username stays locked after its `failures`-th consecutive
/// failure: nothing for the first few, then 1, 2, 4, … minutes, capped at
/// an hour.
pub fn lock_after(failures: i32) -> Option<Duration> {
    if failures < FREE_ATTEMPTS {
        return None;
    }
    let doublings = (failures - FREE_ATTEMPTS).min(16) as u32;
    Some(Duration::from_secs(60u64 << doublings).min(MAX_LOCK))
}

/// The failures of a canonical `username` since its last success, if any.
pub async fn find<C: ConnectionTrait>(
    db: &C,
    username: &str,
) -> Result<Option<login_failure::Model>, AppError> {
    Ok(login_failure::Entity::find_by_id(username.to_owned())
        .one(db)
        .await?)
}

/// Refuses with the time left while `failures` hold a lock at `now`.
pub fn refuse_while_locked(
    failures: Option<&login_failure::Model>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    match failures
        .and_then(|f| f.locked_until)
        .filter(|until| *until > now)
    {
        Some(until) => Err(locked_for(until, now)),
        None => Ok(()),
    }
}

/// The answer to an attempt while locked until `until`.
pub fn locked_for(until: DateTime<Utc>, now: DateTime<Utc>) -> AppError {
    AppError::RateLimited {
        retry_after_secs: (until - now).num_seconds().max(1) as u64,
    }
}

/// Counts a failure for a canonical `username` and locks it once the count
/// calls for it. Returns the lock's end, if any. Atomic against concurrent
/// failures.
pub async fn record_failure(
    db: &DatabaseConnection,
    username: &str,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, AppError> {
    let txn = crate::server::db::begin_write(db).await?;
    login_failure::Entity::insert(login_failure::ActiveModel {
        username: Set(username.to_owned()),
        failures: Set(1),
        locked_until: Set(None),
    })
    .on_conflict(
        OnConflict::column(login_failure::Column::Username)
            .value(
                login_failure::Column::Failures,
                sea_orm::sea_query::ExprTrait::add(
                    Expr::col((login_failure::Entity, login_failure::Column::Failures)),
                    1,
                ),
            )
            .to_owned(),
    )
    .exec(&txn)
    .await?;
    let failures = find(&txn, username).await?.map_or(1, |f| f.failures);
    let locked_until =
        lock_after(failures).map(|d| now + chrono::Duration::from_std(d).unwrap_or_default());
    if locked_until.is_some() {
        login_failure::Entity::update_many()
            .col_expr(
                login_failure::Column::LockedUntil,
                Expr::value(locked_until),
            )
            .filter(login_failure::Column::Username.eq(username))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(locked_until)
}

/// Forgets a canonical `username`'s failures after it proved its password.
pub async fn clear<C: ConnectionTrait>(db: &C, username: &str) -> Result<(), AppError> {
    login_failure::Entity::delete_by_id(username.to_owned())
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_then_cap() {
        assert_eq!(lock_after(1), None);
        assert_eq!(lock_after(4), None);
        assert_eq!(lock_after(5), Some(Duration::from_secs(60)));
        assert_eq!(lock_after(6), Some(Duration::from_secs(120)));
        assert_eq!(lock_after(7), Some(Duration::from_secs(240)));
        assert_eq!(lock_after(100), Some(MAX_LOCK));
        assert_eq!(lock_after(i32::MAX), Some(MAX_LOCK));
    }
}
