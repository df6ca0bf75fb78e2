//! knotless: guided sessions for lower-back knots and movement-break reminders.
//!
//! The pure core (`session`, `runner`, `remind::schedule`, `clock`, `text`, `diag`) knows
//! nothing of terminals, threads or D-Bus. The shells (`tui`, `remind::thread`,
//! `remind::notify`, `history`, `cmd`) wrap it.

pub mod alert;
pub mod cli;
pub mod clock;
pub mod cmd;
pub mod config;
pub mod diag;
pub mod history;
pub mod narrate;
pub mod paths;
pub mod remind;
pub mod runner;
pub mod safety;
pub mod session;
pub mod status;
pub mod text;
pub mod tui;
