//! The history writer: a short-lived `knotless` process that does what a running knotless
//! asks of its history, one request at a time, and exits when its input ends.
//!
//! Why a process and not a thread: SQLite is most of the binary's code that a countdown
//! would otherwise run. Once a process has run code, its pages stay mapped for the rest of
//! its life; a countdown that wrote one row kept about 0.5 MB more mapped (and a thread's
//! stack and SQLite's heap) all day. The writer runs for a few milliseconds when a run starts,
//! a phase ends, a run ends or a reminder is recorded, and the program that stays open never
//! touches SQLite.
//!
//! The protocol, one JSON object a line: the program writes a [`Request`], the writer answers
//! with one [`Reply`] before it reads the next. The writer runs in a process group of its own,
//! so a Ctrl-C or a closed terminal, which reach the whole foreground group, do not stop it
//! halfway through a batch: what was asked is written.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::stats::Stats;
use super::{HistoryError, ReminderOutcome, RunId, Store};
use crate::clock::{Clock, SystemClock};

/// The argument that makes `knotless` the history writer. Not a command: nobody types it.
pub const ARG: &str = "__history-writer";

/// What the running program asks; run jobs name the run the writer last reported started.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "job", rename_all = "snake_case")]
pub enum Request {
    StartRun {
        session: String,
        title: String,
        at: Timestamp,
        pain: Option<u8>,
    },
    Progress {
        run: i64,
        done: u32,
        skipped: u32,
    },
    FinishRun {
        run: i64,
        at: Timestamp,
        completed: bool,
        done: u32,
        skipped: u32,
    },
    PainAfter {
        run: i64,
        rating: Option<u8>,
    },
    Reminder {
        at: Timestamp,
        /// [`ReminderOutcome::as_str`].
        outcome: String,
    },
    /// The statistics as of `today` in the system's time zone (the one the program uses).
    Stats {
        today: Date,
    },
    Advisory {
        today: Date,
    },
}

/// The answer to one [`Request`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    Done,
    Started(i64),
    Stats(Box<Stats>),
    Advisory(Option<String>),
    /// History cannot be used: the one-line reason. The writer stops after it.
    Off(String),
}

/// Whether this process was started as the history writer.
#[must_use]
pub fn invoked() -> bool {
    std::env::args_os().nth(1).is_some_and(|arg| arg == ARG)
}

/// The writer's life: open the history, answer each request from stdin on stdout, exit when
/// stdin ends (0) or after reporting that history is off (1).
#[must_use]
pub fn serve() -> ExitCode {
    let stdin = std::io::stdin().lock();
    let mut out = std::io::stdout().lock();
    let mut store = None;
    for line in stdin.lines() {
        let Ok(line) = line else { break };
        let reply = answer(&mut store, &line);
        let off = matches!(reply, Reply::Off(_));
        let sent = serde_json::to_string(&reply)
            .map(|json| writeln!(out, "{json}").and_then(|()| out.flush()));
        if off || !matches!(sent, Ok(Ok(()))) {
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// The reply to one line of input, opening (creating or upgrading) the store on the first.
fn answer(store: &mut Option<Store>, line: &str) -> Reply {
    let request = match serde_json::from_str::<Request>(line) {
        Ok(request) => request,
        Err(e) => {
            return Reply::Off(format!(
                "the history writer got a request it cannot read: {e}"
            ));
        }
    };
    let opened = match store {
        Some(open) => open,
        None => match Store::open_default() {
            Ok(open) => store.insert(open),
            Err(e) => return Reply::Off(e.to_string()),
        },
    };
    perform(opened, request).unwrap_or_else(|e| Reply::Off(e.to_string()))
}

fn perform(store: &Store, request: Request) -> Result<Reply, HistoryError> {
    match request {
        Request::StartRun {
            session,
            title,
            at,
            pain,
        } => {
            return Ok(Reply::Started(
                store.start_run(&session, &title, at, pain)?.0,
            ));
        }
        Request::Progress { run, done, skipped } => {
            store.update_progress(RunId(run), done, skipped)?;
        }
        Request::FinishRun {
            run,
            at,
            completed,
            done,
            skipped,
        } => store.finish_run(RunId(run), at, completed, done, skipped)?,
        Request::PainAfter { run, rating } => store.set_pain_after(RunId(run), rating)?,
        Request::Reminder { at, outcome } => {
            let Some(outcome) = ReminderOutcome::parse(&outcome) else {
                return Ok(Reply::Off(format!("unknown reminder outcome {outcome:?}")));
            };
            store.record_reminder(at, outcome)?;
        }
        Request::Stats { today } => {
            let tz = SystemClock.zone();
            let mut stats = store.stats(today, &tz)?;
            stats.mark_running(&crate::status::file::live_run_starts(), &tz);
            return Ok(Reply::Stats(Box::new(stats)));
        }
        Request::Advisory { today } => {
            let tz = SystemClock.zone();
            return Ok(Reply::Advisory(
                store.advisory(today, &tz)?.map(|a| a.note()),
            ));
        }
    }
    Ok(Reply::Done)
}
