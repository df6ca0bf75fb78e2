//! `knotless remind` against real D-Bus: a private dbus-daemon per test and a fake
//! notification server in this process. The binary runs as a child with its own env.
#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use knotless::remind::messages::message;

use support::{Behaviour, FakeServer, PrivateBus, TempHome, knotless};
use zbus::OwnedVariant;

fn hint_str(v: &OwnedVariant) -> String {
    String::try_from(v.try_clone().unwrap()).unwrap()
}

/// The reminders `remind` printed, without its "Snoozed" and schedule lines.
fn reminder_lines(stdout: &str) -> Vec<&str> {
    stdout
        .lines()
        .filter(|l| !l.contains("Snoozed") && !l.contains("next break at "))
        .collect()
}

#[test]
fn notifications_carry_app_name_text_hints_and_actions() {
    let bus = PrivateBus::start();
    let server = FakeServer::start(&bus.address, Behaviour::actions(None));
    let run = knotless(
        &["remind", "--every", "1s", "--count", "2"],
        &bus.address,
        None,
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let calls = server.calls();
    assert_eq!(calls.len(), 2);
    let lines = reminder_lines(&run.stdout);
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    for (call, line) in calls.iter().zip(&lines) {
        assert_eq!(call.app_name, "knotless");
        assert!(!call.icon.is_empty());
        // `HH:MM summary: body`
        assert_eq!(line.as_bytes()[2], b':');
        assert_eq!(line[6..], format!("{}: {}", call.summary, call.body));
        assert!((0..6).any(|i| message(i).summary == call.summary));
        assert_eq!(
            u8::try_from(call.hints["urgency"].try_clone().unwrap()).unwrap(),
            1
        );
        assert_eq!(hint_str(&call.hints["category"]), "x-knotless.reminder");
        assert_eq!(hint_str(&call.hints["sound-name"]), "message-new-instant");
        // Headless has no screen to open a session in, so it offers only "Snooze".
        assert_eq!(call.actions, ["snooze", "Snooze"]);
    }
    // The second reminder replaces the first instead of piling up.
    assert_eq!(calls[1].replaces_id, calls[0].id);
    assert_ne!(calls[0].summary, calls[1].summary);
}

#[test]
fn quiet_sends_no_sound() {
    let bus = PrivateBus::start();
    let server = FakeServer::start(&bus.address, Behaviour::Normal);
    let run = knotless(
        &["remind", "--every", "1s", "--count", "1", "--quiet"],
        &bus.address,
        None,
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let calls = server.calls();
    assert_eq!(calls.len(), 1);
    assert!(!calls[0].hints.contains_key("sound-name"));
    assert!(bool::try_from(calls[0].hints["suppress-sound"].try_clone().unwrap()).unwrap());
    // No `actions` capability: no buttons offered.
    assert!(calls[0].actions.is_empty());
}

#[test]
fn sound_can_be_turned_off_in_the_config() {
    let bus = PrivateBus::start();
    let server = FakeServer::start(&bus.address, Behaviour::Normal);
    let run = knotless(
        &["remind", "--every", "1s", "--count", "1"],
        &bus.address,
        Some("[reminders]\nsound = false\n"),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!server.calls()[0].hints.contains_key("sound-name"));
}

#[test]
fn snooze_from_the_notification_delays_the_next_reminder() {
    let bus = PrivateBus::start();
    let server = FakeServer::start(&bus.address, Behaviour::actions(Some("snooze")));
    let run = knotless(
        &["remind", "--every", "1s", "--count", "2"],
        &bus.address,
        Some("[reminders]\nsnooze = \"3s\"\n"),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("Snoozed for 3s."), "{}", run.stdout);
    let calls = server.calls();
    assert_eq!(calls.len(), 2);
    let gap = calls[1].at - calls[0].at;
    assert!(
        gap >= Duration::from_millis(2800),
        "next reminder came after {gap:?}, not the 3 s snooze"
    );
}

#[test]
fn start_stretch_is_offered_where_a_screen_can_open_it_and_opens_the_break() {
    let bus = PrivateBus::start();
    let server = FakeServer::start(&bus.address, Behaviour::actions(Some("start")));
    let home = TempHome::new("start-stretch");
    home.write("state/knotless/safety-acknowledged", "");
    let app = home.pty_with(
        &["--every", "1s"],
        100,
        30,
        &[("DBUS_SESSION_BUS_ADDRESS", &bus.address)],
    );
    let calls = server.wait_calls(1, Duration::from_secs(15));
    assert_eq!(
        calls[0].actions,
        ["start", "Start stretch", "snooze", "Snooze"]
    );
    // The click reached the app: it opened the break session.
    app.wait_for("Desk break", Duration::from_secs(10));
}

fn assert_falls_back(run: &support::Run, reason: &str) {
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(reminder_lines(&run.stdout).len(), 1, "{}", run.stdout);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("desktop notifications are not available"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(reason), "{}", run.stderr);
}

#[test]
fn falls_back_when_there_is_no_bus() {
    let dir = TempHome::new("nobus");
    let address = format!("unix:path={}/no-such-socket", dir.path().display());
    let run = knotless(&["remind", "--every", "1s", "--count", "1"], &address, None);
    assert_falls_back(&run, "cannot reach the session bus");
}

#[test]
fn falls_back_when_no_notification_server_runs() {
    let bus = PrivateBus::start();
    let run = knotless(
        &["remind", "--every", "1s", "--count", "1"],
        &bus.address,
        None,
    );
    assert_falls_back(&run, "no notification server is running");
}

#[test]
fn falls_back_when_the_server_never_answers() {
    let bus = PrivateBus::start();
    let server = FakeServer::start(&bus.address, Behaviour::Hang);
    let run = knotless(
        &["remind", "--every", "1s", "--count", "1"],
        &bus.address,
        None,
    );
    assert_falls_back(&run, "did not answer");
    assert_eq!(server.calls().len(), 1);
}

/// A server that errors, crashes mid-call or answers nonsense: the reminder still reaches
/// the user, on stdout.
fn falls_back_from(behaviour: Behaviour) {
    let bus = PrivateBus::start();
    let server = FakeServer::start(&bus.address, behaviour);
    let run = knotless(
        &["remind", "--every", "1s", "--count", "1"],
        &bus.address,
        None,
    );
    assert_falls_back(&run, "");
    assert_eq!(server.calls().len(), 1);
}

#[test]
fn falls_back_when_the_server_answers_an_error() {
    falls_back_from(Behaviour::Error);
}

#[test]
fn falls_back_when_the_server_crashes_mid_call() {
    falls_back_from(Behaviour::Crash);
}

#[test]
fn falls_back_when_the_server_answers_garbage() {
    falls_back_from(Behaviour::Garbage);
}

#[test]
fn a_broken_config_refuses_to_start() {
    let run = knotless(
        &["remind", "--every", "1s", "--count", "1"],
        "unix:path=/nonexistent/knotless-test-bus",
        Some("[reminders]\ndays = [\"mon\", \"funday\"]\n"),
    );
    assert_eq!(run.code, Some(1));
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .contains("config.toml:2:16: [reminders]: unknown day \"funday\""),
        "{}",
        run.stderr
    );
}

#[test]
fn a_bad_every_flag_is_a_usage_error() {
    let run = knotless(
        &["remind", "--every", "often"],
        "unix:path=/nonexistent/x",
        None,
    );
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("--every: cannot read \"often\""),
        "{}",
        run.stderr
    );
}
