//! `knotless history` and `knotless stats` through the real binary, with private XDG
//! directories and a database seeded through the store's API.
#![allow(clippy::unwrap_used)]

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jiff::{SignedDuration, Timestamp};
use knotless::history::{ReminderOutcome, Store};
use support::TempHome;

struct Home {
    dir: TempHome,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: TempHome::new("history"),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("data/knotless/history.db")
    }

    fn run(&self, args: &[&str]) -> Output {
        let root = self.dir.path();
        Command::new(env!("CARGO_BIN_EXE_knotless"))
            .args(args)
            .env("HOME", root)
            .env("XDG_DATA_HOME", root.join("data"))
            .env("XDG_STATE_HOME", root.join("state"))
            .env("XDG_CONFIG_HOME", root.join("config"))
            .env("TZ", "UTC")
            .env_remove("NO_COLOR")
            .output()
            .unwrap()
    }
}

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// Three runs: completed with pain, stopped early, and one cut short (never finished).
fn seed(path: &Path) {
    let store = Store::open(path).unwrap();
    let a = store
        .start_run(
            "knot-relief",
            "Knot relief",
            ts("2026-01-05T09:00:00Z"),
            Some(6),
        )
        .unwrap();
    store
        .finish_run(a, ts("2026-01-05T09:20:00Z"), true, 6, 1)
        .unwrap();
    store.set_pain_after(a, Some(3)).unwrap();
    let b = store
        .start_run(
            "desk",
            "Desk \u{1b}[31mbreak, \"quick\"",
            ts("2026-01-06T12:00:00Z"),
            None,
        )
        .unwrap();
    store
        .finish_run(b, ts("2026-01-06T12:04:00Z"), false, 2, 0)
        .unwrap();
    store
        .start_run(
            "knot-relief",
            "Knot relief",
            ts("2026-01-07T18:00:00Z"),
            Some(5),
        )
        .unwrap();
}

