//! Small wording rules (issue 12): sides that name two limbs read as pairs, and counts of
//! one are singular, in the home preview, the intro and plain mode.

use std::time::Duration;

use knotless::clock::Moment;
use knotless::narrate::{heading, phase_line};
use knotless::session::library::Library;
use knotless::session::{Session, Timing};
use knotless::tui::app::App;
use knotless::tui::keymap::Action;

mod support;

use support::{app_of, bare_step, screen_text, session_of};

fn core_stability() -> Session {
    Library::load(None)
        .get("core-stability")
        .cloned()
        .expect("the built-in core-stability session")
}

fn one_step() -> Session {
    let breathe = bare_step("Breathe", Timing::Fixed(Duration::from_secs(60)));
    session_of("one", "One", vec![breathe])
}

fn app(session: Session) -> App {
    app_of(session)
}

fn text(app: &App) -> String {
    screen_text(app, 120, 40)
}

#[test]
fn the_bird_dog_intro_names_two_sides_as_pairs() {
    let mut a = app(core_stability());
    a.handle(Action::Select, Moment::ZERO);
    let shown = text(&a);
    assert!(
        shown.contains("10s* each: right arm + left leg, left arm + right leg × 3 reps"),
        "{shown}"
    );
}

#[test]
fn plain_mode_names_a_bird_dog_side_as_one_pair() {
    let session = core_stability();
    let runner = knotless::runner::Runner::new(&session);
    let first = runner
        .phases()
        .iter()
        .find(|p| session.steps[p.step].name == "Bird-dog")
        .unwrap();
    assert_eq!(
        phase_line(&session, first),
        "Bird-dog, right arm + left leg, rep 1 of 3: 10 seconds (knotless's choice)"
    );
}

#[test]
fn one_step_and_one_phase_are_singular_everywhere() {
    let mut a = app(one_step());
    let home = text(&a);
    assert!(
        home.contains("· 1 phase") && !home.contains("1 phases"),
        "{home}"
    );
    a.handle(Action::Select, Moment::ZERO);
    let intro = text(&a);
    assert!(
        intro.contains(" 1 step ") && !intro.contains("1 steps"),
        "{intro}"
    );
    assert!(intro.contains("· 1 phase") && !intro.contains("1 phases"));
    assert_eq!(heading(&one_step()), "One: 1 minute, 1 phase");
}
