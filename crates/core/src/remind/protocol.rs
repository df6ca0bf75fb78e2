//! The scheduler protocol: what a front end asks of the reminder scheduler and what it hears
//! back. Leaf types only, so the scheduler thread, the notifiers, the runtime and every front
//! end can name them without importing each other.

use super::schedule::{PausePreset, ScheduleStatus};
use crate::history::ReminderOutcome;
use crate::text::SafeText;

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
