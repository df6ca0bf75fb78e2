//! One function per subcommand. Each returns the process exit status and prints its own
//! errors in a form that says what to do next.

pub mod author;
pub mod check;
pub mod config_cmd;
pub mod docs;
pub mod guide;
pub mod help;
pub mod history;
pub mod home_plain;
pub mod list;
pub mod plain;
pub mod remind;
pub mod report;
pub mod setup;
pub mod stats;
pub mod status;

use std::io::Write as _;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::cli::{Cli, Command};

pub use crate::exit::{EXIT_INVALID, EXIT_USAGE, report};

#[must_use]
pub fn dispatch(cli: Cli) -> ExitCode {
    let Some(command) = cli.command else {
        let flags = cli.run.reminders();
        // Without a terminal to draw on (or TERM=dumb), the home is a printed list.
        return if plain::wanted() {
            home_plain::run(&flags)
        } else {
            crate::tui::run_home(&flags, cli.run.theme)
        };
    };
    match command {
        Command::Run {
            session,
            plain,
            flags: run,
        } => {
            let flags = run.reminders();
            if plain || plain::wanted() {
                plain::run(&session, &flags)
            } else {
                crate::tui::run_session(&session, &flags, run.theme)
            }
        }
        Command::List { json } => list::run(json),
        Command::Check { files } => check::run_or_user_files(&files),
        Command::Remind { count, flags } => remind::run(&flags.reminders(), count),
        Command::History(args) => history::run_history(&args.into()),
        Command::Stats { json } => stats::run_stats(json),
        Command::Report { since, output } => report::run(&since, &output),
        Command::Guide => guide::run(),
        Command::New { id } => author::new(&id),
        Command::Edit { id } => author::edit(&id),
        Command::Schema => docs::schema(),
        Command::Completions { shell } => docs::completions(shell),
        Command::Man => docs::man(),
        Command::Status { format, json } => status::run(format.as_deref(), json),
        Command::Config { action } => config_cmd::run(action),
        Command::Help { topic } => help::run(topic.as_deref()),
        Command::Setup {
            autostart,
            remove,
            dry_run,
            force,
        } => setup::run(setup::Options {
            autostart,
            remove,
            dry_run,
            force,
        }),
    }
}

/// Writes the whole of a command's output to stdout; a closed pipe (`| head`) is not an error
/// worth a message. Any other failure is the exit status.
pub(crate) fn print(bytes: &[u8]) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match unless_closed(out.write_all(bytes).and_then(|()| out.flush())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&format!("cannot write to standard output: {e}"));
            ExitCode::from(EXIT_INVALID)
        }
    }
}

/// Writes part of a command's output to stdout (a line as its work goes on), as `print!`
/// would but with no panic: a reader that went away (`| head`) is not worth a message, and
/// the work goes on; any other failure is said once, on stderr.
pub(crate) fn out(text: impl std::fmt::Display) {
    static TOLD: AtomicBool = AtomicBool::new(false);
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = unless_closed(write!(stdout, "{text}").and_then(|()| stdout.flush()))
        && !TOLD.swap(true, Ordering::Relaxed)
    {
        report(&format!("cannot write to standard output: {e}"));
    }
}

/// A write's result, with a reader that went away (a closed pipe) counted as success.
fn unless_closed(written: std::io::Result<()>) -> std::io::Result<()> {
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
