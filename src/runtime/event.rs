//! The one event type that every thread sends to a front end's main loop. A leaf: it names
//! only value types (keys, the scheduler protocol, history's results), so the threads that
//! send it and the loops that receive it never import each other.

use crate::text::SafeText;
use ratatui::crossterm::event::{KeyEvent, MouseEventKind};

use crate::history::stats::Stats;
use crate::remind::protocol::ReminderEvent;

/// Everything that wakes a front end's main thread.
#[derive(Debug)]
pub enum Event {
    /// A key, from the terminal (the TUI) or translated from a byte (plain mode).
    Key(KeyEvent),
    /// The mouse wheel (the TUI scrolls with it).
    Mouse(MouseEventKind),
    Resize,
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
}

/// What the history thread sends back.
#[derive(Debug)]
pub enum HistoryReport {
    /// History is off from now on, with the one-line reason (made safe: it may hold a path).
    Off(SafeText),
    Stats(Box<Stats>),
    Advisory(Option<String>),
}
