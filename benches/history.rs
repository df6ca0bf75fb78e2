//! The history benchmark: a synthetic history of 100 and of 100,000 runs and reminders, built
//! with the project's own store (`Store::start_run`, `finish_run`, `record_reminder` inside
//! `Store::in_transaction`), then the release binary's read commands on it. Run with
//! `cargo bench --bench history`.
//!
//! Time is the wall time from spawn to exit (median of `KNOTLESS_BENCH_REPEAT` runs, default
//! 5), stdout going to `/dev/null`. Memory is the child's peak resident set, from `wait4`'s
//! `ru_maxrss` as GNU time reports it (`/usr/bin/time -f %M`; the column says "n/a" when it is
//! not installed). The stats the TUI's history thread computes (`Store::stats`) are timed in
//! this process too.
//!
//! The synthetic history spans ten years ending now, with sessions every day (so the streak
//! is ten years long, its worst case), outcomes mixed (70 % completed, 10 % each of the
//! others), half the runs rated, and reminders of every kind.
#![allow(clippy::unwrap_used, clippy::cast_precision_loss)]

#[path = "../tests/support/pty.rs"]
mod pty;
#[path = "history/tui.rs"]
mod tui;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp, ZonedDateTime};
use knotless::history::{HistoryError, ReminderOutcome, Store};

const BIN: &str = env!("CARGO_BIN_EXE_knotless");
const TEN_YEARS_S: i64 = 3_652 * 86_400;

fn main() {
    // `cargo test --benches` runs harness-less benches without `--bench`: don't take minutes.
    if !std::env::args().any(|a| a == "--bench") {
        println!("history benchmark skipped: run it with `cargo bench --bench history`");
        return;
    }
    let repeat = std::env::var("KNOTLESS_BENCH_REPEAT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5usize);
    let time = Path::new("/usr/bin/time").exists();
    println!("knotless history benchmark: {BIN}");
    println!("median of {repeat} runs; peak RSS from wait4 via /usr/bin/time -f %M\n");
    println!("| rows | command | time | peak RSS | rows/s |\n|---|---|---|---|---|");
    let empty = tempfile::tempdir().unwrap();
    let mut tui_rows = vec![(
        0,
        tui::first_frame_and_stats(BIN, empty.path(), "No sessions yet", repeat),
    )];
    for rows in [100u32, 100_000] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("data/knotless/history.db");
        let built = Instant::now();
        build(&db, rows).unwrap();
        eprintln!(
            "built {rows} runs and {rows} reminders in {:?}",
            built.elapsed()
        );
        let store = Store::open_read(&db).unwrap().unwrap();
        let now = ZonedDateTime::now();
        let in_process = median(repeat, || {
            let start = Instant::now();
            store.stats(now.date(), now.time_zone()).unwrap();
            (start.elapsed(), None)
        });
        println!(
            "| {rows} | `Store::stats` (the stats screen, in process) | {} | – | – |",
            ms(in_process.0)
        );
        for args in [
            &["stats"][..],
            &["stats", "--json"],
            &["history"],
            &["history", "--csv"],
            &["history", "--json"],
            &["report", "--output", "-"],
            &["report", "--since", "520w", "--output", "-"],
        ] {
            let (elapsed, rss) = median(repeat, || run(dir.path(), args, time));
            let rate = if args[0] == "history" && args.len() > 1 {
                format!("{:.0}", f64::from(rows) / elapsed.as_secs_f64())
            } else {
                "–".to_string()
            };
            println!(
                "| {rows} | `knotless {}` | {} | {} | {rate} |",
                args.join(" "),
                ms(elapsed),
                rss.map_or_else(
                    || "n/a".to_string(),
                    |kb| format!("{:.1} MB", kb as f64 / 1024.0)
                ),
            );
        }
        tui_rows.push((
            rows,
            tui::first_frame_and_stats(BIN, dir.path(), "Streak", repeat),
        ));
    }
    println!("\nThe TUI in a 100x30 pseudo-terminal (median of {repeat} spawns):\n");
    println!("| rows | home first frame | stats screen open (`s` to figures drawn) |");
    println!("|---|---|---|");
    for (rows, (frame, stats)) in tui_rows {
        println!("| {rows} | {frame:.1} ms | {stats:.1} ms |");
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// The median time and the largest peak RSS (KiB) over `n` runs.
fn median(n: usize, mut f: impl FnMut() -> (Duration, Option<u64>)) -> (Duration, Option<u64>) {
    let results: Vec<_> = (0..n.max(1)).map(|_| f()).collect();
    let mut times: Vec<Duration> = results.iter().map(|r| r.0).collect();
    times.sort();
    (
        times[times.len() / 2],
        results.iter().filter_map(|r| r.1).max(),
    )
}

fn run(home: &Path, args: &[&str], time: bool) -> (Duration, Option<u64>) {
    let mut cmd = if time {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "%M", BIN]);
        c
    } else {
        Command::new(BIN)
    };
    cmd.args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let out = cmd.output().unwrap();
    let elapsed = start.elapsed();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rss = time
        .then(|| {
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()?
                .trim()
                .parse()
                .ok()
        })
        .flatten();
    (elapsed, rss)
}

/// `rows` runs and `rows` reminders over the ten years ending now, through the store's API.
fn build(db: &Path, rows: u32) -> Result<(), HistoryError> {
    let store = Store::open(db)?;
    let mut rng = fastrand::Rng::with_seed(16);
    let end = Timestamp::now().as_second();
    let step = TEN_YEARS_S / i64::from(rows);
    store.in_transaction(|store| {
        for i in 0..i64::from(rows) {
            // Evenly spread, newest just now, jittered within the step.
            let at = end - TEN_YEARS_S + i * step + rng.i64(0..step.max(1));
            let at = Timestamp::from_second(at.min(end - 60)).unwrap();
            let before = rng.bool().then(|| rng.u8(0..=10));
            let id = store.start_run("knot-relief", "Knot relief", at, before)?;
            let roll = rng.u8(0..10);
            if roll > 0 {
                let ended = at + SignedDuration::from_secs(rng.i64(60..1_800));
                let skipped = u32::from(roll == 1) * 2;
                store.finish_run(id, ended, roll != 2, 6, skipped)?;
                if before.is_some() {
                    store.set_pain_after(id, Some(rng.u8(0..=10)))?;
                }
            }
            let outcome = [
                ReminderOutcome::Fired,
                ReminderOutcome::Taken,
                ReminderOutcome::Snoozed,
                ReminderOutcome::Dismissed,
                ReminderOutcome::Ignored,
            ][rng.usize(0..5)];
            store.record_reminder(at, outcome)?;
        }
        Ok(())
    })
}
