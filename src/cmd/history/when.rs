//! The `--since` / `--until` values: a local date (or `today`, `yesterday`), an RFC 3339
//! time, or a span back from now.

use jiff::civil::Date;
use jiff::{Timestamp, ZonedDateTime};

use crate::history::stats::{days_after, start_of_day};
use crate::text::SafeText;

/// Which end of a range a value stands for: a bare date is the start of that day for
/// `--since`, and the end of it (the next midnight) for `--until`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    Start,
    End,
}

/// `YYYY-MM-DD` (local), `today` or `yesterday` (dates too), an RFC 3339 time, or a span
/// back from `now` such as `4w`, `30d`, `12h` (`humantime` units).
///
/// # Errors
/// A message naming the flag, the value and the accepted forms.
pub fn parse_when(
    value: &str,
    flag: &str,
    edge: Edge,
    now: &ZonedDateTime,
) -> Result<Timestamp, String> {
    let value = value.trim();
    let tz = now.time_zone();
    // Only a bare date is a date: jiff would also read the date part of "…T09:00" and drop the
    // time, which would silently widen the range.
    let bare_date = value.len() == 10 && value.bytes().all(|b| b.is_ascii_digit() || b == b'-');
    let named = if value.eq_ignore_ascii_case("today") {
        Some(now.date())
    } else if value.eq_ignore_ascii_case("yesterday") {
        Some(days_after(now.date(), -1))
    } else {
        None
    };
    let date = named.or_else(|| bare_date.then(|| value.parse::<Date>().ok()).flatten());
    if let Some(date) = date {
        let day = if edge == Edge::End {
            days_after(date, 1)
        } else {
            date
        };
        return Ok(start_of_day(day, tz));
    }
    if let Ok(at) = value.parse::<Timestamp>() {
        return Ok(at);
    }
    if value.starts_with(|c: char| c.is_ascii_digit())
        && let Ok(span) = humantime::parse_duration(value)
        && let Ok(span) = jiff::SignedDuration::try_from(span)
        && let Ok(at) = now.timestamp().checked_sub(span)
    {
        return Ok(at);
    }
    Err(format!(
        "{flag} \"{}\" is not a date (YYYY-MM-DD, today, yesterday), an RFC 3339 time \
         (e.g. 2026-01-05T09:00:00Z) or a span back from now (e.g. 4w, 30d, 12h)",
        SafeText::new(value)
    ))
}

#[cfg(test)]
mod tests {
    use jiff::tz::TimeZone;

    use super::*;

    fn now() -> ZonedDateTime {
        "2026-01-20T12:00:00Z"
            .parse::<Timestamp>()
            .unwrap()
            .to_zoned_datetime(TimeZone::fixed(jiff::tz::offset(2)))
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn dates_times_and_spans() {
        let when = |v, edge| parse_when(v, "--since", edge, &now());
        assert_eq!(
            when("2026-01-05", Edge::Start).unwrap(),
            ts("2026-01-04T22:00:00Z")
        );
        assert_eq!(
            when("2026-01-05", Edge::End).unwrap(),
            ts("2026-01-05T22:00:00Z")
        );
        assert_eq!(
            when("2026-01-05T09:00:00+01:00", Edge::Start).unwrap(),
            ts("2026-01-05T08:00:00Z")
        );
        assert_eq!(when("4w", Edge::Start).unwrap(), ts("2025-12-23T12:00:00Z"));
        assert_eq!(
            when("30d", Edge::Start).unwrap(),
            ts("2025-12-21T12:00:00Z")
        );
    }

    #[test]
    fn today_and_yesterday_are_local_dates() {
        // Now is 14:00 on the 20th at UTC+2: the local day began at 22:00 UTC on the 19th.
        for (value, edge, at) in [
            ("today", Edge::Start, "2026-01-19T22:00:00Z"),
            ("today", Edge::End, "2026-01-20T22:00:00Z"),
            ("Yesterday", Edge::Start, "2026-01-18T22:00:00Z"),
            (" yesterday ", Edge::End, "2026-01-19T22:00:00Z"),
        ] {
            let when = parse_when(value, "--since", edge, &now()).unwrap();
            assert_eq!(when, ts(at), "{value:?} {edge:?}");
        }
    }

    #[test]
    fn anything_else_is_explained() {
        for bad in [
            "tomorrow",
            "yesterday-ish",
            "2026-13-01",
            "05/01/2026",
            "",
            "2026-01-05T09:00:00",
            "w4",
        ] {
            let message = parse_when(bad, "--until", Edge::End, &now()).unwrap_err();
            assert!(
                message.contains("YYYY-MM-DD") && message.contains("--until"),
                "{message}"
            );
        }
    }
}
