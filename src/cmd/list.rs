//! `knotless list [--json]`.

use std::process::ExitCode;

#[must_use]
pub fn run(json: bool) -> ExitCode {
    let _ = json;
    super::report("list is not written yet");
    ExitCode::from(super::EXIT_INVALID)
}
