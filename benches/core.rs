//! Micro-benchmarks of the pure core and the views (divan): parsing every built-in session,
//! rendering each screen to a `Buffer`, the runner through 10,000 phases, and a week of
//! reminders. Run with `cargo bench --bench core`; `cargo test --benches` runs each once.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::time::Duration;

use divan::{Bencher, black_box};
use jiff::civil::{Time, Weekday, date};
use jiff::tz::TimeZone;
use knotless::clock::Moment;
use knotless::history::stats::Stats;
use knotless::history::{Outcome, Reminder, ReminderOutcome, Run, RunId};
use knotless::remind::ReminderSettings;
use knotless::remind::schedule::Schedule;
use knotless::remind::settings::{Days, Interval, WorkingHours};
use knotless::runner::{Command, Runner};
use knotless::runtime::HistoryReport;
use knotless::session::library::Library;
use knotless::session::parse::parse_str;
use knotless::session::{Phase, PhaseKind, Source, Timing};
use knotless::tui::app::{App, Input, Overlay, Screen};
use knotless::tui::keymap::Action;
use knotless::tui::painter::Painter;
use knotless::tui::theme::Theme;
use knotless::tui::view;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn main() {
    divan::main();
}

/// The built-in session files: what `build.rs` parses when knotless is built, and what
/// the parser benchmarks read.
const BUILT_INS: &[(&str, &str)] = &[
    ("cold-pack", include_str!("../sessions/cold-pack.toml")),
    (
        "core-stability",
        include_str!("../sessions/core-stability.toml"),
    ),
    ("desk-break", include_str!("../sessions/desk-break.toml")),
    ("knot-relief", include_str!("../sessions/knot-relief.toml")),
    ("unwind", include_str!("../sessions/unwind.toml")),
];

mod parse {
    use super::*;

    /// Each built-in file, TOML to validated `Session`.
    #[divan::bench(args = BUILT_INS.iter().map(|(id, _)| *id))]
    fn session(id: &str) -> knotless::session::Session {
        let (_, text) = BUILT_INS.iter().find(|(i, _)| *i == id).unwrap();
        let path = Path::new("sessions/x.toml");
        parse_str(path, black_box(text), Source::BuiltIn).unwrap()
    }

    /// What start-up pays: every built-in (built from the code `build.rs` wrote), no user
    /// directory.
    #[divan::bench]
    fn library_load() -> Library {
        Library::load(None)
    }
}

const SCREENS: &[&str] = &[
    "home", "intro", "running", "rest", "paused", "help", "summary", "stats", "safety",
];

fn at(s: u64) -> Moment {
    Moment::from_secs(s)
}

fn home() -> App {
    let library = Library::load(None);
    let app = App::new(library, Theme::colour(), Moment::ZERO);
    // knot-relief sorts first, so it is selected.
    assert_eq!(app.home().selected_session().unwrap().id, "knot-relief");
    app
}

/// knot-relief started at 0 and looked at `now`.
fn running(now: Moment) -> App {
    let mut app = home();
    app.handle(Action::Select, at(0));
    app.handle(Action::Select, at(0));
    app.tick(now);
    app
}

fn is_rest(app: &App) -> bool {
    let phase = app.session().and_then(|s| s.runner().current());
    phase.is_some_and(|p| p.kind == PhaseKind::Rest)
}

fn sample_stats() -> Stats {
    let runs: Vec<Run> = (1..=14)
        .map(|day| {
            let started_at = date(2026, 1, day)
                .at(8, 0, 0, 0)
                .to_zoned_datetime(TimeZone::UTC)
                .unwrap()
                .timestamp();
            Run {
                id: RunId(i64::from(day)),
                session: "knot-relief".into(),
                title: "Knot relief".into(),
                started_at,
                ended_at: Some(started_at + jiff::SignedDuration::from_mins(10 + i64::from(day))),
                outcome: Outcome::Completed,
                phases_done: 6,
                phases_skipped: 0,
                pain_before: Some(7 - u8::try_from(day / 3).unwrap()),
                pain_after: Some(4 - u8::try_from(day / 5).unwrap()),
            }
        })
        .collect();
    let reminders: Vec<Reminder> = (0..20)
        .map(|i| Reminder {
            at: "2026-01-13T10:00:00Z".parse().unwrap(),
            outcome: if i % 3 == 0 {
                ReminderOutcome::Taken
            } else {
                ReminderOutcome::Fired
            },
        })
        .collect();
    Stats::compute(&runs, &reminders, date(2026, 1, 14), &TimeZone::UTC)
}

