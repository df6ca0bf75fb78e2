//! `setup.json`: what `knotless setup` wrote (each file with its SHA-256), the folders it
//! created and the systemd unit it enabled, so `--remove` takes away exactly that and a
//! file changed since (or never ours) is not overwritten without `--force`.

use crate::text::SafeText;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub version: u32,
    pub files: Vec<Entry>,
    /// Folders setup created, to remove when they are empty again.
    pub dirs: Vec<PathBuf>,
    /// The systemd user unit setup enabled, if any.
    pub unit: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: PathBuf,
    pub sha256: String,
}

/// The lowercase hex SHA-256 of `bytes`.
#[must_use]
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Manifest {
    /// Reads the manifest; none yet means an empty one.
    ///
    /// # Errors
    /// A message naming the file when it cannot be read or is not a manifest.
    pub fn load(path: &Path) -> Result<Manifest, String> {
        let shown = SafeText::path(path).to_string();
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                format!(
                    "\"{shown}\" is not a setup manifest ({e}); move it away, then run \
                     `knotless setup` again"
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Manifest {
                version: 1,
                ..Manifest::default()
            }),
            Err(e) => Err(format!("cannot read \"{shown}\": {e}")),
        }
    }

    /// Writes the manifest, creating its folder (and recording it) when needed.
    ///
    /// # Errors
    /// A message naming the file.
    pub fn save(&mut self, path: &Path) -> Result<(), String> {
        if let Some(parent) = path.parent() {
            self.create_dirs(parent)
                .map_err(|e| format!("cannot create \"{}\": {e}", parent.display()))?;
        }
        let text = serde_json::to_string_pretty(self).unwrap_or_default();
        std::fs::write(path, text + "\n")
            .map_err(|e| format!("cannot write \"{}\": {e}", SafeText::path(path)))
    }

    #[must_use]
    pub fn hash_of(&self, path: &Path) -> Option<&str> {
        self.files
            .iter()
            .find(|e| e.path == path)
            .map(|e| e.sha256.as_str())
    }

    pub fn record(&mut self, path: &Path, sha256: String) {
        self.forget(path);
        self.files.push(Entry {
            path: path.to_path_buf(),
            sha256,
        });
    }

    pub fn forget(&mut self, path: &Path) {
        self.files.retain(|e| e.path != path);
    }

    /// `create_dir_all`, recording each folder it made.
    ///
    /// # Errors
    /// The I/O error.
    pub fn create_dirs(&mut self, dir: &Path) -> std::io::Result<()> {
        let mut missing = Vec::new();
        let mut at = Some(dir);
        while let Some(d) = at.filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
            missing.push(d.to_path_buf());
            at = d.parent();
        }
        for d in missing.into_iter().rev() {
            std::fs::create_dir(&d)?;
            if !self.dirs.contains(&d) {
                self.dirs.push(d);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_is_the_standard_one() {
        assert_eq!(
            sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
