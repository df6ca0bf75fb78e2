//! The table itself: every key, where it works, and its words.

use ratatui::crossterm::event::KeyCode;

use super::{Action, Binding, Context, Group, Key};

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
        &[Key::Char('+')],
        "+",
        Action::MoreTime,
        &[C::Running],
        Session,
        "more time (1 min, or 10 s)",
        Some("more time")
    ),
    bind!(
        &[Key::Char('-')],
        "-",
        Action::LessTime,
        &[C::Running],
        Session,
        "less time (1 min, or 10 s)",
        Some("less time")
    ),
    bind!(
        &[Key::Code(K::Up), Key::Char('k')],
        "↑ k",
        Action::Up,
        &[C::Running],
        Session,
        "scroll the instructions",
        None
    ),
    bind!(
        &[Key::Code(K::Down), Key::Char('j')],
        "↓ j",
        Action::Down,
        &[C::Running],
        Session,
        "scroll the instructions",
        None
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
