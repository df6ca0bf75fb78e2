//! The `knotless` binary: parse the command line and dispatch.

use std::process::ExitCode;

fn main() -> ExitCode {
    match knotless::cli::parse() {
        Ok(cli) => knotless::cmd::dispatch(cli),
        Err(code) => code,
    }
}
