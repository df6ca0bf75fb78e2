//! The terminal user interface: the event loop, screens and widgets.

pub mod app;
pub mod history_worker;
pub mod input;
pub mod reload;
pub mod services;
pub mod shell;
pub mod terminal;
pub mod theme;
pub mod title;
pub mod view;
pub mod watch;

use std::process::ExitCode;

use crate::cli::ReminderFlags;
use crate::clock::{Clock, SystemClock};
use crate::cmd::{EXIT_INVALID, report};
use crate::config::{Config, ThemeName};
use crate::session::library::Library;
use crate::tui::app::App;
use crate::tui::shell::{Exit, run_loop, spawn_sources};
use crate::tui::terminal::TerminalGuard;
use crate::tui::theme::Theme;

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

fn load_config() -> Result<Config, ExitCode> {
    let Some(path) = crate::paths::config_file() else {
        return Ok(Config::default());
    };
    Config::load(&path).map_err(|diag| {
        eprint!("{diag}");
        report("the config file has an error; fix it (or move it away) and start again");
        ExitCode::from(EXIT_INVALID)
    })
}

fn run(flags: &ReminderFlags, theme_flag: Option<ThemeName>, session: Option<&str>) -> ExitCode {
    let config = match load_config() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let settings = match crate::config::apply_flags(config.reminders.clone(), flags) {
        Ok(s) => s,
        Err(message) => {
            report(&message);
            return ExitCode::from(crate::cmd::EXIT_USAGE);
        }
    };
    let library = Library::load(crate::paths::user_sessions_dir().as_deref());
    let clock = SystemClock;
    let theme = Theme::resolve(config.theme, theme_flag, theme::no_color_env());
    // crossterm drops colours by itself under NO_COLOR; the resolved theme decides instead
    // (a `--theme` typed for this run wins over NO_COLOR, as no-color.org recommends).
    ratatui::crossterm::style::force_color_output(theme.colour);
    let mut app = App::new(library, theme, clock.now());
    app.wall = clock.wall();
    // Not the time zone: jiff's first look-up walks the whole zoneinfo tree (milliseconds),
    // and only clock times in the status line need it; reminder events set it later.
    app.quiet = flags.quiet;
    app.checkin = config.checkin.enabled;
    app.alerts = config.alerts;
    app.break_session.clone_from(&settings.session);
    if let Some(arg) = session {
        match app.library.resolve(arg) {
            Ok(s) => {
                app.single_session = true;
                app.open(s);
            }
            Err(e) => {
                report(e.to_string().trim_end());
                return ExitCode::from(EXIT_INVALID);
            }
        }
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
    let (tx, rx) = spawn_sources();
    if session.is_none() && !crate::safety::acknowledged() {
        // First launch: show when to seek help before anything else.
        app.overlay = Some(app::Overlay::Safety);
    }
    let reminders = services::ReminderSetup {
        settings,
        alerts: config.alerts,
        flags: flags.clone(),
        theme: theme_flag,
        tx: tx.clone(),
    };
    let mut services = services::Services::new(&clock, reminders);
    let result = run_loop(&mut app, &mut guard, &rx, &clock, &mut services);
    // Stop the scheduler (it joins) while the terminal is still restored below.
    drop(services);
    drop(guard);
    match result {
        Ok(Exit::Normal) => ExitCode::SUCCESS,
        Ok(Exit::Signal(sig)) => ExitCode::from(u8::try_from(128 + sig).unwrap_or(1)),
        Ok(Exit::TerminalLost) => ExitCode::from(EXIT_INVALID),
        Err(e) => {
            report(&format!("the terminal failed: {e}"));
            ExitCode::from(EXIT_INVALID)
        }
    }
}
