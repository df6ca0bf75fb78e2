//! Colours and emphasis. `NO_COLOR` (any non-empty value) turns colour off; emphasis by
//! bold, reverse and underline remains so the screens stay readable. Nothing blinks.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Body text.
    pub text: Style,
    /// Secondary text: hints, durations, labels.
    pub muted: Style,
    /// Titles and the selected item.
    pub title: Style,
    /// The countdown and work phases.
    pub accent: Style,
    /// Rest phases.
    pub rest: Style,
    /// Cautions and warnings.
    pub caution: Style,
    /// Banners that need attention (a reminder fired).
    pub banner: Style,
    /// The selected row in a list.
    pub selected: Style,
    /// Key names in hints.
    pub key: Style,
    /// Gauge fill.
    pub gauge: Style,
    /// Whether colour is used at all.
    pub colour: bool,
}

impl Theme {
    /// The default theme, or the monochrome one when `NO_COLOR` is set.
    #[must_use]
    pub fn from_env() -> Theme {
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            Theme::mono()
        } else {
            Theme::colour()
        }
    }

    #[must_use]
    pub fn colour() -> Theme {
        Theme {
            text: Style::new(),
            muted: Style::new().fg(Color::DarkGray),
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            accent: Style::new().fg(Color::Cyan),
            rest: Style::new().fg(Color::Green),
            caution: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            banner: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            selected: Style::new().fg(Color::Black).bg(Color::Cyan),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            gauge: Style::new().fg(Color::Cyan).bg(Color::DarkGray),
            colour: true,
        }
    }

    /// No colour at all: emphasis only.
    #[must_use]
    pub fn mono() -> Theme {
        Theme {
            text: Style::new(),
            muted: Style::new(),
            title: Style::new().add_modifier(Modifier::BOLD),
            accent: Style::new().add_modifier(Modifier::BOLD),
            rest: Style::new().add_modifier(Modifier::ITALIC),
            caution: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            banner: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            key: Style::new().add_modifier(Modifier::BOLD),
            gauge: Style::new().add_modifier(Modifier::REVERSED),
            colour: false,
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::colour()
    }
}
