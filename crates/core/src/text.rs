//! Making text from files safe to show: no escape sequences, no control characters, no
//! bidirectional overrides or invisible characters may reach the terminal.
//! Pure: depends on nothing but `std`.

/// Removes escape sequences (CSI, OSC, DCS, SOS, PM, APC and two-byte ESC sequences), C0 and
/// C1 control characters, bidirectional overrides and zero-width characters. Newlines are kept
/// when `keep_newlines` is true; tabs become a space.
#[must_use]
pub fn sanitize_with(input: &str, keep_newlines: bool) -> String {
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
mod tests {
    use super::*;

    #[test]
    fn strips_csi_osc_dcs_and_controls() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(sanitize("x\u{1b}]0;pwned\u{07}y"), "xy");
        assert_eq!(sanitize("x\u{1b}]52;c;aGk=\u{1b}\\y"), "xy");
        assert_eq!(sanitize("x\u{1b}Pq#0;2;0;0;0\u{1b}\\y"), "xy");
        assert_eq!(sanitize("a\rb\u{8}c\u{0}d"), "abcd");
        assert_eq!(sanitize("a\u{9b}2Jb\u{85}c"), "abc");
        assert_eq!(sanitize("a\u{202e}b\u{200b}c\u{2066}d"), "abcd");
    }

    #[test]
    fn keeps_newlines_only_when_asked_and_keeps_wide_text() {
        assert_eq!(sanitize_multiline("one\ntwo"), "one\ntwo");
        assert_eq!(sanitize("one\ntwo\tthree"), "onetwo three");
        assert_eq!(sanitize("膝を胸に 🧘"), "膝を胸に 🧘");
    }

    #[test]
    fn shortens_long_values_and_pads_by_display_width() {
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("abcd", 3), "abc…");
        assert_eq!(shorten("膝を胸に", 2), "膝を…");
        assert_eq!(pad_to_width("膝", 4), "膝  ");
        assert_eq!(pad_to_width("ab", 1), "ab");
        assert_eq!(echo("\u{202e}fri"), "\\u{202e}fri");
        assert_eq!(echo(&"x".repeat(100)), format!("{}…", "x".repeat(40)));
    }
}
