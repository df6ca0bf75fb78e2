//! Word when you are away (issue 14): with focus reports in a pseudo-terminal, a long phase
//! that ends while the terminal has no focus sends exactly one notification to a fake
//! notification server on a private bus; while it has focus, none. "Long" is set by the
//! visible `away_after` key (2 s here; 2 minutes by default), so the session runs in seconds.
#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use support::{Behaviour, FakeServer, PrivateBus, TempHome};

const WAIT: Duration = Duration::from_secs(15);

/// A short phase (under `away_after`), then a long one.
const SESSION: &str = r#"
title = "Away test"

[[steps]]
name = "Short"
duration = "1s"

[[steps]]
name = "Heat"
duration = "2s"
"#;

/// Runs the session in a pty on `bus` with the focus report `focus` sent at the start;
/// returns once the program exited (every notification it sent is in by then).
fn run(home: &TempHome, bus: &str, focus: &str) {
    let file = home.write("away.toml", SESSION).display().to_string();
    home.write("config/knotless/config.toml", "away_after = \"2s\"\n");
    let args = ["run", &file, "--no-remind", "--quiet"];
    let mut pty = home.pty_with(&args, 80, 24, &[("DBUS_SESSION_BUS_ADDRESS", bus)]);
    pty.wait_for("Press Enter", WAIT);
    assert!(pty.raw().contains("\x1b[?1004h"), "focus reports asked for");
    pty.send(focus);
    pty.send(" ");
    pty.wait_for("Session complete", WAIT);
    pty.quit("q", WAIT);
}

#[test]
fn a_long_phase_ending_while_unfocused_is_told_once() {
    let bus = PrivateBus::start();
    // A server with buttons: the notification offers none (nothing to snooze or start).
    let server = FakeServer::start(&bus.address, Behaviour::actions(None));
    let home = TempHome::new("away");
    run(&home, &bus.address, "\x1b[O");
    let calls = server.calls();
    assert_eq!(calls.len(), 1, "{calls:#?}");
    assert!(calls[0].actions.is_empty(), "{:?}", calls[0].actions);
    assert_eq!(calls[0].summary, "Heat is done");
    assert!(
        calls[0].body.contains("the session is complete"),
        "{}",
        calls[0].body
    );
}

#[test]
fn nothing_is_sent_while_the_terminal_has_focus() {
    let bus = PrivateBus::start();
    let server = FakeServer::start(&bus.address, Behaviour::Normal);
    let home = TempHome::new("away-focused");
    run(&home, &bus.address, "\x1b[I");
    assert!(server.calls().is_empty(), "{:#?}", server.calls());
}
