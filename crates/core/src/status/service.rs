//! What `knotless remind` says about itself: one line when it starts (the next break and the
//! working hours) and one whenever the schedule's state changes (a break came due and the
//! clock restarted, outside working hours and when they resume, paused and until when).
//! Pure: the state, the time and the zone come in.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::model::{ReminderState, Wording};
use crate::remind::settings::{DAY_NAMES, Days, ReminderSettings};

/// "next break at 10:42, in 45 min", "outside working hours: breaks resume Thu 09:00",
/// "breaks paused until Thu 08:00": the status's one wording, in its log form.
#[must_use]
pub fn state_line(state: &ReminderState, now: Timestamp, zone: &TimeZone) -> String {
    state.words(now, zone, Wording::Log)
}

/// "working hours 09:00–17:30 Mon–Fri", "every 45 min, any time, every day".
#[must_use]
pub fn hours_line(settings: &ReminderSettings) -> String {
    let hours = settings.hours.map_or_else(
        || "any time".to_string(),
        |h| {
            format!(
                "working hours {}–{}",
                h.start.strftime("%H:%M"),
                h.end.strftime("%H:%M")
            )
        },
    );
    format!("{hours}, {}", days_words(settings.days))
}

/// "every day", "Mon–Fri", "Mon, Wed, Fri".
#[must_use]
pub fn days_words(days: Days) -> String {
    let on: Vec<usize> = (0..7).filter(|&i| days.contains(weekday(i))).collect();
    let name = |i: usize| crate::text::capitalised(DAY_NAMES[i]);
    match on.as_slice() {
        [] => "no days".to_string(),
        [_, _, _, _, _, _, _] => "every day".to_string(),
        [first, .., last] if last - first + 1 == on.len() && on.len() > 2 => {
            format!("{}–{}", name(*first), name(*last))
        }
        _ => on.iter().map(|&i| name(i)).collect::<Vec<_>>().join(", "),
    }
}

fn weekday(i: usize) -> jiff::civil::Weekday {
    jiff::civil::Weekday::from_monday_one_offset(i8::try_from(i + 1).unwrap_or(1))
        .unwrap_or(jiff::civil::Weekday::Monday)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(name: &str, at: &str) -> ReminderState {
        ReminderState {
            state: name.to_string(),
            at: Some(at.to_string()),
        }
    }

    #[test]
    fn lines_name_the_clock_time_and_what_is_left() {
        let now: Timestamp = "2026-01-05T10:00:00Z".parse().unwrap();
        let zone = TimeZone::UTC;
        let next = state("next_break", "2026-01-05T10:45:00Z");
        assert_eq!(
            state_line(&next, now, &zone),
            "next break at 10:45, in 45 min"
        );
        let paused = state("paused", "2026-01-06T08:00:00Z");
        assert_eq!(
            state_line(&paused, now, &zone),
            "breaks paused until Tue 08:00"
        );
        let out = state("outside_hours", "2026-01-06T09:00:00Z");
        assert_eq!(
            state_line(&out, now, &zone),
            "outside working hours: breaks resume Tue 09:00"
        );
        let ending = state("hours_end", "2026-01-06T09:00:00Z");
        assert_eq!(
            state_line(&ending, now, &zone),
            "working hours end before the next break: breaks resume Tue 09:00"
        );
        assert_eq!(
            ending.words(now, &zone, Wording::Screen),
            "breaks resume Tue 09:00"
        );
        assert_eq!(ending.next_break(now), None, "no break to count down to");
    }

    #[test]
    fn days_read_as_ranges_or_lists() {
        let pick = |names: &[&str]| {
            names
                .iter()
                .fold(Days::NONE, |d, n| d.with(Days::parse_day(n).unwrap()))
        };
        assert_eq!(days_words(Days::ALL), "every day");
        assert_eq!(
            days_words(pick(&["mon", "tue", "wed", "thu", "fri"])),
            "Mon–Fri"
        );
        assert_eq!(days_words(pick(&["mon", "wed", "fri"])), "Mon, Wed, Fri");
    }
}
