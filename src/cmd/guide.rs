//! `knotless guide`: the "Why and how" text (causes of lower-back knots and how to prevent
//! them, from `knotless::guide`) as plain text on stdout, for reading, piping or printing.

use std::process::ExitCode;

/// Lines are wrapped to this many columns: readable in any terminal and on paper.
pub const WIDTH: usize = 78;

#[must_use]
pub fn run() -> ExitCode {
    super::print(crate::guide::plain_text(WIDTH).as_bytes())
}
