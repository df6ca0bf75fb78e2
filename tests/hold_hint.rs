//! The range hold's one hint on the running screen: live from the runner and the clock,
//! never a frozen notice after an early Enter (issue 12).

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

fn app() -> App {
    let ball = Step {
        name: "Ball compression".into(),
        timing: Timing::Range {
            min: Duration::from_secs(30),
            max: Duration::from_secs(60),
        },
        reps: 1,
        sides: vec![],
        rest: None,
        instructions: None,
        caution: None,
        cue: None,
        art: None,
        basis: None,
    };
    let session = Session {
        id: "ball".into(),
        title: "Ball".into(),
        summary: None,
        tags: vec![],
        steps: vec![ball.clone(), ball],
        source: Source::BuiltIn,
    };
    let library = Library {
        sessions: vec![session],
        broken: vec![],
    };
    App::new(library, Theme::colour(), Moment::ZERO)
}

fn text(app: &App) -> String {
    let area = Rect::new(0, 0, 80, 24);
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
fn an_early_enter_leaves_one_live_hint_that_turns_into_enter_and_the_maximum() {
    let at = Moment::from_secs;
    let mut a = app();
    a.handle(Action::Select, at(0));
    a.handle(Action::Select, at(0));
    a.tick(at(4));
    a.handle(Action::Select, at(4));
    let shown = text(&a);
    assert!(shown.contains("Hold at least 0:26 more"), "{shown}");
    assert!(!shown.contains("Keep holding"), "no separate notice");
    assert_eq!(shown.matches("Hold at least").count(), 1);

    a.tick(at(10));
    let shown = text(&a);
    assert!(
        shown.contains("Hold at least 0:20 more"),
        "it counts down: {shown}"
    );

    a.tick(at(30));
    let shown = text(&a);
    assert!(
        shown.contains("Press Enter when it eases (ends by itself at 1:00)"),
        "{shown}"
    );
    assert!(!shown.contains("Hold at least"), "{shown}");

    a.handle(Action::Select, at(31));
    assert_eq!(
        a.session().map(|s| s.runner().index()),
        Some(1),
        "Enter moves on"
    );
}
