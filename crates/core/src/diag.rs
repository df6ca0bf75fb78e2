//! Located diagnostics for files the user writes (sessions, config): compiler-style
//! `PATH:LINE:COLUMN: message`, the offending line with a caret, and a hint.
//! Pure: no terminal, no file system.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::text::SafeText;

mod syntax;
mod wrong_type;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    /// Made safe as the diagnostic is made: it may echo text from the file.
    pub message: SafeText,
    /// The offending line, already sanitized; `None` for whole-file errors with no text.
    pub source_line: Option<String>,
    /// Width in characters of what the caret underlines (at least 1).
    pub width: usize,
    pub hint: Option<SafeText>,
}

impl Diagnostic {
    /// A diagnostic at a byte span of `src`.
    #[must_use]
    pub fn at_span(path: &Path, src: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        let start = floor_char_boundary(src, span.start.min(src.len()));
        let end = floor_char_boundary(src, span.end.clamp(start, src.len()));
        let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = src[start..].find('\n').map_or(src.len(), |i| start + i);
        let line = src[..start].matches('\n').count() + 1;
        let column = src[line_start..start].chars().count() + 1;
        let text = src[line_start..line_end].trim_end_matches('\r');
        let width = src[start..end.min(line_end).max(start)]
            .chars()
            .count()
            .max(1);
        Diagnostic {
            path: path.to_path_buf(),
            line,
            column,
            message: SafeText::new(&message.into()),
            source_line: Some(text.to_string()),
            width,
            hint: None,
        }
    }

    /// A whole-file diagnostic, located at 1:1.
    #[must_use]
    pub fn whole_file(path: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: SafeText::new(&message.into()),
            source_line: None,
            width: 1,
            hint: None,
        }
    }

    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(SafeText::new(&hint.into()));
        self
    }

    /// The first line only: `PATH:LINE:COLUMN: message`.
    #[must_use]
    pub fn headline(&self) -> String {
        format!(
            "{}:{}:{}: {}",
            SafeText::path(&self.path),
            self.line,
            self.column,
            self.message
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.headline())?;
        if let Some(text) = &self.source_line {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            let (shown, indent, width) = excerpt(text, self.column, self.width);
            writeln!(f, "{pad} |")?;
            writeln!(f, "{number} | {shown}")?;
            writeln!(f, "{pad} | {indent}{}", "^".repeat(width))?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = help: {hint}")?;
        }
        Ok(())
    }
}

/// Characters of a source line shown around the caret; a longer line is cut to this window.
const EXCERPT_CHARS: usize = 120;

