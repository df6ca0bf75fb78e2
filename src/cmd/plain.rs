//! `knotless run SESSION --plain`: no full-screen drawing, one line per event. Drives the same
//! pure [`Runner`] with the real clock, sleeping until the next event (a phase's end, its
//! 10-seconds warning) instead of ticking; every line comes from [`Narrator`], instructions
//! and cautions included. Keys work when stdin is a terminal; history is
//! recorded as in the TUI.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::clock::{Clock, Moment, SystemClock};
use crate::flags::ReminderFlags;
use crate::narrate::{Narration, Narrator, heading};
use crate::remind::protocol::{ReminderEvent, SchedulerCommand};
use crate::runner::{Command, Effect, Mode, Runner};
use crate::runtime::{Event, HistoryJob, HistoryReport, Runtime, configure, spawn_signals};
use crate::session::Session;
use crate::session::library::Library;
use crate::status::{Program, SessionState};
use crate::tui::keymap::{Action, Context, Footer, action_for, footer};

/// Plain mode is chosen automatically where full-screen drawing cannot work.
#[must_use]
pub fn wanted() -> bool {
    !std::io::stdout().is_terminal() || std::env::var("TERM").is_ok_and(|t| t == "dumb")
}

/// The runner command for a key's action in plain mode; `q` ends the session at once.
fn command_for(action: Action) -> Option<Command> {
    match action {
        Action::Quit | Action::Back | Action::Interrupt => Some(Command::Finish),
        other => crate::tui::state::session::runner_command(other),
    }
}

/// "Keys: Space pause, Enter move on, ...": from the one key table.
fn keys_line() -> String {
    let keys: Vec<String> = footer(Footer::Plain)
        .iter()
        .map(|h| format!("{} {}", h.keys, h.word))
        .collect();
    format!("Keys: {}", keys.join(", "))
}

#[must_use]
pub fn run(arg: &str, flags: &ReminderFlags) -> ExitCode {
    let library = Library::load(crate::paths::user_sessions_dir().as_deref());
    let session = match library.resolve(arg) {
        Ok(s) => s,
        Err(e) => {
            super::report(e.to_string().trim_end());
            return ExitCode::from(super::EXIT_INVALID);
        }
    };
    let (_, setup) = match configure(flags, false) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let (tx, rx) = mpsc::channel();
    let signals = spawn_signals(tx.clone(), false);
    let keys = std::io::stdin().is_terminal();
    let _raw = if keys { RawStdin::enter() } else { None };
    if keys {
        spawn_keys(tx.clone());
        say(&keys_line());
    }
    let clock = SystemClock;
    let mut plain = Plain::new(session, &clock, Runtime::new(Program::Plain, setup, tx));
    say(&heading(&plain.session));
    let effects = plain.runner.apply(Command::Start, clock.now());
    plain.effects(&effects, keys);
    // Reminders are held while the session runs, as in the TUI; `--no-remind` turns them off.
    if let Err(e) = plain.runtime.start_reminders(true) {
        super::report(&e);
    }
    let exit = plain.run(&rx, keys);
    plain.runtime.shutdown();
    for event in rx.try_iter() {
        plain.other(event);
    }
    if let Some(signals) = signals {
        signals.close();
    }
    exit
}

/// The session, its runner and the runtime that records it.
struct Plain<'a> {
    session: Session,
    runner: Runner,
    clock: &'a dyn Clock,
    runtime: Runtime,
    /// Which within-phase moments (the warning, a hold's minimum) were said.
    narrator: Narrator,
}

impl<'a> Plain<'a> {
    fn new(session: Session, clock: &'a dyn Clock, runtime: Runtime) -> Self {
        Plain {
            runner: Runner::new(&session),
            session,
            clock,
            runtime,
            narrator: Narrator::new(),
        }
    }

