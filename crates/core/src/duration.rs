//! The one duration formatter, with a named form for each way knotless shows a length, and
//! the one parser of "X" and "X..Y" (session timings, reminder intervals and spans).
//! Pure.
//!
//! Every form but `compact` counts a started second as a whole one, so a countdown shows
//! `0:01`, "1 s" or "1 second" until the very end; `compact` writes values back as they
//! were written (config, session lengths) and so drops sub-second parts.

use std::time::Duration;

/// Whole seconds, a started second counted as one.
fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

/// `m:ss`, or `h:mm:ss` from an hour up: countdowns and times spent.
#[must_use]
pub fn clock(d: Duration) -> String {
    let secs = ceil_secs(d);
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// `30s`, `1m 30s`, `20m`, `1h 5m`: what a user writes, and reads back.
#[must_use]
pub fn compact(d: Duration) -> String {
    let secs = d.as_secs();
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(format!("{h}h"));
    }
    if m > 0 {
        parts.push(format!("{m}m"));
    }
    if s > 0 || parts.is_empty() {
        parts.push(format!("{s}s"));
    }
    parts.join(" ")
}

/// "23 min" (minutes rounded up), "45 s" in the last minute, "2 h 5 min" past an hour and a
/// half: the app's header, remind's log.
#[must_use]
pub fn minutes(left: Duration) -> String {
    rounded(left, [" h", " min", " s"])
}

/// "23m", "45s" or "2h 5m": [`minutes`] for status bars.
#[must_use]
pub fn minutes_short(left: Duration) -> String {
    rounded(left, ["h", "m", "s"])
}

/// Past this many minutes a wait reads in hours and minutes ("in 1440 min" says little).
const HOURS_AFTER_MINUTES: u64 = 90;

/// Whole minutes rounded up (hours and minutes past [`HOURS_AFTER_MINUTES`]), or whole
/// seconds in the last minute, with their units. It changes once a minute either way, as
/// [`minutes_next_change`] says.
fn rounded(left: Duration, [hour, minute, second]: [&str; 3]) -> String {
    let secs = ceil_secs(left);
    let mins = secs.div_ceil(60);
    if secs <= 60 {
        format!("{secs}{second}")
    } else if mins <= HOURS_AFTER_MINUTES {
        format!("{mins}{minute}")
    } else if mins.is_multiple_of(60) {
        format!("{}{hour}", mins / 60)
    } else {
        format!("{}{hour} {}{minute}", mins / 60, mins % 60)
    }
}

/// How long until [`minutes`] (and [`minutes_short`]) of a shrinking `left` changes: the
/// next whole second in the last minute, the next whole minute before it. `None` at zero.
#[must_use]
pub fn minutes_next_change(left: Duration) -> Option<Duration> {
    if left.is_zero() {
        return None;
    }
    let minute: u128 = 60_000_000_000;
    let nanos = left.as_nanos();
    if nanos <= minute {
        let frac = Duration::from_nanos(u64::from(left.subsec_nanos()));
        return Some(if frac.is_zero() {
            Duration::from_secs(1)
        } else {
            frac
        });
    }
    // Shown as ceil(left / 60 s) minutes: it changes when `left` drops to the multiple below.
    let shown = nanos.div_ceil(minute);
    let wait = nanos - (shown - 1) * minute;
    Some(Duration::from_nanos(
        u64::try_from(wait).unwrap_or(u64::MAX),
    ))
}

/// "just now" under a minute, then "3 min ago" (whole minutes, rounded down): how long ago
/// something ended.
#[must_use]
pub fn ago(d: Duration) -> String {
    if d < Duration::from_secs(60) {
        "just now".to_string()
    } else {
        format!("{} min ago", d.as_secs() / 60)
    }
}

