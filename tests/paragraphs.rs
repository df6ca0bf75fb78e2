//! Session text is shown as paragraphs: a file's line breaks inside a paragraph do not
//! reach the screen, so each view wraps the text to its own width (issue 12).

use std::time::Duration;

use knotless::clock::Moment;
use knotless::session::library::Library;
use knotless::session::{Session, Source, Step, Timing};
use knotless::tui::app::App;
use knotless::tui::keymap::Action;
use knotless::tui::theme::Theme;
use knotless::tui::view;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn session() -> Session {
    let step = Step {
        name: "Knee-to-chest".into(),
        timing: Timing::Fixed(Duration::from_secs(30)),
        reps: 1,
        sides: vec![],
        rest: None,
        instructions: Some(
            "Lie on your back and\ndraw one knee in.\n\n- hold it\n- breathe".into(),
        ),
        caution: None,
        cue: None,
        art: None,
        basis: None,
    };
    Session {
        id: "s".into(),
        title: "Stretch".into(),
        summary: Some("A short\nstretch for the back.".into()),
        tags: vec![],
        steps: vec![step],
        source: Source::BuiltIn,
    }
}

fn app() -> App {
    let library = Library {
        sessions: vec![session()],
        broken: vec![],
    };
    App::new(library, Theme::colour(), Moment::ZERO)
}

fn text(app: &App) -> String {
    let area = Rect::new(0, 0, 100, 30);
    let mut buf = Buffer::empty(area);
    view::render(app, area, &mut buf);
    let mut out = String::new();
    for y in 0..area.height {
        for x in 0..area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
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
