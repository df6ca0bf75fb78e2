//! End to end: the real binary in a real pseudo-terminal, on a session of 1-second steps.
#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use support::{Pty, SHORT, TempHome};

#[test]
fn runs_a_short_session_to_its_summary_and_exits_zero_with_the_terminal_restored() {
    let home = TempHome::new("e2e-run");
    let file = home.write("quick.toml", SHORT);
    let mut pty = home.pty(&["run", &file.display().to_string(), "--quiet"], 80, 24);
    pty.wait_for("Press Enter or Space to start", Duration::from_secs(10));
    assert!(pty.screen().contains("Quick test"));
    pty.send("\r");
    pty.wait_for("Session complete", Duration::from_secs(15));
    let screen = pty.screen();
    assert!(screen.contains("3 of 3"), "every phase done:\n{screen}");
    pty.send("q");
    let status = pty.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "exit status {status:?}");
    pty.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    let home = TempHome::new("e2e-term");
    let mut pty = home.pty(&["run", "unwind", "--quiet"], 80, 24);
    pty.wait_for("Press Enter", Duration::from_secs(10));
    pty.send(" ");
    pty.wait_for("phase 1 of", Duration::from_secs(5));
    nix_kill(pty.pid(), "TERM");
    let status = pty.wait_exit(Duration::from_secs(5));
    assert!(!status.success());
    pty.assert_restored();
}

#[test]
fn a_run_cut_short_by_sigterm_stays_in_history_as_not_completed() {
    let home = TempHome::new("e2e-history");
    let mut pty = home.pty(&["run", "desk-break", "--quiet"], 80, 24);
    pty.wait_for("Press Enter", Duration::from_secs(10));
    pty.send("7");
    pty.send("\r");
    pty.wait_for("phase 1 of", Duration::from_secs(5));
    pty.send("n");
    pty.wait_for("phase 2 of", Duration::from_secs(5));
    nix_kill(pty.pid(), "TERM");
    pty.wait_exit(Duration::from_secs(5));
    pty.assert_restored();
    let runs = home.history_json();
    let run = &runs[0];
    assert_eq!(run["session"], "desk-break");
    assert_eq!(run["completed"], false);
    assert_eq!(run["pain_before"], 7);
    assert_eq!(run["phases_skipped"], 1);
}

#[test]
fn a_completed_run_is_recorded_with_pain_after() {
    let home = TempHome::new("e2e-complete");
    let file = home.write("quick.toml", SHORT);
    let mut pty = home.run_started(&file, &["--quiet"]);
    pty.wait_for("Session complete", Duration::from_secs(15));
    pty.send("+");
    pty.wait_for("(0–10)? 10", Duration::from_secs(5));
    pty.send("q");
    assert!(pty.wait_exit(Duration::from_secs(5)).success());
    let runs = home.history_json();
    assert_eq!(runs[0]["completed"], true);
    assert_eq!(runs[0]["pain_after"], 10);
    assert_eq!(runs[0]["pain_before"], serde_json::Value::Null);
    assert!(runs[0]["ended_at"].is_string());
}

#[test]
fn safety_guidance_shows_on_first_launch_only() {
    let home = TempHome::new("e2e-safety");
    let mut pty = home.pty(&[], 100, 30);
    pty.wait_for("I understand", Duration::from_secs(10));
    assert!(pty.screen().contains("not a diagnosis") || pty.screen().contains("diagnos"));
    pty.send("\r");
    pty.wait_for("Sessions", Duration::from_secs(5));
    pty.send("q");
    assert!(pty.wait_exit(Duration::from_secs(5)).success());
    pty.assert_restored();

    let mut again = home.pty(&[], 100, 30);
    again.wait_for("Sessions", Duration::from_secs(10));
    assert!(!again.screen().contains("I understand"));
    safety_opens_and_closes_then_quit(&mut again);
}

