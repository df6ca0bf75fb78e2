//! The words for each moment of a session (issue 14): every built-in session's narration as a
//! snapshot, driven by a manual clock, and plain mode printing exactly those lines.
#![allow(clippy::unwrap_used)]

mod support;

use std::process::Stdio;
use std::time::Duration;

use knotless::clock::Moment;
use knotless::narrate::{Narration, NarrationKind, Narrator, heading};
use knotless::runner::{Command, Mode, Runner};
use knotless::session::library::{Library, load_file};
use knotless::session::{Session, Source};
use support::{TempHome, one_second_copy};

const BUILT_IN: [&str; 5] = [
    "cold-pack",
    "core-stability",
    "desk-break",
    "knot-relief",
    "unwind",
];

/// Runs `session` start to end, jumping the clock to each moment the narrator names.
fn narrate(session: &Session) -> Vec<Narration> {
    let mut runner = Runner::new(session);
    let mut narrator = Narrator::new();
    let mut now = Duration::ZERO;
    let effects = runner.apply(Command::Start, Moment::from_duration(now));
    let mut out = narrator.effects(session, &runner, &effects, Moment::from_duration(now));
    let mut steps = 0;
    while runner.mode() != Mode::Finished {
        now += narrator
            .next_due(&runner, Moment::from_duration(now))
            .unwrap();
        let at = Moment::from_duration(now);
        let effects = runner.advance(at);
        out.extend(narrator.effects(session, &runner, &effects, at));
        steps += 1;
        assert!(steps < 1000, "the session never ended");
    }
    out
}

/// One line per event: its kind, then its text with line breaks shown as ⏎.
fn as_lines(narration: &[Narration]) -> String {
    narration
        .iter()
        .map(|n| format!("{:?}: {}\n", n.kind, n.text.replace('\n', " ⏎ ")))
        .collect()
}

#[test]
fn every_built_in_session_narrates_each_moment() {
    let library = Library::load(None);
    for id in BUILT_IN {
        let session = library.get(id).unwrap();
        let narration = narrate(session);
        let count = |kind| narration.iter().filter(|n| n.kind == kind).count();
        let with_instructions = session.steps.iter().filter(|s| s.instructions.is_some());
        assert_eq!(
            count(NarrationKind::Instructions),
            with_instructions.count(),
            "{id}"
        );
        let with_caution = session.steps.iter().filter(|s| s.caution.is_some()).count();
        assert_eq!(count(NarrationKind::Caution), with_caution, "{id}");
        // The session's own closing words come last, after "Session complete".
        let [.., ended, closing] = narration.as_slice() else {
            panic!("{id}: too little narration")
        };
        assert_eq!(ended.text, "Session complete", "{id}");
        assert_eq!(closing.kind, NarrationKind::Closing, "{id}");
        let first_words: String = session
            .closing
            .as_deref()
            .unwrap()
            .chars()
            .take(20)
            .collect();
        assert!(
            closing.text.contains(first_words.trim()),
            "{id}: {}",
            closing.text
        );
        insta::assert_snapshot!(format!("narration_{id}"), as_lines(&narration));
    }
}

#[test]
fn desk_break_says_instructions_once_and_switches_sides() {
    let library = Library::load(None);
    let narration = as_lines(&narrate(library.get("desk-break").unwrap()));
    assert!(narration.contains(
        "PhaseCue: Come back to standing tall.\nSwitch: Switch to the right side\nRest: Rest 5 seconds"
    ), "{narration}");
    assert_eq!(narration.matches("Instructions: Stand tall").count(), 1);
    assert!(narration.contains("TimeWarning: 10 seconds left"));
}

#[test]
fn plain_mode_prints_the_narration_in_order() {
    let home = TempHome::new("narration");
    for id in ["desk-break", "knot-relief"] {
        let file = one_second_copy(&home, id);
        let session = load_file(&file, Source::File(file.clone())).unwrap();
        let mut expected = heading(&session) + "\n";
        for n in narrate(&session) {
            expected.push_str(&n.text);
            expected.push('\n');
        }
        let out = home
            .command(&["run", &file.display().to_string(), "--plain"])
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let shown = String::from_utf8(out.stdout).unwrap();
        assert_eq!(shown, expected, "{id}");
        // Its intro says what to have at hand; its last line is the session's closing.
        assert!(shown.contains("\nYou'll need: "), "{id}: {shown}");
        let closing = session.closing.as_deref().unwrap().replace('\n', " ");
        assert!(shown.trim_end().ends_with(closing.trim()), "{id}: {shown}");
        let instructions = session.steps[0].instructions.as_ref().unwrap();
        // Reflowed: the file's line breaks inside a paragraph are gone.
        let first = instructions.reflowed();
        let first = first.lines().next().unwrap();
        assert!(shown.contains(&format!("\n{first}\n")), "{id}: {shown}");
        if id == "knot-relief" {
            assert!(shown.contains("\nCaution: Press firmly"), "{shown}");
        }
    }
}
