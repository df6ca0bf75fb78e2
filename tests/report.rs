//! `knotless report`: a known history through the real binary, checked by an HTML validator
//! (Debian's `tidy`) and rendered in headless Chromium (Debian's `chromium`), whose DOM is read
//! back to count the chart's bars and points. `.ci/run` installs both when missing.
#![allow(clippy::unwrap_used)]

mod support;

use std::path::Path;
use std::process::Command;

use jiff::{SignedDuration, Timestamp};
use knotless::history::{ReminderOutcome, Store};
use support::TempHome;

/// Pain before and after.
type Pain = (Option<u8>, Option<u8>);

/// Runs on known days before now: (days ago, minutes, reached the end, skipped, pain).
const RUNS: &[(i64, i64, bool, u32, Pain)] = &[
    (1, 20, true, 0, (Some(6), Some(3))),
    (1, 2, false, 0, (None, None)),
    (2, 10, true, 3, (Some(5), Some(4))),
    (4, 15, true, 0, (Some(7), None)),
    (9, 12, true, 0, (Some(4), Some(2))),
];
/// Days with minutes (a bar each): 1, 2, 4 and 9 days ago; the run 6 days ago is cut short.
const MINUTE_BARS: usize = 4;
/// Taken on day 1; snoozed and dismissed on day 2; one left unanswered on day 3.
const BREAK_BARS: usize = 4;

fn ago(days: i64) -> Timestamp {
    Timestamp::now() - SignedDuration::from_hours(24 * days) - SignedDuration::from_mins(30)
}

fn seed(db: &Path) {
    let store = Store::open(db).unwrap();
    for &(days, minutes, reached_end, skipped, (before, after)) in RUNS {
        let at = ago(days);
        let id = store
            .start_run("knot-relief", "Knot <relief>", at, before)
            .unwrap();
        let end = at + SignedDuration::from_mins(minutes);
        store.finish_run(id, end, reached_end, 3, skipped).unwrap();
        store.set_pain_after(id, after).unwrap();
    }
    store.start_run("unwind", "Unwind", ago(6), None).unwrap();
    for (days, outcome) in [
        (1, ReminderOutcome::Fired),
        (1, ReminderOutcome::Taken),
        (2, ReminderOutcome::Fired),
        (2, ReminderOutcome::Snoozed),
        (2, ReminderOutcome::Fired),
        (2, ReminderOutcome::Dismissed),
        (3, ReminderOutcome::Fired),
    ] {
        store.record_reminder(ago(days), outcome).unwrap();
    }
}

fn report(home: &TempHome, args: &[&str]) -> String {
    let file = home.path().join("report.html");
    let mut all = vec!["report", "--output", file.to_str().unwrap()];
    all.extend_from_slice(args);
    let out = home.command(&all).env("TZ", "UTC").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Wrote the report to "));
    std::fs::read_to_string(file).unwrap()
}

fn tool(name: &str) -> String {
    support::tool(name, name)
}

/// Validates with tidy: any error or warning fails.
fn assert_valid(html: &str, home: &TempHome) {
    let file = home.write("validate.html", html);
    let out = Command::new(tool("tidy"))
        .args([
            "-errors",
            "-quiet",
            "--show-warnings",
            "yes",
            "--drop-empty-elements",
            "no",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "tidy: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn chromium(home: &TempHome, args: &[&str], page: &Path) -> std::process::Output {
    Command::new(tool("chromium"))
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .args(["--enable-logging=stderr", "--v=0"])
        .arg(format!(
            "--user-data-dir={}",
            home.path().join("chromium").display()
        ))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .env("HOME", home.path())
        .output()
        .unwrap()
}

#[test]
fn a_known_history_makes_a_valid_page_with_the_right_charts() {
    let home = TempHome::new("report");
    seed(&home.data().join("knotless/history.db"));
    let html = report(&home, &["--since", "14d"]);
    assert_valid(&html, &home);
    for needle in [
        "<h2 id=\"sessions\">",
        "<h2 id=\"pain\">",
        "<h2 id=\"breaks\">",
        "<strong>4 sessions</strong> (3 completed, 1 finished with some steps skipped)",
        "Also 1 stopped early and 1 cut short",
        "Knot &lt;relief&gt;",
        "−2.0 points per session",
        "When to seek help",
        "Get emergency care now if back pain comes with:",
    ] {
        assert!(html.contains(needle), "{needle:?} missing");
    }
    assert!(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"));

    let page = home.path().join("report.html");
    let out = chromium(&home, &["--dump-dom"], &page);
    let dom = String::from_utf8_lossy(&out.stdout);
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "chromium failed: {log}");
    for bad in ["Uncaught", "Refused to", "net::ERR_", "CONSOLE("] {
        assert!(!log.contains(bad), "the page logged {bad:?}: {log}");
    }
    let chart = |id: &str| -> String {
        let start = dom.find(&format!("<svg id=\"{id}\"")).unwrap();
        let end = start + dom[start..].find("</svg>").unwrap();
        dom[start..end].to_string()
    };
    assert_eq!(
        chart("chart-minutes")
            .matches("class=\"bar minutes\"")
            .count(),
        MINUTE_BARS
    );
    assert_eq!(
        chart("chart-breaks").matches("class=\"bar ").count(),
        BREAK_BARS
    );
    let pain = chart("chart-pain");
    assert_eq!(pain.matches("class=\"point before\"").count(), 4);
    assert_eq!(pain.matches("class=\"point after\"").count(), 3);
    assert!(dom.contains("</footer>"), "the whole page was parsed");

    let shot = home.path().join("report.png");
    let out = chromium(
        &home,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=900,2400",
        ],
        &page,
    );
    assert!(out.status.success());
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "a drawn page"
    );
    if let Ok(dir) = std::env::var("KNOTLESS_REPORT_SHOT") {
        std::fs::copy(&shot, Path::new(&dir).join("report.png")).unwrap();
        std::fs::copy(&page, Path::new(&dir).join("report.html")).unwrap();
    }
}

#[test]
fn an_empty_history_gives_a_short_friendly_valid_page() {
    let home = TempHome::new("report-empty");
    let html = report(&home, &[]);
    assert_valid(&html, &home);
    assert!(html.contains("Nothing recorded yet"));
    assert!(html.contains("When to seek help"));
    assert!(!html.contains("<svg"), "no empty charts");
    assert!(
        !home.data().join("knotless").exists(),
        "no database created"
    );
}

#[test]
fn a_bad_period_exits_2_and_an_unwritable_output_exits_1() {
    let home = TempHome::new("report-bad");
    let out = home
        .command(&["report", "--since", "fortnight"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        err.starts_with("knotless: --since \"fortnight\" is not a date"),
        "{err}"
    );
    // A day still to come: no report of it, rather than one of today under its name.
    let out = home
        .command(&["report", "--since", "2999-01-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(
        err,
        "knotless: --since 2999-01-01 is in the future: a report covers days up to today\n"
    );
    let out = home
        .command(&["report", "--output", "/nonexistent/dir/r.html"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        err.starts_with("knotless: cannot write the report to \"/nonexistent/dir/r.html\""),
        "{err}"
    );
}
