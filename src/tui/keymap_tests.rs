use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn session_keys_map_to_runner_actions() {
    let c = Context::Running;
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
fn in_the_leave_dialog_only_y_leaves() {
    let c = Context::Confirm;
    assert_eq!(action_for(key(KeyCode::Char('y')), c), Some(Action::Yes));
    for keep_going in [
        KeyCode::Enter,
        KeyCode::Char(' '),
        KeyCode::Char('n'),
        KeyCode::Esc,
    ] {
        assert_eq!(
            action_for(key(keep_going), c),
            Some(Action::No),
            "{keep_going:?}"
        );
    }
    assert_eq!(action_for(key(KeyCode::Char('r')), c), None);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(action_for(ctrl_c, c), Some(Action::Interrupt));
}

#[test]
fn digits_and_plus_rate_pain_on_check_ins_only() {
    assert_eq!(
        action_for(key(KeyCode::Char('7')), Context::Intro),
        Some(Action::Digit(7))
    );
    assert_eq!(
        action_for(key(KeyCode::Char('+')), Context::Summary),
        Some(Action::Digit(10))
    );
    assert_eq!(action_for(key(KeyCode::Char('7')), Context::Running), None);
}

/// Every binding is in the help overlay, and every key the table answers to in some
/// context is written in that binding's `shown` keys or help: nothing works unlisted.
#[test]
fn every_binding_is_in_the_help_and_every_working_key_is_listed() {
    let help = help();
    let listed: Vec<(&str, &str)> = help.iter().flat_map(|(_, keys)| keys.clone()).collect();
    for b in BINDINGS {
        assert!(
            listed.iter().any(|(_, what)| *what == b.help),
            "{:?} is not in the help overlay",
            b.action
        );
        for k in b.keys {
            let name = match k {
                Key::Char(' ') => "Space".into(),
                Key::Char(c) => c.to_string(),
                Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
                Key::Code(KeyCode::Enter) => "Enter".into(),
                Key::Code(KeyCode::Esc) => "Esc".into(),
                Key::Code(KeyCode::Tab) => "Tab".into(),
                Key::Code(KeyCode::Up) => "↑".into(),
                Key::Code(KeyCode::Down) => "↓".into(),
                Key::Code(KeyCode::Left) => "←".into(),
                Key::Code(KeyCode::Right) => "→".into(),
                Key::Code(KeyCode::PageUp) => "PgUp".into(),
                Key::Code(KeyCode::PageDown) => "PgDn".into(),
                Key::Code(KeyCode::F(1)) | Key::Digits => continue,
                Key::Code(other) => panic!("{other:?} has no written name"),
            };
            let written = b.shown.split(' ').any(|w| w.contains(name.as_str()))
                || b.help.contains(name.as_str())
                || b.shown.contains(&name.to_lowercase());
            assert!(
                written || matches!(k, Key::Char('-' | '+' | 'q')),
                "{name:?} works for {:?} but is not written in {:?}",
                b.action,
                b.shown
            );
        }
    }
}

/// The keys a footer writes ("Enter, q or Esc:", "j/k", "↑↓") as key events.
fn written_keys(keys: &str) -> Vec<KeyEvent> {
    keys.split([' ', '/'])
        .map(|w| w.trim_end_matches([':', ',']))
        .filter(|w| !w.is_empty() && *w != "or")
        .flat_map(|w| match w {
            "Enter" => vec![KeyCode::Enter],
            "Esc" => vec![KeyCode::Esc],
            "Space" => vec![KeyCode::Char(' ')],
            "Tab" => vec![KeyCode::Tab],
            "PgUp" => vec![KeyCode::PageUp],
            "PgDn" => vec![KeyCode::PageDown],
            _ => w
                .chars()
                .map(|c| match c {
                    '↑' => KeyCode::Up,
                    '↓' => KeyCode::Down,
                    '←' => KeyCode::Left,
                    '→' => KeyCode::Right,
                    c => KeyCode::Char(c),
                })
                .collect(),
        })
        .map(key)
        .collect()
}

/// Every key a footer shows does something where it is shown, and one of them does what
/// the entry says: nothing is listed that does nothing.
#[test]
fn every_key_a_footer_shows_works_there() {
    for which in Footer::ALL {
        let hints = footer(which);
        assert!(!hints.is_empty(), "{which:?} has no footer");
        let context = which.context();
        for h in hints {
            let keys = written_keys(h.keys);
            assert!(!keys.is_empty(), "{which:?}: {:?} names no key", h.keys);
            for k in &keys {
                assert!(
                    action_for(*k, context).is_some(),
                    "{which:?} shows {:?} ({:?}) but it does nothing in {context:?}",
                    h.keys,
                    k.code
                );
            }
            assert!(
                keys.iter()
                    .any(|k| action_for(*k, context) == Some(h.action)),
                "{which:?}: none of {:?} gives {:?}",
                h.keys,
                h.action
            );
        }
    }
}

#[test]
fn footers_come_from_the_table() {
    let running: Vec<_> = footer(Footer::Running).iter().map(|h| h.keys).collect();
    assert_eq!(
        running,
        ["Space", "Enter", "j/k", "n", "p", "+/-", "q", "?", "r"]
    );
    assert!(
        footer(Footer::Home)
            .iter()
            .any(|h| h.keys == "s" && h.word == "stats")
    );
    assert_eq!(written_keys("Enter or Esc:").len(), 2);
    assert_eq!(written_keys("↑↓").len(), 2);
}

#[test]
fn a_key_the_help_lists_under_everywhere_works_on_every_screen() {
    let screens = [
        Context::Home,
        Context::Intro,
        Context::Running,
        Context::Summary,
        Context::Stats,
    ];
    for b in BINDINGS.iter().filter(|b| b.group == Group::Everywhere) {
        for screen in screens {
            assert!(b.contexts.contains(&screen), "{} on {screen:?}", b.shown);
        }
    }
}
