//! toml's syntax errors, said as what to fix. toml names the parser's view ("invalid basic
//! string, expected `"`"); someone editing a file wants to hear the string is not closed.

/// (how toml's message starts, ours, the hint).
const SAID: &[(&str, &str, &str)] = &[
    (
        "invalid basic string, expected `\"`",
        "this string is not closed",
        "end it with `\"` on the same line; for text over several lines put `\"\"\"` at both ends",
    ),
    (
        "invalid basic string, expected non-double-quote visible characters",
        "this string holds a control character (a tab or an escape pasted in?)",
        "delete it, or write a tab as `\\t`",
    ),
    (
        "key with no value, expected `=`",
        "a key with no value",
        "write `key = value`, with text in double quotes, like `title = \"Evening stretch\"`",
    ),
    (
        "unclosed table, expected `]`",
        "this table header is not closed",
        "end it with `]`, like `[reminders]`",
    ),
    (
        "unclosed array table, expected `]`",
        "this `[[...]]` header is not closed",
        "end it with `]]`, like `[[steps]]`",
    ),
    (
        "carriage return must be followed by newline",
        "a carriage return with no newline after it",
        "save the file with Unix (LF) or Windows (CRLF) line endings",
    ),
    (
        "invalid multi-line basic string, expected `\"`",
        "this multi-line string is never closed",
        "end it with `\"\"\"` where its text ends",
    ),
    (
        "invalid multi-line literal string, expected `'`",
        "this multi-line string is never closed",
        "end it with `'''` where its text ends",
    ),
    (
        "invalid multi-line basic string, expected `\\`, characters",
        "this string holds a control character (a tab or an escape pasted in?)",
        "delete it, or write a tab as `\\t`",
    ),
    (
        "invalid literal string, expected `'`",
        "this string is not closed",
        "end it with `'` on the same line",
    ),
    (
        "unclosed array, expected `]`",
        "this array is not closed",
        "end it with `]`, like `[\"left\", \"right\"]`",
    ),
    (
        "string values must be quoted",
        "text must be in double quotes",
        // An example that reads right in a session file and in the config alike.
        "put the value in double quotes, like `title = \"Evening stretch\"` or `theme = \"mono\"`",
    ),
    (
        "unexpected key or value, expected newline",
        "more follows the value on this line",
        "write one `key = value` per line; a comment starts with `#`",
    ),
    (
        "cannot recurse further",
        "tables or arrays nested too deeply",
        "nest fewer levels: no knotless setting needs more than two",
    ),
];

/// Our message and hint for one of toml's syntax errors; `None` for any other message.
pub(super) fn explain(message: &str) -> Option<(String, String)> {
    SAID.iter()
        .find(|(theirs, _, _)| message.starts_with(theirs))
        .map(|(_, ours, hint)| ((*ours).to_string(), (*hint).to_string()))
}

/// Where a multi-line string that runs to the end of the file was opened: toml points at
/// the end, where nothing is to be seen. The opening is the file's last `"""` (or `'''`):
/// any after it would have closed the string.
pub(super) fn unclosed_opening(message: &str, src: &str) -> Option<std::ops::Range<usize>> {
    let quotes = if message.starts_with("invalid multi-line basic string, expected `\"`") {
        "\"\"\""
    } else if message.starts_with("invalid multi-line literal string, expected `'`") {
        "'''"
    } else {
        return None;
    };
    src.rfind(quotes).map(|at| at..at + quotes.len())
}

#[cfg(test)]
mod tests {
    use super::{explain, unclosed_opening};

    #[test]
    fn an_unclosed_multi_line_string_is_shown_where_it_opens() {
        let src = "a = \"\"\"\nx\n\"\"\nb = 1\n";
        let said = "invalid multi-line basic string, expected `\"`";
        assert_eq!(unclosed_opening(said, src), Some(4..7));
        let src = "a = '''x\n";
        let said = "invalid multi-line literal string, expected `'`";
        assert_eq!(unclosed_opening(said, src), Some(4..7));
        assert_eq!(unclosed_opening("unclosed array, expected `]`", src), None);
    }

    #[test]
    fn the_common_syntax_errors_say_what_to_fix() {
        let (msg, hint) = explain("invalid basic string, expected `\"`").unwrap();
        assert_eq!(msg, "this string is not closed");
        assert!(hint.contains("\"\"\""), "{hint}");
        let (msg, _) = explain("key with no value, expected `=`").unwrap();
        assert_eq!(msg, "a key with no value");
        assert!(explain("unknown field `x`").is_none());
        let (_, hint) = explain("string values must be quoted, expected literal string").unwrap();
        assert!(hint.contains("title = \"Evening stretch\""), "{hint}");
    }
}
