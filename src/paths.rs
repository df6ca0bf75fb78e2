//! Where knotless keeps its files (XDG on Linux): config, user sessions, history, state.

use std::path::PathBuf;

fn dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "knotless")
}

/// `$XDG_CONFIG_HOME/knotless` (`~/.config/knotless`).
#[must_use]
pub fn config_dir() -> Option<PathBuf> {
    dirs().map(|d| d.config_dir().to_path_buf())
}

/// `$XDG_CONFIG_HOME/knotless/config.toml`.
#[must_use]
pub fn config_file() -> Option<PathBuf> {
    config_dir().map(|d| d.join("config.toml"))
}

/// `$XDG_CONFIG_HOME/knotless/sessions`.
#[must_use]
pub fn user_sessions_dir() -> Option<PathBuf> {
    config_dir().map(|d| d.join("sessions"))
}

/// `$XDG_DATA_HOME/knotless` (`~/.local/share/knotless`).
#[must_use]
pub fn data_dir() -> Option<PathBuf> {
    dirs().map(|d| d.data_dir().to_path_buf())
}

/// `$XDG_STATE_HOME/knotless` (`~/.local/state/knotless`).
#[must_use]
pub fn state_dir() -> Option<PathBuf> {
    dirs().and_then(|d| d.state_dir().map(std::path::Path::to_path_buf))
}

/// `$XDG_RUNTIME_DIR/knotless`, where the shared break schedule's lock and socket live;
/// without a runtime directory, the state directory (it is per user too).
#[must_use]
pub fn runtime_dir() -> Option<PathBuf> {
    dirs()
        .and_then(|d| d.runtime_dir().map(std::path::Path::to_path_buf))
        .or_else(state_dir)
}

/// `$XDG_DATA_HOME` (`~/.local/share`): where `setup` puts the launcher entry, icons,
/// completions and the man page.
#[must_use]
pub fn data_home() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.data_dir().to_path_buf())
}

/// `$XDG_CONFIG_HOME` (`~/.config`): where `setup --autostart` puts its unit or entry.
#[must_use]
pub fn config_home() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.config_dir().to_path_buf())
}

/// `$XDG_STATE_HOME/knotless/setup.json`: what `setup` wrote, so `--remove` takes exactly
/// that away.
#[must_use]
pub fn setup_manifest() -> Option<PathBuf> {
    state_dir().map(|d| d.join("setup.json"))
}

/// `$XDG_DATA_HOME/knotless/history.db`.
#[must_use]
pub fn history_file() -> Option<PathBuf> {
    data_dir().map(|d| d.join("history.db"))
}
