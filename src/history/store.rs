//! The SQLite history store: `$XDG_DATA_HOME/knotless/history.db`, WAL mode, a busy timeout,
//! schema migrations keyed on `PRAGMA user_version`. Nothing here knows about terminals.
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
//! Times are stored as integer milliseconds since the Unix epoch (UTC), so ordering and
//! `since` filters are plain integer comparisons.

use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, TransactionBehavior, params};

use super::{HistoryError, Reminder, ReminderCounts, ReminderOutcome, Run, RunId};

/// The file name inside the data directory.
pub const FILE_NAME: &str = "history.db";

/// How long a writer waits for another process's write to finish.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Migration `i` takes the schema from version `i` to `i + 1`. Never edit a shipped entry;
/// add a new one.
const MIGRATIONS: &[&str] = &[
    // v1: session runs.
    "CREATE TABLE runs (
        id             INTEGER PRIMARY KEY,
        session        TEXT    NOT NULL,
        title          TEXT    NOT NULL,
        started_ms     INTEGER NOT NULL,
        ended_ms       INTEGER,
        completed      INTEGER NOT NULL DEFAULT 0,
        phases_done    INTEGER NOT NULL DEFAULT 0,
        phases_skipped INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX runs_started ON runs (started_ms);",
    // v2: pain check-ins on runs, and reminders.
    "ALTER TABLE runs ADD COLUMN pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10);
    ALTER TABLE runs ADD COLUMN pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10);
    CREATE TABLE reminders (
        id      INTEGER PRIMARY KEY,
        at_ms   INTEGER NOT NULL,
        outcome TEXT    NOT NULL CHECK (outcome IN ('fired', 'taken', 'snoozed', 'ignored'))
    );
    CREATE INDEX reminders_at ON reminders (at_ms);",
];

/// The schema version this build writes.
#[allow(clippy::cast_possible_wrap)]
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

const RUN_COLUMNS: &str = "id, session, title, started_ms, ended_ms, completed, phases_done, \
                           phases_skipped, pain_before, pain_after";

/// An open history database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
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
        Store::open_with_flags(path, OpenFlags::default())
    }

    /// Opens an existing database without ever writing to it. Fails with
    /// [`HistoryError::ReadOnly`] if the schema would need upgrading.
    ///
    /// # Errors
    /// As [`Store::open`], and when the file does not exist.
    pub fn open_read_only(path: &Path) -> Result<Store, HistoryError> {
        Store::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
    }

    fn open_with_flags(path: &Path, flags: OpenFlags) -> Result<Store, HistoryError> {
        let read_only = flags.contains(OpenFlags::SQLITE_OPEN_READ_ONLY);
        let fail = |e| HistoryError::from_sqlite(path, e);
        let mut conn = Connection::open_with_flags(path, flags).map_err(fail)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(fail)?;
        // Read first: a file that is not a database fails here, before any write.
        let version = schema_version(&conn).map_err(fail)?;
        if version > SCHEMA_VERSION {
            return Err(HistoryError::TooNew {
                path: path.to_path_buf(),
                found: version,
                known: SCHEMA_VERSION,
            });
        }
        if read_only {
            if version < SCHEMA_VERSION {
                return Err(HistoryError::ReadOnly {
                    path: path.to_path_buf(),
                });
            }
        } else {
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
                .map_err(fail)?;
            // FULL: a run's start row survives a power cut once `start_run` returns.
            conn.pragma_update(None, "synchronous", "FULL")
                .map_err(fail)?;
            migrate(&mut conn, path)?;
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The database file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn fail(&self, e: rusqlite::Error) -> HistoryError {
        HistoryError::from_sqlite(&self.path, e)
    }

    /// Records that a run has started; it stays "not completed" until [`Store::finish_run`].
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
                "INSERT INTO runs (session, title, started_ms, pain_before) VALUES (?1, ?2, ?3, ?4)",
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

    /// Records the end of a run.
    ///
    /// # Errors
    /// When the write fails or there is no such run.
    pub fn finish_run(
        &self,
        id: RunId,
        ended_at: Timestamp,
        completed: bool,
        phases_done: u32,
        phases_skipped: u32,
    ) -> Result<(), HistoryError> {
        self.update(
            id,
            "UPDATE runs SET ended_ms = ?2, completed = ?3, phases_done = ?4, phases_skipped = ?5
             WHERE id = ?1",
            params![
                id.0,
                ended_at.as_millisecond(),
                completed,
                phases_done,
                phases_skipped
            ],
        )
    }

    /// Sets (or clears, with `None`) the pain rating before the run.
    ///
    /// # Errors
    /// When the write fails, the rating is above 10 or there is no such run.
    pub fn set_pain_before(&self, id: RunId, pain: Option<u8>) -> Result<(), HistoryError> {
        check_pain(pain)?;
        self.update(
            id,
            "UPDATE runs SET pain_before = ?2 WHERE id = ?1",
            params![id.0, pain],
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

    /// Runs started at or after `since` (all when `None`), newest first.
    ///
    /// # Errors
    /// When the read fails.
    pub fn runs(&self, since: Option<Timestamp>) -> Result<Vec<Run>, HistoryError> {
        let sql = format!(
            "SELECT {RUN_COLUMNS} FROM runs WHERE started_ms >= ?1 ORDER BY started_ms DESC, id DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.fail(e))?;
        let rows = stmt
            .query_map([since_ms(since)], run_from_row)
            .map_err(|e| self.fail(e))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.fail(e))
    }

    /// One run by id.
    ///
    /// # Errors
    /// When the read fails.
    pub fn run(&self, id: RunId) -> Result<Option<Run>, HistoryError> {
        let sql = format!("SELECT {RUN_COLUMNS} FROM runs WHERE id = ?1");
        self.conn
            .query_row(&sql, [id.0], run_from_row)
            .optional()
            .map_err(|e| self.fail(e))
    }

    /// Reminder events at or after `since` (all when `None`), oldest first.
    ///
    /// # Errors
    /// When the read fails.
    pub fn reminders(&self, since: Option<Timestamp>) -> Result<Vec<Reminder>, HistoryError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT at_ms, outcome FROM reminders WHERE at_ms >= ?1 ORDER BY at_ms, id",
            )
            .map_err(|e| self.fail(e))?;
        let rows = stmt
            .query_map([since_ms(since)], |row| {
                let outcome: String = row.get(1)?;
                Ok((row.get::<_, i64>(0)?, outcome))
            })
            .map_err(|e| self.fail(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (ms, outcome) = row.map_err(|e| self.fail(e))?;
            // The CHECK constraint keeps unknown words out; skip any that slip in anyway.
            if let Some(outcome) = ReminderOutcome::parse(&outcome) {
                out.push(Reminder {
                    at: timestamp(ms),
                    outcome,
                });
            }
        }
        Ok(out)
    }

    /// How many reminder events of each kind at or after `since`.
    ///
    /// # Errors
    /// When the read fails.
    pub fn reminder_counts(
        &self,
        since: Option<Timestamp>,
    ) -> Result<ReminderCounts, HistoryError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT outcome, count(*) FROM reminders WHERE at_ms >= ?1 GROUP BY outcome",
            )
            .map_err(|e| self.fail(e))?;
        let rows = stmt
            .query_map([since_ms(since)], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, u32>(1)?))
            })
            .map_err(|e| self.fail(e))?;
        let mut counts = ReminderCounts::default();
        for row in rows {
            let (word, n) = row.map_err(|e| self.fail(e))?;
            if let Some(outcome) = ReminderOutcome::parse(&word) {
                counts.add(outcome, n);
            }
        }
        Ok(counts)
    }
}

