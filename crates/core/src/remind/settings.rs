//! Typed reminder settings and the parsers for their values (intervals, working hours, days).
//! Pure: no file system, no clock. `config.rs` turns TOML into these with located errors.

use std::fmt;
use std::time::Duration;

use jiff::civil::{Time, Weekday};

use crate::diag::{Quote, listed, suggest};
use crate::duration::{self, Length, ParseError, Slip, slip};
use crate::text::SafeText;

/// Shortest interval, snooze or natural break (handy for tests and demos).
pub const MIN_SPAN: Duration = Duration::from_secs(1);
/// Longest interval, snooze or natural break.
pub const MAX_SPAN: Duration = Duration::from_secs(24 * 60 * 60);

/// How long between two reminders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interval {
    Fixed(Duration),
    /// Each interval is drawn uniformly in `min..=max`.
    Range {
        min: Duration,
        max: Duration,
    },
}

impl Interval {
    /// Parses `"45m"` or `"30m..60m"`, each part from 1 s to 24 h.
    ///
    /// # Errors
    /// When a part is not a duration, is out of bounds, or the range does not increase.
    pub fn parse(text: &str) -> Result<Interval, SettingError> {
        match duration::parse_length(text, MIN_SPAN, MAX_SPAN).map_err(SettingError::from)? {
            Length::One(d) => Ok(Interval::Fixed(d)),
            Length::Range { min, max } => Ok(Interval::Range { min, max }),
        }
    }

    /// The next interval: fixed, or drawn uniformly (millisecond steps) inside the range.
    pub fn draw(self, rng: &mut fastrand::Rng) -> Duration {
        match self {
            Interval::Fixed(d) => d,
            Interval::Range { min, max } => {
                let lo = u64::try_from(min.as_millis()).unwrap_or(u64::MAX);
                let hi = u64::try_from(max.as_millis()).unwrap_or(u64::MAX);
                Duration::from_millis(rng.u64(lo..=hi))
            }
        }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Interval::Fixed(d) => f.write_str(&duration::compact(*d)),
            Interval::Range { min, max } => {
                write!(
                    f,
                    "{}..{}",
                    duration::compact(*min),
                    duration::compact(*max)
                )
            }
        }
    }
}

/// A duration from 1 s to 24 h (`"10m"`, `"1h 30m"`).
///
/// # Errors
/// When the text is not a duration or lies outside the bounds.
pub fn parse_span(text: &str) -> Result<Duration, SettingError> {
    Ok(duration::parse_within(text, MIN_SPAN, MAX_SPAN)?)
}

impl From<ParseError> for SettingError {
    fn from(e: ParseError) -> Self {
        match e {
            ParseError::Unparseable(t) => SettingError::NotADuration(t),
            ParseError::TooShort(t) => SettingError::TooShort(t),
            ParseError::TooLong(t) => SettingError::TooLong(t),
            ParseError::NotIncreasing(t) => SettingError::RangeNotIncreasing(t),
        }
    }
}

/// The local hours in which reminders fire. `start > end` crosses midnight; a window belongs
/// to the day it starts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkingHours {
    pub start: Time,
    pub end: Time,
}

impl WorkingHours {
    /// Parses `"09:00..18:00"` (or `"22:00..06:00"`).
    ///
    /// # Errors
    /// When either side is not `HH:MM` or both are equal.
    pub fn parse(text: &str) -> Result<WorkingHours, SettingError> {
        let bad = || SettingError::BadHours(crate::text::echo(text));
        let (a, b) = text.split_once("..").ok_or_else(bad)?;
        let (start, end) = (
            parse_hhmm(a).ok_or_else(bad)?,
            parse_hhmm(b).ok_or_else(bad)?,
        );
        if start == end {
            return Err(SettingError::EmptyHours(crate::text::echo(text)));
        }
        Ok(WorkingHours { start, end })
    }

    #[must_use]
    pub fn crosses_midnight(self) -> bool {
        self.start > self.end
    }
}

impl fmt::Display for WorkingHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}..{}",
            self.start.strftime("%H:%M"),
            self.end.strftime("%H:%M")
        )
    }
}

