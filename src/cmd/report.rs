//! `knotless report [--since 4w] [--output FILE]`: one self-contained HTML page of what the
//! history holds for a period, to print or hand to a clinician. The store is opened read-only;
//! runs and reminders stream into the pure `ReportBuilder` (in the core) one row at a time.

mod escape;
mod html;
mod svg;

use std::path::Path;
use std::process::ExitCode;

use jiff::ZonedDateTime;

use super::history::{Edge, parse_when};
use crate::history::report::{Report, ReportBuilder};
use crate::history::stats::{local_date, start_of_day};
use crate::history::store::RunQuery;
use crate::history::{HistoryError, Store};

#[must_use]
pub fn run(since: &str, output: &Path) -> ExitCode {
    let now = ZonedDateTime::now();
    let from = parse_when(since, "--since", Edge::Start, &now).and_then(|at| {
        // A report of days to come would be empty; the page would say it covers today.
        if at > now.timestamp() {
            Err(format!(
                "--since {since} is in the future: a report covers days up to today"
            ))
        } else {
            Ok(at)
        }
    });
    let from = match from {
        Ok(at) => at,
        Err(message) => {
            super::report(&message);
            return ExitCode::from(super::EXIT_USAGE);
        }
    };
    let page = match build(&now, from) {
        Ok(page) => page,
        Err(e) => return super::history::history_unavailable(&e),
    };
    if output.as_os_str() == "-" {
        return super::print(page.as_bytes());
    }
    match std::fs::write(output, &page) {
        Ok(()) => {
            super::out(format_args!("Wrote the report to {}\n", output.display()));
            ExitCode::SUCCESS
        }
        Err(e) => {
            super::report(&format!(
                "cannot write the report to \"{}\": {e}; choose another place with --output",
                output.display()
            ));
            ExitCode::from(super::EXIT_INVALID)
        }
    }
}

/// The page for the local days from the one holding `from` through today.
///
/// # Errors
/// When the history cannot be read.
pub fn build(now: &ZonedDateTime, from: jiff::Timestamp) -> Result<String, HistoryError> {
    let tz = now.time_zone().clone();
    let (first_day, today) = (local_date(from, &tz).min(now.date()), now.date());
    let mut builder = ReportBuilder::new(first_day, today, tz.clone())
        .with_live_runs(crate::status::file::live_run_starts());
    let mut advisory = None;
    if let Some(store) = Store::open_default_read()? {
        let query = RunQuery {
            since: Some(start_of_day(first_day, &tz)),
            ..RunQuery::default()
        };
        store.each_run(query, |run| {
            builder.add_run(&run);
            true
        })?;
        store.each_reminder(query.since, None, |r| builder.add_reminder(&r))?;
        advisory = store.advisory(today, &tz)?;
    }
    let report: Report = builder.finish();
    let ctx = html::Context {
        made_at: now.clone(),
        advisory,
    };
    Ok(html::page(&report, &ctx))
}
