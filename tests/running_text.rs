//! The running screen puts text first (issue 12): at every size the step, side and rep, the
//! time left, the caution and the instructions stay readable; instructions that do not fit
//! scroll with j/k and say so. Whole-screen snapshots of knot-relief's knee-to-chest and ball
//! compression at four sizes, reached the way a person reaches them.
#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use knotless::clock::Moment;
use knotless::session::library::Library;
use knotless::tui::app::{App, Input, Prefs};
use knotless::tui::keymap::Action;
use knotless::tui::theme::Theme;

use support::{screen_rows, shows};

const SIZES: [(u16, u16); 4] = [(80, 24), (100, 30), (60, 18), (200, 60)];
const MORE: &str = "↓ more (j/k to scroll)";

/// knot-relief with every phase before step `step` run to its end, 2 s into that step.
fn at_step(step: usize) -> (App, Moment) {
    let library = Library::load(None);
    let session = library.resolve("knot-relief").unwrap();
    let mut prefs = Prefs::new(Theme::colour());
    prefs.checkin = false;
    let mut app = App::with_prefs(library, prefs, Moment::ZERO);
    app.open(session);
    let mut now = Moment::ZERO;
    app.handle(Action::Select, now);
    while app.session().unwrap().runner().current().unwrap().step != step {
        now = now + app.session().unwrap().runner().remaining(now).unwrap();
        app.tick(now);
    }
    now = now + Duration::from_secs(2);
    app.tick(now);
    (app, now)
}

/// Checks the screen at each of `sizes`; returns how many of them had to scroll.
fn check(
    sizes: &[(u16, u16)],
    step: usize,
    name: &str,
    caution: Option<&str>,
    last_words: &str,
) -> usize {
    let mut scrolled = 0;
    for &size in sizes {
        let (mut app, now) = at_step(step);
        let screen = screen_rows(&app, size);
        let slug = name.to_lowercase().replace(' ', "_");
        insta::assert_snapshot!(format!("{slug}_{}x{}", size.0, size.1), screen);
        assert!(screen.contains(name), "{size:?}: step name\n{screen}");
        assert!(screen.contains(" left"), "{size:?}: time left\n{screen}");
        // The session's title is whole, or cut with "…" before the position: never run
        // into it.
        let top = screen.lines().nth(1).unwrap_or_default();
        assert!(
            top.contains("Lower-back knot relief ") || top.contains("…  phase"),
            "{size:?}: the frame's title\n{screen}"
        );
        if let Some(caution) = caution {
            assert!(shows(&screen, caution), "{size:?}: caution\n{screen}");
        }
        if shows(&screen, last_words) {
            assert!(
                !screen.contains(MORE),
                "{size:?}: a marker but nothing hidden"
            );
            continue;
        }
        assert!(
            screen.contains(MORE),
            "{size:?}: text hidden, no marker\n{screen}"
        );
        let mut screen = screen;
        scrolled += 1;
        for _ in 0..40 {
            app.handle(Action::Down, now);
            screen = screen_rows(&app, size);
            if shows(&screen, last_words) {
                break;
            }
        }
        assert!(
            shows(&screen, last_words),
            "{size:?}: never shown\n{screen}"
        );
        assert!(!screen.contains(MORE), "{size:?}: at the end\n{screen}");
        assert!(screen.contains("↑ more above"), "{size:?}: no marker above");
        if let Some(caution) = caution {
            assert!(shows(&screen, caution), "{size:?}: caution scrolled away");
        }
        insta::assert_snapshot!(format!("{slug}_{}x{}_scrolled", size.0, size.1), screen);
    }
    scrolled
}

#[test]
fn knee_to_chest_text_stays_readable_at_every_size() {
    check(
        &SIZES,
        1,
        "Knee-to-chest stretch",
        None,
        "takes some pressure off it.",
    );
}

#[test]
fn ball_compression_caution_is_pinned_and_instructions_reach_their_end() {
    check(&SIZES, 3, "Ball compression", Some(BALL_CAUTION), BALL_END);
}

const BALL_CAUTION: &str = "Press firmly, but only as hard as you can bear. Ease off at once \
                            if the pressure brings sharp pain or pain that shoots outward.";
const BALL_END: &str = "the timer ends by itself.";