fn schema_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Brings the schema up to date in one `BEGIN IMMEDIATE` transaction. The version is read
/// again inside it, so two processes opening an old database at once migrate it once.
fn migrate(conn: &mut Connection, path: &Path) -> Result<(), HistoryError> {
    let fail = |e| HistoryError::from_sqlite(path, e);
    if schema_version(conn).map_err(fail)? == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(fail)?;
    let version = schema_version(&tx).map_err(fail)?;
    if version > SCHEMA_VERSION {
        return Err(HistoryError::TooNew {
            path: path.to_path_buf(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    for (to, sql) in (1..)
        .zip(MIGRATIONS)
        .skip(usize::try_from(version).unwrap_or(0))
    {
        tx.execute_batch(sql).map_err(fail)?;
        tx.pragma_update(None, "user_version", to).map_err(fail)?;
    }
    tx.commit().map_err(fail)
}

fn check_pain(pain: Option<u8>) -> Result<(), HistoryError> {
    match pain {
        Some(p) if p > 10 => Err(HistoryError::PainOutOfRange(p)),
        _ => Ok(()),
    }
}

fn since_ms(since: Option<Timestamp>) -> i64 {
    since.map_or(i64::MIN, Timestamp::as_millisecond)
}

fn timestamp(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH)
}

fn run_from_row(row: &Row<'_>) -> rusqlite::Result<Run> {
    let pain = |i| -> rusqlite::Result<Option<u8>> {
        Ok(row
            .get::<_, Option<i64>>(i)?
            .and_then(|p| u8::try_from(p).ok()))
    };
    Ok(Run {
        id: RunId(row.get(0)?),
        session: row.get(1)?,
        title: row.get(2)?,
        started_at: timestamp(row.get(3)?),
        ended_at: row.get::<_, Option<i64>>(4)?.map(timestamp),
        completed: row.get(5)?,
        phases_done: row.get(6)?,
        phases_skipped: row.get(7)?,
        pain_before: pain(8)?,
        pain_after: pain(9)?,
    })
}

#[cfg(test)]
mod tests;
