//! The real clock: `CLOCK_BOOTTIME` for deadlines (it keeps counting through suspend),
//! `CLOCK_MONOTONIC` to tell suspend apart, the wall clock and the system time zone.

use std::time::Duration;

use knotless_core::time::{Clock, Moment};

/// The real clock: `CLOCK_BOOTTIME` where the OS has it, `CLOCK_MONOTONIC` otherwise.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Moment {
        Moment::from_duration(boot_time())
    }

    fn awake(&self) -> Moment {
        Moment::from_duration(monotonic_time())
    }

    fn wall(&self) -> jiff::Timestamp {
        jiff::Timestamp::now()
    }

    fn zone(&self) -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::system()
    }
}

fn to_duration(ts: rustix::time::Timespec) -> Duration {
    let secs = u64::try_from(ts.tv_sec).unwrap_or(0);
    let nanos = u32::try_from(ts.tv_nsec).unwrap_or(0);
    Duration::new(secs, nanos)
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn boot_time() -> Duration {
    to_duration(rustix::time::clock_gettime(rustix::time::ClockId::Boottime))
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn boot_time() -> Duration {
    monotonic_time()
}

fn monotonic_time() -> Duration {
    to_duration(rustix::time::clock_gettime(
        rustix::time::ClockId::Monotonic,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_clock_never_goes_back_and_boot_is_ahead_of_awake() {
        let clock = SystemClock;
        let a = clock.now();
        let b = clock.now();
        assert!(b >= a);
        // Boot time includes suspended time, so it is never behind the monotonic clock.
        assert!(clock.now() + Duration::from_millis(5) >= clock.awake());
    }
}