#[test]
fn on_a_short_window_the_instructions_scroll_to_their_end_behind_markers() {
    let scrolled = check(
        &[(60, 14), (40, 16)],
        3,
        "Ball compression",
        Some(BALL_CAUTION),
        BALL_END,
    );
    assert_eq!(scrolled, 2, "both sizes are too short for the whole text");
}

#[test]
fn a_new_phase_starts_at_the_top() {
    let (mut app, now) = at_step(3);
    app.handle(Action::Down, now);
    assert_eq!(app.running_scroll(), 1);
    app.handle(Action::Previous, now);
    assert_eq!(app.running_scroll(), 0);
}

/// Where there is room, a notice whose words wrap onto a row more than its width says still
/// leaves "Last one:" in view; on a short window the status lines give way to the caution,
/// the notice and "Last one:" first.
#[test]
fn a_notice_that_wraps_onto_a_row_more_than_its_width_leaves_next_in_view() {
    let (mut app, now) = at_step(3);
    // 100 columns of text, but a long unbreakable path makes it three rows at 78.
    let why = format!(
        "speech-dispatcher is not running (nothing answers at /run/user/1000/{}/speechd.sock)",
        "speech-dispatcher-socket-directory"
    );
    app.handle(Action::ToggleVoice, now);
    app.update(Input::VoiceFailed(why), now);
    for size in [(80, 24), (60, 18)] {
        let screen = screen_rows(&app, size);
        assert!(shows(&screen, "Voice off"), "{size:?}\n{screen}");
        assert!(
            screen.contains("Last one:"),
            "{size:?}: the next line\n{screen}"
        );
    }
    let screen = screen_rows(&app, (44, 16));
    assert!(shows(&screen, BALL_CAUTION), "the caution\n{screen}");
    assert!(screen.contains(MORE), "the instructions\n{screen}");
    assert!(!shows(&screen, "Voice off"), "gave way\n{screen}");
}

/// The step's instructions as the running screen words them.
fn ball_instructions() -> String {
    let library = Library::load(None);
    let session = library.resolve("knot-relief").unwrap();
    session.steps[3].instructions.as_ref().unwrap().reflowed()
}

/// The rows of every screen seen while scrolling from the top to the end, each row once, in
/// the order first seen; every screen on the way shows the caution whole.
fn scrolled_through(app: &mut App, now: Moment, size: (u16, u16)) -> String {
    let mut seen: Vec<String> = Vec::new();
    for _ in 0..60 {
        let screen = screen_rows(app, size);
        assert!(shows(&screen, BALL_CAUTION), "{size:?}: caution\n{screen}");
        for row in screen.lines() {
            if !seen.iter().any(|s| s == row) {
                seen.push(row.to_string());
            }
        }
        app.handle(Action::Down, now);
    }
    seen.join("\n")
}

/// On a short window the status lines give way to the step's words: the caution stays
/// whole, and every row of the instructions scrolls into view, where there are rows for
/// only one or two of them with a single marker (on the frame's edge for one row).
#[test]
fn on_a_tiny_window_the_caution_stays_whole_and_every_instruction_row_can_be_reached() {
    let instructions = ball_instructions();
    for size in [(40, 12), (60, 14), (36, 13), (50, 11), (60, 12)] {
        for paused in [false, true] {
            let (mut app, now) = at_step(3);
            if paused {
                app.handle(Action::TogglePause, now);
            }
            let first = screen_rows(&app, size);
            assert!(
                first.contains("↓ more") || shows(&first, &instructions),
                "{size:?}: the instructions' first row\n{first}"
            );
            let seen = scrolled_through(&mut app, now, size);
            assert!(shows(&seen, &instructions), "{size:?}: never shown\n{seen}");
        }
    }
}

/// The ended step's cue and the hold hint share the rows above a caution with it; the
/// caution is never the one cut (it vanished at 40x12 after a step with a cue).
#[test]
fn after_a_cue_the_caution_is_still_whole_on_a_small_window() {
    const CUED: &str = r#"
title = "Cued"
[[steps]]
name = "Lie down"
duration = "1s"
cue = "Lie down now."
[[steps]]
name = "Press"
duration = "30s..60s"
instructions = "Press the ball into the knot and breathe slowly while it eases."
caution = "Ease off at once if the pressure brings sharp pain or pain that shoots outward."
"#;
    let mut app = started(CUED);
    let now = Moment::ZERO + Duration::from_secs(2);
    app.tick(now);
    for size in [(40, 12), (30, 10), (40, 10)] {
        for pause in [false, true] {
            if pause {
                app.handle(Action::TogglePause, now);
            }
            let screen = screen_rows(&app, size);
            assert!(screen.contains("Press"), "{size:?}: the step\n{screen}");
            assert!(
                shows(
                    &screen,
                    "Ease off at once if the pressure brings sharp pain or pain that shoots outward."
                ),
                "{size:?}: the caution\n{screen}"
            );
            if pause {
                app.handle(Action::TogglePause, now);
            }
        }
    }
}

