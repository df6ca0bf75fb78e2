//! Keys → actions. What a key means depends on the screen and any open overlay; the table
//! here is the single place that decides it (the help overlay lists the same keys).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    /// Enter: open, start, release a range phase, confirm.
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
    /// `y` in a confirmation.
    Yes,
    /// `n` in a confirmation.
    No,
    Help,
    Safety,
    Stats,
    /// 0–9 for a pain rating; 10 is `+`, as the help overlay says.
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

/// The context that changes what a key means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Lists and read-only screens.
    Browse,
    /// A session is running or paused.
    Session,
    /// A yes/no question is open.
    Confirm,
}

#[must_use]
pub fn action_for(key: KeyEvent, context: Context) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('c') => Some(Action::Interrupt),
            KeyCode::Char('z') => Some(Action::Suspend),
            _ => None,
        };
    }
    if context == Context::Confirm {
        return match key.code {
            KeyCode::Char('y' | 'Y') | KeyCode::Enter => Some(Action::Yes),
            KeyCode::Char('n' | 'N') | KeyCode::Esc | KeyCode::Char('q') => Some(Action::No),
            _ => None,
        };
    }
    let action = match key.code {
        KeyCode::Up | KeyCode::Char('k') => Action::Up,
        KeyCode::Down | KeyCode::Char('j') => Action::Down,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::Enter => Action::Select,
        KeyCode::Char(' ') => Action::TogglePause,
        KeyCode::Right | KeyCode::Char('n') => Action::Next,
        KeyCode::Left | KeyCode::Char('p') => Action::Previous,
        KeyCode::Char('r') => Action::Restart,
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Esc => Action::Back,
        KeyCode::Char('?') | KeyCode::F(1) => Action::Help,
        KeyCode::Char('!') => Action::Safety,
        KeyCode::Char('s') if context == Context::Browse => Action::Stats,
        KeyCode::Char(c @ '0'..='9') => Action::Digit(c as u8 - b'0'),
        KeyCode::Char('+') => Action::Digit(10),
        KeyCode::Char('-') | KeyCode::Tab => Action::Skip,
        KeyCode::Char('b') => Action::TakeBreak,
        KeyCode::Char('z') => Action::Snooze,
        KeyCode::Char('P') => Action::PauseReminders,
        _ => return None,
    };
    Some(action)
}

/// Every key, grouped, for the help overlay: (keys, what they do).
pub const HELP: &[(&str, &[(&str, &str)])] = &[
    (
        "Everywhere",
        &[
            ("?", "this help"),
            ("!", "when to seek help"),
            ("Esc", "close / go back"),
            ("q", "quit (asks in a session)"),
            ("Ctrl-C", "quit at once"),
            ("Ctrl-Z", "suspend; `fg` resumes"),
        ],
    ),
    (
        "Home",
        &[
            ("↑↓ k j", "choose a session"),
            ("Enter", "open it"),
            ("s", "stats and charts"),
        ],
    ),
    (
        "Session",
        &[
            ("Enter", "start (on the intro)"),
            ("0-9 +", "rate pain (+ is 10)"),
            ("Tab", "skip the rating"),
            ("Space", "pause / resume"),
            ("Enter", "end a hold after its minimum"),
            ("n →", "next phase"),
            ("p ←", "previous phase"),
            ("r", "restart the phase"),
        ],
    ),
    (
        "Movement breaks",
        &[
            ("b", "take the break now"),
            ("z", "snooze the reminder"),
            ("P", "pause reminders / resume"),
        ],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn session_keys_map_to_runner_actions() {
        let c = Context::Session;
        assert_eq!(
            action_for(key(KeyCode::Char(' ')), c),
            Some(Action::TogglePause)
        );
        assert_eq!(action_for(key(KeyCode::Right), c), Some(Action::Next));
        assert_eq!(
            action_for(key(KeyCode::Char('p')), c),
            Some(Action::Previous)
        );
        assert_eq!(
            action_for(key(KeyCode::Char('r')), c),
            Some(Action::Restart)
        );
        assert_eq!(action_for(key(KeyCode::Char('s')), c), None);
    }

    #[test]
    fn confirm_context_only_answers_yes_or_no() {
        let c = Context::Confirm;
        assert_eq!(action_for(key(KeyCode::Char('y')), c), Some(Action::Yes));
        assert_eq!(action_for(key(KeyCode::Esc), c), Some(Action::No));
        assert_eq!(action_for(key(KeyCode::Char('n')), c), Some(Action::No));
        assert_eq!(action_for(key(KeyCode::Char('r')), c), None);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(ctrl_c, c), Some(Action::Interrupt));
    }
}
