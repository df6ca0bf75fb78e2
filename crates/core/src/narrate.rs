//! Plain mode's words: one line per session event ("Knee-to-chest, left side: 30 seconds",
//! "10 seconds left", "Rest 10 seconds", "Session complete"), for screen readers and scripts.
//! Pure: no terminal, no clock.

use std::time::Duration;

use crate::runner::{Effect, HoldHint, Runner};
use crate::session::{Phase, PhaseKind, Session, Timing};
use crate::text::{count_of, paragraphs, sanitize};

/// The warning before a phase ends, for phases long enough to need one.
pub const WARN_BEFORE: Duration = Duration::from_secs(10);
/// Phases at least this long get the warning.
pub const WARN_PHASES_FROM: Duration = Duration::from_secs(20);

/// "30 seconds", "1 minute", "1 minute 30 seconds", "1 hour 5 minutes".
#[must_use]
pub fn duration_words(d: Duration) -> String {
    let secs = d.as_secs() + u64::from(d.subsec_nanos() > 0);
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    let unit = |n: u64, name: &str| {
        if n == 1 {
            format!("1 {name}")
        } else {
            format!("{n} {name}s")
        }
    };
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(unit(h, "hour"));
    }
    if m > 0 {
        parts.push(unit(m, "minute"));
    }
    if s > 0 || parts.is_empty() {
        parts.push(unit(s, "second"));
    }
    parts.join(" ")
}

fn timing_words(timing: Timing) -> String {
    match timing {
        Timing::Fixed(d) => duration_words(d),
        Timing::Range { min, max } => {
            format!("{} to {}", duration_words(min), duration_words(max))
        }
    }
}

/// The first line: "Knot relief: 12 minutes, 9 phases".
#[must_use]
pub fn heading(session: &Session) -> String {
    let (lo, hi) = session.total();
    let total = if lo == hi {
        duration_words(hi)
    } else {
        format!("{} to {}", duration_words(lo), duration_words(hi))
    };
    let phases = count_of(session.phase_count(), "phase");
    let mut line = format!("{}: {total}, {phases}", sanitize(&session.title));
    if let Some(summary) = &session.summary {
        push_paragraphs(&mut line, summary);
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
    let mut name = sanitize(&step.name);
    if let Some(side) = step.side_words(phase.side) {
        // "left side", but "right arm + left leg" and "the sore side" as they are.
        if side.contains(' ') || side.to_lowercase().contains("side") {
            name.push_str(&format!(", {side}"));
        } else {
            name.push_str(&format!(", {side} side"));
        }
    }
    if step.reps > 1 {
        name.push_str(&format!(", rep {} of {}", phase.rep, step.reps));
    }
    let chosen = if step.duration_chosen() { CHOSEN } else { "" };
    format!("{name}: {}{chosen}", timing_words(phase.timing))
}

/// A step's instructions, one line per paragraph, when `phase` is the step's first work
/// phase (so they are read once, not at every rep and side).
fn first_instructions(session: &Session, phase: &Phase) -> Vec<String> {
    let step = &session.steps[phase.step];
    let first = phase.kind == PhaseKind::Work && phase.rep == 1 && phase.side.unwrap_or(0) == 0;
    match (&step.instructions, first) {
        (Some(text), true) => paragraphs(text)
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// Appends `text` as paragraphs, one line each.
fn push_paragraphs(out: &mut String, text: &str) {
    for line in paragraphs(text).lines().filter(|l| !l.is_empty()) {
        out.push('\n');
        out.push_str(line);
    }
}

/// The lines for what the runner just did.
#[must_use]
pub fn effect_lines(effects: &[Effect], session: &Session, runner: &Runner) -> Vec<String> {
    let phase = |i: usize| runner.phases().get(i);
    let mut lines = Vec::new();
    for effect in effects {
        match effect {
            Effect::PhaseStarted(i) => {
                if let Some(p) = phase(*i) {
                    lines.push(phase_line(session, p));
                    lines.extend(first_instructions(session, p));
                }
            }
            Effect::PhaseEnded {
                index,
                completed: true,
            } => {
                let cue = phase(*index)
                    .filter(|p| p.kind == PhaseKind::Work)
                    .and_then(|p| session.steps[p.step].cue.as_deref());
                if let Some(cue) = cue {
                    lines.push(sanitize(cue));
                }
            }
            Effect::Paused => lines.push("Paused".to_string()),
            Effect::Resumed => lines.push("Resumed".to_string()),
            Effect::ReleaseTooEarly { wait } => {
                lines.push(HoldHint::Wait { left: *wait }.words());
            }
            Effect::MissedWhileAway { ended, .. } => {
                if let Some(p) = phase(*ended) {
                    let name = sanitize(&session.steps[p.step].name);
                    lines.push(format!("{name} ended while you were away"));
                }
            }
            Effect::SessionFinished { completed: true } => {
                lines.push("Session complete".to_string());
            }
            Effect::SessionFinished { completed: false } => {
                lines.push("Session stopped".to_string());
            }
            Effect::SessionStarted | Effect::PhaseEnded { .. } => {}
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::runner::Command;
    use crate::session::Source;
    use crate::time::Moment;

    #[test]
    fn words_for_durations() {
        assert_eq!(duration_words(Duration::from_secs(1)), "1 second");
        assert_eq!(duration_words(Duration::from_secs(30)), "30 seconds");
        assert_eq!(duration_words(Duration::from_secs(60)), "1 minute");
        assert_eq!(
            duration_words(Duration::from_secs(90)),
            "1 minute 30 seconds"
        );
        assert_eq!(
            duration_words(Duration::from_secs(3900)),
            "1 hour 5 minutes"
        );
    }

    #[test]
    fn a_session_reads_as_lines() {
        let src = r#"
title = "Quick"
summary = """
Two steps,
gently."""
[[steps]]
name = "Knee-to-chest stretch"
duration = "30s"
sides = ["left", "right"]
rest = "10s"
cue = "Switch \u001b[31msides."
[[steps]]
name = "Breathe"
duration = "1m..2m"
instructions = """
Lie down and
breathe slowly.

Let the back go soft."""
"#;
        let session =
            crate::session::parse::parse_str(&PathBuf::from("q.toml"), src, Source::BuiltIn)
                .unwrap();
        let mut runner = Runner::new(&session);
        let t = Moment::from_secs;
        let mut lines = vec![heading(&session)];
        let effects = runner.apply(Command::Start, t(0));
        lines.extend(effect_lines(&effects, &session, &runner));
        let effects = runner.advance(t(30));
        lines.extend(effect_lines(&effects, &session, &runner));
        let effects = runner.advance(t(40));
        lines.extend(effect_lines(&effects, &session, &runner));
        let effects = runner.apply(Command::Next, t(41));
        lines.extend(effect_lines(&effects, &session, &runner));
        let effects = runner.apply(Command::Finish, t(42));
        lines.extend(effect_lines(&effects, &session, &runner));
        assert_eq!(
            lines,
            [
                "Quick: 2 minutes 10 seconds to 3 minutes 10 seconds, 4 phases\nTwo steps, gently.",
                "Knee-to-chest stretch, left side: 30 seconds",
                "Switch sides.",
                "Rest 10 seconds",
                "Knee-to-chest stretch, right side: 30 seconds",
                "Breathe: 1 minute to 2 minutes",
                "Lie down and breathe slowly.",
                "Let the back go soft.",
                "Session stopped",
            ]
        );
    }
}
