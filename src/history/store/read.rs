//! Reading runs and reminders back, row by row: nothing here holds more than one row unless
//! asked for a `Vec`.

use crate::text::SafeText;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use rusqlite::{OptionalExtension, Row};

use super::Store;
use crate::history::advice::{Advisory, LOOKBACK_DAYS, advisory};
use crate::history::stats::{Stats, days_before, start_of_day};
use crate::history::{
    HistoryError, Outcome, Reminder, ReminderCounts, ReminderOutcome, Run, RunId,
};

/// Which runs to read: started in `[since, until)`, newest first, at most `limit`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RunQuery {
    pub since: Option<Timestamp>,
    pub until: Option<Timestamp>,
    pub limit: Option<u64>,
}

fn from_ms(since: Option<Timestamp>) -> i64 {
    since.map_or(i64::MIN, Timestamp::as_millisecond)
}

fn to_ms(until: Option<Timestamp>) -> i64 {
    until.map_or(i64::MAX, Timestamp::as_millisecond)
}

fn timestamp(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH)
}

fn run_from_row(row: &Row<'_>) -> rusqlite::Result<Run> {
    let pain = |i| -> rusqlite::Result<Option<u8>> {
        Ok(row
            .get::<_, Option<i64>>(i)?
            .and_then(|p| u8::try_from(p).ok()))
    };
    let ended_at = row.get::<_, Option<i64>>(4)?.map(timestamp);
    let outcome = Outcome::parse(&row.get::<_, String>(5)?).unwrap_or(Outcome::CutShort);
    Ok(Run {
        id: RunId(row.get(0)?),
        // The one place history text enters: whatever the file holds, it is safe from here.
        session: SafeText::from(row.get::<_, String>(1)?),
        title: SafeText::from(row.get::<_, String>(2)?),
        started_at: timestamp(row.get(3)?),
        ended_at,
        outcome,
        phases_done: row.get(6)?,
        phases_skipped: row.get(7)?,
        pain_before: pain(8)?,
        pain_after: pain(9)?,
    })
}

impl Store {
    fn run_columns(&self) -> String {
        format!(
            "id, session, title, started_ms, ended_ms, {}, phases_done, phases_skipped, \
             pain_before, pain_after",
            self.outcome
        )
    }

