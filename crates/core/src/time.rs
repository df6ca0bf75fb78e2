//! Time values for the pure core: `Moment`, the `Clock` trait and `ManualClock`. The system
//! clock lives in the binary (`platform::clock`); nothing here reads the OS.
//!
//! A [`Moment`] is a point on a clock that never goes back and keeps counting through
//! suspend (`CLOCK_BOOTTIME` on Linux). Deadlines are kept as `Moment`s so that a
//! 20-minute heat phase ends 20 real minutes after it began, even if the laptop slept.

use std::fmt;
use std::ops::{Add, Sub};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// A point in time since an arbitrary origin (boot, for the real clock).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment(Duration);

impl Moment {
    /// The origin of the clock; handy in tests.
    pub const ZERO: Moment = Moment(Duration::ZERO);

    #[must_use]
    pub const fn from_duration(since_origin: Duration) -> Self {
        Moment(since_origin)
    }

    #[must_use]
    pub const fn from_secs(secs: u64) -> Self {
        Moment(Duration::from_secs(secs))
    }

    #[must_use]
    pub const fn since_origin(self) -> Duration {
        self.0
    }

    /// Time from `earlier` to `self`, zero if `earlier` is later.
    #[must_use]
    pub fn saturating_since(self, earlier: Moment) -> Duration {
        self.0.saturating_sub(earlier.0)
    }
}

impl Add<Duration> for Moment {
    type Output = Moment;
    fn add(self, rhs: Duration) -> Moment {
        Moment(self.0.saturating_add(rhs))
    }
}

impl Sub<Moment> for Moment {
    type Output = Duration;
    /// Saturating: a moment minus a later one is zero.
    fn sub(self, rhs: Moment) -> Duration {
        self.saturating_since(rhs)
    }
}

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.3}s", self.0.as_secs_f64())
    }
}

/// Everything the core needs to know about "now".
pub trait Clock: Send + Sync {
    /// Never goes back; keeps counting through suspend.
    fn now(&self) -> Moment;
    /// Never goes back; stops while the machine is suspended. `now() - awake()` grows by
    /// exactly the time spent asleep, which is how suspend is detected.
    fn awake(&self) -> Moment;
    /// Wall-clock time (may jump: NTP, the user changing the date).
    fn wall(&self) -> jiff::Timestamp;
    /// The local time zone for working hours and display.
    fn zone(&self) -> jiff::tz::TimeZone;
}

/// A clock that moves only when told to. Cloning shares the same time.
#[derive(Clone, Debug)]
pub struct ManualClock {
    inner: Arc<Mutex<ManualState>>,
}

#[derive(Clone, Debug)]
struct ManualState {
    now: Moment,
    awake: Moment,
    wall: jiff::Timestamp,
    zone: jiff::tz::TimeZone,
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new()
    }
}

impl ManualClock {
    /// Starts at `Moment::ZERO`, wall time 2026-01-05T09:00:00Z (a Monday), zone UTC.
    #[must_use]
    pub fn new() -> Self {
        let wall =
            jiff::Timestamp::from_second(1_767_603_600).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        ManualClock {
            inner: Arc::new(Mutex::new(ManualState {
                now: Moment::ZERO,
                awake: Moment::ZERO,
                wall,
                zone: jiff::tz::TimeZone::UTC,
            })),
        }
    }

    fn with<T>(&self, f: impl FnOnce(&mut ManualState) -> T) -> T {
        let mut state = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        f(&mut state)
    }

    /// The machine is awake and time passes normally.
    pub fn advance(&self, by: Duration) {
        self.with(|s| {
            s.now = s.now + by;
            s.awake = s.awake + by;
            s.wall = s.wall.checked_add(by).unwrap_or(s.wall);
        });
    }

    /// The machine sleeps: boot time and wall time move, the awake clock does not.
    pub fn suspend(&self, by: Duration) {
        self.with(|s| {
            s.now = s.now + by;
            s.wall = s.wall.checked_add(by).unwrap_or(s.wall);
        });
    }

    /// The wall clock is set (NTP step, user change); the other clocks do not move.
    pub fn set_wall(&self, wall: jiff::Timestamp) {
        self.with(|s| s.wall = wall);
    }

    pub fn set_zone(&self, zone: jiff::tz::TimeZone) {
        self.with(|s| s.zone = zone);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Moment {
        self.with(|s| s.now)
    }

    fn awake(&self) -> Moment {
        self.with(|s| s.awake)
    }

    fn wall(&self) -> jiff::Timestamp {
        self.with(|s| s.wall)
    }

    fn zone(&self) -> jiff::tz::TimeZone {
        self.with(|s| s.zone.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clock_suspend_moves_boot_but_not_awake() {
        let clock = ManualClock::new();
        clock.advance(Duration::from_secs(10));
        clock.suspend(Duration::from_secs(600));
        assert_eq!(clock.now(), Moment::from_secs(610));
        assert_eq!(clock.awake(), Moment::from_secs(10));
    }

    #[test]
    fn moment_subtraction_saturates() {
        assert_eq!(Moment::from_secs(1) - Moment::from_secs(5), Duration::ZERO);
    }
}
