//! The session runner: a pure state machine over a session's phases, driven by `now`.
//! Must not depend on terminals, threads or D-Bus.
//!
//! Deadlines are absolute [`Moment`]s. When a phase ends by itself, the next one starts at
//! the old deadline, not at the moment the shell noticed, so no drift accumulates. Paused
//! time is stored as the time already spent in the phase and excluded exactly.

use std::time::Duration;

use crate::session::{Phase, Session};
use crate::time::Moment;

mod adjust;
mod hold_hint;
mod time_left;

pub use hold_hint::HoldHint;

/// A phase overdue by more than this was missed while the user was away (suspend, a
/// stopped process); the runner then waits for them instead of racing on.
pub const AWAY_AFTER: Duration = Duration::from_secs(10);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Start,
    TogglePause,
    /// Enter on a range phase: end it once its minimum has passed.
    Release,
    Next,
    Previous,
    Restart,
    /// Leave the session before its end.
    Finish,
    /// `+`: more time in the running phase (see [`adjust`]).
    MoreTime,
    /// `-`: less time in the running phase, never below one second left.
    LessTime,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    SessionStarted,
    PhaseStarted(usize),
    /// `completed` is false when the user skipped it.
    PhaseEnded {
        index: usize,
        completed: bool,
    },
    Paused,
    Resumed,
    /// The user pressed Enter on a range phase before its minimum.
    ReleaseTooEarly {
        wait: Duration,
    },
    /// The running phase ended while nobody was watching; the runner now waits at `resume_at`.
    MissedWhileAway {
        ended: usize,
        resume_at: usize,
    },
    SessionFinished {
        completed: bool,
    },
    /// `+` or `-` changed when the current phase ends; `left` is its new time left.
    TimeChanged {
        left: Duration,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Before Start: the intro screen.
    Intro,
    Running,
    Paused,
    Finished,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Pending,
    Done,
    Skipped,
}

/// What happened while the user was away, for "Heat ended 6 min ago: remove the pad".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AwayNotice {
    /// The last phase that ended while away.
    pub phase: usize,
    pub ended_at: Moment,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Summary {
    pub done: usize,
    pub skipped: usize,
    pub total: usize,
    /// Time spent, pauses excluded.
    pub active: Duration,
    pub completed: bool,
}

#[derive(Clone, Debug)]
pub struct Runner {
    phases: Vec<Phase>,
    outcomes: Vec<Outcome>,
    index: usize,
    mode: Mode,
    /// When the current phase started (adjusted for pauses: `now - started` is time spent).
    started: Moment,
    /// Time spent in the current phase when paused.
    spent_when_paused: Duration,
    session_started: Option<Moment>,
    paused_since: Option<Moment>,
    paused_total: Duration,
    finished_at: Option<Moment>,
    completed: bool,
    notice: Option<AwayNotice>,
    /// The current phase's timing after `+`/`-`; `None` while it runs as written.
    adjusted: Option<crate::session::Timing>,
}

impl Runner {
    #[must_use]
    pub fn new(session: &Session) -> Self {
        Self::from_phases(session.phases())
    }

    #[must_use]
    pub fn from_phases(phases: Vec<Phase>) -> Self {
        let n = phases.len();
        Runner {
            phases,
            outcomes: vec![Outcome::Pending; n],
            index: 0,
            mode: Mode::Intro,
            started: Moment::ZERO,
            spent_when_paused: Duration::ZERO,
            session_started: None,
            paused_since: None,
            paused_total: Duration::ZERO,
            finished_at: None,
            completed: false,
            notice: None,
            adjusted: None,
        }
    }

    #[must_use]
    pub fn phases(&self) -> &[Phase] {
        &self.phases
    }

    #[must_use]
    pub fn index(&self) -> usize {
        self.index
    }

    #[must_use]
    pub fn mode(&self) -> Mode {
        self.mode
    }

    #[must_use]
    pub fn current(&self) -> Option<&Phase> {
        self.phases.get(self.index)
    }

    #[must_use]
    pub fn outcomes(&self) -> &[Outcome] {
        &self.outcomes
    }

    #[must_use]
    pub fn notice(&self) -> Option<&AwayNotice> {
        self.notice.as_ref()
    }

    /// Applies a user command.
    pub fn apply(&mut self, cmd: Command, now: Moment) -> Vec<Effect> {
        let mut effects = self.advance(now);
        if self.mode == Mode::Finished {
            return effects;
        }
        match cmd {
            Command::Start => self.start(now, &mut effects),
            Command::TogglePause => self.toggle_pause(now, &mut effects),
            Command::Release => self.release(now, &mut effects),
            Command::Next => self.skip_to_next(now, &mut effects),
            Command::Previous => self.previous(now, &mut effects),
            Command::Restart => self.restart(now, &mut effects),
            Command::Finish => self.finish(now, false, &mut effects),
            Command::MoreTime => self.adjust(true, now, &mut effects),
            Command::LessTime => self.adjust(false, now, &mut effects),
        }
        effects
    }

    /// Completes whatever is due at `now`.
    pub fn advance(&mut self, now: Moment) -> Vec<Effect> {
        let mut effects = Vec::new();
        if self.mode != Mode::Running {
            return effects;
        }
        let deadline = self.started + self.timing().max();
        if now < deadline {
            return effects;
        }
        if now - deadline > AWAY_AFTER {
            self.miss_while_away(&mut effects);
            return effects;
        }
        // Chained deadlines: each phase starts exactly where the last one ended.
        let mut deadline = deadline;
        while self.mode == Mode::Running && now >= deadline {
            self.end_phase(true, &mut effects);
            self.enter(self.index + 1, deadline, &mut effects);
            deadline = self.started + self.timing().max();
        }
        effects
    }

