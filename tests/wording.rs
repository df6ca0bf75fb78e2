//! Small wording rules (issue 12): sides that name two limbs read as pairs, and counts of
//! one are singular, in the home preview, the intro and plain mode.

use std::time::Duration;

use knotless::clock::Moment;
use knotless::narrate::{heading, phase_line};
use knotless::session::library::Library;
use knotless::session::{Session, Source, Step, Timing};
use knotless::tui::app::App;
use knotless::tui::keymap::Action;
use knotless::tui::theme::Theme;
use knotless::tui::view;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn core_stability() -> Session {
    Library::load(None)
        .get("core-stability")
        .cloned()
        .expect("the built-in core-stability session")
}

fn one_step() -> Session {
    Session {
        id: "one".into(),
        title: "One".into(),
        summary: None,
        tags: vec![],
        steps: vec![Step {
            name: "Breathe".into(),
            timing: Timing::Fixed(Duration::from_secs(60)),
            reps: 1,
            sides: vec![],
            rest: None,
            instructions: None,
            caution: None,
            cue: None,
            art: None,
            basis: None,
        }],
        source: Source::BuiltIn,
    }
}

fn app(session: Session) -> App {
    let library = Library {
        sessions: vec![session],
        broken: vec![],
    };
    App::new(library, Theme::colour(), Moment::ZERO)
}

fn text(app: &App) -> String {
    let area = Rect::new(0, 0, 120, 40);
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
