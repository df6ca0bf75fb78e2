//! Statistics from history rows: this week's totals, the streak, minutes per day, the pain
//! series and the reminder tally. Pure: the rows, today's date and the time zone come in as
//! arguments; nothing here reads a clock, a file or a terminal.
//!
//! Definitions:
//! - A run *counts* as a session when it was completed or at least one phase was done
//!   ([`Run::counts`]); its minutes run from start to end (none for a run cut short).
//! - Days are local days in the given time zone; a run belongs to the day it started.
//! - The week starts on Monday and includes today.
//! - The streak is the number of consecutive days with a session, ending today, or ending
//!   yesterday when there has been no session yet today.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};

use super::{Reminder, ReminderCounts, Run};

/// How many days the minutes-per-day series covers, ending today.
pub const DAYS_SHOWN: usize = 14;

/// Minutes of sessions on one local day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayMinutes {
    pub date: Date,
    pub minutes: u32,
}

/// The pain ratings of one run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PainPoint {
    pub started_at: Timestamp,
    /// The local day the run started.
    pub date: Date,
    pub before: Option<u8>,
    pub after: Option<u8>,
}

/// The mean of (after − before) over runs rated both times. Negative means less pain after.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PainChange {
    pub average: f64,
    pub runs: u32,
}

/// Everything the stats screen and `knotless stats` show.
#[derive(Clone, Debug, PartialEq)]
pub struct Stats {
    pub today: Date,
    /// The Monday that starts this week.
    pub week_start: Date,
    pub sessions_this_week: u32,
    pub minutes_this_week: u32,
    /// Consecutive days with a session, ending today or yesterday.
    pub streak_days: u32,
    /// [`DAYS_SHOWN`] days, oldest first, ending today.
    pub minutes_per_day: Vec<DayMinutes>,
    /// Runs with at least one pain rating, oldest first.
    pub pain: Vec<PainPoint>,
    /// Reminder events this week.
    pub breaks_this_week: ReminderCounts,
    pub pain_change: Option<PainChange>,
    /// Sessions ever (runs that count), among the rows given.
    pub total_sessions: u32,
}

impl Stats {
    /// Computes the statistics from `runs` (any order) and `reminders`, as of `today` in `tz`.
    #[must_use]
    pub fn compute(runs: &[Run], reminders: &[Reminder], today: Date, tz: &TimeZone) -> Stats {
        let week_start = days_before(today, i64::from(today.weekday().to_monday_zero_offset()));
        let first_shown = days_before(today, DAYS_SHOWN as i64 - 1);
        let mut seconds_per_day: BTreeMap<Date, i64> = BTreeMap::new();
        let mut session_days = BTreeSet::new();
        let (mut sessions_this_week, mut seconds_this_week, mut total_sessions) =
            (0u32, 0i64, 0u32);
        for run in runs.iter().filter(|r| r.counts()) {
            let date = local_date(run.started_at, tz);
            total_sessions += 1;
            session_days.insert(date);
            if date >= first_shown && date <= today {
                *seconds_per_day.entry(date).or_default() += run.seconds();
            }
            if date >= week_start && date <= today {
                sessions_this_week += 1;
                seconds_this_week += run.seconds();
            }
        }
        let minutes_per_day = (0..DAYS_SHOWN as i64)
            .map(|i| {
                let date = days_before(today, DAYS_SHOWN as i64 - 1 - i);
                let seconds = seconds_per_day.get(&date).copied().unwrap_or(0);
                DayMinutes {
                    date,
                    minutes: minutes(seconds),
                }
            })
            .collect();
        let breaks_this_week = ReminderCounts::tally(reminders.iter().filter(|r| {
            let date = local_date(r.at, tz);
            date >= week_start && date <= today
        }));
        Stats {
            today,
            week_start,
            sessions_this_week,
            minutes_this_week: minutes(seconds_this_week),
            streak_days: streak(&session_days, today),
            minutes_per_day,
            pain: pain_series(runs, tz),
            breaks_this_week,
            pain_change: pain_change(runs),
            total_sessions,
        }
    }

    /// Nothing to show: no sessions and no pain ratings.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.total_sessions == 0 && self.pain.is_empty()
    }
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

/// `date` minus `n` days (saturating at the calendar's limits).
#[must_use]
pub fn days_before(date: Date, n: i64) -> Date {
    Span::new()
        .try_days(n)
        .map_or(date, |span| date.saturating_sub(span))
}

fn minutes(seconds: i64) -> u32 {
    u32::try_from((seconds.max(0) + 30) / 60).unwrap_or(u32::MAX)
}

fn streak(days: &BTreeSet<Date>, today: Date) -> u32 {
    let mut day = if days.contains(&today) {
        today
    } else {
        days_before(today, 1)
    };
    let mut count = 0;
    while days.contains(&day) {
        count += 1;
        let before = days_before(day, 1);
        if before == day {
            break;
        }
        day = before;
    }
    count
}

fn pain_series(runs: &[Run], tz: &TimeZone) -> Vec<PainPoint> {
    let mut points: Vec<PainPoint> = runs
        .iter()
        .filter(|r| r.pain_before.is_some() || r.pain_after.is_some())
        .map(|r| PainPoint {
            started_at: r.started_at,
            date: local_date(r.started_at, tz),
            before: r.pain_before,
            after: r.pain_after,
        })
        .collect();
    points.sort_by_key(|p| p.started_at);
    points
}

fn pain_change(runs: &[Run]) -> Option<PainChange> {
    let changes: Vec<i32> = runs
        .iter()
        .filter_map(|r| Some(i32::from(r.pain_after?) - i32::from(r.pain_before?)))
        .collect();
    let n = u32::try_from(changes.len()).ok().filter(|&n| n > 0)?;
    let sum: i32 = changes.iter().sum();
    Some(PainChange {
        average: f64::from(sum) / f64::from(n),
        runs: n,
    })
}

#[cfg(test)]
#[path = "stats_tests.rs"]
mod tests;
