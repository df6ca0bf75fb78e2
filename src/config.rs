//! `config.toml`: every key optional, unknown keys rejected with a located diagnostic.
//! (Reminder settings are being written: see the reminders issue.)

use std::path::Path;

use serde::Deserialize;

use crate::diag::{Diagnostic, from_toml_error};

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub checkin: Checkin,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Checkin {
    pub enabled: bool,
}

impl Default for Checkin {
    fn default() -> Self {
        Checkin { enabled: true }
    }
}

impl Config {
    /// Parses config text.
    ///
    /// # Errors
    /// A located diagnostic for the first problem.
    pub fn parse(path: &Path, src: &str) -> Result<Config, Box<Diagnostic>> {
        toml::from_str(src).map_err(|e| Box::new(from_toml_error(path, src, &e)))
    }

    /// Reads the config file; a missing file means defaults.
    ///
    /// # Errors
    /// When the file exists but cannot be read or is invalid.
    pub fn load(path: &Path) -> Result<Config, Box<Diagnostic>> {
        match std::fs::read(path) {
            Ok(bytes) => {
                let src = String::from_utf8(bytes).map_err(|_| {
                    Box::new(Diagnostic::whole_file(path, "file is not valid UTF-8"))
                })?;
                Config::parse(path, &src)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(Box::new(Diagnostic::whole_file(
                path,
                format!("cannot read: {e}"),
            ))),
        }
    }
}
