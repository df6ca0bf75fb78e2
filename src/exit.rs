//! Exit statuses and the one way errors are reported. A leaf: every front end and command
//! uses it, and it uses nothing of theirs.

use std::process::ExitCode;

/// Exit status for "the input was invalid" (`check` with a broken file, a broken config).
pub const EXIT_INVALID: u8 = 1;
/// Exit status for usage errors, as clap uses.
pub const EXIT_USAGE: u8 = 2;

/// Prints an error to stderr with the program's name.
pub fn report(message: &str) {
    err(format_args!("knotless: {message}\n"));
}

/// Writes to stderr as `eprint!` does, but with no panic where stderr has gone (a closed
/// pipe, as in `2>&1 | head`): there is no one left to tell.
pub fn err(text: impl std::fmt::Display) {
    use std::io::Write as _;
    let _ = write!(std::io::stderr().lock(), "{text}");
}

/// The conventional status of a program ended by signal `sig`: 128 + its number.
#[must_use]
pub fn for_signal(sig: i32) -> ExitCode {
    ExitCode::from(u8::try_from(128 + sig).unwrap_or(1))
}
