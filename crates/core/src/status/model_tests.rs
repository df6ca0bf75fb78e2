use std::path::PathBuf;
use std::time::Duration;

use jiff::tz::TimeZone;

use super::*;
use crate::runner::Command;
use crate::session::Source;

fn session() -> Session {
    let src = r#"
title = "Quick"
[[steps]]
name = "Knee-to-chest"
duration = "30s"
sides = ["left", "right"]
"#;
    crate::session::parse::parse_str(&PathBuf::from("quick.toml"), src, Source::BuiltIn).unwrap()
}

fn anchor() -> WallAnchor {
    WallAnchor {
        moment: Moment::from_secs(100),
        wall: "2026-03-02T10:00:00Z".parse().unwrap(),
    }
}

#[test]
fn a_running_phase_stores_its_deadline_which_does_not_move_as_time_passes() {
    let s = session();
    let mut runner = Runner::new(&s);
    assert_eq!(
        SessionState::from_runner(&s, &runner, Moment::from_secs(100), &anchor()),
        None
    );
    runner.apply(Command::Start, Moment::from_secs(100));
    let at = |runner: &Runner, secs: u64| {
        SessionState::from_runner(&s, runner, Moment::from_secs(secs), &anchor()).unwrap()
    };
    let first = at(&runner, 101);
    assert_eq!(
        first,
        at(&runner, 110),
        "the file must not change every second"
    );
    assert_eq!(first.ends_at.as_deref(), Some("2026-03-02T10:00:30Z"));
    assert_eq!(
        (first.step.as_str(), first.side.as_deref()),
        ("Knee-to-chest", Some("left"))
    );
    assert_eq!((first.phase, first.phases), (1, 2));
    let now: jiff::Timestamp = "2026-03-02T10:00:03.5Z".parse().unwrap();
    assert_eq!(first.left(now), Duration::from_millis(26_500));

    runner.apply(Command::TogglePause, Moment::from_secs(110));
    let paused = at(&runner, 120);
    assert!(paused.paused && paused.ends_at.is_none());
    assert_eq!(paused.remaining_ms, Some(20_000));
}

#[test]
fn the_line_shows_the_session_first_then_the_break_schedule() {
    let now: jiff::Timestamp = "2026-03-02T10:00:00Z".parse().unwrap();
    let reminders = ReminderState::from_schedule(
        &ScheduleStatus::NextBreak {
            due: Moment::from_secs(100 + 22 * 60 + 5),
        },
        &anchor(),
    );
    assert_eq!(reminders.at.as_deref(), Some("2026-03-02T10:22:05Z"));
    let remind = StatusState {
        pid: 20,
        program: Program::Remind,
        session: None,
        reminders: Some(reminders),
        schedule: None,
        natural_breaks: None,
    };
    let snap = Snapshot::merge(vec![remind.clone()]);
    assert_eq!(snap.text(now, &TimeZone::UTC), "next break 23m");
    assert_eq!(snap.state(), "idle");

    let s = session();
    let mut runner = Runner::new(&s);
    runner.apply(Command::Start, Moment::from_secs(100));
    let tui = StatusState {
        pid: 10,
        program: Program::Tui,
        session: SessionState::from_runner(&s, &runner, Moment::from_secs(100), &anchor()),
        reminders: Some(ReminderState::from_schedule(
            &ScheduleStatus::HeldForSession,
            &anchor(),
        )),
        schedule: None,
        natural_breaks: None,
    };
    let snap = Snapshot::merge(vec![remind, tui]);
    assert_eq!(snap.pids, vec![10, 20]);
    assert_eq!(snap.text(now, &TimeZone::UTC), "Knee-to-chest 0:30");
    assert_eq!(snap.state(), "running");
    assert_eq!(
        snap.reminders.unwrap().state,
        "held",
        "the TUI's schedule wins"
    );

    assert_eq!(Snapshot::default().text(now, &TimeZone::UTC), "not running");
}

