//! Everything that touches the OS beyond plain files: the system clock, speech.

pub mod clock;
pub mod speech;
