//! The `knotless` binary: parse the command line and dispatch.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = knotless::cli::Cli::parse();
    knotless::cmd::dispatch(cli)
}
