//! The session screen's state: one session's runner, the cue or hint under the countdown and
//! the pain check-ins. Changed only through `handle` and `tick`, which return effects.

use std::time::Duration;

use crate::alert::Alerts;
use crate::clock::Moment;
use crate::narrate::{ChimeSet, Chimer, Narrator, Utterances, VoiceDetail};
use crate::remind::protocol::SchedulerCommand;
use crate::runner::{Command, Effect as RunnerEffect, Mode, Runner};
use crate::runtime::HistoryJob;
use crate::session::Session;
use crate::tui::effects::Effect;
use crate::tui::keymap::Action;

/// The cue under the countdown as the last phase ended (the hold hint is live, from the
/// runner, and not a message).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
}

/// What the session screen needs from the rest of the app for one key or tick.
#[derive(Clone, Copy, Debug)]
pub struct Ctx {
    pub now: Moment,
    pub wall: jiff::Timestamp,
    pub checkin: bool,
    pub quiet: bool,
    /// How much the voice says; `None` while it is off.
    pub voice: Option<VoiceDetail>,
    /// The chimes that play; `None` while sounds are off (the bell rings instead).
    pub chimes: Option<ChimeSet>,
    /// The shortest phase told through `alerts` as it ends, while the user may be away;
    /// `None` while the terminal has focus.
    pub away_after: Option<Duration>,
    pub alerts: Alerts,
}

/// What the app must do after the session screen handled something.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    Stay,
    /// Leave the session screen (home, or quit for `knotless run`).
    Leave,
    /// Ask "leave this session?".
    ConfirmLeave,
    /// Leave the session and quit knotless (`q` on the summary, as on home).
    Quit,
}

#[derive(Debug)]
pub struct SessionState {
    session: Session,
    runner: Runner,
    message: Option<Message>,
    pain_before: Option<u8>,
    pain_after: Option<u8>,
    /// Typing "1" then "0" gives 10: remembers a pending "1".
    pending_one: bool,
    /// The words for each moment, for the voice: fed every runner effect, said or not, so
    /// turning the voice on mid-phase does not bring back a warning already past.
    narrator: Narrator,
    /// The chimes for each moment, fed like the narrator.
    chimer: Chimer,
}

impl SessionState {
    #[must_use]
    pub fn new(session: Session) -> SessionState {
        SessionState {
            runner: Runner::new(&session),
            session,
            message: None,
            pain_before: None,
            pain_after: None,
            pending_one: false,
            narrator: Narrator::new(),
            chimer: Chimer::new(),
        }
    }

    #[must_use]
    pub fn session(&self) -> &Session {
        &self.session
    }

    #[must_use]
    pub fn runner(&self) -> &Runner {
        &self.runner
    }

    #[must_use]
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    #[must_use]
    pub fn pain_before(&self) -> Option<u8> {
        self.pain_before
    }

    #[must_use]
    pub fn pain_after(&self) -> Option<u8> {
        self.pain_after
    }

    #[must_use]
    pub fn mode(&self) -> Mode {
        self.runner.mode()
    }

    /// A countdown is on (running or paused).
    #[must_use]
    pub fn active(&self) -> bool {
        matches!(self.mode(), Mode::Running | Mode::Paused)
    }

    #[must_use]
    pub fn next_visible_change(&self, now: Moment) -> Option<Duration> {
        self.runner.next_visible_change(now)
    }

    /// The next visible change, or sooner the next moment the voice has words for (the
    /// 10-seconds warning, a hold's minimum) or a count-in tick, for those that are on.
    #[must_use]
    pub fn next_cue_change(&self, now: Moment, voice: bool, sound: bool) -> Option<Duration> {
        let due = [
            self.runner.next_visible_change(now),
            self.narrator.next_due(&self.runner, now).filter(|_| voice),
            self.chimer.next_due(&self.runner, now).filter(|_| sound),
        ];
        due.into_iter().flatten().min()
    }

    /// Time passed: complete whatever is due.
    pub fn tick(&mut self, ctx: Ctx, out: &mut Vec<Effect>) {
        let effects = self.runner.advance(ctx.now);
        self.apply_effects(&effects, ctx, out);
    }

    pub fn handle(&mut self, action: Action, ctx: Ctx, out: &mut Vec<Effect>) -> Next {
        let checkin = ctx.checkin;
        match (self.mode(), action) {
            (Mode::Intro, Action::Select | Action::TogglePause) => {
                self.command(Command::Start, ctx, out);
            }
            (Mode::Intro, Action::Digit(d)) if checkin => self.rate(true, d, out),
            (Mode::Intro, Action::Skip) if checkin => self.rate_skip(true, out),
            (Mode::Intro, Action::Quit | Action::Back) | (Mode::Finished, Action::Back) => {
                return Next::Leave;
            }
            (Mode::Finished, Action::Quit) => return Next::Quit,
            (Mode::Finished, Action::Digit(d)) if checkin => self.rate(false, d, out),
            (Mode::Finished, Action::Skip) if checkin => self.rate_skip(false, out),
            (Mode::Finished, Action::Select) => return Next::Leave,
            (Mode::Running | Mode::Paused, Action::Quit | Action::Back) => {
                return Next::ConfirmLeave;
            }
            (Mode::Running | Mode::Paused, action) => {
                if let Some(cmd) = runner_command(action) {
                    self.command(cmd, ctx, out);
                }
            }
            _ => {}
        }
        Next::Stay
    }

    /// Ends a running session early (not completed), so history says so.
    pub fn stop(&mut self, ctx: Ctx, out: &mut Vec<Effect>) {
        if self.active() {
            self.command(Command::Finish, ctx, out);
        }
    }

