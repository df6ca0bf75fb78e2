//! A front end's one place to wait, on its main thread: the runtime's channel (each event
//! rings an eventfd), the caught signals (signal-hook's self-pipe), the config directory's
//! watch (inotify) and, for the TUI, the terminal, all in a single `poll`. No thread does the
//! waiting for it: a thread costs a stack, a malloc arena and a second wake-up for every key.

use std::io;
use std::os::fd::{AsFd, BorrowedFd};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use rustix::event::{PollFd, PollFlags};
use signal_hook::consts::SIGWINCH;
use signal_hook::iterator::backend::SignalDelivery;
use signal_hook::iterator::exfiltrator::SignalOnly;

use super::event::{Event, EventSender};
use super::signal_event;
use super::watch::ConfigWatch;
use crate::platform::bell::Bell;
use crate::platform::clock::timespec;

/// The receiving side: the channel, its bell, the signals and the config watch.
pub struct Inbox {
    rx: Receiver<Event>,
    bell: Arc<Bell>,
    signals: SignalDelivery<UnixStream, SignalOnly>,
    watch: Option<ConfigWatch>,
}

/// What the wait saw on the descriptor it was given besides its own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ready {
    /// It has something to read.
    pub input: bool,
    /// It hung up or failed.
    pub gone: bool,
}

impl Inbox {
    /// Catches `signals` from now on (SIGWINCH becomes `Event::Resize`, SIGTSTP
    /// `Event::SuspendRequested`, the rest `Event::Signal`). `None` when the OS refuses a
    /// descriptor or a signal. Dropping the inbox stops catching them.
    #[must_use]
    pub fn open(signals: Vec<i32>) -> Option<(EventSender, Inbox)> {
        let bell = Arc::new(Bell::new().ok()?);
        let (read, write) = UnixStream::pair().ok()?;
        let signals = SignalDelivery::with_pipe(read, write, SignalOnly, signals).ok()?;
        let (tx, rx) = mpsc::channel();
        let sender = EventSender::new(tx, Arc::clone(&bell));
        let inbox = Inbox {
            rx,
            bell,
            signals,
            watch: None,
        };
        Some((sender, inbox))
    }

    /// Watches the config directory `dir` from now on (live reload): a changed config or
    /// session file becomes `Event::FilesChanged`, seen in the same `poll` as the rest.
    pub fn watch_config(&mut self, dir: &Path) {
        self.watch = ConfigWatch::open(dir);
    }

    /// The events already sent, without waiting (after the runtime shut down: what its
    /// threads said last). Signals stay caught until the inbox is dropped.
    pub fn queued(&mut self, out: &mut Vec<Event>) {
        out.extend(self.rx.try_iter());
    }

