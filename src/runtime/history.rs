//! History on a thread of its own, so the screen never waits for SQLite: another program
//! holding the write lock for a long time, or a slow disk, cannot freeze a countdown. The
//! thread hands the jobs to the history writer, a `knotless` process that runs while there
//! are jobs and exits when there are none ([`crate::history::writer`]), so this process
//! never runs SQLite. Jobs run in order; the first failure turns history off and is
//! reported once through the front end's channel. Dropping the worker waits for the jobs
//! already queued, so a run's end is written before the program exits.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::CommandExt;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::JoinHandle;

use jiff::Timestamp;
use jiff::civil::Date;

use super::event::{Event, EventSender, HistoryReport};
use crate::history::ReminderOutcome;
use crate::history::writer::{self, Reply, Request};
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
    /// The statistics as of `today` in the system's time zone.
    Stats {
        today: Date,
    },
    Advisory {
        today: Date,
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

/// The thread: for each burst of jobs, a writer process that takes them one by one and is
/// let go (its input closed, then waited for) once no job is left.
fn work(jobs: &Receiver<HistoryJob>, events: &EventSender) {
    let mut run = None;
    while let Ok(first) = jobs.recv() {
        if let Err(reason) = burst(first, jobs, &mut run, events) {
            // History is off: the thread ends, and jobs sent later are dropped unsent.
            let _ = events.send(Event::History(HistoryReport::Off(SafeText::new(&reason))));
            return;
        }
    }
}

/// One writer process for `first` and the jobs queued while it works.
fn burst(
    first: HistoryJob,
    jobs: &Receiver<HistoryJob>,
    run: &mut Option<i64>,
    events: &EventSender,
) -> Result<(), String> {
    // Let go when dropped, on every path out.
    let mut writer = Writer::start()?;
    let mut job = first;
    loop {
        if let Some(request) = request(job, *run) {
            match writer.ask(&request)? {
                Reply::Done => {}
                Reply::Started(id) => *run = Some(id),
                Reply::Stats(stats) => report(events, HistoryReport::Stats(stats)),
                Reply::Advisory(note) => report(events, HistoryReport::Advisory(note)),
                Reply::Off(reason) => return Err(reason),
            }
        }
        job = match jobs.try_recv() {
            Ok(next) => next,
            Err(TryRecvError::Empty | TryRecvError::Disconnected) => return Ok(()),
        };
    }
}

fn report(events: &EventSender, report: HistoryReport) {
    let _ = events.send(Event::History(report));
}

/// The job as the writer takes it; `None` for a run job with no run started (its start
/// failed to be recorded, or it was never sent).
fn request(job: HistoryJob, run: Option<i64>) -> Option<Request> {
    Some(match job {
        HistoryJob::StartRun {
            session,
            title,
            at,
            pain,
        } => Request::StartRun {
            session: session.into(),
            title: title.into(),
            at,
            pain,
        },
        HistoryJob::Progress { done, skipped } => Request::Progress {
            run: run?,
            done,
            skipped,
        },
        HistoryJob::FinishRun {
            at,
            completed,
            done,
            skipped,
        } => Request::FinishRun {
            run: run?,
            at,
            completed,
            done,
            skipped,
        },
        HistoryJob::PainAfter { rating } => Request::PainAfter { run: run?, rating },
        HistoryJob::Reminder { at, outcome } => Request::Reminder {
            at,
            outcome: outcome.as_str().to_owned(),
        },
        HistoryJob::Stats { today } => Request::Stats { today },
        HistoryJob::Advisory { today } => Request::Advisory { today },
    })
}

/// A running history writer: this very program (`/proc/self/exe`, so an upgrade installed
/// while it runs does not put another version on the other end) with [`writer::ARG`].
struct Writer {
    child: Child,
    input: Option<ChildStdin>,
    output: BufReader<ChildStdout>,
}

impl Writer {
    fn start() -> Result<Writer, String> {
        let mut child = Command::new("/proc/self/exe")
            .arg(writer::ARG)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            // Its own process group: Ctrl-C and a closed terminal reach the front end, which
            // then sends the run's end; they must not stop the writer halfway.
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start the history writer: {e}"))?;
        let (Some(input), Some(output)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err("cannot talk to the history writer".into());
        };
        Ok(Writer {
            child,
            input: Some(input),
            output: BufReader::new(output),
        })
    }

    /// Sends one request and reads its reply.
    fn ask(&mut self, request: &Request) -> Result<Reply, String> {
        let lost = |e: &dyn std::fmt::Display| format!("the history writer stopped: {e}");
        let json = serde_json::to_string(request).map_err(|e| lost(&e))?;
        let input = self.input.as_mut().ok_or("the history writer is closed")?;
        writeln!(input, "{json}")
            .and_then(|()| input.flush())
            .map_err(|e| lost(&e))?;
        let mut line = String::new();
        match self.output.read_line(&mut line) {
            Ok(0) => Err(lost(&"it exited without an answer")),
            Ok(_) => serde_json::from_str(&line).map_err(|e| lost(&e)),
            Err(e) => Err(lost(&e)),
        }
    }
}

impl Drop for Writer {
    /// Closes its input, so it exits, and waits for it.
    fn drop(&mut self) {
        self.input = None;
        let _ = self.child.wait();
    }
}
