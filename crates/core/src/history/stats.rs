//! Statistics from a history: this week's totals, the streak, minutes per day, the pain
//! series and the reminder tally. Pure: the answers come from a [`StatsSource`] (SQL in the
//! store, or rows in memory), today's date and the time zone come in as arguments.
//!
//! Definitions:
//! - A run *counts* as a session when it reached the end: completed, or finished with skips
//!   ([`super::Outcome::counts`]). Stopped and cut-short runs do not count; the totals say how
//!   many sessions had skips.
//! - Minutes are the time from start to end of every run that ended (stopped runs included:
//!   the time was spent); a run cut short adds none.
//! - Days are local days in the given time zone; a run belongs to the day it started.
//! - The week starts on Monday and includes today.
//! - The streak is the number of consecutive days with a session, ending today, or ending
//!   yesterday when there has been no session yet today.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};
use serde::{Deserialize, Serialize};

use super::source::{Rows, RunTotals, StatsSource};
use super::{OutcomeCounts, Reminder, ReminderCounts, Run};

/// How many days the minutes-per-day series covers, ending today.
pub const DAYS_SHOWN: usize = 14;
/// How many rated runs the pain series keeps (the most recent): more than any screen shows.
pub const PAIN_POINTS_KEPT: usize = 60;

/// Minutes of sessions on one local day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayMinutes {
    pub date: Date,
    pub minutes: u32,
}

/// The pain ratings of one run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PainPoint {
    pub started_at: Timestamp,
    /// The local day the run started.
    pub date: Date,
    pub before: Option<u8>,
    pub after: Option<u8>,
}

/// The mean of (after − before) over runs rated both times. Negative means less pain after.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PainChange {
    pub average: f64,
    pub runs: u32,
}

/// Everything the stats screen, `knotless stats` and `stats --json` show. (Serde: the
/// history writer process sends it to the screen.)
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub today: Date,
    /// The Monday that starts this week.
    pub week_start: Date,
    /// Completed plus finished-with-skips runs started this week.
    pub sessions_this_week: u32,
    /// Every outcome this week (the sessions with skips among them).
    pub outcomes_this_week: OutcomeCounts,
    pub minutes_this_week: u32,
    /// Consecutive days with a session, ending today or yesterday.
    pub streak_days: u32,
    /// Sessions on the streak's days, and how many of them had skips.
    pub streak_sessions: u32,
    pub streak_with_skips: u32,
    /// [`DAYS_SHOWN`] days, oldest first, ending today.
    pub minutes_per_day: Vec<DayMinutes>,
    /// The latest [`PAIN_POINTS_KEPT`] runs with at least one pain rating, oldest first.
    pub pain: Vec<PainPoint>,
    /// Reminder events this week.
    pub breaks_this_week: ReminderCounts,
    pub pain_change: Option<PainChange>,
    /// Sessions ever (runs that count).
    pub total_sessions: u32,
}

impl Stats {
    /// What the streak is made of, "4 sessions, 1 with skips" (or "4 sessions"), as
    /// `knotless stats` and the stats screen both say it; `None` without a streak.
    #[must_use]
    pub fn streak_words(&self) -> Option<String> {
        if self.streak_days == 0 {
            return None;
        }
        let sessions = crate::text::count_of(self.streak_sessions as usize, "session");
        Some(match self.streak_with_skips {
            0 => sessions,
            n => format!("{sessions}, {n} with skips"),
        })
    }

    /// Computes the statistics from `runs` (any order) and `reminders`, as of `today` in `tz`.
    #[must_use]
    pub fn compute(runs: &[Run], reminders: &[Reminder], today: Date, tz: &TimeZone) -> Stats {
        let mut rows = Rows { runs, reminders };
        match Stats::gather(&mut rows, today, tz) {
            Ok(stats) => stats,
            Err(never) => match never {},
        }
    }

