//! Stats computations on synthetic rows.

use jiff::civil::date;
use jiff::tz::TimeZone;

use super::*;
use crate::history::{Outcome, ReminderOutcome, RunId};

/// A run of `minutes` (negative: cut short) that reached the end (`completed`) or not, with
/// `done` phases done and none skipped.
fn run(
    start: &str,
    minutes: i64,
    completed: bool,
    done: u32,
    pain: (Option<u8>, Option<u8>),
) -> Run {
    let started_at: Timestamp = start.parse().unwrap();
    let ended_at = (minutes >= 0).then(|| started_at + jiff::SignedDuration::from_mins(minutes));
    Run {
        id: RunId(0),
        session: "knot-relief".into(),
        title: "Knot relief".into(),
        started_at,
        ended_at,
        outcome: match ended_at {
            None => Outcome::CutShort,
            Some(_) => Outcome::of_ended(completed, 0),
        },
        phases_done: done,
        phases_skipped: 0,
        pain_before: pain.0,
        pain_after: pain.1,
    }
}

// 2026-01-14 is a Wednesday; the week starts Monday 2026-01-12.
fn today() -> Date {
    date(2026, 1, 14)
}

#[test]
fn empty_history() {
    let stats = Stats::compute(&[], &[], today(), &TimeZone::UTC);
    assert!(stats.is_empty());
    assert_eq!(stats.week_start, date(2026, 1, 12));
    assert_eq!(stats.minutes_per_day.len(), DAYS_SHOWN);
    assert_eq!(stats.minutes_per_day[0].date, date(2026, 1, 1));
    assert_eq!(stats.minutes_per_day[13].date, today());
    assert!(stats.minutes_per_day.iter().all(|d| d.minutes == 0));
    assert_eq!((stats.streak_days, stats.sessions_this_week), (0, 0));
    assert_eq!(stats.pain_change, None);
}

#[test]
fn week_totals_minutes_per_day_and_what_counts() {
    let runs = [
        run("2026-01-14T08:00:00Z", 20, true, 6, (None, None)),
        run("2026-01-14T18:00:00Z", 10, false, 2, (None, None)), // stopped: minutes only
        run("2026-01-13T08:00:00Z", -1, false, 0, (None, None)), // cut short: no
        run("2026-01-12T08:00:00Z", -1, false, 3, (None, None)), // killed: no, 0 min
        run("2026-01-12T09:00:00Z", 5, true, 6, (None, None)),   // counts
        run("2026-01-11T08:00:00Z", 15, true, 6, (None, None)),  // last week
        run("2025-12-20T08:00:00Z", 15, true, 6, (None, None)),  // beyond 14 days
        run("2026-01-15T08:00:00Z", 15, true, 6, (None, None)),  // future: clock was wrong
    ];
    let stats = Stats::compute(&runs, &[], today(), &TimeZone::UTC);
    assert_eq!(stats.sessions_this_week, 2);
    let o = stats.outcomes_this_week;
    assert_eq!((o.completed, o.stopped, o.cut_short), (2, 1, 2));
    assert_eq!(stats.minutes_this_week, 35);
    assert_eq!(stats.total_sessions, 5);
    let by_day: Vec<u32> = stats.minutes_per_day.iter().map(|d| d.minutes).collect();
    assert_eq!(by_day, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 15, 5, 0, 30]);
}

#[test]
fn runs_under_way_this_week_are_running_not_cut_short() {
    let runs = [
        run("2026-01-14T08:00:00Z", -1, false, 1, (None, None)), // under way
        run("2026-01-13T08:00:00Z", -1, false, 0, (None, None)), // killed
        run("2026-01-14T09:00:00Z", 5, true, 6, (None, None)),
    ];
    let mut stats = Stats::compute(&runs, &[], today(), &TimeZone::UTC);
    let last_week: Timestamp = "2026-01-10T08:00:00Z".parse().unwrap();
    stats.mark_running(&[runs[0].started_at, last_week], &TimeZone::UTC);
    let o = stats.outcomes_this_week;
    assert_eq!((o.completed, o.cut_short, o.running), (1, 1, 1));
    assert_eq!(o.not_counted().as_deref(), Some("1 cut short, 1 running"));
    // Never more running than the store has cut short.
    stats.mark_running(
        &[runs[0].started_at, runs[1].started_at, runs[2].started_at],
        &TimeZone::UTC,
    );
    assert_eq!(
        (
            stats.outcomes_this_week.cut_short,
            stats.outcomes_this_week.running
        ),
        (0, 2)
    );
}

#[test]
fn sessions_with_skips_count_and_are_told_apart() {
    let mut skipped = run("2026-01-14T08:00:00Z", 3, true, 1, (None, None));
    skipped.phases_skipped = 7;
    skipped.outcome = Outcome::of_ended(true, 7);
    let runs = [
        skipped,
        run("2026-01-13T08:00:00Z", 20, true, 8, (None, None)),
        run("2026-01-13T09:00:00Z", 2, false, 1, (None, None)), // stopped: not in the streak
        run("2026-01-11T09:00:00Z", 2, false, 1, (None, None)), // stopped: breaks it
    ];
    let stats = Stats::compute(&runs, &[], today(), &TimeZone::UTC);
    assert_eq!(stats.sessions_this_week, 2);
    assert_eq!(stats.outcomes_this_week.finished_with_skips, 1);
    assert_eq!(stats.streak_days, 2);
    assert_eq!((stats.streak_sessions, stats.streak_with_skips), (2, 1));
}

