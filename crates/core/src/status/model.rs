//! What a state file holds, and the one-line text made from it. Pure: no I/O, no clock;
//! `now` comes in as an argument.

use std::time::Duration;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::duration;
use crate::remind::schedule::ScheduleStatus;
use crate::runner::{Mode, Runner};
use crate::session::{PhaseKind, Session};
use crate::text::SafeText;
use crate::time::Moment;

/// Which kind of knotless wrote the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Program {
    Tui,
    Plain,
    Remind,
}

/// The content of one state file. Keys are stable (see README).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusState {
    pub pid: u32,
    pub program: Program,
    /// A session that is running or paused; `None` otherwise.
    pub session: Option<SessionState>,
    /// The movement-break schedule; `None` when this process runs no reminders.
    pub reminders: Option<ReminderState>,
    /// This process's part in the one break schedule of the user session; absent in files
    /// of older versions and in processes that run no reminders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Sharing>,
    /// The owner's desktop sources of natural breaks that answered (`screensaver`,
    /// `logind`); absent elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub natural_breaks: Option<Vec<String>>,
}

/// Whether a process owns the session's break schedule or is attached to the one that does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Owner,
    Attached,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sharing {
    pub role: Role,
    /// The owner's pid (this process's own when it is the owner).
    pub owner: u32,
}

