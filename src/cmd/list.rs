//! `knotless list [--json]`: every session (built-in and the user's) with its total time,
//! step count and source; broken user files are listed too, with their diagnostic.

use std::process::ExitCode;

use serde_json::{Value, json};

use crate::session::library::{Broken, Library, LoadError};
use crate::session::{Session, Source};
use crate::text::{SafeText, pad_to_width};

#[must_use]
pub fn run(json: bool) -> ExitCode {
    let dir = crate::paths::user_sessions_dir();
    let library = Library::load(dir.as_deref());
    if json {
        return super::print(format!("{}\n", to_json(&library)).as_bytes());
    }
    let code = super::print(table(&library).as_bytes());
    warn_broken(&library);
    code
}

/// Each broken user file's id and problem, on stderr (the table marks it as broken).
pub fn warn_broken(library: &Library) {
    for broken in &library.broken {
        crate::exit::err(format_args!(
            "knotless: broken session `{}`:\n{}\n",
            broken.id,
            broken.error.to_string().trim_end()
        ));
    }
}

/// The title column's widest: with the id, the total and the source, a row then fits in 80
/// columns for the usual ids.
const TITLE_COLUMNS: usize = 30;

/// A table: a header, one row per session, one row per broken user file (its source
/// column says `broken:` and where and what the problem is; the full diagnostic goes to
/// stderr).
#[must_use]
pub fn table(library: &Library) -> String {
    let mut rows: Vec<[String; 5]> = vec![[
        "ID".into(),
        "TITLE".into(),
        "TOTAL".into(),
        "STEPS".into(),
        "SOURCE".into(),
    ]];
    for s in &library.sessions {
        rows.push([
            s.id.to_string(),
            // One long title must not push every row past a terminal's width: `--json`
            // has it whole.
            crate::text::fit_width(s.title.as_str(), TITLE_COLUMNS),
            s.total_words(),
            s.steps.len().to_string(),
            s.source.label().into(),
        ]);
    }
    for b in &library.broken {
        rows.push([
            b.id.to_string(),
            "(broken)".into(),
            "-".into(),
            "-".into(),
            format!("broken: {}", short_error(&b.error)),
        ]);
    }
    // Display width, not characters: a CJK or emoji title takes two columns per character.
    let width = |col: usize| {
        rows.iter()
            .take(library.sessions.len() + 1)
            .map(|r| unicode_width::UnicodeWidthStr::width(r[col].as_str()))
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2), width(3)];
    let mut out = String::new();
    for r in &rows {
        let steps = " ".repeat(widths[3].saturating_sub(r[3].chars().count()));
        let line = format!(
            "{}  {}  {}  {steps}{}  {}",
            pad_to_width(&r[0], widths[0]),
            pad_to_width(&r[1], widths[1]),
            pad_to_width(&r[2], widths[2]),
            r[3],
            r[4],
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `LINE:COLUMN: message` for a diagnostic (the path is long and the id already says which
/// file), the whole message otherwise.
fn short_error(error: &LoadError) -> String {
    match error {
        LoadError::Invalid(d) => format!("{}:{}: {}", d.line, d.column, d.message),
        LoadError::Unreadable { reason, .. } => format!("cannot read: {reason}"),
        other => other.to_string(),
    }
}

/// The `--json` array. `total_seconds` is the longest total (ranges at their maximum);
/// `min_total_seconds` the shortest; `equipment` what to have at hand (maybe empty). Broken user files appear with `"broken": true` and
/// an `error` (the diagnostic's headline) instead of `title`, `total_seconds` and `steps`.
#[must_use]
pub fn to_json(library: &Library) -> Value {
    let mut items: Vec<Value> = library.sessions.iter().map(session_json).collect();
    items.extend(library.broken.iter().map(broken_json));
    Value::Array(items)
}

fn session_json(s: &Session) -> Value {
    let (lo, hi) = s.total();
    let mut v = json!({
        "id": s.id.as_str(),
        "title": s.title.as_str(),
        "total_seconds": hi.as_secs(),
        "min_total_seconds": lo.as_secs(),
        "steps": s.steps.len(),
        "equipment": s.equipment,
        "source": s.source.label(),
        "broken": false,
    });
    if let (Source::User(path) | Source::File(path), Some(obj)) = (&s.source, v.as_object_mut()) {
        obj.insert("path".into(), SafeText::path(path).as_str().into());
    }
    v
}

fn broken_json(b: &Broken) -> Value {
    json!({
        "id": b.id.as_str(),
        "source": "user",
        "broken": true,
        "path": SafeText::path(&b.path).as_str(),
        "error": b.error.headline(),
    })
}
