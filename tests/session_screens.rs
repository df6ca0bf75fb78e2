//! The session's intro and summary as a person sees them (issue 12): whole-screen snapshots at
//! 80x24, 100x30, 60x18 and 200x60, with the important text asserted in code; the last step's
//! cue and the session's closing words on the summary; `+`/`-`, the breathing pacer, the help
//! overlay's marker and the safety notes' footer, all on a manual clock.
#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use knotless::clock::Moment;
use knotless::session::library::Library;
use knotless::tui::app::{App, Prefs};
use knotless::tui::keymap::Action;
use knotless::tui::theme::Theme;

use support::{screen_rows, shows};

const SIZES: [(u16, u16); 4] = [(80, 24), (100, 30), (60, 18), (200, 60)];

/// The session `id` opened on its intro, check-ins on, at time zero.
fn intro(id: &str) -> App {
    let library = Library::load(None);
    let session = library.resolve(id).unwrap();
    let mut app = App::with_prefs(library, Prefs::new(Theme::colour()), Moment::ZERO);
    app.open(session);
    app
}

/// Started, then every phase run to its end by the clock alone; returns the moment it ended.
fn run_to_end(app: &mut App) -> Moment {
    let mut now = Moment::ZERO;
    app.handle(Action::Select, now);
    while let Some(left) = app.session().unwrap().runner().remaining(now) {
        now = now + left;
        app.tick(now);
    }
    now
}

/// knot-relief's closing words, as its file has them.
const RELIEF_CLOSING: &str = "Get up slowly and keep moving gently for a while. If the knot is \
                              still sore after a week of regular care, or the pain is severe, \
                              have a healthcare provider look at it.";

#[test]
fn the_intro_keeps_the_steps_and_how_to_start_at_every_size() {
    for size in SIZES {
        let app = intro("knot-relief");
        let screen = screen_rows(&app, size);
        insta::assert_snapshot!(format!("intro_{}x{}", size.0, size.1), screen);
        for text in [
            "You'll need: heating pad, tennis ball or massage cane",
            "Heat on the knot",
            "Knee-to-chest stretch",
            "Posterior pelvic tilts",
            "Ball compression",
            "Total 18m 25s–23m 55s",
            "How much does your back hurt right now",
            "Press Enter or Space to start.",
        ] {
            assert!(shows(&screen, text), "{size:?}: {text}\n{screen}");
        }
        // The check-in's keys stay on one row: on their own when the question leaves no room.
        assert!(
            screen.contains("0–9, + for 10, Tab to skip"),
            "{size:?}\n{screen}"
        );
        // On a short window the blank lines give way first; the summary stays where they
        // leave it room.
        let summary = "then steady pressure on the knot with a ball.";
        assert!(shows(&screen, summary), "{size:?}\n{screen}");
    }
}

#[test]
fn on_a_tiny_window_the_intro_keeps_the_prompt_to_start() {
    for size in [(24, 6), (30, 8)] {
        let app = intro("desk-break");
        let screen = screen_rows(&app, size);
        assert!(shows(&screen, "Press Enter or Space"), "{size:?}\n{screen}");
        // The pain question gives way to it; its keys still work.
        assert!(!shows(&screen, "How much does"), "{size:?}\n{screen}");
    }
    let screen = screen_rows(&intro("desk-break"), (30, 8));
    assert!(
        shows(&screen, "a glass of"),
        "the outline keeps the rows left: {screen}"
    );
    // Where the outline is cut, its last row says so, and keeps its styles.
    let app = intro("knot-relief");
    let screen = screen_rows(&app, (30, 8));
    assert!(
        shows(&screen, "You'll need: heating pad, …"),
        "the cut outline ends in an ellipsis: {screen}"
    );
    let area = Rect::new(0, 0, 30, 8);
    let mut buf = Buffer::empty(area);
    knotless::tui::view::render(&app, area, &mut buf);
    let row = screen
        .lines()
        .position(|l| l.contains("You'll need"))
        .unwrap();
    let col = |text: &str| {
        let line = screen.lines().nth(row).unwrap();
        let byte = line.find(text).unwrap();
        u16::try_from(line[..byte].chars().count()).unwrap()
    };
    let y = u16::try_from(row).unwrap();
    let muted = Theme::colour().muted.fg;
    assert_eq!(buf[(col("You'll"), y)].fg, muted.unwrap());
    assert_ne!(Some(buf[(col("heating"), y)].fg), muted);
}

