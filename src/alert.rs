//! Alerts: how a reminder gets the user's attention, chosen in config with
//! `alerts = ["desktop", "terminal", "bell"]`, and the bytes of the terminal-native ones.
//! Pure: builds bytes, writes nothing.

use crate::diag::{Quote, suggest};
use crate::text::{SafeText, sanitize};

/// Every alert name, as written in config.
pub const NAMES: &[&str] = &["desktop", "terminal", "bell"];

/// Which alerts are on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Alerts {
    /// A freedesktop notification over D-Bus.
    pub desktop: bool,
    /// OSC 9 and OSC 777 notifications, for terminals that show them (also over SSH).
    pub terminal: bool,
    /// The terminal bell.
    pub bell: bool,
}

impl Default for Alerts {
    fn default() -> Self {
        Alerts {
            desktop: true,
            terminal: false,
            bell: true,
        }
    }
}

impl Alerts {
    pub const NONE: Alerts = Alerts {
        desktop: false,
        terminal: false,
        bell: false,
    };

    /// Turns on the alert called `name`.
    ///
    /// # Errors
    /// An unknown name, with a suggestion.
    pub fn with(mut self, name: &str) -> Result<Alerts, UnknownAlert> {
        match name {
            "desktop" => self.desktop = true,
            "terminal" => self.terminal = true,
            "bell" => self.bell = true,
            other => {
                let hint = suggest(other, NAMES, Quote::Str, || {
                    "use \"desktop\", \"terminal\" or \"bell\"".to_string()
                });
                return Err(UnknownAlert {
                    name: SafeText::new(other),
                    hint,
                });
            }
        }
        Ok(self)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown alert \"{name}\"")]
pub struct UnknownAlert {
    /// As written in the config or on the command line, made safe.
    pub name: SafeText,
    /// "did you mean ...?" or the list of names.
    pub hint: String,
}

/// Longest text sent in a terminal notification; terminals show a line, not a letter.
const MAX_CHARS: usize = 200;

/// Text safe inside an OSC string: no control characters or escapes (which could end the
/// sequence early and inject others), no `;` (the field separator).
fn osc_text(text: &str) -> String {
    // The encoder's own guard, like HTML escaping: whatever comes in, nothing may end the
    // sequence early.
    sanitize(text)
        .replace(';', ",")
        .chars()
        .take(MAX_CHARS)
        .collect()
}

/// An OSC 9 notification (iTerm2, WezTerm, kitty, foot, Windows Terminal, ...) and an
/// OSC 777 one (urxvt, VTE-based terminals such as GNOME Terminal, foot, WezTerm).
/// Terminals ignore the sequences they do not know.
#[must_use]
pub fn terminal_notification(summary: &str, body: &str) -> String {
    let (summary, body) = (osc_text(summary), osc_text(body));
    let joined = if body.is_empty() {
        summary.clone()
    } else {
        format!("{summary}: {body}")
    };
    format!("\x1b]9;{joined}\x07\x1b]777;notify;{summary};{body}\x07")
}

/// Sets the window title (OSC 2).
#[must_use]
pub fn window_title(title: &str) -> String {
    format!("\x1b]2;{}\x07", osc_text(title))
}

/// Saves the window title on the terminal's title stack (XTWINOPS 22).
pub const PUSH_TITLE: &str = "\x1b[22;0t";
/// Restores the saved window title (XTWINOPS 23).
pub const POP_TITLE: &str = "\x1b[23;0t";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_and_unknown_ones_get_a_suggestion() {
        let a = Alerts::NONE.with("terminal").unwrap().with("bell").unwrap();
        assert_eq!(
            a,
            Alerts {
                desktop: false,
                terminal: true,
                bell: true
            }
        );
        let err = Alerts::NONE.with("termnial").unwrap_err();
        assert_eq!(err.hint, "did you mean \"terminal\"?");
    }

    #[test]
    fn terminal_notifications_cannot_carry_escapes() {
        let out = terminal_notification("Time\x07 to move;\x1b]2;pwned\x07", "Stand up\x1b[2J");
        assert_eq!(
            out,
            "\x1b]9;Time to move,: Stand up\x07\x1b]777;notify;Time to move,;Stand up\x07"
        );
        assert_eq!(
            window_title("Plank 0:27 · knotless"),
            "\x1b]2;Plank 0:27 · knotless\x07"
        );
    }
}
