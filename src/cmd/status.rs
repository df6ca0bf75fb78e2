//! `knotless status`: one short line for status bars, from the state files of the running
//! knotless processes. Reads a few small files and exits; never waits.

use std::process::ExitCode;

use crate::status::template;
use crate::status::{Snapshot, file};

/// Prints the status. "not running" is an answer, not an error: it exits 0, because status
/// bars show a failing command's output badly or not at all.
#[must_use]
pub fn run(format: Option<&str>, json: bool) -> ExitCode {
    if let Some(t) = format
        && let Err(e) = template::check(t)
    {
        super::report(&e.to_string());
        return ExitCode::from(super::EXIT_USAGE);
    }
    let states = crate::paths::state_dir()
        .map(|dir| file::read_all(&dir))
        .unwrap_or_default();
    let snapshot = Snapshot::merge(states);
    let now = jiff::Timestamp::now();
    let zone = crate::platform::clock::local_zone();
    let line = if json {
        to_json(&snapshot, now, &zone)
    } else if let Some(t) = format {
        match template::render(t, &snapshot, now, &zone) {
            Ok(line) => line,
            Err(e) => {
                super::report(&e.to_string());
                return ExitCode::from(super::EXIT_USAGE);
            }
        }
    } else {
        snapshot.text(now, &zone)
    };
    super::print(format!("{line}\n").as_bytes())
}

/// The merged state with the derived values a script wants (seconds left, the line).
fn to_json(snapshot: &Snapshot, now: jiff::Timestamp, zone: &jiff::tz::TimeZone) -> String {
    let session = snapshot.session.as_ref().map(|s| {
        let mut v = serde_json::to_value(s).unwrap_or_default();
        v["left_secs"] = whole_secs(s.left(now)).into();
        v
    });
    let reminders = snapshot.reminders.as_ref().map(|r| {
        let mut v = serde_json::to_value(r).unwrap_or_default();
        v["next_break_secs"] = r
            .next_break(now)
            .map_or(serde_json::Value::Null, |d| whole_secs(d).into());
        v
    });
    // Who owns the session's one break schedule, and how many instances follow it.
    let schedule = snapshot.owner.map(|(pid, program)| {
        serde_json::json!({
            "owner": pid,
            "program": program,
            "attached": snapshot.attached,
            "natural_breaks": snapshot.natural_breaks,
        })
    });
    serde_json::json!({
        "running": snapshot.running(),
        "schedule": schedule,
        "state": snapshot.state(),
        "text": snapshot.text(now, zone),
        "pids": snapshot.pids,
        "session": session,
        "reminders": reminders,
    })
    .to_string()
}

/// Seconds rounded up, as the countdowns show them.
fn whole_secs(d: std::time::Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}
