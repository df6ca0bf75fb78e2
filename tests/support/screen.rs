//! Building a one-session app and reading its screen as text, for the view tests; and
//! finding a system tool a test needs.

use std::process::Command;

use knotless::clock::Moment;
use knotless::session::library::Library;
use knotless::session::{Session, Source, Step, Timing};
use knotless::tui::app::App;
use knotless::tui::theme::Theme;
use knotless::tui::view;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// A step with a name and a timing, one rep, no sides and no text.
pub fn bare_step(name: &str, timing: Timing) -> Step {
    Step {
        name: name.into(),
        timing,
        reps: 1,
        sides: vec![],
        rest: None,
        instructions: None,
        caution: None,
        cue: None,
        art: None,
        basis: None,
        pace: None,
    }
}

/// A built-in session of `steps`, with no summary.
pub fn session_of(id: &str, title: &str, steps: Vec<Step>) -> Session {
    Session {
        id: id.into(),
        title: title.into(),
        summary: None,
        tags: vec![],
        equipment: vec![],
        closing: None,
        steps,
        source: Source::BuiltIn,
    }
}

/// The app on a library of `session` alone, in colour, at time zero.
pub fn app_of(session: Session) -> App {
    let library = Library {
        sessions: vec![session],
        broken: vec![],
    };
    App::new(library, Theme::colour(), Moment::ZERO)
}

/// The whole screen drawn at `cols`x`rows`, one line per row.
pub fn screen_text(app: &App, cols: u16, rows: u16) -> String {
    let area = Rect::new(0, 0, cols, rows);
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

/// The screen at `cols`x`rows` as [`screen_text`] draws it, each row without its trailing
/// spaces (the form the snapshots keep).
pub fn screen_rows(app: &App, (cols, rows): (u16, u16)) -> String {
    screen_text(app, cols, rows)
        .lines()
        .map(|row| format!("{}\n", row.trim_end()))
        .collect()
}

/// The screen's words in reading order, borders dropped.
pub fn words(screen: &str) -> Vec<&str> {
    screen
        .split(|c: char| c.is_whitespace() || "│┌┐└┘─".contains(c))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Every word of `text` is on `screen`, in order (other words, a figure beside, may come
/// between).
pub fn shows(screen: &str, text: &str) -> bool {
    let mut on_screen = words(screen).into_iter();
    text.split_whitespace()
        .all(|word| on_screen.any(|w| w == word))
}

/// The path of `name`, or a failure that says which Debian package installs it.
pub fn tool(name: &str, package: &str) -> String {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .unwrap();
    assert!(
        found.status.success(),
        "`{name}` is missing: install Debian's `{package}` package (.ci/run does)"
    );
    String::from_utf8(found.stdout).unwrap().trim().to_string()
}
