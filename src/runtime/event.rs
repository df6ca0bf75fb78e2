//! The one event type that every thread sends to a front end's main loop. A leaf: it names
//! only value types (keys, the scheduler protocol, history's results), so the threads that
//! send it and the loops that receive it never import each other.

use std::sync::Arc;
use std::sync::mpsc::{SendError, Sender};

use crate::platform::bell::Bell;
use crate::text::SafeText;
use ratatui::crossterm::event::{KeyEvent, MouseEventKind};

use crate::history::stats::Stats;
use crate::narrate::Chime;
use crate::remind::protocol::ReminderEvent;

/// Everything that wakes a front end's main thread.
#[derive(Debug)]
pub enum Event {
    /// A key, from the terminal (the TUI) or translated from a byte (plain mode).
    Key(KeyEvent),
    /// The mouse wheel (the TUI scrolls with it).
    Mouse(MouseEventKind),
    Resize,
    /// The terminal window gained (`true`) or lost focus, as the terminal reports it.
    Focus(bool),
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT arrived.
    Signal(i32),
    /// The terminal went away (read failed or hung up).
    InputClosed,
    /// SIGTSTP from outside (the Ctrl-Z key comes as a key).
    SuspendRequested,
    /// From the history thread.
    History(HistoryReport),
    /// From the reminder scheduler thread.
    Reminder(ReminderEvent),
    /// A config or session file changed (live reload).
    FilesChanged,
    /// The voice cannot speak (speech-dispatcher not running or not answering): the reason.
    VoiceFailed(String),
    /// Sounds cannot play (no sound server, or it failed): the chime that was missed, and
    /// the reason.
    SoundFailed(Chime, String),
}

/// What the history thread sends back.
#[derive(Debug)]
pub enum HistoryReport {
    /// History is off from now on, with the one-line reason (made safe: it may hold a path).
    Off(SafeText),
    Stats(Box<Stats>),
    Advisory(Option<String>),
}

/// The sending half of a front end's channel, cloned into every thread that reports. Each
/// event also rings a bell (an eventfd) that wakes the front end's `poll`
/// ([`super::inbox::Inbox`]), so its main thread waits for the terminal, the signals and the
/// threads at once.
#[derive(Clone, Debug)]
pub struct EventSender {
    tx: Sender<Event>,
    bell: Arc<Bell>,
}

impl EventSender {
    /// Sends `event`; fails only when the front end is gone.
    ///
    /// # Errors
    /// When the receiving side was dropped.
    pub fn send(&self, event: Event) -> Result<(), SendError<Event>> {
        self.tx.send(event)?;
        self.bell.ring();
        Ok(())
    }

    /// Rings `bell` after each event.
    pub(super) fn new(tx: Sender<Event>, bell: Arc<Bell>) -> EventSender {
        EventSender { tx, bell }
    }
}
