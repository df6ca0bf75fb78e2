//! The stats screen as a person sees it: whole-screen snapshots at 80x24, 100x30 and 40x12
//! of a week with finished, skipped, stopped and cut-short runs and pain check-ins, with the
//! figures that matter asserted in code, the same ones `knotless stats` prints.
#![allow(clippy::unwrap_used)]

mod support;

use jiff::Timestamp;
use jiff::civil::date;
use jiff::tz::TimeZone;
use knotless::clock::Moment;
use knotless::history::stats::Stats;
use knotless::history::{Outcome, Run, RunId};
use knotless::runtime::HistoryReport;
use knotless::session::library::Library;
use knotless::tui::app::{App, Input};
use knotless::tui::keymap::Action;
use knotless::tui::theme::Theme;

use support::{screen_rows, shows};

fn run(start: &str, minutes: i64, outcome: Outcome, pain: (Option<u8>, Option<u8>)) -> Run {
    let started_at: Timestamp = start.parse().unwrap();
    let ended = outcome != Outcome::CutShort;
    Run {
        id: RunId(0),
        session: "knot-relief".into(),
        title: "Lower-back knot relief".into(),
        started_at,
        ended_at: ended.then(|| started_at + jiff::SignedDuration::from_mins(minutes)),
        outcome,
        phases_done: 8,
        phases_skipped: u32::from(outcome == Outcome::FinishedWithSkips),
        pain_before: pain.0,
        pain_after: pain.1,
    }
}

/// Thursday 3 December 2026: two sessions this week (one with skips), one stopped after
/// 4 minutes, one cut short, and two rated ones last week.
fn stats() -> Stats {
    let runs = [
        run(
            "2026-11-26T08:00:00Z",
            20,
            Outcome::Completed,
            (Some(7), Some(4)),
        ),
        run(
            "2026-11-27T08:00:00Z",
            20,
            Outcome::Completed,
            (Some(6), Some(4)),
        ),
        run(
            "2026-12-01T08:00:00Z",
            20,
            Outcome::Completed,
            (Some(5), Some(3)),
        ),
        run(
            "2026-12-02T08:00:00Z",
            3,
            Outcome::FinishedWithSkips,
            (None, None),
        ),
        run("2026-12-03T08:00:00Z", 4, Outcome::Stopped, (Some(5), None)),
        run("2026-12-03T09:00:00Z", 0, Outcome::CutShort, (None, None)),
    ];
    Stats::compute(&runs, &[], date(2026, 12, 3), &TimeZone::UTC)
}

fn stats_screen() -> App {
    let mut app = App::new(Library::load(None), Theme::colour(), Moment::ZERO);
    app.handle(Action::Stats, Moment::ZERO);
    let report = HistoryReport::Stats(Box::new(stats()));
    app.update(Input::History(report), Moment::ZERO);
    app
}

#[test]
fn the_stats_screen_says_what_knotless_stats_says_at_every_size() {
    let printed = knotless::cmd::stats::stats_text(&stats());
    assert!(
        printed.starts_with(
            "This week (since Mon 30 Nov): 2 sessions (1 with skips), 27 min; not counted: 1 \
             stopped early, 1 cut short"
        ),
        "{printed}"
    );
    assert!(
        printed.contains("\nStreak: 2 days (2 sessions, 1 with skips)\n"),
        "{printed}"
    );
    let app = stats_screen();
    for size in [(80, 24), (100, 30), (40, 12)] {
        let screen = screen_rows(&app, size);
        insta::assert_snapshot!(format!("stats_{}x{}", size.0, size.1), screen);
        for text in [
            "This week 2 sessions (1 with skips)",
            "27 min",
            "not counted: 1 stopped early, 1 cut short",
            "Streak 2 days (2 sessions, 1 with skips)",
            "−2.3 points",
        ] {
            assert!(shows(&screen, text), "{size:?} lacks {text:?}:\n{screen}");
        }
    }
    let screen = screen_rows(&app, (80, 24));
    assert!(shows(&screen, "Minutes per day"), "{screen}");
    assert!(shows(&screen, "Pain 0–10"), "{screen}");
}

#[test]
fn a_short_narrow_window_shows_the_charts_that_fit_and_no_empty_frames() {
    let app = stats_screen();
    // Four rows under the figures: no chart can draw, so none is framed.
    let screen = screen_rows(&app, (50, 15));
    assert!(!shows(&screen, "Minutes per day"), "{screen}");
    assert!(!shows(&screen, "Pain 0–10"), "{screen}");
    // Six rows: the minutes alone, with bars; ten: both, stacked.
    let screen = screen_rows(&app, (50, 17));
    insta::assert_snapshot!("stats_50x17", screen);
    assert!(shows(&screen, "Minutes per day"), "{screen}");
    assert!(!shows(&screen, "Pain 0–10"), "{screen}");
    assert!(screen.contains('█'), "{screen}");
    // Eight: the minutes, and a word on the pain chart that has no room.
    let screen = screen_rows(&app, (50, 19));
    assert!(shows(&screen, "Minutes per day"), "{screen}");
    assert!(
        shows(&screen, "The pain chart needs a taller window."),
        "{screen}"
    );
    let screen = screen_rows(&app, (50, 21));
    assert!(
        shows(&screen, "Minutes per day") && shows(&screen, "Pain 0–10"),
        "{screen}"
    );
    assert!(!shows(&screen, "taller window"), "{screen}");
}