    /// Blocks until an event or a signal arrives, `input` is ready, or `timeout` passes
    /// (`None`: no timeout; nothing wakes while nothing happens). Appends the events and the
    /// signals to `out`.
    ///
    /// # Errors
    /// When `poll` itself fails.
    pub fn wait(
        &mut self,
        input: Option<BorrowedFd<'_>>,
        timeout: Option<Duration>,
        out: &mut Vec<Event>,
    ) -> io::Result<Ready> {
        let mut ready = Ready::default();
        let (rang, signalled, changed) = {
            let bell = self.bell.as_fd();
            let pipe = self.signals.get_read().as_fd();
            let watch = self.watch.as_ref().map(ConfigWatch::fd);
            // The bell and the signals, then the terminal and the watch where there are.
            let mut fds = [
                PollFd::new(&bell, PollFlags::IN),
                PollFd::new(&pipe, PollFlags::IN),
                PollFd::new(&pipe, PollFlags::empty()),
                PollFd::new(&pipe, PollFlags::empty()),
            ];
            let mut used = 2;
            let mut input_at = None;
            if let Some(fd) = &input {
                fds[used] = PollFd::new(fd, PollFlags::IN);
                input_at = Some(used);
                used += 1;
            }
            let mut watch_at = None;
            if let Some(fd) = &watch {
                fds[used] = PollFd::new(fd, PollFlags::IN);
                watch_at = Some(used);
                used += 1;
            }
            let timeout = timeout.map(timespec);
            match rustix::event::poll(&mut fds[..used], timeout.as_ref()) {
                Ok(_) | Err(rustix::io::Errno::INTR) => {}
                Err(e) => return Err(e.into()),
            }
            if let Some(at) = input_at {
                let revents = fds[at].revents();
                ready.input = revents.contains(PollFlags::IN);
                ready.gone = revents.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL);
            }
            let changed = watch_at.is_some_and(|at| !fds[at].revents().is_empty());
            (
                !fds[0].revents().is_empty(),
                !fds[1].revents().is_empty(),
                changed,
            )
        };
        if changed && self.watch.as_mut().is_some_and(ConfigWatch::changed) {
            out.push(Event::FilesChanged);
        }
        if rang {
            self.bell.drain();
        }
        if signalled {
            out.extend(self.signals.pending().map(|sig| {
                if sig == SIGWINCH {
                    Event::Resize
                } else {
                    signal_event(sig)
                }
            }));
        }
        // Whatever the bell said: an event sent after the bell was read is taken now, and
        // the bell it rang only makes the next wait return at once.
        self.queued(out);
        Ok(ready)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_from_another_thread_ends_the_wait() {
        let (tx, mut inbox) = Inbox::open(Vec::new()).expect("inbox");
        let sender = std::thread::spawn(move || tx.send(Event::FilesChanged));
        let mut out = Vec::new();
        while out.is_empty() {
            inbox.wait(None, None, &mut out).expect("wait");
        }
        assert!(matches!(out[..], [Event::FilesChanged]));
        assert!(sender.join().expect("thread").is_ok());
    }

    #[test]
    fn nothing_pending_times_out_empty() {
        let (_tx, mut inbox) = Inbox::open(Vec::new()).expect("inbox");
        let mut out = Vec::new();
        let ready = inbox
            .wait(None, Some(Duration::ZERO), &mut out)
            .expect("wait");
        assert!(out.is_empty());
        assert_eq!(ready, Ready::default());
    }

    #[test]
    fn a_readable_descriptor_is_reported_as_input() {
        let (_tx, mut inbox) = Inbox::open(Vec::new()).expect("inbox");
        let (a, mut b) = UnixStream::pair().expect("pair");
        std::io::Write::write_all(&mut b, b"x").expect("write");
        let mut out = Vec::new();
        let ready = inbox.wait(Some(a.as_fd()), None, &mut out).expect("wait");
        assert!(ready.input && !ready.gone);
        drop(b);
        let mut buf = [0u8; 1];
        std::io::Read::read_exact(&mut &a, &mut buf).expect("read");
        let ready = inbox.wait(Some(a.as_fd()), None, &mut out).expect("wait");
        assert!(ready.gone, "a closed peer is a hang-up");
    }

    #[test]
    fn a_changed_config_file_ends_the_wait_as_files_changed() {
        let (_tx, mut inbox) = Inbox::open(Vec::new()).expect("inbox");
        let root = tempfile::tempdir().expect("temp dir");
        inbox.watch_config(&root.path().join("knotless"));
        let mut out = Vec::new();
        let ready = inbox
            .wait(None, Some(Duration::ZERO), &mut out)
            .expect("wait");
        assert!(out.is_empty() && ready == Ready::default());
        std::fs::write(root.path().join("knotless/config.toml"), "").expect("write");
        inbox.wait(None, None, &mut out).expect("wait");
        assert!(matches!(out[..], [Event::FilesChanged]), "{out:?}");
    }

    #[test]
    fn a_caught_signal_becomes_its_event() {
        let (_tx, mut inbox) = Inbox::open(vec![signal_hook::consts::SIGUSR1]).expect("inbox");
        signal_hook::low_level::raise(signal_hook::consts::SIGUSR1).expect("raise");
        let mut out = Vec::new();
        while out.is_empty() {
            inbox.wait(None, None, &mut out).expect("wait");
        }
        assert!(matches!(
            out[..],
            [Event::Signal(signal_hook::consts::SIGUSR1)]
        ));
    }
}
