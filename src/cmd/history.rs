//! `knotless history [--json|--csv] [--since WHEN] [--until WHEN] [--limit N|--all]`: read the
//! history store and print it. The store is opened read-only (a missing file is an empty
//! history) and rows stream from SQLite to stdout one at a time, so memory stays flat
//! whatever the size. Every string from the database was made safe as its row was read.

mod export;
mod when;

use std::io::Write as _;
use std::process::ExitCode;

use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

pub use export::csv_field;
pub use when::{Edge, parse_when};

use crate::history::store::RunQuery;
use crate::history::{HistoryError, Run, Store};
use crate::status::file::live_run_starts;

/// Rows the plain table shows unless `--limit` or `--all` says otherwise.
pub const DEFAULT_ROWS: u64 = 20;

/// What `knotless history` was asked for.
#[derive(Clone, Debug, Default)]
pub struct HistoryArgs {
    pub json: bool,
    pub csv: bool,
    pub since: Option<String>,
    pub until: Option<String>,
    pub limit: Option<u64>,
    pub all: bool,
}

#[must_use]
pub fn run_history(args: &HistoryArgs) -> ExitCode {
    let now = ZonedDateTime::now();
    let tz = now.time_zone().clone();
    let range = (|| -> Result<_, String> {
        let since = args
            .since
            .as_deref()
            .map(|s| parse_when(s, "--since", Edge::Start, &now));
        let until = args
            .until
            .as_deref()
            .map(|s| parse_when(s, "--until", Edge::End, &now));
        let (since, until) = (since.transpose()?, until.transpose()?);
        if args.limit == Some(0) {
            return Err(
                "--limit 0 would show no run; give 1 or more, or --all for every run".into(),
            );
        }
        if let (Some(from), Some(to)) = (since, until)
            && from >= to
        {
            return Err(format!(
                "--since {} is not before --until {}, so no run can be in between; swap them",
                args.since.as_deref().unwrap_or_default(),
                args.until.as_deref().unwrap_or_default()
            ));
        }
        Ok((since, until))
    })();
    let (since, until) = match range {
        Ok(range) => range,
        Err(message) => {
            super::report(&message);
            return ExitCode::from(super::EXIT_USAGE);
        }
    };
    let store = match Store::open_default_read() {
        Ok(store) => store,
        Err(e) => return history_unavailable(&e),
    };
    let table = !args.json && !args.csv;
    let limit = match (args.all, args.limit) {
        (true, _) => None,
        (false, Some(n)) => Some(n),
        (false, None) => table.then_some(DEFAULT_ROWS),
    };
    let query = RunQuery {
        since,
        until,
        limit,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match &store {
        None if table => write!(out, "{}", empty_text(since, until, &tz)).map_err(Into::into),
        None => export::write_empty(&mut out, args.json),
        Some(store) if args.json => export::write_json(store, query, &mut out),
        Some(store) if args.csv => export::write_csv(store, query, &mut out),
        Some(store) => write_table(store, query, &tz, &live_run_starts(), &mut out),
    };
    let flushed = written.and_then(|()| out.flush().map_err(Into::into));
    match flushed {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Output(e)) => {
            super::report(&format!("cannot write the history to stdout: {e}"));
            ExitCode::from(super::EXIT_INVALID)
        }
        Err(Failure::History(e)) => history_unavailable(&e),
    }
}

/// Why printing the history stopped.
#[derive(Debug)]
pub(crate) enum Failure {
    History(HistoryError),
    Output(std::io::Error),
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::Output(e)
    }
}

impl From<HistoryError> for Failure {
    fn from(e: HistoryError) -> Failure {
        Failure::History(e)
    }
}

/// Streams the store's runs into `write`, stopping at the first write error, which is
/// returned.
pub(crate) fn stream(
    store: &Store,
    query: RunQuery,
    mut write: impl FnMut(&Run) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let mut failed = None;
    store.each_run(query, |run| match write(&run) {
        Ok(()) => true,
        Err(e) => {
            failed = Some(e);
            false
        }
    })?;
    failed.map_or(Ok(()), |e| Err(Failure::Output(e)))
}

pub(crate) fn history_unavailable(e: &HistoryError) -> ExitCode {
    super::report(&format!("cannot read the history: {e}"));
    ExitCode::from(super::EXIT_INVALID)
}

fn local(at: Timestamp, tz: &TimeZone) -> String {
    at.to_zoned_datetime(tz.clone())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

fn empty_text(since: Option<Timestamp>, until: Option<Timestamp>, tz: &TimeZone) -> String {
    match (since, until) {
        (None, None) => "No sessions recorded yet.\n".to_string(),
        (Some(from), None) => format!("No sessions since {}.\n", local(from, tz)),
        (None, Some(to)) => format!("No sessions before {}.\n", local(to, tz)),
        (Some(from), Some(to)) => {
            format!(
                "No sessions from {} to {}.\n",
                local(from, tz),
                local(to, tz)
            )
        }
    }
}

fn rating(p: Option<u8>) -> String {
    p.map_or_else(|| "–".to_string(), |p| p.to_string())
}

fn table_row(run: &Run, tz: &TimeZone, live: &[Timestamp]) -> String {
    let pain = if run.pain_before.is_none() && run.pain_after.is_none() {
        String::new()
    } else {
        format!("{} → {}", rating(run.pain_before), rating(run.pain_after))
    };
    let (title, id) = (run.title.to_string(), run.session.as_str());
    let session = if title == id {
        title
    } else {
        format!("{title} ({id})")
    };
    let minutes = run.ended_at.map_or_else(
        || "–".to_string(),
        |_| crate::history::stats::minutes(run.seconds()).to_string(),
    );
    format!(
        "{}  {minutes:>4}  {:<19}  {:>4}  {:>4}  {pain:<7}  {session}\n",
        local(run.started_at, tz),
        if run.is_running(live) {
            "running"
        } else {
            run.outcome.label()
        },
        run.phases_done,
        run.phases_skipped,
    )
}

fn write_table(
    store: &Store,
    query: RunQuery,
    tz: &TimeZone,
    live: &[Timestamp],
    out: &mut impl std::io::Write,
) -> Result<(), Failure> {
    let total = store.count_runs(query.since, query.until)?;
    if total == 0 {
        write!(out, "{}", empty_text(query.since, query.until, tz))?;
        return Ok(());
    }
    writeln!(
        out,
        "{:<16}  {:>4}  {:<19}  {:>4}  {:>4}  {:<7}  Session",
        "Started", "Min", "Outcome", "Done", "Skip", "Pain"
    )?;
    let mut shown = 0u64;
    stream(store, query, |run| {
        shown += 1;
        out.write_all(table_row(run, tz, live).as_bytes())
    })?;
    let runs = |n: u64| format!("{n} run{}", if n == 1 { "" } else { "s" });
    if shown < total {
        writeln!(
            out,
            "Showing the {shown} most recent of {}; --limit N shows more, --all shows every one.",
            runs(total)
        )?;
    } else {
        writeln!(out, "Showing all {}.", runs(total))?;
    }
    Ok(())
}

impl From<crate::cli::HistoryFlags> for HistoryArgs {
    fn from(f: crate::cli::HistoryFlags) -> Self {
        HistoryArgs {
            json: f.json,
            csv: f.csv,
            since: f.since,
            until: f.until,
            limit: f.limit,
            all: f.all,
        }
    }
}
