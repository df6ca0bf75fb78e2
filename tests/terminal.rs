//! The terminal is given back on every way out (a panic, SIGINT, SIGHUP, a terminal closed
//! under the program), Ctrl-Z suspends and `fg` resumes, all with the real binary in a
//! pseudo-terminal. SIGTERM is in tests/e2e.rs.
#![allow(clippy::unwrap_used)]

mod common;
mod rawpty;

use std::time::{Duration, Instant};

use common::{BIN, Pty, TempHome};
use rawpty::{Ctty, RawPty, proc_stat};

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
    let mut pty = Pty::spawn_with(
        home,
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

/// `Pty::assert_restored`, once the reader has caught up with the last bytes the program
/// wrote before it exited (they may still be in the pty when its exit is seen).
fn assert_restored(pty: &Pty) {
    let start = Instant::now();
    while pty.parser.lock().unwrap().screen().alternate_screen()
        && start.elapsed() < Duration::from_secs(2)
    {
        std::thread::sleep(Duration::from_millis(10));
    }
    pty.assert_restored();
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
    assert_restored(&pty);
    assert_cut_short(&home);
}

#[test]
fn sighup_restores_the_terminal_and_records_the_run_as_cut_short() {
    let home = TempHome::new("term-hup");
    let mut pty = running(&home, &[]);
    kill(pty.pid(), "HUP");
    let status = pty.wait_exit(Duration::from_secs(5));
    assert_eq!(status.exit_code(), 128 + 1);
    assert_restored(&pty);
    assert_cut_short(&home);
}

#[test]
fn ctrl_c_in_raw_mode_quits_with_the_terminal_restored() {
    let home = TempHome::new("term-ctrl-c");
    let mut pty = running(&home, &[]);
    pty.send("\x03");
    pty.wait_exit(Duration::from_secs(5));
    assert_restored(&pty);
    assert_cut_short(&home);
}

#[test]
fn a_panic_restores_the_terminal_and_says_what_happened() {
    let home = TempHome::new("term-panic");
    let file = home.write("long.toml", LONG);
    let mut pty = Pty::spawn_with(
        &home,
        &["run", &file.display().to_string(), "--quiet"],
        80,
        24,
        &[("KNOTLESS_TEST_PANIC", "1")],
    );
    pty.wait_for("Press Enter", Duration::from_secs(10));
    pty.send(" ");
    let status = pty.wait_exit(Duration::from_secs(5));
    assert!(!status.success());
    assert_restored(&pty);
    // The panic message is printed after the restore, so it lands on the normal screen.
    pty.wait_for("KNOTLESS_TEST_PANIC", Duration::from_secs(2));
}

fn env(home: &TempHome) -> Vec<(String, String)> {
    home.env()
}

/// Closes the terminal under a paused countdown; returns how long the process took to exit
/// and the CPU time it used from the close to its exit.
fn close_under(ctty: Ctty, tag: &str) -> (Duration, Duration, TempHome) {
    let home = TempHome::new(tag);
    let file = home.write("long.toml", LONG);
    let file = file.display().to_string();
    let mut pty = RawPty::spawn(BIN, &["run", &file, "--quiet"], &env(&home), ctty, 80, 24);
    pty.wait_for("Press Enter", Duration::from_secs(10));
    pty.send(" ");
    pty.wait_for("phase 1 of 1", Duration::from_secs(5));
    // Paused, nothing redraws by itself: only input can tell the program anything.
    pty.send(" ");
    pty.wait_for("Paused", Duration::from_secs(5));
    let pid = pty.pid();
    let before = proc_stat(pid).unwrap().cpu_ticks;
    let mut last = before;
    let start = Instant::now();
    pty.close();
    let took = loop {
        if let Some(stat) = proc_stat(pid).filter(|s| s.state != 'Z') {
            last = stat.cpu_ticks;
        }
        if pty.child.try_wait().unwrap().is_some() {
            break start.elapsed();
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "still running 10 s after its terminal closed (state {}, {} ms of CPU)",
            pty.state(),
            (last - before) * 10
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    let cpu = Duration::from_millis((last - before) * 10);
    drop(pty);
    (took, cpu, home)
}

#[test]
fn closing_the_controlling_terminal_ends_the_program_promptly_without_spinning() {
    let (took, cpu, home) = close_under(Ctty::Controlling, "term-lost");
    eprintln!("controlling terminal closed: exit after {took:?}, {cpu:?} of CPU");
    assert!(took < Duration::from_secs(3), "{took:?}");
    assert!(cpu < Duration::from_millis(500), "{cpu:?} of CPU");
    assert_cut_short(&home);
}

#[test]
fn losing_a_terminal_that_sends_no_hangup_signal_ends_the_program_without_spinning() {
    // No SIGHUP here: only the read failing tells the program its terminal is gone.
    let (took, cpu, home) = close_under(Ctty::StdioOnly, "term-lost-eio");
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

fn wait_state(pid: i32, want: char, timeout: Duration) {
    let start = Instant::now();
    while start.elapsed() < timeout {
        if proc_stat(pid).is_some_and(|s| s.state == want) {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!(
        "process {pid} never reached state {want:?} (is {:?})",
        proc_stat(pid).map(|s| s.state)
    );
}

/// knotless's pid: the one child of the shell running our binary.
fn knotless_under(shell: i32) -> i32 {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
            .unwrap_or_default();
        for pid in children.split_whitespace() {
            let exe = std::fs::read_link(format!("/proc/{pid}/exe")).unwrap_or_default();
            if exe.ends_with("knotless") {
                return pid.parse().unwrap();
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("knotless did not start under the shell");
}

/// knotless running a long countdown under an interactive bash with job control.
fn countdown_under_bash(tag: &str) -> (TempHome, RawPty, i32) {
    let home = TempHome::new(tag);
    let file = home.write("long.toml", LONG);
    let mut env = home.env();
    env.push(("PS1".into(), "shell$ ".into()));
    let shell = RawPty::spawn(
        "bash",
        &["--norc", "--noprofile", "--noediting", "-i"],
        &env,
        Ctty::Controlling,
        80,
        24,
    );
    shell.wait_for("shell$", Duration::from_secs(10));
    shell.send(&format!("{BIN} run {} --quiet\r", file.display()));
    shell.wait_for("Press Enter", Duration::from_secs(10));
    let pid = knotless_under(shell.pid());
    shell.send(" ");
    shell.wait_for("phase 1 of 1", Duration::from_secs(5));
    (home, shell, pid)
}

#[test]
fn ctrl_z_under_a_job_control_shell_stops_with_the_terminal_restored_and_fg_resumes_paused() {
    let (_home, shell, pid) = countdown_under_bash("term-ctrl-z");
    std::thread::sleep(Duration::from_millis(1500));

    shell.send("\x1a");
    wait_state(pid, 'T', Duration::from_secs(5));
    shell.wait_for("Stopped", Duration::from_secs(5));
    assert!(!shell.alternate_screen(), "stopped on the alternate screen");
    assert!(!shell.cursor_hidden(), "stopped with the cursor hidden");
    assert!(shell.cooked(), "stopped with the terminal in raw mode");
    // Time passes while stopped; the countdown must not.
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(proc_stat(pid).unwrap().state, 'T');

    shell.send("fg\r");
    shell.wait_for("Paused", Duration::from_secs(5));
    assert!(shell.alternate_screen(), "fg did not take the screen back");
    let screen = shell.screen();
    assert!(screen.contains("Knee hug"), "no full redraw:\n{screen}");
    let left = seconds_left(&screen).expect("a countdown on screen");
    // Started at 10:00; about 1.5 s ran before Ctrl-Z, none while stopped.
    assert!((597..=599).contains(&left), "{left} s left:\n{screen}");
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(
        seconds_left(&shell.screen()),
        Some(left),
        "paused means paused"
    );
    // Space resumes; the countdown moves again.
    shell.send(" ");
    shell.wait_for("phase 1 of 1", Duration::from_secs(5));
    let start = Instant::now();
    while seconds_left(&shell.screen()) == Some(left) {
        assert!(start.elapsed() < Duration::from_secs(5), "did not resume");
        std::thread::sleep(Duration::from_millis(50));
    }
    shell.send("\x03");
    shell.wait_for("shell$", Duration::from_secs(5));
}

#[test]
fn ctrl_z_without_job_control_gives_the_terminal_back_then_takes_it_again_paused() {
    // The shared harness starts knotless as a session leader with no shell: its process
    // group is orphaned, so the kernel ignores the SIGTSTP it sends itself (nobody could
    // `fg` it). It must still leave a sane, paused, fully redrawn screen.
    let home = TempHome::new("term-ctrl-z-orphan");
    let pty = running(&home, &[]);
    std::thread::sleep(Duration::from_millis(1200));
    let mark = pty.raw.lock().unwrap().len();
    let mut pty = pty;
    pty.send("\x1a");
    pty.wait_for("Paused", Duration::from_secs(5));
    std::thread::sleep(Duration::from_millis(300));
    let after = pty.raw.lock().unwrap()[mark..].to_vec();
    let after = String::from_utf8_lossy(&after);
    let left_alt = after
        .find("\x1b[?1049l")
        .expect("left the alternate screen");
    let back = after.find("\x1b[?1049h").expect("took the screen again");
    assert!(left_alt < back);
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
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(seconds_left(&pty.screen()), Some(left));
    pty.send("\x03");
    pty.wait_exit(Duration::from_secs(5));
    assert_restored(&pty);
}

fn resize(pty: &Pty, cols: u16, rows: u16) {
    // The emulator itself overflows below about 20x5 (vt100 0.16 subtracts past zero when it
    // wraps at one column); keep it at least that big: a smaller program frame fits inside.
    pty.parser
        .lock()
        .unwrap()
        .screen_mut()
        .set_size(rows.max(5), cols.max(20));
    pty.master
        .resize(portable_pty::PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
}

fn alive(pty: &mut Pty) {
    assert!(
        pty.child.try_wait().unwrap().is_none(),
        "knotless exited; screen:\n{}",
        pty.screen()
    );
}

/// What a fresh 80x24 frame of LONG shows `started` ago: the step, and the time left as the
/// clock says (within a second either way for rendering and polling).
fn assert_countdown_matches_the_clock(pty: &Pty, started: Instant) {
    let start = Instant::now();
    loop {
        let screen = pty.screen();
        let expected = 600 - started.elapsed().as_secs();
        let shown = seconds_left(&screen);
        let close = shown.is_some_and(|s| s.abs_diff(expected) <= 2);
        if close && screen.contains("Knee hug") && screen.contains("phase 1 of 1") {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "expected about {expected} s left, saw {shown:?}:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn resizing_to_tiny_sizes_and_back_keeps_the_countdown_and_redraws_it() {
    let home = TempHome::new("term-resize");
    let mut pty = running(&home, &[]);
    let started = Instant::now();
    for (cols, rows) in [(1, 1), (2, 2), (20, 5), (1, 1), (80, 24)] {
        resize(&pty, cols, rows);
        std::thread::sleep(Duration::from_millis(400));
        alive(&mut pty);
    }
    assert_countdown_matches_the_clock(&pty, started);
    // 20x5: whatever fits, no panic, and the program still answers keys.
    resize(&pty, 20, 5);
    std::thread::sleep(Duration::from_millis(400));
    alive(&mut pty);
    resize(&pty, 80, 24);
    pty.send("?");
    pty.wait_for("Everywhere", Duration::from_secs(5));
    pty.send("\x1b");
    pty.wait_gone("Everywhere", Duration::from_secs(5));
    assert_countdown_matches_the_clock(&pty, started);
}

#[test]
fn a_burst_of_thousands_of_resizes_and_keys_loses_no_time_and_stays_responsive() {
    let home = TempHome::new("term-storm");
    let mut pty = running(&home, &[]);
    let started = Instant::now();
    let sizes = [(1, 1), (2, 2), (20, 5), (200, 60), (80, 24), (33, 7)];
    let storm = Instant::now();
    for i in 0..2000 {
        let (cols, rows) = sizes[i % sizes.len()];
        resize(&pty, cols, rows);
        pty.send("x");
    }
    // And 2,000 keys in one write, with a key that changes the screen at the very end: it
    // shows only if every byte before it was read.
    resize(&pty, 80, 24);
    pty.send(&format!("{}?", "x".repeat(2000)));
    pty.wait_for("Everywhere", Duration::from_secs(10));
    eprintln!("storm written and handled in {:?}", storm.elapsed());
    alive(&mut pty);
    pty.send("\x1b");
    pty.wait_gone("Everywhere", Duration::from_secs(5));
    assert_countdown_matches_the_clock(&pty, started);
    // Still counting down.
    let now = seconds_left(&pty.screen());
    std::thread::sleep(Duration::from_millis(2100));
    assert_ne!(seconds_left(&pty.screen()), now, "the countdown stopped");
    pty.send("\x03");
    pty.wait_exit(Duration::from_secs(5));
    assert_restored(&pty);
}

#[test]
fn sigtstp_from_outside_takes_the_same_clean_path_as_ctrl_z() {
    let (_home, shell, pid) = countdown_under_bash("term-tstp");

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
