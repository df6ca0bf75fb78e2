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
    pty.assert_restored();
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
