//! The range hold's one hint on the running screen: live from the runner and the clock,
//! never a frozen notice after an early Enter (issue 12).

use std::time::Duration;

use knotless::clock::Moment;
use knotless::session::Timing;
use knotless::tui::app::App;
use knotless::tui::keymap::Action;

mod support;

use support::{app_of, bare_step, screen_text, session_of};

fn app() -> App {
    let ball = bare_step(
        "Ball compression",
        Timing::Range {
            min: Duration::from_secs(30),
            max: Duration::from_secs(60),
        },
    );
    app_of(session_of("ball", "Ball", vec![ball.clone(), ball]))
}

fn text(app: &App) -> String {
    screen_text(app, 80, 24)
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
        shown.contains("Press Enter when you are ready (ends by itself at 1:00)"),
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
