//! serde's "invalid type" messages, said in TOML's words.
//!
//! serde names Rust's types ("i64", "a sequence", "map", "floating point"); someone editing
//! a TOML file knows whole numbers, strings, `true`/`false`, arrays and tables.

/// The keys whose value is a length ("30s", "45m" or a range of them).
const LENGTH_KEYS: &[&str] = &[
    "duration",
    "rest",
    "every",
    "snooze",
    "away_after",
    "natural_break",
];

/// `invalid type: FOUND, expected WANT` as a message and a hint in TOML's words; `None`
/// when the message is not one of those. `key` is the key the value was given to, if known.
pub(super) fn explain(message: &str, key: Option<&str>) -> Option<(String, String)> {
    let rest = message.strip_prefix("invalid type: ")?;
    // The found value may itself contain ", expected " (a quoted string), the wanted type
    // never does.
    let (found, want) = rest.rsplit_once(", expected ")?;
    let want = Want::of(want);
    let too_large = found
        .strip_prefix("integer `")
        .filter(|n| n.ends_with("as i128"));
    if let (Want::WholeNumber, Some(n)) = (&want, too_large) {
        let n = n.split('`').next().unwrap_or_default();
        // Only a number past i64's range reaches here ("integer `N` as i128").
        return Some((
            format!("the number {n} is too large"),
            "write a whole number that fits, like `2`".into(),
        ));
    }
    let message = format!("expected {}, found {}", want.name(), found_name(found));
    // One string where a list is wanted (`alerts = "desktop"`): the fix is that string
    // in brackets, which says more than any example could.
    // A table where a list is wanted is most often `[steps]` for `[[steps]]`.
    // A bare number where text is wanted is most often a length without its unit
    // (`duration = 30`): the hint shows that number quoted, with units.
    let number = value(found, "integer ");
    let length = key.is_some_and(|k| LENGTH_KEYS.contains(&k));
    let hint = match (&want, found.strip_prefix("string ")) {
        (Want::Text, _) if number.is_some() && length => {
            let n = number.unwrap_or_default();
            format!("put it in double quotes; a length takes its unit, like \"{n}s\" or \"{n}m\"")
        }
        (Want::Text, _) if number.is_some() => {
            let n = number.unwrap_or_default();
            format!("put it in double quotes, like \"{n}\"")
        }
        (Want::Array, Some(text)) => format!("put it in square brackets, as a list: [{text}]"),
        (Want::Array, None) if found == "map" => {
            "a list of tables takes a double-bracketed header for each entry, like [[steps]]".into()
        }
        _ => want.hint(),
    };
    Some((message, hint))
}

enum Want {
    Text,
    TrueOrFalse,
    WholeNumber,
    Array,
    Table,
    Other(String),
}

impl Want {
    fn of(want: &str) -> Want {
        match want {
            "a string" => Want::Text,
            "a boolean" => Want::TrueOrFalse,
            "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" => {
                Want::WholeNumber
            }
            "a sequence" => Want::Array,
            "a map" => Want::Table,
            w if w.starts_with("struct ") => Want::Table,
            other => Want::Other(other.to_owned()),
        }
    }

    fn name(&self) -> &str {
        match self {
            Want::Text => "a string",
            Want::TrueOrFalse => "true or false",
            Want::WholeNumber => "a whole number",
            Want::Array => "an array",
            Want::Table => "a table",
            Want::Other(other) => other,
        }
    }

    fn hint(&self) -> String {
        match self {
            Want::Text => "put the value in double quotes, like \"45m\" or \"Evening stretch\"",
            Want::TrueOrFalse => "write `true` or `false`, without quotes",
            Want::WholeNumber => "write a whole number without quotes, like `2`",
            Want::Array => "write a list in square brackets, like [\"left\", \"right\"]",
            Want::Table => "write a table: a `[name]` header with `key = value` lines",
            Want::Other(_) => "check the value's type: strings need quotes, numbers do not",
        }
        .into()
    }
}

