//! Hostile text in every field a user file or the database can hold never reaches the
//! terminal through the real binary: `list`, `list --json`, `check`, `history` (table, JSON,
//! CSV), `stats`, `remind`, and the notifications `remind` sends over D-Bus.
//!
//! JSON output: strings are sanitized exactly like the plain-text output, so a decoded
//! string holds no escape sequence or control character either (JSON's own `\u001b`
//! escaping would be safe on the wire, but not once a script prints the decoded value).
#![allow(clippy::unwrap_used)]

mod support;

mod unsafe_chars;

use std::path::Path;
use std::process::{Command, Output};

use knotless::history::Store;
use unsafe_chars::is_unsafe;

/// Each class of hostile text, as it appears inside a TOML basic string (escaped), and a
/// visible marker after it that must survive.
const CLASSES: &[(&str, &str)] = &[
    ("csi", r"\u001b[31m\u001b[2J\u001b[1;1H"),
    ("osc-title", r"\u001b]0;pwned\u0007"),
    ("osc-clipboard", r"\u001b]52;c;cm0gLXJmIH4K\u0007"),
    ("osc-st", r"\u001b]8;;http://x\u001b\\"),
    ("dcs", r"\u001bP+q544e\u001b\\"),
    ("c0", r"\u0000\u0001\u0007\u000b\u000c\u007f"),
    ("c1", r"\u0085\u009b2J\u009d0;t\u009c"),
    ("cr-bs", r"\r\u0008\u0008"),
    ("bidi", r"\u202e\u2066\u2069\u061c"),
    ("zero-width", r"\u200b\u200d\ufeff\u2060"),
];

/// Every class in turn, each between visible markers: `t0[...]t1[...]` for tag `t`. Short
/// enough for the 200-character fields.
fn hostile(tag: &str) -> String {
    CLASSES
        .iter()
        .enumerate()
        .map(|(i, (_, bytes))| format!("{tag}{i}[{bytes}]"))
        .collect()
}

/// What [`hostile`] looks like once sanitized.
fn shown(tag: &str) -> String {
    (0..CLASSES.len()).map(|i| format!("{tag}{i}[]")).collect()
}

/// A session whose every text field carries every class.
fn hostile_session() -> String {
    format!(
        "title = \"{t}\"\nsummary = \"{s}\"\ntags = [\"{g}\"]\n\n[[steps]]\nname = \"{n}\"\n\
         duration = \"30s\"\nsides = [\"{l}\", \"right\"]\ninstructions = \"\"\"\n{i}\nline two\"\"\"\n\
         caution = \"{c}\"\ncue = \"{q}\"\nart = \"{a}\"\n",
        t = hostile("T"),
        s = hostile("S"),
        g = hostile("G"),
        n = hostile("N"),
        l = hostile("L"),
        i = hostile("I"),
        c = hostile("C"),
        q = hostile("Q"),
        a = hostile("A"),
    )
}

/// A file name with an OSC title write and a CSI in it (legal on Linux).
const EVIL_STEM: &str = "evil\u{1b}]0;pwned\u{7}\u{1b}[2Jname";

fn assert_clean(what: &str, text: &str) {
    let bad: Vec<(usize, char)> = text
        .char_indices()
        .filter(|&(_, c)| c != '\n' && is_unsafe(c))
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: unsafe characters {bad:?} in:\n{text}"
    );
}

fn run(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_knotless"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .env("TZ", "UTC")
        .current_dir(home)
        .output()
        .unwrap()
}

fn both(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8(out.stdout.clone()).unwrap(),
        String::from_utf8(out.stderr.clone()).unwrap()
    )
}

/// `$XDG_CONFIG_HOME/knotless/sessions` with the hostile session (under a hostile name too)
/// and a broken file whose offending line is hostile.
fn hostile_home() -> support::TempHome {
    let home = support::TempHome::new("hostile");
    let dir = home.path().join("config/knotless/sessions");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("hostile.toml"), hostile_session()).unwrap();
    std::fs::write(dir.join(format!("{EVIL_STEM}.toml")), hostile_session()).unwrap();
    std::fs::write(
        dir.join("broken.toml"),
        format!("title = \"{}\"\nreps = 1\n", hostile("B")),
    )
    .unwrap();
    home
}

#[test]
fn list_shows_hostile_sessions_cleanly() {
    let home = hostile_home();
    let out = run(home.path(), &["list"]);
    assert_eq!(out.status.code(), Some(0));
    let text = both(&out);
    assert_clean("list", &text);
    // The title as shown, cut to the table's title column (`--json` has it whole).
    let start: String = shown("T").chars().take(20).collect();
    assert!(text.contains(&start), "{text}");
    assert!(text.contains("evilname"), "{text}");
}

#[test]
fn list_json_strings_decode_clean() {
    let home = hostile_home();
    let out = run(home.path(), &["list", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let raw = both(&out);
    assert_clean("list --json (raw)", &raw);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut strings = Vec::new();
    collect_strings(&value, &mut strings);
    assert!(strings.len() > 20);
    for s in &strings {
        assert_clean("list --json (decoded)", s);
        assert!(!s.contains("\\u00"), "{s}");
    }
    assert!(strings.iter().any(|s| s.contains(&shown("T"))));
}

fn collect_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(o) => {
            for (k, v) in o {
                out.push(k.clone());
                collect_strings(v, out);
            }
        }
        _ => {}
    }
}

