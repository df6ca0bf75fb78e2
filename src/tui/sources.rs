//! The TUI's own event sources: terminal input (keys, the mouse wheel, resizes) and the
//! terminal's hang-up, each a thread that blocks and feeds the runtime's one channel.

use std::io::IsTerminal;
use std::os::fd::AsFd;
use std::sync::mpsc::Sender;

use ratatui::crossterm::event::{self, Event as TermEvent, MouseEventKind};
use rustix::event::{PollFd, PollFlags};

use crate::runtime::Event;

/// Starts the threads that read the terminal: input and its hang-up.
pub fn spawn_input(tx: &Sender<Event>) {
    let input = tx.clone();
    let _ = std::thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            // Blocks on the terminal: no polling, no wake-ups while nothing happens.
            loop {
                let sent = match event::read() {
                    Ok(TermEvent::Key(key)) => input.send(Event::Key(key)),
                    Ok(TermEvent::Resize(..)) => input.send(Event::Resize),
                    Ok(TermEvent::FocusGained) => input.send(Event::Focus(true)),
                    Ok(TermEvent::FocusLost) => input.send(Event::Focus(false)),
                    Ok(TermEvent::Mouse(m))
                        if matches!(
                            m.kind,
                            MouseEventKind::ScrollUp | MouseEventKind::ScrollDown
                        ) =>
                    {
                        input.send(Event::Mouse(m.kind))
                    }
                    Ok(_) => Ok(()),
                    Err(_) => {
                        let _ = input.send(Event::InputClosed);
                        return;
                    }
                };
                if sent.is_err() {
                    return;
                }
            }
        });
    let hangup = tx.clone();
    let _ = std::thread::Builder::new()
        .name("hangup".into())
        .spawn(move || {
            if let Some(tty) = InputTty::open() {
                tty.wait_for_hangup();
                let _ = hangup.send(Event::InputClosed);
            }
        });
}

/// The terminal crossterm reads keys from: standard input if it is a terminal, else `/dev/tty`.
///
/// Watched for a hang-up because crossterm never reports one: on a terminal that went away
/// its `read` retries the read that returns EOF (or EIO) forever, at full CPU, so without
/// this a terminal closed with no SIGHUP (the pty is only our standard I/O, or the signal is
/// lost) left knotless spinning and never exiting while nothing else redrew.
enum InputTty {
    Stdin,
    DevTty(std::fs::File),
}

impl InputTty {
    fn open() -> Option<InputTty> {
        if std::io::stdin().is_terminal() {
            return Some(InputTty::Stdin);
        }
        std::fs::File::open("/dev/tty").ok().map(InputTty::DevTty)
    }

    /// Blocks until the terminal hangs up or fails. Asks for no input events, so it never
    /// wakes for (or takes) a key: `poll` always reports a hang-up, an error or a bad fd.
    fn wait_for_hangup(&self) {
        let fd = match self {
            InputTty::Stdin => rustix::stdio::stdin(),
            InputTty::DevTty(file) => file.as_fd(),
        };
        loop {
            let mut fds = [PollFd::new(&fd, PollFlags::empty())];
            match rustix::event::poll(&mut fds, None) {
                Ok(_) | Err(rustix::io::Errno::INTR) => {}
                Err(_) => return,
            }
            let gone = PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL;
            if fds[0].revents().intersects(gone) {
                return;
            }
        }
    }
}
