//! `knotless history` and `knotless stats`.

use std::process::ExitCode;

#[must_use]
pub fn run_history(json: bool, csv: bool, since: Option<&str>) -> ExitCode {
    let _ = (json, csv, since);
    super::report("history is not written yet");
    ExitCode::from(super::EXIT_INVALID)
}

#[must_use]
pub fn run_stats() -> ExitCode {
    super::report("stats is not written yet");
    ExitCode::from(super::EXIT_INVALID)
}
