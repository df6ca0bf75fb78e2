//! The runner state machine, driven by synthetic moments: no sleeping, no terminal.

use std::time::Duration;

use knotless::clock::Moment;
use knotless::runner::{AWAY_AFTER, Command, Effect, Mode, Outcome, Runner};
use knotless::session::{PhaseKind, Session, Source, Step, Timing};

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn at(s: u64) -> Moment {
    Moment::from_secs(s)
}

fn step(name: &str, timing: Timing) -> Step {
    Step {
        name: name.into(),
        timing,
        reps: 1,
        sides: vec![],
        rest: None,
        instructions: None,
        caution: None,
        cue: None,
        art: None,
        basis: None,
        pace: None,
    }
}

fn session(steps: Vec<Step>) -> Session {
    Session {
        id: "t".into(),
        title: "Test".into(),
        summary: None,
        tags: vec![],
        equipment: vec![],
        closing: None,
        steps,
        source: Source::BuiltIn,
    }
}

fn fixed(s: u64) -> Timing {
    Timing::Fixed(secs(s))
}

fn started(steps: Vec<Step>) -> Runner {
    let mut r = Runner::new(&session(steps));
    r.apply(Command::Start, at(0));
    r
}

#[test]
fn expansion_of_reps_sides_and_rests() {
    let mut s = step("Knee", fixed(30));
    s.reps = 2;
    s.sides = vec!["left".into(), "right".into()];
    s.rest = Some(secs(10));
    let r = Runner::new(&session(vec![s, step("Tilt", fixed(60))]));
    let kinds: Vec<_> = r
        .phases()
        .iter()
        .map(|p| (p.kind, p.step, p.rep, p.side))
        .collect();
    use PhaseKind::{Rest, Work};
    assert_eq!(
        kinds,
        vec![
            (Work, 0, 1, Some(0)),
            (Rest, 0, 1, Some(1)),
            (Work, 0, 1, Some(1)),
            (Rest, 0, 2, Some(0)),
            (Work, 0, 2, Some(0)),
            (Rest, 0, 2, Some(1)),
            (Work, 0, 2, Some(1)),
            (Work, 1, 1, None),
        ]
    );
}

#[test]
fn intro_waits_for_start_then_phases_end_at_their_deadlines() {
    let mut r = Runner::new(&session(vec![step("A", fixed(30)), step("B", fixed(20))]));
    assert_eq!(r.mode(), Mode::Intro);
    assert!(r.advance(at(1000)).is_empty(), "nothing runs before Start");
    let e = r.apply(Command::Start, at(5));
    assert_eq!(e, vec![Effect::SessionStarted, Effect::PhaseStarted(0)]);
    assert_eq!(r.remaining(at(5)), Some(secs(30)));
    assert!(r.advance(at(34)).is_empty());
    let e = r.advance(at(35));
    assert_eq!(
        e,
        vec![
            Effect::PhaseEnded {
                index: 0,
                completed: true
            },
            Effect::PhaseStarted(1)
        ]
    );
    assert_eq!(r.remaining(at(35)), Some(secs(20)));
    let e = r.advance(at(55));
    assert_eq!(
        e,
        vec![
            Effect::PhaseEnded {
                index: 1,
                completed: true
            },
            Effect::SessionFinished { completed: true }
        ]
    );
    assert_eq!(r.mode(), Mode::Finished);
    let s = r.summary(at(60));
    assert_eq!((s.done, s.skipped, s.total, s.active), (2, 0, 2, secs(50)));
    assert_eq!(s.ending(), "Session complete");
}

#[test]
fn only_a_run_with_every_phase_done_ends_as_complete() {
    let two = || started(vec![step("A", fixed(30)), step("B", fixed(30))]);
    let mut r = two();
    r.apply(Command::Next, at(5));
    r.apply(Command::Next, at(6));
    assert_eq!(
        r.summary(at(7)).ending(),
        "Session finished, every phase skipped"
    );
    let mut r = two();
    r.advance(at(30));
    r.apply(Command::Next, at(31));
    assert_eq!(
        r.summary(at(32)).ending(),
        "Session finished, with some steps skipped"
    );
    let mut r = two();
    r.apply(Command::Finish, at(5));
    assert_eq!(r.summary(at(6)).ending(), "Session stopped early");
}

