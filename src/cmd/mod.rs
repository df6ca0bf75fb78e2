//! One function per subcommand. Each returns the process exit status and prints its own
//! errors in a form that says what to do next.

pub mod author;
pub mod check;
pub mod docs;
pub mod guide;
pub mod history;
pub mod list;
pub mod plain;
pub mod remind;
pub mod report;
pub mod stats;
pub mod status;

use std::process::ExitCode;

use crate::cli::{Cli, Command};

pub use crate::exit::{EXIT_INVALID, EXIT_USAGE, report};

#[must_use]
pub fn dispatch(cli: Cli) -> ExitCode {
    let flags = cli.remind;
    match cli.command {
        None => crate::tui::run_home(&flags, cli.theme),
        Some(Command::Run { session, plain }) => {
            if plain || plain::wanted() {
                plain::run(&session, &flags)
            } else {
                crate::tui::run_session(&session, &flags, cli.theme)
            }
        }
        Some(Command::List { json }) => list::run(json),
        Some(Command::Check { files }) => check::run(&files),
        Some(Command::Remind { count }) => remind::run(&flags, count),
        Some(Command::History(args)) => history::run_history(&args.into()),
        Some(Command::Stats { json }) => stats::run_stats(json),
        Some(Command::Report { since, output }) => report::run(&since, &output),
        Some(Command::New { id }) => author::new(&id),
        Some(Command::Edit { id }) => author::edit(&id),
        Some(Command::Schema) => docs::schema(),
        Some(Command::Guide) => guide::run(),
        Some(Command::Completions { shell }) => docs::completions(shell),
        Some(Command::Man) => docs::man(),
        Some(Command::Status { format, json }) => status::run(format.as_deref(), json),
    }
}
