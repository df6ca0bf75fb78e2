//! The screens, one file each: pure render functions that read state and draw into a buffer.
//! They never change state and never panic, whatever the area's size.

pub mod safety;
pub mod stats;

pub use safety::render_safety;
pub use stats::render_stats;

#[cfg(test)]
mod tests;
