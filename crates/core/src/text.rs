//! Making text from files safe to show: no escape sequences, no control characters, no
//! bidirectional overrides or invisible characters may reach the terminal.
//! Pure: depends on nothing but `std`.

use std::fmt;
use std::ops::Deref;

/// Text safe to show anywhere: sanitized once, where it entered knotless (a session file, the
/// config, a history row or state file read back, a path, an argument, a reply from the
/// notification server), and carried as this type from then on, so no view sanitizes again.
/// One line unless made with [`SafeText::multiline`].
#[derive(
    Clone,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(from = "String", into = "String")]
pub struct SafeText(String);

impl SafeText {
    /// One line: newlines and every other control character dropped.
    #[must_use]
    pub fn new(raw: &str) -> SafeText {
        SafeText(sanitize(raw))
    }

    /// Several lines: newlines kept.
    #[must_use]
    pub fn multiline(raw: &str) -> SafeText {
        SafeText(sanitize_multiline(raw))
    }

    /// Text that was made safe before, as it came out of a `SafeText`: the built-in
    /// sessions, which `build.rs` parses and writes out as code. Not sanitised again; tests
    /// (built without optimisation) check that sanitising would not change it.
    #[must_use]
    pub fn already_safe(text: &str) -> SafeText {
        debug_assert_eq!(sanitize_multiline(text), text, "text that is not safe");
        SafeText(text.to_string())
    }

