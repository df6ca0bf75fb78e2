//! The history of session runs, pain check-ins and reminders: the SQLite store (`store`) and
//! what is computed from its rows (`stats`, `advice`, both pure: no file system, no clock).
//!
//! The store's API, in short:
//! - [`Store::open`]`(path)` / [`Store::open_default`]`()`: create or upgrade the database.
//! - [`Store::start_run`] when a session starts (so an interrupted run stays, not completed),
//!   [`Store::update_progress`] as phases end, [`Store::finish_run`] when it ends,
//!   [`Store::set_pain_before`] / [`Store::set_pain_after`] for the check-ins (0–10).
//! - [`Store::record_reminder`] for each reminder fired and what came of it.
//! - [`Store::runs`], [`Store::reminders`] and [`Store::reminder_counts`] to read back.
//!
//! Every error is a [`HistoryError`] whose message is one line that says what is wrong and
//! what to do; callers carry on with history off. The store never deletes, truncates or
//! overwrites a database file it cannot use.

mod error;
pub mod store;

pub use error::HistoryError;
pub use knotless_core::history::*;
pub use store::Store;
