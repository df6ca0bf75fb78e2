//! The report on paper: the real binary's page printed by headless Chromium (Debian's
//! `chromium`) to A4 and to Letter, then read back with poppler (`pdfinfo`, `pdftotext`, from
//! Debian's `poppler-utils`; `.ci/run` installs both when missing): the paper size is the one
//! asked for, every heading and the safety text are in the PDF, and no word runs past the
//! page's printable width.
#![allow(clippy::unwrap_used)]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use jiff::{SignedDuration, Timestamp};
use knotless::history::{ReminderOutcome, Store};
use support::{TempHome, tool};

/// Five weeks of runs with ratings and reminders, so every chart and table has rows.
fn seed(db: &Path) {
    let store = Store::open(db).unwrap();
    let now = Timestamp::now();
    for day in 1..35i64 {
        let at = now - SignedDuration::from_hours(24 * day);
        let name = if day % 2 == 0 {
            "Knot relief"
        } else {
            "Desk break"
        };
        let id = store
            .start_run("s", name, at, Some(u8::try_from(day % 8).unwrap()))
            .unwrap();
        let end = at + SignedDuration::from_mins(10 + day % 15);
        store
            .finish_run(id, end, day % 5 != 0, 6, u32::from(day % 7 == 0))
            .unwrap();
        store
            .set_pain_after(id, Some(u8::try_from(day % 5).unwrap()))
            .unwrap();
        for outcome in [ReminderOutcome::Fired, ReminderOutcome::Taken] {
            store.record_reminder(at, outcome).unwrap();
        }
    }
}

/// The page, with the paper size forced as a printing user's dialog would choose it.
fn page_for(home: &TempHome, paper: &str) -> PathBuf {
    let file = home.path().join("report.html");
    let out = home
        .command(&[
            "report",
            "--since",
            "5w",
            "--output",
            file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&file)
        .unwrap()
        .replace("</style>", &format!("@page {{ size: {paper}; }}\n</style>"));
    home.write(&format!("report-{paper}.html"), &html)
}

fn print(home: &TempHome, page: &Path, pdf: &Path) {
    let out = Command::new(tool("chromium", "chromium"))
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .args(["--disable-background-networking", "--no-pdf-header-footer"])
        .arg(format!(
            "--user-data-dir={}",
            home.path().join("chromium").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .env("HOME", home.path())
        .output()
        .unwrap();
    assert!(
        pdf.exists(),
        "chromium printed nothing: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The first page's size in points, from `pdfinfo`.
fn paper_size(pdf: &Path) -> (f64, f64) {
    let out = Command::new(tool("pdfinfo", "poppler-utils"))
        .arg(pdf)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&out.stdout);
    let line = info.lines().find(|l| l.starts_with("Page size:")).unwrap();
    let nums: Vec<f64> = line
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (nums[0], nums[1])
}

/// `pdftotext`'s output, with `args` before the file.
fn pdftotext(pdf: &Path, args: &[&str]) -> String {
    let out = Command::new(tool("pdftotext", "poppler-utils"))
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// Every word's right edge, in points, from `pdftotext -bbox`, and the page's plain text.
fn words(pdf: &Path) -> (Vec<f64>, String) {
    let xml = pdftotext(pdf, &["-bbox"]);
    let right = xml
        .split("xMax=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].parse().unwrap())
        .collect();
    (right, pdftotext(pdf, &[]))
}

#[test]
fn the_report_prints_on_a4_and_letter_with_nothing_cut_off() {
    let home = TempHome::new("report-print");
    seed(&home.data().join("knotless/history.db"));
    // (paper, width and height in points)
    for (paper, want) in [("A4", (595.0, 842.0)), ("letter", (612.0, 792.0))] {
        let page = page_for(&home, paper);
        let pdf = home.path().join(format!("report-{paper}.pdf"));
        print(&home, &page, &pdf);
        let (w, h) = paper_size(&pdf);
        assert!(
            (w - want.0).abs() < 1.5 && (h - want.1).abs() < 1.5,
            "{paper}: {w}x{h}"
        );
        let (right, text) = words(&pdf);
        assert!(
            right.len() > 200,
            "{paper}: only {} words printed",
            right.len()
        );
        // The stylesheet's 14 mm side margins: nothing may reach into the right one.
        let limit = w - 14.0 * 72.0 / 25.4 + 1.0;
        let widest = right.iter().copied().fold(0.0, f64::max);
        if let Ok(dir) = std::env::var("KNOTLESS_REPORT_SHOT") {
            std::fs::copy(&pdf, Path::new(&dir).join(format!("report-{paper}.pdf"))).unwrap();
            eprintln!("{paper}: widest word ends at {widest:.1} pt of {w:.1} (limit {limit:.1})");
        }
        assert!(
            widest <= limit,
            "{paper}: a word ends at {widest} pt, past {limit} pt"
        );
        for needle in ["Sessions", "Pain", "Movement", "When to seek help"] {
            assert!(text.contains(needle), "{paper}: {needle:?} not printed");
        }
    }
}
