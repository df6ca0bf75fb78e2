//! Session files: any bytes give a valid session or a diagnostic located inside the file.
#![no_main]

use std::path::Path;

use knotless::session::Source;
use knotless::session::parse::{MAX_PHASES, MAX_STEPS, parse_bytes};
use knotless::text::is_unsafe;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match parse_bytes(Path::new("fuzz.toml"), data, Source::BuiltIn) {
        Ok(s) => {
            assert!(!s.title.trim().is_empty());
            assert!(!s.steps.is_empty() && s.steps.len() <= MAX_STEPS);
            assert!(s.phase_count() <= MAX_PHASES);
            assert!(!s.title.chars().any(is_unsafe));
            for step in &s.steps {
                assert!(!step.name.chars().any(is_unsafe));
                for text in [&step.instructions, &step.caution, &step.cue]
                    .into_iter()
                    .flatten()
                {
                    assert!(text.chars().all(|c| c == '\n' || !is_unsafe(c)));
                }
            }
        }
        Err(d) => check_location(data, d.line, d.column, &d.to_string()),
    }
});

fn check_location(data: &[u8], line: usize, column: usize, shown: &str) {
    let text = String::from_utf8_lossy(data);
    let lines: Vec<&str> = text.split('\n').collect();
    assert!(
        line >= 1 && line <= lines.len(),
        "line {line} of {}",
        lines.len()
    );
    let chars = lines[line - 1].chars().count();
    assert!(
        column >= 1 && column <= chars + 1,
        "column {column} of {chars}"
    );
    assert!(
        shown.chars().all(|c| c == '\n' || !is_unsafe(c)),
        "{shown:?}"
    );
}
