//! The words for each moment of a session ("Knee-to-chest, left side: 30 seconds", its
//! instructions, "10 seconds left", "Rest 10 seconds", "Session complete"): plain mode prints
//! them, the TUI's cue line shows them, a voice can speak them. The events themselves are in
//! [`events`]. Pure: no terminal, no clock.

pub mod chime;
mod events;
mod voice;

pub use chime::{Chime, ChimeSet, Chimer};
pub use events::{Narration, NarrationKind, Narrator, phase_cue};
pub use voice::{Utterances, VoiceDetail};

use std::time::Duration;

use crate::duration::words;
use crate::session::{Phase, PhaseKind, Session, Step, Timing};
use crate::text::{SafeText, count_of};

/// The warning before a phase ends, for phases long enough to need one.
pub const WARN_BEFORE: Duration = Duration::from_secs(10);
/// Phases longer than this get the warning.
pub const WARN_PHASES_FROM: Duration = Duration::from_secs(20);

fn timing_words(timing: Timing) -> String {
    match timing {
        Timing::Fixed(d) => words(d),
        Timing::Range { min, max } => {
            format!("{} to {}", words(min), words(max))
        }
    }
}

/// The first line: "Knot relief: 12 minutes, 9 phases".
#[must_use]
pub fn heading(session: &Session) -> String {
    let (lo, hi) = session.total();
    let total = if lo == hi {
        words(hi)
    } else {
        format!("{} to {}", words(lo), words(hi))
    };
    let phases = count_of(session.phase_count(), "phase");
    let mut line = format!("{}: {total}, {phases}", session.title);
    if let Some(summary) = &session.summary {
        push_paragraphs(&mut line, summary);
    }
    if !session.equipment.is_empty() {
        line.push_str(&format!("\nYou'll need: {}", session.equipment.join(", ")));
    }
    if session.has_chosen_numbers() {
        line.push_str(
            "\nLengths marked (knotless's choice) are ours: the source material gives none for them.",
        );
    }
    line
}

const CHOSEN: &str = " (knotless's choice)";

/// "Knee-to-chest, left side, rep 2 of 3: 30 seconds" or "Rest 10 seconds".
#[must_use]
pub fn phase_line(session: &Session, phase: &Phase) -> String {
    let step = &session.steps[phase.step];
    if phase.kind == PhaseKind::Rest {
        let chosen = if step.rest_chosen() { CHOSEN } else { "" };
        return format!("Rest {}{chosen}", timing_words(phase.timing));
    }
    let chosen = if step.duration_chosen() { CHOSEN } else { "" };
    format!(
        "{}: {}{chosen}",
        phase_name(session, phase),
        timing_words(phase.timing)
    )
}

/// "Knee-to-chest, left side, rep 2 of 3", or "Rest".
#[must_use]
pub fn phase_name(session: &Session, phase: &Phase) -> String {
    let step = &session.steps[phase.step];
    if phase.kind == PhaseKind::Rest {
        return "Rest".to_string();
    }
    let mut name = step.name.to_string();
    if let Some(side) = side_words(step, phase.side) {
        name.push_str(&format!(", {side}"));
    }
    if step.reps > 1 {
        name.push_str(&format!(", rep {} of {}", phase.rep, step.reps));
    }
    name
}

/// The desktop notification for a long phase that ended while nobody watched: "Heat on the
/// knot is done" and "Next: Knee-to-chest stretch, left side" (or that the session is
/// complete).
#[must_use]
pub fn away_words(session: &Session, phases: &[Phase], index: usize) -> (String, String) {
    let summary = phases.get(index).map_or_else(
        || "The phase is done".to_string(),
        |p| format!("{} is done", phase_name(session, p)),
    );
    let body = match phases.get(index + 1) {
        Some(next) => format!("Next: {}", phase_line(session, next)),
        None => "That was the last phase: the session is complete.".to_string(),
    };
    (summary, body)
}

/// Appends `text` as paragraphs, one line each.
fn push_paragraphs(out: &mut String, text: &SafeText) {
    for line in text.reflowed().lines().filter(|l| !l.is_empty()) {
        out.push('\n');
        out.push_str(line);
    }
}

/// "left side" for a side called "left"; "right arm + left leg" and "the sore side" as
/// they are.
fn side_words(step: &Step, side: Option<usize>) -> Option<String> {
    let side = step.side_words(side)?;
    Some(
        if side.contains(' ') || side.to_lowercase().contains("side") {
            side
        } else {
            format!("{side} side")
        },
    )
}
