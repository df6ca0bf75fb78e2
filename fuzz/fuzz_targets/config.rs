//! Config files: any bytes give a config or a diagnostic located inside the file.
#![no_main]

use std::path::Path;

use knotless::config::Config;
use knotless::text::is_unsafe;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match Config::parse_bytes(Path::new("config.toml"), data) {
        Ok(c) => {
            let name = &c.reminders.session;
            assert!(!name.trim().is_empty() && !name.chars().any(is_unsafe));
        }
        Err(d) => {
            let text = String::from_utf8_lossy(data);
            let lines: Vec<&str> = text.split('\n').collect();
            assert!(d.line >= 1 && d.line <= lines.len());
            let chars = lines[d.line - 1].chars().count();
            assert!(
                d.column >= 1 && d.column <= chars + 1,
                "{}:{}",
                d.line,
                d.column
            );
            let shown = d.to_string();
            assert!(
                shown.chars().all(|c| c == '\n' || !is_unsafe(c)),
                "{shown:?}"
            );
        }
    }
});
