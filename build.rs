//! Reads the built-in sessions (`sessions/*.toml`) once, when knotless is built, instead of
//! at every start: the home screen, `list` and plain mode all need them, and parsing their
//! TOML took about a quarter of a millisecond before the home screen's first frame (a tenth
//! of it), every time. A built-in that fails validation fails the build with its located
//! message, as `knotless check` would print it.
//!
//! Writes `$OUT_DIR/built_ins.rs`, which `src/session/library.rs` includes: `FILES`, each
//! built-in's id and file text, and `sessions()`, the parsed sessions as Rust values (the
//! text in them is the parser's, already made safe). The directory is the one list of
//! built-ins. `library.rs`'s tests check that the sessions equal what parsing the files at
//! run time gives.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use knotless_core::session::parse::parse_str;
use knotless_core::session::{Pace, Session, Source, Step, Timing};
use knotless_core::text::SafeText;

fn main() {
    println!("cargo::rerun-if-changed=sessions");
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    // Named as `sessions/<id>.toml`, as messages show them; read from beside Cargo.toml.
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("sessions"))
        .expect("the sessions directory beside Cargo.toml")
        .map(|entry| entry.expect("a readable sessions directory").file_name())
        .map(|name| Path::new("sessions").join(name))
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let mut files = String::new();
    let mut sessions = String::new();
    for path in &paths {
        let file = root.join(path);
        let text = std::fs::read_to_string(&file).expect("a readable built-in session");
        println!("cargo::rerun-if-changed={}", path.display());
        match parse_str(path, &text, Source::BuiltIn) {
            Ok(parsed) => {
                let id = parsed.id.as_str();
                let _ = writeln!(files, "    ({id:?}, include_str!({:?})),", file.display());
                let _ = writeln!(sessions, "        {},", session(&parsed));
            }
            Err(diagnostic) => {
                eprintln!("a built-in session is not valid:\n{diagnostic}");
                std::process::exit(1);
            }
        }
    }
    let out = format!(
        "// Written by build.rs from sessions/*.toml: do not edit.\n\
         pub(super) const FILES: &[(&str, &str)] = &[\n{files}];\n\n\
         pub(super) fn sessions() -> Vec<Session> {{\n    vec![\n{sessions}    ]\n}}\n"
    );
    let dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&dir).join("built_ins.rs"), out).expect("a writable OUT_DIR");
}

/// A `Session` expression. Destructured whole, so a new field fails to build until it is
/// written out here too.
fn session(session: &Session) -> String {
    let Session {
        id,
        title,
        summary,
        tags,
        equipment,
        steps,
        closing,
        source,
    } = session;
    assert_eq!(*source, Source::BuiltIn);
    let steps: Vec<String> = steps.iter().map(step).collect();
    format!(
        "Session {{ id: {}, title: {}, summary: {}, tags: {}, equipment: {}, \
         steps: vec![{}], closing: {}, source: Source::BuiltIn }}",
        text(id),
        text(title),
        optional(summary.as_ref(), text),
        texts(tags),
        texts(equipment),
        steps.join(", "),
        optional(closing.as_ref(), text),
    )
}

fn step(step: &Step) -> String {
    let Step {
        name,
        timing: length,
        reps,
        sides,
        rest,
        instructions,
        caution,
        cue,
        art,
        basis,
        pace: breath,
    } = step;
    format!(
        "Step {{ name: {}, timing: {}, reps: {reps}, sides: {}, rest: {}, instructions: {}, \
         caution: {}, cue: {}, art: {}, basis: {}, pace: {} }}",
        text(name),
        timing(*length),
        texts(sides),
        optional(rest.as_ref(), |d| duration(*d)),
        optional(instructions.as_ref(), text),
        optional(caution.as_ref(), text),
        optional(cue.as_ref(), text),
        optional(art.as_ref(), text),
        optional(basis.as_ref(), |b| format!("Basis::{b:?}")),
        optional(breath.as_ref(), pace),
    )
}

/// `str`'s `Debug` is a Rust string literal: quotes, backslashes and control characters
/// escaped.
fn text(text: &SafeText) -> String {
    format!("t({:?})", text.as_str())
}

fn texts(list: &[SafeText]) -> String {
    let items: Vec<String> = list.iter().map(text).collect();
    format!("vec![{}]", items.join(", "))
}

fn optional<T>(value: Option<&T>, write: impl Fn(&T) -> String) -> String {
    value.map_or_else(|| "None".to_string(), |v| format!("Some({})", write(v)))
}

fn duration(length: Duration) -> String {
    format!(
        "Duration::new({}, {})",
        length.as_secs(),
        length.subsec_nanos()
    )
}

fn timing(length: Timing) -> String {
    match length {
        Timing::Fixed(d) => format!("Timing::Fixed({})", duration(d)),
        Timing::Range { min, max } => format!(
            "Timing::Range {{ min: {}, max: {} }}",
            duration(min),
            duration(max)
        ),
    }
}

fn pace(pace: &Pace) -> String {
    let Pace { inhale, exhale } = pace;
    format!(
        "Pace {{ inhale: {}, exhale: {} }}",
        duration(*inhale),
        duration(*exhale)
    )
}