/// The source line as shown (unsafe characters as spaces, so nothing reaches the terminal and
/// every character keeps its place), the caret's indent and width in terminal columns (wide
/// characters take two). A long line is cut to a window around `column`, marked with `…`.
fn excerpt(text: &str, column: usize, width: usize) -> (String, String, usize) {
    use unicode_width::UnicodeWidthChar;
    let chars: Vec<char> = text
        .chars()
        .map(|c| if crate::text::is_unsafe(c) { ' ' } else { c })
        .collect();
    let caret = column.saturating_sub(1).min(chars.len());
    let start = if chars.len() <= EXCERPT_CHARS {
        0
    } else {
        caret
            .saturating_sub(EXCERPT_CHARS / 2)
            .min(chars.len() - EXCERPT_CHARS)
    };
    let end = (start + EXCERPT_CHARS).min(chars.len());
    let cols = |cs: &[char]| -> usize { cs.iter().map(|c| c.width().unwrap_or(0)).sum() };
    let mut shown = String::new();
    let mut indent = String::new();
    if start > 0 {
        shown.push('…');
        indent.push(' ');
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    indent.push_str(&" ".repeat(cols(&chars[start..caret.max(start)])));
    let under = &chars[caret.min(end)..(caret + width).min(end)];
    (shown, indent, cols(under).max(1))
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Turns a TOML parse/deserialize error into a located diagnostic, with a "did you mean"
/// hint for unknown keys. `format_help` is the hint where no better one is known: where the
/// file's format is described (sessions and config.toml have different ones).
#[must_use]
pub fn from_toml_error(
    path: &Path,
    src: &str,
    err: &toml::de::Error,
    format_help: &str,
) -> Diagnostic {
    // serde echoes the offending value, which may be a whole (huge) string from the file.
    // Invisible characters in an echoed key are written out, so "unknown key" shows why.
    let message = crate::text::shorten(&crate::text::escape_unsafe(err.message().trim()), 300);
    let (message, hint) = match err.span() {
        Some(span) if message == "duplicate key" => explain_duplicate(src, span),
        _ => explain_toml_message(&message, err.span().and_then(|span| key_before(src, span))),
    };
    let hint = hint.unwrap_or_else(|| format_help.to_string());
    // toml hands a bare date or time (`duration = 1979-05-27`) to serde as a table.
    let value = err
        .span()
        .and_then(|span| src.get(span))
        .unwrap_or_default();
    let message = match message.strip_suffix("found a table") {
        Some(head) if value.starts_with(|c: char| c.is_ascii_digit()) => {
            format!("{head}found a date or time")
        }
        _ => message,
    };
    let span = syntax::unclosed_opening(err.message(), src).or_else(|| err.span());
    let diag = match span {
        Some(span) => Diagnostic::at_span(path, src, span, message),
        None => Diagnostic::whole_file(path, message),
    };
    diag.with_hint(hint)
}

/// The key a value's span was given to, when it is on the key's line: the last `key =`
/// before it (in an inline table, `x = { duration = 30 }`, the inner one).
fn key_before(src: &str, span: Range<usize>) -> Option<&str> {
    let before = src.get(..span.start)?;
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let (head, _) = line.rsplit_once('=')?;
    head.rsplit(['{', ',']).next().map(str::trim)
}

/// Rewrites serde's messages into ours, and picks a hint where one fits the message (and
/// the key it is about, when known).
fn explain_toml_message(message: &str, key: Option<&str>) -> (String, Option<String>) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let name = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest
            .split("expected ")
            .nth(1)
            .map(|list| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let msg = format!("unknown key `{name}`");
        let hint = suggest(name, &expected, Quote::Code, || {
            if expected.is_empty() {
                "remove this key".to_string()
            } else {
                format!(
                    "the keys allowed here are: {}",
                    listed(&expected, Quote::Code)
                )
            }
        });
        return (msg, Some(hint));
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or_default();
        return (
            format!("missing required key `{name}`"),
            Some(format!("add `{name} = ...` to this table")),
        );
    }
    if let Some((message, hint)) =
        wrong_type::explain(message, key).or_else(|| syntax::explain(message))
    {
        return (message, Some(hint));
    }
    (message.to_string(), None)
}

/// toml says only "duplicate key"; the span names it: a key set twice in one table, or a
/// table header (`[reminders]`, `[[steps]]`) that repeats one already defined.
fn explain_duplicate(src: &str, span: Range<usize>) -> (String, Option<String>) {
    let key = src.get(span.clone()).unwrap_or_default();
    let key = crate::text::shorten(&crate::text::escape_unsafe(key), 60);
    let before = src.get(..span.start).unwrap_or_default().trim_end();
    let (message, hint) = if before.ends_with("[[") {
        (
            format!("`{key}` is already set above"),
            format!("write each entry as a `[[{key}]]` table, without a `{key} = ...` line"),
        )
    } else if before.ends_with('[') {
        (
            format!("`[{key}]` appears twice"),
            format!("keep one `[{key}]` header, with all its keys under it"),
        )
    } else {
        (
            format!("`{key}` is set twice in this table"),
            "keep one of the two lines: the other is above this one".to_string(),
        )
    };
    (message, Some(hint))
}

/// The closest candidate within a small edit distance; else the one candidate that starts
/// with a name of three or more characters (`knot` for `knot-relief`); else none.
#[must_use]
fn did_you_mean<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let near = candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(name, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c);
    near.or_else(|| {
        let mut starting = candidates
            .iter()
            .filter(|c| name.chars().count() >= 3 && c.starts_with(name));
        match (starting.next(), starting.next()) {
            (Some(only), None) => Some(*only),
            _ => None,
        }
    })
}

