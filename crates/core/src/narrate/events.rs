//! Narration events: what to say when the runner moves (a phase starts or ends, a pause, the
//! end of the session) and when time passes within a phase (the 10-seconds warning, a hold's
//! minimum reached). One source of words for plain mode, the TUI's cue line and a voice.
//! Pure: the caller passes the runner's effects and `now`.

use std::time::Duration;

use super::{CHOSEN, WARN_BEFORE, WARN_PHASES_FROM, phase_line, side_words};
use crate::duration::words as duration_words;
use crate::runner::{Effect, HoldHint, Mode, Runner};
use crate::session::{Phase, PhaseKind, Session, Timing};
use crate::text::SafeText;

/// What a line of narration is about, so a reader can style it and a voice can choose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NarrationKind {
    /// A work phase began: step, side, rep and duration.
    PhaseStarted,
    /// The step's instructions, said once per step (not again for its second side or rep).
    Instructions,
    /// The step's caution, once per step, after its instructions.
    Caution,
    /// The step's breathing pace, once per step, after its caution.
    Pace,
    /// "10 seconds left", on phases long enough to need it.
    TimeWarning,
    /// A hold's minimum has passed: the user may move on.
    HoldMinimum,
    /// The cue from the session file as a step's work phase ends.
    PhaseCue,
    /// The next work phase is the same step on the other side.
    Switch,
    /// A rest phase began.
    Rest,
    Paused,
    Resumed,
    /// Enter before a hold's minimum.
    KeepHolding,
    /// A phase ended while nobody was watching.
    MissedWhileAway,
    /// `+` or `-` moved the phase's end: how long is left now.
    TimeChanged,
    /// "Session complete", "Session finished, with some steps skipped", "… every phase
    /// skipped" or "Session stopped early" (`runner::Summary::ending`).
    SessionEnded,
    /// The session's closing words, after `SessionEnded`, for a session that has them.
    Closing,
}

/// One thing to say. `text` is sanitised; instructions keep their line breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Narration {
    pub kind: NarrationKind,
    pub text: String,
}

impl Narration {
    fn new(kind: NarrationKind, text: impl Into<String>) -> Self {
        Narration {
            kind,
            text: text.into(),
        }
    }
}

/// Remembers which within-phase moments were already said for the current phase.
#[derive(Clone, Debug, Default)]
pub struct Narrator {
    warned: bool,
    hold_said: bool,
}

impl Narrator {
    #[must_use]
    pub fn new() -> Self {
        Narrator::default()
    }

    /// The words for what the runner just did (`effects` from `apply` or `advance`), then for
    /// whatever is due at `now` within the phase it is in.
    pub fn effects(
        &mut self,
        session: &Session,
        runner: &Runner,
        effects: &[Effect],
        now: crate::time::Moment,
    ) -> Vec<Narration> {
        let mut out = Vec::new();
        for effect in effects {
            if let Effect::PhaseStarted(_) = effect {
                self.warned = false;
                self.hold_said = false;
            }
            effect_narration(session, runner, effect, now, &mut out);
        }
        out.extend(self.tick(runner, now));
        out
    }

    /// The within-phase moments due at `now`: the warning, a hold's minimum. Each once.
    pub fn tick(&mut self, runner: &Runner, now: crate::time::Moment) -> Vec<Narration> {
        let mut out = Vec::new();
        if runner.mode() != Mode::Running {
            return out;
        }
        if self.wants_hold(runner) && runner.until_release(now) == Some(Duration::ZERO) {
            self.hold_said = true;
            out.push(Narration::new(
                NarrationKind::HoldMinimum,
                "Minimum reached: move on when you are ready",
            ));
        }
        if self.wants_warning(runner) && runner.remaining(now).is_some_and(|l| l <= WARN_BEFORE) {
            self.warned = true;
            out.push(Narration::new(
                NarrationKind::TimeWarning,
                "10 seconds left",
            ));
        }
        out
    }

