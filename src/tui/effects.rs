//! What the TUI's state asks the outside world to do. A leaf: `App::update` returns these
//! and never performs them; `tui::perform::carry_out` does.

use crate::narrate::{Chime, Utterances};
use crate::remind::protocol::SchedulerCommand;
use crate::runtime::HistoryJob;
use crate::text::SafeText;

#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Bell,
    /// The user pressed Ctrl-Z (or SIGTSTP came): give the terminal back and stop.
    Suspend,
    /// Show a reminder as a terminal notification (OSC 9 / OSC 777).
    TerminalAlert {
        summary: SafeText,
        body: SafeText,
    },
    SafetyAcknowledged,
    History(HistoryJob),
    Scheduler(SchedulerCommand),
    /// The stats screen opened: ask history for the figures.
    RequestStats,
    /// Home is shown again after a session: its check-ins may change the persistence
    /// advisory.
    RefreshAdvisory,
    /// Say these through the voice (only while it is on).
    Speak(Utterances),
    /// Stop speech in progress at once: quitting, or the voice turned off.
    Silence,
    /// Play a chime (only while sounds are on).
    Chime(Chime),
    /// A long phase ended while the user may be away: a desktop notification.
    Away {
        summary: String,
        body: String,
    },
}
