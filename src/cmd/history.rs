//! `knotless history [--json|--csv] [--since DATE]` and `knotless stats`: read the history
//! store and print it. Every string from the database is sanitized before it is printed.

use std::fmt::Write as _;
use std::process::ExitCode;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

use crate::history::stats::{Stats, days_before, format_change};
use crate::history::{Run, Store};
use crate::text::sanitize;

#[must_use]
pub fn run_history(json: bool, csv: bool, since: Option<&str>) -> ExitCode {
    let tz = TimeZone::system();
    let since = match since.map(|s| parse_since(s, &tz)).transpose() {
        Ok(since) => since,
        Err(message) => {
            super::report(&message);
            return ExitCode::from(super::EXIT_USAGE);
        }
    };
    let runs = match Store::open_default().and_then(|store| store.runs(since)) {
        Ok(runs) => runs,
        Err(e) => return history_unavailable(&e),
    };
    let out = if json {
        to_json(&runs)
    } else if csv {
        to_csv(&runs)
    } else {
        to_table(&runs, since, &tz)
    };
    print!("{out}");
    ExitCode::SUCCESS
}

#[must_use]
pub fn run_stats() -> ExitCode {
    let now = ZonedDateTime::now();
    let (today, tz) = (now.date(), now.time_zone().clone());
    let week_ago = midnight(days_before(today, 7), &tz);
    let loaded =
        Store::open_default().and_then(|store| Ok((store.runs(None)?, store.reminders(week_ago)?)));
    let (runs, reminders) = match loaded {
        Ok(rows) => rows,
        Err(e) => return history_unavailable(&e),
    };
    print!(
        "{}",
        stats_text(&Stats::compute(&runs, &reminders, today, &tz))
    );
    ExitCode::SUCCESS
}

fn history_unavailable(e: &crate::history::HistoryError) -> ExitCode {
    super::report(&format!("cannot read the history: {e}"));
    ExitCode::from(super::EXIT_INVALID)
}

/// `YYYY-MM-DD` (local midnight) or an RFC 3339 time.
///
/// # Errors
/// A message naming the value and both accepted forms.
pub fn parse_since(value: &str, tz: &TimeZone) -> Result<Timestamp, String> {
    let value = value.trim();
    // Only a bare date is a date: jiff would also read the date part of "…T09:00" and drop the
    // time, which would silently widen the range.
    let bare_date = value.len() == 10 && value.bytes().all(|b| b.is_ascii_digit() || b == b'-');
    if bare_date
        && let Ok(date) = value.parse::<Date>()
        && let Some(at) = midnight(date, tz)
    {
        return Ok(at);
    }
    value.parse::<Timestamp>().map_err(|_| {
        format!(
            "--since \"{}\" is not a date (YYYY-MM-DD) or an RFC 3339 time \
             (e.g. 2026-01-05T09:00:00Z)",
            sanitize(value)
        )
    })
}

fn midnight(date: Date, tz: &TimeZone) -> Option<Timestamp> {
    date.to_zoned_datetime(tz.clone())
        .ok()
        .map(|z| z.timestamp())
}

fn minutes(run: &Run) -> Option<i64> {
    run.ended_at.map(|_| (run.seconds() + 30) / 60)
}

fn rating(p: Option<u8>) -> String {
    p.map_or_else(|| "–".to_string(), |p| p.to_string())
}