/// The app showing `screen`, in the state a user would see it.
fn app_on(screen: &str) -> App {
    match screen {
        "home" => home(),
        "intro" => {
            let mut app = home();
            app.handle(Action::Select, at(0));
            app
        }
        "running" => {
            let mut app = running(at(0));
            app.tick(Moment::from_duration(Duration::from_millis(12_500)));
            app
        }
        "rest" => {
            let mut app = running(at(0));
            for i in 0..50 {
                if is_rest(&app) {
                    break;
                }
                app.handle(Action::Next, at(i));
            }
            assert!(is_rest(&app), "knot-relief has a rest phase");
            app.tick(at(53));
            app
        }
        "paused" => {
            let mut app = running(at(0));
            app.handle(Action::TogglePause, at(65));
            app
        }
        "help" => {
            let mut app = running(at(0));
            app.handle(Action::Help, at(1));
            assert_eq!(app.overlay(), Some(Overlay::Help));
            app
        }
        "summary" => {
            let mut app = running(at(0));
            for i in 0..200 {
                if app.session().and_then(|s| s.runner().current()).is_none()
                    || app.session().map(|s| s.runner().mode())
                        == Some(knotless::runner::Mode::Finished)
                {
                    break;
                }
                app.handle(Action::Next, at(10 + i));
            }
            app
        }
        "stats" => {
            let mut app = home();
            app.handle(Action::Stats, at(0));
            let stats = HistoryReport::Stats(Box::new(sample_stats()));
            app.update(Input::History(stats), at(0));
            assert_eq!(app.screen(), Screen::Stats);
            app
        }
        "safety" => {
            let mut app = home();
            app.handle(Action::Safety, at(0));
            app
        }
        other => panic!("no screen {other}"),
    }
}

fn render_into(bencher: Bencher, screen: &str, width: u16, height: u16) {
    let app = app_on(screen);
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    bencher.bench_local(|| {
        buf.reset();
        view::render(black_box(&app), area, &mut buf);
    });
}

mod render {
    use super::*;

    /// One screen into a cleared 80x24 `Buffer`: what `terminal.draw` pays before diffing.
    #[divan::bench(args = SCREENS)]
    fn at_80x24(bencher: Bencher, screen: &str) {
        render_into(bencher, screen, 80, 24);
    }

    #[divan::bench(args = SCREENS)]
    fn at_200x60(bencher: Bencher, screen: &str) {
        render_into(bencher, screen, 200, 60);
    }

    /// The whole frame through the painter (render, cell hashes, the bytes for the terminal)
    /// on crossterm's backend writing nowhere, the countdown one second later each time, as
    /// the real loop draws it.
    #[divan::bench(args = [(80, 24), (200, 60)])]
    fn countdown_frame(bencher: Bencher, (width, height): (u16, u16)) {
        let mut app = app_on("running");
        let area = Rect::new(0, 0, width, height);
        let mut painter = Painter::new(CrosstermBackend::new(std::io::sink()), area);
        let mut second = 13;
        bencher.bench_local(|| {
            second = if second >= 800 { 13 } else { second + 1 };
            app.tick(at(second));
            painter
                .draw(|area, buf| {
                    view::render(&app, area, buf);
                })
                .unwrap();
        });
    }

