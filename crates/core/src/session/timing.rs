//! Step durations: a fixed length (`"30s"`, `"1m 30s"`) or a range (`"30s..60s"`), read by
//! the one duration parser (`crate::duration`) with the session file's bounds and words.
//! Pure.

use std::fmt;
use std::time::Duration;

use crate::duration::{self, Length, ParseError, Slip};

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
            Timing::Fixed(d) => f.write_str(&duration::compact(*d)),
            Timing::Range { min, max } => {
                write!(f, "{}–{}", duration::compact(*min), duration::compact(*max))
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

impl TimingError {
    /// The hint for `text`, which gave this error: a number with no unit and a range with
    /// two equal ends get their own.
    #[must_use]
    pub fn hint_for(&self, text: &str) -> String {
        let bare = text.trim();
        // (A short number only: the hint echoes it.)
        if matches!(self, TimingError::Unparseable(_))
            && (1..=6).contains(&bare.len())
            && bare.bytes().all(|b| b.is_ascii_digit())
        {
            return format!("add its unit, like \"{bare}s\" or \"{bare}m\"");
        }
        match (self, duration::slip(bare)) {
            (TimingError::Unparseable(_), Some(Slip::UnitTwice)) => {
                "name each unit once, like \"2m\" or \"1m 30s\"".to_string()
            }
            (TimingError::TooLong(_), Some(Slip::Months)) => {
                "`M` is months: write `m` for minutes, as in \"20m\"".to_string()
            }
            _ => self.hint_of(text).to_string(),
        }
    }

    fn hint_of(&self, text: &str) -> &'static str {
        let equal_ends = text
            .split_once("..")
            .is_some_and(|(a, b)| matches!((parse_one(a), parse_one(b)), (Ok(x), Ok(y)) if x == y));
        match self {
            TimingError::NotIncreasing(_) if equal_ends => {
                "a range needs two different ends; for a fixed length write one duration, like \"30s\""
            }
            _ => self.hint(),
        }
    }
}

impl From<ParseError> for TimingError {
    fn from(e: ParseError) -> Self {
        match e {
            ParseError::Unparseable(t) => TimingError::Unparseable(t),
            ParseError::TooShort(t) => TimingError::TooShort(t),
            ParseError::TooLong(t) => TimingError::TooLong(t),
            ParseError::NotIncreasing(t) => TimingError::NotIncreasing(t),
        }
    }
}

/// Parses a step duration: fixed or `MIN..MAX`, each from 1 s to 4 h.
///
/// # Errors
/// When the text is not a duration or range, is out of bounds, or the range does not increase.
pub fn parse_timing(text: &str) -> Result<Timing, TimingError> {
    Ok(
        match duration::parse_length(text, MIN_DURATION, MAX_DURATION)? {
            Length::One(d) => Timing::Fixed(d),
            Length::Range { min, max } => Timing::Range { min, max },
        },
    )
}

/// One step duration (a `rest`), from 1 s to 4 h.
///
/// # Errors
/// When the text is not a duration or is out of bounds.
pub fn parse_one(text: &str) -> Result<Duration, TimingError> {
    Ok(duration::parse_within(text, MIN_DURATION, MAX_DURATION)?)
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
    fn a_number_without_its_unit_is_told_to_add_one() {
        let err = parse_timing("90").unwrap_err();
        assert_eq!(err.hint_for("90"), "add its unit, like \"90s\" or \"90m\"");
        let err = parse_timing("soon").unwrap_err();
        assert!(err.hint_for("soon").starts_with("write a duration like"));
    }
}
