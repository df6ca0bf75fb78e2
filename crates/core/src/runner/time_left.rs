//! The runner's read-only questions about time: how long is left in the phase and the
//! session, when a range hold may end, when the screen next changes, and the summary.

use std::time::Duration;

use super::{Mode, Outcome, Runner, Summary};
use crate::history::Outcome as RunOutcome;
use crate::session::Timing;
use crate::time::Moment;

impl Runner {
    /// The current phase's timing as it runs now: as written, or as `+`/`-` changed it.
    #[must_use]
    pub fn timing(&self) -> Timing {
        self.adjusted.unwrap_or_else(|| {
            self.current()
                .map_or(Timing::Fixed(Duration::ZERO), |p| p.timing)
        })
    }

    /// Time spent in the current phase.
    #[must_use]
    pub fn spent(&self, now: Moment) -> Duration {
        match self.mode {
            Mode::Running => now - self.started,
            Mode::Paused => self.spent_when_paused,
            Mode::Intro => Duration::ZERO,
            Mode::Finished => self.timing().max(),
        }
    }

    /// Time left in the current phase until it ends by itself.
    #[must_use]
    pub fn remaining(&self, now: Moment) -> Option<Duration> {
        match self.mode {
            Mode::Running | Mode::Paused => {
                Some(self.timing().max().saturating_sub(self.spent(now)))
            }
            Mode::Intro => Some(self.timing().max()),
            Mode::Finished => None,
        }
    }

    /// Time left before a range phase may be released (zero once it may; `None` if fixed).
    #[must_use]
    pub fn until_release(&self, now: Moment) -> Option<Duration> {
        match self.timing() {
            Timing::Range { min, .. } => Some(min.saturating_sub(self.spent(now))),
            Timing::Fixed(_) => None,
        }
    }

    /// Time left in the whole session (ranges counted at their maximum).
    #[must_use]
    pub fn session_remaining(&self, now: Moment) -> Duration {
        let rest: Duration = self
            .phases
            .iter()
            .skip(self.index + 1)
            .map(|p| p.timing.max())
            .sum();
        self.remaining(now).unwrap_or_default() + rest
    }

    /// How long until something visible changes: the next whole second of the countdown.
    /// `None` when nothing changes by itself (intro, paused, finished).
    #[must_use]
    pub fn next_visible_change(&self, now: Moment) -> Option<Duration> {
        if self.mode != Mode::Running {
            return None;
        }
        let left = self.remaining(now)?;
        let frac = Duration::from_nanos(u64::from(left.subsec_nanos()));
        Some(if frac.is_zero() {
            Duration::from_secs(1).min(left)
        } else {
            frac
        })
    }

    #[must_use]
    pub fn summary(&self, now: Moment) -> Summary {
        let end = self.finished_at.unwrap_or(now);
        let paused = self.paused_total + self.paused_since.map_or(Duration::ZERO, |p| end - p);
        let active = self
            .session_started
            .map_or(Duration::ZERO, |s| (end - s).saturating_sub(paused));
        Summary {
            done: self
                .outcomes
                .iter()
                .filter(|o| **o == Outcome::Done)
                .count(),
            skipped: self
                .outcomes
                .iter()
                .filter(|o| **o == Outcome::Skipped)
                .count(),
            total: self.phases.len(),
            active,
            completed: self.completed,
        }
    }
}

impl Summary {
    /// How the run ended, as history records it.
    #[must_use]
    pub fn outcome(&self) -> RunOutcome {
        RunOutcome::of_ended(
            self.completed,
            u32::try_from(self.skipped).unwrap_or(u32::MAX),
        )
    }

    /// How the run ended, in the same words on the summary screen, in plain mode and in the
    /// voice: only a run with every phase done is complete.
    #[must_use]
    pub fn ending(&self) -> &'static str {
        match self.outcome() {
            RunOutcome::Completed => "Session complete",
            RunOutcome::FinishedWithSkips if self.done == 0 => {
                "Session finished, every phase skipped"
            }
            RunOutcome::FinishedWithSkips => "Session finished, with some steps skipped",
            RunOutcome::Stopped | RunOutcome::CutShort => "Session stopped early",
        }
    }
}
