//! The terminal user interface: a thin shell over the shared runtime.
//!
//! A key press travels: `sources` (the main thread's `poll`) → `event_loop`
//! (`keymap::action_for`) → `state::App::update` → `perform::carry_out` (history, the
//! scheduler, the bell) → `view::render` on the next frame.

pub mod ansi;
pub mod effects;
pub mod event_loop;
pub mod keymap;
mod over_blank;
pub mod painter;
pub mod perform;
pub mod services;
pub mod sources;
pub mod state;
pub mod terminal;
pub mod theme;
pub mod title;
pub mod view;

/// The old name of the state module, for callers that still say `tui::app`.
pub use state as app;

use std::num::NonZeroUsize;
use std::process::ExitCode;

use crate::clock::{Clock, SystemClock};
use crate::config::ThemeName;
use crate::exit::{EXIT_INVALID, report};
use crate::flags::ReminderFlags;
use crate::runtime::{Runtime, configure};
use crate::session::library::Library;
use crate::status::Program;
use crate::tui::event_loop::{Driver, Exit, run as run_loop};
use crate::tui::services::TuiServices;
use crate::tui::state::App;
use crate::tui::terminal::TerminalGuard;

/// `knotless`: the home screen.
#[must_use]
pub fn run_home(flags: &ReminderFlags, theme: Option<ThemeName>) -> ExitCode {
    run(flags, theme, None)
}

/// `knotless run SESSION`: straight to the session's intro.
#[must_use]
pub fn run_session(session: &str, flags: &ReminderFlags, theme: Option<ThemeName>) -> ExitCode {
    run(flags, theme, Some(session))
}

/// Room for the layouts of a few screens at a few sizes: ratatui's default of 500 is a
/// 17 KB table kept all day, and a screen uses about a dozen.
const LAYOUT_CACHE: NonZeroUsize = NonZeroUsize::MIN.saturating_add(63);

fn run(flags: &ReminderFlags, theme_flag: Option<ThemeName>, session: Option<&str>) -> ExitCode {
    ratatui::layout::Layout::init_cache(LAYOUT_CACHE);
    let (config, setup) = match configure(flags, true) {
        Ok(c) => c,
        Err(code) => return code,
    };
    // `run FILE` needs no library for its first frame: the built-ins and the user's sessions
    // are read right after it (a break session may come from them).
    let file = session.and_then(Library::resolve_path);
    let library = if file.is_some() {
        Library::default()
    } else {
        Library::load(crate::paths::user_sessions_dir().as_deref())
    };
    let clock = SystemClock;
    // Before the terminal is taken: from here on every signal takes the clean path.
    let Some((tx, mut input)) = sources::Input::catch() else {
        // Without it there would be no keys either: say so rather than sit deaf.
        report(
            "cannot watch the terminal and Ctrl-C (the system refused a pipe or a signal); try again",
        );
        return ExitCode::from(EXIT_INVALID);
    };
    let mut services = TuiServices::new(Runtime::new(Program::Tui, setup, tx), theme_flag);
    let mut app = App::with_prefs(library, services.prefs(&config), clock.now());
    // Not the time zone: jiff's first look-up walks the whole zoneinfo tree (milliseconds),
    // and only clock times in the status line need it; reminder events set it later.
    app.set_clock(clock.now(), clock.wall());
    let library_later = file.is_some();
    if let Some(arg) = session {
        match file.unwrap_or_else(|| app.library().resolve(arg)) {
            Ok(s) => app.open_only(s),
            Err(e) => {
                report(e.to_string().trim_end());
                return ExitCode::from(EXIT_INVALID);
            }
        }
    }
    // First launch, of home or of one session (`knotless run knot-relief` may well be the
    // first command someone types): when to seek help comes before anything else.
    if !crate::safety::acknowledged() {
        app.show_safety_first();
    }
    let mut guard = match TerminalGuard::enter() {
        Ok(g) => g,
        Err(e) => {
            report(&format!(
                "cannot open the terminal ({e}); run knotless in an interactive terminal"
            ));
            return ExitCode::from(EXIT_INVALID);
        }
    };
    let result = {
        let mut driver = Driver::new(app, &mut guard, &clock, &mut services);
        if library_later {
            driver.read_files_after_first_frame();
        }
        run_loop(&mut driver, &mut input)
    };
    // Stop the scheduler and write what history has queued while the terminal is still
    // ours, then give the terminal back.
    services.shutdown();
    // The signals stay caught until `input` goes, after this.
    drop(guard);
    match result {
        Ok(Exit::Normal) => ExitCode::SUCCESS,
        Ok(Exit::Signal(sig)) => crate::exit::for_signal(sig),
        Ok(Exit::TerminalLost) => ExitCode::from(EXIT_INVALID),
        Err(e) => {
            report(&format!("the terminal failed: {e}"));
            ExitCode::from(EXIT_INVALID)
        }
    }
}
