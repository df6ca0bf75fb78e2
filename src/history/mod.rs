//! The history of session runs, pain check-ins and reminders: the SQLite store (`store`) and
//! what is computed from its rows (`stats`, `advice`, both pure: no file system, no clock).
//!
//! The store's API, in short:
//! - [`Store::open`]`(path)` / [`Store::open_default`]`()`: create or upgrade the database, for
//!   the programs that write. [`Store::open_read`] / [`Store::open_default_read`] for the
//!   commands that only read: nothing is created or migrated (`None`: no history yet).
//! - [`Store::start_run`] when a session starts, with the pain rating given before it (so an
//!   interrupted run stays, not completed), [`Store::update_progress`] as phases end,
//!   [`Store::finish_run`] when it ends (the [`Outcome`] follows from "reached the end" and the
//!   skips; [`Store::end_run`] takes one), [`Store::set_pain_after`] for the check-in after
//!   (0–10).
//! - [`Store::record_reminder`] for each reminder fired and what came of it.
//! - [`Store::each_run`] / [`Store::each_reminder`] stream rows back; [`Store::runs`],
//!   [`Store::reminders`] and [`Store::reminder_counts`] collect them; [`Store::stats`] and
//!   [`Store::advisory`] answer in SQL over indexed ranges.
//!
//! Every error is a [`HistoryError`] whose message is one line that says what is wrong and
//! what to do; callers carry on with history off. The store never deletes, truncates or
//! overwrites a database file it cannot use.

mod error;
pub mod store;
pub mod writer;

pub use error::HistoryError;
pub use knotless_core::history::*;
pub use store::Store;
