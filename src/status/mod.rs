//! The status of running knotless processes for status bars: the pure model and templates
//! (from the core) and the per-process state files (`file`).

pub mod file;

pub use knotless_core::status::*;
