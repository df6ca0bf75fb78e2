//! Session text is shown as paragraphs: a file's line breaks inside a paragraph do not
//! reach the screen, so each view wraps the text to its own width (issue 12).

use std::time::Duration;

use knotless::clock::Moment;
use knotless::session::{Session, Timing};
use knotless::text::SafeText;
use knotless::tui::app::App;
use knotless::tui::keymap::Action;

mod support;

use support::{app_of, bare_step, screen_text, session_of};

fn session() -> Session {
    let mut step = bare_step("Knee-to-chest", Timing::Fixed(Duration::from_secs(30)));
    step.instructions = Some(SafeText::multiline(
        "Lie on your back and\ndraw one knee in.\n\n- hold it\n- breathe",
    ));
    let mut session = session_of("s", "Stretch", vec![step]);
    session.summary = Some(SafeText::multiline("A short\nstretch for the back."));
    session
}

fn app() -> App {
    app_of(session())
}

fn text(app: &App) -> String {
    screen_text(app, 100, 30)
}

#[test]
fn the_home_preview_joins_the_summary_into_one_paragraph() {
    assert!(text(&app()).contains("A short stretch for the back."));
}

#[test]
fn the_intro_joins_the_summary_into_one_paragraph() {
    let mut a = app();
    a.handle(Action::Select, Moment::ZERO);
    let shown = text(&a);
    assert!(shown.contains("to start"), "{shown}");
    assert!(shown.contains("A short stretch for the back."), "{shown}");
}

#[test]
fn the_running_screen_joins_instructions_and_keeps_list_lines() {
    let mut a = app();
    a.handle(Action::Select, Moment::ZERO);
    a.handle(Action::Select, Moment::ZERO);
    let shown = text(&a);
    assert!(
        shown.contains("Lie on your back and draw one knee in."),
        "{shown}"
    );
    let hold = shown.lines().find(|l| l.contains("- hold it")).unwrap();
    assert!(!hold.contains("breathe"), "list items keep their own lines");
    assert!(shown.contains("- breathe"));
}