#[test]
fn the_intro_shows_a_chosen_breathing_pace() {
    let screen = screen_rows(&intro("unwind"), (80, 24));
    assert!(
        screen.contains("Slow breathing  3m*, breathe in 4s out 6s*"),
        "{screen}"
    );
    assert!(screen.contains("You'll need: a quiet place to sit or lie down"));
}

#[test]
fn the_summary_shows_the_last_cue_then_the_sessions_closing_words() {
    for size in SIZES {
        let mut app = intro("knot-relief");
        run_to_end(&mut app);
        let screen = screen_rows(&app, size);
        insta::assert_snapshot!(format!("summary_{}x{}", size.0, size.1), screen);
        for text in [
            "Session complete",
            "✓ Ease off the ball slowly.",
            "Phases done 8 of 8",
            "How does your back feel now",
            RELIEF_CLOSING,
        ] {
            assert!(shows(&screen, text), "{size:?}: {text}\n{screen}");
        }
        assert!(
            !screen.contains("Well done"),
            "the generic line is a fallback"
        );
        let cue = screen.find("Ease off the ball").unwrap();
        assert!(
            cue < screen.find("Phases done").unwrap(),
            "the cue comes first"
        );
    }
}

#[test]
fn a_skipped_or_abandoned_last_step_leaves_no_cue() {
    // The last phase skipped with `n`: finished with skips, no cue, the closing still said.
    let mut app = intro("knot-relief");
    let mut now = Moment::ZERO;
    app.handle(Action::Select, now);
    while app.session().unwrap().runner().index() + 1 < 8 {
        now = now + app.session().unwrap().runner().remaining(now).unwrap();
        app.tick(now);
    }
    app.handle(Action::Next, now);
    let screen = screen_rows(&app, (80, 24));
    assert!(
        screen.contains("Session finished, with some steps skipped"),
        "{screen}"
    );
    assert!(!screen.contains("Ease off"), "{screen}");
    assert!(shows(&screen, RELIEF_CLOSING), "{screen}");
}

#[test]
fn plus_and_minus_change_the_clock_and_the_session_total() {
    let mut app = intro("knot-relief");
    let mut now = Moment::ZERO;
    app.handle(Action::Select, now);
    // Heat: 20 minutes written, so `+` adds a minute.
    now = now + Duration::from_secs(60);
    app.tick(now);
    let before = screen_rows(&app, (80, 24));
    assert!(before.contains("19:00 left"), "{before}");
    assert!(before.contains("phase 1 of 8 · 22:55 left"), "{before}");
    app.handle(Action::MoreTime, now);
    let after = screen_rows(&app, (80, 24));
    assert!(after.contains("20:00 left"), "{after}");
    assert!(after.contains("phase 1 of 8 · 23:55 left"), "{after}");
    app.handle(Action::LessTime, now);
    app.handle(Action::LessTime, now);
    assert!(screen_rows(&app, (80, 24)).contains("18:00 left"));
    assert!(after.contains("+/- time"), "the footer names the keys");
}

