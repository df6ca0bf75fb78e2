//! Session TOML → validated [`Session`], with located diagnostics. Pure: no file system.
//! Every text in the result is `SafeText` (`crate::text`), made safe here, so no view can show
//! raw file text and none needs to sanitize it again.
//!
//! The file is first deserialized into raw structs whose fields keep their byte spans
//! (`toml::Spanned`), so that syntax, unknown-key and type errors come from `toml` with its
//! own location, and every semantic check afterwards can point at the offending value.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{Session, Source};
use crate::diag::{self, Diagnostic};
use crate::text::SafeText;

mod step;
use step::RawStep;

/// Where a TOML error with no better hint sends the reader: the format, with an example.
const FORMAT_HELP: &str = "`knotless help sessions` shows the session format, with an example";

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 256 * 1024;
/// At most this many `[[steps]]` in one file.
pub const MAX_STEPS: usize = 200;
/// At most this many phases (work and rest) once every step is expanded.
pub const MAX_PHASES: usize = 2_000;
/// Reps go from 1 to this.
pub const MAX_REPS: i64 = 100;
/// At most this many entries in `sides` and in `tags`.
pub const MAX_LIST: usize = 32;
/// Characters allowed in short text: `title`, step `name`, a side, a tag, `art`.
pub const MAX_SHORT: usize = 200;
/// Characters allowed in `summary`, `caution` and `cue`.
pub const MAX_MEDIUM: usize = 1_000;
/// Characters allowed in `instructions`.
pub const MAX_LONG: usize = 4_096;

/// The keys of a session file, top level and per step (kept in sync with the raw structs).
pub const SESSION_KEYS: &[&str] = &["title", "summary", "tags", "equipment", "steps", "closing"];
pub const STEP_KEYS: &[&str] = &[
    "name",
    "duration",
    "reps",
    "sides",
    "rest",
    "instructions",
    "caution",
    "cue",
    "art",
    "basis",
    "breathe_in",
    "breathe_out",
];

type Diag = Box<Diagnostic>;
type Text = Spanned<String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSession {
    title: Option<Text>,
    summary: Option<Text>,
    tags: Option<Spanned<Vec<Text>>>,
    equipment: Option<Spanned<Vec<Text>>>,
    steps: Option<Spanned<Vec<Spanned<RawStep>>>>,
    closing: Option<Text>,
}

/// Parses and validates raw file bytes (size and UTF-8 checks first).
///
/// # Errors
/// A located diagnostic for the first problem found.
pub fn parse_bytes(path: &Path, bytes: &[u8], source: Source) -> Result<Session, Box<Diagnostic>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Box::new(
            Diagnostic::whole_file(path, "file is larger than 256 KiB")
                .with_hint("a session file is a few kilobytes; check that this is the right file"),
        ));
    }
    let src = std::str::from_utf8(bytes).map_err(|_| {
        Box::new(
            Diagnostic::whole_file(path, "file is not valid UTF-8")
                .with_hint("save the file as UTF-8 text"),
        )
    })?;
    // A byte-order mark is no column of the first line: editors count from after it.
    parse_str(path, src.strip_prefix('\u{feff}').unwrap_or(src), source)
}

/// Parses and validates session text. The id is the file stem of `path`.
///
/// # Errors
/// A located diagnostic for the first problem found.
pub fn parse_str(path: &Path, src: &str, source: Source) -> Result<Session, Box<Diagnostic>> {
    if src.len() > MAX_FILE_BYTES {
        return Err(Box::new(Diagnostic::whole_file(
            path,
            "file is larger than 256 KiB",
        )));
    }
    let raw: RawSession = toml::from_str(src)
        .map_err(|e| Box::new(diag::from_toml_error(path, src, &e, FORMAT_HELP)))?;
    let v = Validator { path, src };
    let title = v.required_text(raw.title, "title", MAX_SHORT, None)?;
    let summary = v.optional_text(raw.summary, "summary", MAX_MEDIUM, MULTI)?;
    let tags = match raw.tags {
        None => Vec::new(),
        Some(tags) => v.names(&tags, "tag", false)?,
    };
    let equipment = match raw.equipment {
        None => Vec::new(),
        Some(list) => v.names(&list, "item", true)?,
    };
    let steps = v.steps(raw.steps)?;
    let closing = v.optional_text(raw.closing, "closing", MAX_MEDIUM, MULTI)?;
    Ok(Session {
        id: id_of(path),
        title,
        summary,
        tags,
        equipment,
        steps,
        closing,
        source,
    })
}

