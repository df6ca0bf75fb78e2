//! The questions statistics ask of a history, so they can be answered by SQL over indexed
//! ranges (the store, in the binary) or by walking rows in memory ([`Rows`], for tests and
//! small inputs). Both answer the same way; the store's tests compare them.
//!
//! Ranges are half-open, `[from, to)`, on the time a run started or a reminder fired.

use std::convert::Infallible;

use jiff::Timestamp;

use super::{OutcomeCounts, Reminder, ReminderCounts, Run};

/// What the runs started in a range add up to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RunTotals {
    pub outcomes: OutcomeCounts,
    /// Seconds from start to end of the runs that ended (completed, with skips, stopped).
    pub seconds: i64,
}

/// The pain ratings of one run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rating {
    pub started_at: Timestamp,
    pub before: Option<u8>,
    pub after: Option<u8>,
}

/// The sum and number of (after − before) over runs rated both times.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PainSum {
    pub sum: i64,
    pub runs: u32,
}

/// Answers for [`super::stats::Stats::gather`].
pub trait StatsSource {
    type Error;
    /// Outcomes and time of the runs started in `[from, to)`.
    ///
    /// # Errors
    /// When the history cannot be read.
    fn run_totals(&mut self, from: Timestamp, to: Timestamp) -> Result<RunTotals, Self::Error>;
    /// Sessions ([`super::Outcome::counts`]) started in `[from, to)`, and how many of them had
    /// skips: `(sessions, with_skips)`. Asked over years for a long streak, so the store
    /// answers it from partial indexes.
    ///
    /// # Errors
    /// When the history cannot be read.
    fn sessions_between(
        &mut self,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<(u32, u32), Self::Error>;
    /// When the latest run that counts as a session ([`super::Outcome::counts`]) started,
    /// among those started before `before`.
    ///
    /// # Errors
    /// When the history cannot be read.
    fn latest_session_before(
        &mut self,
        before: Timestamp,
    ) -> Result<Option<Timestamp>, Self::Error>;
    /// Reminder events in `[from, to)`.
    ///
    /// # Errors
    /// When the history cannot be read.
    fn reminder_counts(
        &mut self,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<ReminderCounts, Self::Error>;
    /// The latest `limit` runs with at least one rating, oldest first.
    ///
    /// # Errors
    /// When the history cannot be read.
    fn recent_ratings(&mut self, limit: usize) -> Result<Vec<Rating>, Self::Error>;
    /// Over every run rated before and after.
    ///
    /// # Errors
    /// When the history cannot be read.
    fn pain_sum(&mut self) -> Result<PainSum, Self::Error>;
    /// Runs ever that count as sessions.
    ///
    /// # Errors
    /// When the history cannot be read.
    fn total_sessions(&mut self) -> Result<u32, Self::Error>;
}

/// Rows in memory, in any order.
#[derive(Clone, Copy, Debug)]
pub struct Rows<'a> {
    pub runs: &'a [Run],
    pub reminders: &'a [Reminder],
}

fn within(at: Timestamp, from: Timestamp, to: Timestamp) -> bool {
    at >= from && at < to
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl StatsSource for Rows<'_> {
    type Error = Infallible;

    fn run_totals(&mut self, from: Timestamp, to: Timestamp) -> Result<RunTotals, Infallible> {
        let mut totals = RunTotals::default();
        for run in self.runs.iter().filter(|r| within(r.started_at, from, to)) {
            totals.outcomes.add(run.outcome, 1);
            totals.seconds += run.seconds();
        }
        Ok(totals)
    }

    fn sessions_between(
        &mut self,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<(u32, u32), Infallible> {
        let totals = self.run_totals(from, to)?;
        Ok((
            totals.outcomes.sessions(),
            totals.outcomes.finished_with_skips,
        ))
    }

    fn latest_session_before(
        &mut self,
        before: Timestamp,
    ) -> Result<Option<Timestamp>, Infallible> {
        Ok(self
            .runs
            .iter()
            .filter(|r| r.counts() && r.started_at < before)
            .map(|r| r.started_at)
            .max())
    }

    fn reminder_counts(
        &mut self,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<ReminderCounts, Infallible> {
        Ok(ReminderCounts::tally(
            self.reminders.iter().filter(|r| within(r.at, from, to)),
        ))
    }

    fn recent_ratings(&mut self, limit: usize) -> Result<Vec<Rating>, Infallible> {
        let mut rated: Vec<&Run> = self
            .runs
            .iter()
            .filter(|r| r.pain_before.is_some() || r.pain_after.is_some())
            .collect();
        rated.sort_by_key(|r| (r.started_at, r.id));
        let skip = rated.len().saturating_sub(limit);
        Ok(rated[skip..]
            .iter()
            .map(|r| Rating {
                started_at: r.started_at,
                before: r.pain_before,
                after: r.pain_after,
            })
            .collect())
    }

    fn pain_sum(&mut self) -> Result<PainSum, Infallible> {
        let changes: Vec<i64> = self
            .runs
            .iter()
            .filter_map(|r| Some(i64::from(r.pain_after?) - i64::from(r.pain_before?)))
            .collect();
        Ok(PainSum {
            sum: changes.iter().sum(),
            runs: count(changes.len()),
        })
    }

    fn total_sessions(&mut self) -> Result<u32, Infallible> {
        Ok(count(self.runs.iter().filter(|r| r.counts()).count()))
    }
}
