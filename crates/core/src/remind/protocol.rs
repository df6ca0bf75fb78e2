//! The scheduler protocol: what a front end asks of the reminder scheduler and what it hears
//! back. Leaf types only, so the scheduler thread, the notifiers, the runtime and every front
//! end can name them without importing each other.

use super::schedule::{PausePreset, ScheduleStatus};
use crate::text::SafeText;

/// What the UI asks of the scheduler.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchedulerCommand {
    SessionStarted,
    SessionEnded,
    Snooze,
    Pause(PausePreset),
    Resume,
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
    },
    ActionInvoked(ReminderAction),
    /// Desktop notifications do not work; sent once.
    DesktopUnavailable {
        reason: String,
    },
    StatusChanged(ScheduleStatus),
}