/// How a name is written in a message.
#[derive(Clone, Copy, Debug)]
pub enum Quote {
    /// `name`: keys, ids, commands.
    Code,
    /// "name": values written as TOML strings.
    Str,
    /// `{name}`: template placeholders.
    Placeholder,
    /// `knotless help name`: a whole command line, the name last.
    Command(&'static str),
}

impl Quote {
    #[must_use]
    pub fn around(self, name: &str) -> String {
        match self {
            Quote::Code => format!("`{name}`"),
            Quote::Str => format!("\"{name}\""),
            Quote::Placeholder => format!("`{{{name}}}`"),
            Quote::Command(prefix) => format!("`{prefix} {name}`"),
        }
    }
}

/// The one did-you-mean hint: "did you mean <nearest>?" when a candidate is close to
/// `name`, else what `otherwise` says (usually the list, or where to look).
#[must_use]
pub fn suggest(
    name: &str,
    candidates: &[&str],
    quote: Quote,
    otherwise: impl FnOnce() -> String,
) -> String {
    did_you_mean(name, candidates).map_or_else(otherwise, |best| {
        format!("did you mean {}?", quote.around(best))
    })
}

/// The candidates quoted and joined with ", ".
#[must_use]
pub fn listed(candidates: &[&str], quote: Quote) -> String {
    candidates
        .iter()
        .map(|c| quote.around(c))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_a_value_was_given_to_is_read_off_its_line() {
        let src = "title = 42\nx = { duration = 30 }\n";
        assert_eq!(key_before(src, 8..10), Some("title"));
        assert_eq!(key_before(src, 28..30), Some("duration"));
        assert_eq!(key_before("[[steps]]\n", 2..7), None);
    }

    #[test]
    fn locates_a_span_by_line_and_column() {
        let src = "a = 1\nbb = \"x\"\n";
        let d = Diagnostic::at_span(Path::new("f.toml"), src, 11..14, "bad");
        assert_eq!((d.line, d.column), (2, 6));
        assert_eq!(d.headline(), "f.toml:2:6: bad");
        let shown = d.to_string();
        assert!(shown.contains("2 | bb = \"x\""), "{shown}");
        assert!(shown.contains("  |      ^^^"), "{shown}");
    }

    #[test]
    fn caret_counts_wide_characters_and_long_lines_are_cut() {
        let src = "title = \"膝を胸に\"  x\n";
        let d = Diagnostic::at_span(Path::new("f.toml"), src, 24..25, "bad");
        assert_eq!((d.line, d.column), (1, 17));
        let shown = d.to_string();
        // `title = "` is 9 columns, the four CJK characters 8, then `"  ` 3.
        assert!(
            shown.contains(&format!("  | {}^\n", " ".repeat(20))),
            "{shown}"
        );

        let src = format!("title = \"{}\u{1b}]0;x\u{7}\"", "a".repeat(10_000));
        let d = Diagnostic::at_span(Path::new("f.toml"), &src, 9..src.len(), "long");
        let shown = d.to_string();
        assert!(shown.len() < 1_000, "{} bytes", shown.len());
        assert!(!shown.contains('\u{1b}') && !shown.contains('\u{7}'));
    }

    #[test]
    fn a_duplicate_says_which_key_or_table_and_how_to_mend_it() {
        let said = |src: &str, at: &str| {
            let start = src.rfind(at).unwrap();
            explain_duplicate(src, start..start + at.len())
        };
        let (msg, hint) = said("title = \"a\"\ntitle = \"b\"\n", "title");
        assert_eq!(msg, "`title` is set twice in this table");
        assert!(hint.unwrap().contains("keep one of the two lines"));
        let (msg, hint) = said("[reminders]\n[ reminders ]\n", "reminders");
        assert_eq!(msg, "`[reminders]` appears twice");
        assert!(hint.unwrap().contains("one `[reminders]` header"));
        let (msg, hint) = said("steps = []\n[[steps]]\n", "steps");
        assert_eq!(msg, "`steps` is already set above");
        assert!(hint.unwrap().contains("without a `steps = ...` line"));
    }

    #[test]
    fn suggests_the_nearest_key() {
        assert_eq!(
            did_you_mean("durration", &["name", "duration"]),
            Some("duration")
        );
        assert_eq!(did_you_mean("zzz", &["name", "duration"]), None);
        // The start of exactly one name, three characters or more.
        let ids = ["knot-relief", "desk-break", "core-stability", "cold-pack"];
        assert_eq!(did_you_mean("knot", &ids), Some("knot-relief"));
        assert_eq!(did_you_mean("core", &ids), Some("core-stability"));
        assert_eq!(did_you_mean("co", &ids), None);
        assert_eq!(did_you_mean("col", &ids), Some("cold-pack"));
        assert_eq!(did_you_mean("c", &["core", "cold"]), None);
        assert_eq!(
            did_you_mean("stretch", &["stretch-for-the-hips", "stretch-for-the-neck"]),
            None
        );
    }

    #[test]
    fn the_hint_quotes_the_nearest_or_says_the_fallback() {
        let days = ["mon", "tue"];
        assert_eq!(
            suggest("mun", &days, Quote::Str, String::new),
            "did you mean \"mon\"?"
        );
        assert_eq!(suggest("x", &days, Quote::Code, || "none".into()), "none");
        assert_eq!(
            suggest("tue", &days, Quote::Command("knotless help"), String::new),
            "did you mean `knotless help tue`?"
        );
        assert_eq!(listed(&days, Quote::Placeholder), "`{mon}`, `{tue}`");
    }
}
