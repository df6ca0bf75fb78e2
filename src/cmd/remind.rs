//! `knotless remind`: the scheduler and notifier without the screen.

use std::process::ExitCode;

use crate::cli::ReminderFlags;

#[must_use]
pub fn run(flags: &ReminderFlags, count: Option<u64>) -> ExitCode {
    let _ = (flags, count);
    super::report("remind is not written yet");
    ExitCode::from(super::EXIT_INVALID)
}
