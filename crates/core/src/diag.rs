//! Located diagnostics for files the user writes (sessions, config): compiler-style
//! `PATH:LINE:COLUMN: message`, the offending line with a caret, and a hint.
//! Pure: no terminal, no file system.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::text::SafeText;

mod syntax;
mod toml_error;
mod wrong_type;

pub use toml_error::from_toml_error;

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
