//! `knotless run SESSION --plain`: no full-screen drawing, one line per event. Drives the same
//! pure [`Runner`] with the real clock, sleeping until the next event (a phase's end, its
//! 10-seconds warning) instead of ticking; every line comes from [`Narrator`], instructions
//! and cautions included. Keys work when stdin is a terminal; history is
//! recorded as in the TUI.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::clock::{Clock, Moment, SystemClock};
use crate::flags::ReminderFlags;
use crate::narrate::{ChimeSet, Chimer, Narration, Narrator, Utterances, VoiceDetail, heading};
use crate::remind::protocol::{ReminderEvent, SchedulerCommand};
use crate::runner::{Command, Effect, Mode, Runner};
use crate::runtime::inbox::Inbox;
use crate::runtime::{Event, HistoryJob, HistoryReport, Runtime, caught_signals, configure};
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
    let (config, setup) = match configure(flags, false) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let Some((tx, mut inbox)) = Inbox::open(caught_signals(false)) else {
        super::report("cannot watch for Ctrl-C; try again");
        return ExitCode::from(super::EXIT_INVALID);
    };
    let keys = std::io::stdin().is_terminal();
    let _raw = if keys { RawStdin::enter() } else { None };
    if keys {
        say(&keys_line());
    }
    let clock = SystemClock;
    let mut plain = Plain::new(session, &clock, Runtime::new(Program::Plain, setup, tx));
    plain.voice = Voice {
        on: config.voice.enabled || flags.voice,
        detail: config.voice.detail,
    };
    plain.chimes = (config.sound.enabled && !flags.quiet).then_some(config.sound.chimes);
    say(&heading(&plain.session));
    let effects = plain.runner.apply(Command::Start, clock.now());
    plain.effects(&effects, keys);
    // Reminders are held while the session runs, as in the TUI; `--no-remind` turns them off.
    if let Err(e) = plain.runtime.start_reminders(true) {
        super::report(&e);
    }
    let exit = plain.run(&mut inbox, keys);
    if plain.completed {
        plain.runtime.finish_cues();
    }
    plain.runtime.shutdown();
    let mut rest = Vec::new();
    inbox.queued(&mut rest);
    for event in rest {
        plain.other(event);
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
    voice: Voice,
    /// The chimes that play; `None` when sounds are off or the sound server failed.
    chimes: Option<ChimeSet>,
    chimer: Chimer,
    /// The session ran to its end (its last words are then said in full).
    completed: bool,
    /// This instance's part in the shared break schedule, as last said.
    sharing: Option<crate::status::Sharing>,
}

/// The voice in plain mode: the config or `--voice`, and `v`.
#[derive(Clone, Copy, Default)]
struct Voice {
    on: bool,
    detail: VoiceDetail,
}

impl<'a> Plain<'a> {
    fn new(session: Session, clock: &'a dyn Clock, runtime: Runtime) -> Self {
        Plain {
            runner: Runner::new(&session),
            session,
            clock,
            runtime,
            narrator: Narrator::new(),
            voice: Voice::default(),
            chimes: None,
            chimer: Chimer::new(),
            completed: false,
            sharing: None,
        }
    }

    /// Until the session ends or a signal ends it. Keys come from stdin (a terminal) in the
    /// same `poll` as the signals and the runtime's events.
    fn run(&mut self, inbox: &mut Inbox, keys: bool) -> ExitCode {
        let mut exit = ExitCode::SUCCESS;
        let mut stdin_open = keys;
        let mut batch = Vec::new();
        while self.runner.mode() != Mode::Finished {
            let wait = self.next_wake(self.clock.now());
            let stdin = stdin_open.then(rustix::stdio::stdin);
            match inbox.wait(stdin, wait, &mut batch) {
                Ok(ready) if ready.input || ready.gone => stdin_open = read_keys(&mut batch),
                Ok(_) => {}
                // `poll` itself failed: nothing can come any more, only time moves on.
                Err(_) if wait.is_none() => return exit,
                Err(_) => std::thread::sleep(wait.unwrap_or_default()),
            }
            if batch.is_empty() {
                let effects = self.runner.advance(self.clock.now());
                self.effects(&effects, keys);
            }
            for event in batch.drain(..) {
                self.event(event, &mut exit, keys);
            }
        }
        exit
    }

