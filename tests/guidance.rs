//! What knotless says about backs against its source material (`tests/data/lower-back-knots.txt`,
//! a copy of `shared/source/lower-back-knots.txt`): every built-in length is either one the
//! source gives or marked as chosen, and no shipped sentence copies the source's wording.
#![allow(clippy::unwrap_used)]

use std::collections::HashSet;

use clap::CommandFactory;
use knotless::session::library::Library;
use knotless::session::{Basis, Step, Timing};

const SOURCE: &str = include_str!("data/lower-back-knots.txt");

/// Every length the source gives for a treatment: (a word of the step's name, the length as
/// a session writes it, the source sentence it comes from).
const SOURCE_LENGTHS: &[(&str, &str, &str)] = &[
    (
        "Heat",
        "15m..20m",
        "Apply heat for 15 to 20 minutes to reduce underlying tension.",
    ),
    (
        "Knee-to-chest",
        "30s",
        "The knee-to-chest stretch is effective: lie on your back and slowly pull one knee \
         toward your chest, holding for about 30 seconds.",
    ),
    (
        "compression",
        "30s..60s",
        "Hold the pressure for 30 to 60 seconds until the pain begins to dissipate.",
    ),
];

fn source_length(step: &Step) -> Option<&'static str> {
    SOURCE_LENGTHS.iter().find_map(|(word, length, sentence)| {
        let timing = knotless::session::timing::parse_timing(length).unwrap();
        (step.name.contains(word) && step.timing == timing).then_some(*sentence)
    })
}

#[test]
fn the_source_sentences_are_quoted_exactly() {
    for (_, _, sentence) in SOURCE_LENGTHS {
        assert!(SOURCE.contains(sentence), "not in the source: {sentence}");
    }
}

#[test]
fn every_built_in_length_is_from_the_source_or_marked_chosen() {
    let library = Library::load(None);
    let template = knotless::session::parse::parse_str(
        std::path::Path::new("template.toml"),
        &knotless::cmd::author::template("t"),
        knotless::session::Source::BuiltIn,
    )
    .unwrap();
    let mut sources = 0;
    for session in library.sessions.iter().chain([&template]) {
        for step in &session.steps {
            let at = format!("{} / {} ({})", session.id, step.name, step.timing);
            match step.basis {
                None => panic!("{at}: no `basis`; say \"source\" or \"choice\""),
                Some(Basis::Choice) => {}
                Some(Basis::Source) => {
                    assert!(
                        source_length(step).is_some(),
                        "{at}: marked \"source\", but the source gives no such length for it"
                    );
                    sources += 1;
                }
            }
            if step.basis == Some(Basis::Choice) {
                assert!(
                    source_length(step).is_none() || session.id == "t",
                    "{at}: the source gives this length; mark it \"source\""
                );
            }
        }
    }
    assert!(
        sources >= 3,
        "heat, knee-to-chest and compression come from the source"
    );
}

#[test]
fn every_breathing_pace_is_marked_chosen() {
    // The source asks for slow, mindful breathing and gives no pace.
    let library = Library::load(None);
    let mut paced = 0;
    for session in &library.sessions {
        for step in session.steps.iter().filter(|s| s.pace.is_some()) {
            paced += 1;
            assert!(
                step.pace_chosen() && step.basis == Some(Basis::Choice),
                "{}: {}: a pace must be marked `basis = \"choice\"`",
                session.id,
                step.name
            );
        }
    }
    assert!(paced >= 1, "unwind paces its breathing");
    let unwind = std::fs::read_to_string("sessions/unwind.toml").unwrap();
    assert!(
        unwind.contains("knotless's choice"),
        "the file says the pace is ours"
    );
}

#[test]
fn the_cold_pack_can_be_ended_at_any_time() {
    let library = Library::load(None);
    let cold = library.resolve("cold-pack").unwrap();
    let step = cold.steps.iter().find(|s| s.name.contains("Cold")).unwrap();
    assert_eq!(
        step.basis,
        Some(Basis::Choice),
        "the source gives no time for cold"
    );
    match step.timing {
        Timing::Range { min, .. } => assert!(min.as_secs() <= 1, "Enter ends it at once"),
        Timing::Fixed(_) => panic!("a fixed length would keep the pack on"),
    }
}

