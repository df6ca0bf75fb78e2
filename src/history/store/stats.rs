//! The statistics' range questions answered in SQL. Each is one indexed query: a range scan of
//! `runs_started` for a day or a week, a seek in the partial index `runs_sessions` for the
//! streak (and `runs_skipped` for its sessions with skips), the covering partial index
//! `runs_rated` for pain.

use jiff::Timestamp;

use super::Store;
use super::schema::{COUNTS, SKIPPED};
use crate::history::source::{PainSum, Rating, RunTotals, StatsSource};
use crate::history::{HistoryError, Outcome, ReminderCounts};

fn ms(at: Timestamp) -> i64 {
    at.as_millisecond()
}

impl Store {
    /// The counted-runs condition for this file: the indexed text, or the computed outcome of
    /// a schema-2 file.
    fn counts_sql(&self) -> String {
        COUNTS.replacen("outcome", self.outcome, 1)
    }

    fn count_in_range(
        &self,
        condition: &str,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<u32, HistoryError> {
        let sql = format!(
            "SELECT count(*) FROM runs WHERE {condition} AND started_ms >= ?1 AND started_ms < ?2"
        );
        self.conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_row((ms(from), ms(to)), |r| r.get(0)))
            .map_err(|e| self.fail(e))
    }
}

impl StatsSource for &Store {
    type Error = HistoryError;

    fn run_totals(&mut self, from: Timestamp, to: Timestamp) -> Result<RunTotals, HistoryError> {
        // Per-row seconds truncated as `Run::seconds` does, so SQL and memory agree.
        let sql = format!(
            "SELECT {}, count(*),
                    coalesce(sum(CASE WHEN ended_ms IS NULL THEN 0
                                      ELSE max(ended_ms - started_ms, 0) / 1000 END), 0)
             FROM runs WHERE started_ms >= ?1 AND started_ms < ?2 GROUP BY 1",
            self.outcome
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.fail(e))?;
        let mut rows = stmt.query((ms(from), ms(to))).map_err(|e| self.fail(e))?;
        let mut totals = RunTotals::default();
        while let Some(row) = rows.next().map_err(|e| self.fail(e))? {
            let word: String = row.get(0).map_err(|e| self.fail(e))?;
            let n: u32 = row.get(1).map_err(|e| self.fail(e))?;
            let seconds: i64 = row.get(2).map_err(|e| self.fail(e))?;
            totals
                .outcomes
                .add(Outcome::parse(&word).unwrap_or(Outcome::CutShort), n);
            totals.seconds += seconds;
        }
        Ok(totals)
    }

    fn sessions_between(
        &mut self,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<(u32, u32), HistoryError> {
        let skipped = SKIPPED.replacen("outcome", self.outcome, 1);
        Ok((
            self.count_in_range(&self.counts_sql(), from, to)?,
            self.count_in_range(&skipped, from, to)?,
        ))
    }

    fn latest_session_before(
        &mut self,
        before: Timestamp,
    ) -> Result<Option<Timestamp>, HistoryError> {
        let sql = format!(
            "SELECT started_ms FROM runs WHERE {} AND started_ms < ?1
             ORDER BY started_ms DESC LIMIT 1",
            self.counts_sql()
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.fail(e))?;
        let mut rows = stmt.query([ms(before)]).map_err(|e| self.fail(e))?;
        match rows.next().map_err(|e| self.fail(e))? {
            Some(row) => {
                let at: i64 = row.get(0).map_err(|e| self.fail(e))?;
                Ok(Timestamp::from_millisecond(at).ok())
            }
            None => Ok(None),
        }
    }

    fn reminder_counts(
        &mut self,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<ReminderCounts, HistoryError> {
        self.reminders_between(ms(from), ms(to))
    }

    fn recent_ratings(&mut self, limit: usize) -> Result<Vec<Rating>, HistoryError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT started_ms, pain_before, pain_after FROM runs
                 WHERE pain_before IS NOT NULL OR pain_after IS NOT NULL
                 ORDER BY started_ms DESC, id DESC LIMIT ?1",
            )
            .map_err(|e| self.fail(e))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut rows = stmt.query([limit]).map_err(|e| self.fail(e))?;
        let mut out = Vec::new();
        let pain = |v: Option<i64>| v.and_then(|p| u8::try_from(p).ok());
        while let Some(row) = rows.next().map_err(|e| self.fail(e))? {
            let at: i64 = row.get(0).map_err(|e| self.fail(e))?;
            out.push(Rating {
                started_at: Timestamp::from_millisecond(at).unwrap_or(Timestamp::UNIX_EPOCH),
                before: pain(row.get(1).map_err(|e| self.fail(e))?),
                after: pain(row.get(2).map_err(|e| self.fail(e))?),
            });
        }
        out.reverse();
        Ok(out)
    }

    fn pain_sum(&mut self) -> Result<PainSum, HistoryError> {
        self.conn
            .prepare_cached(
                "SELECT count(*), coalesce(sum(pain_after - pain_before), 0) FROM runs
                 WHERE pain_before IS NOT NULL AND pain_after IS NOT NULL",
            )
            .and_then(|mut s| {
                s.query_row([], |r| {
                    Ok(PainSum {
                        runs: r.get(0)?,
                        sum: r.get(1)?,
                    })
                })
            })
            .map_err(|e| self.fail(e))
    }

    fn total_sessions(&mut self) -> Result<u32, HistoryError> {
        let sql = format!("SELECT count(*) FROM runs WHERE {}", self.counts_sql());
        self.conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_row([], |r| r.get(0)))
            .map_err(|e| self.fail(e))
    }
}
