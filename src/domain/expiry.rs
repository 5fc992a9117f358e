//! The 45-day expiry of idle applications (docs/domain.md §3.2, T19): a
//! draft or a returned filing nobody has touched for 45 days is abandoned
//! by the system, after a warning 7 days before. Submitted applications
//! wait on a reviewer, not on their owner, so they never expire.

use super::workflow::{transition, Action, Actor, Kind, State};

/// Calendar days without a change after which an application is abandoned.
pub const IDLE_LIMIT_DAYS: i64 = 45;

/// How many days before the limit its owner is warned.
pub const WARNING_DAYS: i64 = 7;

/// The states an application waits in for its own side: the ones that
/// expire.
pub const EXPIRING: [State; 3] = [State::Draft, State::ReturnedToSponsor, State::ReturnedToIsp];

/// What an application idle for `days` in `state` is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idle {
    /// Nothing yet.
    Fresh,
    /// The warning: it expires in `days_left` days.
    Warn { days_left: i64 },
    /// Abandonment by the system.
    Expired,
}

/// What is due for an application of `state` unchanged for `days`.
pub fn idle(state: State, days: i64) -> Idle {
    if !EXPIRING.contains(&state) {
        Idle::Fresh
    } else if days >= IDLE_LIMIT_DAYS {
        Idle::Expired
    } else if days >= IDLE_LIMIT_DAYS - WARNING_DAYS {
        Idle::Warn {
            days_left: IDLE_LIMIT_DAYS - days,
        }
    } else {
        Idle::Fresh
    }
}

/// The state an expired application goes to: the workflow's own 放弃 by
/// the system, so the timer can never take a step the table forbids.
pub fn expired_state(kind: Kind, state: State) -> Option<State> {
    transition(kind, state, Action::Abandon, Actor::System).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_waiting_application_is_warned_seven_days_ahead_then_abandoned() {
        assert_eq!(idle(State::Draft, 0), Idle::Fresh);
        assert_eq!(idle(State::Draft, 37), Idle::Fresh);
        assert_eq!(idle(State::Draft, 38), Idle::Warn { days_left: 7 });
        assert_eq!(idle(State::ReturnedToIsp, 44), Idle::Warn { days_left: 1 });
        assert_eq!(idle(State::ReturnedToSponsor, 45), Idle::Expired);
        assert_eq!(idle(State::Draft, 400), Idle::Expired);
    }

    #[test]
    fn only_states_waiting_on_their_owner_expire_and_the_table_allows_it() {
        for state in State::ALL {
            let expires = idle(state, 1000) == Idle::Expired;
            assert_eq!(expires, EXPIRING.contains(&state), "{state:?}");
            if expires {
                assert_eq!(
                    expired_state(Kind::FirstFiling, state),
                    Some(State::Abandoned)
                );
            }
        }
        assert_eq!(idle(State::PendingBureauReview, 1000), Idle::Fresh);
    }
}
