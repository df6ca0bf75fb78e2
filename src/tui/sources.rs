//! The TUI's input: terminal input (keys, the mouse wheel, resizes), the terminal's hang-up,
//! the signals and every service's events, all waited for on the main thread in the
//! runtime's one `poll` ([`Inbox`]).
//!
//! Signals are caught from [`Input::catch`] on, before the terminal is taken, so every signal
//! from then on takes the clean path; the terminal is first read after the first frame:
//! signals that arrive before wait in the self-pipe, keys in the terminal.

use std::os::fd::{AsFd, BorrowedFd};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event as TermEvent, MouseEventKind};
use signal_hook::consts::SIGWINCH;
use signal_hook::iterator::backend::Handle;

use crate::runtime::inbox::Inbox;
use crate::runtime::{Event, EventSender, caught_signals};
use crate::tui::event_loop::Events;

/// How long crossterm may wait for the rest of what the terminal sent before the loop goes
/// back to its own `poll`. crossterm's reader keeps parsed events to itself and only hands
/// them out from `poll` with a timeout above zero (zero never reads), so each burst of input
/// ends with one wait this long.
const DRAIN: Duration = Duration::from_millis(1);

/// The runtime's inbox and the terminal, opened at the first wait.
pub struct Input {
    inbox: Inbox,
    tty: Option<Option<InputTty>>,
}

impl Input {
    /// Catches the end signals, SIGTSTP from outside and SIGWINCH, and opens the channel
    /// every service reports through. `None` when the OS refuses.
    #[must_use]
    pub fn catch() -> Option<(EventSender, Input)> {
        let mut wanted = caught_signals(true);
        wanted.push(SIGWINCH);
        let (tx, inbox) = Inbox::open(wanted)?;
        Some((tx, Input { inbox, tty: None }))
    }

    /// Closing it stops catching the signals.
    #[must_use]
    pub fn handle(&self) -> Handle {
        self.inbox.handle()
    }

    /// Appends everything crossterm can read now. `false` when the terminal failed.
    fn drain(out: &mut Vec<Event>) -> bool {
        loop {
            match event::poll(DRAIN) {
                Ok(true) => {}
                Ok(false) => return true,
                Err(_) => return false,
            }
            let event = match event::read() {
                Ok(TermEvent::Key(key)) => Event::Key(key),
                Ok(TermEvent::Resize(..)) => Event::Resize,
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
                Ok(_) => continue,
                Err(_) => return false,
            };
            out.push(event);
        }
    }
}

impl Events for Input {
    fn wait(&mut self, timeout: Option<Duration>, out: &mut Vec<Event>) {
        let Some(tty) = self.tty.get_or_insert_with(InputTty::open) else {
            out.push(Event::InputClosed);
            return;
        };
        let Ok(ready) = self.inbox.wait(Some(tty.fd()), timeout, out) else {
            out.push(Event::InputClosed);
            return;
        };
        // A terminal that hung up is gone, whatever it still holds: crossterm would retry
        // the read that fails forever, at full CPU, and never report it. After a resize
        // crossterm has its own word on it, read with the rest.
        if ready.gone || ((ready.input || ready.resized) && !Input::drain(out)) {
            out.push(Event::InputClosed);
        }
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
