//! Every built-in figure on the running screen at 80x24: reached the way a person reaches it
//! (each earlier phase running to its end, so the last cue and any "hold" hint take their
//! rows), every line of the figure must be on screen in full. One snapshot per figure.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::time::Duration;

use knotless::clock::Moment;
use knotless::session::library::{Library, art};
use knotless::tui::app::{App, Prefs};
use knotless::tui::keymap::Action;
use knotless::tui::theme::Theme;
use knotless::tui::view;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn draw(app: &App) -> String {
    let area = Rect::new(0, 0, 80, 24);
    let mut buf = Buffer::empty(area);
    view::render(app, area, &mut buf);
    text(&buf)
}

/// The app on `id`, started, with every phase before `step`'s first one run to its end; the
/// clock then stands 2 s into that phase.
/// The app with no pain check-ins, so the intro starts at once.
fn quiet_app(library: Library) -> App {
    let mut prefs = Prefs::new(Theme::colour());
    prefs.checkin = false;
    App::with_prefs(library, prefs, Moment::ZERO)
}

fn at_step(id: &str, step: usize) -> App {
    let library = Library::load(None);
    let session = library.resolve(id).unwrap();
    let mut app = quiet_app(library);
    app.open(session);
    let mut now = Moment::ZERO;
    app.handle(Action::Select, now);
    loop {
        let runner = app.session().unwrap().runner();
        if runner.current().unwrap().step == step {
            break;
        }
        now = now + runner.remaining(now).unwrap();
        app.tick(now);
    }
    app.tick(now + Duration::from_secs(2));
    app
}

#[test]
fn every_figure_shows_in_full_on_the_running_screen() {
    let library = Library::load(None);
    let mut seen = BTreeSet::new();
    for session in &library.sessions {
        for (index, step) in session.steps.iter().enumerate() {
            let Some(name) = step.art.as_deref() else {
                continue;
            };
            let screen = draw(&at_step(&session.id, index));
            for line in art(name).unwrap().lines() {
                assert!(
                    screen.contains(line.trim_end()),
                    "{}, step {} ({}): figure `{name}` line {line:?} is not on screen:\n{screen}",
                    session.id,
                    index + 1,
                    step.name
                );
            }
            if seen.insert(name.to_string()) {
                insta::assert_snapshot!(format!("figure_{name}"), screen);
            }
        }
    }
    assert_eq!(seen.len(), knotless::session::library::art_names().len());
}

#[test]
fn the_intro_marks_chosen_lengths_and_explains_the_mark() {
    let library = Library::load(None);
    let mut app = quiet_app(library.clone());
    app.open(library.resolve("knot-relief").unwrap());
    let screen = draw(&app);
    insta::assert_snapshot!("intro_knot_relief", screen);
    let heat = screen
        .lines()
        .find(|l| l.contains("Heat on the knot"))
        .unwrap();
    assert!(heat.contains("15m–20m") && !heat.contains('*'), "{heat}");
    assert!(
        screen.contains("30s each: left, right, rest 10s*"),
        "{screen}"
    );
    assert!(screen.contains("45s* × 2 reps, rest 15s*"), "{screen}");
    assert!(screen.contains("* a chosen length: the source material gives none for this"));
}
