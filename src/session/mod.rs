//! Sessions: the pure model, parser and timings (from the core) and the library of built-in
//! and user sessions, which reads the file system.

pub mod library;

pub use knotless_core::session::*;