#[test]
fn the_breathing_pacer_moves_one_dot_a_second() {
    let mut app = intro("unwind");
    let mut now = Moment::ZERO;
    app.handle(Action::Select, now);
    now = now + Duration::from_secs(30);
    app.tick(now);
    let pacer = |app: &App| {
        screen_rows(app, (80, 24))
            .lines()
            .find(|l| l.contains("Breathe "))
            .map(|l| l.trim_matches(|c| c == '│' || c == ' ').to_string())
    };
    assert_eq!(pacer(&app).as_deref(), Some("Breathe in   ●○○○"));
    let half = now + Duration::from_millis(2_500);
    app.tick(half);
    assert_eq!(pacer(&app).as_deref(), Some("Breathe in   ●●●○"));
    // Between two changes the app sleeps until the next whole second, never less often.
    let wake = app.next_wake(half).unwrap();
    assert!(wake <= Duration::from_millis(500), "{wake:?}");
    app.tick(now + Duration::from_secs(4));
    assert_eq!(pacer(&app).as_deref(), Some("Breathe out  ●○○○○○"));
    app.tick(now + Duration::from_secs(10));
    assert_eq!(pacer(&app).as_deref(), Some("Breathe in   ●○○○"));
}

#[test]
fn help_at_60x18_says_more_keys_are_below_and_scrolls_to_them() {
    let mut app = intro("knot-relief");
    app.handle(Action::Help, Moment::ZERO);
    let screen = screen_rows(&app, (60, 18));
    insta::assert_snapshot!("help_60x18", screen);
    assert!(screen.contains("↓ more (j/k)"), "{screen}");
    assert!(!screen.contains("pause reminders / resume"));
    for _ in 0..60 {
        app.handle(Action::Down, Moment::ZERO);
    }
    let end = screen_rows(&app, (60, 18));
    assert!(end.contains("pause reminders / resume"), "{end}");
    assert!(
        end.contains("↑ more above") && !end.contains("↓ more"),
        "{end}"
    );
    // A held key stops where the help ends, not 60 lines on (the event loop fits the scroll
    // to what each frame drew, as here): a page of keys up brings hidden lines back.
    let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 60, 18));
    let limits = knotless::tui::view::render(&app, buf.area, &mut buf);
    app.fit_scroll(limits);
    for _ in 0..20 {
        app.handle(Action::Up, Moment::ZERO);
    }
    assert!(screen_rows(&app, (60, 18)).contains("↓ more"));
}

#[test]
fn on_a_very_narrow_window_help_wraps_each_key_rather_than_cutting_it() {
    let mut app = intro("knot-relief");
    app.handle(Action::Help, Moment::ZERO);
    let area = ratatui::layout::Rect::new(0, 0, 30, 12);
    let mut seen = String::new();
    for _ in 0..80 {
        let mut buf = ratatui::buffer::Buffer::empty(area);
        let limits = knotless::tui::view::render(&app, area, &mut buf);
        app.fit_scroll(limits);
        seen.push_str(&screen_rows(&app, (30, 12)));
        app.handle(Action::Down, Moment::ZERO);
    }
    for (_, keys) in knotless::tui::keymap::help() {
        for (_, what) in keys {
            assert!(shows(&seen, what), "{what}\n{seen}");
        }
    }
}

#[test]
fn the_safety_notes_keep_their_heading_and_say_q_closes_them() {
    let mut app = intro("knot-relief");
    app.show_safety_first();
    for _ in 0..5 {
        app.handle(Action::Down, Moment::ZERO);
    }
    let screen = screen_rows(&app, (80, 24));
    let footer = screen.lines().nth(23).unwrap();
    assert!(footer.contains("Enter, q or Esc: I understand"), "{screen}");
    assert!(!footer.contains("quit"), "{screen}");
    assert!(
        screen.lines().nth(2).unwrap().contains("When to seek help"),
        "{screen}"
    );
    app.handle(Action::Quit, Moment::ZERO);
    assert!(app.overlay().is_none() && !app.quit(), "q closed the notes");
}

#[test]
fn the_home_preview_says_what_you_will_need_and_keeps_the_total() {
    for size in [(80, 24), (60, 18)] {
        let app = App::with_prefs(
            Library::load(None),
            Prefs::new(Theme::colour()),
            Moment::ZERO,
        );
        let screen = screen_rows(&app, size);
        for text in [
            "You'll need: heating pad,",
            "Ball compression",
            "Total 18m 25s–23m 55s",
        ] {
            assert!(shows(&screen, text), "{size:?}: {text}\n{screen}");
        }
        // At 80 columns the list widens so that every name keeps its length.
        if size.0 == 80 {
            for row in [
                "Lower-back knot relief    18–24m│",
                "Cold pack for a fresh knot 1–16m│",
            ] {
                assert!(screen.contains(row), "{row}\n{screen}");
            }
        }
    }
}

