//! The per-run choices that both the command line and the config file speak about: the
//! reminder flags (with `--quiet` and `--voice`, which sessions read too) and the theme names. A leaf: it depends on no other module of this crate,
//! so `cli` and `config` can both use it without importing each other.

/// `--every`, `--no-remind`, `--quiet` and `--voice`, as given for one run. The TUI, plain mode and
/// `knotless remind` all receive this one struct; `config::apply_flags` lays it over the
/// config file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReminderFlags {
    /// `--every DURATION|MIN..MAX`, unparsed (the config module parses and reports it).
    pub every: Option<String>,
    pub no_remind: bool,
    pub quiet: bool,
    /// `--voice`: the spoken coach for this run, whatever the config says.
    pub voice: bool,
}

/// The colour themes, as written in `config.toml` and after `--theme`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeName {
    /// Calm colours.
    #[default]
    Default,
    /// Bold, bright colours and no dimmed text.
    HighContrast,
    /// No colour at all; emphasis by bold, reverse and underline.
    Mono,
}

impl ThemeName {
    pub const ALL: [ThemeName; 3] = [ThemeName::Default, ThemeName::HighContrast, ThemeName::Mono];

    /// The name as written in the config file and on the command line.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::HighContrast => "high-contrast",
            ThemeName::Mono => "mono",
        }
    }

    #[must_use]
    pub fn parse(name: &str) -> Option<ThemeName> {
        ThemeName::ALL.into_iter().find(|t| t.as_str() == name)
    }
}
