//! The one key table: (context, key) → action, with the words the help overlay is made from,
//! and beside it the footers: every footer, overlay bottom line and plain mode's key line is
//! read from [`FOOTERS`]. A key works only if it is in [`BINDINGS`], so nothing can work
//! unlisted; the tests check that every key a footer names works where it is shown.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    /// Enter: open, start, release a range phase.
    Select,
    /// Space: start or pause/resume.
    TogglePause,
    Next,
    Previous,
    Restart,
    /// `+`: more time in the running phase.
    MoreTime,
    /// `-`: less time in the running phase.
    LessTime,
    /// `q`: leave the screen (asks first while a session runs).
    Quit,
    /// Esc: close an overlay, or like `q`.
    Back,
    /// `y` in the leave dialog.
    Yes,
    /// Anything that keeps going in the leave dialog.
    No,
    Help,
    Safety,
    /// The "Why and how" guide.
    Guide,
    Stats,
    /// 0–9 for a pain rating; 10 is `+`.
    Digit(u8),
    /// Skip a check-in.
    Skip,
    /// Take the break a reminder offers (start the break session).
    TakeBreak,
    Snooze,
    /// Cycle reminder pause presets.
    PauseReminders,
    /// `v`: the spoken coach on or off.
    ToggleVoice,
    /// Ctrl-Z.
    Suspend,
    /// Ctrl-C: leave at once.
    Interrupt,
}

/// Where a key is pressed: what it means depends on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    Home,
    /// A session's intro (with the pain check-in).
    Intro,
    /// A countdown, running or paused.
    Running,
    /// The summary after a session (with the check-in).
    Summary,
    Stats,
    Help,
    Safety,
    /// "Leave this session?"
    Confirm,
}

impl Context {
    pub const ALL: [Context; 8] = [
        Context::Home,
        Context::Intro,
        Context::Running,
        Context::Summary,
        Context::Stats,
        Context::Help,
        Context::Safety,
        Context::Confirm,
    ];
}

/// A key as the table names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
    /// `0`–`9`, giving `Action::Digit(n)`.
    Digits,
}

/// The help overlay's groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Everywhere,
    Home,
    Session,
    Breaks,
}

impl Group {
    pub const ALL: [Group; 4] = [
        Group::Everywhere,
        Group::Home,
        Group::Session,
        Group::Breaks,
    ];

    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Group::Everywhere => "Everywhere",
            Group::Home => "Home",
            Group::Session => "Session",
            Group::Breaks => "Movement breaks",
        }
    }
}

pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written in help and hints.
    pub shown: &'static str,
    pub action: Action,
    pub contexts: &'static [Context],
    pub group: Group,
    /// The help overlay's line.
    pub help: &'static str,
}

/// Each footer: the line of keys at the bottom of a screen, an overlay's bottom edge, or
/// plain mode's key line. Its keys work in [`Footer::context`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Footer {
    Home,
    Intro,
    /// A countdown, running or paused.
    Running,
    Summary,
    Stats,
    Help,
    Safety,
    Guide,
    /// "Leave the session?"
    Confirm,
    /// Plain mode's "Keys: ..." line: the runner's keys only.
    Plain,
}

impl Footer {
    pub const ALL: [Footer; 10] = [
        Footer::Home,
        Footer::Intro,
        Footer::Running,
        Footer::Summary,
        Footer::Stats,
        Footer::Help,
        Footer::Safety,
        Footer::Guide,
        Footer::Confirm,
        Footer::Plain,
    ];

    /// Where the keys it shows are pressed.
    #[must_use]
    pub fn context(self) -> Context {
        match self {
            Footer::Home => Context::Home,
            Footer::Intro => Context::Intro,
            Footer::Running | Footer::Plain => Context::Running,
            Footer::Summary => Context::Summary,
            Footer::Stats => Context::Stats,
            Footer::Help | Footer::Guide => Context::Help,
            Footer::Safety => Context::Safety,
            Footer::Confirm => Context::Confirm,
        }
    }
}

/// One entry of a footer: the keys as the footer writes them, and its word. `action` names
/// the binding it stands for, so a view can reword the entry (Space says "resume" while
/// paused) or leave it out when it does nothing now.
#[derive(Clone, Copy, Debug)]
pub struct Hint {
    pub action: Action,
    pub keys: &'static str,
    pub word: &'static str,
}

#[path = "keymap_table.rs"]
mod table;
pub use table::BINDINGS;

#[path = "keymap_footers.rs"]
mod footers;
pub use footers::FOOTERS;

impl Key {
    fn action(self, key: &KeyEvent, base: Action) -> Option<Action> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let matched = match self {
            Key::Ctrl(c) => ctrl && key.code == KeyCode::Char(c),
            _ if ctrl => false,
            Key::Char(c) => key.code == KeyCode::Char(c),
            Key::Code(code) => key.code == code,
            Key::Digits => {
                return match key.code {
                    KeyCode::Char(c @ '0'..='9') => Some(Action::Digit(c as u8 - b'0')),
                    _ => None,
                };
            }
        };
        match (matched, self, base) {
            (false, ..) => None,
            (true, Key::Char('+'), Action::Digit(_)) => Some(Action::Digit(10)),
            (true, ..) => Some(base),
        }
    }
}

/// What `key` does in `context`, if anything.
#[must_use]
pub fn action_for(key: KeyEvent, context: Context) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .find_map(|b| b.keys.iter().find_map(|k| k.action(&key, b.action)))
}

/// The entries of a footer, in the order it shows them (a short line keeps the first).
#[must_use]
pub fn footer(which: Footer) -> &'static [Hint] {
    FOOTERS
        .iter()
        .find(|(f, _)| *f == which)
        .map_or(&[], |(_, hints)| hints)
}

/// The help overlay: each group with its (keys, what they do), in table order.
#[must_use]
pub fn help() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    Group::ALL
        .iter()
        .map(|&group| {
            let lines = BINDINGS
                .iter()
                .filter(|b| b.group == group && !matches!(b.action, Action::Down))
                .map(|b| match b.action {
                    Action::Up => ("↑↓ k j", b.help),
                    _ => (b.shown, b.help),
                })
                .collect();
            (group.title(), lines)
        })
        .collect()
}

#[cfg(test)]
#[path = "keymap_tests.rs"]
mod tests;