/// Working hours written with a dash or "to" between two good times ("09:00-17:00").
fn dashed_hours(text: &str) -> Option<WorkingHours> {
    ["-", "\u{2013}", "\u{2014}", " to "]
        .iter()
        .find_map(|dash| {
            let (a, b) = text.split_once(dash)?;
            let (start, end) = (parse_hhmm(a)?, parse_hhmm(b)?);
            (start != end).then_some(WorkingHours { start, end })
        })
}

fn parse_hhmm(text: &str) -> Option<Time> {
    let (h, m) = text.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (i8, i8) = (h.parse().ok()?, m.parse().ok()?);
    Time::new(h, m, 0, 0).ok()
}

/// A set of weekdays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Days(u8);

/// Day names as written in the config, Monday first.
pub const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl Days {
    pub const ALL: Days = Days(0x7f);
    pub const NONE: Days = Days(0);

    #[must_use]
    pub fn with(self, day: Weekday) -> Days {
        Days(self.0 | 1 << day.to_monday_zero_offset())
    }

    #[must_use]
    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.to_monday_zero_offset()) != 0
    }

    #[must_use]
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Parses `"mon"` or `"monday"` (any case).
    ///
    /// # Errors
    /// When the name is not a day.
    pub fn parse_day(text: &str) -> Result<Weekday, SettingError> {
        let t = text.trim().to_ascii_lowercase();
        const FULL: [&str; 7] = [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ];
        (0..7i8)
            .find(|&i| {
                let i = usize::try_from(i).unwrap_or(0);
                t == DAY_NAMES[i] || t == FULL[i]
            })
            .and_then(|i| Weekday::from_monday_zero_offset(i).ok())
            .ok_or_else(|| SettingError::UnknownDay(crate::text::echo(text)))
    }
}

/// The `[reminders]` table, validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReminderSettings {
    pub enabled: bool,
    pub every: Interval,
    pub snooze: Duration,
    /// `None`: all day.
    pub hours: Option<WorkingHours>,
    /// `Days::ALL` when omitted.
    pub days: Days,
    /// A gap this long (suspend, stopped process) counts as a break.
    pub natural_break: Duration,
    /// The session "Start stretch" opens.
    pub session: SafeText,
    pub sound: bool,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        ReminderSettings {
            enabled: true,
            every: Interval::Fixed(Duration::from_secs(45 * 60)),
            snooze: Duration::from_secs(10 * 60),
            hours: None,
            days: Days::ALL,
            natural_break: Duration::from_secs(5 * 60),
            session: "desk-break".into(),
            sound: true,
        }
    }
}

/// Why a reminder setting was rejected. `hint` says what to write instead.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SettingError {
    #[error("cannot read \"{0}\" as a duration")]
    NotADuration(String),
    #[error("\"{0}\" is shorter than the minimum of 1s")]
    TooShort(String),
    #[error("\"{0}\" is longer than the maximum of 24h")]
    TooLong(String),
    #[error("the range \"{0}\" must go from a shorter to a longer duration")]
    RangeNotIncreasing(String),
    #[error("cannot read \"{0}\" as working hours")]
    BadHours(String),
    #[error("the working hours \"{0}\" start and end at the same time")]
    EmptyHours(String),
    #[error("unknown day \"{0}\"")]
    UnknownDay(String),
    #[error("the list of days is empty, so no reminder would ever fire")]
    NoDays,
    #[error("the session name is empty")]
    EmptySession,
    #[error("the session name is {0} characters long; the most allowed is 200")]
    LongSession(usize),
}

