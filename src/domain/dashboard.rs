//! The home dashboards of provider staff and 管局 reviewers: what waits,
//! how long against the working-day limit, and what came out lately. The
//! server gathers raw rows; the figures are counted here so they can be
//! tested without a database.

use serde::{Deserialize, Serialize};

use super::calendar::working_days_between;
use super::date::Date;
use super::lang::Lang;
use super::workflow::{Action, State};

/// Days the daily chart covers, today included.
pub const DAYS: i64 = 30;

/// One day of the daily chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCount {
    pub day: Date,
    pub approved: u64,
    pub returned: u64,
}

/// Everything one dashboard shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// Open (submitted, not settled) applications by state.
    pub backlog: Vec<(State, u64)>,
    /// The role's own queue by working days waited, as (label, count).
    pub ages: Vec<(String, u64)>,
    /// How many in the role's queue are past `limit_days`.
    pub overdue: u64,
    /// 5 for the provider's 核实, 20 for the 管局's review.
    pub limit_days: i64,
    /// This calendar month so far.
    pub month_approved: u64,
    pub month_returned: u64,
    /// The last `DAYS` days, oldest first.
    pub daily: Vec<DayCount>,
}

/// A result that left the queue: approved, or returned to be fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Approved,
    Returned,
}

/// The history actions that count as results: an approval, or any return.
pub const RESULT_ACTIONS: [Action; 5] = [
    Action::Approve,
    Action::ReturnToIsp,
    Action::ReturnToSponsor,
    Action::AutoReturn,
    Action::RejectPreApproval,
];

impl Outcome {
    /// The outcome a history action counts as, if any.
    pub fn of(action: &str) -> Option<Outcome> {
        let action = RESULT_ACTIONS.iter().find(|a| a.code() == action)?;
        Some(if *action == Action::Approve {
            Outcome::Approved
        } else {
            Outcome::Returned
        })
    }
}

/// Bucket bounds in working days for a limit: four up to the limit, then
/// one for everything past it.
fn buckets(limit: i64) -> Vec<(i64, i64)> {
    let quarter = (limit / 4).max(1);
    let mut bounds = Vec::new();
    let mut low = 0;
    for step in 1..=3 {
        let high = (quarter * step).min(limit - 1);
        if high >= low {
            bounds.push((low, high));
            low = high + 1;
        }
    }
    bounds.push((low, limit));
    bounds.push((limit + 1, i64::MAX));
    bounds
}

fn bucket_label(low: i64, high: i64, lang: Lang) -> String {
    match (low, high) {
        (l, i64::MAX) => lang.pick(format!("超期 >{}", l - 1), format!("overdue >{}", l - 1)),
        (l, h) if l == h => lang.pick(format!("{l} 天"), format!("{l} d")),
        (l, h) => lang.pick(format!("{l}–{h} 天"), format!("{l}–{h} d")),
    }
}

