//! Step durations: a fixed length (`"30s"`, `"1m 30s"`) or a range (`"30s..60s"`).
//! Pure.

use std::fmt;
use std::time::Duration;

pub const MIN_DURATION: Duration = Duration::from_secs(1);
pub const MAX_DURATION: Duration = Duration::from_secs(4 * 60 * 60);

/// How long a phase runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timing {
    Fixed(Duration),
    /// Runs at least `min`; after that the user may release it; ends by itself at `max`.
    Range {
        min: Duration,
        max: Duration,
    },
}

impl Timing {
    /// The earliest the phase may end.
    #[must_use]
    pub fn min(self) -> Duration {
        match self {
            Timing::Fixed(d) => d,
            Timing::Range { min, .. } => min,
        }
    }

    /// The latest the phase ends by itself.
    #[must_use]
    pub fn max(self) -> Duration {
        match self {
            Timing::Fixed(d) => d,
            Timing::Range { max, .. } => max,
        }
    }

    #[must_use]
    pub fn is_range(self) -> bool {
        matches!(self, Timing::Range { .. })
    }
}

impl fmt::Display for Timing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Timing::Fixed(d) => f.write_str(&format_duration(*d)),
            Timing::Range { min, max } => {
                write!(f, "{}–{}", format_duration(*min), format_duration(*max))
            }
        }
    }
}

/// Why a duration string was rejected. The message says what to write instead.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TimingError {
    #[error("cannot read `{0}` as a duration")]
    Unparseable(String),
    #[error("`{0}` is shorter than the minimum of 1s")]
    TooShort(String),
    #[error("`{0}` is longer than the maximum of 4h")]
    TooLong(String),
    #[error("the range `{0}` must go from a shorter to a longer duration")]
    NotIncreasing(String),
}

impl TimingError {
    #[must_use]
    pub fn hint(&self) -> &'static str {
        match self {
            TimingError::Unparseable(_) => {
                "write a duration like \"30s\", \"20m\" or \"1m 30s\", or a range like \"30s..60s\""
            }
            TimingError::TooShort(_) | TimingError::TooLong(_) => {
                "durations go from \"1s\" to \"4h\""
            }
            TimingError::NotIncreasing(_) => "write the shorter duration first, as in \"30s..60s\"",
        }
    }
}

/// Parses one duration within `[lo, hi]` ("30s", "20m", "1m 30s", "1h").
///
/// # Errors
/// When the text is not a duration or lies outside the bounds.
pub fn parse_duration_within(
    text: &str,
    lo: Duration,
    hi: Duration,
) -> Result<Duration, TimingError> {
    let t = text.trim();
    if t.is_empty() || t.len() > 64 {
        // Echo at most a little of a huge value: the message is for a person to read.
        return Err(TimingError::Unparseable(crate::text::echo(text)));
    }
    let d = humantime::parse_duration(t)
        .map_err(|_| TimingError::Unparseable(crate::text::echo(text)))?;
    if d < lo {
        return Err(TimingError::TooShort(crate::text::echo(text)));
    }
    if d > hi {
        return Err(TimingError::TooLong(crate::text::echo(text)));
    }
    Ok(d)
}

/// Parses a step duration: fixed or `MIN..MAX`, each from 1 s to 4 h.
///
/// # Errors
/// When the text is not a duration or range, is out of bounds, or the range does not increase.
pub fn parse_timing(text: &str) -> Result<Timing, TimingError> {
    match text.split_once("..") {
        None => Ok(Timing::Fixed(parse_duration_within(
            text,
            MIN_DURATION,
            MAX_DURATION,
        )?)),
        Some((lo, hi)) => {
            let min = parse_duration_within(lo, MIN_DURATION, MAX_DURATION)?;
            let max = parse_duration_within(hi, MIN_DURATION, MAX_DURATION)?;
            if min >= max {
                return Err(TimingError::NotIncreasing(crate::text::echo(text)));
            }
            Ok(Timing::Range { min, max })
        }
    }
}

/// `m:ss`, or `h:mm:ss` from an hour up. Sub-second parts round up so that a countdown
/// shows `0:01` until the very end.
#[must_use]
pub fn format_clock(d: Duration) -> String {
    let secs = d.as_secs() + u64::from(d.subsec_nanos() > 0);
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A compact human duration: `30s`, `1m 30s`, `20m`, `1h 5m`.
#[must_use]
pub fn format_duration(d: Duration) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_fixed_and_range() {
        assert_eq!(
            parse_timing("30s"),
            Ok(Timing::Fixed(Duration::from_secs(30)))
        );
        assert_eq!(
            parse_timing("1m 30s"),
            Ok(Timing::Fixed(Duration::from_secs(90)))
        );
        assert_eq!(
            parse_timing("30s..60s"),
            Ok(Timing::Range {
                min: Duration::from_secs(30),
                max: Duration::from_secs(60)
            })
        );
    }

    #[test]
    fn rejects_bounds_and_reversed_ranges() {
        assert!(matches!(parse_timing("0s"), Err(TimingError::TooShort(_))));
        assert!(matches!(parse_timing("5h"), Err(TimingError::TooLong(_))));
        assert!(matches!(
            parse_timing("60s..30s"),
            Err(TimingError::NotIncreasing(_))
        ));
        assert!(matches!(
            parse_timing("30s..30s"),
            Err(TimingError::NotIncreasing(_))
        ));
        assert!(matches!(
            parse_timing("soon"),
            Err(TimingError::Unparseable(_))
        ));
    }

    #[test]
    fn formats_clock_rounding_up() {
        assert_eq!(format_clock(Duration::from_millis(500)), "0:01");
        assert_eq!(format_clock(Duration::from_secs(90)), "1:30");
        assert_eq!(format_clock(Duration::from_secs(3661)), "1:01:01");
        assert_eq!(format_duration(Duration::from_secs(90)), "1m 30s");
    }
}
