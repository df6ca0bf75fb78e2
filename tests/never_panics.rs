//! Whatever the input, parsing returns a session or a diagnostic: never a panic.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use knotless::session::Source;
use knotless::session::parse::{parse_bytes, parse_str};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "title = \"T\"\n",
    "[[steps]]\n",
    "name = \"N\"\n",
    "duration = \"30s..60s\"\n",
    "reps = 3\n",
    "sides = [\"l\", \"r\"]\n",
    "rest = \"5s\"\n",
    "art = \"plank\"\n",
    "[steps]\n",
    "steps = []\n",
    "\"\"\"",
    "=",
    "[",
    "]",
    "..",
    "\u{1b}[31m",
    "é",
    "\r\n",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_bytes(Path::new("f.toml"), &bytes, Source::BuiltIn);
    }

    #[test]
    fn random_text_never_panics(text in "\\PC{0,300}") {
        let _ = parse_str(Path::new("f.toml"), &text, Source::BuiltIn);
    }

    #[test]
    fn shuffled_session_pieces_never_panic(
        picks in proptest::collection::vec(0..PIECES.len(), 0..40)
    ) {
        let text: String = picks.iter().map(|&i| PIECES[i]).collect();
        if let Err(d) = parse_str(Path::new("f.toml"), &text, Source::BuiltIn) {
            // Rendering the diagnostic must not panic either.
            let _ = d.to_string();
        }
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let src = format!("title = {}", "[".repeat(100_000));
    assert!(parse_str(Path::new("f.toml"), &src, Source::BuiltIn).is_err());
}
