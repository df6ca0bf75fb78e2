//! The TUI's input: terminal input (keys, the mouse wheel, resizes), the terminal's hang-up,
//! the signals and every service's events, all waited for on the main thread in the
//! runtime's one `poll` ([`Inbox`]).
//!
//! Signals are caught from [`Input::catch`] on, before the terminal is taken, so every signal
//! from then on takes the clean path; the terminal is first read after the first frame:
//! signals that arrive before wait in the self-pipe, keys in the terminal.

use std::os::fd::{AsFd, BorrowedFd};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event as TermEvent, MouseEventKind};
use signal_hook::consts::SIGWINCH;

use crate::runtime::inbox::Inbox;
use crate::runtime::{Event, EventSender, caught_signals};
use crate::tui::event_loop::Events;

/// How long crossterm may wait for what made the terminal readable (the rest of an escape
/// sequence), and how long, after a burst was handed on, it may wait for more.
const DRAIN: Duration = Duration::from_millis(1);

/// How long crossterm may take to hand on the other events it parsed from the same read.
/// crossterm keeps what it parsed to itself and answers a `poll` of zero without looking
/// at it, and a wait of less than a millisecond is a non-blocking check that it repeats:
/// this is the longest it spins when nothing is left. What it still holds after a
/// preemption is taken at the next wait ([`Input::unread`]).
const MORE: Duration = Duration::from_micros(50);

/// The runtime's inbox and the terminal (`None`: there is none to read keys from).
pub struct Input {
    inbox: Inbox,
    tty: Option<InputTty>,
    /// crossterm read from the terminal last time and may hold events the terminal no
    /// longer signals.
    unread: bool,
}

impl Input {
    /// Catches the end signals, SIGTSTP from outside and SIGWINCH, and opens the channel
    /// every service reports through. `None` when the OS refuses. Dropping the input stops
    /// catching the signals.
    #[must_use]
    pub fn catch() -> Option<(EventSender, Input)> {
        let mut wanted = caught_signals(true);
        wanted.push(SIGWINCH);
        let (tx, inbox) = Inbox::open(wanted)?;
        Some((
            tx,
            Input {
                inbox,
                tty: InputTty::open(),
                unread: false,
            },
        ))
    }

    /// Appends what crossterm reads and parses now, waiting at most `first` for the first
    /// event. `false` when the terminal failed. Afterwards crossterm may hold more
    /// ([`Input::unread`]).
    fn drain(first: Duration, out: &mut Vec<Event>) -> bool {
        let mut wait = first;
        loop {
            match event::poll(wait) {
                Ok(true) => {}
                Ok(false) => return true,
                Err(_) => return false,
            }
            // The rest of the burst without waiting: a key is drawn as soon as it is read.
            wait = MORE;
            let event = match event::read() {
                Ok(TermEvent::Key(key)) => Event::Key(key),
                Ok(TermEvent::FocusGained) => Event::Focus(true),
                Ok(TermEvent::FocusLost) => Event::Focus(false),
                Ok(TermEvent::Mouse(m))
                    if matches!(
                        m.kind,
                        MouseEventKind::ScrollUp | MouseEventKind::ScrollDown
                    ) =>
                {
                    Event::Mouse(m.kind)
                }
                // Other mouse events, and pasted text: a paste is one event, never keys.
                Ok(_) => continue,
                Err(_) => return false,
            };
            out.push(event);
        }
    }
}

impl Events for Input {
    fn watch_config(&mut self) {
        if let Some(dir) = crate::paths::config_dir() {
            self.inbox.watch_config(&dir);
        }
    }

    fn wait(&mut self, mut timeout: Option<Duration>, out: &mut Vec<Event>) {
        let Some(tty) = &self.tty else {
            out.push(Event::InputClosed);
            return;
        };
        let tty = tty.fd();
        if std::mem::take(&mut self.unread) {
            // After the last burst was drawn: whatever crossterm still holds, or more input
            // within a moment; then on to the one `poll`, with what is left of `timeout`.
            let started = Instant::now();
            let before = out.len();
            if !Input::drain(timeout.map_or(DRAIN, |t| t.min(DRAIN)), out) {
                out.push(Event::InputClosed);
            }
            if out.len() > before {
                self.unread = true;
                return;
            }
            timeout = timeout.map(|t| t.saturating_sub(started.elapsed()));
        }
        let Ok(ready) = self.inbox.wait(Some(tty), timeout, out) else {
            out.push(Event::InputClosed);
            return;
        };
        // A terminal that hung up is gone, whatever it still holds: crossterm would retry
        // the read that fails forever, at full CPU, and never report it. A resize is ours
        // (SIGWINCH); crossterm's own report of it, read with the next keys, is left out.
        if ready.gone || (ready.input && !Input::drain(DRAIN, out)) {
            out.push(Event::InputClosed);
        }
        self.unread = ready.input;
    }
}

/// The terminal crossterm reads keys from: standard input if it is a terminal, else
/// `/dev/tty`. Asked with `isatty` on the descriptor: `std::io::stdin()` would allocate its
/// 8 KiB buffer, which nothing here reads through.
enum InputTty {
    Stdin,
    DevTty(std::fs::File),
}

impl InputTty {
    fn open() -> Option<InputTty> {
        if rustix::termios::isatty(rustix::stdio::stdin()) {
            return Some(InputTty::Stdin);
        }
        std::fs::File::open("/dev/tty").ok().map(InputTty::DevTty)
    }

    fn fd(&self) -> BorrowedFd<'_> {
        match self {
            InputTty::Stdin => rustix::stdio::stdin(),
            InputTty::DevTty(file) => file.as_fd(),
        }
    }
}
