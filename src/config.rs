//! `config.toml`: every key optional, unknown keys rejected with a located diagnostic, and
//! bad values (durations, hours, days) located at the value itself. Reads one file; no
//! other I/O. The typed result for reminders is [`ReminderSettings`]; the colour theme is
//! a [`ThemeName`] (the styles themselves live in `tui::theme`).

use std::ops::Range;
use std::path::Path;
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use crate::alert::Alerts;
use crate::diag::{Diagnostic, Quote, from_toml_error, listed, suggest};
use crate::flags::ReminderFlags;
pub use crate::flags::ThemeName;
use crate::narrate::{Chime, ChimeSet, VoiceDetail};
use crate::remind::settings::{
    Days, Interval, ReminderSettings, SettingError, WorkingHours, parse_span,
};

/// Phases at least this long that end while you are away are told on the desktop (the heat,
/// the cold pack): `away_after`.
pub const AWAY_AFTER: Duration = Duration::from_secs(2 * 60);

/// Where a TOML error with no better hint sends the reader.
const FORMAT_HELP: &str =
    "`knotless help config` lists every setting; `knotless config default` prints a whole file";

/// Config files larger than this are refused before parsing (a real one is under 1 KiB).
pub const MAX_CONFIG_BYTES: usize = 64 * 1024;

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// `theme = "..."`; `None` when the file does not say (the default theme, or mono under
    /// `NO_COLOR`).
    pub theme: Option<ThemeName>,
    pub checkin: Checkin,
    pub reminders: ReminderSettings,
    pub alerts: Alerts,
    pub voice: Voice,
    pub sound: Sound,
    /// `away_after = "2m"`: see [`AWAY_AFTER`].
    pub away_after: Duration,
}

/// `sound = true` and `sounds = [...]`: the session's chimes (`--quiet` turns them off).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sound {
    pub enabled: bool,
    pub chimes: ChimeSet,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            theme: None,
            checkin: Checkin::default(),
            reminders: ReminderSettings::default(),
            alerts: Alerts::default(),
            voice: Voice::default(),
            sound: Sound::default(),
            away_after: AWAY_AFTER,
        }
    }
}

impl Default for Sound {
    fn default() -> Self {
        Sound {
            enabled: true,
            chimes: ChimeSet::ALL,
        }
    }
}

/// `voice = true` and `voice_says = "cues" | "all"`: the spoken coach (`--voice` for a run).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Voice {
    pub enabled: bool,
    pub detail: VoiceDetail,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Checkin {
    pub enabled: bool,
}

impl Default for Checkin {
    fn default() -> Self {
        Checkin { enabled: true }
    }
}

/// The file as written, with the spans of the values we validate ourselves.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawConfig {
    theme: Option<Spanned<String>>,
    checkin: Checkin,
    reminders: RawReminders,
    alerts: Option<Spanned<Vec<Spanned<String>>>>,
    voice: Option<bool>,
    voice_says: Option<Spanned<String>>,
    sound: Option<bool>,
    sounds: Option<Spanned<Vec<Spanned<String>>>>,
    away_after: Option<Spanned<String>>,
}

/// `alerts = ["desktop", "terminal", "bell"]`: each entry located when it is wrong.
fn parse_alerts(
    path: &Path,
    src: &str,
    list: Option<&Spanned<Vec<Spanned<String>>>>,
) -> Result<Alerts, Box<Diagnostic>> {
    let Some(list) = list else {
        return Ok(Alerts::default());
    };
    let mut alerts = Alerts::NONE;
    for entry in list.get_ref() {
        alerts = alerts.with(entry.get_ref()).map_err(|e| {
            Box::new(
                Diagnostic::at_span(path, src, entry.span(), format!("alerts: {e}"))
                    .with_hint(e.hint),
            )
        })?;
    }
    Ok(alerts)
}

