//! "When to seek help": the guidance (pure, in the core) and the small remembered flag that it
//! has been read, which touches the file system.

pub use knotless_core::safety::*;

use std::io;
use std::path::{Path, PathBuf};

/// The flag file: `$XDG_STATE_HOME/knotless/safety-acknowledged`.
#[must_use]
pub fn acknowledged_path() -> Option<PathBuf> {
    crate::paths::state_dir().map(|d| d.join("safety-acknowledged"))
}

/// Whether the safety screen has been acknowledged (on this machine, by this user).
#[must_use]
pub fn acknowledged() -> bool {
    acknowledged_path().is_some_and(|p| acknowledged_at(&p))
}

/// Remembers that the safety screen has been acknowledged.
///
/// # Errors
/// When there is no state directory or the file cannot be written; the caller may simply
/// show the screen again next time.
pub fn acknowledge() -> io::Result<()> {
    let path = acknowledged_path().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::NotFound,
            "no state directory: set XDG_STATE_HOME or HOME",
        )
    })?;
    acknowledge_at(&path)
}

/// [`acknowledged`] with the flag file at `path`.
#[must_use]
pub fn acknowledged_at(path: &Path) -> bool {
    path.is_file()
}

/// [`acknowledge`] with the flag file at `path`, creating its directory.
///
/// # Errors
/// When the directory or file cannot be written.
pub fn acknowledge_at(path: &Path) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(
        path,
        format!(
            "The safety screen was acknowledged at {}.\n",
            jiff::Timestamp::now()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acknowledging_is_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/knotless/safety-acknowledged");
        assert!(!acknowledged_at(&path));
        acknowledge_at(&path).unwrap();
        assert!(acknowledged_at(&path));
        acknowledge_at(&path).unwrap();
        assert!(acknowledged_at(&path));
    }
}