/// "30 seconds", "1 minute", "1 minute 30 seconds", "1 hour 5 minutes": said aloud and in
/// plain mode.
#[must_use]
pub fn words(d: Duration) -> String {
    let secs = ceil_secs(d);
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    let unit = |n: u64, name: &str| {
        if n == 1 {
            format!("1 {name}")
        } else {
            format!("{n} {name}s")
        }
    };
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(unit(h, "hour"));
    }
    if m > 0 {
        parts.push(unit(m, "minute"));
    }
    if s > 0 || parts.is_empty() {
        parts.push(unit(s, "second"));
    }
    parts.join(" ")
}

/// One length, or a range from a shorter to a longer one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Length {
    One(Duration),
    Range { min: Duration, max: Duration },
}

/// Why a duration was rejected; each carries the text as echoed back (short, sanitized).
/// The callers word the message for their own file and bounds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    Unparseable(String),
    TooShort(String),
    TooLong(String),
    /// A range whose first end is not shorter than its second.
    NotIncreasing(String),
}

/// One duration within `[lo, hi]` ("30s", "20m", "1m 30s", "1h").
///
/// # Errors
/// When the text is not a duration or lies outside the bounds.
pub fn parse_within(text: &str, lo: Duration, hi: Duration) -> Result<Duration, ParseError> {
    let t = text.trim();
    if t.is_empty() || t.len() > 64 {
        // Echo at most a little of a huge value: the message is for a person to read.
        return Err(ParseError::Unparseable(crate::text::echo(text)));
    }
    let d = humantime::parse_duration(t)
        .ok()
        .filter(|_| !repeats_a_unit(t))
        .ok_or_else(|| ParseError::Unparseable(crate::text::echo(text)))?;
    if d < lo {
        return Err(ParseError::TooShort(crate::text::echo(text)));
    }
    if d > hi {
        return Err(ParseError::TooLong(crate::text::echo(text)));
    }
    Ok(d)
}

/// A slip a rejected duration's text shows, for the hint that names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slip {
    /// A unit named twice ("1m 1m"): refused as unreadable.
    UnitTwice,
    /// `M`, which humantime reads as months ("1M"): refused as too long.
    Months,
}

/// The slip `text` (as given, or as echoed in an error) shows, if any.
#[must_use]
pub fn slip(text: &str) -> Option<Slip> {
    if repeats_a_unit(text) {
        Some(Slip::UnitTwice)
    } else if text.contains('M') {
        Some(Slip::Months)
    } else {
        None
    }
}

/// Whether `text` names a unit twice ("1m 1m", "30s 10sec"): humantime adds the parts up,
/// but a length written so is a slip more likely than a sum.
fn repeats_a_unit(text: &str) -> bool {
    let mut seen = Vec::new();
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        let unit = match word {
            "nsec" | "ns" => "ns",
            "usec" | "us" | "µs" => "us",
            "msec" | "ms" => "ms",
            "seconds" | "second" | "secs" | "sec" | "s" => "s",
            "minutes" | "minute" | "mins" | "min" | "m" => "m",
            "hours" | "hour" | "hrs" | "hr" | "h" => "h",
            "days" | "day" | "d" => "d",
            "weeks" | "week" | "w" => "w",
            "months" | "month" | "M" => "M",
            "years" | "year" | "y" => "y",
            other => other,
        };
        if seen.contains(&unit) {
            return true;
        }
        seen.push(unit);
    }
    false
}

