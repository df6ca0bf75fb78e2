//! Sessions: the model, the TOML format with its located diagnostics, and timings. Pure: the
//! library that reads built-in and user files lives in the binary (`session::library`).

pub mod model;
pub mod pace;
pub mod parse;
pub mod timing;

pub use model::{Basis, Phase, PhaseKind, Session, Source, Step};
pub use pace::{Breath, Pace};
pub use timing::Timing;
