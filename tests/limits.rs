//! Limits that keep memory bounded, each with a clear error: file sizes (session and config,
//! including a multi-gigabyte sparse file), and a user session folder with thousands of files
//! or more bytes than knotless reads. String lengths, steps and phases are in the malformed
//! corpus (`tests/malformed`).
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use knotless::config::{Config, MAX_CONFIG_BYTES};
use knotless::session::Source;
use knotless::session::library::{Library, LoadError, MAX_USER_BYTES, MAX_USER_FILES, load_file};
use knotless::session::parse::MAX_FILE_BYTES;

const VALID: &str = "title = \"T\"\n\n[[steps]]\nname = \"N\"\nduration = \"30s\"\n";

/// Peak resident memory of this test process, in KiB (Linux).
fn peak_kib() -> u64 {
    let status = fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

fn headline(path: &Path) -> String {
    match load_file(path, Source::File(path.to_path_buf())) {
        Err(LoadError::Invalid(d)) => d.headline(),
        other => panic!("{other:?}"),
    }
}

/// A valid session padded with comments to exactly `size` bytes.
fn padded(size: usize) -> String {
    let mut text = VALID.to_string();
    while text.len() < size {
        let line = format!("# {}\n", "x".repeat(78));
        text.push_str(&line[..line.len().min(size - text.len())]);
    }
    text
}

#[test]
fn session_files_stop_at_256_kib() {
    let dir = tempfile::tempdir().unwrap();
    let at_limit = dir.path().join("at-limit.toml");
    fs::write(&at_limit, padded(MAX_FILE_BYTES)).unwrap();
    assert!(load_file(&at_limit, Source::BuiltIn).is_ok());
    let over = dir.path().join("over.toml");
    fs::write(&over, padded(MAX_FILE_BYTES + 1)).unwrap();
    assert_eq!(
        headline(&over),
        format!("{}:1:1: file is larger than 256 KiB", over.display())
    );
}

#[test]
fn config_files_stop_at_64_kib() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let mut text = "[reminders]\nevery = \"45m\"\n".to_string();
    text.push_str(&"#".repeat(MAX_CONFIG_BYTES - text.len()));
    fs::write(&path, &text).unwrap();
    assert!(Config::load(&path).is_ok());
    text.push('#');
    fs::write(&path, &text).unwrap();
    let d = Config::load(&path).unwrap_err();
    assert_eq!(
        d.headline(),
        format!("{}:1:1: file is larger than 64 KiB", path.display())
    );
}

/// A 4 GiB sparse file (no disk used) as a session and as the config: refused after reading
/// at most one byte past the limit, quickly, without the process growing.
#[test]
fn a_huge_file_costs_no_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.toml");
    fs::File::create(&path).unwrap().set_len(4 << 30).unwrap();
    let before = peak_kib();
    let started = Instant::now();
    assert!(headline(&path).ends_with("file is larger than 256 KiB"));
    let d = Config::load(&path).unwrap_err();
    assert!(d.message.contains("larger than 64 KiB"), "{d}");
    assert!(started.elapsed() < Duration::from_secs(5));
    let grew = peak_kib().saturating_sub(before);
    assert!(grew < 32 * 1024, "peak memory grew by {grew} KiB");
}

#[test]
fn a_folder_with_thousands_of_files_loads_a_bounded_number() {
    let dir = tempfile::tempdir().unwrap();
    let total = MAX_USER_FILES + 1_500;
    for i in 0..total {
        fs::write(dir.path().join(format!("s{i:05}.toml")), VALID).unwrap();
    }
    // Not session files: never counted.
    for i in 0..200 {
        fs::write(dir.path().join(format!("notes{i}.txt")), "x").unwrap();
    }
    let started = Instant::now();
    let library = Library::load(Some(dir.path()));
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
    let user = library
        .sessions
        .iter()
        .filter(|s| matches!(s.source, Source::User(_)))
        .count();
    assert_eq!(user, MAX_USER_FILES);
    assert_eq!(library.broken.len(), 1, "{:?}", library.broken.first());
    let message = library.broken[0].error.to_string();
    assert!(
        message.contains("it holds more than 1000 session files; only 1000 of them are loaded"),
        "{message}"
    );
}

#[test]
fn a_folder_holding_more_bytes_than_the_budget_skips_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let file = padded(MAX_FILE_BYTES - 1024);
    let count = MAX_USER_BYTES / file.len() + 3;
    for i in 0..count {
        fs::write(dir.path().join(format!("big{i:03}.toml")), &file).unwrap();
    }
    let library = Library::load(Some(dir.path()));
    let loaded = library
        .sessions
        .iter()
        .filter(|s| matches!(s.source, Source::User(_)))
        .count();
    assert_eq!(loaded, MAX_USER_BYTES / file.len());
    assert_eq!(library.broken.len(), count - loaded);
    let message = library.broken[0].error.to_string();
    assert!(
        message.contains("not loaded: the session files before it already take"),
        "{message}"
    );
}
