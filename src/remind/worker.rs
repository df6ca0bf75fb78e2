//! The scheduler's notifier thread: one desktop notification at a time, closed when its
//! reminder is answered in an app. The scheduler never waits on it for more than
//! [`SEND_DEADLINE`].

use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::messages::Reminder;
use super::notify::{Notifier, NotifierReport, StopSignal};
use super::protocol::SchedulerCommand;
use crate::platform::bell::Bell;

/// How long the scheduler waits for the desktop to show a notification before falling back.
pub const SEND_DEADLINE: Duration = Duration::from_secs(2);

/// What wakes the scheduler: a command, or news from the worker.
pub(super) enum Msg {
    /// The check at start found no desktop to notify.
    Unavailable(String),
    Command(SchedulerCommand),
    Report(u64, NotifierReport),
    WorkerDone,
    /// The schedule ends with nobody to take it over: the open reminder's notification is
    /// closed, as its buttons would do nothing.
    Withdraw,
}

/// What the worker does next, and the signal that ends it.
type Job = (u64, Task, StopSignal);

enum Task {
    /// Show a reminder.
    Show(Reminder),
    /// Take over the notification of a reminder another knotless showed.
    Adopt(u32),
}

/// The notifier's thread, as the scheduler sees it.
pub(super) struct Worker {
    jobs: Option<Sender<Job>>,
    join: Option<JoinHandle<()>>,
    next_seq: u64,
    /// A job is with the worker (sending or listening).
    pub(super) busy: bool,
    /// The job we are waiting on for `Shown`/`Failed`, and since when.
    pub(super) awaiting: Option<(u64, Instant)>,
    /// The last job missed its deadline and the worker has not come back yet.
    pub(super) stuck: bool,
    stop: StopSignal,
}

impl Worker {
    pub(super) fn spawn(
        mut notifier: Box<dyn Notifier + Send>,
        tx: Sender<Msg>,
        bell: Arc<Bell>,
    ) -> std::io::Result<Worker> {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let join = std::thread::Builder::new()
            .name("knotless-notifier".into())
            .spawn(move || {
                if let Err(reason) = notifier.probe() {
                    let _ = tx.send(Msg::Unavailable(reason));
                    bell.ring();
                }
                for (seq, task, stop) in job_rx {
                    let report = |r: NotifierReport| {
                        let _ = tx.send(Msg::Report(seq, r));
                        bell.ring();
                    };
                    match task {
                        Task::Show(reminder) => notifier.notify(&reminder, &report, &stop),
                        Task::Adopt(id) => notifier.adopt(id, &report, &stop),
                    }
                    let _ = tx.send(Msg::WorkerDone);
                    bell.ring();
                }
            })?;
        Ok(Worker {
            jobs: Some(jobs),
            join: Some(join),
            next_seq: 0,
            busy: false,
            awaiting: None,
            stuck: false,
            stop: StopSignal::default(),
        })
    }

    /// Hands a reminder to the worker; `false` if it is still stuck on an earlier one.
    pub(super) fn send(&mut self, reminder: Reminder) -> bool {
        if self.stuck || self.awaiting.is_some() || !self.start(Task::Show(reminder)) {
            return false;
        }
        self.awaiting = Some((self.next_seq, Instant::now()));
        true
    }

    /// Takes over notification `id` of a reminder still open (nothing is in flight yet: the
    /// scheduler has just started). Its answer closes it like one of ours.
    pub(super) fn adopt(&mut self, id: u32) {
        self.start(Task::Adopt(id));
    }

    fn start(&mut self, task: Task) -> bool {
        // End listening on the previous notification; the new one replaces it.
        self.stop.stop();
        self.stop = StopSignal::default();
        self.next_seq += 1;
        let Some(jobs) = &self.jobs else { return false };
        if jobs.send((self.next_seq, task, self.stop.clone())).is_err() {
            return false;
        }
        self.busy = true;
        true
    }

    /// Closes our notification: the worker, still sending or listening, stops and asks the
    /// server to close it (bounded by the notifier's call timeout); a send still in flight
    /// closes it as soon as it is shown. One it no longer listens on was clicked, closed,
    /// replaced or left unanswered: nothing to do.
    pub(super) fn close(&mut self) {
        self.stop.close();
    }

    /// Time left before the in-flight send misses its deadline.
    pub(super) fn deadline_in(&self) -> Option<Duration> {
        self.awaiting
            .map(|(_, since)| SEND_DEADLINE.saturating_sub(since.elapsed()))
    }

    /// Stops listening and lets the worker thread end; joins it unless it is stuck on a
    /// server that does not answer (it ends by itself at its call timeout, or with the process).
    /// A notification being closed gets [`SEND_DEADLINE`] to go (`rx`: the scheduler's
    /// messages, where the worker says it is done).
    pub(super) fn finish(&mut self, rx: &mpsc::Receiver<Msg>) {
        self.stop.stop();
        self.jobs = None;
        let Some(join) = self.join.take() else { return };
        if self.stuck || self.awaiting.is_some() {
            drop(join);
            return;
        }
        let end = Instant::now() + SEND_DEADLINE;
        while self.busy {
            match rx.recv_timeout(end.saturating_duration_since(Instant::now())) {
                Ok(Msg::WorkerDone) => self.busy = false,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        if self.busy {
            drop(join);
        } else {
            let _ = join.join();
        }
    }
}
