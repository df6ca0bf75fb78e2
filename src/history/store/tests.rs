//! Store tests: migrations from every version, round trips, two writers, unusable files.

use std::path::Path;

use jiff::Timestamp;
use rusqlite::Connection;

use super::schema::MIGRATIONS;
use super::*;
use crate::history::ReminderCounts;

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// A database at schema `version`, built with the shipped migrations, holding one row of
/// whatever that version can hold.
fn database_at_version(path: &Path, version: usize) {
    let conn = Connection::open(path).unwrap();
    for (i, sql) in (1i64..).zip(MIGRATIONS.iter().take(version)) {
        conn.execute_batch(sql).unwrap();
        conn.pragma_update(None, "user_version", i).unwrap();
    }
    if version >= 1 {
        conn.execute(
            "INSERT INTO runs (session, title, started_ms, ended_ms, completed, phases_done,
             phases_skipped) VALUES ('knot-relief', 'Knot relief', 1767603600000, 1767604500000,
             1, 6, 1)",
            [],
        )
        .unwrap();
    }
    if version >= 2 {
        conn.execute("UPDATE runs SET pain_before = 6, pain_after = 3", [])
            .unwrap();
        conn.execute(
            "INSERT INTO reminders (at_ms, outcome) VALUES (1767603600000, 'snoozed')",
            [],
        )
        .unwrap();
    }
}

#[test]
fn migrates_an_empty_file_and_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let missing = dir.path().join("deeper/dir/history.db");
    for path in [&empty, &missing] {
        let store = Store::open(path).unwrap();
        assert_eq!(schema_version(&store.conn).unwrap(), SCHEMA_VERSION);
        assert!(store.runs(None).unwrap().is_empty());
        let mode: String = store
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }
}

/// Every table and index as SQLite stores it, without whitespace and double quotes: `ALTER
/// TABLE ADD COLUMN` splices its text in with its own spacing, and a renamed table is quoted.
fn schema_of(conn: &Connection) -> Vec<(String, String)> {
    let mut stmt = conn
        .prepare("SELECT name, sql FROM sqlite_master ORDER BY type, name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
        .map(|row| {
            let (name, sql) = row.unwrap();
            let sql = sql.chars().filter(|c| !c.is_whitespace() && *c != '"');
            (name, sql.collect())
        })
        .collect()
}

#[test]
fn a_new_database_gets_the_schema_the_migrations_end_at() {
    let dir = tempfile::tempdir().unwrap();
    let replayed = dir.path().join("replayed.db");
    database_at_version(&replayed, MIGRATIONS.len());
    let replayed = Connection::open(&replayed).unwrap();
    let fresh = Store::open(&dir.path().join("fresh.db")).unwrap();
    let fresh_schema = schema_of(&fresh.conn);
    assert_eq!(fresh_schema.len(), 7, "{fresh_schema:?}");
    assert_eq!(fresh_schema, schema_of(&replayed));
    assert_eq!(schema_version(&fresh.conn).unwrap(), SCHEMA_VERSION);
}

#[test]
fn migrates_from_every_earlier_version_keeping_data() {
    for version in 1..MIGRATIONS.len() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.db");
        database_at_version(&path, version);
        let store = Store::open(&path).unwrap();
        assert_eq!(
            schema_version(&store.conn).unwrap(),
            SCHEMA_VERSION,
            "from v{version}"
        );
        let runs = store.runs(None).unwrap();
        assert_eq!(runs.len(), 1, "from v{version}");
        let run = &runs[0];
        assert_eq!(run.session, "knot-relief");
        assert_eq!(run.started_at, ts("2026-01-05T09:00:00Z"));
        assert_eq!(run.ended_at, Some(ts("2026-01-05T09:15:00Z")));
        // Stored as completed with a skip: finished with skips since v3.
        assert_eq!(run.outcome, Outcome::FinishedWithSkips);
        assert_eq!((run.phases_done, run.phases_skipped), (6, 1));
        let pain = if version >= 2 {
            (Some(6), Some(3))
        } else {
            (None, None)
        };
        assert_eq!((run.pain_before, run.pain_after), pain);
        // The new parts work after the upgrade.
        store.set_pain_after(run.id, Some(2)).unwrap();
        store
            .record_reminder(ts("2026-01-05T10:00:00Z"), ReminderOutcome::Taken)
            .unwrap();
        assert_eq!(store.reminder_counts(None).unwrap().taken, 1);
    }
}

#[test]
fn opening_the_current_version_keeps_data_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    database_at_version(&path, MIGRATIONS.len());
    drop(Store::open(&path).unwrap());
    let store = Store::open(&path).unwrap();
    let run = &store.runs(None).unwrap()[0];
    assert_eq!((run.pain_before, run.pain_after), (Some(6), Some(3)));
    assert_eq!(store.reminder_counts(None).unwrap().snoozed, 1);
}

