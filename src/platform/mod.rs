//! Everything that touches the OS beyond the store and the bus: the system clock, and the
//! bounded reader for the files users write.

pub mod clock;
pub mod file;