#[test]
fn days_are_local_days() {
    // 23:30 UTC on the 13th is 00:30 on the 14th in UTC+1.
    let runs = [run("2026-01-13T23:30:00Z", 10, true, 1, (None, None))];
    let plus_one = TimeZone::fixed(jiff::tz::offset(1));
    let stats = Stats::compute(&runs, &[], today(), &plus_one);
    assert_eq!(stats.minutes_per_day[13].minutes, 10);
    let stats = Stats::compute(&runs, &[], today(), &TimeZone::UTC);
    assert_eq!(stats.minutes_per_day[12].minutes, 10);
}

#[test]
fn streak_ends_today_or_yesterday() {
    let days = |ds: &[&str]| -> Vec<Run> {
        ds.iter()
            .map(|d| run(&format!("{d}T09:00:00Z"), 5, true, 1, (None, None)))
            .collect()
    };
    let streak = |runs: &[Run]| Stats::compute(runs, &[], today(), &TimeZone::UTC).streak_days;
    assert_eq!(
        streak(&days(&[
            "2026-01-14",
            "2026-01-13",
            "2026-01-12",
            "2026-01-10"
        ])),
        3
    );
    assert_eq!(
        streak(&days(&["2026-01-13", "2026-01-12"])),
        2,
        "nothing yet today"
    );
    assert_eq!(
        streak(&days(&["2026-01-12", "2026-01-11"])),
        0,
        "broken yesterday"
    );
    assert_eq!(
        streak(&days(&["2026-01-14", "2026-01-14"])),
        1,
        "two runs, one day"
    );
    assert_eq!(
        streak(&days(&["2026-01-15", "2026-01-16"])),
        0,
        "future only"
    );
    let long: Vec<String> = (0..400)
        .map(|ago| days_before(today(), ago).to_string())
        .collect();
    let long: Vec<&str> = long.iter().map(String::as_str).collect();
    assert_eq!(streak(&days(&long)), 400, "across a year end");
}

#[test]
fn streak_across_a_daylight_saving_change() {
    // Europe/Berlin moved to summer time on 2026-03-29: that day has 23 hours.
    let tz = TimeZone::get("Europe/Berlin").unwrap();
    let runs: Vec<Run> = [
        "2026-03-28T23:30:00Z",
        "2026-03-29T22:30:00Z",
        "2026-03-30T06:00:00Z",
    ]
    .iter()
    .map(|s| run(s, 5, true, 1, (None, None)))
    .collect();
    // 00:30 on the 29th, 00:30 on the 30th, 08:00 on the 30th (local): two days.
    let stats = Stats::compute(&runs, &[], date(2026, 3, 30), &tz);
    assert_eq!(stats.streak_days, 2);
    assert_eq!(stats.minutes_per_day[13].minutes, 10);
}

#[test]
fn pain_series_and_average_change() {
    let runs = [
        run("2026-01-14T08:00:00Z", 10, true, 1, (Some(6), Some(3))),
        run("2026-01-10T08:00:00Z", 10, true, 1, (Some(5), None)),
        run("2026-01-12T08:00:00Z", 10, true, 1, (Some(4), Some(4))),
        run("2026-01-13T08:00:00Z", 10, true, 1, (None, None)),
        run("2026-01-11T08:00:00Z", 10, true, 1, (Some(7), Some(5))),
    ];
    let stats = Stats::compute(&runs, &[], today(), &TimeZone::UTC);
    let dates: Vec<i8> = stats.pain.iter().map(|p| p.date.day()).collect();
    assert_eq!(dates, [10, 11, 12, 14], "rated runs, oldest first");
    let change = stats.pain_change.unwrap();
    assert_eq!(change.runs, 3);
    assert!((change.average - (-5.0 / 3.0)).abs() < 1e-9);
}

#[test]
fn breaks_this_week_only() {
    let at = |s: &str, outcome| Reminder {
        at: s.parse().unwrap(),
        outcome,
    };
    let reminders = [
        at("2026-01-11T10:00:00Z", ReminderOutcome::Taken), // last week
        at("2026-01-12T10:00:00Z", ReminderOutcome::Fired),
        at("2026-01-12T10:01:00Z", ReminderOutcome::Taken),
        at("2026-01-13T10:00:00Z", ReminderOutcome::Fired),
        at("2026-01-13T10:00:05Z", ReminderOutcome::Snoozed),
        at("2026-01-14T10:00:05Z", ReminderOutcome::Ignored),
        at("2026-01-14T11:00:00Z", ReminderOutcome::Fired),
        at("2026-01-14T11:00:05Z", ReminderOutcome::Dismissed),
        at("2026-01-14T12:00:00Z", ReminderOutcome::Fired),
    ];
    let stats = Stats::compute(&[], &reminders, today(), &TimeZone::UTC);
    let b = stats.breaks_this_week;
    assert_eq!((b.fired, b.taken, b.snoozed, b.dismissed), (4, 1, 1, 1));
    assert_eq!(b.unanswered(), 1, "the last one was never answered");
}
