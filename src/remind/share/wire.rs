//! What the schedule's owner and its attached instances say to each other over the socket:
//! one JSON object per line. Moments travel as nanoseconds of `CLOCK_BOOTTIME`, which every
//! process on the machine shares, so a due moment means the same in each of them.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::clock::Moment;
use crate::remind::protocol::{OpenReminder, SchedulerCommand};
use crate::remind::schedule::{PausePreset, ScheduleStatus};
use crate::status::Program;

/// From an attached instance to the owner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToOwner {
    SessionStarted,
    SessionEnded,
    BreakTaken,
    Snooze,
    Dismiss,
    Pause(Preset),
    Resume,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    ThirtyMinutes,
    OneHour,
    TwoHours,
    UntilTomorrow,
}

/// From the owner to every attached instance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToAttached {
    /// Said first, to each instance that connects.
    Owner {
        pid: u32,
        program: Program,
    },
    Status(Status),
    /// A reminder fired (the owner sent it to the desktop).
    Fired {
        summary: String,
        body: String,
    },
    /// The reminder got its answer (`taken`, `snoozed`, `dismissed`, `ignored`).
    Resolved {
        outcome: String,
    },
    /// The owner's desktop sources of natural breaks.
    NaturalBreaks(Vec<String>),
    /// The reminder waiting for its answer (`null` once answered), for a take-over.
    Open(Option<Open>),
}

/// [`OpenReminder`] on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Open {
    until_ns: u64,
    notification: Option<u32>,
}

/// [`ScheduleStatus`] on the wire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Disabled,
    NextBreak { due_ns: u64 },
    Snoozed { until_ns: u64 },
    Paused { until_ns: u64 },
    HeldForSession,
    OutsideHours { resumes: String, at_ns: u64 },
    HoursEnd { resumes: String, at_ns: u64 },
}

