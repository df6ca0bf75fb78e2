//! Everything that touches the OS beyond plain files: the system clock, speech, sound.

pub mod clock;
pub mod sound;
pub mod speech;
