//! Whatever the input, parsing returns a valid session (or config) or a diagnostic located
//! inside the file: never a panic, never a hang. Inputs: arbitrary bytes and text, shuffled
//! pieces, and structured mutations of every shipped session and of a full valid config.
#![allow(clippy::unwrap_used)]

mod unsafe_chars;

use std::path::Path;
use std::time::{Duration, Instant};

use knotless::config::Config;
use knotless::diag::Diagnostic;
use knotless::session::parse::{MAX_PHASES, MAX_STEPS, parse_bytes, parse_str};
use knotless::session::{Session, Source};
use proptest::prelude::*;
use unsafe_chars::is_unsafe;

/// Generous for a debug build on a busy machine; a real hang blows far past it.
const SLOW: Duration = Duration::from_secs(2);

const SHIPPED: &[&str] = &[
    include_str!("../sessions/cold-pack.toml"),
    include_str!("../sessions/core-stability.toml"),
    include_str!("../sessions/desk-break.toml"),
    include_str!("../sessions/knot-relief.toml"),
    include_str!("../sessions/unwind.toml"),
];

/// Every key of the config, each with a valid value.
const FULL_CONFIG: &str = r#"# knotless config
[checkin]
enabled = false

[reminders]
enabled = true
every = "30m..60m"
snooze = "10m"
hours = "09:00..18:00"
days = ["mon", "tue", "wed", "thu", "fri"]
natural_break = "5m"
session = "desk-break"
sound = false
"#;

/// Bits of TOML and of hostile text that mutations splice in.
const SPLICE: &[&str] = &[
    "\n",
    "=",
    "\"",
    "\"\"\"",
    "'",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    ",",
    "..",
    "#",
    "\\",
    "\\u001b",
    "\u{1b}[2J",
    "\u{1b}]52;c;aGk=\u{7}",
    "\u{9b}",
    "\u{202e}",
    "\u{200b}",
    "\r",
    "\u{0}",
    "\u{feff}",
    "膝",
    "🧘",
    "0",
    "-1",
    "99999999999999999999",
    "1e309",
    "nan",
    "true",
    "\"30s..60s\"",
    "\"0s\"",
    "\"5h\"",
    "reps = 100\n",
    "sides = [\"l\", \"r\"]\n",
    "[[steps]]\nname = \"N\"\nduration = \"1s\"\n",
    "[reminders]\n",
    "days = []\n",
    "\"\"",
    "title = \"T\"\n",
];

/// One structured change to a file's bytes. Positions are taken modulo the length.
#[derive(Clone, Debug)]
enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, piece: usize },
    Replace { at: usize, byte: u8 },
    DuplicateLine { line: usize },
    SwapLines { a: usize, b: usize },
    Truncate { at: usize },
    RepeatTail { at: usize, times: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1..40usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), 0..SPLICE.len()).prop_map(|(at, piece)| Mutation::Insert { at, piece }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Replace { at, byte }),
        any::<usize>().prop_map(|line| Mutation::DuplicateLine { line }),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines { a, b }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        (any::<usize>(), 2..200usize).prop_map(|(at, times)| Mutation::RepeatTail { at, times }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let n = bytes.len().max(1);
    match *m {
        Mutation::Delete { at, len } => {
            let at = at % n;
            let end = (at + len).min(bytes.len());
            bytes.drain(at.min(end)..end);
        }
        Mutation::Insert { at, piece } => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, SPLICE[piece].bytes());
        }
        Mutation::Replace { at, byte } => {
            if !bytes.is_empty() {
                bytes[at % n] = byte;
            }
        }
        Mutation::DuplicateLine { line } => {
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            let i = line % lines.len();
            lines.insert(i, lines[i].clone());
            *bytes = lines.join(&b'\n');
        }
        Mutation::SwapLines { a, b } => {
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            let len = lines.len();
            lines.swap(a % len, b % len);
            *bytes = lines.join(&b'\n');
        }
        Mutation::Truncate { at } => bytes.truncate(at % n),
        Mutation::RepeatTail { at, times } => {
            // Grows the file past the size limits now and then, but never without bound.
            let tail = bytes[(at % n).min(bytes.len())..].to_vec();
            for _ in 0..times {
                if bytes.len() > 300_000 {
                    break;
                }
                bytes.extend_from_slice(&tail);
            }
        }
    }
}