    /// Calls `each` with every run `query` selects, newest first, one row in memory at a time.
    /// `each` returns `false` to stop early (a closed pipe, say).
    ///
    /// # Errors
    /// When the read fails.
    pub fn each_run(
        &self,
        query: RunQuery,
        mut each: impl FnMut(Run) -> bool,
    ) -> Result<(), HistoryError> {
        let sql = format!(
            "SELECT {} FROM runs WHERE started_ms >= ?1 AND started_ms < ?2
             ORDER BY started_ms DESC, id DESC LIMIT ?3",
            self.run_columns()
        );
        let limit = query
            .limit
            .map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.fail(e))?;
        let mut rows = stmt
            .query((from_ms(query.since), to_ms(query.until), limit))
            .map_err(|e| self.fail(e))?;
        while let Some(row) = rows.next().map_err(|e| self.fail(e))? {
            if !each(run_from_row(row).map_err(|e| self.fail(e))?) {
                break;
            }
        }
        Ok(())
    }

    /// How many runs started in `[since, until)`.
    ///
    /// # Errors
    /// When the read fails.
    pub fn count_runs(
        &self,
        since: Option<Timestamp>,
        until: Option<Timestamp>,
    ) -> Result<u64, HistoryError> {
        self.conn
            .prepare_cached("SELECT count(*) FROM runs WHERE started_ms >= ?1 AND started_ms < ?2")
            .and_then(|mut s| s.query_row((from_ms(since), to_ms(until)), |r| r.get::<_, i64>(0)))
            .map(|n| u64::try_from(n).unwrap_or(0))
            .map_err(|e| self.fail(e))
    }

    /// Runs started at or after `since` (all when `None`), newest first, in memory.
    ///
    /// # Errors
    /// When the read fails.
    pub fn runs(&self, since: Option<Timestamp>) -> Result<Vec<Run>, HistoryError> {
        let mut out = Vec::new();
        let query = RunQuery {
            since,
            ..RunQuery::default()
        };
        self.each_run(query, |run| {
            out.push(run);
            true
        })?;
        Ok(out)
    }

    /// One run by id.
    ///
    /// # Errors
    /// When the read fails.
    pub fn run(&self, id: RunId) -> Result<Option<Run>, HistoryError> {
        let sql = format!("SELECT {} FROM runs WHERE id = ?1", self.run_columns());
        self.conn
            .query_row(&sql, [id.0], run_from_row)
            .optional()
            .map_err(|e| self.fail(e))
    }

    /// Calls `each` with every reminder event in `[since, until)`, oldest first.
    ///
    /// # Errors
    /// When the read fails.
    pub fn each_reminder(
        &self,
        since: Option<Timestamp>,
        until: Option<Timestamp>,
        mut each: impl FnMut(Reminder),
    ) -> Result<(), HistoryError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT at_ms, outcome FROM reminders WHERE at_ms >= ?1 AND at_ms < ?2
                 ORDER BY at_ms, id",
            )
            .map_err(|e| self.fail(e))?;
        let mut rows = stmt
            .query((from_ms(since), to_ms(until)))
            .map_err(|e| self.fail(e))?;
        while let Some(row) = rows.next().map_err(|e| self.fail(e))? {
            let ms: i64 = row.get(0).map_err(|e| self.fail(e))?;
            let word: String = row.get(1).map_err(|e| self.fail(e))?;
            // The CHECK constraint keeps unknown words out; skip any that slip in anyway.
            if let Some(outcome) = ReminderOutcome::parse(&word) {
                each(Reminder {
                    at: timestamp(ms),
                    outcome,
                });
            }
        }
        Ok(())
    }

    /// Reminder events at or after `since` (all when `None`), oldest first, in memory.
    ///
    /// # Errors
    /// When the read fails.
    pub fn reminders(&self, since: Option<Timestamp>) -> Result<Vec<Reminder>, HistoryError> {
        let mut out = Vec::new();
        self.each_reminder(since, None, |r| out.push(r))?;
        Ok(out)
    }

    /// How many reminder events of each kind at or after `since`.
    ///
    /// # Errors
    /// When the read fails.
    pub fn reminder_counts(
        &self,
        since: Option<Timestamp>,
    ) -> Result<ReminderCounts, HistoryError> {
        self.reminders_between(from_ms(since), i64::MAX)
    }

    pub(super) fn reminders_between(
        &self,
        from_ms: i64,
        to_ms: i64,
    ) -> Result<ReminderCounts, HistoryError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT outcome, count(*) FROM reminders WHERE at_ms >= ?1 AND at_ms < ?2
                 GROUP BY outcome",
            )
            .map_err(|e| self.fail(e))?;
        let mut rows = stmt.query((from_ms, to_ms)).map_err(|e| self.fail(e))?;
        let mut counts = ReminderCounts::default();
        while let Some(row) = rows.next().map_err(|e| self.fail(e))? {
            let word: String = row.get(0).map_err(|e| self.fail(e))?;
            let n: u32 = row.get(1).map_err(|e| self.fail(e))?;
            if let Some(outcome) = ReminderOutcome::parse(&word) {
                counts.add(outcome, n);
            }
        }
        Ok(counts)
    }

    /// The statistics as of `today` in `tz`, computed in SQL over indexed ranges.
    ///
    /// # Errors
    /// When the read fails.
    pub fn stats(&self, today: Date, tz: &TimeZone) -> Result<Stats, HistoryError> {
        let mut source = self;
        Stats::gather(&mut source, today, tz)
    }

    /// The persistence advisory as of `today` in `tz`, from the runs of its lookback window.
    ///
    /// # Errors
    /// When the read fails.
    pub fn advisory(&self, today: Date, tz: &TimeZone) -> Result<Option<Advisory>, HistoryError> {
        let since = start_of_day(days_before(today, LOOKBACK_DAYS - 1), tz);
        let runs = self.runs(Some(since))?;
        Ok(advisory(&runs, today, tz))
    }
}
