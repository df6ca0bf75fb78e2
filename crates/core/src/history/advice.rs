//! The advisory rule: when pain check-ins stay high for more than a week, suggest seeing a
//! healthcare provider. Pure: ratings, today's date and the time zone come in as arguments.
//!
//! The rule, precisely:
//! 1. Take the check-ins of the last [`LOOKBACK_DAYS`] local days (today included). A day's
//!    pain is the highest rating given that day, before or after a session.
//! 2. A *high day* has pain of [`HIGH_PAIN`] or more. There must be at least [`MIN_HIGH_DAYS`]
//!    high days, and the first and last of them must be more than [`MAX_SPREAD_DAYS`] days
//!    apart (a gap of 8 days or more).
//! 3. There must be no clear downward trend: over every rated day from the first high day to
//!    today, the least-squares slope of daily pain against the day number must not be below
//!    [`CLEAR_DECLINE_PER_DAY`] (−0.1 points per day, a point every ten days). The slope is
//!    compared exactly, in integers.
//!
//! The lookback keeps an old bad patch from nagging forever once check-ins stop.

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::Run;
use super::stats::{days_before, local_date};

/// Pain at or above this makes a high day.
pub const HIGH_PAIN: u8 = 4;
/// At least this many high days.
pub const MIN_HIGH_DAYS: usize = 5;
/// The first and last high day must be more than this many days apart.
pub const MAX_SPREAD_DAYS: i64 = 7;
/// Only check-ins from this many most recent days count.
pub const LOOKBACK_DAYS: i64 = 30;
/// A slope (points per day) below this is a clear downward trend, and no note is shown.
pub const CLEAR_DECLINE_PER_DAY: f64 = -0.1;

/// Why the note is shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Advisory {
    /// Days with pain of [`HIGH_PAIN`] or more.
    pub high_days: usize,
    pub first_high_day: Date,
    pub last_high_day: Date,
    /// Least-squares slope of daily pain, points per day.
    pub slope: f64,
}

impl Advisory {
    /// The calm one-line note for the home screen (at most 80 columns).
    #[must_use]
    pub fn note(&self) -> String {
        format!(
            "Pain 4+ on {} days lately. Consider seeing a healthcare provider (! for details)",
            self.high_days
        )
    }
}

/// The highest rating of each local day in the lookback window.
fn daily_pain(runs: &[Run], today: Date, tz: &TimeZone) -> BTreeMap<Date, u8> {
    let oldest = days_before(today, LOOKBACK_DAYS - 1);
    let mut days: BTreeMap<Date, u8> = BTreeMap::new();
    for run in runs {
        let date = local_date(run.started_at, tz);
        if date < oldest || date > today {
            continue;
        }
        for pain in [run.pain_before, run.pain_after].into_iter().flatten() {
            let slot = days.entry(date).or_insert(pain);
            *slot = (*slot).max(pain);
        }
    }
    days
}

/// `Some` when the check-ins in `runs` meet the rule above, as of `today` in `tz`.
#[must_use]
pub fn advisory(runs: &[Run], today: Date, tz: &TimeZone) -> Option<Advisory> {
    let days = daily_pain(runs, today, tz);
    let high: Vec<Date> = days
        .iter()
        .filter(|(_, pain)| **pain >= HIGH_PAIN)
        .map(|(date, _)| *date)
        .collect();
    let (&first, &last) = (high.first()?, high.last()?);
    if high.len() < MIN_HIGH_DAYS || day_number(first, last) <= MAX_SPREAD_DAYS {
        return None;
    }
    let points: Vec<(i64, i64)> = days
        .range(first..)
        .map(|(date, pain)| (day_number(first, *date), i64::from(*pain)))
        .collect();
    let (numerator, denominator) = slope_parts(&points);
    // slope < −0.1  ⇔  10·numerator < −denominator (the denominator is positive).
    if denominator <= 0 || 10 * numerator < -denominator {
        return None;
    }
    #[allow(clippy::cast_precision_loss)]
    let slope = numerator as f64 / denominator as f64;
    Some(Advisory {
        high_days: high.len(),
        first_high_day: first,
        last_high_day: last,
        slope,
    })
}

fn day_number(first: Date, date: Date) -> i64 {
    date.duration_since(first).as_secs() / 86_400
}

/// The least-squares slope as numerator / denominator:
/// (n·Σxy − Σx·Σy) / (n·Σx² − (Σx)²).
fn slope_parts(points: &[(i64, i64)]) -> (i64, i64) {
    let n = i64::try_from(points.len()).unwrap_or(i64::MAX);
    let (sx, sy) = points.iter().fold((0, 0), |(a, b), (x, y)| (a + x, b + y));
    let sxy: i64 = points.iter().map(|(x, y)| x * y).sum();
    let sxx: i64 = points.iter().map(|(x, _)| x * x).sum();
    (n * sxy - sx * sy, n * sxx - sx * sx)
}

#[cfg(test)]
#[path = "advice_tests.rs"]
mod tests;