/// A diagnostic's line and column lie inside the text (column may sit just past a line's
/// end), and its rendering is bounded and holds nothing unsafe.
fn assert_located(src: &[u8], d: &Diagnostic) {
    let text = String::from_utf8_lossy(src);
    let lines: Vec<&str> = text.split('\n').collect();
    assert!(
        d.line >= 1 && d.line <= lines.len(),
        "line {} of {}",
        d.line,
        lines.len()
    );
    let chars = lines[d.line - 1].chars().count();
    assert!(
        d.column >= 1 && d.column <= chars + 1,
        "column {} of {chars}",
        d.column
    );
    let shown = d.to_string();
    assert!(
        shown.chars().all(|c| c == '\n' || !is_unsafe(c)),
        "{shown:?}"
    );
    assert!(shown.len() < 4_000, "{} bytes", shown.len());
}

/// A session that parsed keeps every promise of the format.
fn assert_valid(s: &Session) {
    assert!(!s.title.trim().is_empty());
    assert!(!s.steps.is_empty() && s.steps.len() <= MAX_STEPS);
    assert!(s.phase_count() <= MAX_PHASES);
    let clean = |t: &str, newlines: bool| {
        assert!(
            t.chars().all(|c| (newlines && c == '\n') || !is_unsafe(c)),
            "{t:?}"
        );
    };
    clean(&s.id, false);
    clean(&s.title, false);
    s.tags.iter().for_each(|t| clean(t, false));
    if let Some(t) = &s.summary {
        clean(t, true);
    }
    for step in &s.steps {
        assert!(!step.name.trim().is_empty());
        clean(&step.name, false);
        step.sides.iter().for_each(|t| clean(t, false));
        for t in [&step.instructions, &step.caution, &step.cue]
            .into_iter()
            .flatten()
        {
            clean(t, true);
        }
        if let Some(t) = &step.art {
            clean(t, false);
        }
    }
}

fn check_session_bytes(bytes: &[u8]) {
    let start = Instant::now();
    let result = parse_bytes(Path::new("f.toml"), bytes, Source::BuiltIn);
    assert!(start.elapsed() < SLOW, "took {:?}", start.elapsed());
    match result {
        Ok(s) => assert_valid(&s),
        Err(d) => assert_located(bytes, &d),
    }
}

fn check_config_bytes(bytes: &[u8]) {
    let start = Instant::now();
    let result = Config::parse_bytes(Path::new("config.toml"), bytes);
    assert!(start.elapsed() < SLOW, "took {:?}", start.elapsed());
    match result {
        Ok(c) => {
            let name = &c.reminders.session;
            assert!(
                !name.trim().is_empty() && name.chars().all(|c| !is_unsafe(c)),
                "{name:?}"
            );
        }
        Err(d) => assert_located(bytes, &d),
    }
}

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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn mutated_shipped_sessions_parse_or_are_located(
        file in 0..SHIPPED.len(),
        mutations in proptest::collection::vec(mutation(), 1..5),
    ) {
        let mut bytes = SHIPPED[file].as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        check_session_bytes(&bytes);
    }

    #[test]
    fn mutated_full_config_parses_or_is_located(
        mutations in proptest::collection::vec(mutation(), 1..5),
    ) {
        let mut bytes = FULL_CONFIG.as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        check_config_bytes(&bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_bytes_give_a_located_session_diagnostic(
        bytes in proptest::collection::vec(any::<u8>(), 0..2048)
    ) {
        check_session_bytes(&bytes);
    }

    #[test]
    fn random_bytes_never_panic_the_config_parser(
        bytes in proptest::collection::vec(any::<u8>(), 0..2048)
    ) {
        check_config_bytes(&bytes);
    }

    #[test]
    fn random_text_never_panics_the_config_parser(text in "\\PC{0,300}") {
        check_config_bytes(text.as_bytes());
    }

    #[test]
    fn config_pieces_parse_or_are_located(
        picks in proptest::collection::vec(0..SPLICE.len(), 0..40)
    ) {
        let text: String = picks.iter().map(|&i| SPLICE[i]).collect();
        check_config_bytes(text.as_bytes());
    }
}

#[test]
fn the_unmutated_inputs_are_valid() {
    for text in SHIPPED {
        parse_str(Path::new("f.toml"), text, Source::BuiltIn).unwrap();
    }
    Config::parse(Path::new("config.toml"), FULL_CONFIG).unwrap();
}

#[test]
fn deep_nesting_in_a_config_is_an_error_not_a_stack_overflow() {
    for src in [
        format!("[reminders]\ndays = {}", "[".repeat(100_000)),
        format!("x = {}", "{ a = ".repeat(20_000)),
        "[a.".repeat(20_000),
    ] {
        check_config_bytes(src.as_bytes());
        assert!(Config::parse(Path::new("config.toml"), &src).is_err());
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let src = format!("title = {}", "[".repeat(100_000));
    assert!(parse_str(Path::new("f.toml"), &src, Source::BuiltIn).is_err());
}
