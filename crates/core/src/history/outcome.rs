//! How a run ended: exactly one of four outcomes, derived from what the runner reports.

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    /// Reached the end with every phase done.
    Completed,
    /// Reached the end with some phases skipped.
    FinishedWithSkips,
    /// Left early (the leave dialog, `q`).
    Stopped,
    /// Started and never ended: killed, crashed, a power cut (or still running).
    CutShort,
}

impl Outcome {
    /// Every outcome, in the order tables and charts list them.
    pub const ALL: [Outcome; 4] = [
        Outcome::Completed,
        Outcome::FinishedWithSkips,
        Outcome::Stopped,
        Outcome::CutShort,
    ];

    /// The outcome of a run that ended: `reached_end` is what the runner calls "completed"
    /// (the last phase was passed, by time or by skipping).
    #[must_use]
    pub fn of_ended(reached_end: bool, phases_skipped: u32) -> Outcome {
        match (reached_end, phases_skipped) {
            (false, _) => Outcome::Stopped,
            (true, 0) => Outcome::Completed,
            (true, _) => Outcome::FinishedWithSkips,
        }
    }

    /// Completed and finished-with-skips runs count as sessions (streak, weekly totals).
    #[must_use]
    pub fn counts(self) -> bool {
        matches!(self, Outcome::Completed | Outcome::FinishedWithSkips)
    }

    /// The word stored in the database and written in JSON and CSV.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Completed => "completed",
            Outcome::FinishedWithSkips => "finished_with_skips",
            Outcome::Stopped => "stopped",
            Outcome::CutShort => "cut_short",
        }
    }

    #[must_use]
    pub fn parse(word: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == word)
    }

    /// For people: "completed", "finished with skips", "stopped", "cut short".
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Completed => "completed",
            Outcome::FinishedWithSkips => "finished with skips",
            Outcome::Stopped => "stopped",
            Outcome::CutShort => "cut short",
        }
    }
}

/// How many runs ended each way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OutcomeCounts {
    pub completed: u32,
    pub finished_with_skips: u32,
    pub stopped: u32,
    pub cut_short: u32,
    /// Runs the store calls cut short that a knotless still running has under way (known
    /// from outside the store: [`OutcomeCounts::mark_running`]).
    pub running: u32,
}

impl OutcomeCounts {
    pub fn add(&mut self, outcome: Outcome, n: u32) {
        let slot = match outcome {
            Outcome::Completed => &mut self.completed,
            Outcome::FinishedWithSkips => &mut self.finished_with_skips,
            Outcome::Stopped => &mut self.stopped,
            Outcome::CutShort => &mut self.cut_short,
        };
        *slot = slot.saturating_add(n);
    }

    #[must_use]
    pub fn get(&self, outcome: Outcome) -> u32 {
        match outcome {
            Outcome::Completed => self.completed,
            Outcome::FinishedWithSkips => self.finished_with_skips,
            Outcome::Stopped => self.stopped,
            Outcome::CutShort => self.cut_short,
        }
    }

    /// Moves up to `n` runs from cut short to running: the store cannot tell a run under
    /// way from one that was killed, a live knotless can.
    pub fn mark_running(&mut self, n: u32) {
        let n = n.min(self.cut_short);
        self.cut_short -= n;
        self.running = self.running.saturating_add(n);
    }

    /// Runs that count as sessions: completed plus finished with skips.
    #[must_use]
    pub fn sessions(&self) -> u32 {
        self.completed.saturating_add(self.finished_with_skips)
    }

    /// The runs that ended but are not sessions, for people: "1 stopped early, 2 cut
    /// short"; `None` when there are none. `knotless stats` and the stats screen say it
    /// beside the minutes, which include a stopped run's time.
    #[must_use]
    pub fn not_counted(&self) -> Option<String> {
        let parts: Vec<String> = [
            (self.stopped, "stopped early"),
            (self.cut_short, "cut short"),
            (self.running, "running"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    #[must_use]
    pub fn total(&self) -> u32 {
        Outcome::ALL
            .into_iter()
            .fold(self.running, |n, o| n.saturating_add(self.get(o)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ending_is_exactly_one_outcome() {
        assert_eq!(Outcome::of_ended(true, 0), Outcome::Completed);
        assert_eq!(Outcome::of_ended(true, 7), Outcome::FinishedWithSkips);
        assert_eq!(Outcome::of_ended(false, 0), Outcome::Stopped);
        assert_eq!(Outcome::of_ended(false, 3), Outcome::Stopped);
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
        }
        assert_eq!(Outcome::parse("done"), None);
        let counted: Vec<_> = Outcome::ALL.into_iter().filter(|o| o.counts()).collect();
        assert_eq!(counted, [Outcome::Completed, Outcome::FinishedWithSkips]);
    }

    #[test]
    fn not_counted_names_the_runs_that_ended_without_being_sessions() {
        let mut counts = OutcomeCounts::default();
        counts.add(Outcome::Completed, 3);
        assert_eq!(counts.not_counted(), None);
        counts.add(Outcome::CutShort, 2);
        assert_eq!(counts.not_counted().as_deref(), Some("2 cut short"));
        counts.add(Outcome::Stopped, 1);
        assert_eq!(
            counts.not_counted().as_deref(),
            Some("1 stopped early, 2 cut short")
        );
    }

    #[test]
    fn counts_add_up() {
        let mut c = OutcomeCounts::default();
        c.add(Outcome::Completed, 2);
        c.add(Outcome::FinishedWithSkips, 1);
        c.add(Outcome::CutShort, 4);
        assert_eq!(
            (c.sessions(), c.total(), c.get(Outcome::Stopped)),
            (3, 7, 0)
        );
    }
}
