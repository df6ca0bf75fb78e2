//! The read side: read-only opening, schema-2 files read as they are, the v3 outcome
//! migration, streaming, and SQL statistics that agree with the in-memory ones.

use jiff::civil::date;
use jiff::tz::TimeZone;

use super::*;
use crate::history::Run;
use crate::history::stats::Stats;

fn v2_with_every_outcome(path: &Path) {
    database_at_version(path, 2);
    let conn = Connection::open(path).unwrap();
    // (ended, completed, skipped): cut short, stopped, completed (the seeded row has a skip).
    conn.execute_batch(
        "INSERT INTO runs (session, title, started_ms, ended_ms, completed, phases_done,
             phases_skipped) VALUES
         ('a', 'A', 1767690000000, NULL, 0, 2, 0),
         ('a', 'A', 1767700000000, 1767700300000, 0, 1, 0),
         ('b', 'B', 1767710000000, 1767710600000, 1, 5, 0);",
    )
    .unwrap();
}

fn outcomes(store: &Store) -> Vec<Outcome> {
    let mut runs = store.runs(None).unwrap();
    runs.sort_by_key(|r| r.started_at);
    runs.iter().map(|r| r.outcome).collect()
}

const EVERY_OUTCOME: [Outcome; 4] = [
    Outcome::FinishedWithSkips,
    Outcome::CutShort,
    Outcome::Stopped,
    Outcome::Completed,
];

#[test]
fn the_v3_migration_gives_old_rows_their_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    v2_with_every_outcome(&path);
    let store = Store::open(&path).unwrap();
    assert_eq!(outcomes(&store), EVERY_OUTCOME);
    store
        .record_reminder(ts("2026-01-07T10:00:00Z"), ReminderOutcome::Dismissed)
        .unwrap();
    let counts = store.reminder_counts(None).unwrap();
    assert_eq!((counts.snoozed, counts.dismissed), (1, 1), "old rows kept");
}

#[test]
fn a_read_creates_nothing_and_never_migrates() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no/such/history.db");
    assert!(Store::open_read(&missing).unwrap().is_none());
    assert!(!dir.path().join("no").exists(), "nothing created");

    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    assert!(Store::open_read(&empty).unwrap().is_none());
    assert_eq!(std::fs::read(&empty).unwrap(), b"");

    let old = dir.path().join("v2.db");
    v2_with_every_outcome(&old);
    let before = std::fs::read(&old).unwrap();
    let store = Store::open_read(&old).unwrap().unwrap();
    assert_eq!(
        outcomes(&store),
        EVERY_OUTCOME,
        "computed as the migration would"
    );
    let stats = store.stats(date(2026, 1, 6), &TimeZone::UTC).unwrap();
    assert_eq!(stats.total_sessions, 2);
    drop(store);
    assert_eq!(std::fs::read(&old).unwrap(), before, "left at schema 2");
    let version: i64 = Connection::open(&old)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 2);
}

#[test]
fn runs_stream_newest_first_within_since_until_and_limit() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("h.db")).unwrap();
    for day in 1..=9 {
        let at = ts(&format!("2026-01-0{day}T09:00:00Z"));
        let id = store.start_run("s", "S", at, None).unwrap();
        store.finish_run(id, at, day % 2 == 0, 1, 0).unwrap();
    }
    let query = RunQuery {
        since: Some(ts("2026-01-03T00:00:00Z")),
        until: Some(ts("2026-01-08T00:00:00Z")),
        limit: Some(3),
    };
    let mut days = Vec::new();
    store
        .each_run(query, |r| {
            days.push(r.started_at.to_string());
            true
        })
        .unwrap();
    assert_eq!(
        days,
        [
            "2026-01-07T09:00:00Z",
            "2026-01-06T09:00:00Z",
            "2026-01-05T09:00:00Z"
        ]
    );
    assert_eq!(store.count_runs(query.since, query.until).unwrap(), 5);
    let mut seen = 0;
    store
        .each_run(RunQuery::default(), |_| {
            seen += 1;
            seen < 2
        })
        .unwrap();
    assert_eq!(seen, 2, "stops when asked");
}

/// A seeded random history: runs of every outcome, some rated, reminders of every kind.
fn random_history(store: &Store, seed: u64) -> (Vec<Run>, Vec<crate::history::Reminder>) {
    let mut rng = fastrand::Rng::with_seed(seed);
    let start = ts("2025-10-01T00:00:00Z").as_second();
    let span = ts("2026-04-15T00:00:00Z").as_second() - start;
    for _ in 0..600 {
        let at = Timestamp::from_second(start + rng.i64(0..span)).unwrap();
        let before = rng.bool().then(|| rng.u8(0..=10));
        let id = store.start_run("s", "S", at, before).unwrap();
        if rng.u8(0..10) > 0 {
            let end = at + jiff::SignedDuration::from_secs(rng.i64(0..1800));
            let skipped = if rng.bool() { 0 } else { rng.u32(1..4) };
            store
                .finish_run(id, end, rng.u8(0..4) > 0, 3, skipped)
                .unwrap();
            if rng.bool() {
                store.set_pain_after(id, Some(rng.u8(0..=10))).unwrap();
            }
        }
        let outcome = [
            ReminderOutcome::Fired,
            ReminderOutcome::Taken,
            ReminderOutcome::Snoozed,
            ReminderOutcome::Dismissed,
            ReminderOutcome::Ignored,
        ][rng.usize(0..5)];
        store.record_reminder(at, outcome).unwrap();
    }
    (store.runs(None).unwrap(), store.reminders(None).unwrap())
}

#[test]
fn sql_statistics_agree_with_the_in_memory_ones() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("h.db")).unwrap();
    let (runs, reminders) = random_history(&store, 7);
    let berlin = TimeZone::get("Europe/Berlin").unwrap();
    for tz in [TimeZone::UTC, berlin] {
        // Around the spring change of clocks, mid-history, and after the last run.
        for today in [date(2026, 3, 30), date(2026, 1, 1), date(2026, 6, 1)] {
            let sql = store.stats(today, &tz).unwrap();
            let memory = Stats::compute(&runs, &reminders, today, &tz);
            assert_eq!(sql, memory, "{today} in {tz:?}");
        }
    }
    // Dense enough that the streak and the weekly totals are not trivially zero.
    let stats = store.stats(date(2026, 3, 30), &TimeZone::UTC).unwrap();
    assert!(stats.sessions_this_week > 0 && stats.pain_change.is_some());
}

#[test]
fn the_statistics_use_the_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("h.db")).unwrap();
    let plan = |sql: &str| -> String {
        let mut stmt = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(3)).unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
    };
    let streak = plan(&format!(
        "SELECT started_ms FROM runs WHERE {} AND started_ms < 5 ORDER BY started_ms DESC LIMIT 1",
        super::schema::COUNTS
    ));
    assert!(streak.contains("runs_sessions"), "{streak}");
    let pain = plan(
        "SELECT count(*), sum(pain_after - pain_before) FROM runs
         WHERE pain_before IS NOT NULL AND pain_after IS NOT NULL",
    );
    assert!(pain.contains("runs_rated"), "{pain}");
    let week = plan("SELECT outcome, count(*) FROM runs WHERE started_ms >= 1 AND started_ms < 5");
    assert!(week.contains("runs_started"), "{week}");
    let skipped = plan(&format!(
        "SELECT count(*) FROM runs WHERE {} AND started_ms >= 1 AND started_ms < 5",
        super::schema::SKIPPED
    ));
    assert!(skipped.contains("runs_skipped"), "{skipped}");
}
