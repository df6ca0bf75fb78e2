//! What the TUI's state asks the outside world to do. A leaf: `App::update` returns these
//! and never performs them; `tui::perform::carry_out` does.

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
    /// A check-in changed what the persistence advisory may say.
    RefreshAdvisory,
}
