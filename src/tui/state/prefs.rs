//! What comes into the state machine: the config's preferences, a reload of the config
//! and the library, and the inputs of `App::update`.

use std::time::Duration;

use crate::alert::Alerts;
use crate::config::AWAY_AFTER;
use crate::narrate::{Chime, ChimeSet, VoiceDetail};
use crate::remind::protocol::ReminderEvent;
use crate::runtime::HistoryReport;
use crate::session::Session;
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
    pub break_session: BreakSession,
    /// The spoken coach (`voice = true` or `--voice`); `v` toggles it for the run.
    pub voice: bool,
    pub voice_says: VoiceDetail,
    /// The chimes that play (`sound` and `sounds`); `None` for none (`sound = false`,
    /// `--quiet`).
    pub sound: Option<ChimeSet>,
    /// Phases at least this long that end while the terminal is not known to have focus are
    /// told on the desktop (`away_after`).
    pub away_after: Duration,
}

impl Prefs {
    #[must_use]
    pub fn new(theme: Theme) -> Prefs {
        Prefs {
            theme,
            checkin: true,
            quiet: false,
            alerts: Alerts::default(),
            break_session: BreakSession::Id("desk-break".to_string()),
            voice: false,
            voice_says: VoiceDetail::Cues,
            sound: None,
            away_after: AWAY_AFTER,
        }
    }
}

/// The session "take a break" opens: `[reminders] session` in config.toml.
#[derive(Clone, Debug)]
pub enum BreakSession {
    /// An id, looked up in the library when the break is taken.
    Id(String),
    /// A path: the file was read with the config; the session, or why it cannot open.
    File(Result<Box<Session>, SafeText>),
}

impl BreakSession {
    /// The session to open, or a one-line notice why none opens.
    ///
    /// # Errors
    /// An id no session has (with the nearest one), or the file's error.
    pub fn open(&self, library: &Library) -> Result<Session, SafeText> {
        match self {
            BreakSession::Id(id) => library
                .resolve(id)
                .map_err(|e| SafeText::new(&format!("no break session opened: {}", e.headline()))),
            BreakSession::File(read) => read.clone().map(|s| *s),
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
    /// The sessions, read after the first frame of `run FILE`.
    LibraryRead(Box<Library>),
    /// Reminders started after the first frame: on, off, or why not.
    RemindersStarted(Result<bool, String>),
    /// A signal or a lost terminal: the program ends now.
    Abort,
    /// The voice cannot speak: why (said once on screen; the voice turns off).
    VoiceFailed(String),
    /// Sounds cannot play: the chime missed, and why (said once on screen; the bell rings
    /// instead).
    SoundFailed(Chime, String),
    /// The terminal gained or lost focus.
    Focus(bool),
    /// This instance's part in the shared break schedule, as it is now.
    Sharing(crate::status::Sharing),
}
