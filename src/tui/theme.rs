//! Colours and emphasis: the default, high-contrast and monochrome themes, and which one
//! applies ([`Theme::resolve`]). Nothing blinks, in any theme.
//!
//! Precedence: `--theme` on the command line, then `NO_COLOR` (any non-empty value: mono),
//! then `theme` in `config.toml`, then the default. The config file is shared by every
//! terminal the user opens, while `NO_COLOR` describes this one, so the environment wins over
//! the file; a flag is typed for this very run, so it wins over both (as no-color.org asks of
//! per-invocation options).

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeName;

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
    /// The theme to use: `flag` (`--theme`) first, then `no_color` (mono), then `config`
    /// (`theme` in `config.toml`), then the default.
    #[must_use]
    pub fn resolve(config: Option<ThemeName>, flag: Option<ThemeName>, no_color: bool) -> Theme {
        let name = match (flag, no_color) {
            (Some(name), _) => name,
            (None, true) => ThemeName::Mono,
            (None, false) => config.unwrap_or_default(),
        };
        Theme::named(name)
    }

    #[must_use]
    pub fn named(name: ThemeName) -> Theme {
        match name {
            ThemeName::Default => Theme::colour(),
            ThemeName::HighContrast => Theme::high_contrast(),
            ThemeName::Mono => Theme::mono(),
        }
    }

    /// Every style, for checks that must hold across the whole theme.
    #[must_use]
    pub fn styles(&self) -> [Style; 10] {
        [
            self.text,
            self.muted,
            self.title,
            self.accent,
            self.rest,
            self.caution,
            self.banner,
            self.selected,
            self.key,
            self.gauge,
        ]
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

    /// Bold, bright colours; nothing dimmed. Body text keeps the terminal's own foreground,
    /// which is the one colour guaranteed to contrast with its background; filled areas
    /// (banner, selection, gauge) set both colours so they read on light and dark terminals.
    #[must_use]
    pub fn high_contrast() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            text: Style::new(),
            muted: Style::new(),
            title: bold.fg(Color::LightCyan).add_modifier(Modifier::UNDERLINED),
            accent: bold.fg(Color::LightCyan),
            rest: bold.fg(Color::LightGreen),
            caution: bold
                .fg(Color::LightYellow)
                .add_modifier(Modifier::UNDERLINED),
            banner: bold.fg(Color::Black).bg(Color::LightYellow),
            selected: bold.fg(Color::Black).bg(Color::White),
            key: bold.fg(Color::LightYellow),
            gauge: bold.fg(Color::LightCyan).bg(Color::Black),
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

/// Whether `NO_COLOR` is set to a non-empty value (see no-color.org).
#[must_use]
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLINK: Modifier = Modifier::SLOW_BLINK.union(Modifier::RAPID_BLINK);

    fn all() -> [Theme; 3] {
        ThemeName::ALL.map(Theme::named)
    }

    #[test]
    fn nothing_blinks_in_any_theme() {
        for theme in all() {
            for style in theme.styles() {
                assert!(!style.add_modifier.intersects(BLINK), "{style:?}");
            }
        }
    }

    #[test]
    fn no_color_gives_no_colour_in_any_style_whatever_the_config() {
        for config in [
            None,
            Some(ThemeName::Default),
            Some(ThemeName::HighContrast),
        ] {
            let theme = Theme::resolve(config, None, true);
            assert!(!theme.colour);
            for style in theme.styles() {
                assert_eq!((style.fg, style.bg), (None, None), "{config:?}: {style:?}");
            }
        }
    }

    #[test]
    fn mono_still_marks_emphasis() {
        let t = Theme::mono();
        for style in [t.title, t.caution, t.banner, t.selected, t.key] {
            assert!(!style.add_modifier.is_empty(), "{style:?}");
        }
        assert_ne!(t.selected, t.text);
    }

    #[test]
    fn precedence_is_flag_then_no_color_then_config() {
        let hc = Some(ThemeName::HighContrast);
        assert_eq!(Theme::resolve(None, None, false), Theme::colour());
        assert_eq!(Theme::resolve(hc, None, false), Theme::high_contrast());
        assert_eq!(Theme::resolve(hc, None, true), Theme::mono());
        assert_eq!(Theme::resolve(None, hc, true), Theme::high_contrast());
        assert_eq!(
            Theme::resolve(hc, Some(ThemeName::Mono), false),
            Theme::mono()
        );
        assert_eq!(
            Theme::resolve(hc, Some(ThemeName::Default), false),
            Theme::colour()
        );
    }

    #[test]
    fn high_contrast_is_bold_bright_and_never_dim() {
        let t = Theme::high_contrast();
        assert!(t.colour);
        for style in t.styles() {
            assert!(!style.add_modifier.contains(Modifier::DIM), "{style:?}");
            assert_ne!(style.fg, Some(Color::DarkGray), "{style:?}");
            assert_ne!(style.fg, Some(Color::Gray), "{style:?}");
        }
        for style in [
            t.title, t.accent, t.rest, t.caution, t.banner, t.selected, t.key,
        ] {
            assert!(style.add_modifier.contains(Modifier::BOLD), "{style:?}");
        }
        // Filled areas set both colours, so they read on any terminal background.
        for style in [t.banner, t.selected, t.gauge] {
            assert!(style.fg.is_some() && style.bg.is_some(), "{style:?}");
            assert_ne!(style.fg, style.bg);
        }
    }

    #[test]
    fn default_theme_keeps_its_colours() {
        let t = Theme::colour();
        assert!(t.colour);
        assert_eq!(t.accent.fg, Some(Color::Cyan));
        assert_eq!(t.muted.fg, Some(Color::DarkGray));
        assert_eq!(Theme::default(), t);
        assert_ne!(Theme::high_contrast(), t);
    }
}
