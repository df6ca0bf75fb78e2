//! Session TOML → validated [`Session`], with located diagnostics. Pure: no file system.
//! Every text in the result is `SafeText` (`crate::text`), made safe here, so no view can show
//! raw file text and none needs to sanitize it again.
//!
//! The file is first deserialized into raw structs whose fields keep their byte spans
//! (`toml::Spanned`), so that syntax, unknown-key and type errors come from `toml` with its
//! own location, and every semantic check afterwards can point at the offending value.

use std::ops::Range;
use std::path::Path;
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use super::timing::{self, Timing};
use super::{Basis, Session, Source, Step};
use crate::diag::{self, Diagnostic};
use crate::text::{SafeText, echo};

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
pub const SESSION_KEYS: &[&str] = &["title", "summary", "tags", "steps"];
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
];

type Diag = Box<Diagnostic>;
type Text = Spanned<String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSession {
    title: Option<Text>,
    summary: Option<Text>,
    tags: Option<Spanned<Vec<Text>>>,
    steps: Option<Spanned<Vec<Spanned<RawStep>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    name: Option<Text>,
    duration: Option<Text>,
    reps: Option<Spanned<i64>>,
    sides: Option<Spanned<Vec<Text>>>,
    rest: Option<Text>,
    instructions: Option<Text>,
    caution: Option<Text>,
    cue: Option<Text>,
    art: Option<Text>,
    basis: Option<Text>,
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
    parse_str(path, src, source)
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
    let raw: RawSession =
        toml::from_str(src).map_err(|e| Box::new(diag::from_toml_error(path, src, &e)))?;
    let v = Validator { path, src };
    let title = v.required_text(raw.title, "title", MAX_SHORT, None)?;
    let summary = v.optional_text(raw.summary, "summary", MAX_MEDIUM, MULTI)?;
    let tags = match raw.tags {
        None => Vec::new(),
        Some(tags) => v.names(&tags, "tag", false)?,
    };
    let steps = v.steps(raw.steps)?;
    Ok(Session {
        id: id_of(path),
        title,
        summary,
        tags,
        steps,
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
                    format!("a {what} is blank"),
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

    fn steps(&self, steps: Option<Spanned<Vec<Spanned<RawStep>>>>) -> Result<Vec<Step>, Diag> {
        const ADD: &str = "add at least one `[[steps]]` table with a `name` and a `duration`";
        let Some(steps) = steps else {
            return Err(self.whole("the session has no steps", ADD));
        };
        let span = steps.span();
        let steps = steps.into_inner();
        if steps.is_empty() {
            return Err(self.at(span, "`steps` is empty".into(), ADD));
        }
        let mut out = Vec::with_capacity(steps.len().min(MAX_STEPS));
        let mut phases = 0usize;
        for (index, raw) in steps.into_iter().enumerate() {
            let span = raw.span();
            if index == MAX_STEPS {
                return Err(self.at(
                    span,
                    format!("too many steps: the most allowed is {MAX_STEPS}"),
                    "split the session into several files",
                ));
            }
            let reps_span = raw.get_ref().reps.as_ref().map(Spanned::span);
            let step = self.step(index + 1, span.clone(), raw.into_inner())?;
            phases = phases.saturating_add(step.phase_count());
            if phases > MAX_PHASES {
                return Err(self.at(
                    reps_span.unwrap_or(span),
                    format!(
                        "with this step the session has {phases} phases; the most allowed is {MAX_PHASES}"
                    ),
                    "use fewer reps or sides, or split the session into several files",
                ));
            }
            out.push(step);
        }
        Ok(out)
    }

    fn step(&self, number: usize, span: Range<usize>, raw: RawStep) -> Result<Step, Diag> {
        let what = format!("step {number}");
        let name = self.required_text(raw.name, "name", MAX_SHORT, Some((span.clone(), &what)))?;
        let Some(duration) = raw.duration else {
            return Err(self.at(
                span,
                format!("{what} (\"{}\") has no `duration`", name.trim()),
                "add a line like `duration = \"30s\"` or `duration = \"30s..60s\"`",
            ));
        };
        let timing = self.timing(&duration)?;
        let reps = match raw.reps {
            None => 1,
            Some(reps) => self.reps(&reps)?,
        };
        let sides = match raw.sides {
            None => Vec::new(),
            Some(sides) if sides.get_ref().is_empty() => {
                return Err(self.at(
                    sides.span(),
                    "`sides` is empty".into(),
                    "list the sides, like `sides = [\"left\", \"right\"]`, or remove the key",
                ));
            }
            Some(sides) => self.names(&sides, "side", true)?,
        };
        let rest = match raw.rest {
            None => None,
            Some(rest) => Some(self.rest(&rest)?),
        };
        let basis = raw.basis.map(|b| self.basis(&b)).transpose()?;
        Ok(Step {
            name,
            timing,
            reps,
            sides,
            rest,
            instructions: self.optional_text(raw.instructions, "instructions", MAX_LONG, MULTI)?,
            caution: self.optional_text(raw.caution, "caution", MAX_MEDIUM, MULTI)?,
            cue: self.optional_text(raw.cue, "cue", MAX_MEDIUM, MULTI)?,
            art: self.optional_text(raw.art, "art", MAX_SHORT, SafeText::new)?,
            basis,
        })
    }

    fn timing(&self, duration: &Text) -> Result<Timing, Diag> {
        let text = duration.get_ref();
        if text.trim().is_empty() {
            return Err(self.at(
                duration.span(),
                "`duration` is blank".into(),
                "write a duration like \"30s\", \"20m\" or \"1m 30s\", or a range like \"30s..60s\"",
            ));
        }
        timing::parse_timing(text)
            .map_err(|e| self.at(duration.span(), e.to_string(), e.hint_for(text)))
    }

    fn reps(&self, reps: &Spanned<i64>) -> Result<u32, Diag> {
        let n = *reps.get_ref();
        match u32::try_from(n) {
            Ok(n) if (1..=MAX_REPS).contains(&i64::from(n)) => Ok(n),
            _ => Err(self.at(
                reps.span(),
                format!("`reps` is {n}; it must be from 1 to {MAX_REPS}"),
                "write a whole number from 1 to 100, or remove `reps` for a single rep",
            )),
        }
    }

    fn basis(&self, basis: &Text) -> Result<Basis, Diag> {
        let text = basis.get_ref().trim();
        Basis::from_name(text).ok_or_else(|| {
            let message = format!("`basis` is \"{}\"; it must be {}", echo(text), Basis::NAMES);
            self.at(basis.span(), message, Basis::HINT)
        })
    }

    fn rest(&self, rest: &Text) -> Result<Duration, Diag> {
        let text = rest.get_ref();
        if text.contains("..") {
            return Err(self.at(
                rest.span(),
                format!("`rest` cannot be a range (`{}`)", echo(text)),
                "write one duration, like \"10s\"",
            ));
        }
        timing::parse_one(text).map_err(|e| self.at(rest.span(), e.to_string(), e.hint()))
    }
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
