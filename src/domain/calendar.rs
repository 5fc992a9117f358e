//! The working-day calendar (工作日) behind the review limits: 5 working
//! days for the provider's 核实 and 20 for the 管局 (docs/domain.md §3.4).
//! Holidays and 调休 make-up days are data (`data/holidays.txt`).

use super::date::Date;

const HOLIDAYS: &str = include_str!("data/holidays.txt");

/// The provider's limit for verifying self-filed data, in working days.
pub const PROVIDER_LIMIT_DAYS: i64 = 5;
/// The 管局's review limit, in working days.
pub const BUREAU_LIMIT_DAYS: i64 = 20;

fn listed(date: Date) -> Option<bool> {
    let key = date.to_string();
    HOLIDAYS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .find(|(d, _)| *d == key)
        .map(|(_, kind)| kind.trim() == "work")
}

/// Monday = 0 … Sunday = 6.
fn weekday(date: Date) -> i64 {
    // 1970-01-01 was a Thursday.
    (date.day_number() + 3).rem_euclid(7)
}

/// True on a working day: a weekday that is not a holiday, or a weekend
/// day made a working day by 调休.
pub fn is_working_day(date: Date) -> bool {
    listed(date).unwrap_or(weekday(date) < 5)
}

/// Working days after `from` up to and including `to`: how long something
/// received on `from` has waited by `to`. Zero when `to` is not later.
pub fn working_days_between(from: Date, to: Date) -> i64 {
    let days = to.day_number() - from.day_number();
    (1..=days)
        .filter(|d| is_working_day(from.plus_days(*d)))
        .count() as i64
}

/// How a wait compares with its limit, for the queue's age column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    /// Well within the limit.
    Normal,
    /// On the last working day of the limit or one before it.
    Due,
    /// Past the limit.
    Overdue,
}

/// The urgency of `waited` working days against `limit`.
pub fn urgency(waited: i64, limit: i64) -> Urgency {
    if waited > limit {
        Urgency::Overdue
    } else if waited + 1 >= limit {
        Urgency::Due
    } else {
        Urgency::Normal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn weekends_holidays_and_make_up_days() {
        assert!(is_working_day(d("2026-11-27")), "a Friday");
        assert!(!is_working_day(d("2026-11-28")), "a Saturday");
        assert!(!is_working_day(d("2026-10-05")), "国庆 on a Monday");
        assert!(is_working_day(d("2026-10-10")), "调休 Saturday");
        assert!(is_working_day(d("2026-02-14")), "调休 before 春节");
        assert!(!is_working_day(d("2026-02-16")), "春节 Monday");
    }

    #[test]
    fn counting_across_national_day() {
        // Received on Wednesday 2026-09-30; by Monday 10-12 the working days
        // were only 10-08 (Thu), 10-09 (Fri), 10-10 (调休 Sat) and 10-12 (Mon).
        assert_eq!(working_days_between(d("2026-09-30"), d("2026-10-12")), 4);
        // A plain week: Monday to the next Monday is five working days.
        assert_eq!(working_days_between(d("2026-11-16"), d("2026-11-23")), 5);
        assert_eq!(working_days_between(d("2026-11-23"), d("2026-11-16")), 0);
        assert_eq!(working_days_between(d("2026-11-23"), d("2026-11-23")), 0);
    }

    #[test]
    fn urgency_against_the_limit() {
        assert_eq!(urgency(2, PROVIDER_LIMIT_DAYS), Urgency::Normal);
        assert_eq!(urgency(4, PROVIDER_LIMIT_DAYS), Urgency::Due);
        assert_eq!(urgency(5, PROVIDER_LIMIT_DAYS), Urgency::Due);
        assert_eq!(urgency(6, PROVIDER_LIMIT_DAYS), Urgency::Overdue);
    }

    #[test]
    fn the_data_file_is_well_formed() {
        for line in HOLIDAYS.lines().filter(|l| !l.starts_with('#')) {
            let (date, kind) = line.split_once('\t').expect("date<TAB>kind");
            let date = Date::parse(date).expect("a real date");
            match kind {
                "off" => {}
                "work" => assert!(weekday(date) >= 5, "{date} make-up day must be a weekend"),
                other => panic!("unknown kind {other}"),
            }
        }
    }
}
