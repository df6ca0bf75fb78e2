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