#[test]
fn check_echoes_hostile_files_and_lines_cleanly() {
    let home = hostile_home();
    let dir = home.path().join("config/knotless/sessions");
    let evil = dir.join(format!("{EVIL_STEM}.toml"));
    // A raw (unescaped) ESC and BEL inside the file: a TOML syntax error whose line is echoed.
    let raw = dir.join("raw.toml");
    std::fs::write(
        &raw,
        "title = \"x\u{1b}]52;c;aGk=\u{7}y\u{9b}2J\u{202e}z\"\n",
    )
    .unwrap();
    let files = [dir.join("hostile.toml"), evil, dir.join("broken.toml"), raw];
    let mut args = vec!["check".to_string()];
    args.extend(files.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(home.path(), &args);
    assert_eq!(out.status.code(), Some(1));
    let text = both(&out);
    assert_clean("check", &text);
    // The art warning quotes the hostile art name and step name: cleanly too.
    assert!(
        text.contains(&format!("no figure called `{}`", shown("A"))),
        "{text}"
    );
    assert!(text.contains(&format!("step \"{}\"", shown("N"))), "{text}");
    assert!(text.contains("unknown key `reps`"), "{text}");
    assert!(text.contains("raw.toml:1:"), "{text}");
}

#[test]
fn history_stats_and_exports_show_hostile_titles_cleanly() {
    let home = support::TempHome::new("hostile");
    let db = home.path().join("data/knotless/history.db");
    let store = Store::open(&db).unwrap();
    let title = knotless_unescape(&hostile("T"));
    let id = knotless_unescape(&hostile("D"));
    let at = jiff::Timestamp::from_second(1_767_603_600).unwrap();
    let run_id = store.start_run(&id, &title, at, Some(4)).unwrap();
    store.finish_run(run_id, at, true, 3, 0).unwrap();
    drop(store);
    for args in [
        &["history"][..],
        &["history", "--json"],
        &["history", "--csv"],
        &["stats"],
    ] {
        let out = run(home.path(), args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", both(&out));
        let text = both(&out);
        assert_clean(&format!("{args:?}"), &text);
        if args[0] == "history" {
            assert!(text.contains(&shown("T")), "{args:?}: {text}");
        }
        if args.contains(&"--json") {
            let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let mut strings = Vec::new();
            collect_strings(&value, &mut strings);
            strings
                .iter()
                .for_each(|s| assert_clean("history --json", s));
        }
    }
}

/// The TOML escapes of [`CLASSES`] turned into the characters themselves.
fn knotless_unescape(s: &str) -> String {
    let parsed: toml::Value = toml::from_str(&format!("v = \"{s}\"")).unwrap();
    parsed["v"].as_str().unwrap().to_string()
}

#[test]
fn remind_output_and_a_hostile_config_error_are_clean() {
    let home = support::TempHome::new("hostile");
    let out = run(home.path(), &["remind", "--every", "1s", "--count", "1"]);
    assert_eq!(out.status.code(), Some(0), "{}", both(&out));
    assert_clean("remind", &both(&out));

    // A config whose bad value and echoed line carry every class.
    let cfg = home.path().join("config/knotless");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(
        cfg.join("config.toml"),
        format!("[reminders]\nevery = \"{}\"\n", hostile("E")),
    )
    .unwrap();
    let out = run(home.path(), &["remind", "--count", "1"]);
    assert_eq!(out.status.code(), Some(1));
    let text = both(&out);
    assert_clean("remind with a hostile config", &text);
    assert!(
        text.contains("config.toml:2:9: [reminders]: cannot read"),
        "{text}"
    );
    // The same config with a raw escape: a syntax error whose line is echoed.
    std::fs::write(
        cfg.join("config.toml"),
        "[reminders]\nsession = \"a\u{1b}]0;t\u{7}\u{9b}2J\"\n",
    )
    .unwrap();
    let out = run(home.path(), &["remind", "--count", "1"]);
    assert_eq!(out.status.code(), Some(1));
    assert_clean("remind with a raw escape in the config", &both(&out));
}

#[test]
fn notifications_over_dbus_carry_clean_text() {
    let bus = support::PrivateBus::start();
    let server = support::FakeServer::start(&bus.address, support::Behaviour::Normal);
    let run = support::knotless(
        &["remind", "--every", "1s", "--count", "2"],
        &bus.address,
        None,
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_clean("remind stdout", &run.stdout);
    let calls = server.calls();
    assert_eq!(calls.len(), 2);
    for call in calls {
        for text in [&call.app_name, &call.summary, &call.body]
            .into_iter()
            .chain(&call.actions)
        {
            assert_clean("notification", text);
            // Notification servers read a subset of HTML in the body.
            assert!(!text.contains(['<', '>', '&']), "{text}");
        }
    }
}