/// Lower-case words: letters and digits, everything else separates.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The longest runs of `n` or more words that `text` shares with the source.
fn shared_runs(text: &str, n: usize) -> Vec<String> {
    let source = words(SOURCE);
    let grams: HashSet<&[String]> = source.windows(n).collect();
    let ours = words(text);
    let mut runs = Vec::new();
    let mut i = 0;
    while i + n <= ours.len() {
        if grams.contains(&ours[i..i + n]) {
            let mut end = i + n;
            while end < ours.len() && grams.contains(&ours[end + 1 - n..=end]) {
                end += 1;
            }
            runs.push(ours[i..end].join(" "));
            i = end;
        } else {
            i += 1;
        }
    }
    runs
}

fn toml_strings(value: &toml::Value, out: &mut Vec<String>) {
    match value {
        toml::Value::String(s) => out.push(s.clone()),
        toml::Value::Array(items) => items.iter().for_each(|v| toml_strings(v, out)),
        toml::Value::Table(table) => table.values().for_each(|v| toml_strings(v, out)),
        _ => {}
    }
}

/// Everything knotless shows or ships as prose, each with where it comes from.
fn shipped_text() -> Vec<(String, String)> {
    let mut texts = Vec::new();
    for entry in std::fs::read_dir("sessions").unwrap() {
        let path = entry.unwrap().path();
        let file = std::fs::read_to_string(&path).unwrap();
        texts.push((path.display().to_string(), file));
    }
    texts.push(("template".into(), knotless::cmd::author::template("t")));
    let safety = knotless::safety::guidance();
    let mut parts = vec![safety.title, safety.intro];
    for s in safety.sections {
        parts.push(s.heading);
        parts.extend(s.items.iter().copied());
    }
    texts.push(("safety".into(), parts.join("\n")));
    texts.push(("guide".into(), knotless::guide::plain_text(1000)));
    for (summary, body) in knotless::remind::messages::MESSAGES {
        texts.push(("reminders".into(), format!("{summary}\n{body}")));
    }
    texts.push((
        "README.md".into(),
        std::fs::read_to_string("README.md").unwrap(),
    ));
    let mut help = Vec::new();
    let mut command = knotless::cli::Cli::command();
    command.write_long_help(&mut help).unwrap();
    for sub in command.get_subcommands_mut() {
        sub.write_long_help(&mut help).unwrap();
    }
    texts.push(("--help".into(), String::from_utf8(help).unwrap()));
    let man = knotless::cmd::docs::man_page().unwrap();
    texts.push(("man page".into(), String::from_utf8(man).unwrap()));
    texts
}

#[test]
fn no_shipped_text_shares_eight_words_in_a_row_with_the_source() {
    let mut copied = Vec::new();
    for (place, text) in shipped_text() {
        let text = if place.ends_with(".toml") || place == "template" {
            let mut strings = Vec::new();
            let table: toml::Table = text.parse().unwrap();
            toml_strings(&toml::Value::Table(table), &mut strings);
            strings.join("\n")
        } else {
            text
        };
        copied.extend(
            shared_runs(&text, 8)
                .into_iter()
                .map(|run| format!("{place}: {run}")),
        );
    }
    assert!(
        copied.is_empty(),
        "put these in our own words:\n{}",
        copied.join("\n")
    );
}

#[test]
fn the_copy_check_finds_a_copied_sentence() {
    let copied =
        "Use a tennis ball or specialized massage cane placed between the knot and a wall.";
    assert_eq!(
        shared_runs(copied, 8),
        ["use a tennis ball or specialized massage cane placed between the knot and a wall"]
    );
    assert!(shared_runs("Hold a tennis ball against the knot for a while.", 8).is_empty());
}

#[test]
fn knotless_guide_prints_the_guide_and_its_help_has_an_example() {
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_knotless"))
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run(&["guide"]);
    assert_eq!(
        text,
        knotless::guide::plain_text(knotless::cmd::guide::WIDTH)
    );
    for needle in [
        "magnesium",
        "potassium",
        "30 to 60 minutes",
        "safety screen",
    ] {
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(needle), "{needle}");
    }
    assert!(text.lines().all(|l| l.chars().count() <= 78));
    let help = run(&["guide", "--help"]);
    assert!(help.contains("Examples:\n  knotless guide\n"), "{help}");
    assert!(run(&["--help"]).contains("knotless guide "));
}
