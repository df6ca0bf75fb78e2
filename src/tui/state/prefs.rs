//! What comes into the state machine: the config's preferences, a reload of the config
//! and the library, and the inputs of `App::update`.

use crate::alert::Alerts;
use crate::remind::protocol::ReminderEvent;
use crate::runtime::HistoryReport;
use crate::session::library::Library;
use crate::text::SafeText;
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;

/// What the config decides for the screen; replaced whole on a reload.
#[derive(Clone, Debug)]
pub struct Prefs {
    pub theme: Theme,
    /// Pain check-ins on the intro and the summary.
    pub checkin: bool,
    /// No bell (`--quiet`).
    pub quiet: bool,
    pub alerts: Alerts,
    /// The session "take a break" opens.
    pub break_session: String,
}

impl Prefs {
    #[must_use]
    pub fn new(theme: Theme) -> Prefs {
        Prefs {
            theme,
            checkin: true,
            quiet: false,
            alerts: Alerts::default(),
            break_session: "desk-break".to_string(),
        }
    }
}

/// A reloaded config and session library, ready for the app.
#[derive(Debug)]
pub struct Reload {
    /// The new preferences, or a one-line notice why the config was not taken.
    pub prefs: Result<Prefs, SafeText>,
    pub library: Library,
    /// Reminders were restarted with new settings: whether they are on, or why they failed.
    pub reminders: Option<Result<bool, String>>,
}

/// One thing that happened, for [`App::update`].
#[derive(Debug)]
pub enum Input {
    Action(Action),
    /// Time passed (a wake-up with no event).
    Tick,
    Reminder(ReminderEvent),
    History(HistoryReport),
    /// Files were read again.
    Reloaded(Box<Reload>),
    /// Reminders started after the first frame: on, off, or why not.
    RemindersStarted(Result<bool, String>),
    /// A signal or a lost terminal: the program ends now.
    Abort,
}
