//! The SQLite history store: `$XDG_DATA_HOME/knotless/history.db`, WAL mode, a busy timeout,
//! schema migrations keyed on `PRAGMA user_version` (`schema`). Nothing here knows about
//! terminals.
//!
//! Two ways in: [`Store::open`] for the programs that write (the TUI, plain mode, `remind`),
//! which creates and migrates the file; [`Store::open_read`] for the commands that only read
//! (`history`, `stats`, `report`), which never create, migrate or write anything: a missing
//! file is an empty history and a schema-2 file is read as it is.
//!
//! Concurrency: the TUI and `knotless remind` may write at the same time. WAL lets readers and
//! one writer proceed together; every write is one short autocommit statement (or one
//! `BEGIN IMMEDIATE` transaction for migrations), and the busy timeout makes a second writer
//! wait its turn instead of failing.
//!
//! Safety of the file: opening reads the database before anything is written, so a file that
//! is not a database (or is newer than this program) is reported and left byte-for-byte as it
//! is. Nothing in this module deletes, truncates or recreates a database file.
//!
//! Times are stored as integer milliseconds since the Unix epoch (UTC), so ordering and range
//! filters are plain integer comparisons over an index. Reads stream row by row
//! (`read`), and the statistics are range questions answered in SQL (`stats`).

mod read;
mod schema;
mod stats;

use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use rusqlite::{Connection, OpenFlags, params};

use super::{HistoryError, Outcome, ReminderOutcome, RunId};
pub use read::RunQuery;
pub use schema::{OLDEST_READABLE, SCHEMA_VERSION};
use schema::{OUTCOME_OF_V2_ROW, migrate, schema_version};

/// The file name inside the data directory.
pub const FILE_NAME: &str = "history.db";

/// How long a writer waits for another process's write to finish.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open history database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The SQL for a run's outcome: the column, or for a schema-2 file read as it is, the
    /// expression the migration would store.
    outcome: &'static str,
}

impl Store {
    /// `$XDG_DATA_HOME/knotless/history.db`.
    #[must_use]
    pub fn default_path() -> Option<PathBuf> {
        crate::paths::data_dir().map(|d| d.join(FILE_NAME))
    }

    /// Opens (creating if needed) the database at [`Store::default_path`].
    ///
    /// # Errors
    /// See [`Store::open`]; also when there is no data directory.
    pub fn open_default() -> Result<Store, HistoryError> {
        let path = Store::default_path().ok_or(HistoryError::NoDataDir)?;
        Store::open(&path)
    }

