//! The scheduler protocol: what a front end asks of the reminder scheduler and what it hears
//! back. Leaf types only, so the scheduler thread, the notifiers, the runtime and every front
//! end can name them without importing each other.

use super::schedule::{PausePreset, ScheduleStatus};
use crate::history::ReminderOutcome;
use crate::text::SafeText;
use crate::time::Moment;

/// What the UI asks of the scheduler.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchedulerCommand {
    SessionStarted,
    SessionEnded,
    /// A break is being taken (`b`, the banner, "Start stretch"): the break clock restarts.
    BreakTaken,
    Snooze,
    /// The reminder's banner was closed without a break (Esc).
    Dismiss,
    Pause(PausePreset),
    Resume,
    /// The desktop says the user went away (screen locked, screensaver, idle session), this
    /// long ago (an idle session says since when).
    Away(std::time::Duration),
    /// ... and came back.
    Back,
    Shutdown,
}

/// What the user chose on a notification.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReminderAction {
    /// Open the configured break session.
    StartStretch,
    Snooze,
}

/// A reminder that fired and has no answer yet (see `remind::answer`), as the next owner of
/// the schedule takes it over: an answer given right after a hand-over still answers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenReminder {
    /// When it counts as ignored.
    pub until: Moment,
    /// The desktop's id for its notification, once shown there: the next owner closes it
    /// when the reminder is answered, and its own next reminder replaces it.
    pub notification: Option<u32>,
}

/// What an instance carries on with when it becomes the schedule's owner: the last status
/// and open reminder it heard (from the owner that left, or its own before a stop).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Handover {
    pub status: Option<ScheduleStatus>,
    pub open: Option<OpenReminder>,
}

/// What the scheduler tells the UI.
#[derive(Clone, Debug, PartialEq)]
pub enum ReminderEvent {
    /// A reminder fired: show the banner (and ring the bell).
    Fired {
        summary: SafeText,
        body: SafeText,
        /// Relayed from the instance that owns the session's schedule (and sent it to the
        /// desktop and to history): show it, do not record it again.
        relayed: bool,
    },
    ActionInvoked(ReminderAction),
    /// Desktop notifications do not work; sent once.
    DesktopUnavailable {
        reason: String,
    },
    StatusChanged(ScheduleStatus),
    /// Away this long (asleep, stopped, the screen locked, idle) counted as a break: the
    /// clock restarted. A new status follows.
    NaturalBreak {
        gap: std::time::Duration,
    },
    /// Which desktop sources of natural breaks answered (`screensaver`, `logind`); sent
    /// once they are known, by the instance that owns the schedule.
    NaturalBreakSources(Vec<String>),
    /// The open reminder got its answer (see `remind::answer`): its banner and notification
    /// go away. `relayed`: the owner records it in history, not this instance.
    Resolved {
        outcome: ReminderOutcome,
        relayed: bool,
    },
    /// The reminder waiting for an answer changed (fired, shown on the desktop, answered):
    /// for the schedule's hand-over only; front ends show [`ReminderEvent::Fired`] and
    /// [`ReminderEvent::Resolved`].
    Open(Option<OpenReminder>),
}

impl ReminderEvent {
    /// What this instance records in history for the event: the owner of the schedule
    /// records each reminder and its answer once; relayed copies record nothing.
    #[must_use]
    pub fn history_outcome(&self) -> Option<ReminderOutcome> {
        match self {
            ReminderEvent::Fired { relayed: false, .. } => Some(ReminderOutcome::Fired),
            ReminderEvent::Resolved {
                outcome,
                relayed: false,
            } => Some(*outcome),
            _ => None,
        }
    }
}
