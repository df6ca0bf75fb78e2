//! The advisory rule at its edges, with a fixed "today" and synthetic ratings.

use jiff::civil::{Date, date};
use jiff::tz::TimeZone;

use super::*;
use crate::history::{Outcome, RunId};

const TODAY: Date = date(2026, 3, 31);

/// One run per `(days before today, pain before)`; rated at 09:00 UTC.
fn checkins(ratings: &[(i64, u8)]) -> Vec<Run> {
    ratings
        .iter()
        .map(|&(ago, pain)| {
            let day = days_before(TODAY, ago);
            let started_at = day
                .at(9, 0, 0, 0)
                .to_zoned_datetime(TimeZone::UTC)
                .unwrap()
                .timestamp();
            Run {
                id: RunId(0),
                session: "knot-relief".into(),
                title: "Knot relief".into(),
                started_at,
                ended_at: None,
                outcome: Outcome::CutShort,
                phases_done: 0,
                phases_skipped: 0,
                pain_before: Some(pain),
                pain_after: None,
            }
        })
        .collect()
}

fn shows(ratings: &[(i64, u8)]) -> bool {
    advisory(&checkins(ratings), TODAY, &TimeZone::UTC).is_some()
}

#[test]
fn five_high_days_over_eight_days_shows_the_note() {
    let a = advisory(
        &checkins(&[(8, 5), (6, 5), (4, 5), (2, 5), (0, 5)]),
        TODAY,
        &TimeZone::UTC,
    )
    .unwrap();
    assert_eq!(a.high_days, 5);
    assert_eq!(a.first_high_day, date(2026, 3, 23));
    assert_eq!(a.last_high_day, TODAY);
    assert!(a.slope.abs() < 1e-9);
    let note = a.note();
    assert!(
        note.contains("healthcare provider") && note.contains('!'),
        "{note}"
    );
    assert!(note.chars().count() <= 80, "{note}");
}

#[test]
fn four_high_days_are_not_enough() {
    assert!(!shows(&[(8, 5), (6, 5), (2, 5), (0, 5)]));
    assert!(shows(&[(8, 5), (6, 5), (4, 5), (2, 5), (0, 5)]));
}

#[test]
fn a_spread_of_exactly_seven_days_is_not_enough_eight_is() {
    assert!(!shows(&[(7, 5), (5, 5), (3, 5), (1, 5), (0, 5)]));
    assert!(shows(&[(8, 5), (5, 5), (3, 5), (1, 5), (0, 5)]));
}

#[test]
fn pain_three_is_not_high_four_is() {
    assert!(!shows(&[(8, 5), (6, 3), (4, 5), (2, 5), (0, 5)]));
    assert!(shows(&[(8, 5), (6, 4), (4, 5), (2, 5), (0, 5)]));
}

#[test]
fn several_ratings_in_one_day_make_one_day() {
    assert!(!shows(&[(8, 5), (8, 6), (4, 5), (4, 5), (0, 5), (0, 7)]));
}

#[test]
fn a_clear_downward_trend_suppresses_the_note() {
    assert!(
        !shows(&[(8, 8), (6, 7), (4, 6), (2, 5), (0, 4)]),
        "slope -0.5"
    );
    // High for a week and a half, then three good days: the trend is down.
    assert!(!shows(&[
        (11, 6),
        (9, 6),
        (7, 6),
        (5, 6),
        (3, 6),
        (2, 1),
        (1, 1),
        (0, 1)
    ]));
}

#[test]
fn the_trend_threshold_is_exact() {
    // Slope exactly −0.1 per day: not below it, so the note shows.
    assert!(shows(&[(8, 5), (6, 5), (4, 5), (2, 5), (0, 4)]));
    // Slope −0.15 per day: a clear decline.
    assert!(!shows(&[(8, 5), (6, 5), (4, 5), (2, 4), (0, 4)]));
    // Rising pain always shows.
    assert!(shows(&[(8, 4), (6, 5), (4, 6), (2, 7), (0, 8)]));
}

#[test]
fn only_the_last_thirty_days_count() {
    assert!(!shows(&[(38, 5), (36, 5), (34, 5), (32, 5), (30, 5)]));
    assert!(shows(&[
        (37, 5),
        (35, 5),
        (33, 5),
        (31, 5),
        (29, 5),
        (27, 5),
        (25, 5),
        (21, 5),
        (20, 5)
    ]));
}

#[test]
fn after_ratings_count_too_and_none_is_quiet() {
    let mut runs = checkins(&[(8, 2), (6, 2), (4, 2), (2, 2), (0, 2)]);
    assert!(advisory(&runs, TODAY, &TimeZone::UTC).is_none());
    for run in &mut runs {
        run.pain_after = Some(6);
    }
    assert!(advisory(&runs, TODAY, &TimeZone::UTC).is_some());
    assert!(advisory(&[], TODAY, &TimeZone::UTC).is_none());
}
