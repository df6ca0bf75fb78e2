//! The terminal window title while a session runs ("Knee-to-chest 0:27 · knotless"), saved
//! on the terminal's title stack first and restored afterwards. Terminals without a title
//! stack are left with a neutral title.

use std::io::Write;

use crate::alert::{POP_TITLE, PUSH_TITLE, window_title};
use crate::duration;
use crate::runner::Mode;
use crate::session::PhaseKind;
use crate::tui::state::{App, Screen};

/// While knotless runs but no session does.
const RUNNING: &str = "knotless";
/// On the way out, for terminals that cannot restore the saved title.
const NEUTRAL: &str = "";

/// The title the app wants now, if any.
#[must_use]
pub fn wanted(app: &App) -> Option<String> {
    let (Screen::Session, Some(state)) = (app.screen(), app.session()) else {
        return None;
    };
    let (session, runner) = (state.session(), state.runner());
    if !matches!(runner.mode(), Mode::Running | Mode::Paused) {
        return None;
    }
    let phase = runner.current()?;
    let name = match phase.kind {
        PhaseKind::Rest => "Rest".to_string(),
        PhaseKind::Work => session.steps.get(phase.step)?.name.to_string(),
    };
    let left = duration::clock(runner.remaining(app.now()).unwrap_or_default());
    let paused = if runner.mode() == Mode::Paused {
        " (paused)"
    } else {
        ""
    };
    Some(format!("{name} {left}{paused} · knotless"))
}

/// What the terminal's title is, as far as we set it.
#[derive(Debug, Default)]
pub struct Title {
    pushed: bool,
    shown: Option<String>,
}

impl Title {
    /// Writes the title the app wants, if it changed. Not flushed: it goes out with the frame.
    pub fn update(&mut self, app: &App, out: &mut dyn Write) {
        let wanted = wanted(app);
        if wanted == self.shown {
            return;
        }
        let mut bytes = String::new();
        match &wanted {
            Some(title) => {
                if !self.pushed {
                    bytes.push_str(PUSH_TITLE);
                    self.pushed = true;
                }
                bytes.push_str(&window_title(title));
            }
            None => {
                bytes.push_str(&window_title(RUNNING));
                bytes.push_str(POP_TITLE);
                self.pushed = false;
            }
        }
        let _ = out.write_all(bytes.as_bytes());
        self.shown = wanted;
    }

    /// Gives the saved title back, leaving a neutral one where that is not supported.
    pub fn finish(&mut self, out: &mut dyn Write) {
        if self.pushed {
            let _ = out.write_all(window_title(NEUTRAL).as_bytes());
            let _ = out.write_all(POP_TITLE.as_bytes());
            let _ = out.flush();
            self.pushed = false;
        }
    }
}
