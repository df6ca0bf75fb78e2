//! knotless: guided sessions for lower-back knots and movement-break reminders.
//!
//! The pure core is the `knotless-core` crate (sessions, the runner, the reminder schedule,
//! history's model, narration); its modules are re-exported here under the names the rest of
//! the binary uses. This crate adds what touches the OS (`platform`, `history::store`,
//! `remind::thread`, `remind::notify`, `status::file`), the shared runtime and the front ends
//! (`tui`, plain mode, `remind`). See README, "Architecture".

// `print!` and friends panic when the reader has gone (`knotless list | head -1`): output goes
// through `cmd::print`, `cmd::out` and `exit::err`, which do not.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub use knotless_core::{diag, duration, guide, narrate, order, runner, text};

pub mod alert;
pub mod cli;
pub mod clock;
pub mod cmd;
pub mod config;
pub mod exit;
pub mod flags;
pub mod history;
pub mod paths;
pub mod platform;
pub mod remind;
pub mod runtime;
pub mod safety;
pub mod session;
pub mod status;
pub mod tui;