#[test]
fn round_trips_a_run_and_reminders() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("h.db")).unwrap();
    let a = store
        .start_run(
            "knot-relief",
            "Knot relief",
            ts("2026-01-05T09:00:00Z"),
            Some(7),
        )
        .unwrap();
    let b = store
        .start_run("desk-break", "Desk break", ts("2026-01-06T09:00:00Z"), None)
        .unwrap();
    store.update_progress(a, 2, 1).unwrap();
    let unfinished = store.run(a).unwrap().unwrap();
    assert_eq!(unfinished.ended_at, None);
    assert_eq!(unfinished.outcome, Outcome::CutShort);
    assert_eq!((unfinished.phases_done, unfinished.phases_skipped), (2, 1));

    store
        .finish_run(a, ts("2026-01-05T09:20:30Z"), true, 6, 1)
        .unwrap();
    store.set_pain_after(a, Some(4)).unwrap();

    let runs = store.runs(None).unwrap();
    assert_eq!(
        runs.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![b, a],
        "newest first"
    );
    let a = &runs[1];
    assert_eq!(a.ended_at, Some(ts("2026-01-05T09:20:30Z")));
    assert_eq!(a.outcome, Outcome::FinishedWithSkips);
    assert_eq!((a.pain_before, a.pain_after), (Some(7), Some(4)));
    assert_eq!(a.seconds(), 20 * 60 + 30);
    assert_eq!(runs[0].pain_before, None);
    assert_eq!(
        store.runs(Some(ts("2026-01-06T00:00:00Z"))).unwrap().len(),
        1
    );

    for (at, outcome) in [
        ("2026-01-05T10:00:00Z", ReminderOutcome::Fired),
        ("2026-01-05T10:01:00Z", ReminderOutcome::Taken),
        ("2026-01-05T11:00:00Z", ReminderOutcome::Fired),
        ("2026-01-05T11:00:10Z", ReminderOutcome::Snoozed),
        ("2026-01-06T11:00:10Z", ReminderOutcome::Ignored),
    ] {
        store.record_reminder(ts(at), outcome).unwrap();
    }
    let counts = store.reminder_counts(None).unwrap();
    assert_eq!(
        (counts.fired, counts.taken, counts.snoozed, counts.ignored),
        (2, 1, 1, 1)
    );
    let since = Some(ts("2026-01-05T11:00:00Z"));
    assert_eq!(store.reminders(since).unwrap().len(), 3);
    assert_eq!(
        ReminderCounts::tally(&store.reminders(since).unwrap()),
        store.reminder_counts(since).unwrap()
    );
}

#[test]
fn rejects_bad_pain_and_unknown_runs() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("h.db")).unwrap();
    let err = store
        .start_run("s", "S", Timestamp::UNIX_EPOCH, Some(11))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "pain rating \"11\" is out of range: use 0 to 10"
    );
    assert!(store.runs(None).unwrap().is_empty());
    assert!(matches!(
        store.set_pain_after(RunId(99), Some(1)),
        Err(HistoryError::UnknownRun(99))
    ));
    assert!(matches!(
        store.finish_run(RunId(99), Timestamp::UNIX_EPOCH, true, 1, 0),
        Err(HistoryError::UnknownRun(99))
    ));
}

#[test]
fn two_writers_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    drop(Store::open(&path).unwrap());
    const EACH: i64 = 150;
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                // Each thread opens its own connection, as two processes would.
                let store = Store::open(&path).unwrap();
                for i in 0..EACH {
                    let at = Timestamp::from_second(1_767_603_600 + i).unwrap();
                    let id = store.start_run(&format!("w{w}"), "T", at, Some(5)).unwrap();
                    store.finish_run(id, at, true, 1, 0).unwrap();
                    store.record_reminder(at, ReminderOutcome::Fired).unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let store = Store::open(&path).unwrap();
    let runs = store.runs(None).unwrap();
    assert_eq!(runs.len(), 2 * 150);
    assert!(
        runs.iter()
            .all(|r| r.outcome == Outcome::Completed && r.ended_at.is_some())
    );
    assert_eq!(store.reminder_counts(None).unwrap().fired, 2 * 150);
    let check: String = store
        .conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn a_corrupt_file_is_reported_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    // Deterministic garbage, larger than a page, that does not start with the SQLite header.
    let garbage: Vec<u8> = (0u32..9000)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&path, &garbage).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, HistoryError::Corrupt { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains("is not a readable SQLite database"),
        "{message}"
    );
    assert!(!message.contains('\n'));
    assert_eq!(std::fs::read(&path).unwrap(), garbage);
    assert!(matches!(
        Store::open_read(&path),
        Err(HistoryError::Corrupt { .. })
    ));
    assert_eq!(std::fs::read(&path).unwrap(), garbage);
}