    /// Asks `source` what the statistics need, as of `today` in `tz`: a few dozen range
    /// questions, however long the history.
    ///
    /// # Errors
    /// The source's first error.
    pub fn gather<S: StatsSource>(
        source: &mut S,
        today: Date,
        tz: &TimeZone,
    ) -> Result<Stats, S::Error> {
        let week_start = days_before(today, i64::from(today.weekday().to_monday_zero_offset()));
        let tomorrow = start_of_day(days_after(today, 1), tz);
        let week = source.run_totals(start_of_day(week_start, tz), tomorrow)?;
        let minutes_per_day = (0..DAYS_SHOWN as i64)
            .rev()
            .map(|ago| {
                let date = days_before(today, ago);
                let totals = day_totals(source, date, tz)?;
                Ok(DayMinutes {
                    date,
                    minutes: minutes(totals.seconds),
                })
            })
            .collect::<Result<Vec<_>, S::Error>>()?;
        let (streak_days, first_day) = streak(source, today, tz)?;
        let (streak_sessions, streak_with_skips) = match first_day {
            Some(first) => source.sessions_between(start_of_day(first, tz), tomorrow)?,
            None => (0, 0),
        };
        let pain = source
            .recent_ratings(PAIN_POINTS_KEPT)?
            .into_iter()
            .map(|r| PainPoint {
                started_at: r.started_at,
                date: local_date(r.started_at, tz),
                before: r.before,
                after: r.after,
            })
            .collect();
        let sum = source.pain_sum()?;
        #[allow(clippy::cast_precision_loss)]
        let pain_change = (sum.runs > 0).then(|| PainChange {
            average: sum.sum as f64 / f64::from(sum.runs),
            runs: sum.runs,
        });
        Ok(Stats {
            today,
            week_start,
            sessions_this_week: week.outcomes.sessions(),
            outcomes_this_week: week.outcomes,
            minutes_this_week: minutes(week.seconds),
            streak_days,
            streak_sessions,
            streak_with_skips,
            minutes_per_day,
            pain,
            breaks_this_week: source.reminder_counts(start_of_day(week_start, tz), tomorrow)?,
            pain_change,
            total_sessions: source.total_sessions()?,
        })
    }

    /// `starts`: the runs that knotless processes still running have under way (stored as
    /// cut short until they end). Those started this week are counted as running.
    pub fn mark_running(&mut self, starts: &[Timestamp], tz: &TimeZone) {
        let from = start_of_day(self.week_start, tz);
        let to = start_of_day(days_after(self.today, 1), tz);
        let n = starts.iter().filter(|s| (from..to).contains(*s)).count();
        self.outcomes_this_week
            .mark_running(u32::try_from(n).unwrap_or(u32::MAX));
    }

    /// Nothing to show: no sessions and no pain ratings.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.total_sessions == 0 && self.pain.is_empty()
    }
}

fn day_totals<S: StatsSource>(
    source: &mut S,
    date: Date,
    tz: &TimeZone,
) -> Result<RunTotals, S::Error> {
    source.run_totals(
        start_of_day(date, tz),
        start_of_day(days_after(date, 1), tz),
    )
}

/// The streak's length and its first day. One question per day of the streak: the latest
/// session before the end of the day being checked.
fn streak<S: StatsSource>(
    source: &mut S,
    today: Date,
    tz: &TimeZone,
) -> Result<(u32, Option<Date>), S::Error> {
    let yesterday = days_before(today, 1);
    let (mut expected, mut first, mut count) = (today, None, 0);
    let mut before = start_of_day(days_after(today, 1), tz);
    while let Some(at) = source.latest_session_before(before)? {
        let date = local_date(at, tz);
        if date != expected && !(count == 0 && date == yesterday) {
            break;
        }
        count += 1;
        first = Some(date);
        expected = days_before(date, 1);
        if expected == date {
            break;
        }
        before = start_of_day(date, tz);
    }
    Ok((count, first))
}

/// A pain change for people: "−1.5 points", "+0.5 points", "no change" (one decimal).
#[must_use]
pub fn format_change(average: f64) -> String {
    let rounded = (average * 10.0).round() / 10.0;
    if rounded == 0.0 {
        "no change".to_string()
    } else if rounded < 0.0 {
        format!("−{:.1} points", -rounded)
    } else {
        format!("+{rounded:.1} points")
    }
}

/// The local day `at` falls on in `tz`.
#[must_use]
pub fn local_date(at: Timestamp, tz: &TimeZone) -> Date {
    at.to_zoned_datetime(tz.clone()).date()
}

/// The first instant of `date` in `tz` (the start of the day, even on a day that skips
/// midnight for daylight saving time).
#[must_use]
pub fn start_of_day(date: Date, tz: &TimeZone) -> Timestamp {
    date.to_zoned_datetime(tz.clone())
        .map_or(Timestamp::MIN, |z| z.timestamp())
}

/// `date` minus `n` days (saturating at the calendar's limits).
#[must_use]
pub fn days_before(date: Date, n: i64) -> Date {
    Span::new()
        .try_days(n)
        .map_or(date, |span| date.saturating_sub(span))
}

/// `date` plus `n` days (saturating at the calendar's limits).
#[must_use]
pub fn days_after(date: Date, n: i64) -> Date {
    Span::new()
        .try_days(n)
        .map_or(date, |span| date.saturating_add(span))
}

/// Seconds to whole minutes, rounded to the nearest.
#[must_use]
pub fn minutes(seconds: i64) -> u32 {
    u32::try_from((seconds.max(0) + 30) / 60).unwrap_or(u32::MAX)
}

#[cfg(test)]
#[path = "stats_tests.rs"]
mod tests;