#[test]
fn pause_excludes_paused_time_exactly() {
    let mut r = started(vec![step("A", fixed(30))]);
    r.apply(Command::TogglePause, at(10));
    assert_eq!(r.mode(), Mode::Paused);
    assert_eq!(
        r.remaining(at(500)),
        Some(secs(20)),
        "paused time does not count"
    );
    assert_eq!(
        r.next_visible_change(at(500)),
        None,
        "nothing changes while paused"
    );
    assert!(r.advance(at(500)).is_empty());
    r.apply(Command::TogglePause, at(1000));
    assert_eq!(r.remaining(at(1000)), Some(secs(20)));
    assert!(r.advance(at(1019)).is_empty());
    assert_eq!(
        r.advance(at(1020)).last(),
        Some(&Effect::SessionFinished { completed: true })
    );
    assert_eq!(r.summary(at(1020)).active, secs(30));
}

#[test]
fn next_skips_and_previous_goes_back() {
    let mut r = started(vec![
        step("A", fixed(30)),
        step("B", fixed(30)),
        step("C", fixed(30)),
    ]);
    let e = r.apply(Command::Next, at(5));
    assert_eq!(
        e,
        vec![
            Effect::PhaseEnded {
                index: 0,
                completed: false
            },
            Effect::PhaseStarted(1)
        ]
    );
    assert_eq!(r.outcomes()[0], Outcome::Skipped);
    assert_eq!(
        r.remaining(at(5)),
        Some(secs(30)),
        "the next phase starts when skipped to"
    );
    let e = r.apply(Command::Previous, at(8));
    assert_eq!(e, vec![Effect::PhaseStarted(0)]);
    assert_eq!(r.index(), 0);
    assert_eq!(r.remaining(at(8)), Some(secs(30)));
    assert_eq!(r.outcomes()[0], Outcome::Pending);
    // Previous on the first phase restarts it.
    r.apply(Command::Previous, at(9));
    assert_eq!((r.index(), r.remaining(at(9))), (0, Some(secs(30))));
}

#[test]
fn restart_restarts_the_phase_and_keeps_pause() {
    let mut r = started(vec![step("A", fixed(30))]);
    assert_eq!(r.remaining(at(20)), Some(secs(10)));
    r.apply(Command::Restart, at(20));
    assert_eq!(r.remaining(at(20)), Some(secs(30)));
    r.apply(Command::TogglePause, at(25));
    r.apply(Command::Restart, at(26));
    assert_eq!(r.mode(), Mode::Paused);
    assert_eq!(r.remaining(at(100)), Some(secs(30)));
}

#[test]
fn range_release_before_min_is_refused_with_a_hint() {
    let mut r = started(vec![
        step(
            "Ball",
            Timing::Range {
                min: secs(30),
                max: secs(60),
            },
        ),
        step("B", fixed(5)),
    ]);
    let e = r.apply(Command::Release, at(12));
    assert_eq!(e, vec![Effect::ReleaseTooEarly { wait: secs(18) }]);
    assert_eq!(r.index(), 0);
    assert_eq!(r.until_release(at(12)), Some(secs(18)));
}

#[test]
fn range_release_after_min_ends_the_phase_as_done() {
    let mut r = started(vec![
        step(
            "Ball",
            Timing::Range {
                min: secs(30),
                max: secs(60),
            },
        ),
        step("B", fixed(5)),
    ]);
    let e = r.apply(Command::Release, at(41));
    assert_eq!(
        e,
        vec![
            Effect::PhaseEnded {
                index: 0,
                completed: true
            },
            Effect::PhaseStarted(1)
        ]
    );
    assert_eq!(r.remaining(at(41)), Some(secs(5)));
}

