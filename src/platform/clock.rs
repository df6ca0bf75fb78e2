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
        local_zone()
    }
}

/// The system's time zone, as `jiff::tz::TimeZone::system` finds it, without the cost of its
/// first call: to check the name that `/etc/localtime` links to, jiff lists every zone in
/// `/usr/share/zoneinfo` (some 600 names, 110 KB kept for the life of the process and a few
/// milliseconds of directory reads). The link already names the zone and the file it points
/// to is the zone's data, so read that. Anything else (`TZ` set, a copied file, a link
/// outside a `zoneinfo` directory) is left to jiff.
#[must_use]
pub fn local_zone() -> jiff::tz::TimeZone {
    if std::env::var_os("TZ").is_none()
        && let Some(zone) = linked_zone(std::path::Path::new(LOCALTIME))
    {
        return zone;
    }
    jiff::tz::TimeZone::system()
}

const LOCALTIME: &str = "/etc/localtime";

/// The zone a `…/zoneinfo/NAME` symlink at `link` points to, named `NAME`.
fn linked_zone(link: &std::path::Path) -> Option<jiff::tz::TimeZone> {
    let target = std::fs::read_link(link).ok()?;
    let target = target.to_str()?;
    let name = &target[target.rfind("zoneinfo/")? + "zoneinfo/".len()..];
    let data = std::fs::read(link).ok()?;
    jiff::tz::TimeZone::tzif(name, &data).ok()
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

/// A `poll` timeout (or a timer's time) as the kernel takes it; saturates far in the future.
#[must_use]
pub fn timespec(d: Duration) -> rustix::time::Timespec {
    rustix::time::Timespec {
        tv_sec: i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        tv_nsec: i64::from(d.subsec_nanos()),
    }
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

    #[test]
    fn a_link_into_a_zoneinfo_directory_gives_the_named_zone_jiff_would() {
        let Ok(data) = std::fs::read("/usr/share/zoneinfo/Europe/Berlin") else {
            eprintln!("skipped: no tzdata (/usr/share/zoneinfo/Europe/Berlin) on this machine");
            return;
        };
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("zoneinfo/Europe/Berlin");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, &data).unwrap();
        let link = dir.path().join("localtime");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        let zone = linked_zone(&link).unwrap();
        assert_eq!(zone.iana_name(), Some("Europe/Berlin"));
        let jiffs = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
        for ts in [
            "2026-01-15T12:00:00Z",
            "2026-07-15T12:00:00Z",
            "2026-03-29T01:30:00Z",
        ] {
            let ts: jiff::Timestamp = ts.parse().unwrap();
            assert_eq!(zone.to_offset(ts), jiffs.to_offset(ts), "at {ts}");
        }
        // A copy, or a link that names no zone, is jiff's to read.
        let copy = dir.path().join("copy");
        std::fs::write(&copy, &data).unwrap();
        assert!(linked_zone(&copy).is_none());
        let elsewhere = dir.path().join("elsewhere");
        std::os::unix::fs::symlink(&copy, &elsewhere).unwrap();
        assert!(linked_zone(&elsewhere).is_none());
    }
}
