//! The status of running knotless processes, for status bars (`knotless status`).
//!
//! Every running knotless (the TUI, plain mode, `knotless remind`) keeps one small JSON file,
//! `$XDG_STATE_HOME/knotless/state-<pid>.json`, describing what it is doing. It holds wall-clock
//! deadlines, not countdowns, so it changes only when something happens (a phase starts, a
//! pause, a new reminder schedule), never once a second. `knotless status` reads them all and
//! computes the time left itself.
//!
//! Pure: time comes in as an argument; the binary's `status::file` reads and writes the files.

pub mod model;
pub mod service;
pub mod template;

pub use model::{
    Program, ReminderState, Role, SessionState, Sharing, Snapshot, StatusState, WallAnchor,
};
