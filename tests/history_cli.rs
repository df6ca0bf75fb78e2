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
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("Started"));
    assert!(
        lines[1].starts_with("2026-01-07 18:00") && lines[1].contains("cut short"),
        "{text}"
    );
    assert!(
        lines[2].contains("stopped") && lines[2].contains("Desk break, \"quick\" (desk)"),
        "{text}"
    );
    assert!(
        lines[3].contains("completed") && lines[3].contains("6 → 3"),
        "{text}"
    );
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
    assert_eq!(cut_short["completed"], false);
    assert_eq!(cut_short["pain_before"], 5);
    assert!(cut_short["pain_after"].is_null());
    let done = &rows[2];
    assert_eq!(done["title"], "Knot relief");
    assert_eq!(done["ended_at"], "2026-01-05T09:20:00Z");
    assert_eq!(done["completed"], true);
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
        "id,session,title,started_at,ended_at,completed,phases_done,phases_skipped,pain_before,pain_after"
    );
    assert_eq!(
        lines[1],
        "3,knot-relief,Knot relief,2026-01-07T18:00:00Z,,false,0,0,5,"
    );
    assert_eq!(
        lines[2],
        "2,desk,\"Desk break, \"\"quick\"\"\",2026-01-06T12:00:00Z,2026-01-06T12:04:00Z,false,2,0,,"
    );
    assert_eq!(
        lines[3],
        "1,knot-relief,Knot relief,2026-01-05T09:00:00Z,2026-01-05T09:20:00Z,true,6,1,6,3"
    );
}

#[test]
fn history_since_filters_and_bad_dates_exit_2() {
    let home = Home::new();
    seed(&home.db());
    let out = home.run(&["history", "--json", "--since", "2026-01-06"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(rows.len(), 2);
    let out = home.run(&["history", "--json", "--since", "2026-01-07T17:59:59Z"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(rows.len(), 1);
    let out = home.run(&["history", "--since", "2027-01-01"]);
    assert_eq!(stdout(&out), "No sessions since 2027-01-01 00:00.\n");

    let out = home.run(&["history", "--since", "last tuesday"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("\"last tuesday\" is not a date (YYYY-MM-DD)"),
        "{err}"
    );
}

#[test]
fn empty_history_and_stats() {
    let home = Home::new();
    let out = home.run(&["history"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "No sessions recorded yet.\n");
    assert_eq!(stdout(&home.run(&["history", "--json"])).trim(), "[]");
    let out = home.run(&["stats"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(": 0 sessions, 0 min"), "{text}");
    assert!(text.contains("Streak: 0 days"), "{text}");
    assert!(
        text.contains("no sessions rated before and after yet"),
        "{text}"
    );
}

#[test]
fn stats_totals_this_week() {
    let home = Home::new();
    let store = Store::open(&home.db()).unwrap();
    // Started a second ago so it is today, whenever the test runs.
    let start = Timestamp::now() - SignedDuration::from_secs(1);
    let id = store
        .start_run("knot-relief", "Knot relief", start, Some(7))
        .unwrap();
    store
        .finish_run(id, start + SignedDuration::from_mins(20), true, 6, 0)
        .unwrap();
    store.set_pain_after(id, Some(4)).unwrap();
    for outcome in [
        ReminderOutcome::Fired,
        ReminderOutcome::Taken,
        ReminderOutcome::Fired,
        ReminderOutcome::Snoozed,
    ] {
        store.record_reminder(start, outcome).unwrap();
    }
    drop(store);
    let out = home.run(&["stats"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(": 1 session, 20 min"), "{text}");
    assert!(text.contains("Streak: 1 day\n"), "{text}");
    assert!(
        text.contains("Breaks this week: 1 taken, 1 snoozed, 0 ignored (2 reminders)"),
        "{text}"
    );
    assert!(text.contains("Average pain change: −3.0 points"), "{text}");
}

#[test]
fn a_corrupt_database_exits_1_with_one_line_and_stays_unchanged() {
    let home = Home::new();
    let db = home.db();
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7 + 3) as u8).collect();
    std::fs::write(&db, &garbage).unwrap();
    for args in [&["history"][..], &["history", "--json"], &["stats"]] {
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
