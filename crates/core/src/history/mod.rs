//! History's pure part: the row model (runs, their outcomes, reminders) and what is computed
//! from rows (`stats`, `advice`, `report`). No file system, no clock: the SQLite store lives in
//! the binary and answers the questions in `source`.

pub mod advice;
mod outcome;
pub mod report;
pub mod source;
pub mod stats;

pub use outcome::{Outcome, OutcomeCounts};

use crate::text::SafeText;
use jiff::Timestamp;

/// The database row id of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RunId(pub i64);

/// One session run, as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub id: RunId,
    /// The session's id (`knot-relief`, or a file's id). Made safe as the row is read.
    pub session: SafeText,
    pub title: SafeText,
    pub started_at: Timestamp,
    /// `None` while running, and forever for a run that was cut short (killed, crashed).
    pub ended_at: Option<Timestamp>,
    pub outcome: Outcome,
    pub phases_done: u32,
    pub phases_skipped: u32,
    /// Pain rating before the session, 0–10.
    pub pain_before: Option<u8>,
    /// Pain rating after the session, 0–10.
    pub pain_after: Option<u8>,
}

impl Run {
    /// Whether the run counts as a session for totals and the streak: it reached the end
    /// ([`Outcome::counts`]).
    #[must_use]
    pub fn counts(&self) -> bool {
        self.outcome.counts()
    }

    /// Whether the run is still under way in a knotless running now: the store calls it cut
    /// short until it ends, and `live` (the starts the state files name) says otherwise.
    #[must_use]
    pub fn is_running(&self, live: &[jiff::Timestamp]) -> bool {
        self.outcome == Outcome::CutShort && live.contains(&self.started_at)
    }

    /// Seconds from start to end; zero when the run has no end time.
    #[must_use]
    pub fn seconds(&self) -> i64 {
        self.ended_at.map_or(0, |end| {
            end.duration_since(self.started_at).as_secs().max(0)
        })
    }
}

/// What became of a movement-break reminder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReminderOutcome {
    /// The reminder was shown.
    Fired,
    /// A break was taken (a session started from it, or "done").
    Taken,
    /// Snoozed for later.
    Snoozed,
    /// Closed on purpose without a break (Esc on the banner).
    Dismissed,
    /// Left unanswered: replaced by the next reminder or timed out. Older histories also
    /// recorded dismissals this way.
    Ignored,
}

impl ReminderOutcome {
    /// The word stored in the database.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ReminderOutcome::Fired => "fired",
            ReminderOutcome::Taken => "taken",
            ReminderOutcome::Snoozed => "snoozed",
            ReminderOutcome::Dismissed => "dismissed",
            ReminderOutcome::Ignored => "ignored",
        }
    }

    #[must_use]
    pub fn parse(word: &str) -> Option<ReminderOutcome> {
        match word {
            "fired" => Some(ReminderOutcome::Fired),
            "taken" => Some(ReminderOutcome::Taken),
            "snoozed" => Some(ReminderOutcome::Snoozed),
            "dismissed" => Some(ReminderOutcome::Dismissed),
            "ignored" => Some(ReminderOutcome::Ignored),
            _ => None,
        }
    }
}

/// One reminder event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reminder {
    pub at: Timestamp,
    pub outcome: ReminderOutcome,
}

/// How many reminder events of each kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReminderCounts {
    pub fired: u32,
    pub taken: u32,
    pub snoozed: u32,
    pub dismissed: u32,
    pub ignored: u32,
}

impl ReminderCounts {
    /// Counts the events in `reminders`.
    #[must_use]
    pub fn tally<'a>(reminders: impl IntoIterator<Item = &'a Reminder>) -> ReminderCounts {
        let mut counts = ReminderCounts::default();
        for r in reminders {
            counts.add(r.outcome, 1);
        }
        counts
    }

    pub fn add(&mut self, outcome: ReminderOutcome, n: u32) {
        let slot = match outcome {
            ReminderOutcome::Fired => &mut self.fired,
            ReminderOutcome::Taken => &mut self.taken,
            ReminderOutcome::Snoozed => &mut self.snoozed,
            ReminderOutcome::Dismissed => &mut self.dismissed,
            ReminderOutcome::Ignored => &mut self.ignored,
        };
        *slot = slot.saturating_add(n);
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == ReminderCounts::default()
    }

    /// Reminders shown and never answered: fired minus taken, snoozed and dismissed. This
    /// covers reminders recorded as ignored and those whose answer was never recorded (the
    /// program was closed while the notification was up).
    #[must_use]
    pub fn unanswered(&self) -> u32 {
        self.fired
            .saturating_sub(self.taken)
            .saturating_sub(self.snoozed)
            .saturating_sub(self.dismissed)
    }
}