    /// How long until something is due: a within-phase moment or the phase's end.
    /// `None` while nothing moves by itself (intro, paused, finished).
    #[must_use]
    pub fn next_due(&self, runner: &Runner, now: crate::time::Moment) -> Option<Duration> {
        if runner.mode() != Mode::Running {
            return None;
        }
        let mut due = runner.remaining(now)?;
        if self.wants_warning(runner) && due > WARN_BEFORE {
            due -= WARN_BEFORE;
        }
        if self.wants_hold(runner) {
            due = due.min(runner.until_release(now).unwrap_or(due));
        }
        Some(due)
    }

    fn wants_warning(&self, runner: &Runner) -> bool {
        !self.warned
            && runner
                .current()
                .is_some_and(|p| p.timing.max() > WARN_PHASES_FROM)
    }

    fn wants_hold(&self, runner: &Runner) -> bool {
        !self.hold_said
            && runner
                .current()
                .is_some_and(|p| matches!(p.timing, Timing::Range { .. }))
    }
}

fn effect_narration(
    session: &Session,
    runner: &Runner,
    effect: &Effect,
    now: crate::time::Moment,
    out: &mut Vec<Narration>,
) {
    let phases = runner.phases();
    match effect {
        Effect::PhaseStarted(i) => {
            if let Some(p) = phases.get(*i) {
                phase_started(session, phases, *i, p, out);
            }
        }
        Effect::PhaseEnded { index, completed } => {
            if let Some(p) = phases.get(*index) {
                out.extend(phase_cue(session, p, *completed));
                out.extend(switch(session, phases, *index, *completed));
            }
        }
        Effect::Paused => out.push(Narration::new(NarrationKind::Paused, "Paused")),
        Effect::Resumed => out.push(Narration::new(NarrationKind::Resumed, "Resumed")),
        Effect::ReleaseTooEarly { wait } => out.push(Narration::new(
            NarrationKind::KeepHolding,
            HoldHint::Wait { left: *wait }.words(),
        )),
        Effect::MissedWhileAway { ended, .. } => {
            if let Some(p) = phases.get(*ended) {
                let name = &session.steps[p.step].name;
                out.push(Narration::new(
                    NarrationKind::MissedWhileAway,
                    format!("{name} ended while you were away"),
                ));
            }
        }
        Effect::SessionFinished { .. } => {
            // Counted from the phases' outcomes, which no longer change once it finished.
            let text = runner.summary(now).ending();
            out.push(Narration::new(NarrationKind::SessionEnded, text));
            if let Some(closing) = &session.closing {
                out.push(Narration::new(
                    NarrationKind::Closing,
                    paragraph_lines(closing),
                ));
            }
        }
        Effect::TimeChanged { left } => out.push(Narration::new(
            NarrationKind::TimeChanged,
            format!("{} left", duration_words(*left)),
        )),
        Effect::SessionStarted => {}
    }
}

fn phase_started(
    session: &Session,
    phases: &[Phase],
    index: usize,
    phase: &Phase,
    out: &mut Vec<Narration>,
) {
    let line = phase_line(session, phase);
    if phase.kind == PhaseKind::Rest {
        out.push(Narration::new(NarrationKind::Rest, line));
        return;
    }
    out.push(Narration::new(NarrationKind::PhaseStarted, line));
    let first_of_step = !phases[..index]
        .iter()
        .any(|p| p.step == phase.step && p.kind == PhaseKind::Work);
    if !first_of_step {
        return;
    }
    let step = &session.steps[phase.step];
    if let Some(text) = &step.instructions {
        out.push(Narration::new(
            NarrationKind::Instructions,
            paragraph_lines(text),
        ));
    }
    if let Some(text) = &step.caution {
        out.push(Narration::new(
            NarrationKind::Caution,
            format!("Caution: {}", paragraph_lines(text)),
        ));
    }
    if let Some(pace) = step.pace {
        let chosen = if step.pace_chosen() { CHOSEN } else { "" };
        out.push(Narration::new(
            NarrationKind::Pace,
            format!(
                "Breathe in for {}, out for {}{chosen}",
                duration_words(pace.inhale),
                duration_words(pace.exhale)
            ),
        ));
    }
}