#[test]
fn pauses_and_working_hours_show_clock_times() {
    let now: jiff::Timestamp = "2026-03-02T10:00:00Z".parse().unwrap();
    let paused = ReminderState::from_schedule(
        &ScheduleStatus::Paused {
            until: Moment::from_secs(100 + 3600),
        },
        &anchor(),
    );
    assert_eq!(
        paused.describe(now, &TimeZone::UTC),
        "breaks paused until 11:00"
    );
    let off = ReminderState::from_schedule(&ScheduleStatus::Disabled, &anchor());
    assert_eq!(off.describe(now, &TimeZone::UTC), "reminders off");
}

#[test]
fn the_file_format_has_stable_keys() {
    let state = StatusState {
        pid: 1,
        program: Program::Remind,
        session: None,
        reminders: Some(ReminderState {
            state: "held".into(),
            at: None,
        }),
        schedule: None,
        natural_breaks: None,
    };
    assert_eq!(
        serde_json::to_string(&state).unwrap(),
        r#"{"pid":1,"program":"remind","session":null,"reminders":{"state":"held","at":null}}"#
    );
}

#[test]
fn the_snapshot_names_the_schedules_owner_and_counts_the_attached() {
    let state = |pid, program, role| StatusState {
        pid,
        program,
        session: None,
        reminders: None,
        schedule: Some(Sharing { role, owner: 30 }),
        natural_breaks: None,
    };
    let snap = Snapshot::merge(vec![
        state(10, Program::Tui, Role::Attached),
        state(30, Program::Remind, Role::Owner),
        state(20, Program::Plain, Role::Attached),
    ]);
    assert_eq!(snap.owner, Some((30, Program::Remind)));
    assert_eq!(snap.attached, 2);
    let json = serde_json::to_string(&state(30, Program::Remind, Role::Owner)).unwrap();
    assert!(
        json.ends_with(r#""schedule":{"role":"owner","owner":30}}"#),
        "{json}"
    );
}

#[test]
fn a_change_of_part_or_of_owner_is_said_once() {
    let attached = |owner| Sharing {
        role: Role::Attached,
        owner,
    };
    let owner = Sharing {
        role: Role::Owner,
        owner: 7,
    };
    // Owner from the start: nothing to say.
    assert_eq!(owner.change_words(None), None);
    let first = attached(41).change_words(None).unwrap();
    assert!(
        first.starts_with("another knotless (pid 41) keeps"),
        "{first}"
    );
    assert_eq!(attached(41).change_words(Some(attached(41))), None);
    // The owner exited and a third knotless took over: the new one is named.
    let moved = attached(52).change_words(Some(attached(41))).unwrap();
    assert!(
        moved.starts_with("another knotless (pid 52) keeps"),
        "{moved}"
    );
    let took = owner.change_words(Some(attached(52))).unwrap();
    assert!(took.ends_with("this one keeps it now"), "{took}");
    assert_eq!(owner.change_words(Some(owner)), None);
}

/// A break due in exactly an hour, with a wall clock read mid-millisecond, reads back as
/// "in 60 min" a moment later, never "in 61 min" (the stored time was rounded up).
#[test]
fn a_stored_break_time_is_never_later_than_the_break() {
    let anchor = WallAnchor {
        moment: Moment::from_secs(100),
        wall: "2026-03-02T10:00:00.0006Z".parse().unwrap(),
    };
    let due = Moment::from_secs(100 + 3600);
    let state = ReminderState::from_schedule(&ScheduleStatus::NextBreak { due }, &anchor);
    let now: Timestamp = "2026-03-02T10:00:00.0006Z".parse().unwrap();
    assert_eq!(
        state.words(now, &TimeZone::UTC, Wording::Log),
        "next break at 11:00, in 60 min"
    );
}

#[test]
fn a_clock_time_a_millisecond_early_reads_as_the_minute_it_stands_for() {
    let now: jiff::Timestamp = "2026-03-02T23:10:00Z".parse().unwrap();
    let early: jiff::Timestamp = "2026-03-04T07:59:59.999Z".parse().unwrap();
    assert_eq!(clock_time(early, now, &TimeZone::UTC), "Wed 08:00");
    let mid: jiff::Timestamp = "2026-03-02T23:44:37Z".parse().unwrap();
    assert_eq!(clock_time(mid, now, &TimeZone::UTC), "23:44");
}