#[test]
fn every_built_in_summary_shows_its_cue_and_closing_at_60x18() {
    let library = Library::load(None);
    for session in &library.sessions {
        let mut app = intro(&session.id);
        run_to_end(&mut app);
        let screen = screen_rows(&app, (60, 18));
        let closing = session.closing.as_deref().unwrap();
        assert!(shows(&screen, closing), "{}: closing\n{screen}", session.id);
        if let Some(cue) = session.steps.last().unwrap().cue.as_deref() {
            assert!(shows(&screen, cue), "{}: last cue\n{screen}", session.id);
        }
    }
}

#[test]
fn on_a_shorter_window_the_summary_drops_blank_lines_before_words() {
    let mut app = intro("knot-relief");
    run_to_end(&mut app);
    let screen = screen_rows(&app, (60, 15));
    for text in [
        "Session complete",
        "✓ Ease off the ball slowly.",
        "Phases done 8 of 8",
        RELIEF_CLOSING,
    ] {
        assert!(shows(&screen, text), "{text}\n{screen}");
    }
}

/// How many numbered steps the screen lists, and the N of its "… N more steps".
fn steps_listed(screen: &str) -> (usize, usize) {
    let listed = screen
        .lines()
        .filter(|row| {
            row.split_once(". Step ").is_some_and(|(before, _)| {
                let number = before.rsplit(['│', ' ']).next().unwrap_or_default();
                number.parse::<usize>().is_ok()
            })
        })
        .count();
    let more = screen
        .split("… ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    (listed, more)
}

#[test]
fn a_session_longer_than_the_window_says_how_many_steps_are_not_shown_and_keeps_its_total() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = String::from("title = \"Forty steps\"\n");
    for i in 1..=40 {
        file.push_str(&format!(
            "[[steps]]\nname = \"Step {i}\"\nduration = \"10s\"\n"
        ));
    }
    std::fs::write(dir.path().join("forty.toml"), file).unwrap();
    for size in [(80, 24), (60, 18), (100, 30), (40, 12)] {
        let library = Library::load(Some(dir.path()));
        let session = library.resolve("forty").unwrap();
        let mut app = App::with_prefs(library, Prefs::new(Theme::colour()), Moment::ZERO);
        // The home preview: down the list to it.
        for _ in 0..10 {
            if screen_rows(&app, size).contains("┌ Forty steps ") {
                break;
            }
            app.handle(Action::Down, Moment::ZERO);
        }
        let home = screen_rows(&app, size);
        app.open(session);
        for (screen, what) in [(home, "home"), (screen_rows(&app, size), "intro")] {
            assert!(
                shows(&screen, "Total 6m 40s · 40 phases"),
                "{size:?} {what}\n{screen}"
            );
            let start = shows(&screen, "Press Enter or Space to start.");
            assert_eq!(start, what == "intro", "{size:?} {what}\n{screen}");
            let (listed, more) = steps_listed(&screen);
            assert!(
                listed > 0 && more > 0,
                "{size:?} {what}: {listed} + {more}\n{screen}"
            );
            assert_eq!(listed + more, 40, "{size:?} {what}\n{screen}");
        }
    }
}

#[test]
fn on_a_small_window_the_legend_and_the_equipment_give_way_to_a_step_and_the_total() {
    for size in [(40, 12), (60, 14)] {
        let home = App::with_prefs(
            Library::load(None),
            Prefs::new(Theme::colour()),
            Moment::ZERO,
        );
        for (screen, what) in [
            (screen_rows(&home, size), "home"),
            (screen_rows(&intro("knot-relief"), size), "intro"),
        ] {
            for text in ["1. Heat on the knot", "more steps", "Total 18m 25s–23m 55s"] {
                assert!(shows(&screen, text), "{size:?} {what}: {text}\n{screen}");
            }
        }
    }
}