    fn run(&mut self, rx: &mpsc::Receiver<Event>, keys: bool) -> ExitCode {
        let mut exit = ExitCode::SUCCESS;
        while self.runner.mode() != Mode::Finished {
            let now = self.clock.now();
            let event = match self.next_wake(now) {
                Some(wait) => rx.recv_timeout(wait),
                None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            let now = self.clock.now();
            let command = match event {
                Ok(Event::Key(key)) => action_for(key, Context::Running).and_then(command_for),
                Ok(Event::Signal(sig)) => {
                    exit = crate::exit::for_signal(sig);
                    Some(Command::Finish)
                }
                Ok(other) => {
                    self.other(other);
                    continue;
                }
                Err(RecvTimeoutError::Timeout) => None,
                // Nothing can come any more: only time moves on, and a pause would never end.
                Err(RecvTimeoutError::Disconnected) if self.next_wake(now).is_none() => {
                    Some(Command::Finish)
                }
                Err(RecvTimeoutError::Disconnected) => None,
            };
            let effects = match command {
                Some(c) => self.runner.apply(c, now),
                None => self.runner.advance(now),
            };
            self.effects(&effects, keys);
        }
        exit
    }

    /// Events besides keys and signals: history's one-line failure, reminders.
    fn other(&mut self, event: Event) {
        if let Event::Reminder(reminder) = &event
            && let Some(outcome) = reminder.history_outcome()
        {
            let at = jiff::Timestamp::now();
            self.runtime.history(HistoryJob::Reminder { at, outcome });
        }
        match event {
            Event::History(HistoryReport::Off(reason)) => {
                super::report(&format!("history is off: {reason}"));
            }
            Event::Reminder(ReminderEvent::Fired { summary, body, .. }) => {
                say(&format!("{summary}: {body}"));
            }
            Event::Reminder(ReminderEvent::StatusChanged(status)) => self.publish(Some(&status)),
            _ => {}
        }
    }
    /// When to wake next: the phase's end or a moment within it. `None` while paused.
    fn next_wake(&self, now: Moment) -> Option<Duration> {
        self.narrator.next_due(&self.runner, now)
    }

    fn effects(&mut self, effects: &[Effect], keys: bool) {
        let now = self.clock.now();
        say_all(
            &self
                .narrator
                .effects(&self.session, &self.runner, effects, now),
        );
        for effect in effects {
            match effect {
                Effect::SessionStarted => self.record_start(),
                Effect::PhaseEnded { .. } => self.record_progress(now, None),
                Effect::SessionFinished { completed } => {
                    self.record_progress(now, Some(*completed));
                    self.runtime.scheduler(SchedulerCommand::SessionEnded);
                }
                Effect::MissedWhileAway { .. } if !keys => {
                    // Nobody can press Enter: go on with the next phase.
                    let more = self.runner.apply(Command::Release, now);
                    say_all(
                        &self
                            .narrator
                            .effects(&self.session, &self.runner, &more, now),
                    );
                }
                _ => {}
            }
        }
        self.publish(None);
    }

    fn publish(&mut self, reminders: Option<&crate::remind::schedule::ScheduleStatus>) {
        let now = self.clock.now();
        let session =
            SessionState::from_runner(&self.session, &self.runner, now, self.runtime.anchor());
        self.runtime.publish(session, reminders);
    }

    fn record_start(&mut self) {
        self.runtime.history(HistoryJob::StartRun {
            session: self.session.id.clone(),
            title: self.session.title.clone(),
            at: self.clock.wall(),
            pain: None,
        });
    }

    fn record_progress(&mut self, now: Moment, finished: Option<bool>) {
        let summary = self.runner.summary(now);
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let (done, skipped) = (count(summary.done), count(summary.skipped));
        self.runtime.history(match finished {
            None => HistoryJob::Progress { done, skipped },
            Some(completed) => HistoryJob::FinishRun {
                at: self.clock.wall(),
                completed,
                done,
                skipped,
            },
        });
    }
}

fn say_all(narration: &[Narration]) {
    for n in narration {
        say(&n.text);
    }
}

/// One line to stdout. A reader that went away (a closed pipe) is not an error here.
fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// Reads keys from the terminal on stdin; blocks, never polls.
fn spawn_keys(tx: Sender<Event>) {
    let _ = std::thread::Builder::new()
        .name("keys".into())
        .spawn(move || {
            let mut stdin = std::io::stdin().lock();
            let mut byte = [0u8; 1];
            while let Ok(1) = stdin.read(&mut byte) {
                let code = match byte[0] {
                    b'\r' | b'\n' => KeyCode::Enter,
                    0x1b => KeyCode::Esc,
                    b if b.is_ascii_graphic() || b == b' ' => KeyCode::Char(char::from(b)),
                    _ => continue,
                };
                let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
                if tx.send(event).is_err() {
                    return;
                }
            }
        });
}

/// Stdin without line buffering or echo, so single keys arrive; output processing and
/// Ctrl-C stay as they were. Restored on drop.
struct RawStdin {
    saved: rustix::termios::Termios,
}

impl RawStdin {
    fn enter() -> Option<RawStdin> {
        use rustix::termios::{
            LocalModes, OptionalActions, SpecialCodeIndex, tcgetattr, tcsetattr,
        };
        let stdin = std::io::stdin();
        let saved = tcgetattr(&stdin).ok()?;
        let mut raw = saved.clone();
        raw.local_modes
            .remove(LocalModes::ICANON | LocalModes::ECHO);
        raw.special_codes[SpecialCodeIndex::VMIN] = 1;
        raw.special_codes[SpecialCodeIndex::VTIME] = 0;
        tcsetattr(&stdin, OptionalActions::Now, &raw).ok()?;
        Some(RawStdin { saved })
    }
}

impl Drop for RawStdin {
    fn drop(&mut self) {
        let _ = rustix::termios::tcsetattr(
            std::io::stdin(),
            rustix::termios::OptionalActions::Now,
            &self.saved,
        );
    }
}
