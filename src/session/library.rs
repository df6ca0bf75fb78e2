//! The library: built-in sessions embedded in the binary, plus the user's session files.
//! (Being written: see the guided-sessions issue.)

use std::path::{Path, PathBuf};

use super::Session;
use crate::diag::Diagnostic;

/// A user session file that could not be loaded; it never hides the others.
#[derive(Clone, Debug)]
pub struct Broken {
    pub id: String,
    pub path: PathBuf,
    pub error: LoadError,
}

#[derive(Clone, Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: cannot read: {reason}", crate::text::sanitize(&path.display().to_string()))]
    Unreadable { path: PathBuf, reason: String },
    #[error("{0}")]
    Invalid(Box<Diagnostic>),
}

#[derive(Clone, Debug, Default)]
pub struct Library {
    /// Built-ins overridden by user files of the same id, then user sessions; sorted by id.
    pub sessions: Vec<Session>,
    pub broken: Vec<Broken>,
}

impl Library {
    /// Built-ins plus the files in `user_dir` (if any).
    #[must_use]
    pub fn load(user_dir: Option<&Path>) -> Library {
        let _ = user_dir;
        Library::default()
    }

    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Session> {
        self.sessions.iter().find(|s| s.id == id)
    }
}

/// The ASCII figure `assets/art/<name>.txt`, if it ships.
#[must_use]
pub fn art(name: &str) -> Option<&'static str> {
    let _ = name;
    None
}