    /// A path as shown in a message.
    #[must_use]
    pub fn path(path: impl AsRef<std::path::Path>) -> SafeText {
        SafeText::new(&path.as_ref().display().to_string())
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text on one line: a multi-line text's line breaks dropped, as a one-line view
    /// shows it.
    #[must_use]
    pub fn one_line(&self) -> SafeText {
        SafeText(self.0.replace('\n', ""))
    }

    /// Laid out as paragraphs ([`reflow`]), for a view that wraps to its own width.
    #[must_use]
    pub fn reflowed(&self) -> String {
        reflow(&self.0)
    }

    /// Leading and trailing spaces gone; still safe.
    #[must_use]
    pub fn trimmed(&self) -> SafeText {
        SafeText(self.0.trim().to_string())
    }
}

impl Deref for SafeText {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// So a list of safe texts joins (`sides.join(", ")`).
impl std::borrow::Borrow<str> for SafeText {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SafeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Sanitizes (one line): how a state file's or a test's text becomes safe.
impl From<String> for SafeText {
    fn from(raw: String) -> SafeText {
        SafeText::new(&raw)
    }
}

impl From<&str> for SafeText {
    fn from(raw: &str) -> SafeText {
        SafeText::new(raw)
    }
}

impl From<SafeText> for String {
    fn from(text: SafeText) -> String {
        text.0
    }
}

impl PartialEq<str> for SafeText {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<String> for SafeText {
    fn eq(&self, other: &String) -> bool {
        self.0 == *other
    }
}

impl PartialEq<&str> for SafeText {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<SafeText> for &str {
    fn eq(&self, other: &SafeText) -> bool {
        *self == other.0
    }
}

/// Removes escape sequences (CSI, OSC, DCS, SOS, PM, APC and two-byte ESC sequences), C0 and
/// C1 control characters, bidirectional overrides and zero-width characters. Newlines are kept
/// when `keep_newlines` is true; tabs become a space.
#[must_use]
fn sanitize_with(input: &str, keep_newlines: bool) -> String {
    // Most text is plain printable ASCII: nothing to remove, one copy.
    if input
        .bytes()
        .all(|b| matches!(b, b' '..=b'~') || (keep_newlines && b == b'\n'))
    {
        return input.to_owned();
    }
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // C1 introducers that start a string (DCS, SOS, OSC, PM, APC) or a CSI.
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\u{9b}' => skip_csi(&mut chars),
            '\n' if keep_newlines => out.push('\n'),
            '\t' => out.push(' '),
            c if is_invisible(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// One line of text: newlines become spaces.
#[must_use]
pub fn sanitize(input: &str) -> String {
    sanitize_with(input, false)
}

/// Multi-line text: newlines are kept.
#[must_use]
pub fn sanitize_multiline(input: &str) -> String {
    sanitize_with(input, true)
}

/// Text from a file laid out as paragraphs, for a view that wraps it to its own width: a
/// blank line starts a new paragraph (kept as one empty line), single line breaks inside a
/// paragraph become a space, and list lines (`- `, `* `, `1. `, `2) `) keep their own line.
/// Trailing spaces on each line are dropped. Only line breaks move: give it safe text
/// ([`SafeText::reflowed`]).
#[must_use]
pub fn reflow(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut blank_pending = false;
    let mut in_paragraph = false;
    for line in input.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank_pending = in_paragraph || blank_pending;
            in_paragraph = false;
            continue;
        }
        if in_paragraph && !is_list_line(line) {
            out.push(' ');
            out.push_str(line.trim_start());
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if blank_pending {
                out.push('\n');
            }
        }
        blank_pending = false;
        in_paragraph = true;
        out.push_str(if is_list_line(line) {
            line
        } else {
            line.trim_start()
        });
    }
    out
}

/// How far a list item's later rows go in, under its text: 2 for `- x`, 3 for `1. x`,
/// 4 for `12) x`, counted from the line's first non-space character; 0 for a line that
/// is not a list item. A view wrapping a [`reflow`]ed line hangs its rows by this much.
#[must_use]
pub fn list_hang(line: &str) -> usize {
    if !is_list_line(line) {
        return 0;
    }
    let t = line.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    // The marker (`-`, `*`, or the digits and their `.` or `)`), then one space.
    digits.max(1) + usize::from(digits > 0) + 1
}

/// `- x`, `* x`, `1. x`, `12) x`: a line that starts a list item.
fn is_list_line(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with("- ") || t.starts_with("* ") || t == "-" || t == "*" {
        return true;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits > 0
        && t[digits..].starts_with(['.', ')'])
        && t[digits + 1..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace)
}

/// "1 step", "3 steps": `count` and `noun`, with an `s` unless the count is one.
#[must_use]
pub fn count_of(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// `text` with its first letter upper case: "stretch" → "Stretch", for a phrase that starts a
/// line or a sentence.
#[must_use]
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// At most `max` characters of `input`, with `…` in place of the rest: for echoing a value
/// from a file inside a message without copying a huge string into it.
#[must_use]
pub fn shorten(input: &str, max: usize) -> String {
    match input.char_indices().nth(max) {
        None => input.to_string(),
        Some((cut, _)) => format!("{}…", &input[..cut]),
    }
}

/// A value from a file as echoed inside a message: unsafe characters written out as
/// `\u{202e}` (so the reader sees why "fri" is not a day), cut to 40 characters.
#[must_use]
pub fn echo(input: &str) -> String {
    let head = match input.char_indices().nth(41) {
        Some((cut, _)) => &input[..cut],
        None => input,
    };
    shorten(&escape_unsafe(head), 40)
}

/// Unsafe characters written out as `\u{1b}`; everything else as it is.
#[must_use]
pub fn escape_unsafe(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        if is_invisible(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` cut to at most `max` terminal columns, "…" taking the last where it is cut (wide
/// characters, CJK and emoji, count as two, so columns stay aligned).
#[must_use]
pub fn fit_width(text: &str, max: usize) -> String {
    if unicode_width::UnicodeWidthStr::width(text) <= max {
        return text.to_string();
    }
    let mut used = 0;
    let mut out: String = (text.chars())
        .take_while(|&c| {
            used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            used < max
        })
        .collect();
    if max > 0 {
        out.push('…');
    }
    out
}

/// Pads `text` with spaces to `width` terminal columns (wide characters count as two), so
/// columns of a plain-text table line up whatever the script.
#[must_use]
pub fn pad_to_width(text: &str, width: usize) -> String {
    let shown = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(shown)))
}

/// True for a character [`sanitize`] would drop: controls, bidi overrides, invisibles.
#[must_use]
pub fn is_unsafe(c: char) -> bool {
    is_invisible(c)
}

fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200b}'..='\u{200f}'   // zero-width space/joiners, LRM, RLM
            | '\u{202a}'..='\u{202e}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{feff}'              // zero-width no-break space / BOM
            | '\u{061c}'              // Arabic letter mark
            | '\u{180e}'              // Mongolian vowel separator
            | '\u{fff9}'..='\u{fffb}' // interlinear annotations
        )
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars),
        // Two-byte (or with intermediates) escape: skip intermediates then the final byte.
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            while let Some(&n) = chars.peek() {
                chars.next();
                if !('\u{20}'..='\u{2f}').contains(&n) {
                    break;
                }
            }
        }
        _ => {}
    }
}

fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    // Parameters and intermediates (0x20..=0x3f), then one final byte (0x40..=0x7e).
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) || !('\u{20}'..='\u{3f}').contains(&c) {
            break;
        }
    }
}

fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    // Until BEL, ST (ESC \) or the C1 ST.
    while let Some(c) = chars.next() {
        match c {
            '\u{07}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
#[path = "text_tests.rs"]
mod tests;
