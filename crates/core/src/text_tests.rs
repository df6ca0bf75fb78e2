//! Tests of `text.rs`: sanitizing, `SafeText`, paragraphs, echoing.

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
    assert_eq!(fit_width("abc", 3), "abc");
    assert_eq!(fit_width("abcd", 3), "ab…");
    assert_eq!(fit_width("膝を胸に", 5), "膝を…");
    assert_eq!(fit_width("abc", 0), "");
}
#[test]
fn reflow_joins_lines_within_a_paragraph_and_keeps_blank_lines_between() {
    assert_eq!(reflow("one\ntwo  \n  three"), "one two three");
    assert_eq!(
        reflow("one\ntwo\n\n\nthree\nfour\n"),
        "one two\n\nthree four"
    );
    assert_eq!(reflow("\n\none"), "one");
    assert_eq!(reflow(""), "");
}

#[test]
fn reflow_keeps_list_lines_on_their_own() {
    let text = "Do this:\n- first\n  goes on\n* second\n1. third\n2) fourth\nafter";
    assert_eq!(
        reflow(text),
        "Do this:\n- first goes on\n* second\n1. third\n2) fourth after"
    );
    // Not lists: a hyphen without a space, a number without its mark, a decimal.
    assert_eq!(reflow("a\n-b\n3 c\n1.5 d"), "a -b 3 c 1.5 d");
}

#[test]
fn a_list_item_hangs_its_later_rows_under_its_text() {
    for (line, hang) in [
        ("- first", 2),
        ("* second", 2),
        ("1. third", 3),
        ("12) twelfth", 4),
        ("  - nested", 2),
        ("not a list", 0),
        ("1.5 kg", 0),
    ] {
        assert_eq!(list_hang(line), hang, "{line}");
    }
}

#[test]
fn counts_say_one_in_the_singular() {
    assert_eq!(count_of(1, "step"), "1 step");
    assert_eq!(count_of(0, "phase"), "0 phases");
    assert_eq!(count_of(3, "rep"), "3 reps");
}

#[test]
fn multiline_safe_text_reflows_into_paragraphs() {
    assert_eq!(
        SafeText::multiline("a\u{1b}[31m\nb\r\n\nc").reflowed(),
        "a b\n\nc"
    );
}

#[test]
fn safe_text_is_made_safe_once_as_it_is_made() {
    let raw = "a\u{1b}[2Jb\nc\u{202e}";
    assert_eq!(SafeText::new(raw), "abc");
    assert_eq!(SafeText::from(raw.to_string()), "abc");
    assert_eq!(SafeText::multiline(raw), "ab\nc");
    assert_eq!(SafeText::multiline(raw).one_line(), "abc");
    assert_eq!(SafeText::path(std::path::Path::new("/x\u{7}y")), "/xy");
    assert_eq!(SafeText::multiline("a\nb\n\nc").reflowed(), "a b\n\nc");
    assert_eq!(SafeText::new("  x ").trimmed(), "x");
    assert_eq!([SafeText::new("a"), SafeText::new("b")].join(", "), "a, b");
}

#[test]
fn safe_text_read_back_from_json_is_made_safe() {
    let read: SafeText = serde_json::from_str("\"R\\u001b]52;c;aGk=\\u0007x\"").unwrap();
    assert_eq!(read, "Rx");
    assert_eq!(serde_json::to_string(&read).unwrap(), "\"Rx\"");
}

#[test]
fn capitalised_upper_cases_the_first_letter_only() {
    assert_eq!(capitalised("left side"), "Left side");
    assert_eq!(capitalised("éva"), "Éva");
    assert_eq!(capitalised(""), "");
    assert_eq!(capitalised("Done"), "Done");
}