/// "X" or "X..Y", each end within `[lo, hi]`, a range increasing.
///
/// # Errors
/// As [`parse_within`] for either end; `NotIncreasing` for a range that does not grow.
pub fn parse_length(text: &str, lo: Duration, hi: Duration) -> Result<Length, ParseError> {
    match text.split_once("..") {
        None => Ok(Length::One(parse_within(text, lo, hi)?)),
        // "30s.." or "..60s": echo the whole range, not its empty end.
        Some((a, b)) if a.trim().is_empty() || b.trim().is_empty() => {
            Err(ParseError::Unparseable(crate::text::echo(text)))
        }
        Some((a, b)) => {
            let (min, max) = (parse_within(a, lo, hi)?, parse_within(b, lo, hi)?);
            if min >= max {
                return Err(ParseError::NotIncreasing(crate::text::echo(text)));
            }
            Ok(Length::Range { min, max })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: fn(u64) -> Duration = Duration::from_secs;

    #[test]
    fn each_form() {
        assert_eq!(clock(Duration::from_millis(500)), "0:01");
        assert_eq!(clock(S(90)), "1:30");
        assert_eq!(clock(S(3661)), "1:01:01");
        assert_eq!(compact(S(90)), "1m 30s");
        assert_eq!(compact(S(3900)), "1h 5m");
        assert_eq!(compact(Duration::ZERO), "0s");
        assert_eq!(minutes(S(61)), "2 min");
        assert_eq!(minutes(S(90 * 60)), "90 min");
        assert_eq!(minutes(S(90 * 60 + 1)), "1 h 31 min");
        assert_eq!(minutes(S(24 * 3600)), "24 h");
        assert_eq!(minutes_short(S(2 * 3600 + 5 * 60)), "2h 5m");
        assert_eq!(minutes(S(60)), "60 s");
        assert_eq!(minutes_short(Duration::from_millis(28_100)), "29s");
        assert_eq!(minutes_short(S(23 * 60)), "23m");
        assert_eq!(ago(S(59)), "just now");
        assert_eq!(ago(S(179)), "2 min ago");
        assert_eq!(words(S(1)), "1 second");
        assert_eq!(words(S(30)), "30 seconds");
        assert_eq!(words(S(60)), "1 minute");
        assert_eq!(words(S(90)), "1 minute 30 seconds");
        assert_eq!(words(S(3900)), "1 hour 5 minutes");
    }

    #[test]
    fn the_minutes_form_changes_when_it_says_it_does() {
        for left in [
            S(61),
            S(90),
            S(600),
            S(3 * 3600 + 7),
            Duration::from_millis(59_500),
            S(30),
        ] {
            let wait = minutes_next_change(left).unwrap();
            assert_ne!(minutes(left - wait), minutes(left), "{left:?}");
            let just_before = wait - Duration::from_nanos(1);
            assert_eq!(minutes(left - just_before), minutes(left), "{left:?}");
        }
        assert_eq!(minutes_next_change(Duration::ZERO), None);
    }

    #[test]
    fn parses_one_or_a_range_within_bounds() {
        let (lo, hi) = (S(1), S(4 * 3600));
        assert_eq!(parse_length("1m 30s", lo, hi), Ok(Length::One(S(90))));
        assert_eq!(
            parse_length("30s..60s", lo, hi),
            Ok(Length::Range {
                min: S(30),
                max: S(60)
            })
        );
        assert!(matches!(
            parse_length("0s", lo, hi),
            Err(ParseError::TooShort(_))
        ));
        assert!(matches!(
            parse_length("5h", lo, hi),
            Err(ParseError::TooLong(_))
        ));
        assert!(matches!(
            parse_length("30s..30s", lo, hi),
            Err(ParseError::NotIncreasing(_))
        ));
        assert!(matches!(
            parse_length("soon", lo, hi),
            Err(ParseError::Unparseable(_))
        ));
        // A unit named twice is a slip, not a sum; each unit once, in any order, is fine.
        for text in ["1m 1m", "30s 10sec", "1h 2hours", "1m 30s 5m"] {
            assert_eq!(
                parse_length(text, lo, hi),
                Err(ParseError::Unparseable(text.to_string())),
                "{text}"
            );
        }
        assert_eq!(parse_length("2m30s", lo, hi), Ok(Length::One(S(150))));
        assert_eq!(parse_length("1h 90m", lo, hi), Ok(Length::One(S(9000))));
        assert_eq!(
            parse_length("1ms 1m", lo, hi),
            Ok(Length::One(S(60) + Duration::from_millis(1)))
        );
        // A range with an end left out is echoed whole.
        for text in ["30s..", "..60s", " .. "] {
            assert_eq!(
                parse_length(text, lo, hi),
                Err(ParseError::Unparseable(text.to_string()))
            );
        }
    }
}
