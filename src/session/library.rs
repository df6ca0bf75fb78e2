//! The library: built-in sessions embedded in the binary, plus the user's session files.
//! Reads the file system (the user's directory, files named on the command line); parsing
//! itself is in the pure `parse` module.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::parse::{self, MAX_FILE_BYTES};
use super::{Session, Source};
use crate::diag::{Diagnostic, Quote, suggest};
use crate::order::natural_cmp;
use crate::platform::file::read_bounded;
use crate::text::SafeText;

/// At most this many user session files are loaded.
pub const MAX_USER_FILES: usize = 1_000;
/// At most this many bytes of user session files are read in all.
pub const MAX_USER_BYTES: usize = 16 * 1024 * 1024;

/// The built-in sessions: (id, file text), one for each file in `sessions/`, which `edit`
/// copies for the user to change and `new` warns about replacing. What they hold is read
/// when knotless is built (`build.rs`): [`built_in::sessions`].
const BUILT_INS: &[(&str, &str)] = built_in::FILES;

/// The ASCII figures: (name, text), from `assets/art/<name>.txt`.
const ART: &[(&str, &str)] = &[
    (
        "ball-compression",
        include_str!("../../assets/art/ball-compression.txt"),
    ),
    ("bird-dog", include_str!("../../assets/art/bird-dog.txt")),
    ("breathing", include_str!("../../assets/art/breathing.txt")),
    ("heat-pad", include_str!("../../assets/art/heat-pad.txt")),
    ("ice-pack", include_str!("../../assets/art/ice-pack.txt")),
    (
        "knee-to-chest",
        include_str!("../../assets/art/knee-to-chest.txt"),
    ),
    (
        "pelvic-tilt",
        include_str!("../../assets/art/pelvic-tilt.txt"),
    ),
    ("plank", include_str!("../../assets/art/plank.txt")),
    ("posture", include_str!("../../assets/art/posture.txt")),
    (
        "standing-reach",
        include_str!("../../assets/art/standing-reach.txt"),
    ),
];

/// The built-in sessions' files, and the sessions as `build.rs` parsed them.
mod built_in {
    use std::time::Duration;

    use crate::session::{Basis, Pace, Session, Source, Step, Timing};
    use crate::text::SafeText;

    fn t(text: &str) -> SafeText {
        SafeText::already_safe(text)
    }

    include!(concat!(env!("OUT_DIR"), "/built_ins.rs"));
}

/// A user session file that could not be loaded; it never hides the others.
#[derive(Clone, Debug)]
pub struct Broken {
    pub id: SafeText,
    pub path: PathBuf,
    pub error: LoadError,
}

#[derive(Clone, Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: cannot read: {reason}", SafeText::path(path))]
    Unreadable { path: PathBuf, reason: String },
    #[error("{0}")]
    Invalid(Box<Diagnostic>),
    /// `resolve` was given an id that no session has.
    #[error("no session has the id `{}`; {hint}", SafeText::new(id))]
    UnknownId { id: String, hint: String },
}