/// One message as a line.
#[must_use]
pub fn line(message: &impl Serialize) -> Vec<u8> {
    let mut bytes = serde_json::to_vec(message).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Takes the complete lines out of `buf` and parses them; a line that does not parse (a
/// newer or older knotless) is skipped.
pub fn take_lines<T: for<'de> Deserialize<'de>>(buf: &mut Vec<u8>) -> Vec<T> {
    let Some(end) = buf.iter().rposition(|&b| b == b'\n') else {
        return Vec::new();
    };
    let rest = buf.split_off(end + 1);
    let lines = std::mem::replace(buf, rest);
    lines
        .split(|&b| b == b'\n')
        .filter_map(|l| serde_json::from_slice(l).ok())
        .collect()
}

impl ToOwner {
    /// `None` for what only the local scheduler hears (shutdown).
    #[must_use]
    pub fn from_command(command: SchedulerCommand) -> Option<ToOwner> {
        Some(match command {
            SchedulerCommand::SessionStarted => ToOwner::SessionStarted,
            SchedulerCommand::SessionEnded => ToOwner::SessionEnded,
            SchedulerCommand::BreakTaken => ToOwner::BreakTaken,
            SchedulerCommand::Snooze => ToOwner::Snooze,
            SchedulerCommand::Dismiss => ToOwner::Dismiss,
            SchedulerCommand::Pause(preset) => ToOwner::Pause(match preset {
                PausePreset::ThirtyMinutes => Preset::ThirtyMinutes,
                PausePreset::OneHour => Preset::OneHour,
                PausePreset::TwoHours => Preset::TwoHours,
                PausePreset::UntilTomorrow => Preset::UntilTomorrow,
            }),
            SchedulerCommand::Resume => ToOwner::Resume,
            // The owner's own desktop watch says these; they never cross the socket.
            SchedulerCommand::Away(_) | SchedulerCommand::Back | SchedulerCommand::Shutdown => {
                return None;
            }
        })
    }

    #[must_use]
    pub fn command(&self) -> SchedulerCommand {
        match self {
            ToOwner::SessionStarted => SchedulerCommand::SessionStarted,
            ToOwner::SessionEnded => SchedulerCommand::SessionEnded,
            ToOwner::BreakTaken => SchedulerCommand::BreakTaken,
            ToOwner::Snooze => SchedulerCommand::Snooze,
            ToOwner::Dismiss => SchedulerCommand::Dismiss,
            ToOwner::Pause(preset) => SchedulerCommand::Pause(match preset {
                Preset::ThirtyMinutes => PausePreset::ThirtyMinutes,
                Preset::OneHour => PausePreset::OneHour,
                Preset::TwoHours => PausePreset::TwoHours,
                Preset::UntilTomorrow => PausePreset::UntilTomorrow,
            }),
            ToOwner::Resume => SchedulerCommand::Resume,
        }
    }
}

fn ns(m: Moment) -> u64 {
    u64::try_from(m.since_origin().as_nanos()).unwrap_or(u64::MAX)
}

fn moment(ns: u64) -> Moment {
    Moment::from_duration(Duration::from_nanos(ns))
}

impl From<&ScheduleStatus> for Status {
    fn from(status: &ScheduleStatus) -> Status {
        match status {
            ScheduleStatus::Disabled => Status::Disabled,
            ScheduleStatus::NextBreak { due } => Status::NextBreak { due_ns: ns(*due) },
            ScheduleStatus::Snoozed { until } => Status::Snoozed {
                until_ns: ns(*until),
            },
            ScheduleStatus::Paused { until } => Status::Paused {
                until_ns: ns(*until),
            },
            ScheduleStatus::HeldForSession => Status::HeldForSession,
            ScheduleStatus::OutsideHours { resumes, at } => Status::OutsideHours {
                resumes: resumes.to_string(),
                at_ns: ns(*at),
            },
            ScheduleStatus::HoursEnd { resumes, at } => Status::HoursEnd {
                resumes: resumes.to_string(),
                at_ns: ns(*at),
            },
        }
    }
}

impl From<OpenReminder> for Open {
    fn from(open: OpenReminder) -> Open {
        Open {
            until_ns: ns(open.until),
            notification: open.notification,
        }
    }
}

impl From<Open> for OpenReminder {
    fn from(open: Open) -> OpenReminder {
        OpenReminder {
            until: moment(open.until_ns),
            notification: open.notification,
        }
    }
}

impl Status {
    /// `None` for a time that does not parse (then the instance waits for the next status).
    #[must_use]
    pub fn schedule(&self) -> Option<ScheduleStatus> {
        Some(match self {
            Status::Disabled => ScheduleStatus::Disabled,
            Status::NextBreak { due_ns } => ScheduleStatus::NextBreak {
                due: moment(*due_ns),
            },
            Status::Snoozed { until_ns } => ScheduleStatus::Snoozed {
                until: moment(*until_ns),
            },
            Status::Paused { until_ns } => ScheduleStatus::Paused {
                until: moment(*until_ns),
            },
            Status::HeldForSession => ScheduleStatus::HeldForSession,
            Status::OutsideHours { resumes, at_ns } => ScheduleStatus::OutsideHours {
                resumes: resumes.parse().ok()?,
                at: moment(*at_ns),
            },
            Status::HoursEnd { resumes, at_ns } => ScheduleStatus::HoursEnd {
                resumes: resumes.parse().ok()?,
                at: moment(*at_ns),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_commands_cross_the_wire_unchanged() {
        let resumes: jiff::ZonedDateTime =
            "2026-03-02T09:00:00+01:00[Europe/Paris]".parse().unwrap();
        for status in [
            ScheduleStatus::NextBreak {
                due: Moment::from_secs(12_345),
            },
            ScheduleStatus::Paused {
                until: Moment::from_secs(99),
            },
            ScheduleStatus::OutsideHours {
                resumes: resumes.clone(),
                at: Moment::from_secs(7),
            },
            ScheduleStatus::HoursEnd {
                resumes,
                at: Moment::from_secs(8),
            },
        ] {
            let mut buf = line(&ToAttached::Status(Status::from(&status)));
            let got: Vec<ToAttached> = take_lines(&mut buf);
            let [ToAttached::Status(wire)] = got.as_slice() else {
                panic!("{got:?}")
            };
            assert_eq!(wire.schedule(), Some(status));
        }
        let open = OpenReminder {
            until: Moment::from_secs(300),
            notification: Some(7),
        };
        for sent in [Some(open), None] {
            let mut buf = line(&ToAttached::Open(sent.map(Open::from)));
            let got: Vec<ToAttached> = take_lines(&mut buf);
            let [ToAttached::Open(wire)] = got.as_slice() else {
                panic!("{got:?}")
            };
            assert_eq!(wire.map(OpenReminder::from), sent);
        }
        let pause = SchedulerCommand::Pause(PausePreset::UntilTomorrow);
        let wire = ToOwner::from_command(pause).unwrap();
        assert_eq!(wire.command(), pause);
        assert_eq!(ToOwner::from_command(SchedulerCommand::Shutdown), None);
    }

    #[test]
    fn a_partial_line_waits_for_its_end_and_garbage_is_skipped() {
        let mut buf = b"\"snooze\"\nnot json\n\"res".to_vec();
        let got: Vec<ToOwner> = take_lines(&mut buf);
        assert_eq!(got, vec![ToOwner::Snooze]);
        assert_eq!(buf, b"\"res");
        buf.extend_from_slice(b"ume\"\n");
        assert_eq!(take_lines::<ToOwner>(&mut buf), vec![ToOwner::Resume]);
    }
}
