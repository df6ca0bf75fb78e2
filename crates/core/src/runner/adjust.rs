//! `+` and `-` on a running phase: more or less time, decided here so every shell agrees.
//!
//! The step is 1 minute on phases written as 2 minutes or more, 10 seconds on shorter ones
//! (judged on the length as written, so a 1:55 phase stretched past 2:00 keeps its 10 s
//! step). `+` moves the end later, up to the longest phase a file may hold (4 h). `-` moves
//! it earlier but never below 1 second left; with less than that left it does nothing.
//!
//! On a range hold (`30s..60s`) both keys move the end (the maximum, where the hold ends by
//! itself); the minimum stays where it is, so Enter moves on at the same moment as before.
//! Only when `-` brings the end down to the minimum (or below) does the minimum come down
//! with it: the hold then becomes a plain countdown to the new end, since nobody should be
//! asked to hold past the moment it ends.

use std::time::Duration;

use super::{Effect, Mode, Runner};
use crate::session::Timing;
use crate::session::timing::MAX_DURATION;
use crate::time::Moment;

/// Phases written this long or longer move by [`LONG_STEP`]; shorter ones by [`SHORT_STEP`].
pub const LONG_FROM: Duration = Duration::from_secs(120);
pub const LONG_STEP: Duration = Duration::from_secs(60);
pub const SHORT_STEP: Duration = Duration::from_secs(10);
/// `-` never leaves less than this.
pub const LEAST_LEFT: Duration = Duration::from_secs(1);

impl Runner {
    /// How much one `+` or `-` moves the current phase's end.
    #[must_use]
    pub fn time_step(&self) -> Duration {
        let written = self.current().map_or(Duration::ZERO, |p| p.timing.max());
        if written >= LONG_FROM {
            LONG_STEP
        } else {
            SHORT_STEP
        }
    }

    pub(super) fn adjust(&mut self, more: bool, now: Moment, effects: &mut Vec<Effect>) {
        if !matches!(self.mode, Mode::Running | Mode::Paused) {
            return;
        }
        let spent = self.spent(now);
        let timing = self.timing();
        let left = timing.max().saturating_sub(spent);
        let step = self.time_step();
        // Whole seconds only, so the countdown keeps ticking on the same fraction of a
        // second as before and the screen still wakes at most once a second.
        let new_left = if more {
            left + step.min(whole(MAX_DURATION.saturating_sub(spent + left)))
        } else {
            left - step.min(whole(left.saturating_sub(LEAST_LEFT)))
        };
        if new_left == left {
            return;
        }
        let end = spent + new_left;
        self.adjusted = Some(match timing {
            Timing::Range { min, .. } if min < end => Timing::Range { min, max: end },
            Timing::Range { .. } | Timing::Fixed(_) => Timing::Fixed(end),
        });
        effects.push(Effect::TimeChanged { left: new_left });
    }
}

fn whole(d: Duration) -> Duration {
    Duration::from_secs(d.as_secs())
}