impl LoadError {
    /// One line: the diagnostic's headline, or the whole message for the other kinds.
    #[must_use]
    pub fn headline(&self) -> String {
        match self {
            LoadError::Invalid(d) => d.headline(),
            other => other.to_string(),
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Library {
    /// Built-ins overridden by user files of the same id, then user sessions; sorted by id,
    /// numbers by value ("s-2" before "s-10").
    pub sessions: Vec<Session>,
    pub broken: Vec<Broken>,
}

impl Library {
    /// Built-ins plus the `*.toml` files in `user_dir` (if any). A missing directory is
    /// normal (no user sessions); one that cannot be listed is reported in `broken`.
    #[must_use]
    pub fn load(user_dir: Option<&Path>) -> Library {
        let mut library = Library {
            sessions: built_in::sessions(),
            broken: Vec::new(),
        };
        if let Some(dir) = user_dir {
            library.load_user_dir(dir);
        }
        library.sessions.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        library.broken.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        library
    }

    fn load_user_dir(&mut self, dir: &Path) {
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return,
            Err(e) => {
                self.broken.push(Broken {
                    id: parse::id_of(dir),
                    path: dir.to_path_buf(),
                    error: unreadable(dir, &e),
                });
                return;
            }
        };
        // Bounded whatever the directory holds: at most MAX_USER_FILES files are looked at
        // and at most MAX_USER_BYTES read in all, so memory stays small.
        let mut paths: Vec<PathBuf> = Vec::new();
        let mut overflow = false;
        for path in entries.filter_map(Result::ok).map(|e| e.path()) {
            if !is_session_file(&path) {
                continue;
            }
            if paths.len() == MAX_USER_FILES {
                overflow = true;
                break;
            }
            paths.push(path);
        }
        paths.sort();
        if overflow {
            self.broken.push(Broken {
                id: parse::id_of(dir),
                path: dir.to_path_buf(),
                error: LoadError::Unreadable {
                    path: dir.to_path_buf(),
                    reason: format!(
                        "it holds more than {MAX_USER_FILES} session files; only \
                         {MAX_USER_FILES} of them are loaded"
                    ),
                },
            });
        }
        let mut budget = MAX_USER_BYTES;
        for path in paths {
            let id = parse::id_of(&path);
            let size = fs::metadata(&path).map_or(0, |m| m.len());
            if size > budget as u64 {
                let reason = format!(
                    "not loaded: the session files before it already take {} KiB, the most \
                     knotless reads",
                    MAX_USER_BYTES / 1024
                );
                let error = LoadError::Unreadable {
                    path: path.clone(),
                    reason,
                };
                self.broken.push(Broken { id, path, error });
                continue;
            }
            budget -= usize::try_from(size)
                .unwrap_or(budget)
                .min(MAX_FILE_BYTES + 1);
            match load_file(&path, Source::User(path.clone())) {
                Ok(session) => {
                    // A user file replaces the built-in of the same id.
                    self.sessions.retain(|s| s.id != session.id);
                    self.sessions.push(session);
                }
                Err(error) => self.broken.push(Broken { id, path, error }),
            }
        }
    }

    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Session> {
        self.sessions.iter().find(|s| s.id == id)
    }

    /// The session file `arg` names when it is a path (it contains `/` or ends in `.toml`):
    /// such an argument needs no library.
    ///
    /// # Errors
    /// The file's error.
    pub fn resolve_path(arg: &str) -> Option<Result<Session, LoadError>> {
        (arg.contains('/') || arg.ends_with(".toml")).then(|| {
            let path = PathBuf::from(arg);
            load_file(&path, Source::File(path.clone()))
        })
    }

    /// A session id, or a path to a session file when `arg` contains `/` or ends in `.toml`.
    ///
    /// # Errors
    /// The file's error, a broken user session's error, or an unknown id (with a suggestion).
    pub fn resolve(&self, arg: &str) -> Result<Session, LoadError> {
        if let Some(file) = Library::resolve_path(arg) {
            return file;
        }
        if let Some(session) = self.get(arg) {
            return Ok(session.clone());
        }
        if let Some(broken) = self.broken.iter().find(|b| b.id == arg) {
            return Err(broken.error.clone());
        }
        let ids: Vec<&str> = self.sessions.iter().map(|s| s.id.as_str()).collect();
        let hint = suggest(arg, &ids, Quote::Code, || {
            "run `knotless list` to see them, or give a path to a .toml file".into()
        });
        Err(LoadError::UnknownId {
            id: arg.to_string(),
            hint,
        })
    }
}

/// `*.toml`, not hidden (editors keep dotted backup files next to the real ones).
fn is_session_file(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
    !hidden && path.extension().is_some_and(|e| e == "toml")
}

/// Reads and parses one session file; the id is its stem.
///
/// # Errors
/// `Unreadable` for a missing file, a directory or an I/O error; `Invalid` for a file that
/// does not pass validation.
pub fn load_file(path: &Path, source: Source) -> Result<Session, LoadError> {
    let bytes = read_bounded(path, MAX_FILE_BYTES).map_err(|e| unreadable(path, &e))?;
    parse::parse_bytes(path, &bytes, source).map_err(LoadError::Invalid)
}

fn unreadable(path: &Path, e: &io::Error) -> LoadError {
    let reason = match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "it is a directory, not a file".to_string(),
        io::ErrorKind::NotADirectory => "a part of the path is not a directory".to_string(),
        // The system's words, as a clause: "too many levels of symbolic links".
        _ => {
            let text = e.to_string();
            let text = text.split(" (os error").next().unwrap_or_default();
            let mut chars = text.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_lowercase().chain(chars).collect()
            })
        }
    };
    LoadError::Unreadable {
        path: path.to_path_buf(),
        reason,
    }
}

/// The text of the built-in session `id`, if there is one.
#[must_use]
pub fn built_in_text(id: &str) -> Option<&'static str> {
    BUILT_INS
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, text)| *text)
}

/// The ASCII figure `assets/art/<name>.txt`, if it ships.
#[must_use]
pub fn art(name: &str) -> Option<&'static str> {
    ART.iter().find(|(n, _)| *n == name).map(|(_, text)| *text)
}

/// The names of every figure that ships.
#[must_use]
pub fn art_names() -> Vec<&'static str> {
    ART.iter().map(|(n, _)| *n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_parses_and_its_art_ships() {
        let library = Library::load(None);
        assert!(library.broken.is_empty(), "{:?}", library.broken);
        // What build.rs wrote is what parsing the files gives now, file for file.
        let parsed: Vec<Session> = BUILT_INS
            .iter()
            .map(|(id, text)| {
                let path = PathBuf::from(format!("sessions/{id}.toml"));
                parse::parse_str(&path, text, Source::BuiltIn).unwrap()
            })
            .collect();
        assert_eq!(built_in::sessions(), parsed);
        assert_eq!(library.sessions, parsed);
        for session in &library.sessions {
            for step in &session.steps {
                if let Some(name) = &step.art {
                    assert!(art(name).is_some(), "{}: art `{name}`", session.id);
                }
            }
        }
    }

    #[test]
    fn art_is_small_plain_ascii() {
        // The running screen shows a figure beside the instructions only when the text keeps
        // at least as many columns as the figure (`2 × width + 4` fits the 78 inner columns
        // of an 80-column terminal: 37), and at 80x24 the rows under the countdown shrink
        // to 5 when a cue and a "hold" hint are showing (tests/figures.rs checks the screen).
        const MAX_WIDTH: usize = 37;
        const MAX_ROWS: usize = 5;
        for (name, text) in ART {
            assert!(text.lines().count() <= MAX_ROWS, "{name}: too many lines");
            for line in text.lines() {
                assert!(line.len() <= MAX_WIDTH, "{name}: line too wide: {line:?}");
                assert!(line.bytes().all(|b| (b' '..=b'~').contains(&b)), "{name}");
            }
        }
    }

    #[test]
    fn resolves_ids_and_suggests_near_misses() {
        let library = Library::load(None);
        assert_eq!(library.resolve("unwind").unwrap().id, "unwind");
        let err = library.resolve("knot-releif").unwrap_err();
        assert!(
            err.to_string().contains("did you mean `knot-relief`?"),
            "{err}"
        );
        let err = library.resolve("./no/such.toml").unwrap_err();
        assert!(matches!(err, LoadError::Unreadable { .. }), "{err}");
    }
}
