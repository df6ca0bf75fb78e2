//! `+` and `-` on a running phase, driven by synthetic moments: the step by phase length,
//! the one-second floor near the end, what they do to a range hold's minimum and maximum,
//! the session total, and the time a run records.

use std::time::Duration;

use knotless::clock::Moment;
use knotless::runner::{Command, Effect, HoldHint, Mode, Runner};
use knotless::session::{Phase, PhaseKind, Timing};

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn at(s: u64) -> Moment {
    Moment::from_secs(s)
}

fn phase(timing: Timing) -> Phase {
    Phase {
        kind: PhaseKind::Work,
        step: 0,
        rep: 1,
        side: None,
        timing,
    }
}

fn started(timings: &[Timing]) -> Runner {
    let mut r = Runner::from_phases(timings.iter().copied().map(phase).collect());
    r.apply(Command::Start, at(0));
    r
}

fn changed(effects: &[Effect]) -> Option<Duration> {
    effects.iter().find_map(|e| match e {
        Effect::TimeChanged { left } => Some(*left),
        _ => None,
    })
}

#[test]
fn plus_adds_a_minute_to_long_phases_and_ten_seconds_to_short_ones() {
    // A 20-minute heat phase stretched to 25.
    let mut r = started(&[Timing::Fixed(secs(20 * 60)), Timing::Fixed(secs(30))]);
    assert_eq!(r.session_remaining(at(0)), secs(20 * 60 + 30));
    for i in 0..5 {
        let effects = r.apply(Command::MoreTime, at(60 + i));
        assert_eq!(
            changed(&effects),
            Some(secs(20 * 60 + 60 * (i + 1)) - secs(60 + i))
        );
    }
    assert_eq!(r.remaining(at(600)), Some(secs(25 * 60 - 600)));
    assert_eq!(r.session_remaining(at(600)), secs(25 * 60 - 600 + 30));
    // Nothing ends at the written 20 minutes; the phase ends at 25 and the next one starts.
    assert!(r.advance(at(20 * 60)).is_empty());
    let effects = r.advance(at(25 * 60));
    assert!(effects.contains(&Effect::PhaseStarted(1)), "{effects:?}");
    // The 30-second phase moves by 10 seconds, and its own length is as written again.
    assert_eq!(r.remaining(at(25 * 60)), Some(secs(30)));
    r.apply(Command::MoreTime, at(25 * 60));
    assert_eq!(r.remaining(at(25 * 60)), Some(secs(40)));
}

#[test]
fn minus_never_leaves_less_than_a_second() {
    let mut r = started(&[Timing::Fixed(secs(30)), Timing::Fixed(secs(30))]);
    // 5 seconds left: `-` leaves 1 second, not 0 and not a skip.
    let effects = r.apply(Command::LessTime, at(25));
    assert_eq!(changed(&effects), Some(secs(1)));
    assert_eq!(r.index(), 0);
    // With a second or less left, `-` does nothing.
    assert_eq!(changed(&r.apply(Command::LessTime, at(25))), None);
    let half = Moment::from_duration(Duration::from_millis(25_500));
    assert!(r.apply(Command::LessTime, half).is_empty());
    assert_eq!(r.remaining(half), Some(Duration::from_millis(500)));
    // Changes are whole seconds: with 3.5 s left, `-` leaves 1.5 s, not 1 s, so the
    // countdown keeps changing on the same fraction of a second.
    let mut odd = started(&[Timing::Fixed(secs(30))]);
    let at_26_5 = Moment::from_duration(Duration::from_millis(26_500));
    odd.apply(Command::LessTime, at_26_5);
    assert_eq!(odd.remaining(at_26_5), Some(Duration::from_millis(1_500)));
    // The phase ends at the new end, and counts as done.
    let effects = r.advance(at(26));
    assert!(effects.contains(&Effect::PhaseEnded {
        index: 0,
        completed: true
    }));
    // Far from the end, `-` takes the whole 10 seconds.
    assert_eq!(changed(&r.apply(Command::LessTime, at(26))), Some(secs(20)));
}

