//! A bell one thread rings to wake another thread's `poll`: an eventfd. Ringing never
//! blocks (a full counter already wakes the poll).

use std::io;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::time::Duration;

use rustix::event::{EventfdFlags, PollFd, PollFlags};

use super::clock::timespec;

#[derive(Debug)]
pub struct Bell(OwnedFd);

impl Bell {
    /// # Errors
    /// When the OS refuses the eventfd.
    pub fn new() -> io::Result<Bell> {
        let fd = rustix::event::eventfd(0, EventfdFlags::CLOEXEC | EventfdFlags::NONBLOCK)?;
        Ok(Bell(fd))
    }

    pub fn ring(&self) {
        let _ = rustix::io::write(&self.0, &1u64.to_ne_bytes());
    }

    /// Silences it after it woke a poll, so the next poll waits again.
    pub fn drain(&self) {
        let mut buf = [0u8; 8];
        let _ = rustix::io::read(&self.0, &mut buf);
    }

    /// Blocks until the bell rings or `timeout` passes.
    pub fn wait(&self, timeout: Option<Duration>) {
        let mut fds = [PollFd::new(&self.0, PollFlags::IN)];
        let timeout = timeout.map(timespec);
        let _ = rustix::event::poll(&mut fds, timeout.as_ref());
        self.drain();
    }
}

impl AsFd for Bell {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.0.as_fd()
    }
}
