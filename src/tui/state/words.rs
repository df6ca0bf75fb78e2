//! The header's break-status words, from the one wording the status bars share
//! (`status::ReminderState::words`), and when they change by themselves.

use std::time::Duration;

use crate::clock::Moment;
use crate::remind::schedule::ScheduleStatus;
use crate::status::model::Wording;
use crate::status::{ReminderState, WallAnchor};

/// "next break in 23 min", "breaks paused until Tue 09:00", ...
#[must_use]
pub fn describe_status(
    status: &ScheduleStatus,
    now: Moment,
    wall: jiff::Timestamp,
    zone: &jiff::tz::TimeZone,
) -> String {
    let anchor = WallAnchor { moment: now, wall };
    ReminderState::from_schedule(status, &anchor).words(wall, zone, Wording::Screen)
}

/// The local clock time (`HH:MM`, with the weekday if not today) of a moment.
#[must_use]
pub fn clock_time(
    at: Moment,
    now: Moment,
    wall: jiff::Timestamp,
    zone: &jiff::tz::TimeZone,
) -> String {
    let at = wall.checked_add(at - now).unwrap_or(wall);
    crate::status::model::clock_time(at, wall, zone)
}

/// "paused until Tue 09:00" drops its weekday when the local day turns: wake then, and not
/// once an hour before it.
#[must_use]
pub fn until_local_midnight(wall: jiff::Timestamp, zone: &jiff::tz::TimeZone) -> Option<Duration> {
    let today = wall.to_zoned_datetime(zone.clone()).date();
    let midnight = today
        .tomorrow()
        .ok()?
        .to_zoned_datetime(zone.clone())
        .ok()?;
    Duration::try_from(midnight.timestamp().duration_since(wall)).ok()
}