/// A session's id: the file stem (`knot-relief.toml` → `knot-relief`), sanitized, since a
/// file name may hold escape sequences too.
#[must_use]
pub fn id_of(path: &Path) -> SafeText {
    path.file_stem()
        .map(|s| SafeText::new(&s.to_string_lossy()))
        .unwrap_or_default()
}

/// Text kept on several lines.
const MULTI: fn(&str) -> SafeText = SafeText::multiline;

struct Validator<'a> {
    path: &'a Path,
    src: &'a str,
}

impl Validator<'_> {
    fn at(&self, span: Range<usize>, message: String, hint: impl Into<String>) -> Diag {
        Box::new(Diagnostic::at_span(self.path, self.src, span, message).with_hint(hint))
    }

    fn whole(&self, message: &str, hint: &str) -> Diag {
        Box::new(Diagnostic::whole_file(self.path, message).with_hint(hint))
    }

    /// A required string: present (else an error at `missing_at`, or 1:1), with visible
    /// text, short. Returned sanitized: nothing from the file can reach a terminal raw.
    fn required_text(
        &self,
        value: Option<Text>,
        key: &str,
        max: usize,
        missing_at: Option<(Range<usize>, &str)>,
    ) -> Result<SafeText, Diag> {
        let Some(value) = value else {
            let hint = format!("add a line like `{key} = \"...\"`");
            return Err(match missing_at {
                Some((span, what)) => self.at(span, format!("{what} has no `{key}`"), hint),
                None => self.whole(&format!("missing required key `{key}`"), &hint),
            });
        };
        self.check_length(&value, key, max)?;
        let text = SafeText::new(value.get_ref());
        if text.trim().is_empty() {
            let message = if value.get_ref().trim().is_empty() {
                format!("`{key}` is blank")
            } else {
                format!("`{key}` has only control or invisible characters")
            };
            return Err(self.at(
                value.span(),
                message,
                format!("write some text between the quotes of `{key}`"),
            ));
        }
        Ok(text)
    }

    /// An optional string; blank (or nothing visible) counts as absent. Returned sanitized,
    /// made by `safe` (`SafeText::multiline` keeps line breaks).
    fn optional_text(
        &self,
        value: Option<Text>,
        key: &str,
        max: usize,
        safe: fn(&str) -> SafeText,
    ) -> Result<Option<SafeText>, Diag> {
        let Some(value) = value else { return Ok(None) };
        self.check_length(&value, key, max)?;
        let text = safe(value.get_ref());
        Ok((!text.trim().is_empty()).then_some(text))
    }

    fn check_length(&self, value: &Text, key: &str, max: usize) -> Result<(), Diag> {
        let chars = value.get_ref().chars().count();
        if chars > max {
            return Err(self.at(
                value.span(),
                format!("`{key}` is {chars} characters long; the most allowed is {max}"),
                format!("shorten `{key}` to {max} characters or fewer"),
            ));
        }
        Ok(())
    }

    /// `tags` or `sides`: at most [`MAX_LIST`] short, non-blank names; `distinct` rejects repeats.
    fn names(
        &self,
        list: &Spanned<Vec<Text>>,
        what: &str,
        distinct: bool,
    ) -> Result<Vec<SafeText>, Diag> {
        if list.get_ref().len() > MAX_LIST {
            return Err(self.at(
                list.span(),
                format!(
                    "too many {what}s: {} (the most allowed is {MAX_LIST})",
                    list.get_ref().len()
                ),
                format!("keep {MAX_LIST} {what}s or fewer"),
            ));
        }
        let mut out: Vec<SafeText> = Vec::with_capacity(list.get_ref().len());
        for item in list.get_ref() {
            self.check_length(item, what, MAX_SHORT)?;
            // Compared as shown: "left" and "left" plus a zero-width space look the same.
            let text = SafeText::new(item.get_ref());
            if text.trim().is_empty() {
                return Err(self.at(
                    item.span(),
                    format!("{} {what} is blank", article(what)),
                    format!("give every {what} a name, or remove the blank one"),
                ));
            }
            if distinct && out.iter().any(|seen| seen.trim() == text.trim()) {
                return Err(self.at(
                    item.span(),
                    format!("{what} \"{}\" is listed twice", text.trim()),
                    format!("list each {what} once; `reps` repeats the whole set"),
                ));
            }
            out.push(text);
        }
        Ok(out)
    }
}

/// "a side", "an item".
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