    fn miss_while_away(&mut self, effects: &mut Vec<Effect>) {
        // Only the phase that was running ended; the next one waits for the user instead of
        // racing through phases nobody watched.
        let ended_at = self.started + self.timing().max();
        let ended = self.index;
        self.end_phase(true, effects);
        if ended + 1 >= self.phases.len() {
            effects.push(Effect::MissedWhileAway {
                ended,
                resume_at: ended,
            });
            self.finish(ended_at, true, effects);
            return;
        }
        self.index = ended + 1;
        self.adjusted = None;
        self.notice = Some(AwayNotice {
            phase: ended,
            ended_at,
        });
        self.mode = Mode::Paused;
        self.spent_when_paused = Duration::ZERO;
        // The wait counts as a pause, from the moment the phase ended.
        self.paused_since = Some(ended_at);
        effects.push(Effect::MissedWhileAway {
            ended,
            resume_at: self.index,
        });
        effects.push(Effect::PhaseStarted(self.index));
        effects.push(Effect::Paused);
    }

    fn start(&mut self, now: Moment, effects: &mut Vec<Effect>) {
        if self.mode != Mode::Intro {
            return;
        }
        if self.phases.is_empty() {
            self.finish(now, true, effects);
            return;
        }
        self.session_started = Some(now);
        effects.push(Effect::SessionStarted);
        self.enter(0, now, effects);
    }

    fn toggle_pause(&mut self, now: Moment, effects: &mut Vec<Effect>) {
        match self.mode {
            Mode::Running => {
                self.spent_when_paused = now - self.started;
                self.paused_since = Some(now);
                self.mode = Mode::Paused;
                effects.push(Effect::Paused);
            }
            Mode::Paused => self.resume(now, effects),
            Mode::Intro => self.start(now, effects),
            Mode::Finished => {}
        }
    }

    fn resume(&mut self, now: Moment, effects: &mut Vec<Effect>) {
        if let Some(since) = self.paused_since.take() {
            self.paused_total += now - since;
        }
        self.started =
            Moment::from_duration(now.since_origin().saturating_sub(self.spent_when_paused));
        self.mode = Mode::Running;
        self.notice = None;
        effects.push(Effect::Resumed);
    }

    fn release(&mut self, now: Moment, effects: &mut Vec<Effect>) {
        match self.mode {
            Mode::Intro => self.start(now, effects),
            Mode::Paused if self.notice.is_some() => self.resume(now, effects),
            Mode::Running | Mode::Paused => match self.until_release(now) {
                Some(wait) if wait > Duration::ZERO => {
                    effects.push(Effect::ReleaseTooEarly { wait })
                }
                Some(_) => {
                    self.end_phase(true, effects);
                    self.enter(self.index + 1, now, effects);
                }
                None => {}
            },
            Mode::Finished => {}
        }
    }

    fn skip_to_next(&mut self, now: Moment, effects: &mut Vec<Effect>) {
        if self.mode == Mode::Intro {
            return;
        }
        // Released range phases past their minimum count as done, not skipped.
        let done = self.until_release(now) == Some(Duration::ZERO);
        self.end_phase(done, effects);
        let paused = self.mode == Mode::Paused;
        self.enter(self.index + 1, now, effects);
        if paused && self.mode == Mode::Running {
            self.toggle_pause(now, effects);
        }
    }

    fn previous(&mut self, now: Moment, effects: &mut Vec<Effect>) {
        if self.mode == Mode::Intro {
            return;
        }
        let target = self.index.saturating_sub(1);
        self.outcomes[self.index] = Outcome::Pending;
        self.outcomes[target] = Outcome::Pending;
        self.jump(target, now, effects);
    }

    fn restart(&mut self, now: Moment, effects: &mut Vec<Effect>) {
        if self.mode == Mode::Intro {
            return;
        }
        self.jump(self.index, now, effects);
    }

    /// Moves to `index` at its beginning, keeping the paused state.
    fn jump(&mut self, index: usize, now: Moment, effects: &mut Vec<Effect>) {
        self.notice = None;
        self.index = index;
        self.adjusted = None;
        self.spent_when_paused = Duration::ZERO;
        self.started = now;
        effects.push(Effect::PhaseStarted(index));
    }

    fn end_phase(&mut self, completed: bool, effects: &mut Vec<Effect>) {
        self.outcomes[self.index] = if completed {
            Outcome::Done
        } else {
            Outcome::Skipped
        };
        effects.push(Effect::PhaseEnded {
            index: self.index,
            completed,
        });
    }

    /// Enters phase `index` running from `at`, or finishes when there is none.
    fn enter(&mut self, index: usize, at: Moment, effects: &mut Vec<Effect>) {
        self.notice = None;
        if index >= self.phases.len() {
            // Reaching the end completes the session, skipped phases or not.
            self.finish(at, true, effects);
            return;
        }
        if let Some(since) = self.paused_since.take() {
            self.paused_total += at - since;
        }
        self.index = index;
        self.adjusted = None;
        self.started = at;
        self.spent_when_paused = Duration::ZERO;
        self.mode = Mode::Running;
        effects.push(Effect::PhaseStarted(index));
    }

    fn finish(&mut self, at: Moment, completed: bool, effects: &mut Vec<Effect>) {
        if let Some(since) = self.paused_since.take() {
            self.paused_total += at - since;
        }
        self.mode = Mode::Finished;
        self.finished_at = Some(at);
        self.completed = completed;
        effects.push(Effect::SessionFinished { completed });
    }
}
