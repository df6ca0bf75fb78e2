//! `knotless status --format TEMPLATE`: `{placeholder}`s filled from a [`Snapshot`].
//! Pure: time comes in as an argument.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::model::Snapshot;
use crate::diag::{Quote, suggest};
use crate::duration;

/// Every placeholder, in the order the README lists them.
pub const PLACEHOLDERS: &[&str] = &[
    "text",
    "state",
    "session",
    "step",
    "side",
    "left",
    "phase",
    "next_break",
    "reminders",
    "owner",
    "attached",
];

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("unknown placeholder `{{{name}}}` in --format; {hint}")]
    Unknown { name: String, hint: String },
    #[error("unclosed `{{` in --format; write `{{{{` for a literal brace")]
    Unclosed,
}

/// Checks a template without filling it, so a typo is a usage error even when nothing runs.
///
/// # Errors
/// An unknown placeholder (with a suggestion) or an unclosed brace.
pub fn check(template: &str) -> Result<(), TemplateError> {
    fill(template, |_| String::new()).map(|_| ())
}

/// Fills `template` from `snapshot` at `now`.
///
/// # Errors
/// As [`check`].
pub fn render(
    template: &str,
    snapshot: &Snapshot,
    now: Timestamp,
    zone: &TimeZone,
) -> Result<String, TemplateError> {
    fill(template, |name| value(name, snapshot, now, zone))
}

fn value(name: &str, snapshot: &Snapshot, now: Timestamp, zone: &TimeZone) -> String {
    let session = snapshot.session.as_ref();
    match name {
        "text" => snapshot.text(now, zone),
        "state" => snapshot.state().to_string(),
        "session" => session.map(|s| s.title.to_string()).unwrap_or_default(),
        "step" => session.map(|s| s.step.to_string()).unwrap_or_default(),
        "side" => session
            .and_then(|s| s.side.as_ref())
            .map(ToString::to_string)
            .unwrap_or_default(),
        "left" => session
            .map(|s| duration::clock(s.left(now)))
            .unwrap_or_default(),
        "phase" => session
            .map(|s| format!("{}/{}", s.phase, s.phases))
            .unwrap_or_default(),
        "next_break" => snapshot
            .reminders
            .as_ref()
            .and_then(|r| r.next_break(now))
            .map_or_else(String::new, duration::minutes_short),
        "reminders" => snapshot
            .reminders
            .as_ref()
            .map(|r| r.describe(now, zone))
            .unwrap_or_default(),
        // The pid that owns the session's break schedule, and how many follow it.
        "owner" => snapshot
            .owner
            .map(|(pid, _)| pid.to_string())
            .unwrap_or_default(),
        "attached" => snapshot.attached.to_string(),
        _ => String::new(),
    }
}

fn fill(template: &str, mut value: impl FnMut(&str) -> String) -> Result<String, TemplateError> {
    let mut out = String::new();
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("{{") {
            out.push('{');
            rest = after;
        } else if let Some(after) = tail.strip_prefix("}}") {
            out.push('}');
            rest = after;
        } else if let Some(after) = tail.strip_prefix('}') {
            out.push('}');
            rest = after;
        } else {
            let end = tail.find('}').ok_or(TemplateError::Unclosed)?;
            let name = &tail[1..end];
            if !PLACEHOLDERS.contains(&name) {
                let hint = suggest(name, PLACEHOLDERS, Quote::Placeholder, || {
                    format!("use one of {{{}}}", PLACEHOLDERS.join("}, {"))
                });
                return Err(TemplateError::Unknown {
                    name: name.to_string(),
                    hint,
                });
            }
            out.push_str(&value(name));
            rest = &tail[end + 1..];
        }
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::model::{ReminderState, SessionState};

    fn snapshot() -> (Snapshot, Timestamp) {
        let now: Timestamp = "2026-03-02T10:00:00Z".parse().unwrap();
        let snap = Snapshot {
            pids: vec![7],
            session: Some(SessionState {
                id: "knot-relief".into(),
                title: "Knot relief".into(),
                step: "Knee-to-chest".into(),
                side: Some("left".into()),
                paused: false,
                ends_at: Some("2026-03-02T10:00:26.400Z".into()),
                remaining_ms: None,
                phase: 3,
                phases: 9,
                started: None,
            }),
            reminders: Some(ReminderState {
                state: "next_break".into(),
                at: Some("2026-03-02T10:23:00Z".into()),
            }),
            ..Snapshot::default()
        };
        (snap, now)
    }

    #[test]
    fn fills_every_placeholder() {
        let (snap, now) = snapshot();
        let out = render(
            "{text}|{state}|{session}|{step}|{side}|{left}|{phase}|{next_break}|{reminders}|{{x}}",
            &snap,
            now,
            &TimeZone::UTC,
        )
        .unwrap();
        assert_eq!(
            out,
            "Knee-to-chest 0:27|running|Knot relief|Knee-to-chest|left|0:27|3/9|23m|next break 23m|{x}"
        );
    }

    #[test]
    fn empty_values_when_nothing_runs() {
        let now: Timestamp = "2026-03-02T10:00:00Z".parse().unwrap();
        let out = render(
            "[{step}{left}] {state}",
            &Snapshot::default(),
            now,
            &TimeZone::UTC,
        );
        assert_eq!(out.unwrap(), "[] not running");
    }

    #[test]
    fn names_the_schedules_owner_and_counts_the_attached() {
        let (mut snap, now) = snapshot();
        snap.owner = Some((31, crate::status::Program::Remind));
        snap.attached = 2;
        let out = render("{owner} +{attached}", &snap, now, &TimeZone::UTC).unwrap();
        assert_eq!(out, "31 +2");
    }

    #[test]
    fn unknown_placeholders_suggest_the_nearest() {
        let err = check("{stpe} {left}").unwrap_err();
        assert!(err.to_string().contains("did you mean `{step}`?"), "{err}");
        assert_eq!(check("{left"), Err(TemplateError::Unclosed));
    }
}
