//! `knotless run SESSION --plain`: no full-screen drawing, one line per event. Drives the same
//! pure [`Runner`] with the real clock, sleeping until the next event (a phase's end, its
//! 10-seconds warning) instead of ticking. Keys work when stdin is a terminal; history is
//! recorded as in the TUI.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

use crate::cli::ReminderFlags;
use crate::clock::{Clock, Moment, SystemClock};
use crate::history::{RunId, Store};
use crate::narrate::{WARN_BEFORE, WARN_PHASES_FROM, effect_lines, heading};
use crate::runner::{Command, Effect, Mode, Runner};
use crate::session::Session;
use crate::session::library::Library;
use crate::status::file::StateFile;
use crate::status::{Program, SessionState, StatusState, WallAnchor};

/// Plain mode is chosen automatically where full-screen drawing cannot work.
#[must_use]
pub fn wanted() -> bool {
    !std::io::stdout().is_terminal() || std::env::var("TERM").is_ok_and(|t| t == "dumb")
}

enum Event {
    Key(Command),
    Quit,
    Signal(i32),
}

#[must_use]
pub fn run(arg: &str, _flags: &ReminderFlags) -> ExitCode {
    let library = Library::load(crate::paths::user_sessions_dir().as_deref());
    let session = match library.resolve(arg) {
        Ok(s) => s,
        Err(e) => {
            super::report(e.to_string().trim_end());
            return ExitCode::from(super::EXIT_INVALID);
        }
    };
    let (tx, rx) = mpsc::channel();
    spawn_signals(tx.clone());
    let keys = std::io::stdin().is_terminal();
    let _raw = if keys { RawStdin::enter() } else { None };
    if keys {
        spawn_keys(tx);
        say("Keys: Space pause, Enter move on, n next, p previous, r restart, q quit");
    }
    let clock = SystemClock;
    let mut plain = Plain::new(session, &clock);
    say(&heading(&plain.session));
    let effects = plain.runner.apply(Command::Start, clock.now());
    plain.effects(&effects, keys);
    let mut exit = ExitCode::SUCCESS;
    while plain.runner.mode() != Mode::Finished {
        let now = clock.now();
        let event = match plain.next_wake(now) {
            Some(wait) => rx.recv_timeout(wait),
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        let now = clock.now();
        let command = match event {
            Ok(Event::Key(command)) => Some(command),
            Ok(Event::Quit) => Some(Command::Finish),
            Ok(Event::Signal(sig)) => {
                exit = ExitCode::from(u8::try_from(128 + sig).unwrap_or(1));
                Some(Command::Finish)
            }
            Err(RecvTimeoutError::Timeout) => None,
            // No keys and no signals can come: only time moves on, and a pause would never end.
            Err(RecvTimeoutError::Disconnected) if plain.next_wake(now).is_none() => {
                Some(Command::Finish)
            }
            Err(RecvTimeoutError::Disconnected) => None,
        };
        let effects = match command {
            Some(c) => plain.runner.apply(c, now),
            None => plain.runner.advance(now),
        };
        plain.effects(&effects, keys);
        plain.warn(now);
    }
    exit
}

/// The session, its runner and what records it.
struct Plain<'a> {
    session: Session,
    runner: Runner,
    clock: &'a dyn Clock,
    anchor: WallAnchor,
    store: Option<Store>,
    run: Option<RunId>,
    state: Option<StateFile>,
    /// The 10-seconds warning was given for the current phase.
    warned: bool,
}

impl<'a> Plain<'a> {
    fn new(session: Session, clock: &'a dyn Clock) -> Self {
        let store = match Store::open_default() {
            Ok(store) => Some(store),
            Err(e) => {
                super::report(&format!("history is off: {e}"));
                None
            }
        };
        Plain {
            runner: Runner::new(&session),
            session,
            clock,
            anchor: WallAnchor {
                moment: clock.now(),
                wall: clock.wall(),
            },
            store,
            run: None,
            state: StateFile::for_this_process(),
            warned: false,
        }
    }

    /// When to wake next: the phase's end or its warning. `None` while paused.
    fn next_wake(&self, now: Moment) -> Option<Duration> {
        if self.runner.mode() != Mode::Running {
            return None;
        }
        let left = self.runner.remaining(now)?;
        if self.wants_warning() && left > WARN_BEFORE {
            return Some(left - WARN_BEFORE);
        }
        Some(left)
    }

    fn wants_warning(&self) -> bool {
        !self.warned
            && self
                .runner
                .current()
                .is_some_and(|p| p.timing.max() >= WARN_PHASES_FROM)
    }

    fn warn(&mut self, now: Moment) {
        if self.runner.mode() == Mode::Running
            && self.wants_warning()
            && self.runner.remaining(now).is_some_and(|l| l <= WARN_BEFORE)
        {
            self.warned = true;
            say("10 seconds left");
        }
    }

    fn effects(&mut self, effects: &[Effect], keys: bool) {
        for line in effect_lines(effects, &self.session, &self.runner) {
            say(&line);
        }
        let now = self.clock.now();
        for effect in effects {
            match effect {
                Effect::PhaseStarted(_) => self.warned = false,
                Effect::SessionStarted => self.record_start(),
                Effect::PhaseEnded { .. } => self.record_progress(now, None),
                Effect::SessionFinished { completed } => {
                    self.record_progress(now, Some(*completed));
                }
                Effect::MissedWhileAway { .. } if !keys => {
                    // Nobody can press Enter: go on with the next phase.
                    let more = self.runner.apply(Command::Release, now);
                    for line in effect_lines(&more, &self.session, &self.runner) {
                        say(&line);
                    }
                }
                _ => {}
            }
        }
        let state = StatusState {
            pid: std::process::id(),
            program: Program::Plain,
            session: SessionState::from_runner(&self.session, &self.runner, now, &self.anchor),
            reminders: None,
        };
        if let Some(file) = &mut self.state {
            file.update(&state);
        }
    }

    fn record_start(&mut self) {
        let Some(store) = &self.store else { return };
        let wall = self.clock.wall();
        self.run = store
            .start_run(&self.session.id, &self.session.title, wall, None)
            .ok();
    }

    fn record_progress(&mut self, now: Moment, finished: Option<bool>) {
        let (Some(store), Some(id)) = (&self.store, self.run) else {
            return;
        };
        let summary = self.runner.summary(now);
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let (done, skipped) = (count(summary.done), count(summary.skipped));
        let _ = match finished {
            None => store.update_progress(id, done, skipped),
            Some(completed) => store.finish_run(id, self.clock.wall(), completed, done, skipped),
        };
    }
}

/// One line to stdout. A reader that went away (a closed pipe) is not an error here.
fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

fn spawn_signals(tx: Sender<Event>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) {
        let _ = std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for sig in signals.forever() {
                    if tx.send(Event::Signal(sig)).is_err() {
                        return;
                    }
                }
            });
    }
}

/// Reads keys from the terminal on stdin; blocks, never polls.
fn spawn_keys(tx: Sender<Event>) {
    let _ = std::thread::Builder::new()
        .name("keys".into())
        .spawn(move || {
            let mut stdin = std::io::stdin().lock();
            let mut byte = [0u8; 1];
            while let Ok(1) = stdin.read(&mut byte) {
                let event = match byte[0] {
                    b' ' => Event::Key(Command::TogglePause),
                    b'\r' | b'\n' => Event::Key(Command::Release),
                    b'n' => Event::Key(Command::Next),
                    b'p' => Event::Key(Command::Previous),
                    b'r' => Event::Key(Command::Restart),
                    b'q' => Event::Quit,
                    _ => continue,
                };
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