    /// Opens the database at `path`, creating it and its directory if needed and bringing the
    /// schema up to date.
    ///
    /// # Errors
    /// When the directory cannot be created, or the file cannot be opened, is not a database,
    /// is read-only, is on a full disk, or comes from a newer knotless. The file is left as it
    /// was in every error case.
    pub fn open(path: &Path) -> Result<Store, HistoryError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| HistoryError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let fail = |e| HistoryError::from_sqlite(path, e);
        let mut conn = Connection::open(path).map_err(fail)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(fail)?;
        check_not_newer(path, schema_version(&conn).map_err(fail)?)?;
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
            .map_err(fail)?;
        // FULL: a run's start row survives a power cut once `start_run` returns.
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(fail)?;
        migrate(&mut conn, path)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            outcome: "outcome",
        })
    }

    /// [`Store::open_read`] on [`Store::default_path`].
    ///
    /// # Errors
    /// See [`Store::open_read`]; also when there is no data directory.
    pub fn open_default_read() -> Result<Option<Store>, HistoryError> {
        let path = Store::default_path().ok_or(HistoryError::NoDataDir)?;
        Store::open_read(&path)
    }

    /// Opens the database at `path` for reading only. Creates nothing and never migrates:
    /// `Ok(None)` when there is no such file or it holds no history yet (an empty history).
    ///
    /// # Errors
    /// When the file cannot be opened or is not a database, comes from a newer knotless, or
    /// has a schema older than [`OLDEST_READABLE`] (the message says how to upgrade it).
    pub fn open_read(path: &Path) -> Result<Option<Store>, HistoryError> {
        if !path.exists() {
            return Ok(None);
        }
        let fail = |e| HistoryError::from_sqlite(path, e);
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(fail)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(fail)?;
        // Reads are index range scans, each page read once: a small cache keeps the
        // process's memory flat however long the history.
        conn.pragma_update(None, "cache_size", -512).map_err(fail)?;
        let version = schema_version(&conn).map_err(fail)?;
        check_not_newer(path, version)?;
        let outcome = match version {
            0 => return Ok(None),
            v if v < OLDEST_READABLE => {
                return Err(HistoryError::TooOld {
                    path: path.to_path_buf(),
                    found: v,
                });
            }
            v if v < 3 => OUTCOME_OF_V2_ROW,
            _ => "outcome",
        };
        Ok(Some(Store {
            conn,
            path: path.to_path_buf(),
            outcome,
        }))
    }

    /// The database file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn fail(&self, e: rusqlite::Error) -> HistoryError {
        HistoryError::from_sqlite(&self.path, e)
    }

    /// Records that a run has started; it stays "cut short" until [`Store::finish_run`].
    ///
    /// # Errors
    /// When the write fails or `pain_before` is above 10.
    pub fn start_run(
        &self,
        session_id: &str,
        title: &str,
        started_at: Timestamp,
        pain_before: Option<u8>,
    ) -> Result<RunId, HistoryError> {
        check_pain(pain_before)?;
        self.conn
            .execute(
                "INSERT INTO runs (session, title, started_ms, pain_before, outcome)
                 VALUES (?1, ?2, ?3, ?4, 'cut_short')",
                params![session_id, title, started_at.as_millisecond(), pain_before],
            )
            .map_err(|e| self.fail(e))?;
        Ok(RunId(self.conn.last_insert_rowid()))
    }

    /// Records how many phases are done and skipped so far, for a run that may yet be cut
    /// short.
    ///
    /// # Errors
    /// When the write fails or there is no such run.
    pub fn update_progress(&self, id: RunId, done: u32, skipped: u32) -> Result<(), HistoryError> {
        self.update(
            id,
            "UPDATE runs SET phases_done = ?2, phases_skipped = ?3 WHERE id = ?1",
            params![id.0, done, skipped],
        )
    }

    /// Records the end of a run. `reached_end` is the runner's "completed" (the last phase was
    /// passed); the outcome follows from it and the skips ([`Outcome::of_ended`]).
    ///
    /// # Errors
    /// When the write fails or there is no such run.
    pub fn finish_run(
        &self,
        id: RunId,
        ended_at: Timestamp,
        reached_end: bool,
        phases_done: u32,
        phases_skipped: u32,
    ) -> Result<(), HistoryError> {
        let outcome = Outcome::of_ended(reached_end, phases_skipped);
        self.end_run(id, ended_at, outcome, phases_done, phases_skipped)
    }

    /// Records the end of a run with its outcome given. [`Outcome::CutShort`] leaves the run
    /// without an end time, as if it had been killed.
    ///
    /// # Errors
    /// When the write fails or there is no such run.
    pub fn end_run(
        &self,
        id: RunId,
        ended_at: Timestamp,
        outcome: Outcome,
        phases_done: u32,
        phases_skipped: u32,
    ) -> Result<(), HistoryError> {
        let ended_ms = (outcome != Outcome::CutShort).then(|| ended_at.as_millisecond());
        // `completed` is the schema-1 column: "reached the end", kept up to date for it.
        self.update(
            id,
            "UPDATE runs SET ended_ms = ?2, completed = ?3, phases_done = ?4, phases_skipped = ?5,
             outcome = ?6 WHERE id = ?1",
            params![
                id.0,
                ended_ms,
                outcome.counts(),
                phases_done,
                phases_skipped,
                outcome.as_str()
            ],
        )
    }

    /// Sets (or clears, with `None`) the pain rating after the run.
    ///
    /// # Errors
    /// When the write fails, the rating is above 10 or there is no such run.
    pub fn set_pain_after(&self, id: RunId, pain: Option<u8>) -> Result<(), HistoryError> {
        check_pain(pain)?;
        self.update(
            id,
            "UPDATE runs SET pain_after = ?2 WHERE id = ?1",
            params![id.0, pain],
        )
    }

    fn update(
        &self,
        id: RunId,
        sql: &str,
        params: &[&dyn rusqlite::ToSql],
    ) -> Result<(), HistoryError> {
        let changed = self.conn.execute(sql, params).map_err(|e| self.fail(e))?;
        if changed == 0 {
            return Err(HistoryError::UnknownRun(id.0));
        }
        Ok(())
    }

    /// Runs `f` inside one transaction, committed when it returns `Ok` and rolled back
    /// otherwise: for bulk imports (and the benchmark's synthetic history), where a commit per
    /// row would sync the disk once per row.
    ///
    /// # Errors
    /// `f`'s error, or when the transaction cannot begin or commit.
    pub fn in_transaction<T>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, HistoryError>,
    ) -> Result<T, HistoryError> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| self.fail(e))?;
        match f(self) {
            Ok(value) => {
                self.conn
                    .execute_batch("COMMIT")
                    .map_err(|e| self.fail(e))?;
                Ok(value)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Records a reminder event.
    ///
    /// # Errors
    /// When the write fails.
    pub fn record_reminder(
        &self,
        at: Timestamp,
        outcome: ReminderOutcome,
    ) -> Result<(), HistoryError> {
        self.conn
            .execute(
                "INSERT INTO reminders (at_ms, outcome) VALUES (?1, ?2)",
                params![at.as_millisecond(), outcome.as_str()],
            )
            .map_err(|e| self.fail(e))?;
        Ok(())
    }
}

fn check_not_newer(path: &Path, version: i64) -> Result<(), HistoryError> {
    if version > SCHEMA_VERSION {
        return Err(HistoryError::TooNew {
            path: path.to_path_buf(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    Ok(())
}

fn check_pain(pain: Option<u8>) -> Result<(), HistoryError> {
    match pain {
        Some(p) if p > 10 => Err(HistoryError::PainOutOfRange(p)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
