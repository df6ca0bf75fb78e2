//! Everything that touches the OS beyond the store and the bus: the system clock, the
//! bounded reader for the files users write, speech and sound (each on a [`worker`]).

pub mod bell;
pub mod clock;
pub mod file;
pub mod sound;
pub mod speech;
pub mod worker;