    /// The same through ratatui's `Terminal` (two buffers and a diff of every cell), which
    /// the painter replaced.
    #[divan::bench(args = [(80, 24), (200, 60)])]
    fn countdown_frame_ratatui_terminal(bencher: Bencher, (width, height): (u16, u16)) {
        let mut app = app_on("running");
        let viewport = ratatui::Viewport::Fixed(Rect::new(0, 0, width, height));
        let backend = CrosstermBackend::new(std::io::sink());
        let options = ratatui::TerminalOptions { viewport };
        let mut terminal = ratatui::Terminal::with_options(backend, options).unwrap();
        let mut second = 13;
        bencher.bench_local(|| {
            second = if second >= 800 { 13 } else { second + 1 };
            app.tick(at(second));
            terminal
                .draw(|f| {
                    view::render(&app, f.area(), f.buffer_mut());
                })
                .unwrap();
        });
    }
}

mod runner {
    use super::*;

    const PHASES: u64 = 10_000;

    fn phases() -> Vec<Phase> {
        (0..PHASES)
            .map(|i| Phase {
                kind: if i % 2 == 0 {
                    PhaseKind::Work
                } else {
                    PhaseKind::Rest
                },
                step: usize::try_from(i / 2).unwrap(),
                rep: 1,
                side: None,
                timing: Timing::Fixed(Duration::from_secs(1 + i % 3)),
            })
            .collect()
    }

    /// Start, then `advance` at every deadline until the session finishes: 10,000 phase
    /// changes, one per call, as the event loop drives it.
    #[divan::bench]
    fn advance_10k_phases(bencher: Bencher) {
        let phases = phases();
        let deadlines: Vec<Moment> = phases
            .iter()
            .scan(Moment::ZERO, |t, p| {
                *t = *t + p.timing.max();
                Some(*t)
            })
            .collect();
        bencher
            .with_inputs(|| Runner::from_phases(phases.clone()))
            .bench_local_values(|mut runner| {
                runner.apply(Command::Start, Moment::ZERO);
                let mut changes = 0;
                for &deadline in &deadlines {
                    changes += runner.advance(black_box(deadline)).len();
                }
                assert_eq!(runner.mode(), knotless::runner::Mode::Finished);
                changes
            });
    }
}

mod schedule {
    use super::*;

    const WEEK: Duration = Duration::from_secs(7 * 24 * 60 * 60);

    fn settings(every: &str, working_hours: bool) -> ReminderSettings {
        let mut settings = ReminderSettings {
            every: Interval::parse(every).unwrap(),
            ..ReminderSettings::default()
        };
        if working_hours {
            settings.hours = Some(WorkingHours {
                start: Time::constant(9, 0, 0, 0),
                end: Time::constant(18, 0, 0, 0),
            });
            settings.days = [
                Weekday::Monday,
                Weekday::Tuesday,
                Weekday::Wednesday,
                Weekday::Thursday,
                Weekday::Friday,
            ]
            .into_iter()
            .fold(Days::NONE, Days::with);
        }
        settings
    }

    /// Sleeps from due moment to due moment for a week, as the scheduler thread does, with
    /// synthetic moments (no clock). Returns the number of reminders.
    fn week(settings: &ReminderSettings) -> usize {
        let wall0 = jiff::Timestamp::from_second(1_767_603_600).unwrap(); // Mon 09:00 UTC
        let tz = TimeZone::UTC;
        let local_at = |now: Moment| (wall0 + now.since_origin()).to_zoned_datetime(tz.clone());
        let mut now = Moment::ZERO;
        let mut s = Schedule::new(settings.clone(), now, now, &local_at(now), 42);
        let mut fired = 0;
        while let Some(due) = s.next_due() {
            if due.since_origin() > WEEK {
                break;
            }
            now = due;
            fired += s.on_wake(now, now, &local_at(now)).len();
        }
        fired
    }

    #[divan::bench(args = [("45m", false), ("30m..60m", false), ("45m", true)])]
    fn a_week_of_reminders(bencher: Bencher, (every, working_hours): (&str, bool)) {
        let settings = settings(every, working_hours);
        assert!(week(&settings) > 50);
        bencher.bench_local(|| week(black_box(&settings)));
    }
}
