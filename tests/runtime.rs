//! The runtime side of fitting in: `knotless status` and the state files, terminal-native
//! alerts, the window title, plain mode and live reload; the real binary throughout.
#![allow(clippy::unwrap_used)]

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::{Pty, SHORT, TempHome, poll_until};

const LONG: &str = r#"
title = "Long hold"

[[steps]]
name = "Knee-to-chest"
duration = "2m"
"#;

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn state_files(home: &TempHome) -> Vec<String> {
    let dir = home.state().join("knotless");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("state-"))
        .collect();
    names.sort();
    names
}

/// Polls `knotless status` until its line satisfies `ok`.
fn wait_status(home: &TempHome, ok: impl Fn(&str) -> bool) -> String {
    poll_until("a `knotless status` line", Duration::from_secs(15), || {
        let line = stdout(&mut home.command(&["status"]));
        ok(line.trim_end()).then(|| line.trim_end().to_string())
    })
}

fn raw(pty: &Pty) -> String {
    pty.raw()
}

#[test]
fn plain_mode_prints_one_line_per_event_and_records_history() {
    let home = TempHome::new("plain");
    let file = home.write("quick.toml", SHORT);
    let expected = "\
Quick test: 3 seconds, 3 phases
Three one-second phases.
Stretch, left side: 1 second
Switch sides.
Switch to the right side
Stretch, right side: 1 second
Switch sides.
Breathe: 1 second
Session complete
";
    // Stdout is a pipe: plain mode without asking.
    let started = Instant::now();
    let out = stdout(
        home.command(&["run", &file.display().to_string()])
            .stdin(Stdio::null()),
    );
    assert_eq!(out, expected);
    assert!(
        started.elapsed() >= Duration::from_secs(3),
        "phases ran in real time"
    );
    assert!(state_files(&home).is_empty(), "the state file is gone");
    let history = stdout(&mut home.command(&["history", "--json"]));
    let runs: serde_json::Value = serde_json::from_str(&history).unwrap();
    assert_eq!(runs[0]["completed"], true);
    assert_eq!(runs[0]["phases_done"], 3);

    // And asked for, in a terminal: the same lines, no full-screen drawing.
    let mut pty = home.pty(&["run", &file.display().to_string(), "--plain"], 80, 24);
    pty.wait_for("Session complete", Duration::from_secs(15));
    assert!(pty.wait_exit(Duration::from_secs(5)).success());
    let shown = raw(&pty);
    assert!(!shown.contains("\x1b[?1049h"), "no alternate screen");
    assert!(shown.contains("Keys: Space pause"), "{shown:?}");
    pty.assert_restored();
}

/// `LONG` in plain mode in a pty, its first phase announced.
fn plain_long_hold(name: &str) -> (TempHome, Pty) {
    let home = TempHome::new(name);
    let file = home.write("long.toml", LONG);
    let pty = home.pty(&["run", &file.display().to_string(), "--plain"], 80, 24);
    pty.wait_for("Knee-to-chest: 2 minutes", Duration::from_secs(10));
    (home, pty)
}

#[test]
fn plain_mode_does_not_call_a_run_of_skipped_phases_complete() {
    // The same words as the summary screen: the voice and plain mode used to say "Session
    // complete" after `n` had skipped every phase.
    let (home, mut pty) = plain_long_hold("plain-skip");
    pty.send("n");
    pty.wait_for(
        "Session finished, every phase skipped",
        Duration::from_secs(5),
    );
    assert!(pty.wait_exit(Duration::from_secs(5)).success());
    assert!(!raw(&pty).contains("Session complete"));
    let history = stdout(&mut home.command(&["history", "--json"]));
    let runs: serde_json::Value = serde_json::from_str(&history).unwrap();
    assert_eq!(runs[0]["outcome"], "finished_with_skips", "{history}");
}