impl Sharing {
    /// What to tell the user when this instance's part changed from `before` to `self`:
    /// attached, its own flags and settings wait (they would otherwise look ignored), and
    /// which knotless keeps the schedule when that changes; taken over, they apply. Nothing
    /// for an owner from the start, or for no change.
    #[must_use]
    pub fn change_words(&self, before: Option<Sharing>) -> Option<String> {
        match (before.map(|b| (b.role, b.owner)), self.role) {
            (Some((Role::Attached, owner)), Role::Attached) if owner == self.owner => None,
            (_, Role::Attached) => Some(format!(
                "another knotless (pid {}) keeps the break schedule and sends the reminders; \
                 its settings apply, this one's if it leaves first",
                self.owner
            )),
            (Some((Role::Attached, _)), Role::Owner) => Some(
                "the knotless that kept the break schedule left it; this one keeps it now".into(),
            ),
            (None | Some((Role::Owner, _)), Role::Owner) => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionState {
    /// Text read back from a state file is made safe as it is read (`SafeText`'s serde).
    pub id: SafeText,
    pub title: SafeText,
    /// The step's name, or "Rest".
    pub step: SafeText,
    pub side: Option<SafeText>,
    pub paused: bool,
    /// When the current phase ends (RFC 3339), while running.
    pub ends_at: Option<String>,
    /// Time left in the phase in milliseconds, while paused.
    pub remaining_ms: Option<u64>,
    /// 1-based.
    pub phase: usize,
    pub phases: usize,
    /// When the run started, as history stores it (RFC 3339, milliseconds): `history` shows
    /// that run as running, not cut short. Absent in files of older versions.
    #[serde(default)]
    pub started: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderState {
    /// `next_break`, `snoozed`, `paused`, `held`, `outside_hours`, `hours_end` or `off`.
    pub state: String,
    /// The next break (`next_break`, `snoozed`), the end of a pause, or when working hours
    /// resume (RFC 3339).
    pub at: Option<String>,
}

/// Turns [`Moment`]s into wall-clock times through one fixed pair of readings, so that the
/// same deadline always gives the same timestamp (and the file does not change by jitter).
#[derive(Clone, Copy, Debug)]
pub struct WallAnchor {
    pub moment: Moment,
    pub wall: Timestamp,
}

impl WallAnchor {
    #[must_use]
    pub fn at(&self, m: Moment) -> Timestamp {
        let moved = if m >= self.moment {
            self.wall.checked_add(m - self.moment)
        } else {
            self.wall.checked_sub(self.moment - m)
        };
        // Cut to the millisecond, never rounded up: read back a moment later, a break due
        // in exactly 45 minutes must not count 45 min and a fraction ("in 46 min").
        let to_ms = jiff::TimestampRound::new()
            .smallest(jiff::Unit::Millisecond)
            .mode(jiff::RoundMode::Trunc);
        let moved = moved.unwrap_or(self.wall);
        moved.round(to_ms).unwrap_or(moved)
    }
}

impl SessionState {
    /// The session's state while it runs or is paused.
    #[must_use]
    pub fn from_runner(
        session: &Session,
        runner: &Runner,
        now: Moment,
        anchor: &WallAnchor,
    ) -> Option<SessionState> {
        let paused = match runner.mode() {
            Mode::Running => false,
            Mode::Paused => true,
            Mode::Intro | Mode::Finished => return None,
        };
        let phase = runner.current()?;
        let step = session.steps.get(phase.step)?;
        let left = runner.remaining(now).unwrap_or_default();
        let (ends_at, remaining_ms) = if paused {
            (
                None,
                Some(u64::try_from(left.as_millis()).unwrap_or(u64::MAX)),
            )
        } else {
            // From the runner's own deadline (not now + left) so it is the same every time.
            let deadline = now + left;
            let deadline = Moment::from_duration(Duration::from_millis(
                u64::try_from(deadline.since_origin().as_millis()).unwrap_or(u64::MAX),
            ));
            (Some(anchor.at(deadline).to_string()), None)
        };
        Some(SessionState {
            id: session.id.clone(),
            title: session.title.clone(),
            step: match phase.kind {
                PhaseKind::Rest => "Rest".into(),
                PhaseKind::Work => step.name.clone(),
            },
            side: step.side_name(phase.side).cloned(),
            paused,
            ends_at,
            remaining_ms,
            phase: runner.index() + 1,
            phases: runner.phases().len(),
            started: None,
        })
    }

    /// Time left in the phase at `now`.
    #[must_use]
    pub fn left(&self, now: Timestamp) -> Duration {
        if let Some(ms) = self.remaining_ms {
            return Duration::from_millis(ms);
        }
        self.ends_at
            .as_deref()
            .and_then(|s| s.parse::<Timestamp>().ok())
            .map_or(Duration::ZERO, |end| until(now, end))
    }
}

impl ReminderState {
    #[must_use]
    pub fn from_schedule(status: &ScheduleStatus, anchor: &WallAnchor) -> ReminderState {
        let (state, at) = match status {
            ScheduleStatus::Disabled => ("off", None),
            ScheduleStatus::NextBreak { due } => ("next_break", Some(anchor.at(*due))),
            ScheduleStatus::Snoozed { until } => ("snoozed", Some(anchor.at(*until))),
            ScheduleStatus::Paused { until } => ("paused", Some(anchor.at(*until))),
            ScheduleStatus::HeldForSession => ("held", None),
            ScheduleStatus::OutsideHours { resumes, .. } => {
                ("outside_hours", Some(resumes.timestamp()))
            }
            ScheduleStatus::HoursEnd { resumes, .. } => ("hours_end", Some(resumes.timestamp())),
        };
        ReminderState {
            state: state.to_string(),
            at: at.map(|t| t.to_string()),
        }
    }

    fn at(&self) -> Option<Timestamp> {
        self.at.as_deref().and_then(|s| s.parse().ok())
    }

    /// Time until the next break, when one is coming.
    #[must_use]
    pub fn next_break(&self, now: Timestamp) -> Option<Duration> {
        match self.state.as_str() {
            "next_break" | "snoozed" => self.at().map(|at| until(now, at)),
            _ => None,
        }
    }

    /// "next break 23m", "snoozed 8m", "breaks paused until 14:30", ...: for status bars.
    #[must_use]
    pub fn describe(&self, now: Timestamp, zone: &jiff::tz::TimeZone) -> String {
        self.words(now, zone, Wording::Bar)
    }

    /// The one wording of the break status, in the long form (the app's header) or the
    /// short one (status bars): the same states, the same clock times.
    #[must_use]
    pub fn words(&self, now: Timestamp, zone: &jiff::tz::TimeZone, wording: Wording) -> String {
        let clock = || {
            self.at()
                .map_or_else(String::new, |t| clock_time(t, now, zone))
        };
        let left = self.next_break(now);
        let long = |left: Option<Duration>| left.map_or_else(String::new, duration::minutes);
        let short = |left: Option<Duration>| left.map_or_else(String::new, duration::minutes_short);
        match (self.state.as_str(), wording) {
            ("next_break", Wording::Log) => format!("next break at {}, in {}", clock(), long(left)),
            ("snoozed", Wording::Log) => {
                format!("snoozed: next break at {}, in {}", clock(), long(left))
            }
            ("held", Wording::Log) => "break reminders wait for the session".to_string(),
            ("outside_hours", Wording::Log) => {
                format!("outside working hours: breaks resume {}", clock())
            }
            ("hours_end", Wording::Log) => format!(
                "working hours end before the next break: breaks resume {}",
                clock()
            ),
            ("next_break", Wording::Bar) => format!("next break {}", short(left)),
            ("next_break", Wording::Screen) => format!("next break in {}", long(left)),
            ("snoozed", Wording::Bar) => format!("snoozed {}", short(left)),
            ("snoozed", Wording::Screen) => format!("snoozed · next break in {}", long(left)),
            ("paused", _) => format!("breaks paused until {}", clock()),
            ("held", Wording::Bar) => "break held".to_string(),
            ("held", Wording::Screen) => "break reminders wait while a session runs".to_string(),
            ("outside_hours" | "hours_end", _) => format!("breaks resume {}", clock()),
            _ => "reminders off".to_string(),
        }
    }
}

/// Which form of the break status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wording {
    /// "next break in 23 min": the app's header.
    Screen,
    /// "next break 23m": status bars.
    Bar,
    /// "next break at 10:42, in 45 min": `knotless remind`'s lines.
    Log,
}

/// `HH:MM` today, `Tue HH:MM` on another day.
#[must_use]
pub fn clock_time(at: Timestamp, now: Timestamp, zone: &jiff::tz::TimeZone) -> String {
    // To the nearest second first: a moment carried across clocks (a pause until 08:00 read
    // back a little later) can come back a millisecond early, and must not read "07:59".
    let at = at.round(jiff::Unit::Second).unwrap_or(at);
    let at = at.to_zoned_datetime(zone.clone());
    if at.date() == now.to_zoned_datetime(zone.clone()).date() {
        at.strftime("%H:%M").to_string()
    } else {
        at.strftime("%a %H:%M").to_string()
    }
}

fn until(now: Timestamp, end: Timestamp) -> Duration {
    Duration::try_from(end.duration_since(now)).unwrap_or(Duration::ZERO)
}

/// Everything the running processes said, merged: the first session found (a running one
/// before a paused one) and the first reminder schedule.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snapshot {
    pub pids: Vec<u32>,
    pub session: Option<SessionState>,
    pub reminders: Option<ReminderState>,
    /// The process that owns the break schedule, and what it is.
    pub owner: Option<(u32, Program)>,
    /// How many processes are attached to the owner's schedule.
    pub attached: usize,
    /// The owner's sources of natural breaks.
    pub natural_breaks: Vec<String>,
}

impl Snapshot {
    #[must_use]
    pub fn merge(mut states: Vec<StatusState>) -> Snapshot {
        states.sort_by_key(|s| s.pid);
        let session = states
            .iter()
            .filter_map(|s| s.session.clone())
            .min_by_key(|s| s.paused);
        // A TUI's schedule is the one the user sees; prefer it over a headless one.
        let reminders = states
            .iter()
            .filter(|s| s.reminders.is_some())
            .min_by_key(|s| s.program != Program::Tui)
            .and_then(|s| s.reminders.clone());
        let owning = states
            .iter()
            .find(|s| s.schedule.is_some_and(|r| r.role == Role::Owner));
        let owner = owning.map(|s| (s.pid, s.program));
        let natural_breaks = owning
            .and_then(|s| s.natural_breaks.clone())
            .unwrap_or_default();
        let attached = states
            .iter()
            .filter(|s| s.schedule.is_some_and(|r| r.role == Role::Attached))
            .count();
        Snapshot {
            pids: states.iter().map(|s| s.pid).collect(),
            session,
            reminders,
            owner,
            attached,
            natural_breaks,
        }
    }

    #[must_use]
    pub fn running(&self) -> bool {
        !self.pids.is_empty()
    }

    /// `running`, `paused`, `idle` or `not running`.
    #[must_use]
    pub fn state(&self) -> &'static str {
        match (&self.session, self.running()) {
            (Some(s), _) if s.paused => "paused",
            (Some(_), _) => "running",
            (None, true) => "idle",
            (None, false) => "not running",
        }
    }

    /// The default line: the session's step and time left, else the reminder status.
    #[must_use]
    pub fn text(&self, now: Timestamp, zone: &jiff::tz::TimeZone) -> String {
        if let Some(s) = &self.session {
            let left = duration::clock(s.left(now));
            return if s.paused {
                format!("{} {left} paused", s.step)
            } else {
                format!("{} {left}", s.step)
            };
        }
        match (&self.reminders, self.running()) {
            (Some(r), _) => r.describe(now, zone),
            (None, true) => "idle".to_string(),
            (None, false) => "not running".to_string(),
        }
    }
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
