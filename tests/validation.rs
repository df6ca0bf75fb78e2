//! One test per validation rule of the session format: each asserts the message, the line
//! and the column of the diagnostic (and, where it matters, the hint).
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::path::Path;

use knotless::diag::Diagnostic;
use knotless::session::parse::{parse_bytes, parse_str};
use knotless::session::{Session, Source};

const HEAD: &str = "title = \"T\"\n[[steps]]\nname = \"N\"\n";

fn parse(src: &str) -> Result<Session, Box<Diagnostic>> {
    parse_str(Path::new("my.toml"), src, Source::BuiltIn)
}

/// The diagnostic for `src`, checked against `(line, column, message)`.
fn fails(src: &str, line: usize, column: usize, message: &str) -> Diagnostic {
    let d = *parse(src).expect_err("should be rejected");
    assert_eq!(
        (d.line, d.column, d.message.as_str()),
        (line, column, message),
        "{d}"
    );
    assert!(d.hint.is_some(), "every diagnostic has a hint: {d}");
    d
}

/// As [`fails`], and the diagnostic's hint is `hint`.
fn fails_hinting(src: &str, line: usize, column: usize, message: &str, hint: &str) {
    let d = fails(src, line, column, message);
    assert_eq!(d.hint.as_deref(), Some(hint), "{d}");
}

/// A one-step file whose step has `extra` lines after its name.
fn step(extra: &str) -> String {
    format!("{HEAD}{extra}\n")
}

#[test]
fn syntax_error() {
    fails("title = \"T\n", 1, 11, "this string is not closed");
    fails("title = 'T\n", 1, 11, "this string is not closed");
}

/// An unclosed multi-line string swallows the rest of the file: it is shown where it opens.
#[test]
fn an_unclosed_multi_line_string_is_shown_where_it_opens() {
    let src =
        step("duration = \"30s\"\ninstructions = \"\"\"\nLie down.\n\"\"\n[[steps]]\nname = \"B\"");
    fails_hinting(
        &src,
        5,
        16,
        "this multi-line string is never closed",
        "end it with `\"\"\"` where its text ends",
    );
}

#[test]
fn a_control_character_in_a_multi_line_string_is_named() {
    fails(
        &step("duration = \"30s\"\ninstructions = \"\"\"a\u{1b}b\"\"\""),
        5,
        20,
        "this string holds a control character (a tab or an escape pasted in?)",
    );
}

#[test]
fn a_bare_date_is_named_as_one() {
    fails(
        &step("duration = 1979-05-27"),
        4,
        12,
        "expected a string, found a date or time",
    );
}

#[test]
fn a_length_without_its_unit_is_told_to_add_one() {
    fails_hinting(
        &step("duration = \"90\""),
        4,
        12,
        "cannot read `90` as a duration",
        "add its unit, like \"90s\" or \"90m\"",
    );
    fails_hinting(
        "title = 42\n",
        1,
        9,
        "expected a string, found the number 42",
        "put it in double quotes, like \"42\"",
    );
    fails(
        &step("duration = \"30s..\""),
        4,
        12,
        "cannot read `30s..` as a duration",
    );
    // A unit twice is a slip, not a sum; `M` is months, not minutes.
    fails_hinting(
        &step("duration = \"1m 1m\""),
        4,
        12,
        "cannot read `1m 1m` as a duration",
        "name each unit once, like \"2m\" or \"1m 30s\"",
    );
    fails_hinting(
        &step("duration = \"1M\""),
        4,
        12,
        "`1M` is longer than the maximum of 4h",
        "`M` is months: write `m` for minutes, as in \"20m\"",
    );
}

#[test]
fn unknown_top_level_key_suggests_the_nearest() {
    let d = fails("titel = \"T\"\n", 1, 1, "unknown key `titel`");
    assert_eq!(d.hint.as_deref(), Some("did you mean `title`?"));
}

#[test]
fn unknown_step_key_suggests_the_nearest() {
    let d = fails(
        &step("durration = \"30s\""),
        4,
        1,
        "unknown key `durration`",
    );
    assert_eq!(d.hint.as_deref(), Some("did you mean `duration`?"));
}