#[test]
fn plain_mode_keys_pause_and_quit() {
    let (home, mut pty) = plain_long_hold("plain-keys");
    pty.send(" ");
    pty.wait_for("Paused", Duration::from_secs(5));
    let line = wait_status(&home, |l| l.ends_with("paused"));
    assert!(line.starts_with("Knee-to-chest "), "{line}");
    // `?` says the keys again, as the key line lists it.
    let said = |raw: &str| raw.matches("Keys: Space pause").count();
    assert_eq!(said(&pty.raw()), 1);
    pty.send("?");
    pty.wait_until("the keys said again", Duration::from_secs(5), |o| {
        said(&String::from_utf8_lossy(&o.raw)) == 2
    });
    assert!(
        pty.raw().contains(", ? these keys, q quit"),
        "{}",
        pty.raw()
    );
    pty.send("q");
    pty.wait_for("Session stopped", Duration::from_secs(5));
    assert!(pty.wait_exit(Duration::from_secs(5)).success());
    pty.assert_restored();
}

#[test]
fn status_follows_a_tui_session_and_a_reminder_process_then_says_not_running() {
    let home = TempHome::new("status");
    assert_eq!(stdout(&mut home.command(&["status"])), "not running\n");

    let mut remind = home
        .command(&["remind", "--every", "30m"])
        .stdout(Stdio::piped())
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    assert_eq!(wait_status(&home, |l| l != "not running"), "next break 30m");

    let file = home.write("long.toml", LONG);
    let mut pty = home.pty(&["run", &file.display().to_string(), "--quiet"], 80, 24);
    pty.wait_for("Press Enter", Duration::from_secs(10));
    pty.send("\r");
    pty.wait_for("phase 1 of", Duration::from_secs(5));
    let line = wait_status(&home, |l| l.starts_with("Knee-to-chest "));
    assert!(
        line.starts_with("Knee-to-chest 1:5") || line == "Knee-to-chest 2:00",
        "{line}"
    );
    assert_eq!(state_files(&home).len(), 2, "one file per process");

    let json = stdout(&mut home.command(&["status", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["running"], true);
    assert_eq!(v["state"], "running");
    assert_eq!(v["pids"].as_array().unwrap().len(), 2);
    assert_eq!(v["session"]["title"], "Long hold");
    assert_eq!(v["session"]["step"], "Knee-to-chest");
    assert!(v["session"]["ends_at"].is_string());
    assert!(v["session"]["left_secs"].as_u64().unwrap() <= 120);
    let formatted = stdout(&mut home.command(&["status", "--format", "{state}|{session}|{phase}"]));
    assert_eq!(formatted, "running|Long hold|1/1\n");

    // The window title follows the countdown, saved before and restored after.
    pty.wait_for("1:5", Duration::from_secs(5));
    let shown = raw(&pty);
    assert!(shown.contains("\x1b[22;0t"), "title pushed");
    assert!(shown.contains("\x1b]2;Knee-to-chest 1:5"), "title set");

    pty.send("q");
    pty.wait_for("Leave the session?", Duration::from_secs(5));
    pty.send("y");
    assert!(pty.wait_exit(Duration::from_secs(5)).success());
    assert!(raw(&pty).contains("\x1b[23;0t"), "title restored");
    pty.assert_restored();
    assert_eq!(
        wait_status(&home, |l| l.starts_with("next")),
        "next break 30m"
    );

    common_kill(remind.id(), "TERM");
    remind.wait().unwrap();
    assert_eq!(stdout(&mut home.command(&["status"])), "not running\n");
    assert!(state_files(&home).is_empty(), "{:?}", state_files(&home));
}

/// The row `knotless history` prints for the newest run.
fn newest_history_row(home: &TempHome) -> String {
    let table = stdout(&mut home.command(&["history"]));
    table.lines().nth(1).unwrap_or_default().to_string()
}

#[test]
fn history_calls_a_run_under_way_running_and_a_killed_one_cut_short() {
    let home = TempHome::new("history-live");
    let file = home.write("long.toml", LONG).display().to_string();
    // The screen.
    let mut pty = home.pty(&["run", &file, "--quiet", "--no-remind"], 80, 24);
    pty.wait_for("Press Enter", Duration::from_secs(10));
    pty.send("\r");
    pty.wait_for("phase 1 of", Duration::from_secs(5));
    let row = poll_until("the run shown as running", Duration::from_secs(15), || {
        let row = newest_history_row(&home);
        row.contains(" running ").then_some(row)
    });
    assert!(row.ends_with("Long hold (long)"), "{row}");
    // So does `stats`, which otherwise counts it as cut short.
    let stats = stdout(&mut home.command(&["stats"]));
    assert!(stats.contains("; not counted: 1 running\n"), "{stats}");
    let json = stdout(&mut home.command(&["stats", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let outcomes = &v["this_week"]["outcomes"];
    assert_eq!(
        (&outcomes["running"], &outcomes["cut_short"]),
        (&1.into(), &0.into())
    );
    // And the report, in its summary and its tables.
    let html = stdout(&mut home.command(&["report", "--output", "-"]));
    assert!(
        html.contains("and 1 still running in a knotless open now"),
        "{html}"
    );
    assert_eq!(html.matches(r#"<th scope="col">Running</th>"#).count(), 2);
    // Killed, it is cut short: nothing is left to say otherwise.
    common_kill(u32::try_from(pty.pid()).unwrap(), "KILL");
    let _ = pty.wait_exit(Duration::from_secs(5));
    let row = newest_history_row(&home);
    assert!(
        row.contains(" cut short ") && !row.contains("running"),
        "{row}"
    );
    // Exports keep the stored outcome.
    let stats = stdout(&mut home.command(&["stats"]));
    assert!(stats.contains("; not counted: 1 cut short\n"), "{stats}");
    let json = stdout(&mut home.command(&["history", "--json"]));
    assert!(json.contains(r#""outcome":"cut_short""#), "{json}");
    let html = stdout(&mut home.command(&["report", "--output", "-"]));
    assert!(
        html.contains("0 stopped early and 1 cut short (closed or interrupted);")
            && !html.contains("Running</th>"),
        "{html}"
    );

    // Plain mode, the same.
    let mut plain = home
        .command(&["run", &file, "--plain", "--no-remind"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    poll_until(
        "the plain run shown as running",
        Duration::from_secs(15),
        || {
            let table = stdout(&mut home.command(&["history"]));
            (table.matches(" running ").count() == 1 && table.matches(" cut short ").count() == 1)
                .then_some(())
        },
    );
    common_kill(plain.id(), "TERM");
    plain.wait().unwrap();
    let row = newest_history_row(&home);
    assert!(row.contains(" stopped "), "{row}");
}

#[test]
fn status_ignores_and_removes_files_of_processes_that_are_gone() {
    let home = TempHome::new("status-stale");
    let dir = home.state().join("knotless");
    std::fs::create_dir_all(&dir).unwrap();
    let stale = dir.join("state-2147483000.json");
    std::fs::write(
        &stale,
        r#"{"pid":2147483000,"program":"remind","session":null,"reminders":{"state":"held","at":null}}"#,
    )
    .unwrap();
    assert_eq!(stdout(&mut home.command(&["status"])), "not running\n");
    assert!(!stale.exists());
    let out = home
        .command(&["status", "--format", "{stpe}"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `{step}`?"));
}

#[test]
fn terminal_alerts_are_written_only_when_configured() {
    let home = TempHome::new("alerts");
    let with_bell = remind_output_when(&home, None);
    assert!(!with_bell.contains("\x1b]9;"), "{with_bell:?}");
    assert!(with_bell.contains('\x07'), "the bell is on by default");

    let terminal = remind_output_when(&home, Some("alerts = [\"terminal\"]\n"));
    assert!(terminal.contains("\x1b]9;"), "{terminal:?}");
    assert!(terminal.contains("\x1b]777;notify;"), "{terminal:?}");
    assert_eq!(
        terminal.matches('\x07').count(),
        2,
        "the two OSCs' terminators, no bell"
    );

    // A piped stdout gets the text only.
    let piped = stdout(
        home.command(&["remind", "--every", "1s", "--count", "1"])
            .stdin(Stdio::null()),
    );
    assert!(
        !piped.contains('\x1b') && !piped.contains('\x07'),
        "{piped:?}"
    );
}

fn remind_output_when(home: &TempHome, config: Option<&str>) -> String {
    let path = home.config().join("knotless/config.toml");
    match config {
        Some(text) => std::fs::write(&path, text).unwrap(),
        None => {
            let _ = std::fs::remove_file(&path);
        }
    }
    let mut pty = home.pty(&["remind", "--every", "1s", "--count", "1"], 80, 24);
    assert!(pty.wait_exit(Duration::from_secs(15)).success());
    // Everything it wrote is read once the terminal reports end of file.
    pty.wait_until("the end of the output", Duration::from_secs(5), |o| o.ended);
    raw(&pty)
}

#[test]
fn the_tui_writes_a_terminal_notification_when_a_reminder_fires() {
    let home = TempHome::new("alerts-tui");
    home.write("config/knotless/config.toml", "alerts = [\"terminal\"]\n");
    let mut pty = home.pty(&["--every", "1s"], 100, 30);
    pty.wait_for("I understand", Duration::from_secs(10));
    pty.send("\r");
    pty.wait_for("Movement break", Duration::from_secs(15));
    assert!(raw(&pty).contains("\x1b]9;"));
    assert!(raw(&pty).contains("\x1b]777;notify;"));
    pty.send("\x03");
    pty.wait_exit(Duration::from_secs(5));
    pty.assert_restored();
}

const MINE: &str = "title = \"Mine\"\n[[steps]]\nname = \"Lean\"\nduration = \"5s\"\n";

#[test]
fn live_reload_picks_up_edits_and_keeps_the_last_good_version_of_a_broken_file() {
    let home = TempHome::new("reload");
    let sessions = home.config().join("knotless/sessions");
    write_file(&sessions.join("mine.toml"), MINE);
    let mut pty = home.pty(&[], 120, 30);
    pty.wait_for("I understand", Duration::from_secs(10));
    pty.send("\r");
    pty.wait_for("Mine", Duration::from_secs(5));
    // The watcher starts with the reminders, after the first frame: wait for their status
    // so the edit below cannot land before anything watches.
    pty.wait_for("next break in", Duration::from_secs(10));

    write_file(
        &sessions.join("mine.toml"),
        &MINE.replace("Mine", "Mine, edited"),
    );
    pty.wait_for("Mine, edited", Duration::from_secs(10));

    write_file(&sessions.join("mine.toml"), "title = \n");
    pty.wait_for("(broken)", Duration::from_secs(10));
    pty.wait_for(
        "mine.toml: kept the last good version; line 1",
        Duration::from_secs(5),
    );
    let screen = pty.screen();
    assert!(
        screen.contains("Mine, edited"),
        "the last good version stays:\n{screen}"
    );
    assert!(
        screen.contains("Knot relief") || screen.contains("Desk break"),
        "{screen}"
    );

    // A broken config: a notice, and the old settings stay.
    write_file(
        &home.config().join("knotless/config.toml"),
        "alerts = [\"bel\"]\n",
    );
    pty.wait_for(
        "config.toml: kept the previous settings",
        Duration::from_secs(10),
    );
    write_file(
        &home.config().join("knotless/config.toml"),
        "alerts = [\"bell\"]\n",
    );
    pty.wait_gone("kept the previous settings", Duration::from_secs(10));

    pty.send("q");
    assert!(pty.wait_exit(Duration::from_secs(5)).success());
    pty.assert_restored();
}

/// On a new machine there is no `~/.config/knotless` yet: a session and a config written
/// there while knotless runs (`knotless new`, `knotless config default > …`) are still seen.
#[test]
fn live_reload_works_when_the_config_directory_did_not_exist_at_start() {
    let home = TempHome::new("reload-new");
    let dir = home.config().join("knotless");
    std::fs::remove_dir_all(&dir).unwrap();
    let mut pty = home.pty(&[], 120, 30);
    pty.wait_for("I understand", Duration::from_secs(10));
    pty.send("\r");
    pty.wait_for("next break in 45 min", Duration::from_secs(10));

    let made = home.command(&["new", "mine"]).output().unwrap();
    assert!(made.status.success(), "{made:?}");
    pty.wait_for("Mine", Duration::from_secs(10));
    write_file(&dir.join("config.toml"), "[reminders]\nevery = \"20m\"\n");
    pty.wait_for("next break in 20 min", Duration::from_secs(10));

    pty.send("q");
    assert!(pty.wait_exit(Duration::from_secs(5)).success());
}

/// Writes like an editor that saves in place.
fn write_file(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

fn common_kill(pid: u32, sig: &str) {
    let ok = Command::new("kill")
        .args([&format!("-{sig}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
}
