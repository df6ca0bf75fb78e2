//! toml's errors as located diagnostics: serde's and the parser's messages said in a TOML
//! editor's words, at the place to look (where an unclosed string opens, not the end of the
//! file), with a "did you mean" for unknown keys.

use std::ops::Range;
use std::path::Path;

use super::{Diagnostic, Quote, listed, suggest, syntax, wrong_type};

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
}
