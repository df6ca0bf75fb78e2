//! Everything that touches the OS beyond plain files: the system clock.

pub mod clock;