/// `sounds = ["phase-end", "switch", "session-end", "count-in"]`: each entry located when
/// it is wrong.
fn parse_sounds(
    path: &Path,
    src: &str,
    list: Option<&Spanned<Vec<Spanned<String>>>>,
) -> Result<ChimeSet, Box<Diagnostic>> {
    let Some(list) = list else {
        return Ok(ChimeSet::ALL);
    };
    let names: Vec<&str> = Chime::ALL.iter().map(|c| c.as_str()).collect();
    let mut set = ChimeSet::NONE;
    for entry in list.get_ref() {
        let chime = Chime::parse(entry.get_ref().trim())
            .ok_or_else(|| one_of(path, src, "sounds", entry, &names))?;
        set = set.with(chime);
    }
    Ok(set)
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawReminders {
    enabled: Option<bool>,
    every: Option<Spanned<String>>,
    snooze: Option<Spanned<String>>,
    hours: Option<Spanned<String>>,
    days: Option<Spanned<Vec<Spanned<String>>>>,
    natural_break: Option<Spanned<String>>,
    session: Option<Spanned<String>>,
    sound: Option<bool>,
}

/// The most characters in `session` (an id or a path).
pub const MAX_SESSION_NAME: usize = 200;

/// A setting error at a byte span of the file.
type Located = (Range<usize>, SettingError);

fn at<T>(
    value: &Spanned<String>,
    parse: impl FnOnce(&str) -> Result<T, SettingError>,
) -> Result<T, Located> {
    parse(value.get_ref()).map_err(|e| (value.span(), e))
}

impl RawReminders {
    fn validate(self) -> Result<ReminderSettings, Located> {
        let mut s = ReminderSettings::default();
        if let Some(v) = self.enabled {
            s.enabled = v;
        }
        if let Some(v) = &self.every {
            s.every = at(v, Interval::parse)?;
        }
        if let Some(v) = &self.snooze {
            s.snooze = at(v, parse_span)?;
        }
        if let Some(v) = &self.hours {
            s.hours = Some(at(v, WorkingHours::parse)?);
        }
        if let Some(list) = &self.days {
            let mut days = Days::NONE;
            for day in list.get_ref() {
                days = days.with(at(day, Days::parse_day)?);
            }
            if days.is_empty() {
                return Err((list.span(), SettingError::NoDays));
            }
            s.days = days;
        }
        if let Some(v) = &self.natural_break {
            s.natural_break = at(v, parse_span)?;
        }
        if let Some(v) = self.session {
            let chars = v.get_ref().chars().count();
            if chars > MAX_SESSION_NAME {
                return Err((v.span(), SettingError::LongSession(chars)));
            }
            let name = crate::text::SafeText::new(v.get_ref()).trimmed();
            if name.is_empty() {
                return Err((v.span(), SettingError::EmptySession));
            }
            s.session = name;
        }
        if let Some(v) = self.sound {
            s.sound = v;
        }
        Ok(s)
    }
}

impl Config {
    /// Parses config text.
    ///
    /// # Errors
    /// A located diagnostic for the first problem.
    pub fn parse(path: &Path, src: &str) -> Result<Config, Box<Diagnostic>> {
        if src.len() > MAX_CONFIG_BYTES {
            return Err(too_large(path));
        }
        let raw: RawConfig = toml::from_str(src)
            .map_err(|e| Box::new(from_toml_error(path, src, &e, FORMAT_HELP)))?;
        let reminders = raw.reminders.validate().map_err(|(span, err)| {
            let message = format!("[reminders]: {err}");
            Box::new(Diagnostic::at_span(path, src, span, message).with_hint(err.hint()))
        })?;
        let theme = raw.theme.map(|t| theme_at(path, src, &t)).transpose()?;
        let alerts = parse_alerts(path, src, raw.alerts.as_ref())?;
        let detail = raw
            .voice_says
            .map(|d| voice_says_at(path, src, &d))
            .transpose()?
            .unwrap_or_default();
        Ok(Config {
            theme,
            checkin: raw.checkin,
            reminders,
            alerts,
            voice: Voice {
                enabled: raw.voice.unwrap_or(false),
                detail,
            },
            sound: Sound {
                enabled: raw.sound.unwrap_or(true),
                chimes: parse_sounds(path, src, raw.sounds.as_ref())?,
            },
            away_after: raw
                .away_after
                .map(|v| {
                    at(&v, parse_span).map_err(|(span, err)| {
                        let message = format!("`away_after`: {err}");
                        Box::new(
                            Diagnostic::at_span(path, src, span, message).with_hint(err.hint()),
                        )
                    })
                })
                .transpose()?
                .unwrap_or(AWAY_AFTER),
        })
    }

    /// Parses raw file bytes: the size and UTF-8 checks first, then [`Config::parse`].
    ///
    /// # Errors
    /// A located diagnostic for the first problem.
    pub fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<Config, Box<Diagnostic>> {
        if bytes.len() > MAX_CONFIG_BYTES {
            return Err(too_large(path));
        }
        let src = std::str::from_utf8(bytes).map_err(|_| {
            Box::new(
                Diagnostic::whole_file(path, "file is not valid UTF-8")
                    .with_hint("save the file as UTF-8 text"),
            )
        })?;
        // A byte-order mark is no column of the first line: editors count from after it.
        Config::parse(path, src.strip_prefix('\u{feff}').unwrap_or(src))
    }

    /// Reads the config file; a missing file means defaults. Reads at most one byte past the
    /// size limit, so pointing the config at a huge file costs no memory.
    ///
    /// # Errors
    /// When the file exists but cannot be read or is invalid.
    pub fn load(path: &Path) -> Result<Config, Box<Diagnostic>> {
        let opened = crate::platform::file::read_bounded(path, MAX_CONFIG_BYTES);
        match opened {
            Ok(bytes) => Config::parse_bytes(path, &bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(Box::new(Diagnostic::whole_file(
                path,
                format!("cannot read: {e}"),
            ))),
        }
    }

    /// Loads `$XDG_CONFIG_HOME/knotless/config.toml` (defaults when there is no home at all).
    ///
    /// # Errors
    /// When the file exists but cannot be read or is invalid.
    pub fn load_default() -> Result<Config, Box<Diagnostic>> {
        match crate::paths::config_file() {
            Some(path) => Config::load(&path),
            None => Ok(Config::default()),
        }
    }
}

/// A theme name, or a diagnostic at the value with the nearest name.
fn theme_at(path: &Path, src: &str, value: &Spanned<String>) -> Result<ThemeName, Box<Diagnostic>> {
    let names: Vec<&str> = ThemeName::ALL.iter().map(|t| t.as_str()).collect();
    let name = value.get_ref().trim();
    ThemeName::parse(name).ok_or_else(|| one_of(path, src, "theme", value, &names))
}

/// How chatty the voice is, or a diagnostic at the value with the nearest name.
fn voice_says_at(
    path: &Path,
    src: &str,
    value: &Spanned<String>,
) -> Result<VoiceDetail, Box<Diagnostic>> {
    let names: Vec<&str> = VoiceDetail::ALL.iter().map(|d| d.as_str()).collect();
    let name = value.get_ref().trim();
    VoiceDetail::parse(name).ok_or_else(|| one_of(path, src, "voice_says", value, &names))
}

/// "`KEY` is "VALUE"; it must be one of ...", at the value, with the nearest name.
fn one_of(
    path: &Path,
    src: &str,
    key: &str,
    value: &Spanned<String>,
    names: &[&str],
) -> Box<Diagnostic> {
    let name = value.get_ref();
    let choices = listed(names, Quote::Str);
    let hint = suggest(&name.trim().to_lowercase(), names, Quote::Str, || {
        format!("write one of {choices}")
    });
    // Made safe with the rest of the message, as the diagnostic is made.
    let message = format!("`{key}` is \"{name}\"; it must be one of {choices}");
    Box::new(Diagnostic::at_span(path, src, value.span(), message).with_hint(hint))
}

fn too_large(path: &Path) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::whole_file(path, "file is larger than 64 KiB")
            .with_hint("a config file is a few lines; check that this is the right file"),
    )
}

/// Applies `--every`, `--no-remind` and `--quiet` on top of the config file's settings.
///
/// # Errors
/// When `--every` is not a duration or range; the message names the flag and says what to
/// write instead.
pub fn apply_flags(
    mut settings: ReminderSettings,
    flags: &ReminderFlags,
) -> Result<ReminderSettings, String> {
    if let Some(every) = &flags.every {
        settings.every =
            Interval::parse(every).map_err(|e| format!("--every: {e}; {}", e.hint()))?;
    }
    if flags.no_remind {
        settings.enabled = false;
    }
    if flags.quiet {
        settings.sound = false;
    }
    Ok(settings)
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
