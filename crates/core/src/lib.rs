//! knotless-core: everything knotless knows that needs no terminal, thread, bus or file.
//!
//! Sessions and their timings, the runner (the session state machine), the reminder
//! schedule, history's model and stats, the status model, narration, the safety text and the guide.
//! Time always comes in as an argument (`now`, a [`time::Clock`]); the system clock, SQLite,
//! D-Bus and the terminal live in the `knotless` binary crate. This crate's manifest depends
//! on none of them, so Cargo refuses an import that would break that.

pub mod diag;
pub mod duration;
pub mod guide;
pub mod history;
pub mod narrate;
pub mod order;
pub mod remind;
pub mod runner;
pub mod safety;
pub mod session;
pub mod status;
pub mod text;
pub mod time;
