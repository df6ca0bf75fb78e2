//! The terminal is given back on every way out (a panic, SIGINT, SIGHUP, a terminal closed
//! under the program), Ctrl-Z suspends and `fg` resumes, all with the real binary in a
//! pseudo-terminal. SIGTERM is in tests/e2e.rs.
#![allow(clippy::unwrap_used)]

mod support;

use std::time::{Duration, Instant};

use support::{BIN, Pty, TempHome, child_named, poll_until, proc_stat, wait_state};

/// One ten-minute step: the countdown is still running whatever the machine's load.
const LONG: &str = r#"
title = "Long hold"
summary = "One long step."

[[steps]]
name = "Knee hug"
duration = "10m"
"#;

fn kill(pid: i32, sig: &str) {
    let ok = std::process::Command::new("kill")
        .args([&format!("-{sig}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
}

/// A running countdown of LONG in the shared harness.
fn running(home: &TempHome, extra: &[(&str, &str)]) -> Pty {
    let file = home.write("long.toml", LONG);
    let mut pty = home.pty_with(
        &["run", &file.display().to_string(), "--quiet"],
        80,
        24,
        extra,
    );
    pty.wait_for("Press Enter", Duration::from_secs(10));
    pty.send(" ");
    pty.wait_for("phase 1 of 1", Duration::from_secs(5));
    pty
}

/// The runs in history, as `knotless history --json` prints them.
fn history(home: &TempHome) -> serde_json::Value {
    let out = home.command(&["history", "--json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn assert_cut_short(home: &TempHome) {
    let runs = history(home);
    assert_eq!(runs[0]["session"], "long", "{runs}");
    assert_eq!(runs[0]["completed"], false, "{runs}");
}

#[test]
fn sigint_restores_the_terminal_and_records_the_run_as_cut_short() {
    let home = TempHome::new("term-int");
    let mut pty = running(&home, &[]);
    kill(pty.pid(), "INT");
    let status = pty.wait_exit(Duration::from_secs(5));
    assert_eq!(status.exit_code(), 128 + 2);
    pty.assert_restored();
    assert_cut_short(&home);
}

#[test]
fn sighup_restores_the_terminal_and_records_the_run_as_cut_short() {
    let home = TempHome::new("term-hup");
    let mut pty = running(&home, &[]);
    kill(pty.pid(), "HUP");
    let status = pty.wait_exit(Duration::from_secs(5));
    assert_eq!(status.exit_code(), 128 + 1);
    pty.assert_restored();
    assert_cut_short(&home);
}

#[test]
fn ctrl_c_in_raw_mode_quits_with_the_terminal_restored() {
    let home = TempHome::new("term-ctrl-c");
    let mut pty = running(&home, &[]);
    pty.send("\x03");
    pty.wait_exit(Duration::from_secs(5));
    pty.assert_restored();
    assert_cut_short(&home);
}

#[test]
fn text_pasted_by_mistake_is_not_read_as_keys() {
    let home = TempHome::new("term-paste");
    let mut pty = running(&home, &[]);
    // As keys, "query next" would open the leave dialog (q) and leave (y).
    pty.paste("query next");
    // Input is read in order: once Space has paused the countdown, the paste was read.
    pty.send(" ");
    pty.wait_for("Paused", Duration::from_secs(5));
    let screen = pty.screen();
    assert!(pty.try_exit().is_none(), "the paste ended the program");
    assert!(screen.contains("phase 1 of 1"), "{screen}");
    assert!(!screen.contains("Leave the session?"), "{screen}");
    pty.send("q");
    pty.wait_for("Leave the session?", Duration::from_secs(5));
    pty.send("y");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)).exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn a_panic_restores_the_terminal_and_says_what_happened() {
    let home = TempHome::new("term-panic");
    let file = home.write("long.toml", LONG);
    let mut pty = home.pty_with(
        &["run", &file.display().to_string(), "--quiet"],
        80,
        24,
        &[("KNOTLESS_TEST_PANIC", "1")],
    );
    pty.wait_for("Press Enter", Duration::from_secs(10));
    pty.send(" ");
    let status = pty.wait_exit(Duration::from_secs(5));
    assert!(!status.success());
    pty.assert_restored();
    // The panic message is printed after the restore, so it lands on the normal screen.
    pty.wait_for("KNOTLESS_TEST_PANIC", Duration::from_secs(2));
}

/// Closes the terminal under a paused countdown; returns how long the process took to exit
/// and the CPU time it used from the close to its exit.
fn close_under(controlling: bool, tag: &str) -> (Duration, Duration, TempHome) {
    let home = TempHome::new(tag);
    let file = home.write("long.toml", LONG);
    let file = file.display().to_string();
    let spec = home
        .spawn_spec(BIN, &["run", &file, "--quiet"], 80, 24)
        .controlling(controlling);
    let mut pty = Pty::spawn(&spec);
    pty.wait_for("Press Enter", Duration::from_secs(10));
    pty.send(" ");
    pty.wait_for("phase 1 of 1", Duration::from_secs(5));
    // Paused, nothing redraws by itself: only input can tell the program anything.
    pty.send(" ");
    pty.wait_for("Paused", Duration::from_secs(5));
    let pid = pty.pid();
    let before = proc_stat(pid).unwrap().cpu_ticks;
    let mut last = before;
    // "?" opens the help: the redraw lets the reader thread let go of its descriptor.
    pty.close_terminal("?");
    let start = Instant::now();
    poll_until(
        "the exit after the terminal closed",
        Duration::from_secs(10),
        || {
            if let Some(stat) = proc_stat(pid).filter(|s| s.state != 'Z') {
                last = stat.cpu_ticks;
            }
            pty.try_exit()
        },
    );
    let took = start.elapsed();
    let cpu = Duration::from_millis((last - before) * 10);
    drop(pty);
    (took, cpu, home)
}

#[test]
fn closing_the_controlling_terminal_ends_the_program_promptly_without_spinning() {
    let (took, cpu, home) = close_under(true, "term-lost");
    eprintln!("controlling terminal closed: exit after {took:?}, {cpu:?} of CPU");
    assert!(took < Duration::from_secs(3), "{took:?}");
    assert!(cpu < Duration::from_millis(500), "{cpu:?} of CPU");
    assert_cut_short(&home);
}

#[test]
fn losing_a_terminal_that_sends_no_hangup_signal_ends_the_program_without_spinning() {
    // No SIGHUP here: only the read failing tells the program its terminal is gone.
    let (took, cpu, home) = close_under(false, "term-lost-eio");
    eprintln!("terminal closed, no SIGHUP: exit after {took:?}, {cpu:?} of CPU");
    assert!(took < Duration::from_secs(3), "{took:?}");
    assert!(cpu < Duration::from_millis(500), "{cpu:?} of CPU");
    assert_cut_short(&home);
}

/// The first "m:ss left" on the screen, in seconds.
fn seconds_left(screen: &str) -> Option<u64> {
    screen.match_indices(" left").find_map(|(i, _)| {
        let before = &screen[..i];
        let start = before.rfind(|c: char| !(c.is_ascii_digit() || c == ':'))? + 1;
        let (m, s) = before[start..].split_once(':')?;
        Some(m.parse::<u64>().ok()? * 60 + s.parse::<u64>().ok()?)
    })
}

/// Waits until the countdown shows `ok` seconds left; returns them.
fn wait_left(pty: &Pty, what: &str, ok: impl Fn(u64) -> bool) -> u64 {
    let mut seen = 0;
    pty.wait_until(what, Duration::from_secs(10), |o| {
        seconds_left(&o.parser.screen().contents()).is_some_and(|left| {
            seen = left;
            ok(left)
        })
    });
    seen
}

/// The countdown still shows `left` after `window`: paused means paused. The window is the
/// behaviour under test (the next second would have shown by then), so this waits for the
/// change it must not see, bounded by the window.
fn assert_left_holds(pty: &Pty, left: u64, window: Duration) {
    let moved = pty.holds_within(window, |o| {
        seconds_left(&o.parser.screen().contents()) != Some(left)
    });
    assert!(
        !moved,
        "the countdown moved from {left} s:\n{}",
        pty.screen()
    );
}

/// knotless running a long countdown under an interactive bash with job control.
fn countdown_under_bash(tag: &str) -> (TempHome, Pty, i32) {
    let home = TempHome::new(tag);
    let file = home.write("long.toml", LONG);
    home.acknowledge_safety();
    let spec = home
        .spawn_spec(
            "bash",
            &["--norc", "--noprofile", "--noediting", "-i"],
            80,
            24,
        )
        .env("PS1", "shell$ ");
    let mut shell = Pty::spawn(&spec);
    shell.wait_for("shell$", Duration::from_secs(10));
    shell.send(&format!("{BIN} run {} --quiet\r", file.display()));
    shell.wait_for("Press Enter", Duration::from_secs(10));
    let pid = child_named(shell.pid(), "knotless", Duration::from_secs(10));
    shell.send(" ");
    shell.wait_for("phase 1 of 1", Duration::from_secs(5));
    (home, shell, pid)
}

#[test]
fn ctrl_z_under_a_job_control_shell_stops_with_the_terminal_restored_and_fg_resumes_paused() {
    let (_home, mut shell, pid) = countdown_under_bash("term-ctrl-z");
    // Let the countdown move first, so "no time lost while stopped" can be seen.
    let before = wait_left(&shell, "the countdown to move", |left| left < 600);

    shell.send("\x1a");
    wait_state(pid, 'T', Duration::from_secs(5));
    // The shell's word on it, with its prompt after: what the shell writes is not ours.
    shell.wait_until(
        "the prompt after \"Stopped\"",
        Duration::from_secs(5),
        |o| {
            let raw = String::from_utf8_lossy(&o.raw);
            raw.rfind("Stopped")
                .is_some_and(|at| raw[at..].contains("shell$ "))
        },
    );
    assert!(!shell.alternate_screen(), "stopped on the alternate screen");
    assert!(!shell.cursor_hidden(), "stopped with the cursor hidden");
    assert!(shell.cooked(), "stopped with the terminal in raw mode");
    // Time passes while stopped (3 s: the behaviour under test); the countdown must not.
    let mark = shell.raw_len();
    let wrote = shell.holds_within(Duration::from_secs(3), |o| o.raw.len() > mark);
    assert!(
        !wrote,
        "a stopped program wrote: {:?}",
        shell.raw_since(mark)
    );
    assert_eq!(proc_stat(pid).unwrap().state, 'T');

    shell.send("fg\r");
    shell.wait_for("Paused", Duration::from_secs(5));
    assert!(shell.alternate_screen(), "fg did not take the screen back");
    let screen = shell.screen();
    assert!(screen.contains("Knee hug"), "no full redraw:\n{screen}");
    let left = seconds_left(&screen).expect("a countdown on screen");
    // At most the second that was running at Ctrl-Z went by; none of the 3 s stopped.
    assert!(
        (before - 1..=before).contains(&left),
        "{left} s left, {before} before:\n{screen}"
    );
    assert_left_holds(&shell, left, Duration::from_millis(1500));
    // Space resumes; the countdown moves again.
    shell.send(" ");
    shell.wait_for("phase 1 of 1", Duration::from_secs(5));
    wait_left(&shell, "the countdown to resume", |now| now != left);
    shell.send("\x03");
    shell.wait_for("shell$", Duration::from_secs(5));
}

#[test]
fn ctrl_z_without_job_control_gives_the_terminal_back_then_takes_it_again_paused() {
    // The shared harness starts knotless as a session leader with no shell: its process
    // group is orphaned, so the kernel ignores the SIGTSTP it sends itself (nobody could
    // `fg` it). It must still leave a sane, paused, fully redrawn screen.
    let home = TempHome::new("term-ctrl-z-orphan");
    let mut pty = running(&home, &[]);
    wait_left(&pty, "the countdown to move", |left| left < 600);
    let mark = pty.raw_len();
    pty.send("\x1a");
    pty.wait_for("Paused", Duration::from_secs(5));
    // Back on the alternate screen after leaving it, with the paused frame drawn.
    pty.wait_until("the screen taken back", Duration::from_secs(5), |o| {
        let after = String::from_utf8_lossy(&o.raw[mark..]);
        after
            .find("\x1b[?1049l")
            .is_some_and(|l| after[l..].contains("\x1b[?1049h"))
            && o.parser.screen().contents().contains("Long hold")
    });
    let after = pty.raw_since(mark);
    let left_alt = after
        .find("\x1b[?1049l")
        .expect("left the alternate screen");
    let back = left_alt
        + after[left_alt..]
            .find("\x1b[?1049h")
            .expect("took the screen again");
    assert!(
        after[left_alt..back].contains("\x1b[?25h"),
        "cursor shown while away"
    );
    let screen = pty.screen();
    assert!(
        screen.contains("Knee hug") && screen.contains("Long hold"),
        "{screen}"
    );
    let left = seconds_left(&screen).unwrap();
    assert_left_holds(&pty, left, Duration::from_millis(1500));
    pty.send("\x03");
    pty.wait_exit(Duration::from_secs(5));
    pty.assert_restored();
}

/// Resizes, then waits for the program to answer with output (a redraw or at least a
/// clear) and checks it is still running.
fn resize_and_settle(pty: &mut Pty, cols: u16, rows: u16) {
    let mark = pty.raw_len();
    pty.resize(cols, rows);
    pty.wait_until(
        &format!("output after a resize to {cols}x{rows}"),
        Duration::from_secs(5),
        |o| o.raw.len() > mark,
    );
    alive(pty);
}

fn alive(pty: &mut Pty) {
    assert!(
        pty.try_exit().is_none(),
        "knotless exited; screen:\n{}",
        pty.screen()
    );
}

/// What a fresh 80x24 frame of LONG shows `started` ago: the step, and the time left as the
/// clock says (within two seconds either way for rendering and reading).
fn assert_countdown_matches_the_clock(pty: &Pty, started: Instant) {
    pty.wait_until(
        "the countdown to match the clock",
        Duration::from_secs(5),
        |o| {
            let screen = o.parser.screen().contents();
            let expected = 600 - started.elapsed().as_secs();
            let close = seconds_left(&screen).is_some_and(|s| s.abs_diff(expected) <= 2);
            close && screen.contains("Knee hug") && screen.contains("phase 1 of 1")
        },
    );
}

#[test]
fn resizing_to_tiny_sizes_and_back_keeps_the_countdown_and_redraws_it() {
    let home = TempHome::new("term-resize");
    let mut pty = running(&home, &[]);
    let started = Instant::now();
    for (cols, rows) in [(1, 1), (2, 2), (20, 5), (1, 1), (80, 24)] {
        resize_and_settle(&mut pty, cols, rows);
    }
    assert_countdown_matches_the_clock(&pty, started);
    // 20x5: whatever fits, no panic, and the program still answers keys.
    resize_and_settle(&mut pty, 20, 5);
    pty.resize(80, 24);
    pty.send("?");
    pty.wait_for("Everywhere", Duration::from_secs(5));
    pty.send("\x1b");
    pty.wait_gone("Everywhere", Duration::from_secs(5));
    assert_countdown_matches_the_clock(&pty, started);
}

#[test]
fn a_shrink_and_restore_between_two_looks_still_redraws_the_whole_screen() {
    let home = TempHome::new("term-shrink-restore");
    let mut pty = running(&home, &[]);
    let pid = pty.pid();
    // Stopped, knotless sees neither size: on SIGCONT it finds the size it drew last, while
    // the terminal has cut what it showed to 20x5.
    kill(pid, "STOP");
    wait_state(pid, 'T', Duration::from_secs(5));
    pty.resize(20, 5);
    pty.resize(80, 24);
    assert!(
        !pty.screen().contains("phase 1 of 1"),
        "the shrink cut nothing:\n{}",
        pty.screen()
    );
    kill(pid, "CONT");
    // Whole again: the frame's border closed on every row, not only the cells that changed.
    pty.wait_until("the whole frame redrawn", Duration::from_secs(5), |o| {
        let screen = o.parser.screen().contents();
        let rows: Vec<&str> = screen.lines().collect();
        rows.len() >= 22
            && rows[1].starts_with("┌ Long hold")
            && rows[1].ends_with('┐')
            && rows[2..21]
                .iter()
                .all(|r| r.starts_with('│') && r.ends_with('│'))
    });
    let screen = pty.screen();
    assert!(
        screen.contains("Knee hug") && screen.contains("phase 1 of 1"),
        "{screen}"
    );
    pty.send("\x03");
    pty.wait_exit(Duration::from_secs(5));
    pty.assert_restored();
}

#[test]
fn a_burst_of_thousands_of_resizes_and_keys_loses_no_time_and_stays_responsive() {
    let home = TempHome::new("term-storm");
    let mut pty = running(&home, &[]);
    let started = Instant::now();
    let sizes = [(1, 1), (2, 2), (20, 5), (200, 60), (80, 24), (33, 7)];
    for i in 0..2000 {
        let (cols, rows) = sizes[i % sizes.len()];
        pty.resize(cols, rows);
        pty.send("x");
    }
    // And 2,000 keys in one write, with a key that changes the screen at the very end: it
    // shows only if every byte before it was read.
    pty.resize(80, 24);
    pty.send(&format!("{}?", "x".repeat(2000)));
    pty.wait_for("Everywhere", Duration::from_secs(10));
    alive(&mut pty);
    pty.send("\x1b");
    pty.wait_gone("Everywhere", Duration::from_secs(5));
    assert_countdown_matches_the_clock(&pty, started);
    // Still counting down.
    let now = seconds_left(&pty.screen());
    wait_left(&pty, "the countdown to go on", |left| Some(left) != now);
    pty.send("\x03");
    pty.wait_exit(Duration::from_secs(5));
    pty.assert_restored();
}

#[test]
fn sigtstp_from_outside_takes_the_same_clean_path_as_ctrl_z() {
    let (_home, mut shell, pid) = countdown_under_bash("term-tstp");

    kill(pid, "TSTP");
    wait_state(pid, 'T', Duration::from_secs(5));
    shell.wait_for("Stopped", Duration::from_secs(5));
    assert!(!shell.alternate_screen(), "stopped on the alternate screen");
    assert!(!shell.cursor_hidden(), "stopped with the cursor hidden");
    assert!(shell.cooked(), "stopped with the terminal in raw mode");

    shell.send("fg\r");
    shell.wait_for("Paused", Duration::from_secs(5));
    assert!(shell.alternate_screen(), "fg did not take the screen back");
    shell.send("\x03");
    shell.wait_for("shell$", Duration::from_secs(5));
}