fn to_table(runs: &[Run], since: Option<Timestamp>, tz: &TimeZone) -> String {
    if runs.is_empty() {
        return match since {
            Some(at) => format!(
                "No sessions since {}.\n",
                at.to_zoned_datetime(tz.clone()).strftime("%Y-%m-%d %H:%M")
            ),
            None => "No sessions recorded yet.\n".to_string(),
        };
    }
    let mut out = format!(
        "{:<16}  {:>4}  {:<9}  {:>4}  {:>4}  {:<7}  Session\n",
        "Started", "Min", "Result", "Done", "Skip", "Pain"
    );
    for run in runs {
        let started = run.started_at.to_zoned_datetime(tz.clone());
        let result = match (run.completed, run.ended_at) {
            (true, _) => "completed",
            (false, Some(_)) => "stopped",
            (false, None) => "cut short",
        };
        let pain = if run.pain_before.is_none() && run.pain_after.is_none() {
            String::new()
        } else {
            format!("{} → {}", rating(run.pain_before), rating(run.pain_after))
        };
        let (title, id) = (sanitize(&run.title), sanitize(&run.session));
        let session = if title == id {
            title
        } else {
            format!("{title} ({id})")
        };
        let _ = writeln!(
            out,
            "{}  {:>4}  {result:<9}  {:>4}  {:>4}  {pain:<7}  {session}",
            started.strftime("%Y-%m-%d %H:%M"),
            minutes(run).map_or_else(|| "–".to_string(), |m| m.to_string()),
            run.phases_done,
            run.phases_skipped,
        );
    }
    out
}

fn to_json(runs: &[Run]) -> String {
    let rows: Vec<serde_json::Value> = runs
        .iter()
        .map(|run| {
            serde_json::json!({
                "id": run.id.0,
                "session": sanitize(&run.session),
                "title": sanitize(&run.title),
                "started_at": run.started_at.to_string(),
                "ended_at": run.ended_at.map(|t| t.to_string()),
                "completed": run.completed,
                "phases_done": run.phases_done,
                "phases_skipped": run.phases_skipped,
                "pain_before": run.pain_before,
                "pain_after": run.pain_after,
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".to_string());
    out.push('\n');
    out
}

const CSV_HEADER: &str = "id,session,title,started_at,ended_at,completed,phases_done,\
                          phases_skipped,pain_before,pain_after";

fn to_csv(runs: &[Run]) -> String {
    let mut out = format!("{CSV_HEADER}\n");
    let opt = |p: Option<u8>| p.map(|p| p.to_string()).unwrap_or_default();
    for run in runs {
        let fields = [
            run.id.0.to_string(),
            csv_field(&sanitize(&run.session)),
            csv_field(&sanitize(&run.title)),
            run.started_at.to_string(),
            run.ended_at.map(|t| t.to_string()).unwrap_or_default(),
            run.completed.to_string(),
            run.phases_done.to_string(),
            run.phases_skipped.to_string(),
            opt(run.pain_before),
            opt(run.pain_after),
        ];
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

/// RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled.
#[must_use]
pub fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// The plain-text totals `knotless stats` prints.
#[must_use]
pub fn stats_text(stats: &Stats) -> String {
    let plural = |n: u32, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let b = stats.breaks_this_week;
    let pain = match stats.pain_change {
        Some(c) => format!(
            "{} (after minus before, over {})",
            format_change(c.average),
            plural(c.runs, "rated session")
        ),
        None => "no sessions rated before and after yet".to_string(),
    };
    format!(
        "This week (since {}): {}, {} min\nStreak: {}\nBreaks this week: {} taken, {} snoozed, \
         {} ignored ({})\nAverage pain change: {pain}\n",
        stats.week_start.strftime("%a %-d %b"),
        plural(stats.sessions_this_week, "session"),
        stats.minutes_this_week,
        plural(stats.streak_days, "day"),
        b.taken,
        b.snoozed,
        b.ignored,
        plural(b.fired, "reminder"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_accepts_a_date_or_rfc3339_and_explains_anything_else() {
        let tz = TimeZone::fixed(jiff::tz::offset(2));
        assert_eq!(
            parse_since("2026-01-05", &tz).unwrap(),
            "2026-01-04T22:00:00Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!(
            parse_since("2026-01-05T09:00:00+01:00", &tz).unwrap(),
            "2026-01-05T08:00:00Z".parse::<Timestamp>().unwrap()
        );
        for bad in [
            "yesterday",
            "2026-13-01",
            "05/01/2026",
            "",
            "2026-01-05T09:00:00",
        ] {
            let message = parse_since(bad, &tz).unwrap_err();
            assert!(message.contains("YYYY-MM-DD"), "{message}");
        }
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