#[test]
fn on_a_range_hold_the_keys_move_the_end_and_keep_the_minimum() {
    let range = Timing::Range {
        min: secs(30),
        max: secs(60),
    };
    let mut r = started(&[range, Timing::Fixed(secs(10))]);
    r.apply(Command::MoreTime, at(5));
    assert_eq!(
        r.timing(),
        Timing::Range {
            min: secs(30),
            max: secs(70)
        }
    );
    assert_eq!(r.hold_hint(at(5)), Some(HoldHint::Wait { left: secs(25) }));
    assert_eq!(
        r.hold_hint(at(40)),
        Some(HoldHint::Release { max: secs(70) })
    );
    // Four `-` bring the end to 30 s: down to the minimum, so the hold becomes a countdown.
    for _ in 0..3 {
        r.apply(Command::LessTime, at(10));
    }
    assert_eq!(r.timing().max(), secs(40));
    assert!(r.timing().is_range());
    r.apply(Command::LessTime, at(10));
    assert_eq!(r.timing(), Timing::Fixed(secs(30)));
    assert_eq!(r.hold_hint(at(10)), None);
    // Enter no longer has a minimum to wait for; the phase ends by itself at 30 s.
    assert!(r.advance(at(29)).is_empty());
    assert!(r.advance(at(30)).contains(&Effect::PhaseStarted(1)));
}

#[test]
fn minus_below_the_minimum_after_it_passed_ends_sooner() {
    let range = Timing::Range {
        min: secs(30),
        max: secs(60),
    };
    let mut r = started(&[range]);
    // At 35 s (past the minimum) `-` brings the end from 60 to 50.
    r.apply(Command::LessTime, at(35));
    assert_eq!(
        r.timing(),
        Timing::Range {
            min: secs(30),
            max: secs(50)
        }
    );
    assert_eq!(
        r.hold_hint(at(35)),
        Some(HoldHint::Release { max: secs(50) })
    );
    r.apply(Command::LessTime, at(45));
    assert_eq!(r.remaining(at(45)), Some(secs(1)));
    let effects = r.advance(at(46));
    assert!(effects.contains(&Effect::SessionFinished { completed: true }));
}

#[test]
fn keys_work_while_paused_and_time_spent_counts_what_was_done() {
    let mut r = started(&[Timing::Fixed(secs(30))]);
    r.apply(Command::TogglePause, at(10));
    assert_eq!(
        changed(&r.apply(Command::MoreTime, at(100))),
        Some(secs(30))
    );
    assert_eq!(r.mode(), Mode::Paused);
    r.apply(Command::TogglePause, at(200));
    // 10 s before the pause, 30 s after it: 40 s active, pause excluded.
    r.advance(at(230));
    assert_eq!(r.mode(), Mode::Finished);
    assert_eq!(r.summary(at(230)).active, secs(40));
}

#[test]
fn restart_and_moving_on_drop_the_change() {
    let mut r = started(&[Timing::Fixed(secs(30)), Timing::Fixed(secs(30))]);
    r.apply(Command::MoreTime, at(5));
    r.apply(Command::Restart, at(6));
    assert_eq!(r.remaining(at(6)), Some(secs(30)));
    r.apply(Command::MoreTime, at(7));
    r.apply(Command::Next, at(8));
    r.apply(Command::Previous, at(9));
    assert_eq!(r.remaining(at(9)), Some(secs(30)));
}

#[test]
fn keys_do_nothing_before_the_start_or_after_the_end() {
    let mut r = Runner::from_phases(vec![phase(Timing::Fixed(secs(30)))]);
    assert!(r.apply(Command::MoreTime, at(0)).is_empty());
    r.apply(Command::Start, at(0));
    r.apply(Command::Finish, at(1));
    assert!(r.apply(Command::LessTime, at(2)).is_empty());
}

#[test]
fn the_narration_says_the_time_now_left() {
    use knotless::narrate::{NarrationKind, Narrator};
    use knotless::session::library::Library;
    let library = Library::load(None);
    let session = library.get("knot-relief").unwrap();
    let mut r = Runner::new(session);
    let mut narrator = Narrator::new();
    r.apply(Command::Start, at(0));
    let effects = r.apply(Command::MoreTime, at(60));
    let said = narrator.effects(session, &r, &effects, at(60));
    let line = said
        .iter()
        .find(|n| n.kind == NarrationKind::TimeChanged)
        .unwrap();
    assert_eq!(line.text, "20 minutes left");
}