impl Dashboard {
    /// Counts the figures, with the age buckets labelled in `lang`.
    ///
    /// `open`: how many open applications in scope are in each state; `waiting`:
    /// the day each application in the role's own queue arrived;
    /// `results`: the day and history action of each result in the last
    /// `DAYS` days (or since the month began, whichever is earlier).
    pub fn count(
        today: Date,
        limit_days: i64,
        open: &[(State, u64)],
        waiting: &[Date],
        results: &[(Date, String)],
        lang: Lang,
    ) -> Dashboard {
        let mut backlog: Vec<(State, u64)> = Vec::new();
        for (state, count) in open {
            match backlog.iter_mut().find(|(s, _)| s == state) {
                Some((_, n)) => *n += count,
                None => backlog.push((*state, *count)),
            }
        }
        backlog.sort_by_key(|(s, _)| State::ALL.iter().position(|x| x == s));

        let bounds = buckets(limit_days);
        let mut counts = vec![0u64; bounds.len()];
        for arrived in waiting {
            let waited = working_days_between(*arrived, today);
            if let Some(i) = bounds.iter().position(|(l, h)| (*l..=*h).contains(&waited)) {
                counts[i] += 1;
            }
        }
        let overdue = counts.last().copied().unwrap_or(0);
        let ages = bounds
            .iter()
            .zip(counts)
            .map(|((l, h), n)| (bucket_label(*l, *h, lang), n))
            .collect();

        let first = today.plus_days(1 - DAYS);
        let mut daily: Vec<DayCount> = (0..DAYS)
            .map(|i| DayCount {
                day: first.plus_days(i),
                approved: 0,
                returned: 0,
            })
            .collect();
        let (mut month_approved, mut month_returned) = (0, 0);
        for (day, action) in results {
            let Some(outcome) = Outcome::of(action) else {
                continue;
            };
            let this_month = day.year == today.year && day.month == today.month && *day <= today;
            if this_month {
                match outcome {
                    Outcome::Approved => month_approved += 1,
                    Outcome::Returned => month_returned += 1,
                }
            }
            let index = day.day_number() - first.day_number();
            if let Some(slot) = usize::try_from(index).ok().and_then(|i| daily.get_mut(i)) {
                match outcome {
                    Outcome::Approved => slot.approved += 1,
                    Outcome::Returned => slot.returned += 1,
                }
            }
        }
        Dashboard {
            backlog,
            ages,
            overdue,
            limit_days,
            month_approved,
            month_returned,
            daily,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::{BUREAU_LIMIT_DAYS, PROVIDER_LIMIT_DAYS};

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn buckets_cover_every_wait_once_and_end_past_the_limit() {
        for limit in [PROVIDER_LIMIT_DAYS, BUREAU_LIMIT_DAYS, 1, 2, 3] {
            let bounds = buckets(limit);
            assert_eq!(bounds[0].0, 0);
            assert_eq!(bounds.last().unwrap(), &(limit + 1, i64::MAX));
            for pair in bounds.windows(2) {
                assert_eq!(pair[1].0, pair[0].1 + 1, "limit {limit}: {bounds:?}");
            }
        }
        assert_eq!(
            buckets(5)
                .iter()
                .map(|(l, h)| bucket_label(*l, *h, Lang::Zh))
                .collect::<Vec<_>>(),
            ["0–1 天", "2 天", "3 天", "4–5 天", "超期 >5"]
        );
        assert_eq!(bucket_label(6, i64::MAX, Lang::En), "overdue >5");
    }

    #[test]
    fn counts_backlog_ages_month_and_days() {
        // Monday 2026-11-30; the 20th was a Friday.
        let today = d("2026-11-30");
        let open = [
            (State::PendingBureauReview, 1),
            (State::PendingIspVerify, 1),
            (State::PendingBureauReview, 1),
        ];
        let waiting = [
            d("2026-11-30"),
            d("2026-11-27"),
            d("2026-11-20"),
            d("2026-11-02"),
        ];
        let results = [
            (d("2026-11-30"), "APPROVE".to_owned()),
            (d("2026-11-30"), "RETURN_TO_ISP".to_owned()),
            (d("2026-11-01"), "APPROVE".to_owned()),
            (d("2026-10-31"), "AUTO_RETURN".to_owned()),
            (d("2026-10-01"), "APPROVE".to_owned()),
            (d("2026-11-29"), "VERIFY".to_owned()),
        ];
        let board = Dashboard::count(
            today,
            PROVIDER_LIMIT_DAYS,
            &open,
            &waiting,
            &results,
            Lang::Zh,
        );
        assert_eq!(
            board.backlog,
            [
                (State::PendingIspVerify, 1),
                (State::PendingBureauReview, 2)
            ]
        );
        // 0 days, 1 day, 6 working days, 20 working days.
        assert_eq!(
            board.ages.iter().map(|(_, n)| *n).collect::<Vec<_>>(),
            [2, 0, 0, 0, 2]
        );
        assert_eq!(board.overdue, 2);
        assert_eq!((board.month_approved, board.month_returned), (2, 1));
        assert_eq!(board.daily.len(), DAYS as usize);
        assert_eq!(board.daily[0].day, d("2026-11-01"));
        let last = board.daily.last().unwrap();
        assert_eq!((last.day, last.approved, last.returned), (today, 1, 1));
        assert_eq!(board.daily[0].approved, 1);
        assert!(board.daily.iter().all(|c| c.day >= d("2026-11-01")));
    }
}
