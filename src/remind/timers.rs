//! What the scheduler's `poll` waits on: the bell that commands ring, and two kernel timers:
//! a `CLOCK_BOOTTIME` timerfd armed for the next due moment, and a `CLOCK_REALTIME` one with
//! `TFD_TIMER_CANCEL_ON_SET` that fires when the wall clock is set or the machine resumes.

use std::os::fd::OwnedFd;
use std::time::Duration;

use rustix::event::{PollFd, PollFlags};
use rustix::time::{
    Itimerspec, TimerfdClockId, TimerfdFlags, TimerfdTimerFlags, Timespec, timerfd_create,
    timerfd_settime,
};

use crate::platform::bell::Bell;
use crate::platform::clock::timespec;

/// The `CLOCK_BOOTTIME` due timer and the `CLOCK_REALTIME` clock-set/resume watcher.
pub(super) struct Timers {
    pub(super) due: OwnedFd,
    pub(super) wall: OwnedFd,
}

impl Timers {
    pub(super) fn new() -> std::io::Result<Timers> {
        let flags = TimerfdFlags::CLOEXEC | TimerfdFlags::NONBLOCK;
        let timers = Timers {
            due: timerfd_create(TimerfdClockId::Boottime, flags)?,
            wall: timerfd_create(TimerfdClockId::Realtime, flags)?,
        };
        timers.arm_wall_watch();
        Ok(timers)
    }

    /// Arms (or disarms, with `None`) the due timer, `after` from now.
    pub(super) fn arm_due(&self, after: Option<Duration>) {
        let value = match after {
            // A zero it_value disarms the timer; a due moment already past fires at once.
            Some(d) => timespec(d.max(Duration::from_nanos(1))),
            None => timespec(Duration::ZERO),
        };
        let spec = Itimerspec {
            it_interval: timespec(Duration::ZERO),
            it_value: value,
        };
        let _ = timerfd_settime(&self.due, TimerfdTimerFlags::empty(), &spec);
    }

    /// A wall-clock timer a year ahead that the kernel cancels on a clock set or a resume.
    pub(super) fn arm_wall_watch(&self) {
        let now = rustix::time::clock_gettime(rustix::time::ClockId::Realtime);
        let year = Timespec {
            tv_sec: now.tv_sec.saturating_add(365 * 86_400),
            tv_nsec: 0,
        };
        let spec = Itimerspec {
            it_interval: timespec(Duration::ZERO),
            it_value: year,
        };
        let flags = TimerfdTimerFlags::ABSTIME | TimerfdTimerFlags::CANCEL_ON_SET;
        let _ = timerfd_settime(&self.wall, flags, &spec);
    }

    /// Waits for a command, the due timer, a clock change or `timeout`.
    pub(super) fn wait(&self, bell: &Bell, timeout: Option<Duration>) {
        let mut fds = [
            PollFd::new(bell, PollFlags::IN),
            PollFd::new(&self.due, PollFlags::IN),
            PollFd::new(&self.wall, PollFlags::IN),
        ];
        let timeout = timeout.map(timespec);
        let _ = rustix::event::poll(&mut fds, timeout.as_ref());
        let woke: Vec<bool> = fds.iter().map(|f| !f.revents().is_empty()).collect();
        if woke[0] {
            bell.drain();
        }
        let mut buf = [0u8; 8];
        if woke[1] {
            let _ = rustix::io::read(&self.due, &mut buf);
        }
        if woke[2] {
            // ECANCELED: the clock was set or the machine resumed. Watch again.
            let _ = rustix::io::read(&self.wall, &mut buf);
            self.arm_wall_watch();
        }
    }
}
