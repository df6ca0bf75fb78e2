//! The `knotless` binary: parse the command line and dispatch.

use std::process::ExitCode;

fn main() -> ExitCode {
    // Before the command line is parsed: the history writer is not a command.
    if knotless::history::writer::invoked() {
        return knotless::history::writer::serve();
    }
    match knotless::cli::parse() {
        Ok(cli) => knotless::cmd::dispatch(cli),
        Err(code) => code,
    }
}
