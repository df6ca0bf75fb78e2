//! Why the history store cannot be used, in one line that says what to do.

use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

/// Everything that can go wrong with the history database. Each message is one line naming the
/// file and the next step; the caller turns history off and carries on.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error("no data directory for the history: set XDG_DATA_HOME or HOME")]
    NoDataDir,
    #[error("cannot create \"{}\": {source}; check that it is a writable directory", path.display())]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "\"{}\" is not a readable SQLite database (it may be corrupt); move it aside and \
         knotless will start a new history (the file is left as it is)",
        path.display()
    )]
    Corrupt { path: PathBuf },
    #[error(
        "\"{}\" is read-only; check the permissions of the file and its directory",
        path.display()
    )]
    ReadOnly { path: PathBuf },
    #[error("the disk holding \"{}\" is full; free some space", path.display())]
    DiskFull { path: PathBuf },
    #[error(
        "\"{}\" was written by a newer knotless (schema version {found}, this one knows up to \
         {known}); update knotless to use it",
        path.display()
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error(
        "\"{}\" has an older history format (schema version {found}) that this command reads \
         only after an upgrade: open `knotless` once (or run any session) to upgrade it, then \
         try again",
        path.display()
    )]
    TooOld { path: PathBuf, found: i64 },
    #[error(
        "\"{}\" stayed locked by another program for too long; try again",
        path.display()
    )]
    Busy { path: PathBuf },
    #[error("cannot open \"{}\": {source}; check the path and its permissions", path.display())]
    CannotOpen {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("cannot use \"{}\": {source}", path.display())]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("pain rating \"{0}\" is out of range: use 0 to 10")]
    PainOutOfRange(u8),
    #[error("no run with id \"{0}\" in the history")]
    UnknownRun(i64),
}

impl HistoryError {
    /// Classifies an SQLite error on the database at `path`.
    pub(crate) fn from_sqlite(path: &Path, source: rusqlite::Error) -> HistoryError {
        let path = path.to_path_buf();
        match source.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                HistoryError::Corrupt { path }
            }
            Some(ErrorCode::ReadOnly) => HistoryError::ReadOnly { path },
            Some(ErrorCode::DiskFull) => HistoryError::DiskFull { path },
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                HistoryError::Busy { path }
            }
            Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
                HistoryError::CannotOpen { path, source }
            }
            _ => HistoryError::Sqlite { path, source },
        }
    }
}
