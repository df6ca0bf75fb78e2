//! The terminal user interface: the event loop, screens and widgets.

use std::process::ExitCode;

pub mod theme;
pub mod view;

use crate::cli::ReminderFlags;

#[must_use]
pub fn run_home(flags: &ReminderFlags) -> ExitCode {
    let _ = flags;
    ExitCode::SUCCESS
}

#[must_use]
pub fn run_session(session: &str, flags: &ReminderFlags) -> ExitCode {
    let _ = (session, flags);
    ExitCode::SUCCESS
}