/// Session text reflowed (the one paragraph rule), one line per paragraph.
fn paragraph_lines(text: &SafeText) -> String {
    let reflowed = text.reflowed();
    let lines: Vec<&str> = reflowed.lines().filter(|l| !l.is_empty()).collect();
    lines.join("\n")
}

/// The cue as a step's work phase ends by itself (not when skipped). The TUI's cue line
/// shows it.
#[must_use]
pub fn phase_cue(session: &Session, phase: &Phase, completed: bool) -> Option<Narration> {
    if phase.kind != PhaseKind::Work || !completed {
        return None;
    }
    let cue = session.steps.get(phase.step)?.cue.as_ref()?;
    Some(Narration::new(NarrationKind::PhaseCue, cue.one_line()))
}

/// "Switch to the right side" when the next work phase is the same step on another side.
fn switch(session: &Session, phases: &[Phase], index: usize, completed: bool) -> Option<Narration> {
    if !completed {
        return None;
    }
    let next = switches_to(phases, index)?;
    let side = side_words(&session.steps[next.step], next.side)?;
    Some(Narration::new(
        NarrationKind::Switch,
        format!("Switch to the {side}"),
    ))
}

/// The next work phase when work phase `index` is followed by the same step on another side.
pub(super) fn switches_to(phases: &[Phase], index: usize) -> Option<&Phase> {
    let ended = phases.get(index)?;
    if ended.kind != PhaseKind::Work {
        return None;
    }
    let next = phases[index + 1..]
        .iter()
        .find(|p| p.kind == PhaseKind::Work)?;
    (next.step == ended.step && next.side != ended.side).then_some(next)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::runner::Command;
    use crate::session::Source;
    use crate::time::Moment;

    #[test]
    fn skipping_says_no_cue_and_stopping_says_stopped() {
        let src = r#"
title = "Quick"
[[steps]]
name = "Reach"
duration = "30s"
sides = ["left", "right"]
instructions = "Reach up."
caution = "Gently \u001b[31mnow."
cue = "Back to the middle."
"#;
        let path = PathBuf::from("q.toml");
        let session = crate::session::parse::parse_str(&path, src, Source::BuiltIn).unwrap();
        let mut runner = Runner::new(&session);
        let mut narrator = Narrator::new();
        let t = Moment::from_secs;
        let mut said = Vec::new();
        let mut step = |cmd: Command, at: u64, said: &mut Vec<(NarrationKind, String)>| {
            let effects = runner.apply(cmd, t(at));
            let lines = narrator.effects(&session, &runner, &effects, t(at));
            said.extend(lines.into_iter().map(|n| (n.kind, n.text)));
        };
        step(Command::Start, 0, &mut said);
        step(Command::TogglePause, 1, &mut said);
        step(Command::TogglePause, 2, &mut said);
        step(Command::Next, 3, &mut said);
        step(Command::Finish, 4, &mut said);
        use NarrationKind as K;
        let expected = [
            (K::PhaseStarted, "Reach, left side: 30 seconds"),
            (K::Instructions, "Reach up."),
            (K::Caution, "Caution: Gently now."),
            (K::Paused, "Paused"),
            (K::Resumed, "Resumed"),
            (K::PhaseStarted, "Reach, right side: 30 seconds"),
            (K::SessionEnded, "Session stopped early"),
        ];
        let said: Vec<(K, &str)> = said.iter().map(|(k, s)| (*k, s.as_str())).collect();
        assert_eq!(said, expected);
    }
}
