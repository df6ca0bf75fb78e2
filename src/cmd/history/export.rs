//! `history --json` and `--csv`: one row at a time from SQLite to stdout.
//!
//! JSON is an array with one object per line; CSV has a header row (RFC 4180 quoting). Both
//! carry the run's `outcome` (`completed`, `finished_with_skips`, `stopped`, `cut_short`) and,
//! for older scripts, `completed` (true only for the outcome `completed`).

use std::io::Write;

use super::{Failure, stream};
use crate::history::store::RunQuery;
use crate::history::{Outcome, Run, Store};

pub(super) fn write_empty(out: &mut impl Write, json: bool) -> Result<(), Failure> {
    if json {
        out.write_all(b"[]\n")?;
    } else {
        writeln!(out, "{CSV_HEADER}")?;
    }
    Ok(())
}

fn json_row(run: &Run) -> serde_json::Value {
    serde_json::json!({
        "id": run.id.0,
        "session": run.session.as_str(),
        "title": run.title.as_str(),
        "started_at": run.started_at.to_string(),
        "ended_at": run.ended_at.map(|t| t.to_string()),
        "outcome": run.outcome.as_str(),
        "completed": run.outcome == Outcome::Completed,
        "phases_done": run.phases_done,
        "phases_skipped": run.phases_skipped,
        "pain_before": run.pain_before,
        "pain_after": run.pain_after,
    })
}

pub(super) fn write_json(
    store: &Store,
    query: RunQuery,
    out: &mut impl Write,
) -> Result<(), Failure> {
    out.write_all(b"[")?;
    let mut first = true;
    stream(store, query, |run| {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        first = false;
        serde_json::to_writer(&mut *out, &json_row(run)).map_err(std::io::Error::from)
    })?;
    out.write_all(if first { b"]\n" } else { b"\n]\n" })?;
    Ok(())
}

const CSV_HEADER: &str = "id,session,title,started_at,ended_at,outcome,completed,phases_done,\
                          phases_skipped,pain_before,pain_after";

pub(super) fn write_csv(
    store: &Store,
    query: RunQuery,
    out: &mut impl Write,
) -> Result<(), Failure> {
    writeln!(out, "{CSV_HEADER}")?;
    let opt = |p: Option<u8>| p.map(|p| p.to_string()).unwrap_or_default();
    stream(store, query, |run| {
        writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{}",
            run.id.0,
            csv_field(&run.session),
            csv_field(&run.title),
            run.started_at,
            run.ended_at.map(|t| t.to_string()).unwrap_or_default(),
            run.outcome.as_str(),
            run.outcome == Outcome::Completed,
            run.phases_done,
            run.phases_skipped,
            opt(run.pain_before),
            opt(run.pain_after),
        )
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
