//! The schema and its migrations, keyed on `PRAGMA user_version`. Never edit a shipped entry;
//! add a new one.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use crate::history::HistoryError;

/// How a schema-2 row's outcome follows from its columns: the v3 migration stores it, and a
/// read command computes it on the fly from a schema-2 file it must not migrate.
macro_rules! outcome_of_v2_row {
    () => {
        "(CASE WHEN ended_ms IS NULL THEN 'cut_short' WHEN completed = 0 THEN 'stopped' \
         WHEN phases_skipped > 0 THEN 'finished_with_skips' ELSE 'completed' END)"
    };
}

pub(super) const OUTCOME_OF_V2_ROW: &str = outcome_of_v2_row!();

/// The condition on `outcome` for a run that counts as a session. The partial index below uses
/// this very text, which is what lets SQLite use it.
pub(super) const COUNTS: &str = "outcome IN ('completed', 'finished_with_skips')";
/// The condition of the partial index `runs_skipped`.
pub(super) const SKIPPED: &str = "outcome = 'finished_with_skips'";

/// The pieces that the migrations and [`FRESH`] share, so that the two cannot drift apart.
/// The text is exactly that of the shipped migrations.
macro_rules! runs_v1_columns {
    () => {
        "
        id             INTEGER PRIMARY KEY,
        session        TEXT    NOT NULL,
        title          TEXT    NOT NULL,
        started_ms     INTEGER NOT NULL,
        ended_ms       INTEGER,
        completed      INTEGER NOT NULL DEFAULT 0,
        phases_done    INTEGER NOT NULL DEFAULT 0,
        phases_skipped INTEGER NOT NULL DEFAULT 0"
    };
}

macro_rules! runs_v3_indexes {
    () => {
        "
        CREATE INDEX runs_sessions ON runs (started_ms)
            WHERE outcome IN ('completed', 'finished_with_skips');
        CREATE INDEX runs_skipped ON runs (started_ms) WHERE outcome = 'finished_with_skips';
        CREATE INDEX runs_rated ON runs (started_ms, pain_before, pain_after)
            WHERE pain_before IS NOT NULL OR pain_after IS NOT NULL;"
    };
}

macro_rules! reminders_v3_columns {
    () => {
        " (
            id      INTEGER PRIMARY KEY,
            at_ms   INTEGER NOT NULL,
            outcome TEXT    NOT NULL
                CHECK (outcome IN ('fired', 'taken', 'snoozed', 'dismissed', 'ignored'))
        );"
    };
}

/// Migration `i` takes the schema from version `i` to `i + 1`.
pub(super) const MIGRATIONS: &[&str] = &[
    // v1: session runs.
    concat!(
        "CREATE TABLE runs (",
        runs_v1_columns!(),
        "
    );
    CREATE INDEX runs_started ON runs (started_ms);"
    ),
    // v2: pain check-ins on runs, and reminders.
    "ALTER TABLE runs ADD COLUMN pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10);
    ALTER TABLE runs ADD COLUMN pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10);
    CREATE TABLE reminders (
        id      INTEGER PRIMARY KEY,
        at_ms   INTEGER NOT NULL,
        outcome TEXT    NOT NULL CHECK (outcome IN ('fired', 'taken', 'snoozed', 'ignored'))
    );
    CREATE INDEX reminders_at ON reminders (at_ms);",
    // v3: one outcome per run (a run that reached the end with skips is no longer "completed"),
    // indexes for the statistics, and "dismissed" reminders (the table is rebuilt: SQLite
    // cannot change a CHECK constraint in place).
    concat!(
        "ALTER TABLE runs ADD COLUMN outcome TEXT NOT NULL DEFAULT 'cut_short'
            CHECK (outcome IN ('completed', 'finished_with_skips', 'stopped', 'cut_short'));
        UPDATE runs SET outcome = ",
        outcome_of_v2_row!(),
        ";",
        runs_v3_indexes!(),
        "
        CREATE TABLE reminders_v3",
        reminders_v3_columns!(),
        "
        INSERT INTO reminders_v3 (id, at_ms, outcome) SELECT id, at_ms, outcome FROM reminders;
        DROP TABLE reminders;
        ALTER TABLE reminders_v3 RENAME TO reminders;
        CREATE INDEX reminders_at ON reminders (at_ms);"
    ),
];

/// A new database gets the latest schema in one go, not by replaying every migration: the
/// replay's `ALTER TABLE`s and table rebuild cost a first run about 150 kB of memory that it
/// then keeps (glibc does not give the freed pages back). A test checks that this ends where
/// the migrations end.
pub(super) const FRESH: &str = concat!(
    "CREATE TABLE runs (",
    runs_v1_columns!(),
    ",
        pain_before    INTEGER CHECK (pain_before BETWEEN 0 AND 10),
        pain_after     INTEGER CHECK (pain_after BETWEEN 0 AND 10),
        outcome        TEXT    NOT NULL DEFAULT 'cut_short'
            CHECK (outcome IN ('completed', 'finished_with_skips', 'stopped', 'cut_short'))
    );
    CREATE INDEX runs_started ON runs (started_ms);",
    runs_v3_indexes!(),
    "
    CREATE TABLE reminders",
    reminders_v3_columns!(),
    "
    CREATE INDEX reminders_at ON reminders (at_ms);"
);

/// The schema version this build writes.
#[allow(clippy::cast_possible_wrap)]
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The oldest schema a read command reads as it is (computing what is missing).
pub const OLDEST_READABLE: i64 = 2;

/// Reads the schema version; reading `sqlite_master` first makes a file that is not a
/// database fail here, before anything is written.
pub(super) fn schema_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Brings the schema up to date in one `BEGIN IMMEDIATE` transaction. The version is read
/// again inside it, so two processes opening an old database at once migrate it once.
pub(super) fn migrate(conn: &mut Connection, path: &Path) -> Result<(), HistoryError> {
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
    if version == 0 {
        tx.execute_batch(FRESH).map_err(fail)?;
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(fail)?;
    } else {
        for (to, sql) in (1..)
            .zip(MIGRATIONS)
            .skip(usize::try_from(version).unwrap_or(0))
        {
            tx.execute_batch(sql).map_err(fail)?;
            tx.pragma_update(None, "user_version", to).map_err(fail)?;
        }
    }
    tx.commit().map_err(fail)
}
