//! Sessions: the model, the TOML format with its validation, and the library of built-in
//! and user sessions. `model` and `parse` are pure; `library` reads the file system.

pub mod library;
pub mod model;
pub mod parse;
pub mod timing;

pub use model::{Phase, PhaseKind, Session, Source, Step};
pub use timing::Timing;
