//! The one hint on a range hold (heat 15–20 min, ball compression 30s..60s): before the
//! minimum, how much longer to hold; after it, that Enter moves on and when the hold ends
//! by itself. Computed from the runner and `now` on every frame, so it never goes stale.

use std::time::Duration;

use super::{Mode, Runner};
use crate::duration;
use crate::session::Timing;
use crate::time::Moment;

/// What a range hold asks of the user right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HoldHint {
    /// The minimum has not passed: hold `left` longer.
    Wait { left: Duration },
    /// The minimum has passed: Enter moves on; the hold ends by itself at `max`.
    Release { max: Duration },
}

impl HoldHint {
    /// "Hold at least 0:26 more" or
    /// "Press Enter when you are ready (ends by itself at 1:00)".
    #[must_use]
    pub fn words(self) -> String {
        match self {
            HoldHint::Wait { left } => {
                format!("Hold at least {} more", duration::clock(left))
            }
            HoldHint::Release { max } => {
                format!(
                    "Press Enter when you are ready (ends by itself at {})",
                    duration::clock(max)
                )
            }
        }
    }
}

impl Runner {
    /// The hint for the current phase at `now`; `None` unless a range phase is running or
    /// paused.
    #[must_use]
    pub fn hold_hint(&self, now: Moment) -> Option<HoldHint> {
        if !matches!(self.mode, Mode::Running | Mode::Paused) {
            return None;
        }
        let Timing::Range { max, .. } = self.timing() else {
            return None;
        };
        match self.until_release(now)? {
            left if left.is_zero() => Some(HoldHint::Release { max }),
            left => Some(HoldHint::Wait { left }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runner::Command;
    use crate::session::{Phase, PhaseKind};

    fn ball() -> Runner {
        Runner::from_phases(vec![Phase {
            kind: PhaseKind::Work,
            step: 0,
            rep: 1,
            side: None,
            timing: Timing::Range {
                min: Duration::from_secs(30),
                max: Duration::from_secs(60),
            },
        }])
    }

    fn words(runner: &Runner, secs: u64) -> Option<String> {
        runner
            .hold_hint(Moment::from_secs(secs))
            .map(HoldHint::words)
    }

    #[test]
    fn the_hint_counts_down_then_says_enter_and_the_maximum() {
        let mut r = ball();
        assert_eq!(words(&r, 0), None, "not before the session starts");
        r.apply(Command::Start, Moment::from_secs(0));
        let wait = |s: &str| Some(format!("Hold at least {s} more"));
        assert_eq!(words(&r, 0), wait("0:30"));
        // Enter early changes nothing but the hint keeps counting, every second.
        r.apply(Command::Release, Moment::from_secs(4));
        assert_eq!(words(&r, 4), wait("0:26"));
        assert_eq!(words(&r, 5), wait("0:25"));
        assert_eq!(words(&r, 29), wait("0:01"));
        let release = Some("Press Enter when you are ready (ends by itself at 1:00)".to_string());
        assert_eq!(words(&r, 30), release);
        assert_eq!(words(&r, 59), release);
    }

    #[test]
    fn the_hint_stands_still_while_paused_and_goes_when_the_hold_ends() {
        let mut r = ball();
        r.apply(Command::Start, Moment::from_secs(0));
        r.apply(Command::TogglePause, Moment::from_secs(10));
        assert_eq!(
            r.hold_hint(Moment::from_secs(100)),
            Some(HoldHint::Wait {
                left: Duration::from_secs(20)
            })
        );
        r.apply(Command::TogglePause, Moment::from_secs(100));
        assert_eq!(
            r.hold_hint(Moment::from_secs(120)),
            Some(HoldHint::Release {
                max: Duration::from_secs(60)
            })
        );
        r.apply(Command::Release, Moment::from_secs(121));
        assert_eq!(r.hold_hint(Moment::from_secs(121)), None, "finished");
    }
}
