//! The malformed corpus: every file in `tests/malformed/{sessions,config}/` must fail with
//! exactly the diagnostic headline (`PATH:LINE:COLUMN: message`) in its sidecar `.expected`.
//! After a deliberate change of wording, `KNOTLESS_BLESS=1 cargo test --test malformed`
//! rewrites the sidecars; review the diff before committing it.
#![allow(clippy::unwrap_used)]

mod unsafe_chars;

use unsafe_chars::is_unsafe;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use knotless::config::Config;
use knotless::diag::Diagnostic;
use knotless::session::Source;
use knotless::session::library::{LoadError, load_file};

/// How a corpus file is read: as a session or as config.toml.
type Diagnose = fn(&Path) -> Diagnostic;

fn corpus(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new("tests/malformed").join(kind);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn session_diagnostic(path: &Path) -> Diagnostic {
    match load_file(path, Source::File(path.to_path_buf())) {
        Ok(_) => panic!(
            "{}: parsed, but it is in the malformed corpus",
            path.display()
        ),
        Err(LoadError::Invalid(d)) => *d,
        Err(other) => panic!("{}: {other}", path.display()),
    }
}

fn config_diagnostic(path: &Path) -> Diagnostic {
    match Config::load(path) {
        Ok(_) => panic!(
            "{}: parsed, but it is in the malformed corpus",
            path.display()
        ),
        Err(d) => *d,
    }
}

/// The diagnostic lies inside the file: its line exists, its column is on that line (or just
/// past its end, for "expected more here" errors), and the rendering holds no control
/// characters other than newlines.
fn assert_located_and_clean(path: &Path, d: &Diagnostic) {
    let bytes = fs::read(path).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let lines: Vec<&str> = text.split('\n').collect();
    assert!(
        d.line >= 1 && d.line <= lines.len(),
        "{}: line {}",
        path.display(),
        d.line
    );
    let line_chars = lines[d.line - 1].chars().count();
    assert!(
        d.column >= 1 && d.column <= line_chars + 1,
        "{}: column {} on a line of {line_chars} characters",
        path.display(),
        d.column
    );
    let shown = d.to_string();
    assert!(
        shown.chars().all(|c| c == '\n' || !is_unsafe(c)),
        "{}: unsafe character in {shown:?}",
        path.display()
    );
    assert!(
        shown.len() < 2_000,
        "{}: {} bytes of diagnostic",
        path.display(),
        shown.len()
    );
}

/// Compares each headline with its `.expected` sidecar; one report listing every mismatch.
fn check_corpus(kind: &str, diagnose: Diagnose) -> usize {
    let bless = std::env::var_os("KNOTLESS_BLESS").is_some();
    let files = corpus(kind);
    let mut mismatches = String::new();
    for path in &files {
        let d = diagnose(path);
        assert_located_and_clean(path, &d);
        let got = d.headline();
        let sidecar = path.with_extension("expected");
        if bless {
            fs::write(&sidecar, format!("{got}\n")).unwrap();
            continue;
        }
        let want = fs::read_to_string(&sidecar).unwrap_or_default();
        let want = want.lines().next().unwrap_or("(missing .expected file)");
        if want != got {
            let _ = write!(
                mismatches,
                "\n{}\n  - want: {want}\n  + got:  {got}\n",
                path.display()
            );
        }
    }
    assert!(
        mismatches.is_empty(),
        "diagnostics differ from the .expected files:{mismatches}"
    );
    files.len()
}

#[test]
fn every_malformed_session_gives_its_expected_diagnostic() {
    assert!(check_corpus("sessions", session_diagnostic) >= 40);
}

#[test]
fn every_malformed_config_gives_its_expected_diagnostic() {
    assert!(check_corpus("config", config_diagnostic) >= 20);
}

/// Every diagnostic has a hint that an installed user can follow (no README.md, which only a
/// clone has), and a file's hints describe its own format: a syntax error in config.toml does
/// not send the reader to the session format.
#[test]
fn every_hint_points_at_help_for_the_files_own_format() {
    let kinds: [(&str, Diagnose, &str, &str); 2] = [
        (
            "sessions",
            session_diagnostic,
            "knotless help sessions",
            "help config",
        ),
        (
            "config",
            config_diagnostic,
            "knotless help config",
            "help sessions",
        ),
    ];
    for (kind, diagnose, own, other) in kinds {
        let mut pointed = 0;
        for path in corpus(kind) {
            let d = diagnose(&path);
            let hint = d.hint.as_ref().map(ToString::to_string).unwrap_or_default();
            assert!(!hint.is_empty(), "{}: no hint", path.display());
            assert!(
                !hint.contains("README") && !hint.contains(other),
                "{}: {hint}",
                path.display()
            );
            pointed += usize::from(hint.contains(own));
        }
        assert!(pointed > 0, "no {kind} file got the fallback hint");
    }
}

#[test]
fn no_expected_file_is_orphaned() {
    for kind in ["sessions", "config"] {
        for entry in fs::read_dir(Path::new("tests/malformed").join(kind)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "expected") {
                assert!(path.with_extension("toml").exists(), "{}", path.display());
            }
        }
    }
}

/// The real binary says the same: `knotless check` on the whole session corpus prints each
/// expected headline, in order, and nothing unsafe reaches its output.
#[test]
fn check_prints_the_expected_headlines() {
    let files = corpus("sessions");
    let out = Command::new(env!("CARGO_BIN_EXE_knotless"))
        .arg("check")
        .args(&files)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.chars().all(|c| c == '\n' || !is_unsafe(c)),
        "unsafe character in check's output"
    );
    let headlines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("tests/malformed/"))
        .collect();
    let expected: Vec<String> = files
        .iter()
        .map(|p| {
            let text = fs::read_to_string(p.with_extension("expected")).unwrap();
            text.lines().next().unwrap().to_string()
        })
        .collect();
    assert_eq!(headlines, expected);
}
