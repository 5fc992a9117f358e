//! Growing delays after failed logins, counted per account.

use std::time::Duration;

/// Failures allowed before the first lock.
pub const FREE_ATTEMPTS: i32 = 5;

/// The longest lock, however many failures follow.
pub const MAX_LOCK: Duration = Duration::from_secs(60 * 60);

/// How long an account stays locked after its `failures`-th consecutive
/// failure: nothing for the first few, then 1, 2, 4, … minutes, capped at
/// an hour.
pub fn lock_after(failures: i32) -> Option<Duration> {
    if failures < FREE_ATTEMPTS {
        return None;
    }
    let doublings = (failures - FREE_ATTEMPTS).min(16) as u32;
    Some(Duration::from_secs(60u64 << doublings).min(MAX_LOCK))
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
