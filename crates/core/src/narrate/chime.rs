//! The sounds for each moment of a session: a chime as a phase ends, a distinct one where the
//! next phase is the other side and at the end of the session, and a soft count-in over the
//! last three seconds of a work phase. Which moments sound, and when (from the runner's
//! effects and `now`, as [`super::Narrator`] does for words); the tones themselves are in
//! [`tone`]. Pure: the sound service outside plays them.

pub mod tone;

use std::time::Duration;

use super::events::switches_to;
use crate::runner::{Effect, Mode, Runner};
use crate::session::PhaseKind;

/// One sound.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Chime {
    /// A phase ended by itself.
    PhaseEnd,
    /// A phase ended and the next work phase is the same step on the other side.
    Switch,
    /// The session ran to its end.
    SessionEnd,
    /// One of the last three seconds of a work phase.
    CountIn,
}

impl Chime {
    pub const ALL: [Chime; 4] = [
        Chime::PhaseEnd,
        Chime::Switch,
        Chime::SessionEnd,
        Chime::CountIn,
    ];

    /// The name as written in the config file.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Chime::PhaseEnd => "phase-end",
            Chime::Switch => "switch",
            Chime::SessionEnd => "session-end",
            Chime::CountIn => "count-in",
        }
    }

    #[must_use]
    pub fn parse(name: &str) -> Option<Chime> {
        Chime::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// Which chimes sound (`sounds = [...]` in the config).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChimeSet(u8);

impl ChimeSet {
    pub const ALL: ChimeSet = ChimeSet(0b1111);
    pub const NONE: ChimeSet = ChimeSet(0);

    #[must_use]
    pub fn with(self, chime: Chime) -> ChimeSet {
        ChimeSet(self.0 | bit(chime))
    }

    #[must_use]
    pub fn contains(self, chime: Chime) -> bool {
        self.0 & bit(chime) != 0
    }
}

impl Default for ChimeSet {
    fn default() -> Self {
        ChimeSet::ALL
    }
}

fn bit(chime: Chime) -> u8 {
    match chime {
        Chime::PhaseEnd => 1,
        Chime::Switch => 2,
        Chime::SessionEnd => 4,
        Chime::CountIn => 8,
    }
}

/// The count-in's seconds before a phase's end (knotless's choice).
const COUNT_IN: u32 = 3;
/// Only work phases longer than this get a count-in (knotless's choice): in a short one it
/// would fill the phase.
const COUNT_IN_PHASES_FROM: Duration = Duration::from_secs(5);

/// Remembers how much of the current phase's count-in has sounded.
#[derive(Clone, Debug, Default)]
pub struct Chimer {
    counted: u32,
}

impl Chimer {
    #[must_use]
    pub fn new() -> Self {
        Chimer::default()
    }

    /// The sounds for what the runner just did, then whatever count-in is due at `now`.
    pub fn effects(
        &mut self,
        runner: &Runner,
        effects: &[Effect],
        now: crate::time::Moment,
    ) -> Vec<Chime> {
        let finished = effects
            .iter()
            .any(|e| matches!(e, Effect::SessionFinished { completed: true }));
        let mut out = Vec::new();
        for effect in effects {
            match effect {
                Effect::PhaseStarted(_) => self.counted = 0,
                Effect::PhaseEnded {
                    index,
                    completed: true,
                } if !finished => out.push(if switches_to(runner.phases(), *index).is_some() {
                    Chime::Switch
                } else {
                    Chime::PhaseEnd
                }),
                Effect::SessionFinished { completed: true } => out.push(Chime::SessionEnd),
                _ => {}
            }
        }
        out.extend(self.tick(runner, now));
        out
    }

    /// The count-in tick due at `now`, if any (one, however late the call).
    pub fn tick(&mut self, runner: &Runner, now: crate::time::Moment) -> Option<Chime> {
        if !counts_in(runner) {
            return None;
        }
        let left = runner.remaining(now)?;
        let passed = (1..=COUNT_IN)
            .filter(|k| left <= Duration::from_secs(u64::from(*k)))
            .count();
        let passed = u32::try_from(passed).unwrap_or(COUNT_IN);
        if passed > self.counted && !left.is_zero() {
            self.counted = passed;
            return Some(Chime::CountIn);
        }
        None
    }

    /// How long until the next count-in tick; `None` while nothing is due by itself.
    #[must_use]
    pub fn next_due(&self, runner: &Runner, now: crate::time::Moment) -> Option<Duration> {
        if !counts_in(runner) || self.counted >= COUNT_IN {
            return None;
        }
        let at = Duration::from_secs(u64::from(COUNT_IN - self.counted));
        Some(runner.remaining(now)?.saturating_sub(at))
    }
}

fn counts_in(runner: &Runner) -> bool {
    runner.mode() == Mode::Running
        && runner
            .current()
            .is_some_and(|p| p.kind == PhaseKind::Work && p.timing.max() > COUNT_IN_PHASES_FROM)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::runner::Command;
    use crate::session::Source;
    use crate::time::Moment;

    #[test]
    fn each_moment_has_its_sound_and_the_count_in_ticks_three_times() {
        let src = r#"
title = "Quick"
[[steps]]
name = "Reach"
duration = "10s"
sides = ["left", "right"]
[[steps]]
name = "Breathe"
duration = "2s"
"#;
        let path = PathBuf::from("q.toml");
        let session = crate::session::parse::parse_str(&path, src, Source::BuiltIn).unwrap();
        let mut runner = Runner::new(&session);
        let mut chimer = Chimer::new();
        let ms = |m: u64| Moment::from_duration(Duration::from_millis(m));
        let effects = runner.apply(Command::Start, ms(0));
        assert!(chimer.effects(&runner, &effects, ms(0)).is_empty());
        assert_eq!(
            chimer.next_due(&runner, ms(0)),
            Some(Duration::from_secs(7))
        );
        let mut heard = Vec::new();
        let mut at = 0;
        while runner.mode() != Mode::Finished {
            at += 250;
            let effects = runner.advance(ms(at));
            for chime in chimer.effects(&runner, &effects, ms(at)) {
                heard.push((at, chime));
            }
        }
        use Chime as C;
        assert_eq!(
            heard,
            [
                (7000, C::CountIn),
                (8000, C::CountIn),
                (9000, C::CountIn),
                (10_000, C::Switch),
                (17_000, C::CountIn),
                (18_000, C::CountIn),
                (19_000, C::CountIn),
                (20_000, C::PhaseEnd),
                (22_000, C::SessionEnd),
            ]
        );
        assert_eq!(Chime::parse("count-in"), Some(Chime::CountIn));
    }
}