impl SettingError {
    #[must_use]
    pub fn hint(&self) -> String {
        match self {
            SettingError::NotADuration(text) if slip(text) == Some(Slip::UnitTwice) => {
                "name each unit once, like \"45m\" or \"1h 30m\"".into()
            }
            SettingError::NotADuration(_) => {
                "write a duration like \"45m\", \"1h 30m\" or \"90s\"".into()
            }
            SettingError::TooLong(text) if slip(text) == Some(Slip::Months) => {
                "`M` is months: write `m` for minutes, as in \"45m\"".into()
            }
            SettingError::TooShort(_) | SettingError::TooLong(_) => {
                "durations go from \"1s\" to \"24h\"".into()
            }
            SettingError::RangeNotIncreasing(_) => {
                "write the shorter duration first, as in \"30m..60m\"".into()
            }
            SettingError::BadHours(text) => match dashed_hours(text) {
                // "09:00-17:00": right times, the usual dash; say the one form that works.
                Some(hours) => format!("put `..` between the two times: \"{hours}\""),
                None => "write 24-hour times as \"HH:MM..HH:MM\", e.g. \"09:00..18:00\"".into(),
            },
            SettingError::EmptyHours(_) => "omit `hours` to be reminded all day".into(),
            SettingError::UnknownDay(name) => {
                let lower = name.to_ascii_lowercase();
                suggest(&lower, &DAY_NAMES, Quote::Str, || {
                    format!("days are {}", listed(&DAY_NAMES, Quote::Str))
                })
            }
            SettingError::NoDays => "omit `days` to be reminded every day".into(),
            SettingError::EmptySession | SettingError::LongSession(_) => {
                "name a session, e.g. \"desk-break\"".into()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_intervals_within_one_second_and_a_day() {
        assert_eq!(
            Interval::parse("45m"),
            Ok(Interval::Fixed(Duration::from_secs(2700)))
        );
        assert_eq!(
            Interval::parse("30m..60m"),
            Ok(Interval::Range {
                min: Duration::from_secs(1800),
                max: Duration::from_secs(3600)
            })
        );
        assert_eq!(
            Interval::parse("1s"),
            Ok(Interval::Fixed(Duration::from_secs(1)))
        );
        assert_eq!(Interval::parse("24h"), Ok(Interval::Fixed(MAX_SPAN)));
        assert!(matches!(
            Interval::parse("25h"),
            Err(SettingError::TooLong(_))
        ));
        assert!(matches!(
            Interval::parse("0s"),
            Err(SettingError::TooShort(_))
        ));
        assert!(matches!(
            Interval::parse("60m..30m"),
            Err(SettingError::RangeNotIncreasing(_))
        ));
        assert!(matches!(
            Interval::parse("often"),
            Err(SettingError::NotADuration(_))
        ));
        // A unit twice is a slip; `M` is months, and the hint says so.
        let twice = Interval::parse("30m 30m").unwrap_err();
        assert!(matches!(twice, SettingError::NotADuration(_)));
        assert!(
            twice.hint().starts_with("name each unit once"),
            "{}",
            twice.hint()
        );
        let months = Interval::parse("45M").unwrap_err();
        assert!(
            months.hint().starts_with("`M` is months"),
            "{}",
            months.hint()
        );
    }

    #[test]
    fn parses_hours_and_days() {
        let h = WorkingHours::parse("22:00..06:30").unwrap();
        assert!(h.crosses_midnight());
        assert_eq!(h.to_string(), "22:00..06:30");
        assert!(WorkingHours::parse("9..18").is_err());
        assert!(WorkingHours::parse("25:00..18:00").is_err());
        // The usual dash: refused, with the one form that works.
        let dashed = WorkingHours::parse("9:00-17:30").unwrap_err();
        assert_eq!(
            dashed.hint(),
            "put `..` between the two times: \"09:00..17:30\""
        );
        let spelled = WorkingHours::parse("22:00 to 06:00").unwrap_err();
        assert_eq!(
            spelled.hint(),
            "put `..` between the two times: \"22:00..06:00\""
        );
        let wrong = WorkingHours::parse("25:00-18:00").unwrap_err();
        assert!(wrong.hint().contains("HH:MM..HH:MM"), "{}", wrong.hint());
        assert!(matches!(
            WorkingHours::parse("09:00..09:00"),
            Err(SettingError::EmptyHours(_))
        ));
        assert_eq!(Days::parse_day("Monday"), Ok(Weekday::Monday));
        assert_eq!(Days::parse_day("sun"), Ok(Weekday::Sunday));
        let err = Days::parse_day("tues").unwrap_err();
        assert_eq!(err.hint(), "did you mean \"tue\"?");
        let days = Days::NONE.with(Weekday::Monday);
        assert!(days.contains(Weekday::Monday) && !days.contains(Weekday::Tuesday));
    }

    #[test]
    fn range_draws_stay_inside() {
        let mut rng = fastrand::Rng::with_seed(7);
        let range = Interval::Range {
            min: Duration::from_secs(1800),
            max: Duration::from_secs(3600),
        };
        for _ in 0..1000 {
            let d = range.draw(&mut rng);
            assert!((Duration::from_secs(1800)..=Duration::from_secs(3600)).contains(&d));
        }
    }
}