#[test]
fn wrong_type() {
    fails(
        &step("duration = 30"),
        4,
        12,
        "expected a string, found the number 30",
    );
    fails(
        &step("duration = \"30s\"\nreps = \"2\""),
        5,
        8,
        "expected a whole number, found the string \"2\"",
    );
}

#[test]
fn missing_title_is_a_whole_file_error() {
    fails(
        "[[steps]]\nname = \"N\"\nduration = \"3s\"\n",
        1,
        1,
        "missing required key `title`",
    );
}

#[test]
fn blank_title() {
    fails("title = \"  \"\n", 1, 9, "`title` is blank");
}

#[test]
fn no_steps_at_all() {
    fails("title = \"T\"\n", 1, 1, "the session has no steps");
}

#[test]
fn empty_steps_array() {
    fails("title = \"T\"\nsteps = []\n", 2, 9, "`steps` is empty");
}

#[test]
fn step_without_a_name_points_at_its_header() {
    fails(
        "title = \"T\"\n\n[[steps]]\nduration = \"3s\"\n",
        3,
        1,
        "step 1 has no `name`",
    );
}

#[test]
fn blank_step_name() {
    fails(
        "title = \"T\"\n[[steps]]\nname = \"\"\nduration = \"3s\"\n",
        3,
        8,
        "`name` is blank",
    );
}

#[test]
fn step_without_a_duration() {
    let src = format!("{HEAD}duration = \"3s\"\n\n[[steps]]\nname = \"Second\"\n");
    fails(&src, 6, 1, "step 2 (\"Second\") has no `duration`");
}

#[test]
fn blank_duration() {
    fails(&step("duration = \"\""), 4, 12, "`duration` is blank");
}

#[test]
fn unparseable_duration() {
    let d = fails(
        &step("duration = \"soon\""),
        4,
        12,
        "cannot read `soon` as a duration",
    );
    assert!(d.hint.unwrap().contains("\"30s..60s\""));
}

#[test]
fn duration_below_one_second() {
    fails(
        &step("duration = \"0s\""),
        4,
        12,
        "`0s` is shorter than the minimum of 1s",
    );
}

#[test]
fn duration_above_four_hours() {
    fails(
        &step("duration = \"4h 1s\""),
        4,
        12,
        "`4h 1s` is longer than the maximum of 4h",
    );
}

#[test]
fn range_end_out_of_bounds() {
    fails(
        &step("duration = \"30s..5h\""),
        4,
        12,
        "`5h` is longer than the maximum of 4h",
    );
}

#[test]
fn reversed_range() {
    fails(
        &step("duration = \"60s..30s\""),
        4,
        12,
        "the range `60s..30s` must go from a shorter to a longer duration",
    );
}

#[test]
fn equal_range() {
    let d = fails(
        &step("duration = \"30s..30s\""),
        4,
        12,
        "the range `30s..30s` must go from a shorter to a longer duration",
    );
    assert!(d.hint.unwrap().contains("two different ends"));
}

#[test]
fn reps_below_one() {
    fails(
        &step("duration = \"3s\"\nreps = 0"),
        5,
        8,
        "`reps` is 0; it must be from 1 to 100",
    );
    fails(
        &step("duration = \"3s\"\nreps = -4"),
        5,
        8,
        "`reps` is -4; it must be from 1 to 100",
    );
}

#[test]
fn reps_above_one_hundred() {
    fails(
        &step("duration = \"3s\"\nreps = 101"),
        5,
        8,
        "`reps` is 101; it must be from 1 to 100",
    );
}

#[test]
fn empty_sides() {
    fails(
        &step("duration = \"3s\"\nsides = []"),
        5,
        9,
        "`sides` is empty",
    );
}

#[test]
fn duplicate_side_points_at_the_second_one() {
    fails(
        &step("duration = \"3s\"\nsides = [\"left\", \"right\", \"left\"]"),
        5,
        27,
        "side \"left\" is listed twice",
    );
}

#[test]
fn blank_side() {
    fails(
        &step("duration = \"3s\"\nsides = [\"left\", \" \"]"),
        5,
        18,
        "a side is blank",
    );
}

#[test]
fn rest_out_of_bounds() {
    fails(
        &step("duration = \"3s\"\nreps = 2\nrest = \"0s\""),
        6,
        8,
        "`0s` is shorter than the minimum of 1s",
    );
    fails(
        &step("duration = \"3s\"\nreps = 2\nrest = \"5h\""),
        6,
        8,
        "`5h` is longer than the maximum of 4h",
    );
}