/// The session in `toml` (a file's text), started: its first phase is counting down.
fn started(toml: &str) -> App {
    let path = std::path::Path::new("test.toml");
    let source = knotless::session::Source::File(path.to_path_buf());
    let session = knotless::session::parse::parse_str(path, toml, source).unwrap();
    let mut prefs = Prefs::new(Theme::mono());
    prefs.checkin = false;
    let mut app = App::with_prefs(Library::load(None), prefs, Moment::ZERO);
    app.open(session);
    app.handle(Action::Select, Moment::ZERO);
    app
}

/// A step whose instructions hold words wider than the window: a long link, and Japanese,
/// which has no spaces to break at.
const UNBROKEN: &str = r#"
title = "Unbroken"
[[steps]]
name = "Long words"
duration = "30s"
instructions = """
See https://example.org/a/very/long/path/that/does/not/fit today.

- 一つ目の項目はとても長い説明文で、折り返しが必要です。"""
"#;

#[test]
fn a_word_wider_than_the_window_wraps_rather_than_being_cut() {
    let app = started(UNBROKEN);
    for size in [(40, 16), (34, 16), (80, 24)] {
        let screen = screen_rows(&app, size);
        // Rows joined, borders and spaces dropped: each long word reads whole.
        let squashed: String = screen
            .chars()
            .filter(|c| !c.is_whitespace() && !"│┌┐└┘─".contains(*c))
            .collect();
        for word in [
            "https://example.org/a/very/long/path/that/does/not/fit",
            "一つ目の項目はとても長い説明文で、折り返しが必要です。",
        ] {
            assert!(squashed.contains(word), "{size:?}: {word}\n{screen}");
        }
        assert!(!screen.contains(MORE), "{size:?}: it all fits\n{screen}");
    }
}

#[test]
fn a_list_item_goes_on_under_its_text_not_under_its_mark() {
    const LIST: &str = r#"
title = "List"
[[steps]]
name = "Tilt"
duration = "30s"
instructions = """
Lie on your back:
- keep your knees bent and your feet flat on the floor the whole time
12) press the small of your back down into the floor, gently"""
"#;
    let app = started(LIST);
    let screen = screen_rows(&app, (40, 16));
    let rows: Vec<&str> = screen.lines().collect();
    for (mark, hang) in [("│ - keep", "│   "), ("│ 12) press", "│     ")] {
        let at = rows
            .iter()
            .position(|r| r.starts_with(mark))
            .unwrap_or_else(|| panic!("{mark}\n{screen}"));
        let next = rows[at + 1];
        assert!(
            next.starts_with(hang) && !next.starts_with(&format!("{hang} ")),
            "{next:?}\n{screen}"
        );
    }
}

/// A caution longer than the window has rows is not pinned (it would hide the instructions
/// for good): it leads the scrolled text, and `j` reaches the instructions after it.
#[test]
fn a_caution_taller_than_the_window_scrolls_with_the_instructions() {
    let caution = "Stop at once and see a clinician if the pain spreads down a leg. ".repeat(12);
    let src = format!(
        "title = \"Long caution\"\n[[steps]]\nname = \"Knee hug\"\nduration = \"30s..60s\"\n\
         caution = \"{caution}\"\ninstructions = \"Breathe slowly and let the back soften.\"\n"
    );
    let mut app = started(&src);
    let now = Moment::ZERO + Duration::from_secs(1);
    let screen = screen_rows(&app, (50, 16));
    assert!(shows(&screen, "⚠ Stop at once"), "{screen}");
    assert!(screen.contains("↓ more"), "{screen}");
    // Drawn between presses, as the app does: each frame says how far the text scrolls.
    for _ in 0..40 {
        screen_rows(&app, (50, 16));
        app.handle(Action::Down, now);
    }
    let screen = screen_rows(&app, (50, 16));
    assert!(
        shows(&screen, "Breathe slowly and let the back soften."),
        "{screen}"
    );
}
