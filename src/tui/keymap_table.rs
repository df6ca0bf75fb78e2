//! The key table itself: every key, where it works, and its help line. The footers that
//! show these keys are in `keymap_footers.rs`.

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
    ($keys:expr, $shown:expr, $action:expr, $contexts:expr, $group:ident, $help:expr) => {
        Binding {
            keys: $keys,
            shown: $shown,
            action: $action,
            contexts: $contexts,
            group: Group::$group,
            help: $help,
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
        "quit at once"
    ),
    bind!(
        &[Key::Ctrl('z')],
        "Ctrl-Z",
        Action::Suspend,
        ANYWHERE,
        Everywhere,
        "suspend; `fg` resumes"
    ),
    bind!(
        &[Key::Char('y'), Key::Char('Y')],
        "y",
        Action::Yes,
        &[C::Confirm],
        Session,
        "leave, when asked"
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
        "keep going (Enter, Space)"
    ),
    bind!(
        &[Key::Char('?'), Key::Code(K::F(1))],
        "?",
        Action::Help,
        &[C::Home, C::Intro, C::Running, C::Summary, C::Stats, C::Help],
        Everywhere,
        "this help"
    ),
    bind!(
        &[Key::Char('w')],
        "w",
        Action::Guide,
        &[C::Home, C::Intro, C::Running, C::Summary, C::Stats, C::Help],
        Everywhere,
        "why knots form (guide)"
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
        "when to seek help"
    ),
    bind!(
        &[Key::Code(K::Up), Key::Char('k')],
        "↑ k",
        Action::Up,
        SCROLL,
        Home,
        "move / scroll"
    ),
    bind!(
        &[Key::Code(K::Down), Key::Char('j')],
        "↓ j",
        Action::Down,
        SCROLL,
        Home,
        "move / scroll"
    ),
    bind!(
        &[Key::Code(K::PageUp)],
        "PgUp",
        Action::PageUp,
        SCROLL,
        Home,
        "page up"
    ),
    bind!(
        &[Key::Code(K::PageDown)],
        "PgDn",
        Action::PageDown,
        SCROLL,
        Home,
        "page down"
    ),
    bind!(
        &[Key::Char(' ')],
        "Space",
        Action::TogglePause,
        &[C::Home, C::Intro, C::Running],
        Session,
        "start / pause / resume"
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
        "open / start / end a hold"
    ),
    bind!(
        &[Key::Digits, Key::Char('+')],
        "0-9 +",
        Action::Digit(0),
        CHECKIN,
        Session,
        "rate pain (+ is 10)"
    ),
    bind!(
        &[Key::Code(K::Tab), Key::Char('-')],
        "Tab",
        Action::Skip,
        CHECKIN,
        Session,
        "skip the rating"
    ),
    bind!(
        &[Key::Code(K::Right), Key::Char('n')],
        "n →",
        Action::Next,
        &[C::Running],
        Session,
        "next phase"
    ),
    bind!(
        &[Key::Code(K::Left), Key::Char('p')],
        "p ←",
        Action::Previous,
        &[C::Running],
        Session,
        "previous phase"
    ),
    bind!(
        &[Key::Char('r')],
        "r",
        Action::Restart,
        &[C::Running],
        Session,
        "restart the phase"
    ),
    bind!(
        &[Key::Char('+')],
        "+",
        Action::MoreTime,
        &[C::Running],
        Session,
        "more time (1 min, or 10 s)"
    ),
    bind!(
        &[Key::Char('-')],
        "-",
        Action::LessTime,
        &[C::Running],
        Session,
        "less time (1 min, or 10 s)"
    ),
    bind!(
        &[Key::Code(K::Up), Key::Char('k')],
        "↑ k",
        Action::Up,
        &[C::Running, C::Summary],
        Session,
        "scroll text (or the wheel)"
    ),
    bind!(
        &[Key::Code(K::Down), Key::Char('j')],
        "↓ j",
        Action::Down,
        &[C::Running, C::Summary],
        Session,
        "scroll text (or the wheel)"
    ),
    bind!(
        &[Key::Char('v')],
        "v",
        Action::ToggleVoice,
        &[C::Intro, C::Running, C::Summary],
        Session,
        "voice on / off"
    ),
    bind!(
        &[Key::Char('s')],
        "s",
        Action::Stats,
        &[C::Home, C::Stats],
        Home,
        "stats and charts"
    ),
    bind!(
        &[Key::Char('b')],
        "b",
        Action::TakeBreak,
        BROWSE,
        Breaks,
        "take the break now"
    ),
    bind!(
        &[Key::Char('z')],
        "z",
        Action::Snooze,
        SCREENS,
        Breaks,
        "snooze the reminder"
    ),
    bind!(
        &[Key::Char('P')],
        "P",
        Action::PauseReminders,
        SCREENS,
        Breaks,
        "pause reminders / resume"
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
        "quit (asks in a session)"
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
        "close / go back"
    ),
];
