//! Movement-break reminders: the pure settings, schedule and messages (from the core), the
//! notifiers and the scheduler thread.

pub mod away;
mod icon;
pub mod notify;
pub mod share;
mod stop;
pub mod thread;
mod timers;
mod worker;

pub use knotless_core::remind::*;