    /// One event: a key, a signal (the session ends with its exit status), or news.
    fn event(&mut self, event: Event, exit: &mut ExitCode, keys: bool) {
        let now = self.clock.now();
        let command = match event {
            Event::Key(key) if action_for(key, Context::Running) == Some(Action::ToggleVoice) => {
                self.toggle_voice();
                return;
            }
            Event::Key(key) if action_for(key, Context::Running) == Some(Action::Help) => {
                say(&keys_line());
                return;
            }
            Event::Key(key) => action_for(key, Context::Running).and_then(command_for),
            Event::Signal(sig) => {
                *exit = crate::exit::for_signal(sig);
                Some(Command::Finish)
            }
            other => {
                self.other(other);
                return;
            }
        };
        let effects = match command {
            Some(c) => self.runner.apply(c, now),
            None => self.runner.advance(now),
        };
        self.effects(&effects, keys);
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
            Event::Reminder(ReminderEvent::StatusChanged(status)) => {
                // Another knotless keeps the break schedule: this one's `--every` waits, as
                // `remind` and the app's screens say too.
                if let Some(sharing) = self.runtime.sharing()
                    && let Some(words) = sharing.change_words(self.sharing.replace(sharing))
                {
                    say(&format!("Break reminders: {words}."));
                }
                self.publish(Some(&status));
            }
            // On stderr: stdout carries the narration alone.
            Event::VoiceFailed(reason) if self.voice.on => {
                self.voice.on = false;
                super::report(&format!("voice off: {}", crate::text::sanitize(&reason)));
            }
            Event::SoundFailed(_, reason) if self.chimes.take().is_some() => {
                super::report(&format!("sounds off: {}", crate::text::sanitize(&reason)));
            }
            _ => {}
        }
    }
    /// When to wake next: the phase's end or a moment within it. `None` while paused.
    fn next_wake(&self, now: Moment) -> Option<Duration> {
        let words = self.narrator.next_due(&self.runner, now);
        let tick = self.chimer.next_due(&self.runner, now);
        match (words, tick.filter(|_| self.chimes.is_some())) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn effects(&mut self, effects: &[Effect], keys: bool) {
        let now = self.clock.now();
        let said = self
            .narrator
            .effects(&self.session, &self.runner, effects, now);
        self.say_all(&said);
        let chimes = self.chimer.effects(&self.runner, effects, now);
        if let Some(set) = self.chimes {
            for chime in chimes.into_iter().filter(|c| set.contains(*c)) {
                self.runtime.play(chime);
            }
        }
        for effect in effects {
            match effect {
                Effect::SessionStarted => self.record_start(),
                Effect::PhaseEnded { .. } => self.record_progress(now, None),
                Effect::SessionFinished { completed } => {
                    self.completed = *completed;
                    self.record_progress(now, Some(*completed));
                    self.runtime.scheduler(SchedulerCommand::SessionEnded);
                }
                Effect::MissedWhileAway { .. } if !keys => {
                    // Nobody can press Enter: go on with the next phase.
                    let more = self.runner.apply(Command::Release, now);
                    let said = self
                        .narrator
                        .effects(&self.session, &self.runner, &more, now);
                    self.say_all(&said);
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

impl Plain<'_> {
    /// Prints every line, and speaks what the voice says of them while it is on.
    fn say_all(&mut self, narration: &[Narration]) {
        for n in narration {
            say(&n.text);
        }
        if self.voice.on
            && let Some(utterances) = Utterances::of(narration, self.voice.detail)
        {
            self.runtime.speak(utterances);
        }
    }

    /// `v`: as in the TUI.
    fn toggle_voice(&mut self) {
        self.voice.on = !self.voice.on;
        if self.voice.on {
            say("Voice on");
            self.runtime.speak(Utterances::just("Voice on"));
        } else {
            say("Voice off");
            self.runtime.silence();
        }
    }
}

/// One line to stdout. A reader that went away (a closed pipe) is not an error here: the
/// session goes on, and history records it.
fn say(line: &str) {
    super::out(format_args!("{line}\n"));
}

/// Reads the keys that stdin (a terminal, ready to read) holds; `false` once it is closed.
fn read_keys(out: &mut Vec<Event>) -> bool {
    let mut bytes = [0u8; 64];
    let read = match rustix::io::read(rustix::stdio::stdin(), &mut bytes) {
        Ok(0) => return false,
        Ok(n) => n,
        Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => return true,
        Err(_) => return false,
    };
    for byte in &bytes[..read] {
        let code = match *byte {
            b'\r' | b'\n' => KeyCode::Enter,
            0x1b => KeyCode::Esc,
            b if b.is_ascii_graphic() || b == b' ' => KeyCode::Char(char::from(b)),
            _ => continue,
        };
        out.push(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
    true
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
