//! End to end (issue 12): the real binary in a real pseudo-terminal on knot-relief with every
//! phase shortened to one second; leaving takes `q` then `y`, Enter in the dialog keeps going,
//! and history records the run as stopped with the phases it did.
#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use support::{TempHome, one_second_copy};

/// The "phase N of 8" the screen shows.
fn phase_shown(screen: &str) -> usize {
    let at = screen.find("phase ").unwrap() + "phase ".len();
    let digits: String = screen[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap()
}

#[test]
fn knot_relief_left_with_q_then_y_is_stopped_with_the_phases_it_did() {
    let home = TempHome::new("e2e-leave");
    let file = one_second_copy(&home, "knot-relief").display().to_string();
    let mut pty = home.pty(&["run", &file, "--quiet"], 80, 24);
    pty.wait_for("Press Enter or Space to start", Duration::from_secs(10));
    assert!(pty.screen().contains("You'll need: heating pad"));
    pty.send(" ");
    // The first phase ends by itself (done); then four are skipped with `n`.
    pty.wait_for("phase 2 of 8", Duration::from_secs(10));
    pty.send("nnnn");
    pty.send("q");
    pty.wait_for("Leave the session?", Duration::from_secs(5));
    let asked_at = phase_shown(&pty.screen());
    assert!(asked_at < 8, "still a phase to go:\n{}", pty.screen());

    // Enter keeps going: the dialog closes and the session is still on screen.
    pty.send("\r");
    pty.wait_gone("Leave the session?", Duration::from_secs(5));
    let screen = pty.screen();
    assert!(screen.contains("of 8"), "still in the session:\n{screen}");
    assert!(!screen.contains("Session "), "not the summary:\n{screen}");

    pty.send("q");
    pty.wait_for("Leave the session?", Duration::from_secs(5));
    pty.send("y");
    let status = pty.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "exit status {status:?}");
    pty.assert_restored();

    let runs = home.history_json();
    let run = &runs[0];
    assert_eq!(run["session"], "knot-relief");
    assert_eq!(run["outcome"], "stopped");
    assert_eq!(run["completed"], false);
    let done = run["phases_done"].as_u64().unwrap();
    let skipped = run["phases_skipped"].as_u64().unwrap();
    // Phase 1 ran out by itself; the four `n` skipped; phases that ran out while the keys
    // travelled count as done. The run stopped before the end.
    assert!(done >= 1, "{run}");
    assert_eq!(skipped, 4, "{run}");
    assert!(done + skipped < 8, "{run}");
    assert!(run["ended_at"].is_string(), "{run}");
}

/// Moves to Desk break on home (`moves`), opens it, gives `rating` on its intro, starts it and
/// leaves at once; home keeps Desk break chosen.
fn start_and_leave_desk_break(pty: &mut support::Pty, moves: &str, rating: Option<&str>) {
    pty.send(moves);
    pty.wait_for("Desk break ─", Duration::from_secs(5));
    pty.send("\r");
    pty.wait_for("Press Enter or Space to start", Duration::from_secs(5));
    if let Some(digit) = rating {
        pty.send(digit);
        pty.wait_for(
            &format!("right now (0–10)? {digit}"),
            Duration::from_secs(5),
        );
    }
    pty.send(" ");
    pty.wait_for("phase 1 of 7", Duration::from_secs(5));
    pty.send("q");
    pty.wait_for("Leave the session?", Duration::from_secs(5));
    pty.send("y");
    pty.wait_for("Sessions", Duration::from_secs(5));
}

/// A rating given on the intro belongs to the run it starts, never to the one before it, in
/// one instance that runs both (history applies its jobs to the run started last).
#[test]
fn the_pain_rated_before_a_second_run_is_not_written_onto_the_first() {
    let home = TempHome::new("e2e-pain-before");
    let mut pty = home.pty(&["--quiet", "--no-remind"], 80, 24);
    // The first launch shows when to seek help; Enter acknowledges it.
    pty.wait_for("When to seek help", Duration::from_secs(10));
    pty.send("\r");
    pty.wait_for("Sessions", Duration::from_secs(5));
    start_and_leave_desk_break(&mut pty, "j", None);
    start_and_leave_desk_break(&mut pty, "", Some("6"));
    pty.send("q");
    let status = pty.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "exit status {status:?}");

    let runs = home.history_json();
    assert_eq!(runs.as_array().unwrap().len(), 2, "{runs}");
    // Newest first.
    assert_eq!(runs[0]["pain_before"], 6, "{runs}");
    assert!(
        runs[1]["pain_before"].is_null(),
        "the first run kept no rating: {runs}"
    );
}

/// `knotless run` may be the first command someone types: the safety screen comes first there
/// too, Enter shows the session's intro, and the next launch goes straight to the intro.
#[test]
fn a_first_run_shows_when_to_seek_help_before_the_session() {
    let home = TempHome::new("e2e-first-run");
    let launch = || {
        // Built here, not with `home.pty`: that counts the screen as read for `run`.
        let mut spec = support::pty::Spawn::new(support::BIN, &["run", "desk-break", "--quiet"])
            .size(80, 24)
            .cwd(home.path());
        spec.env = home.env();
        support::pty::Pty::spawn(&spec)
    };
    let mut pty = launch();
    pty.wait_for("When to seek help", Duration::from_secs(10));
    pty.send("\r");
    pty.wait_for("Press Enter or Space to start", Duration::from_secs(5));
    assert!(!pty.screen().contains("When to seek help"));
    pty.send("q");
    assert!(pty.wait_exit(Duration::from_secs(5)).success());
    let mut pty = launch();
    pty.wait_for("Press Enter or Space to start", Duration::from_secs(10));
    assert!(!pty.screen().contains("When to seek help"));
    pty.send("q");
    assert!(pty.wait_exit(Duration::from_secs(5)).success());
}