    pub fn pause_if_running(&mut self, ctx: Ctx, out: &mut Vec<Effect>) {
        if self.mode() == Mode::Running {
            self.command(Command::TogglePause, ctx, out);
        }
    }

    fn command(&mut self, cmd: Command, ctx: Ctx, out: &mut Vec<Effect>) {
        let effects = self.runner.apply(cmd, ctx.now);
        if matches!(cmd, Command::Restart | Command::Previous | Command::Next) {
            self.message = None;
        }
        self.apply_effects(&effects, ctx, out);
    }

    fn apply_effects(&mut self, effects: &[RunnerEffect], ctx: Ctx, out: &mut Vec<Effect>) {
        let said = self
            .narrator
            .effects(&self.session, &self.runner, effects, ctx.now);
        if let Some(utterances) = ctx.voice.and_then(|d| Utterances::of(&said, d)) {
            out.push(Effect::Speak(utterances));
        }
        let chimes = self.chimer.effects(&self.runner, effects, ctx.now);
        if let Some(set) = ctx.chimes {
            let wanted = chimes.into_iter().filter(|c| set.contains(*c));
            out.extend(wanted.map(Effect::Chime));
        }
        for effect in effects {
            match effect {
                RunnerEffect::SessionStarted => {
                    self.pending_one = false;
                    out.push(Effect::Scheduler(SchedulerCommand::SessionStarted));
                    out.push(Effect::History(HistoryJob::StartRun {
                        session: self.session.id.clone(),
                        title: self.session.title.clone(),
                        at: ctx.wall,
                        pain: self.pain_before,
                    }));
                }
                RunnerEffect::PhaseEnded { index, completed } => {
                    self.phase_ended(*index, *completed, ctx, out);
                }
                RunnerEffect::SessionFinished { completed } => {
                    self.pending_one = false;
                    let (done, skipped) = self.progress(ctx.now);
                    out.push(Effect::History(HistoryJob::FinishRun {
                        at: ctx.wall,
                        completed: *completed,
                        done,
                        skipped,
                    }));
                    out.push(Effect::Scheduler(SchedulerCommand::SessionEnded));
                }
                RunnerEffect::MissedWhileAway { .. } if !ctx.quiet => out.push(Effect::Bell),
                // The running screen's hold hint already says how long is left, live.
                RunnerEffect::MissedWhileAway { .. }
                | RunnerEffect::ReleaseTooEarly { .. }
                | RunnerEffect::PhaseStarted(_)
                | RunnerEffect::TimeChanged { .. }
                | RunnerEffect::Paused
                | RunnerEffect::Resumed => {}
            }
        }
    }

    fn progress(&self, now: Moment) -> (u32, u32) {
        let summary = self.runner.summary(now);
        (count(summary.done), count(summary.skipped))
    }

    fn phase_ended(&mut self, index: usize, completed: bool, ctx: Ctx, out: &mut Vec<Effect>) {
        let Some(phase) = self.runner.phases().get(index) else {
            return;
        };
        // The bell when no chime plays: sounds off, or no sound server.
        if completed && !ctx.quiet && ctx.chimes.is_none() {
            out.push(Effect::Bell);
        }
        if completed && ctx.away_after.is_some_and(|min| phase.timing.max() >= min) {
            self.away(index, ctx.alerts, out);
        }
        // Recorded as phases end, so a run killed mid-way keeps the phases it did.
        if self.runner.mode() != Mode::Finished {
            let (done, skipped) = self.progress(ctx.now);
            out.push(Effect::History(HistoryJob::Progress { done, skipped }));
        }
        // The cue line says what plain mode and a voice say as the phase ends.
        self.message = crate::narrate::phase_cue(&self.session, phase, completed)
            .map(|n| Message { text: n.text });
    }

    /// A long phase ended while the user may be away: "Heat on the knot is done. Next: …" on
    /// the desktop and, where configured, through the terminal (OSC 9 / 777).
    fn away(&self, index: usize, alerts: Alerts, out: &mut Vec<Effect>) {
        let (summary, body) =
            crate::narrate::away_words(&self.session, self.runner.phases(), index);
        if alerts.terminal {
            out.push(Effect::TerminalAlert {
                summary: summary.clone().into(),
                body: body.clone().into(),
            });
        }
        if alerts.desktop {
            out.push(Effect::Away { summary, body });
        }
    }

    /// A digit on a check-in: 0–9, `+` for 10, or "1" then "0".
    fn rate(&mut self, before: bool, digit: u8, out: &mut Vec<Effect>) {
        let rating = if self.pending_one && digit == 0 {
            10
        } else {
            digit
        };
        self.pending_one = digit == 1;
        self.set_rating(before, Some(rating.min(10)), out);
    }

    fn rate_skip(&mut self, before: bool, out: &mut Vec<Effect>) {
        self.pending_one = false;
        self.set_rating(before, None, out);
    }

    fn set_rating(&mut self, before: bool, rating: Option<u8>, out: &mut Vec<Effect>) {
        if before {
            // Written with the run's start: the run does not exist yet.
            self.pain_before = rating;
        } else {
            self.pain_after = rating;
            out.push(Effect::History(HistoryJob::PainAfter { rating }));
        }
    }
}

/// The runner command a key's action stands for in a countdown (plain mode uses it too).
#[must_use]
pub fn runner_command(action: Action) -> Option<Command> {
    Some(match action {
        Action::TogglePause => Command::TogglePause,
        Action::Select => Command::Release,
        Action::Next => Command::Next,
        Action::Previous => Command::Previous,
        Action::Restart => Command::Restart,
        Action::MoreTime => Command::MoreTime,
        Action::LessTime => Command::LessTime,
        _ => return None,
    })
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