/// A summary longer than the window leaves room for shows as far as it fits, cut with "…",
/// above every step and the prompt; it never pushes them out.
#[test]
fn a_long_summary_shows_as_far_as_the_window_has_room_and_says_where_it_is_cut() {
    let dir = tempfile::tempdir().unwrap();
    let summary = "Heat first, then a stretch on each side. ".repeat(12);
    let file = format!(
        "title = \"Wordy\"\nsummary = \"{summary}\"\n\
         [[steps]]\nname = \"Heat\"\nduration = \"1m\"\n\
         [[steps]]\nname = \"Stretch\"\nduration = \"30s\"\nsides = [\"left\", \"right\"]\n"
    );
    std::fs::write(dir.path().join("wordy.toml"), file).unwrap();
    let library = Library::load(Some(dir.path()));
    let session = library.resolve("wordy").unwrap();
    for size in [(60, 16), (70, 14), (50, 20)] {
        let mut app = App::with_prefs(
            Library::load(Some(dir.path())),
            Prefs::new(Theme::colour()),
            Moment::ZERO,
        );
        app.open(session.clone());
        let screen = screen_rows(&app, size);
        for text in ["1. Heat", "2. Stretch", "Total 2m", "Press Enter or Space"] {
            assert!(shows(&screen, text), "{size:?}: {text}\n{screen}");
        }
        assert!(
            shows(&screen, "Heat first, then a stretch"),
            "{size:?}: the summary's start\n{screen}"
        );
        assert!(screen.contains('…'), "{size:?}: marked where cut\n{screen}");
        // The rows inside the frame are used: only the gap above the prompt is empty.
        let empty = screen
            .lines()
            .skip(2)
            .take(usize::from(size.1) - 4)
            .filter(|row| row.trim_matches(['│', ' ']).is_empty())
            .count();
        assert!(empty <= 1, "{size:?}: {empty} rows left empty\n{screen}");
    }
}

/// A list item in a session's summary (on the intro) or its closing words (on the summary)
/// goes on under its text when it wraps, as it does in a step's instructions.
#[test]
fn list_items_in_the_summary_and_the_closing_words_wrap_under_their_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = "title = \"Lists\"\n\
        summary = \"\"\"\nBefore you start:\n- find a quiet spot where you can lie down on the \
        floor for a few minutes\n- put the pad in reach\n\"\"\"\n\
        closing = \"\"\"\nAfterwards:\n1. stand up slowly and walk around the room for a \
        minute or two\n2. drink some water\n\"\"\"\n\
        [[steps]]\nname = \"Heat\"\nduration = \"2s\"\n";
    std::fs::write(dir.path().join("lists.toml"), file).unwrap();
    let library = Library::load(Some(dir.path()));
    let session = library.resolve("lists").unwrap();
    let mut app = App::with_prefs(library, Prefs::new(Theme::colour()), Moment::ZERO);
    app.open(session);
    // The row a wrapped word lands on, and how far its text starts from the frame.
    let indent_of = |screen: &str, word: &str| {
        let row = screen
            .lines()
            .find(|r| r.contains(word) && !r.contains("- find"));
        let row = row.unwrap_or_else(|| panic!("{word}\n{screen}"));
        let inside = row.split('│').nth(1).unwrap();
        inside.len() - inside.trim_start().len()
    };
    let intro = screen_rows(&app, (50, 20));
    assert!(intro.contains("│- find a quiet spot"), "{intro}");
    // "- " is two columns: the item's next row starts two columns in.
    assert_eq!(indent_of(&intro, "minutes"), 2, "{intro}");
    let end = run_to_end(&mut app);
    let summary = screen_rows(&app, (50, 20));
    assert!(summary.contains("│  1. stand up slowly"), "{summary}");
    // Under the padding (2) and "1. " (3).
    assert_eq!(indent_of(&summary, "two"), 5, "at {end:?}\n{summary}");
}
