//! The one key table: (context, key) → action, with the words the help overlay, every footer
//! hint and plain mode's key line are made from. A key works only if it is in [`BINDINGS`],
//! so nothing can work unlisted.

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
    /// The footer's word, where the footer shows this key.
    pub hint: Option<&'static str>,
}

use Context as C;
use KeyCode as K;

const ANYWHERE: &[Context] = &Context::ALL;
const SCREENS: &[Context] = &[C::Home, C::Intro, C::Running, C::Summary, C::Stats];
const BROWSE: &[Context] = &[C::Home, C::Intro, C::Summary, C::Stats];
const CHECKIN: &[Context] = &[C::Intro, C::Summary];
const SCROLL: &[Context] = &[C::Home, C::Help, C::Safety];

macro_rules! bind {
    ($keys:expr, $shown:expr, $action:expr, $contexts:expr, $group:ident, $help:expr, $hint:expr) => {
        Binding {
            keys: $keys,
            shown: $shown,
            action: $action,
            contexts: $contexts,
            group: Group::$group,
            help: $help,
            hint: $hint,
        }
    };
}

/// Every key. Order matters twice: the first binding that matches wins, and help and hints
/// list keys in this order.
pub const BINDINGS: &[Binding] = &[
    bind!(
        &[Key::Ctrl('c')],
        "Ctrl-C",
        Action::Interrupt,
        ANYWHERE,
        Everywhere,
        "quit at once",
        None
    ),
    bind!(
        &[Key::Ctrl('z')],
        "Ctrl-Z",
        Action::Suspend,
        ANYWHERE,
        Everywhere,
        "suspend; `fg` resumes",
        None
    ),
    bind!(
        &[Key::Char('y'), Key::Char('Y')],
        "y",
        Action::Yes,
        &[C::Confirm],
        Session,
        "leave, when asked",
        Some("leave")
    ),
    bind!(
        &[
            Key::Char('n'),
            Key::Char('N'),
            Key::Code(K::Esc),
            Key::Char('q'),
            Key::Code(K::Enter),
            Key::Char(' ')
        ],
        "n Esc",
        Action::No,
        &[C::Confirm],
        Session,
        "keep going (Enter, Space)",
        Some("keep going")
    ),
    bind!(
        &[Key::Char('?'), Key::Code(K::F(1))],
        "?",
        Action::Help,
        &[C::Home, C::Intro, C::Running, C::Summary, C::Stats, C::Help],
        Everywhere,
        "this help",
        Some("help")
    ),
    bind!(
        &[Key::Char('w')],
        "w",
        Action::Guide,
        &[C::Home, C::Help],
        Everywhere,
        "why knots form (guide)",
        Some("why & how")
    ),
    bind!(
        &[Key::Char('!')],
        "!",
        Action::Safety,
        &[
            C::Home,
            C::Intro,
            C::Running,
            C::Summary,
            C::Stats,
            C::Help,
            C::Safety
        ],
        Everywhere,
        "when to seek help",
        Some("safety")
    ),
    bind!(
        &[Key::Code(K::Up), Key::Char('k')],
        "↑ k",
        Action::Up,
        SCROLL,
        Home,
        "move / scroll",
        None
    ),
    bind!(
        &[Key::Code(K::Down), Key::Char('j')],
        "↓ j",
        Action::Down,
        SCROLL,
        Home,
        "move / scroll",
        None
    ),
    bind!(
        &[Key::Code(K::PageUp)],
        "PgUp",
        Action::PageUp,
        SCROLL,
        Home,
        "page up",
        None
    ),
    bind!(
        &[Key::Code(K::PageDown)],
        "PgDn",
        Action::PageDown,
        SCROLL,
        Home,
        "page down",
        None
    ),
    bind!(
        &[Key::Char(' ')],
        "Space",
        Action::TogglePause,
        &[C::Home, C::Intro, C::Running],
        Session,
        "start / pause / resume",
        Some("pause")
    ),
    bind!(
        &[Key::Code(K::Enter)],
        "Enter",
        Action::Select,
        &[
            C::Home,
            C::Intro,
            C::Running,
            C::Summary,
            C::Help,
            C::Safety
        ],
        Session,
        "open / start / end a hold",
        Some("open")
    ),
    bind!(
        &[Key::Digits, Key::Char('+')],
        "0-9 +",
        Action::Digit(0),
        CHECKIN,
        Session,
        "rate pain (+ is 10)",
        Some("rate")
    ),
    bind!(
        &[Key::Code(K::Tab), Key::Char('-')],
        "Tab",
        Action::Skip,
        CHECKIN,
        Session,
        "skip the rating",
        Some("skip")
    ),
    bind!(
        &[Key::Code(K::Right), Key::Char('n')],
        "n →",
        Action::Next,
        &[C::Running],
        Session,
        "next phase",
        Some("next")
    ),
    bind!(
        &[Key::Code(K::Left), Key::Char('p')],
        "p ←",
        Action::Previous,
        &[C::Running],
        Session,
        "previous phase",
        Some("back")
    ),
    bind!(
        &[Key::Char('r')],
        "r",
        Action::Restart,
        &[C::Running],
        Session,
        "restart the phase",
        Some("restart")
    ),
    bind!(
        &[Key::Char('s')],
        "s",
        Action::Stats,
        &[C::Home, C::Stats],
        Home,
        "stats and charts",
        Some("stats")
    ),
    bind!(
        &[Key::Char('b')],
        "b",
        Action::TakeBreak,
        BROWSE,
        Breaks,
        "take the break now",
        None
    ),
    bind!(
        &[Key::Char('z')],
        "z",
        Action::Snooze,
        SCREENS,
        Breaks,
        "snooze the reminder",
        None
    ),
    bind!(
        &[Key::Char('P')],
        "P",
        Action::PauseReminders,
        SCREENS,
        Breaks,
        "pause reminders / resume",
        None
    ),
    bind!(
        &[Key::Char('q')],
        "q",
        Action::Quit,
        &[
            C::Home,
            C::Intro,
            C::Running,
            C::Summary,
            C::Stats,
            C::Help,
            C::Safety
        ],
        Everywhere,
        "quit (asks in a session)",
        Some("quit")
    ),
    bind!(
        &[Key::Code(K::Esc)],
        "Esc",
        Action::Back,
        &[
            C::Home,
            C::Intro,
            C::Running,
            C::Summary,
            C::Stats,
            C::Help,
            C::Safety
        ],
        Everywhere,
        "close / go back",
        None
    ),
];

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

/// The footer for `context`: (keys, word) in table order. Views may reword an entry by its
/// action (Space says "resume" while paused) or leave one out when it does nothing now.
pub fn hints(context: Context) -> impl Iterator<Item = (&'static str, &'static str, Action)> {
    BINDINGS
        .iter()
        .filter(move |b| b.contexts.contains(&context))
        .filter_map(|b| b.hint.map(|hint| (b.shown, hint, b.action)))
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
