//! Growing delays after failed logins, counted twice: per username and
//! client (locks after `FREE_ATTEMPTS`), and per username from anywhere
//! (locks only after `FREE_ATTEMPTS_EVERYWHERE`). Someone guessing from one
//! address is slowed down at once, but cannot lock the owner out of their
//! account from another address; a guesser spread over many addresses
//! still meets the username's own ceiling.
//!
//! Counted for any name tried, whether or not an account has it: an unknown
//! name then locks after the same failures, and each failure writes the
//! same rows, so neither the answers nor their timing tell which usernames
//! exist.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, QueryFilter};
use sea_orm::{ColumnTrait, DatabaseConnection};

use crate::error::AppError;
use crate::server::entity::login_failure;

/// Failures allowed from one client before the first lock.
pub const FREE_ATTEMPTS: i32 = 5;

/// Failures allowed from all clients together before the username locks
/// everywhere.
pub const FREE_ATTEMPTS_EVERYWHERE: i32 = 50;

/// The two counts a login attempt meets (rows of `login_failure`, keyed by
/// the canonical username and by the username with the client's address).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counters {
    username: String,
    from_client: String,
}

impl Counters {
    /// The counts of a canonical `username` tried from `client`.
    pub fn new(username: &str, client: std::net::IpAddr) -> Self {
        Counters {
            username: username.to_owned(),
            // A space never occurs in a username, so no key is another's.
            from_client: format!("{username} {client}"),
        }
    }
}

/// What the two counts say so far.
#[derive(Debug, Clone, Default)]
pub struct Failures {
    from_client: Option<login_failure::Model>,
    everywhere: Option<login_failure::Model>,
}

impl Failures {
    /// Refuses with the time left while either count holds a lock at `now`.
    pub fn refuse_while_locked(&self, now: DateTime<Utc>) -> Result<(), AppError> {
        let until = [&self.from_client, &self.everywhere]
            .into_iter()
            .flatten()
            .filter_map(|f| f.locked_until)
            .filter(|until| *until > now)
            .max();
        match until {
            Some(until) => Err(locked_for(until, now)),
            None => Ok(()),
        }
    }

    /// The lock one more failure would bring, if any.
    pub fn lock_after_one_more(&self) -> Option<Duration> {
        let count = |f: &Option<login_failure::Model>| f.as_ref().map_or(0, |f| f.failures) + 1;
        [
            lock_after(count(&self.from_client)),
            lock_after_everywhere(count(&self.everywhere)),
        ]
        .into_iter()
        .flatten()
        .max()
    }
}

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

/// The same growing delays for the username from anywhere, after its own
/// higher ceiling.
pub fn lock_after_everywhere(failures: i32) -> Option<Duration> {
    lock_after(failures.saturating_sub(FREE_ATTEMPTS_EVERYWHERE - FREE_ATTEMPTS))
}

/// The failures counted against `counters` since the last success.
pub async fn find<C: ConnectionTrait>(db: &C, counters: &Counters) -> Result<Failures, AppError> {
    let row = |key: &str| login_failure::Entity::find_by_id(key.to_owned()).one(db);
    Ok(Failures {
        from_client: row(&counters.from_client).await?,
        everywhere: row(&counters.username).await?,
    })
}

/// The answer to an attempt while locked until `until`.
pub fn locked_for(until: DateTime<Utc>, now: DateTime<Utc>) -> AppError {
    AppError::RateLimited {
        retry_after_secs: (until - now).num_seconds().max(1) as u64,
    }
}

/// Counts a failure against both `counters` and locks each once its count
/// calls for it. Returns the end of the longer lock, if any. Atomic against
/// concurrent failures. The username's own row is always taken first, here
/// and in `clear`, so two instances writing one username's rows can never
/// wait for each other in a circle (a deadlock on PostgreSQL).
pub async fn record_failure(
    db: &DatabaseConnection,
    counters: &Counters,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, AppError> {
    let txn = crate::server::infra::db::begin_write(db).await?;
    let everywhere = count(&txn, &counters.username, lock_after_everywhere, now).await?;
    let from_client = count(&txn, &counters.from_client, lock_after, now).await?;
    txn.commit().await?;
    Ok(from_client.max(everywhere))
}

/// Adds one failure to the row `key` and sets its lock as `lock` says.
async fn count<C: ConnectionTrait>(
    txn: &C,
    key: &str,
    lock: fn(i32) -> Option<Duration>,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, AppError> {
    login_failure::Entity::insert(login_failure::ActiveModel {
        username: Set(key.to_owned()),
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
    .exec(txn)
    .await?;
    let failures = login_failure::Entity::find_by_id(key.to_owned())
        .one(txn)
        .await?
        .map_or(1, |f| f.failures);
    let locked_until =
        lock(failures).map(|d| now + chrono::Duration::from_std(d).unwrap_or_default());
    if locked_until.is_some() {
        login_failure::Entity::update_many()
            .col_expr(
                login_failure::Column::LockedUntil,
                Expr::value(locked_until),
            )
            .filter(login_failure::Column::Username.eq(key))
            .exec(txn)
            .await?;
    }
    Ok(locked_until)
}

/// Forgets both counts after the password was proved, the username's row
/// first (see `record_failure`).
pub async fn clear<C: ConnectionTrait>(db: &C, counters: &Counters) -> Result<(), AppError> {
    for key in [&counters.username, &counters.from_client] {
        login_failure::Entity::delete_by_id(key.clone())
            .exec(db)
            .await?;
    }
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

    #[test]
    fn the_username_everywhere_locks_only_after_its_higher_ceiling() {
        assert_eq!(lock_after_everywhere(FREE_ATTEMPTS), None);
        assert_eq!(lock_after_everywhere(FREE_ATTEMPTS_EVERYWHERE - 1), None);
        assert_eq!(
            lock_after_everywhere(FREE_ATTEMPTS_EVERYWHERE),
            Some(Duration::from_secs(60))
        );
        assert_eq!(lock_after_everywhere(i32::MIN), None);
    }
}
