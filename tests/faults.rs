//! Faults around the UI, with the real binary in a pseudo-terminal: the notification server
//! missing, crashing in the middle of a call, never answering, or answering garbage; and the
//! session file deleted while it runs. Reminders must still reach the user (the banner) and
//! the UI must stay responsive.
#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use support::{Behaviour, FakeServer, PrivateBus, Pty, TempHome};

/// The home screen with reminders every second, on `bus`.
fn home_with_reminders(home: &TempHome, bus: &str) -> Pty {
    home.write(
        "config/knotless/config.toml",
        "[reminders]\nevery = \"1s\"\n",
    );
    let pty = home.pty_with(&[], 80, 24, &[("DBUS_SESSION_BUS_ADDRESS", bus)]);
    pty.wait_for("I understand", Duration::from_secs(10));
    let mut pty = pty;
    pty.send("\r");
    pty.wait_for("Sessions", Duration::from_secs(5));
    pty
}

/// The banner shows, and the UI still answers keys; then quits cleanly.
fn assert_reminders_reach_the_user(mut pty: Pty) {
    pty.wait_for("Movement break", Duration::from_secs(10));
    pty.send("?");
    pty.wait_for("Everywhere", Duration::from_secs(5));
    pty.send("\x1b");
    pty.wait_gone("Everywhere", Duration::from_secs(5));
    pty.send("\x03");
    // Shutting down never waits on the broken server beyond the send deadline (2 s); how
    // long it takes is measured in benches/process.rs.
    pty.wait_exit(Duration::from_secs(10));
}

#[test]
fn no_bus_at_all_still_shows_the_banner() {
    let home = TempHome::new("fault-nobus");
    let missing = format!("unix:path={}/no-bus", home.root.display());
    assert_reminders_reach_the_user(home_with_reminders(&home, &missing));
}

#[test]
fn no_notification_server_on_the_bus_still_shows_the_banner() {
    let bus = PrivateBus::start();
    let home = TempHome::new("fault-noserver");
    assert_reminders_reach_the_user(home_with_reminders(&home, &bus.address));
}

#[test]
fn a_server_crashing_mid_call_still_shows_the_banner() {
    let bus = PrivateBus::start();
    let _server = FakeServer::start(&bus.address, Behaviour::Crash);
    let home = TempHome::new("fault-crash");
    assert_reminders_reach_the_user(home_with_reminders(&home, &bus.address));
}

#[test]
fn a_server_answering_garbage_still_shows_the_banner() {
    let bus = PrivateBus::start();
    let _server = FakeServer::start(&bus.address, Behaviour::Garbage);
    let home = TempHome::new("fault-garbage");
    assert_reminders_reach_the_user(home_with_reminders(&home, &bus.address));
}

#[test]
fn a_server_answering_an_error_still_shows_the_banner() {
    let bus = PrivateBus::start();
    let _server = FakeServer::start(&bus.address, Behaviour::Error);
    let home = TempHome::new("fault-error");
    assert_reminders_reach_the_user(home_with_reminders(&home, &bus.address));
}

#[test]
fn a_hanging_server_leaves_every_key_answered() {
    let bus = PrivateBus::start();
    let server = FakeServer::start(&bus.address, Behaviour::Hang);
    let home = TempHome::new("fault-hang");
    let mut pty = home_with_reminders(&home, &bus.address);
    pty.wait_for("Movement break", Duration::from_secs(10));
    // The first call is in and will never be answered: the notifier worker is stuck on it
    // while reminders keep coming (every second).
    server.wait_calls(1, Duration::from_secs(10));
    // Every key still gets its redraw. How fast is measured in benches/process.rs
    // ("input to redraw while the notification server hangs").
    for _ in 0..15 {
        pty.send("?");
        pty.wait_for("Everywhere", Duration::from_secs(5));
        pty.send("\x1b");
        pty.wait_gone("Everywhere", Duration::from_secs(5));
    }
    pty.send("\x03");
    pty.wait_exit(Duration::from_secs(10));
}

#[test]
fn deleting_the_session_file_mid_run_does_not_disturb_it() {
    let home = TempHome::new("fault-delete");
    let file = home.write(
        "short.toml",
        "title = \"Short\"\n\n[[steps]]\nname = \"Hold\"\nduration = \"2s\"\n\n\
         [[steps]]\nname = \"Breathe\"\nduration = \"2s\"\n",
    );
    let mut pty = home.run_started(&file, &["--quiet"]);
    pty.wait_for("phase 1 of 2", Duration::from_secs(5));
    std::fs::remove_file(&file).unwrap();
    pty.wait_for("Session complete", Duration::from_secs(15));
    assert!(pty.screen().contains("2 of 2"), "{}", pty.screen());
    pty.send("q");
    assert!(pty.wait_exit(Duration::from_secs(5)).success());
}

#[test]
fn editing_and_deleting_a_user_session_and_the_config_while_running_changes_nothing() {
    let home = TempHome::new("fault-edit");
    let session = home.write(
        "config/knotless/sessions/mine.toml",
        "title = \"Mine\"\n\n[[steps]]\nname = \"Hold\"\nduration = \"3s\"\n",
    );
    let config = home.write(
        "config/knotless/config.toml",
        "[reminders]\nenabled = false\n",
    );
    let mut pty = home.pty(&["run", "mine", "--quiet"], 80, 24);
    pty.wait_for("Press Enter", Duration::from_secs(10));
    pty.send(" ");
    pty.wait_for("phase 1 of 1", Duration::from_secs(5));
    // Broken files in place of both: a running session owns its copy.
    std::fs::write(&session, "title = [not toml").unwrap();
    std::fs::write(&config, "[reminders\n").unwrap();
    pty.wait_for("Session complete", Duration::from_secs(15));
    std::fs::remove_file(&session).unwrap();
    std::fs::remove_file(&config).unwrap();
    pty.send("q");
    assert!(pty.wait_exit(Duration::from_secs(5)).success());
}