#[test]
fn rest_cannot_be_a_range() {
    fails(
        &step("duration = \"3s\"\nreps = 2\nrest = \"5s..9s\""),
        6,
        8,
        "`rest` cannot be a range (`5s..9s`)",
    );
}

#[test]
fn too_many_steps_points_at_the_first_extra_one() {
    let mut src = String::from("title = \"T\"\n");
    for i in 0..201 {
        write!(src, "[[steps]]\nname = \"S{i}\"\nduration = \"1s\"\n").unwrap();
    }
    // Step 201 starts on line 2 + 200 * 3.
    fails(&src, 602, 1, "too many steps: the most allowed is 200");
}

#[test]
fn too_many_phases_points_at_the_reps() {
    let mut src = String::from("title = \"T\"\n");
    for i in 0..11 {
        write!(
            src,
            "[[steps]]\nname = \"S{i}\"\nduration = \"1s\"\nreps = 100\nsides = [\"l\", \"r\"]\n"
        )
        .unwrap();
    }
    // 10 steps hold 2,000 phases; the 11th (from line 52) goes over.
    fails(
        &src,
        55,
        8,
        "with this step the session has 2200 phases; the most allowed is 2000",
    );
}

#[test]
fn too_many_sides() {
    let sides: Vec<String> = (0..33).map(|i| format!("\"s{i}\"")).collect();
    fails(
        &step(&format!(
            "duration = \"1s\"\nsides = [{}]",
            sides.join(", ")
        )),
        5,
        9,
        "too many sides: 33 (the most allowed is 32)",
    );
}

#[test]
fn title_too_long() {
    let src = format!("title = \"{}\"\n", "x".repeat(201));
    fails(
        &src,
        1,
        9,
        "`title` is 201 characters long; the most allowed is 200",
    );
}

#[test]
fn instructions_too_long() {
    let src = step(&format!(
        "duration = \"1s\"\ninstructions = \"{}\"",
        "é".repeat(4097)
    ));
    fails(
        &src,
        5,
        16,
        "`instructions` is 4097 characters long; the most allowed is 4096",
    );
}

#[test]
fn file_over_256_kib_is_a_whole_file_error() {
    let bytes = vec![b'#'; 256 * 1024 + 1];
    let d = parse_bytes(Path::new("big.toml"), &bytes, Source::BuiltIn).unwrap_err();
    assert_eq!(
        (d.line, d.column, d.message.as_str()),
        (1, 1, "file is larger than 256 KiB")
    );
}

#[test]
fn non_utf8_is_a_whole_file_error() {
    let d = parse_bytes(Path::new("bin.toml"), b"title = \"\xff\"", Source::BuiltIn).unwrap_err();
    assert_eq!(
        (d.line, d.column, d.message.as_str()),
        (1, 1, "file is not valid UTF-8")
    );
    assert_eq!(d.headline(), "bin.toml:1:1: file is not valid UTF-8");
}

#[test]
fn unknown_art_is_allowed() {
    let s = parse(&step("duration = \"1s\"\nart = \"no-such-figure\"")).unwrap();
    assert_eq!(s.steps[0].art.as_deref(), Some("no-such-figure"));
}

#[test]
fn diagnostic_shows_path_line_caret_and_hint() {
    let d = fails(
        &step("duration = \"soon\""),
        4,
        12,
        "cannot read `soon` as a duration",
    );
    let shown = d.to_string();
    assert!(
        shown.starts_with("my.toml:4:12: cannot read `soon` as a duration\n"),
        "{shown}"
    );
    assert!(shown.contains("4 | duration = \"soon\"\n"), "{shown}");
    assert!(shown.contains("  |            ^^^^^^\n"), "{shown}");
    assert!(shown.contains("= help: write a duration like"), "{shown}");
}

#[test]
fn defaults_when_optional_keys_are_absent() {
    let s = parse(&step("duration = \"1m 30s\"")).unwrap();
    assert_eq!(s.id, "my");
    assert_eq!(s.steps[0].reps, 1);
    assert!(s.steps[0].sides.is_empty());
    assert_eq!(s.steps[0].rest, None);
    assert_eq!(s.phase_count(), 1);
}
