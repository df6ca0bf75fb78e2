//! End to end: the real binary in a real pseudo-terminal, on a session of 1-second steps.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::{Pty, TempHome};

const SHORT: &str = r#"
title = "Quick test"
summary = "Three one-second phases."

[[steps]]
name = "Stretch"
duration = "1s"
sides = ["left", "right"]
cue = "Switch sides."

[[steps]]
name = "Breathe"
duration = "1s"
"#;

#[test]
fn runs_a_short_session_to_its_summary_and_exits_zero_with_the_terminal_restored() {
    let home = TempHome::new("e2e-run");
    let file = home.write("quick.toml", SHORT);
    let mut pty = Pty::spawn(
        &home,
        &["run", &file.display().to_string(), "--quiet"],
        80,
        24,
    );
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
    let mut pty = Pty::spawn(&home, &["run", "unwind", "--quiet"], 80, 24);
    pty.wait_for("Press Enter", Duration::from_secs(10));
    pty.send(" ");
    pty.wait_for("phase 1 of", Duration::from_secs(5));
    nix_kill(pty.pid(), "TERM");
    let status = pty.wait_exit(Duration::from_secs(5));
    assert!(!status.success());
    pty.assert_restored();
}

fn nix_kill(pid: i32, sig: &str) {
    let ok = std::process::Command::new("kill")
        .args([&format!("-{sig}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
}
