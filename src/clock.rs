//! Time: the core's values and manual clock, and the system clock that reads the OS.

pub use crate::platform::clock::SystemClock;
pub use knotless_core::time::*;