#[test]
fn range_ends_by_itself_at_max() {
    let mut r = started(vec![step(
        "Ball",
        Timing::Range {
            min: secs(30),
            max: secs(60),
        },
    )]);
    assert!(r.advance(at(59)).is_empty());
    assert_eq!(
        r.advance(at(60)).last(),
        Some(&Effect::SessionFinished { completed: true })
    );
}

#[test]
fn no_drift_over_a_thousand_phases() {
    // 1,000 phases of 1.5 s each; the shell notices each deadline a little late (up to
    // 7 ms), yet every phase starts at the previous deadline, so the end is exact.
    let steps: Vec<Step> = (0..1000)
        .map(|i| step(&format!("s{i}"), fixed(1)))
        .collect();
    let mut r = Runner::new(&session(steps));
    let t0 = Moment::from_secs(100);
    r.apply(Command::Start, t0);
    let mut deadline = t0;
    for i in 0..1000u64 {
        deadline = deadline + secs(1);
        let late = Duration::from_millis(i % 8);
        let e = r.advance(deadline + late);
        assert!(
            e.contains(&Effect::PhaseEnded {
                index: i as usize,
                completed: true
            }),
            "phase {i}"
        );
    }
    assert_eq!(r.mode(), Mode::Finished);
    assert_eq!(r.summary(t0 + secs(1000)).active, secs(1000));
}

#[test]
fn next_visible_change_lands_on_the_second_boundary() {
    let r = started(vec![step("A", fixed(30))]);
    let now = Moment::from_duration(Duration::from_millis(2_300));
    // 27.7 s left: the display shows 0:28 until 27.0 s are left, 0.7 s from now.
    assert_eq!(r.next_visible_change(now), Some(Duration::from_millis(700)));
    assert_eq!(r.next_visible_change(at(3)), Some(secs(1)));
}

#[test]
fn a_gap_while_away_waits_at_the_next_phase_instead_of_racing() {
    let mut heat = step("Heat", fixed(20 * 60));
    heat.cue = Some("Remove the pad.".into());
    let mut r = started(vec![heat, step("Knee", fixed(30)), step("Tilt", fixed(30))]);
    // The laptop slept: we are woken 6 min after the heat phase ended.
    let now = at(26 * 60);
    let e = r.advance(now);
    assert_eq!(
        e,
        vec![
            Effect::PhaseEnded {
                index: 0,
                completed: true
            },
            Effect::MissedWhileAway {
                ended: 0,
                resume_at: 1
            },
            Effect::PhaseStarted(1),
            Effect::Paused,
        ]
    );
    assert_eq!(r.mode(), Mode::Paused);
    assert_eq!(r.index(), 1);
    assert_eq!(
        r.remaining(now),
        Some(secs(30)),
        "the next phase waits at its full length"
    );
    let notice = r.notice().expect("a notice says what ended");
    assert_eq!((notice.phase, notice.ended_at), (0, at(20 * 60)));
    r.apply(Command::TogglePause, at(27 * 60));
    assert_eq!(r.mode(), Mode::Running);
    assert!(r.notice().is_none());
}

#[test]
fn a_small_delay_is_not_treated_as_away() {
    let mut r = started(vec![step("A", fixed(30)), step("B", fixed(30))]);
    let e = r.advance(at(30) + AWAY_AFTER);
    assert_eq!(
        e,
        vec![
            Effect::PhaseEnded {
                index: 0,
                completed: true
            },
            Effect::PhaseStarted(1)
        ]
    );
    assert_eq!(r.mode(), Mode::Running);
    // B started at A's deadline, not when we noticed.
    assert_eq!(r.remaining(at(40)), Some(secs(20)));
}

#[test]
fn finish_ends_the_session_as_not_completed() {
    let mut r = started(vec![step("A", fixed(30)), step("B", fixed(30))]);
    let e = r.apply(Command::Finish, at(10));
    assert_eq!(e, vec![Effect::SessionFinished { completed: false }]);
    assert!(!r.summary(at(10)).completed);
}
