use super::*;
use std::time::Duration;

use crate::session::Basis;

fn parse(src: &str) -> Result<Session, Diag> {
    parse_str(Path::new("s.toml"), src, Source::BuiltIn)
}

#[test]
fn parses_a_full_session() {
    let s = parse(
        "title = \"T\"\nsummary = \"S\"\ntags = [\"a\"]\n[[steps]]\nname = \"N\"\nduration = \"30s..60s\"\nreps = 2\nsides = [\"left\", \"right\"]\nrest = \"10s\"\ninstructions = \"\"\"\nline\n\"\"\"\ncaution = \"c\"\ncue = \"q\"\nart = \"plank\"\n",
    )
    .unwrap();
    assert_eq!(s.id, "s");
    assert_eq!(s.steps[0].reps, 2);
    assert_eq!(s.steps[0].sides, ["left", "right"]);
    assert_eq!(s.steps[0].rest, Some(Duration::from_secs(10)));
    assert!(s.steps[0].timing.is_range());
    assert_eq!(s.phase_count(), 7);
}

#[test]
fn basis_is_source_choice_or_absent() {
    let with = |b: &str| {
        parse(&format!(
            "title = \"T\"\n[[steps]]\nname = \"N\"\nduration = \"30s\"\n{b}"
        ))
    };
    assert_eq!(with("").unwrap().steps[0].basis, None);
    let source = with("basis = \"source\"").unwrap();
    assert_eq!(source.steps[0].basis, Some(Basis::Source));
    assert!(!source.has_chosen_numbers());
    let choice = with("basis = \"choice\"").unwrap();
    assert!(choice.steps[0].duration_chosen() && choice.has_chosen_numbers());
    let err = with("basis = \"guess\"").unwrap_err();
    assert_eq!(
        err.message,
        "`basis` is \"guess\"; it must be \"source\" or \"choice\""
    );
    assert_eq!(err.line, 5);
}

#[test]
fn a_rest_is_chosen_once_the_step_states_a_basis() {
    let src = |b: &str| {
        format!(
            "title = \"T\"\n[[steps]]\nname = \"N\"\nduration = \"30s\"\nreps = 2\nrest = \"5s\"\n{b}"
        )
    };
    assert!(!parse(&src("")).unwrap().steps[0].rest_chosen());
    let s = parse(&src("basis = \"source\"")).unwrap();
    assert!(s.steps[0].rest_chosen() && !s.steps[0].duration_chosen());
}

#[test]
fn keys_match_the_raw_structs() {
    // Unknown-key messages list the allowed keys; make sure ours agree with serde's.
    let err = parse("zzzzzz = 1").unwrap_err();
    assert_eq!(err.message, "unknown key `zzzzzz`");
    for key in SESSION_KEYS {
        assert!(err.hint.as_deref().unwrap_or("").contains(key), "{key}");
    }
    let err = parse("title = \"t\"\n[[steps]]\nzzzzzz = 1").unwrap_err();
    for key in STEP_KEYS {
        assert!(err.hint.as_deref().unwrap_or("").contains(key), "{key}");
    }
}

#[test]
fn equipment_closing_and_pace_are_read() {
    let s = parse(
        "title = \"T\"\nequipment = [\"heating pad\", \"tennis ball\"]\nclosing = \"\"\"\nRest a\nwhile.\"\"\"\n[[steps]]\nname = \"N\"\nduration = \"1m\"\nbasis = \"source\"\nbreathe_in = \"4s\"\nbreathe_out = \"6s\"\n",
    )
    .unwrap();
    assert_eq!(s.equipment, ["heating pad", "tennis ball"]);
    assert_eq!(s.closing.as_deref(), Some("Rest a\nwhile."));
    let pace = s.steps[0].pace.unwrap();
    assert_eq!(pace.inhale, Duration::from_secs(4));
    assert_eq!(pace.exhale, Duration::from_secs(6));
    // The source gives no breathing pace: once a step states a basis, its pace is chosen.
    assert!(s.steps[0].pace_chosen() && s.has_chosen_numbers());
    let bare = parse("title = \"T\"\n[[steps]]\nname = \"N\"\nduration = \"1m\"\n").unwrap();
    assert!(bare.equipment.is_empty() && bare.closing.is_none() && bare.steps[0].pace.is_none());
}

#[test]
fn a_byte_order_mark_takes_no_column() {
    let src = "\u{feff}title = \"T\" x\n";
    let err =
        super::parse_bytes(Path::new("bom.toml"), src.as_bytes(), Source::BuiltIn).unwrap_err();
    assert_eq!((err.line, err.column), (1, 13), "{err}");
}
