//! Working hours and days in local time: is now inside a reminder window, and when does
//! the next one start. Ranges may cross midnight (a window belongs to the day it starts
//! on); DST gaps and folds are resolved by jiff. Pure.

use std::time::Duration;

use jiff::ZonedDateTime;
use jiff::civil::{Date, Time};

use super::settings::{Days, WorkingHours};
use crate::time::Moment;

/// Where "until tomorrow" ends when no working hours are set: 08:00 local time the next day.
/// The source gives no time; this is knotless's choice, and README says so.
pub const MORNING: jiff::civil::Time = jiff::civil::time(8, 0, 0, 0);

/// Reminder windows: optional hours on a set of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Windows {
    pub hours: Option<WorkingHours>,
    pub days: Days,
}

impl Windows {
    #[must_use]
    pub fn always(self) -> bool {
        self.hours.is_none() && self.days == Days::ALL
    }

    #[must_use]
    pub fn contains(self, local: &ZonedDateTime) -> bool {
        let (date, t) = (local.date(), local.time());
        let today = self.days.contains(date.weekday());
        match self.hours {
            None => today,
            Some(h) if !h.crosses_midnight() => today && h.start <= t && t < h.end,
            Some(h) => {
                let yesterday = date
                    .yesterday()
                    .is_ok_and(|d| self.days.contains(d.weekday()));
                (today && t >= h.start) || (yesterday && t < h.end)
            }
        }
    }

    fn start_on(self, date: Date, local: &ZonedDateTime) -> Option<ZonedDateTime> {
        if !self.days.contains(date.weekday()) {
            return None;
        }
        let start = self.hours.map_or(Time::midnight(), |h| h.start);
        date.to_datetime(start)
            .to_zoned_datetime(local.time_zone().clone())
            .ok()
    }

    /// `None` when `local` is inside a window; otherwise when the next one starts.
    #[must_use]
    pub fn next_start(self, local: &ZonedDateTime) -> Option<ZonedDateTime> {
        if self.contains(local) {
            return None;
        }
        self.first_start_from(local, 0)
    }

    /// When the window `local` is in closes; `None` outside windows, or when they never
    /// close (no hours, every day).
    #[must_use]
    pub fn end_after(self, local: &ZonedDateTime) -> Option<ZonedDateTime> {
        if !self.contains(local) {
            return None;
        }
        let at = |date: Date, t: Time| {
            date.to_datetime(t)
                .to_zoned_datetime(local.time_zone().clone())
                .ok()
        };
        let date = local.date();
        match self.hours {
            Some(h) if h.crosses_midnight() && local.time() >= h.start => {
                at(date.tomorrow().ok()?, h.end)
            }
            Some(h) => at(date, h.end),
            // Whole days: the window closes at the start of the first day without reminders.
            None => (1..8).find_map(|i| {
                let day = date.checked_add(jiff::Span::new().days(i)).ok()?;
                if self.days.contains(day.weekday()) {
                    return None;
                }
                at(day, Time::midnight())
            }),
        }
        .filter(|end| end > local)
    }

    /// "Until tomorrow": the first window start on a later local day than `local`'s (when
    /// working hours begin on the next working day), or, with no working hours set,
    /// [`MORNING`] on the next reminder day. The app, `status` and `remind` all word this moment.
    #[must_use]
    pub fn start_tomorrow(self, local: &ZonedDateTime) -> ZonedDateTime {
        let tz = local.time_zone().clone();
        let morning =
            |z: ZonedDateTime| z.date().to_datetime(MORNING).to_zoned_datetime(tz.clone());
        self.first_start_from(local, 1)
            .and_then(|z| {
                if self.hours.is_some() {
                    Some(z)
                } else {
                    morning(z).ok()
                }
            })
            .or_else(|| {
                local
                    .date()
                    .tomorrow()
                    .ok()?
                    .to_datetime(MORNING)
                    .to_zoned_datetime(local.time_zone().clone())
                    .ok()
            })
            .unwrap_or_else(|| local.clone())
    }

    /// The first window start on `local`'s date plus `from` days or later (within a week).
    fn first_start_from(self, local: &ZonedDateTime, from: i64) -> Option<ZonedDateTime> {
        (from..from + 8).find_map(|i| {
            let date = local.date().checked_add(jiff::Span::new().days(i)).ok()?;
            self.start_on(date, local).filter(|z| z > local)
        })
    }
}

/// The `Moment` at which local time `target` arrives, measured from (`now`, `local`).
#[must_use]
pub fn moment_at(now: Moment, local: &ZonedDateTime, target: &ZonedDateTime) -> Moment {
    let ahead = target.timestamp().duration_since(local.timestamp());
    now + Duration::try_from(ahead).unwrap_or(Duration::ZERO)
}
