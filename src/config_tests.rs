use std::path::Path;
use std::time::Duration;

use jiff::civil::{Weekday, time};

use super::*;

fn parse(src: &str) -> Result<Config, Box<Diagnostic>> {
    Config::parse(Path::new("config.toml"), src)
}

fn err(src: &str) -> Diagnostic {
    *parse(src).unwrap_err()
}

#[test]
fn empty_and_missing_files_mean_defaults() {
    assert_eq!(parse("").unwrap(), Config::default());
    let missing = Config::load(Path::new("/nonexistent/knotless/config.toml")).unwrap();
    assert_eq!(missing, Config::default());
    let r = Config::default().reminders;
    assert!(r.enabled && r.sound && r.hours.is_none() && r.days == Days::ALL);
    assert_eq!(r.every, Interval::Fixed(Duration::from_secs(45 * 60)));
    assert_eq!(
        (r.snooze, r.natural_break),
        (Duration::from_secs(600), Duration::from_secs(300))
    );
    assert_eq!(r.session, "desk-break");
}

#[test]
fn the_sample_in_the_issue_parses() {
    let src = r#"
[checkin]
enabled = false

[reminders]
enabled = true
every = "30m..60m"
snooze = "10m"
hours = "09:00..18:00"
days = ["mon", "tue", "wed", "thu", "fri"]
natural_break = "5m"
session = "desk-break"
sound = false
"#;
    let c = parse(src).unwrap();
    assert!(!c.checkin.enabled);
    let r = c.reminders;
    assert_eq!(
        r.every,
        Interval::Range {
            min: Duration::from_secs(1800),
            max: Duration::from_secs(3600)
        }
    );
    assert_eq!(
        r.hours,
        Some(WorkingHours {
            start: time(9, 0, 0, 0),
            end: time(18, 0, 0, 0)
        })
    );
    assert!(r.days.contains(Weekday::Friday) && !r.days.contains(Weekday::Saturday));
    assert!(!r.sound);
}

#[test]
fn unknown_key_is_located_with_a_suggestion() {
    let d = err("[reminders]\nevery = \"45m\"\nsnoze = \"5m\"\n");
    assert_eq!(d.headline(), "config.toml:3:1: unknown key `snoze`");
    assert_eq!(d.hint.as_deref(), Some("did you mean `snooze`?"));
}

#[test]
fn bad_duration_is_located_at_the_value() {
    let d = err("[reminders]\nevery = \"often\"\n");
    assert_eq!((d.line, d.column), (2, 9));
    assert!(
        d.message.contains("cannot read \"often\" as a duration"),
        "{}",
        d.message
    );
    assert!(d.hint.as_deref().unwrap_or("").contains("45m"));
}

#[test]
fn interval_bounds_and_reversed_ranges_are_located() {
    let d = err("[reminders]\n  every   = \"25h\"\n");
    assert_eq!((d.line, d.column), (2, 13));
    assert!(d.message.contains("maximum of 24h"));
    let d = err("[reminders]\nevery = \"60m..30m\"\n");
    assert_eq!((d.line, d.column), (2, 9));
    assert!(
        d.hint
            .as_deref()
            .unwrap_or("")
            .contains("shorter duration first")
    );
    let d = err("[reminders]\nsnooze = \"0s\"\n");
    assert_eq!((d.line, d.column), (2, 10));
    let d = err("[reminders]\nnatural_break = \"soon\"\n");
    assert_eq!((d.line, d.column), (2, 17));
}

#[test]
fn bad_hours_are_located() {
    let d = err("[reminders]\nhours = \"9am..5pm\"\n");
    assert_eq!((d.line, d.column), (2, 9));
    assert!(d.hint.as_deref().unwrap_or("").contains("HH:MM..HH:MM"));
    let d = err("[reminders]\nhours = \"09:00..09:00\"\n");
    assert_eq!((d.line, d.column), (2, 9));
    assert!(parse("[reminders]\nhours = \"22:00..06:00\"\n").is_ok());
}

#[test]
fn unknown_day_is_located_at_that_day() {
    let d = err("[reminders]\ndays = [\"mon\", \"tues\"]\n");
    assert_eq!((d.line, d.column), (2, 16));
    assert_eq!(d.message, "[reminders]: unknown day \"tues\"");
    assert_eq!(d.hint.as_deref(), Some("did you mean \"tue\"?"));
    let d = err("[reminders]\ndays = []\n");
    assert_eq!((d.line, d.column), (2, 8));
}

