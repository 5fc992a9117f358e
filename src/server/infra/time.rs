//! Times are stored in UTC and shown in Beijing time (Asia/Shanghai, UTC+8
//! all year: China has no daylight saving).

use chrono::{DateTime, FixedOffset, Utc};

fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// Today's date in Beijing: what certificate validity and ages count from.
pub fn beijing_today(at: DateTime<Utc>) -> crate::domain::date::Date {
    use chrono::Datelike;
    let day = at.with_timezone(&beijing()).date_naive();
    crate::domain::date::Date::new(day.year(), day.month(), day.day())
        .expect("chrono yields real calendar days")
}

/// `YYYY-MM-DD HH:MM` in Beijing time.
pub fn beijing_minutes(at: DateTime<Utc>) -> String {
    at.with_timezone(&beijing())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// Midnight Beijing time of `date`, in UTC: where a date filter starts.
pub fn beijing_midnight(date: crate::domain::date::Date) -> Option<DateTime<Utc>> {
    use chrono::TimeZone;
    beijing()
        .with_ymd_and_hms(date.year, date.month, date.day, 0, 0, 0)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn shows_beijing_time() {
        let at = Utc.with_ymd_and_hms(2026, 11, 28, 16, 30, 0).unwrap();
        assert_eq!(beijing_minutes(at), "2026-11-29 00:30");
    }
}
