//! `knotless config show`: the settings in effect, as TOML, each with where it came from:
//! the built-in default, the file, the environment (`NO_COLOR`) or a flag of this command.

use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::RunFlags;
use crate::config::{Config, apply_flags};
use crate::duration;
use crate::flags::ThemeName;
use crate::narrate::Chime;
use crate::remind::settings::{DAY_NAMES, ReminderSettings};
use crate::text::SafeText;

/// Where a value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Default,
    File,
    Environment(&'static str),
    Flag(&'static str),
}

impl Source {
    fn describe(self) -> String {
        match self {
            Source::Default => "default".into(),
            Source::File => "file".into(),
            Source::Environment(var) => format!("environment ({var})"),
            Source::Flag(flag) => format!("flag ({flag})"),
        }
    }
}

#[must_use]
pub fn run(path: &Path, flags: &RunFlags) -> ExitCode {
    let config = match Config::load(path) {
        Ok(config) => config,
        Err(diag) => {
            crate::exit::err(&diag);
            super::report("the config file has an error; fix it (`knotless config edit`)");
            return ExitCode::from(super::EXIT_INVALID);
        }
    };
    let settings = match apply_flags(config.reminders.clone(), &flags.reminders()) {
        Ok(s) => s,
        Err(message) => {
            super::report(&message);
            return ExitCode::from(super::super::EXIT_USAGE);
        }
    };
    let src = std::fs::read_to_string(path).ok();
    let in_file = src.as_deref().map(file_keys).unwrap_or_default();
    let shown = SafeText::path(path).to_string();
    let state = if src.is_some() { "read" } else { "not found" };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let settings = render(&config, &settings, &in_file, flags, no_color);
    crate::cmd::print(format!("# config file: {shown} ({state})\n{settings}").as_bytes())
}

/// The keys the file sets, as `theme`, `reminders.every`, ...
#[must_use]
pub fn file_keys(src: &str) -> HashSet<String> {
    let mut keys = HashSet::new();
    let Ok(table) = src.parse::<toml::Table>() else {
        return keys;
    };
    for (key, value) in &table {
        if let toml::Value::Table(inner) = value {
            keys.extend(inner.keys().map(|k| format!("{key}.{k}")));
        } else {
            keys.insert(key.clone());
        }
    }
    keys
}

/// The effective settings as TOML lines with a `# source` comment on each.
#[must_use]
pub fn render(
    config: &Config,
    settings: &ReminderSettings,
    in_file: &HashSet<String>,
    flags: &RunFlags,
    no_color: bool,
) -> String {
    let keys = Keys(in_file);
    let from_file = |key: &str| keys.file(key);
    let flag_or = |set: bool, flag: &'static str, key: &str| keys.flag_or(set, flag, key);
    let (theme, theme_source) = match (flags.theme, no_color, config.theme) {
        (Some(t), _, _) => (t, Source::Flag("--theme")),
        (None, true, _) => (ThemeName::Mono, Source::Environment("NO_COLOR")),
        (None, false, Some(t)) => (t, Source::File),
        (None, false, None) => (ThemeName::Default, Source::Default),
    };
    let mut out = Lines::default();
    out.push(&format!("theme = {}", quoted(theme.as_str())), theme_source);
    out.push(&format!("alerts = {}", alerts(config)), from_file("alerts"));
    cues(&mut out, config, flags, &keys);
    out.table("reminders");
    let r = settings;
    out.push(
        &format!("enabled = {}", r.enabled),
        flag_or(flags.no_remind, "--no-remind", "reminders.enabled"),
    );
    out.push(
        &format!("every = {}", quoted(&r.every.to_string())),
        flag_or(flags.every.is_some(), "--every", "reminders.every"),
    );
    out.push(&duration("snooze", r.snooze), from_file("reminders.snooze"));
    let hours = match r.hours {
        Some(h) => format!("hours = {}", quoted(&h.to_string())),
        None => "# hours: not set, so all day".to_string(),
    };
    out.push(&hours, from_file("reminders.hours"));
    out.push(&days(r), from_file("reminders.days"));
    out.push(
        &duration("natural_break", r.natural_break),
        from_file("reminders.natural_break"),
    );
    out.push(
        &format!("session = {}", quoted(&r.session)),
        from_file("reminders.session"),
    );
    out.push(
        &format!("sound = {}", r.sound),
        flag_or(flags.quiet, "--quiet", "reminders.sound"),
    );
    out.table("checkin");
    out.push(
        &format!("enabled = {}", config.checkin.enabled),
        from_file("checkin.enabled"),
    );
    out.0
}

/// Where each key's value came from: the file's keys, or a flag of this command.
struct Keys<'a>(&'a HashSet<String>);

impl Keys<'_> {
    fn file(&self, key: &str) -> Source {
        if self.0.contains(key) {
            Source::File
        } else {
            Source::Default
        }
    }

    fn flag_or(&self, set: bool, flag: &'static str, key: &str) -> Source {
        if set {
            Source::Flag(flag)
        } else {
            self.file(key)
        }
    }
}

/// The voice, the sounds and the away alerts (top-level keys).
fn cues(out: &mut Lines, config: &Config, flags: &RunFlags, keys: &Keys<'_>) {
    out.push(
        &format!("voice = {}", config.voice.enabled || flags.voice),
        keys.flag_or(flags.voice, "--voice", "voice"),
    );
    out.push(
        &format!("voice_says = {}", quoted(config.voice.detail.as_str())),
        keys.file("voice_says"),
    );
    out.push(
        &format!("sound = {}", config.sound.enabled && !flags.quiet),
        keys.flag_or(flags.quiet, "--quiet", "sound"),
    );
    let chimes = Chime::ALL
        .into_iter()
        .filter(|c| config.sound.chimes.contains(*c));
    out.push(
        &format!("sounds = {}", list(chimes.map(Chime::as_str))),
        keys.file("sounds"),
    );
    out.push(
        &duration("away_after", config.away_after),
        keys.file("away_after"),
    );
}

#[derive(Default)]
struct Lines(String);

impl Lines {
    fn push(&mut self, line: &str, source: Source) {
        self.0
            .push_str(&format!("{line:<44} # {}\n", source.describe()));
    }

    fn table(&mut self, name: &str) {
        self.0.push_str(&format!("\n[{name}]\n"));
    }
}

fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn duration(key: &str, d: std::time::Duration) -> String {
    format!("{key} = {}", quoted(&duration::compact(d)))
}

fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.map(quoted).collect();
    format!("[{}]", items.join(", "))
}

fn alerts(config: &Config) -> String {
    let a = config.alerts;
    let on = [
        ("desktop", a.desktop),
        ("terminal", a.terminal),
        ("bell", a.bell),
    ];
    list(on.into_iter().filter(|(_, on)| *on).map(|(name, _)| name))
}

fn days(r: &ReminderSettings) -> String {
    let on = DAY_NAMES.iter().enumerate().filter(|(i, _)| {
        let day = jiff::civil::Weekday::from_monday_zero_offset(i8::try_from(*i).unwrap_or(0));
        day.is_ok_and(|d| r.days.contains(d))
    });
    format!("days = {}", list(on.map(|(_, name)| *name)))
}