#[test]
fn wrong_types_and_empty_session_are_located() {
    let d = err("[reminders]\nsound = \"yes\"\n");
    assert_eq!(d.line, 2);
    let d = err("[reminders]\nsession = \"  \"\n");
    assert_eq!((d.line, d.column), (2, 11));
}

#[test]
fn the_checkin_table_still_works() {
    let d = err("[checkin]\nenable = true\n");
    assert_eq!(d.headline(), "config.toml:2:1: unknown key `enable`");
}

#[test]
fn flags_override_the_file() {
    let base = ReminderSettings::default();
    let flags = ReminderFlags {
        every: Some("1s..3s".into()),
        no_remind: true,
        quiet: true,
        voice: false,
    };
    let s = apply_flags(base.clone(), &flags).unwrap();
    assert_eq!(
        s.every,
        Interval::Range {
            min: Duration::from_secs(1),
            max: Duration::from_secs(3)
        }
    );
    assert!(!s.enabled && !s.sound);
    let bad = ReminderFlags {
        every: Some("forever".into()),
        ..ReminderFlags::default()
    };
    let e = apply_flags(base, &bad).unwrap_err();
    assert!(e.starts_with("--every: cannot read \"forever\""), "{e}");
}

#[test]
fn theme_is_read_by_name() {
    assert_eq!(parse("").unwrap().theme, None);
    for name in ThemeName::ALL {
        let c = parse(&format!("theme = \"{}\"\n", name.as_str())).unwrap();
        assert_eq!(c.theme, Some(name));
    }
}

#[test]
fn bad_theme_is_located_at_the_value_with_a_suggestion() {
    let src = "# colours\ntheme = \"high-contast\"\n";
    let d = *parse(src).unwrap_err();
    assert_eq!((d.line, d.column), (2, 9));
    assert!(d.message.contains("\"high-contast\""), "{}", d.message);
    assert!(d.message.contains("\"mono\""), "{}", d.message);
    assert_eq!(d.hint.as_deref(), Some("did you mean \"high-contrast\"?"));
    let d = err("theme = \"solarized\"\n");
    assert_eq!(
        d.hint.as_deref(),
        Some("write one of \"default\", \"high-contrast\", \"mono\"")
    );
    let d = err("theme = 1\n");
    assert_eq!((d.line, d.column), (1, 9));
}

#[test]
fn alerts_default_to_desktop_and_bell_and_parse_from_a_list() {
    use crate::alert::Alerts;
    assert_eq!(parse("").unwrap().alerts, Alerts::default());
    let c = parse("alerts = [\"terminal\", \"bell\"]\n").unwrap();
    assert!(c.alerts.terminal && c.alerts.bell && !c.alerts.desktop);
    assert_eq!(parse("alerts = []\n").unwrap().alerts, Alerts::NONE);
}

#[test]
fn an_unknown_alert_is_located_with_a_suggestion() {
    let d = err("[checkin]\nenabled = true\n\nalerts = [\"desktop\", \"termnal\"]\n");
    let d2 = err("alerts = [\"desktop\", \"termnal\"]\n");
    assert_eq!((d2.line, d2.column), (1, 22), "{d2}");
    assert!(d2.message.contains("unknown alert \"termnal\""), "{d2}");
    assert_eq!(d2.hint.as_deref(), Some("did you mean \"terminal\"?"));
    // A top-level key after a table belongs to the table: the usual TOML mistake is located.
    assert!(d.to_string().contains("alerts"), "{d}");
}

