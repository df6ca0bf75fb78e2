//! `knotless check FILE...`.

use std::path::PathBuf;
use std::process::ExitCode;

#[must_use]
pub fn run(files: &[PathBuf]) -> ExitCode {
    let _ = files;
    super::report("check is not written yet");
    ExitCode::from(super::EXIT_INVALID)
}