fn nix_kill(pid: i32, sig: &str) {
    let ok = std::process::Command::new("kill")
        .args([&format!("-{sig}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
}

#[test]
fn headless_reminders_are_recorded_in_history() {
    let home = TempHome::new("e2e-remind-history");
    let out = home
        .command(&["remind", "--every", "1s", "--count", "2"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = knotless::history::Store::open(&home.data().join("knotless/history.db")).unwrap();
    let counts = store.reminder_counts(None).unwrap();
    assert_eq!(counts.fired, 2, "{counts:?}");
    // The first was not answered before the second came: ignored. (The second was still
    // open at exit: stats count it as unanswered.)
    assert_eq!(counts.ignored, 1, "{counts:?}");
    // It says what it will do before the first reminder, and again when the clock restarts.
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().map(|l| &l[6..]).collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    assert!(
        lines[0].starts_with("next break at ")
            && lines[0].contains(", in ")
            && lines[0].ends_with(" s; any time, every day"),
        "{stdout}"
    );
    assert!(
        lines[2].starts_with("next break at ") && lines[2].ends_with(" s"),
        "{stdout}"
    );
}

#[test]
fn headless_reminders_say_at_start_when_the_desktop_cannot_be_reached() {
    let home = TempHome::new("e2e-remind-nodesk");
    // An hour to the first reminder: whatever it says now, it says at start.
    let mut pty = home.pty(&["remind", "--every", "1h"], 120, 10);
    pty.wait_for_all(
        &[
            "next break at",
            "desktop notifications are not available (cannot reach the session bus)",
        ],
        Duration::from_secs(10),
    );
    let screen = pty.screen();
    assert_eq!(screen.matches("not available").count(), 1, "{screen}");
    nix_kill(pty.pid(), "TERM");
    assert!(pty.wait_exit(Duration::from_secs(5)).success());
}

/// `config.toml` saved while `remind` runs applies, as in the app: a new interval restarts
/// the clock with it (said with the hours), a broken file keeps the settings there were,
/// and `enabled = false` stops the reminders until they are turned on again.
#[test]
fn headless_reminders_follow_the_config_file_as_it_is_saved() {
    // A reminder's line: its time, then a capitalised summary and its text.
    let reminder = regex_lite::Regex::new(r"(?m)^\d\d:\d\d [A-Z][a-z ]+: ").unwrap();
    let fired = |screen: &str| reminder.find_iter(screen).count();
    let home = TempHome::new("e2e-remind-reload");
    let config = "config/knotless/config.toml";
    home.write(config, "[reminders]\nevery = \"1h\"\n");
    let mut pty = home.pty(&["remind"], 120, 40);
    pty.wait_for("in 60 min; any time, every day", Duration::from_secs(10));

    home.write(config, "[reminders]\nevery = \"2s\"\n");
    pty.wait_for("in 2 s; any time, every day", Duration::from_secs(10));
    pty.wait_until("a reminder", Duration::from_secs(10), |o| {
        fired(&o.parser.screen().contents()) > 0
    });

    home.write(config, "[reminders]\nevery = \"2s\n");
    pty.wait_for("the previous settings stay", Duration::from_secs(10));

    home.write(config, "[reminders]\nenabled = false\n");
    pty.wait_for(
        "reminders are turned off in the config file",
        Duration::from_secs(10),
    );
    // `status` no longer names a next break for it.
    let status = home.command(&["status", "--json"]).output().unwrap();
    let status = String::from_utf8_lossy(&status.stdout);
    assert!(!status.contains("next_break"), "{status}");
    // Off: nothing more fires in three intervals.
    let before = fired(&pty.screen());
    let more = pty.holds_within(Duration::from_secs(6), |o| {
        fired(&o.parser.screen().contents()) > before
    });
    assert!(!more, "a reminder while turned off:\n{}", pty.screen());

    home.write(config, "[reminders]\nevery = \"1h\"\n");
    pty.wait_until("turned on again", Duration::from_secs(10), |o| {
        o.parser
            .screen()
            .contents()
            .matches("in 60 min; any time")
            .count()
            == 2
    });
    nix_kill(pty.pid(), "TERM");
    assert!(pty.wait_exit(Duration::from_secs(5)).success());
}

#[test]
fn headless_reminders_name_the_working_hours_when_they_start() {
    let home = TempHome::new("e2e-remind-hours");
    home.write(
        "config/knotless/config.toml",
        "[reminders]\nhours = \"00:00..23:59\"\ndays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"]\n",
    );
    let out = home
        .command(&["remind", "--every", "1s", "--count", "1"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout
            .lines()
            .next()
            .unwrap_or("")
            .contains("; working hours 00:00–23:59, every day"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn coloured_cells(pty: &Pty) -> usize {
    let out = pty.output();
    let screen = out.parser.screen();
    let (rows, cols) = screen.size();
    (0..rows)
        .flat_map(|r| (0..cols).map(move |c| (r, c)))
        .filter_map(|(r, c)| screen.cell(r, c))
        .filter(|cell| {
            cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default
        })
        .count()
}

#[test]
fn no_color_turns_colour_off_and_a_theme_flag_turns_it_back_on() {
    let home = TempHome::new("e2e-nocolor");
    home.write("state/knotless/safety-acknowledged", "");
    let mut plain = home.pty_with(&["--no-remind"], 80, 24, &[("NO_COLOR", "1")]);
    plain.wait_for("Sessions", Duration::from_secs(10));
    assert_eq!(coloured_cells(&plain), 0, "NO_COLOR: no colour at all");
    plain.send("q");
    assert!(plain.wait_exit(Duration::from_secs(5)).success());

    let mut colour = home.pty_with(
        &["--no-remind", "--theme", "high-contrast"],
        80,
        24,
        &[("NO_COLOR", "1")],
    );
    colour.wait_for("Sessions", Duration::from_secs(10));
    assert!(coloured_cells(&colour) > 0, "--theme wins over NO_COLOR");
    colour.send("q");
    assert!(colour.wait_exit(Duration::from_secs(5)).success());
}

#[test]
fn two_processes_write_history_at_once_without_losing_anything() {
    let home = TempHome::new("e2e-two-writers");
    // A run in the TUI and reminders in `knotless remind`, at the same time.
    let mut remind = home
        .command(&["remind", "--every", "1s", "--count", "3"])
        .spawn()
        .unwrap();
    let file = home.write("quick.toml", SHORT);
    let mut pty = home.run_started(&file, &["--quiet", "--no-remind"]);
    pty.wait_for("Session complete", Duration::from_secs(15));
    pty.send("q");
    assert!(pty.wait_exit(Duration::from_secs(5)).success());
    assert!(remind.wait().unwrap().success());
    let store = knotless::history::Store::open(&home.data().join("knotless/history.db")).unwrap();
    assert_eq!(store.reminder_counts(None).unwrap().fired, 3);
    let runs = store.runs(None).unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].outcome, knotless::history::Outcome::Completed);
}

#[test]
fn a_long_history_lock_by_another_program_never_freezes_the_screen() {
    let home = TempHome::new("e2e-locked");
    // Create the database, then hold its write lock from "another program".
    let db = home.data().join("knotless/history.db");
    drop(knotless::history::Store::open(&db).unwrap());
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();

    let file = home.write("quick.toml", SHORT);
    let mut pty = home.run_started(&file, &["--quiet", "--no-remind"]);
    // The run's first write is now waiting on the lock; keys must still be answered at once.
    pty.wait_for("phase 1 of 3", Duration::from_secs(5));
    pty.send("?");
    pty.wait_for("Keys", Duration::from_secs(5));
    pty.send("\x1b");
    pty.wait_gone("Keys", Duration::from_secs(5));
    // The countdown goes on to the next phase with the lock still held.
    pty.wait_for("phase 2 of 3", Duration::from_secs(5));
    holder.execute_batch("ROLLBACK").unwrap();
    pty.wait_for("Session complete", Duration::from_secs(15));
    pty.send("q");
    assert!(pty.wait_exit(Duration::from_secs(10)).success());
    let runs = knotless::history::Store::open(&db)
        .unwrap()
        .runs(None)
        .unwrap();
    assert_eq!(
        runs.len(),
        1,
        "the run was written once the lock was released"
    );
    assert_eq!(runs[0].outcome, knotless::history::Outcome::Completed);
}

#[test]
fn pain_that_stays_high_in_history_shows_a_note_on_the_home_screen() {
    let home = TempHome::new("e2e-advisory");
    home.write("state/knotless/safety-acknowledged", "test\n");
    let db = home.data().join("knotless/history.db");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    let store = knotless::history::Store::open(&db).unwrap();
    // Pain 6 before a session on six days spread over the last twelve: the advisory rule.
    let now = jiff::Timestamp::now();
    for days_ago in [12, 10, 8, 5, 3, 1] {
        let at = now - jiff::SignedDuration::from_hours(24 * days_ago);
        store.start_run("unwind", "Unwind", at, Some(6)).unwrap();
    }
    drop(store);

    let mut pty = home.pty(&[], 100, 30);
    pty.wait_for(
        "Consider seeing a healthcare provider",
        Duration::from_secs(10),
    );
    assert!(
        pty.screen().contains("Pain 4+ on 6 days lately"),
        "{}",
        pty.screen()
    );
    safety_opens_and_closes_then_quit(&mut pty);
}

/// From home: `!` opens the safety guidance, Esc closes it, `q` quits cleanly.
fn safety_opens_and_closes_then_quit(pty: &mut Pty) {
    pty.send("!");
    pty.wait_for("I understand", Duration::from_secs(5));
    pty.send("\x1b");
    pty.wait_gone("I understand", Duration::from_secs(5));
    pty.send("q");
    assert!(pty.wait_exit(Duration::from_secs(5)).success());
}