/// The value in serde's `integer `45``, `integer `N` as i128`, `floating point `2.5``,
/// `boolean `true``, when `found` starts with `prefix` ("integer ").
fn value<'a>(found: &'a str, prefix: &str) -> Option<&'a str> {
    let v = found.strip_prefix(prefix)?.strip_prefix('`')?;
    v.split('`').next()
}

/// serde's name for what the file has, in TOML's words; the value itself is kept.
fn found_name(found: &str) -> String {
    let value = |prefix: &str| value(found, prefix);
    if let Some(n) = value("integer ").or_else(|| value("floating point ")) {
        format!("the number {n}")
    } else if let Some(s) = found.strip_prefix("string ") {
        format!("the string {s}")
    } else if let Some(b) = value("boolean ") {
        format!("`{b}`")
    } else {
        match found {
            "sequence" => "an array".into(),
            "map" => "a table".into(),
            other => other.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::explain;

    fn said(message: &str) -> (String, String) {
        explain(message, Some("duration")).unwrap()
    }

    #[test]
    fn rust_type_names_become_tomls() {
        assert_eq!(
            said("invalid type: string \"3\", expected i64").0,
            "expected a whole number, found the string \"3\""
        );
        assert_eq!(
            said("invalid type: floating point `2.5`, expected i64").0,
            "expected a whole number, found the number 2.5"
        );
        let (message, hint) = said("invalid type: map, expected a sequence");
        assert_eq!(message, "expected an array, found a table");
        // `[steps]` written for `[[steps]]`: the hint names the double brackets.
        assert!(hint.contains("[[steps]]"), "{hint}");
        assert_eq!(
            said("invalid type: integer `45`, expected a string").0,
            "expected a string, found the number 45"
        );
        assert_eq!(
            said("invalid type: string \"yes\", expected a boolean").0,
            "expected true or false, found the string \"yes\""
        );
        assert_eq!(
            said("invalid type: boolean `true`, expected struct RawStep").0,
            "expected a table, found `true`"
        );
    }

    #[test]
    fn each_hint_says_how_to_write_the_wanted_type() {
        assert!(
            said("invalid type: integer `1`, expected a boolean")
                .1
                .contains("`true`")
        );
        assert_eq!(
            said("invalid type: integer `30`, expected a string").1,
            "put it in double quotes; a length takes its unit, like \"30s\" or \"30m\""
        );
        // Only where a length is wanted: `title = 42` is not told of units.
        assert_eq!(
            explain(
                "invalid type: integer `42`, expected a string",
                Some("title")
            )
            .unwrap()
            .1,
            "put it in double quotes, like \"42\""
        );
        assert!(
            said("invalid type: boolean `true`, expected a string")
                .1
                .contains("double quotes")
        );
        assert!(
            said("invalid type: integer `1`, expected a sequence")
                .1
                .contains("square")
        );
        assert_eq!(
            said("invalid type: string \"desktop\", expected a sequence").1,
            "put it in square brackets, as a list: [\"desktop\"]"
        );
        assert!(
            said("invalid type: string \"2\", expected u32")
                .1
                .contains("whole number")
        );
    }

    #[test]
    fn a_number_too_large_is_said_so_rather_than_a_wrong_type() {
        assert_eq!(
            said("invalid type: integer `99999999999999999999` as i128, expected i64").0,
            "the number 99999999999999999999 is too large"
        );
    }

    #[test]
    fn a_quoted_value_with_the_separator_in_it_is_kept_whole() {
        assert_eq!(
            said("invalid type: string \"a, expected b\", expected i64").0,
            "expected a whole number, found the string \"a, expected b\""
        );
    }

    #[test]
    fn other_messages_and_unknown_types_pass_through() {
        assert!(explain("missing field `title`", None).is_none());
        let (msg, hint) = said("invalid type: unit value, expected a duration");
        assert_eq!(msg, "expected a duration, found unit value");
        assert!(hint.contains("strings need quotes"), "{hint}");
    }
}
