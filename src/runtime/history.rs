//! History on a thread of its own, so the screen never waits for SQLite: another program
//! holding the write lock for a long time, or a slow disk, cannot freeze a countdown. Jobs
//! run in order; the first failure turns history off and is reported once through the
//! front end's channel. Dropping the worker waits for the jobs already queued, so a run's end
//! is written before the program exits.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::event::{Event, EventSender, HistoryReport};
use crate::history::{HistoryError, ReminderOutcome, RunId, Store};
use crate::text::SafeText;

/// What to write or read. Run jobs apply to the run started last.
#[derive(Clone, Debug, PartialEq)]
pub enum HistoryJob {
    StartRun {
        session: SafeText,
        title: SafeText,
        at: Timestamp,
        pain: Option<u8>,
    },
    Progress {
        done: u32,
        skipped: u32,
    },
    FinishRun {
        at: Timestamp,
        completed: bool,
        done: u32,
        skipped: u32,
    },
    /// The check-in after the run. The one before travels with `StartRun`: it is given on the
    /// intro, before the run exists, when "the run started last" is still the previous one.
    PainAfter {
        rating: Option<u8>,
    },
    Reminder {
        at: Timestamp,
        outcome: ReminderOutcome,
    },
    Stats {
        today: Date,
        tz: TimeZone,
    },
    Advisory {
        today: Date,
        tz: TimeZone,
    },
}

pub struct HistoryWorker {
    jobs: Option<Sender<HistoryJob>>,
    thread: Option<JoinHandle<()>>,
}

impl HistoryWorker {
    /// Opens the default history file on the new thread.
    #[must_use]
    pub fn spawn(events: EventSender) -> HistoryWorker {
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("history".into())
            .spawn(move || work(&rx, &events))
            .ok();
        HistoryWorker {
            jobs: thread.is_some().then_some(tx),
            thread,
        }
    }

    /// Queues a job; never blocks.
    pub fn send(&self, job: HistoryJob) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(job);
        }
    }
}

impl Drop for HistoryWorker {
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn work(jobs: &Receiver<HistoryJob>, events: &EventSender) {
    let report = |r| {
        let _ = events.send(Event::History(r));
    };
    let mut store = match Store::open_default() {
        Ok(store) => Some(store),
        Err(e) => {
            report(HistoryReport::Off(SafeText::new(&e.to_string())));
            None
        }
    };
    let mut run = None;
    for job in jobs {
        let Some(open) = &store else { continue };
        match perform(open, &mut run, job) {
            Ok(Some(r)) => report(r),
            Ok(None) => {}
            Err(e) => {
                report(HistoryReport::Off(SafeText::new(&e.to_string())));
                store = None;
            }
        }
    }
}

fn perform(
    store: &Store,
    run: &mut Option<RunId>,
    job: HistoryJob,
) -> Result<Option<HistoryReport>, HistoryError> {
    match job {
        HistoryJob::StartRun {
            session,
            title,
            at,
            pain,
        } => {
            *run = Some(store.start_run(&session, &title, at, pain)?);
        }
        HistoryJob::Progress { done, skipped } => {
            if let Some(id) = *run {
                store.update_progress(id, done, skipped)?;
            }
        }
        HistoryJob::FinishRun {
            at,
            completed,
            done,
            skipped,
        } => {
            if let Some(id) = *run {
                store.finish_run(id, at, completed, done, skipped)?;
            }
        }
        HistoryJob::PainAfter { rating } => {
            if let Some(id) = *run {
                store.set_pain_after(id, rating)?;
            }
        }
        HistoryJob::Reminder { at, outcome } => store.record_reminder(at, outcome)?,
        HistoryJob::Stats { today, tz } => {
            let mut stats = store.stats(today, &tz)?;
            stats.mark_running(&crate::status::file::live_run_starts(), &tz);
            return Ok(Some(HistoryReport::Stats(Box::new(stats))));
        }
        HistoryJob::Advisory { today, tz } => {
            let note = store.advisory(today, &tz)?.map(|a| a.note());
            return Ok(Some(HistoryReport::Advisory(note)));
        }
    }
    Ok(None)
}
