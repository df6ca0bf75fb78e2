//! The TUI's one event-source thread: terminal input (keys, the mouse wheel, resizes), the
//! terminal's hang-up and the signals, all waited for in a single `poll` and fed into the
//! runtime's one channel.
//!
//! Signals are caught from [`Input::catch`] on, before the terminal is taken, so every signal
//! from then on takes the clean path; the thread that reads them starts after the first frame
//! ([`Input::spawn`]): signals that arrive before wait in the self-pipe, keys in the terminal.

use std::os::fd::{AsFd, BorrowedFd};
use std::os::unix::net::UnixStream;
use std::sync::mpsc::Sender;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event as TermEvent, MouseEventKind};
use rustix::event::{PollFd, PollFlags};
use signal_hook::consts::SIGWINCH;
use signal_hook::iterator::backend::{Handle, SignalDelivery};
use signal_hook::iterator::exfiltrator::SignalOnly;

use crate::runtime::{Event, caught_signals, signal_event};

/// How long crossterm may wait for the rest of what the terminal sent before the thread goes
/// back to its own `poll`. crossterm's reader keeps parsed events to itself and only hands
/// them out from `poll` with a timeout above zero (zero never reads), so each burst of input
/// ends with one wait this long.
const DRAIN: Duration = Duration::from_millis(1);

/// The signals are caught; the thread that turns them (and the terminal's input) into
/// events is not started yet.
pub struct Input {
    signals: SignalDelivery<UnixStream, SignalOnly>,
    tx: Sender<Event>,
}

impl Input {
    /// Catches the end signals, SIGTSTP from outside and SIGWINCH. `None` when the OS refuses.
    #[must_use]
    pub fn catch(tx: Sender<Event>) -> Option<Input> {
        let (read, write) = UnixStream::pair().ok()?;
        let mut wanted = caught_signals(true);
        wanted.push(SIGWINCH);
        let signals = SignalDelivery::with_pipe(read, write, SignalOnly, wanted).ok()?;
        Some(Input { signals, tx })
    }

    /// Closing it ends the thread.
    #[must_use]
    pub fn handle(&self) -> Handle {
        self.signals.handle()
    }

    /// Starts the thread.
    pub fn spawn(self) {
        let _ = std::thread::Builder::new()
            .name("input".into())
            .spawn(move || self.run());
    }

    fn run(mut self) {
        let Some(tty) = InputTty::open() else {
            let _ = self.tx.send(Event::InputClosed);
            return;
        };
        while let Some(woke) = wait(tty.fd(), &self.signals) {
            let mut input = woke.input;
            if woke.signalled {
                match self.signals() {
                    Some(resized) => input |= resized,
                    None => return,
                }
            }
            // A terminal that hung up is gone, whatever it still holds: crossterm would retry
            // the read that fails forever, at full CPU, and never report it.
            if woke.gone || (input && !self.drain()) {
                break;
            }
        }
        let _ = self.tx.send(Event::InputClosed);
    }

    /// Sends what the signals ask; `Some(true)` after a resize (crossterm saw it too, and
    /// reports it from its own pipe when drained). `None` when the thread must end: closed,
    /// or nobody listens.
    fn signals(&mut self) -> Option<bool> {
        if self.signals.handle().is_closed() {
            return None;
        }
        let mut resized = false;
        for sig in self.signals.pending() {
            let event = if sig == SIGWINCH {
                resized = true;
                Event::Resize
            } else {
                signal_event(sig)
            };
            self.tx.send(event).ok()?;
        }
        Some(resized)
    }

    /// Hands everything crossterm can read now to the channel. `false` when the terminal
    /// failed or nobody listens.
    fn drain(&self) -> bool {
        loop {
            match event::poll(DRAIN) {
                Ok(true) => {}
                Ok(false) => return true,
                Err(_) => return false,
            }
            let event = match event::read() {
                Ok(TermEvent::Key(key)) => Event::Key(key),
                Ok(TermEvent::Resize(..)) => Event::Resize,
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
            if self.tx.send(event).is_err() {
                return false;
            }
        }
    }
}

/// What woke the thread.
struct Woke {
    input: bool,
    gone: bool,
    signalled: bool,
}

/// Blocks until the terminal has input or hangs up, or a signal arrives. No timeout: nothing
/// wakes while nothing happens. `None` when `poll` itself fails.
fn wait(tty: BorrowedFd<'_>, signals: &SignalDelivery<UnixStream, SignalOnly>) -> Option<Woke> {
    let mut fds = [
        PollFd::new(&tty, PollFlags::IN),
        PollFd::new(signals.get_read(), PollFlags::IN),
    ];
    match rustix::event::poll(&mut fds, None) {
        Ok(_) => {}
        Err(rustix::io::Errno::INTR) => {
            return Some(Woke {
                input: false,
                gone: false,
                signalled: false,
            });
        }
        Err(_) => return None,
    }
    let gone = PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL;
    Some(Woke {
        input: fds[0].revents().contains(PollFlags::IN),
        gone: fds[0].revents().intersects(gone),
        signalled: !fds[1].revents().is_empty(),
    })
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