#[test]
fn a_newer_schema_is_reported_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    database_at_version(&path, MIGRATIONS.len());
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, HistoryError::TooNew { found: 99, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("update knotless"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// As root, `chmod 444` does not stop writes, so a read-only disk is simulated by opening
/// with `SQLITE_OPEN_READ_ONLY`: SQLite then refuses every write exactly as on a read-only
/// mount.
#[test]
fn a_read_only_database_is_reported_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    database_at_version(&path, 1);
    let before = std::fs::read(&path).unwrap();
    // Schema 1 is too old to read as it is, and a read never upgrades it.
    let err = Store::open_read(&path).unwrap_err();
    assert!(
        matches!(err, HistoryError::TooOld { found: 1, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("open `knotless` once"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);

    // A current schema can be read, and each write fails with a clear error.
    drop(Store::open(&path).unwrap());
    let store = Store::open_read(&path).unwrap().unwrap();
    let runs = store.runs(None).unwrap();
    assert_eq!(runs.len(), 1);
    let err = store
        .start_run("s", "S", Timestamp::UNIX_EPOCH, None)
        .unwrap_err();
    assert!(matches!(err, HistoryError::ReadOnly { .. }), "{err:?}");
    let err = store.set_pain_after(runs[0].id, Some(1)).unwrap_err();
    assert!(matches!(err, HistoryError::ReadOnly { .. }), "{err:?}");
}

#[path = "tests_read.rs"]
mod read;

/// Where the tests do not run as root, a real `chmod 444` file is also tried.
#[test]
fn a_file_without_write_permission_is_left_unchanged() {
    use std::os::unix::fs::PermissionsExt;
    if rustix::process::geteuid().is_root() {
        return; // Root writes through permissions; covered by the test above.
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    database_at_version(&path, 1);
    let before = std::fs::read(&path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    assert!(Store::open(&path).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// A full disk is simulated with `max_page_count`: SQLite then fails writes with
/// `SQLITE_FULL`, the same code a full disk gives.
#[test]
fn a_full_disk_is_reported_and_earlier_rows_stay() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("history.db")).unwrap();
    let first = store
        .start_run("s", "S", Timestamp::UNIX_EPOCH, Some(3))
        .unwrap();
    let pages: i64 = store
        .conn
        .pragma_query_value(None, "page_count", |r| r.get(0))
        .unwrap();
    store
        .conn
        .pragma_update(None, "max_page_count", pages)
        .unwrap();
    let long_title = "x".repeat(10_000);
    let err = store
        .start_run("s", &long_title, Timestamp::UNIX_EPOCH, None)
        .unwrap_err();
    assert!(matches!(err, HistoryError::DiskFull { .. }), "{err:?}");
    assert!(err.to_string().contains("is full; free some space"));
    assert_eq!(
        store
            .runs(None)
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect::<Vec<_>>(),
        vec![first]
    );
}

#[test]
fn a_directory_that_cannot_be_created_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, b"keep").unwrap();
    let err = Store::open(&file.join("history.db")).unwrap_err();
    assert!(matches!(err, HistoryError::CreateDir { .. }), "{err:?}");
    assert!(err.to_string().starts_with("cannot create"));
    assert_eq!(std::fs::read(&file).unwrap(), b"keep");
}

/// Another program holds the write lock longer than the busy timeout: the write fails with
/// a one-line "locked" message after waiting, reads still work (WAL), nothing stored is lost,
/// and once the lock is gone writing works again.
#[test]
fn a_long_lock_by_another_writer_is_reported_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    let store = Store::open(&path).unwrap();
    let first = store
        .start_run("s", "S", Timestamp::UNIX_EPOCH, Some(3))
        .unwrap();
    let other = Connection::open(&path).unwrap();
    other
        .execute_batch(
            "BEGIN EXCLUSIVE; INSERT INTO reminders (at_ms, outcome) VALUES (1, 'fired');",
        )
        .unwrap();
    let started = std::time::Instant::now();
    let err = store
        .start_run("s", "S", Timestamp::UNIX_EPOCH, None)
        .unwrap_err();
    let waited = started.elapsed();
    assert!(matches!(err, HistoryError::Busy { .. }), "{err:?}");
    assert!(
        waited >= BUSY_TIMEOUT - Duration::from_millis(100),
        "{waited:?}"
    );
    assert!(waited < BUSY_TIMEOUT + Duration::from_secs(5), "{waited:?}");
    let message = err.to_string();
    assert!(message.contains("locked by another program"), "{message}");
    assert!(!message.contains('\n'));
    // Readers are not blocked by a writer in WAL mode.
    assert_eq!(store.runs(None).unwrap().len(), 1);
    other.execute_batch("ROLLBACK;").unwrap();
    drop(other);
    let second = store
        .start_run("s", "S", Timestamp::UNIX_EPOCH, None)
        .unwrap();
    let ids: Vec<RunId> = store.runs(None).unwrap().iter().map(|r| r.id).collect();
    assert!(ids.contains(&first) && ids.contains(&second), "{ids:?}");
}