/// The field names a `deny_unknown_fields` struct accepts, as its own error lists them:
/// the parser's real key list, so a key added to it shows up here without editing the test.
fn accepted_keys(src: &str) -> Vec<String> {
    let e = toml::from_str::<RawConfig>(src).unwrap_err().to_string();
    let listed = e
        .split_once("expected ")
        .map_or("", |(_, rest)| rest)
        .split('\n')
        .next()
        .unwrap_or("");
    listed
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// Every `(table, key)` the parser accepts; tables are the top-level keys that take a table
/// of their own (probing one with an unknown key lists its fields).
fn parser_keys() -> Vec<(String, String)> {
    let mut keys = Vec::new();
    for top in accepted_keys("__probe = 1\n") {
        let inner = accepted_keys(&format!("[{top}]\n__probe = 1\n"));
        if inner.is_empty() {
            keys.push((String::new(), top));
        } else {
            keys.extend(inner.into_iter().map(|k| (top.clone(), k)));
        }
    }
    keys
}

#[test]
fn the_probe_finds_the_keys_of_the_parser() {
    let keys = parser_keys();
    assert!(keys.contains(&(String::new(), "theme".into())), "{keys:?}");
    assert!(
        keys.contains(&("reminders".into(), "hours".into())),
        "{keys:?}"
    );
    assert!(
        keys.contains(&("checkin".into(), "enabled".into())),
        "{keys:?}"
    );
    assert_eq!(keys.len(), 16, "{keys:?}");
}

#[test]
fn config_default_parses_to_exactly_the_defaults() {
    let text = crate::cmd::config_cmd::DEFAULT_CONFIG;
    assert_eq!(parse(text).unwrap(), Config::default());
}

#[test]
fn config_default_documents_every_key_the_parser_accepts() {
    let text = crate::cmd::config_cmd::DEFAULT_CONFIG;
    // Each key as `key = ` or `# key = ` under its own table's header.
    let mut table = String::new();
    let mut documented = Vec::new();
    for line in text.lines() {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            table = name.to_string();
        } else if let Some((key, _)) = line.trim_start_matches("# ").split_once(" = ") {
            documented.push((table.clone(), key.trim().to_string()));
        }
    }
    for key in parser_keys() {
        assert!(documented.contains(&key), "`config default` lacks {key:?}");
    }
    // The commented-out examples are valid values too.
    let uncommented: String = text
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest_is_key(rest) => {
                format!("{rest}\n")
            }
            _ => format!("{l}\n"),
        })
        .collect();
    let c = parse(&uncommented).unwrap();
    assert!(c.theme.is_some() && c.reminders.hours.is_some());
}

fn rest_is_key(line: &str) -> bool {
    line.split_once(" = ")
        .is_some_and(|(k, _)| k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
}

#[test]
fn voice_is_off_by_default_and_its_detail_is_located_when_wrong() {
    use crate::narrate::VoiceDetail;
    assert_eq!(parse("").unwrap().voice, Voice::default());
    assert!(!Voice::default().enabled);
    let c = parse("voice = true\nvoice_says = \"all\"\n").unwrap();
    assert_eq!(
        c.voice,
        Voice {
            enabled: true,
            detail: VoiceDetail::All
        }
    );
    let d = err("voice = true\nvoice_says = \"cue\"\n");
    assert_eq!((d.line, d.column), (2, 14));
    assert!(
        d.message.contains("`voice_says` is \"cue\""),
        "{}",
        d.message
    );
    assert_eq!(d.hint.as_deref(), Some("did you mean \"cues\"?"));
    let d = err("voice = \"yes\"\n");
    assert_eq!((d.line, d.column), (1, 9));
    let d = err("voise = true\n");
    assert_eq!(d.hint.as_deref(), Some("did you mean `voice`?"));
}

#[test]
fn sounds_are_on_by_default_and_each_can_be_left_out() {
    use crate::narrate::{Chime, ChimeSet};
    assert_eq!(parse("").unwrap().sound, Sound::default());
    assert!(Sound::default().enabled);
    let c = parse("sound = true\nsounds = [\"switch\"]\n").unwrap();
    assert!(c.sound.chimes.contains(Chime::Switch));
    assert!(!c.sound.chimes.contains(Chime::CountIn));
    assert_eq!(parse("sounds = []\n").unwrap().sound.chimes, ChimeSet::NONE);
    assert!(!parse("sound = false\n").unwrap().sound.enabled);
    let d = err("sounds = [\"switch\", \"count_in\"]\n");
    assert_eq!((d.line, d.column), (1, 21));
    assert_eq!(d.hint.as_deref(), Some("did you mean \"count-in\"?"));
}

#[test]
fn away_after_defaults_to_two_minutes_and_is_located_when_wrong() {
    assert_eq!(parse("").unwrap().away_after, AWAY_AFTER);
    assert_eq!(AWAY_AFTER, Duration::from_secs(120));
    let c = parse("away_after = \"5m\"\n").unwrap();
    assert_eq!(c.away_after, Duration::from_secs(300));
    let d = err("away_after = \"soon\"\n");
    assert_eq!((d.line, d.column), (1, 14));
    assert!(d.message.starts_with("`away_after`"), "{}", d.message);
}