#[test]
fn history_table_is_newest_first_and_sanitized() {
    let home = Home::new();
    seed(&home.db());
    let out = home.run(&["history"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert!(lines[0].starts_with("Started") && lines[0].contains("Outcome"));
    assert!(
        lines[1].starts_with("2026-01-07 18:00") && lines[1].contains("cut short"),
        "{text}"
    );
    assert!(
        lines[2].contains("stopped") && lines[2].contains("Desk break, \"quick\" (desk)"),
        "{text}"
    );
    assert!(
        lines[3].contains("finished with skips") && lines[3].contains("6 → 3"),
        "{text}"
    );
    assert_eq!(lines[4], "Showing all 3 runs.");
    assert!(!text.contains('\u{1b}'), "escape sequences are removed");
}

#[test]
fn history_json_has_the_documented_fields_in_utc() {
    let home = Home::new();
    seed(&home.db());
    let out = home.run(&["history", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(rows.len(), 3);
    let cut_short = &rows[0];
    assert_eq!(cut_short["session"], "knot-relief");
    assert_eq!(cut_short["started_at"], "2026-01-07T18:00:00Z");
    assert!(cut_short["ended_at"].is_null());
    assert_eq!(cut_short["outcome"], "cut_short");
    assert_eq!(cut_short["completed"], false);
    assert_eq!(cut_short["pain_before"], 5);
    assert!(cut_short["pain_after"].is_null());
    assert_eq!(rows[1]["outcome"], "stopped");
    let done = &rows[2];
    assert_eq!(done["title"], "Knot relief");
    assert_eq!(done["ended_at"], "2026-01-05T09:20:00Z");
    assert_eq!(done["outcome"], "finished_with_skips");
    assert_eq!(done["completed"], false, "a skip means not completed");
    assert_eq!(
        (
            done["phases_done"].as_u64(),
            done["phases_skipped"].as_u64()
        ),
        (Some(6), Some(1))
    );
    assert_eq!(
        (done["pain_before"].as_u64(), done["pain_after"].as_u64()),
        (Some(6), Some(3))
    );
    assert_eq!(rows[1]["title"], "Desk break, \"quick\"");
}

#[test]
fn history_csv_quotes_fields() {
    let home = Home::new();
    seed(&home.db());
    let out = home.run(&["history", "--csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "id,session,title,started_at,ended_at,outcome,completed,phases_done,phases_skipped,\
         pain_before,pain_after"
    );
    assert_eq!(
        lines[1],
        "3,knot-relief,Knot relief,2026-01-07T18:00:00Z,,cut_short,false,0,0,5,"
    );
    assert_eq!(
        lines[2],
        "2,desk,\"Desk break, \"\"quick\"\"\",2026-01-06T12:00:00Z,2026-01-06T12:04:00Z,stopped,\
         false,2,0,,"
    );
    assert_eq!(
        lines[3],
        "1,knot-relief,Knot relief,2026-01-05T09:00:00Z,2026-01-05T09:20:00Z,\
         finished_with_skips,false,6,1,6,3"
    );
}

#[test]
fn history_since_until_and_bad_values_exit_2() {
    let home = Home::new();
    seed(&home.db());
    let count = |args: &[&str]| {
        let mut all = vec!["history", "--json"];
        all.extend_from_slice(args);
        let out = home.run(&all);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        serde_json::from_str::<Vec<serde_json::Value>>(&stdout(&out))
            .unwrap()
            .len()
    };
    assert_eq!(count(&["--since", "2026-01-06"]), 2);
    assert_eq!(count(&["--since", "2026-01-07T17:59:59Z"]), 1);
    assert_eq!(count(&["--until", "2026-01-06"]), 2, "a date counts whole");
    assert_eq!(
        count(&["--since", "2026-01-06", "--until", "2026-01-06"]),
        1
    );
    assert_eq!(count(&["--limit", "1"]), 1);
    assert_eq!(count(&["--since", "520w"]), 3, "a span back from now");
    // The runs are from January 2026: all of them before the end of today, none since
    // yesterday began.
    assert_eq!(count(&["--until", "today"]), 3);
    let out = home.run(&["history", "--since", "yesterday"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).starts_with("No sessions since "),
        "{}",
        stdout(&out)
    );
    let out = home.run(&["history", "--since", "2027-01-01"]);
    assert_eq!(stdout(&out), "No sessions since 2027-01-01 00:00.\n");

    for (flag, value) in [("--since", "last tuesday"), ("--until", "soon")] {
        let out = home.run(&["history", flag, value]);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with(&format!(
                "knotless: {flag} \"{value}\" is not a date (YYYY-MM-DD, today, yesterday)"
            )),
            "{err}"
        );
    }
    let out = home.run(&["history", "--limit", "2", "--all"]);
    assert_eq!(out.status.code(), Some(2), "--limit and --all conflict");
    let out = home.run(&["history", "--limit", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "knotless: --limit 0 would show no run; give 1 or more, or --all for every run\n"
    );
    assert_eq!(stdout(&out), "");
    // A range the wrong way round finds nothing: said, rather than "no sessions".
    let out = home.run(&["history", "--since", "2026-01-07", "--until", "2026-01-05"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "knotless: --since 2026-01-07 is not before --until 2026-01-05, so no run can be in \
         between; swap them\n"
    );
    assert_eq!(stdout(&out), "");
}

#[test]
fn the_table_shows_the_latest_twenty_and_says_so() {
    let home = Home::new();
    let store = Store::open(&home.db()).unwrap();
    let start = ts("2026-02-01T08:00:00Z");
    for i in 0..25 {
        let at = start + SignedDuration::from_hours(i);
        let id = store.start_run("desk", "Desk", at, None).unwrap();
        store.finish_run(id, at, true, 1, 0).unwrap();
    }
    drop(store);
    let lines = |args: &[&str]| -> Vec<String> {
        let out = home.run(args);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out).lines().map(str::to_string).collect()
    };
    let table = lines(&["history"]);
    assert_eq!(table.len(), 22, "header, 20 rows, the count");
    assert!(
        table[1].starts_with("2026-02-02 08:00"),
        "newest first: {table:?}"
    );
    assert_eq!(
        table[21],
        "Showing the 20 most recent of 25 runs; --limit N shows more, --all shows every one."
    );
    let limited = lines(&["history", "--limit", "3"]);
    assert_eq!(limited.len(), 5);
    assert!(limited[4].starts_with("Showing the 3 most recent of 25 runs"));
    let all = lines(&["history", "--all"]);
    assert_eq!((all.len(), all[26].as_str()), (27, "Showing all 25 runs."));
    let csv = lines(&["history", "--csv"]);
    assert_eq!(csv.len(), 26, "exports are not limited by default");
}

#[test]
fn empty_history_and_stats() {
    let home = Home::new();
    let out = home.run(&["history"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "No sessions recorded yet.\n");
    assert_eq!(stdout(&home.run(&["history", "--json"])).trim(), "[]");
    assert_eq!(
        stdout(&home.run(&["history", "--csv"])).lines().count(),
        1,
        "the header"
    );
    let out = home.run(&["stats"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(": 0 sessions, 0 min"), "{text}");
    assert!(text.contains("Streak: 0 days"), "{text}");
    assert!(
        text.contains("no sessions rated before and after yet"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&home.run(&["stats", "--json"]))).unwrap();
    assert_eq!(json["total_sessions"], 0);
    assert_eq!(json["minutes_per_day"].as_array().unwrap().len(), 14);
    // Reading never creates the database, nor its directory.
    assert!(!home.dir.data().join("knotless").exists());
}

/// Today's runs, whenever the test runs: one completed, one finished with skips, one stopped.
fn seed_today(path: &Path) {
    let store = Store::open(path).unwrap();
    let start = Timestamp::now() - SignedDuration::from_secs(3);
    let id = store
        .start_run("knot-relief", "Knot relief", start, Some(7))
        .unwrap();
    store
        .finish_run(id, start + SignedDuration::from_mins(20), true, 6, 0)
        .unwrap();
    store.set_pain_after(id, Some(4)).unwrap();
    let skipped = store.start_run("unwind", "Unwind", start, None).unwrap();
    store
        .finish_run(skipped, start + SignedDuration::from_mins(2), true, 1, 7)
        .unwrap();
    let stopped = store.start_run("unwind", "Unwind", start, None).unwrap();
    store
        .finish_run(stopped, start + SignedDuration::from_mins(1), false, 1, 0)
        .unwrap();
    for outcome in [
        ReminderOutcome::Fired,
        ReminderOutcome::Taken,
        ReminderOutcome::Fired,
        ReminderOutcome::Snoozed,
        ReminderOutcome::Fired,
        ReminderOutcome::Dismissed,
        ReminderOutcome::Fired,
    ] {
        store.record_reminder(start, outcome).unwrap();
    }
}

#[test]
fn stats_totals_this_week_with_outcomes() {
    let home = Home::new();
    seed_today(&home.db());
    let out = home.run(&["stats"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(": 2 sessions (1 with skips), 23 min; not counted: 1 stopped early\n"),
        "{text}"
    );
    assert!(
        text.contains("Streak: 1 day (2 sessions, 1 with skips)\n"),
        "{text}"
    );
    assert!(
        text.contains("Breaks this week: 1 taken, 1 snoozed, 1 dismissed, 1 ignored (4 reminders)"),
        "{text}"
    );
    assert!(text.contains("Average pain change: −3.0 points"), "{text}");
}

#[test]
fn stats_json_is_one_object_with_the_screen_figures() {
    let home = Home::new();
    seed_today(&home.db());
    let out = home.run(&["stats", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let week = &v["this_week"];
    assert_eq!(
        (week["sessions"].as_u64(), week["with_skips"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(week["minutes"], 23);
    assert_eq!(week["outcomes"]["stopped"], 1);
    assert_eq!(week["breaks"]["ignored"], 1);
    assert_eq!(v["streak"]["days"], 1);
    assert_eq!(v["streak"]["with_skips"], 1);
    assert_eq!(v["minutes_per_day"][13]["minutes"], 23);
    assert_eq!(v["pain"][0]["before"], 7);
    assert_eq!(v["pain_change"]["average"], -3.0);
    assert_eq!(v["total_sessions"], 2);
}

#[test]
fn an_older_schema_is_read_as_it_is_and_never_migrated() {
    let home = Home::new();
    let db = home.db();
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    // Schema 2 as knotless 0.1 wrote it.
    conn.execute_batch(
        "CREATE TABLE runs (id INTEGER PRIMARY KEY, session TEXT NOT NULL, title TEXT NOT NULL,
            started_ms INTEGER NOT NULL, ended_ms INTEGER, completed INTEGER NOT NULL DEFAULT 0,
            phases_done INTEGER NOT NULL DEFAULT 0, phases_skipped INTEGER NOT NULL DEFAULT 0,
            pain_before INTEGER, pain_after INTEGER);
         CREATE TABLE reminders (id INTEGER PRIMARY KEY, at_ms INTEGER NOT NULL,
            outcome TEXT NOT NULL);
         INSERT INTO runs (session, title, started_ms, ended_ms, completed, phases_done,
            phases_skipped) VALUES ('a', 'A', 1767603600000, 1767604500000, 1, 6, 2),
                                   ('a', 'A', 1767690000000, 1767690060000, 1, 6, 0);
         PRAGMA user_version = 2;",
    )
    .unwrap();
    drop(conn);
    let before = std::fs::read(&db).unwrap();
    let out = home.run(&["history", "--csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(",completed,true,6,0,"), "{text}");
    assert!(text.contains(",finished_with_skips,false,6,2,"), "{text}");
    assert!(home.run(&["stats"]).status.success());
    assert_eq!(std::fs::read(&db).unwrap(), before, "not migrated");
}

#[test]
fn a_corrupt_database_exits_1_with_one_line_and_stays_unchanged() {
    let home = Home::new();
    let db = home.db();
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7 + 3) as u8).collect();
    std::fs::write(&db, &garbage).unwrap();
    for args in [
        &["history"][..],
        &["history", "--json"],
        &["stats"],
        &["stats", "--json"],
        &["report", "--output", "-"],
    ] {
        let out = home.run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with("knotless: cannot read the history: \""),
            "{err}"
        );
        assert!(err.contains("move it aside"), "{err}");
        assert!(stdout(&out).is_empty());
    }
    assert_eq!(std::fs::read(&db).unwrap(), garbage);
}
