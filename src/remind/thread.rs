//! The scheduler thread: owns a [`Schedule`] and a notifier worker thread, sleeps until the
//! next reminder is due, and reports to the UI through a sink. Depends on no terminal code.
//!
//! # API for the UI
//! ```text
//! let handle = remind::thread::spawn(settings, clock, notifier, sink)?;
//! handle.send(SchedulerCommand::SessionStarted);   // never blocks
//! // sink receives ReminderEvent::{Fired, ActionInvoked, DesktopUnavailable, StatusChanged,
//! //                               Resolved, Open}
//! drop(handle);                                     // or handle.shutdown(): joins cleanly
//! ```
//! The front ends do not call this directly: `remind::share` runs it in the one instance
//! that owns the session's schedule.
//! - `Fired` is sent for every reminder, whether or not the desktop shows it. If the desktop
//!   send fails (no bus, no server, an error, no answer within [`SEND_DEADLINE`]) the
//!   reminder is not retried; `DesktopUnavailable` is sent once per run (at start already,
//!   when the notifier's check finds no desktop), so the UI can say so calmly and lean on
//!   its own banner and bell from then on.
//! - `Resolved` gives each reminder its one answer (`remind::answer`); a command that
//!   answers it (a break, a session, snooze, dismiss, pause) also closes the desktop's copy.
//! - `ActionInvoked(Snooze)` has already been applied to the schedule when it arrives;
//!   `ActionInvoked(StartStretch)` asks the UI to open the configured session (and send
//!   `SessionStarted`).
//! - `Open` says which reminder waits for its answer (and its notification's id), for the
//!   instance that takes the schedule over if this one leaves ([`spawn_from`]).
//! - `StatusChanged` comes only when the status changes; it carries `Moment`s, so the UI
//!   computes "next break in 23 min" itself from `clock.now()`.
//! - A reminder that comes due during a session is held; `SessionEnded` restarts the break
//!   clock and drops the held reminder (the user just moved).
//!
//! # Sleeping
//! The thread blocks in `poll` on three fds and nothing else: an eventfd (commands and worker
//! reports), a `CLOCK_BOOTTIME` timerfd armed for the next due moment (it counts through
//! suspend, so a reminder due during sleep is looked at right after resume), and a
//! `CLOCK_REALTIME` timerfd armed far ahead with `TFD_TIMER_CANCEL_ON_SET`, which the kernel
//! cancels when the wall clock is set and on every resume from suspend: that wakes us so the
//! schedule can compare clocks and take a long sleep as a natural break. No periodic wake-ups.
//! Only while a desktop send is in flight does `poll` get a timeout (its deadline).

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use super::answer::Answers;
use super::notify::{Notifier, NotifierReport, ReminderAction};
use super::schedule::{Schedule, ScheduleEffect, ScheduleStatus};
use super::settings::ReminderSettings;
use super::timers::Timers;
use super::worker::{Msg, Worker};
use crate::clock::{Clock, Moment};
use crate::history::ReminderOutcome;
use crate::platform::bell::Bell;
use knotless_core::remind::protocol::{Handover, OpenReminder};
pub use knotless_core::remind::protocol::{ReminderEvent, SchedulerCommand};

pub use super::worker::SEND_DEADLINE;

/// The UI's handle. Dropping it shuts the thread down and joins it.
pub struct SchedulerHandle {
    tx: Sender<Msg>,
    bell: Arc<Bell>,
    join: Option<JoinHandle<()>>,
}

impl SchedulerHandle {
    /// Never blocks.
    pub fn send(&self, command: SchedulerCommand) {
        if self.tx.send(Msg::Command(command)).is_ok() {
            self.bell.ring();
        }
    }

    /// Closes the open reminder's notification, without answering it: the schedule is
    /// about to end with no other knotless to take it over. Never blocks.
    pub fn withdraw(&self) {
        if self.tx.send(Msg::Withdraw).is_ok() {
            self.bell.ring();
        }
    }

    /// Stops the thread and waits for it: at most [`SEND_DEADLINE`] if a desktop send is in
    /// flight, so that the last reminder still reaches the desktop.
    pub fn shutdown(mut self) {
        self.stop_and_join();
    }

    fn stop_and_join(&mut self) {
        self.send(SchedulerCommand::Shutdown);
        if let Some(join) = self.join.take() {
            let _ = join.join();
        }
    }
}

impl Drop for SchedulerHandle {
    fn drop(&mut self) {
        self.stop_and_join();
    }
}

/// Starts the scheduler thread and its notifier worker.
///
/// # Errors
/// When the OS refuses the timers, the eventfd or a thread.
pub fn spawn(
    settings: ReminderSettings,
    clock: Arc<dyn Clock>,
    notifier: Box<dyn Notifier + Send>,
    sink: Box<dyn Fn(ReminderEvent) + Send>,
) -> std::io::Result<SchedulerHandle> {
    spawn_from(settings, clock, notifier, sink, &Handover::default())
}

/// [`spawn`], carrying on from another schedule's status (see [`Schedule::carry_over`]) and
/// its open reminder: how an instance takes over the session's schedule from an owner that
/// left it. An answer to that reminder is recorded here and closes its notification.
///
/// # Errors
/// As [`spawn`].
pub fn spawn_from(
    settings: ReminderSettings,
    clock: Arc<dyn Clock>,
    notifier: Box<dyn Notifier + Send>,
    sink: Box<dyn Fn(ReminderEvent) + Send>,
    carried: &Handover,
) -> std::io::Result<SchedulerHandle> {
    let bell = Arc::new(Bell::new()?);
    let timers = Timers::new()?;
    let (tx, rx) = mpsc::channel();
    let mut worker = Worker::spawn(notifier, tx.clone(), Arc::clone(&bell))?;
    let local = clock.wall().to_zoned_datetime(clock.zone());
    let seed = fastrand::u64(..);
    let enabled = settings.enabled;
    let mut schedule = Schedule::new(settings, clock.now(), clock.awake(), &local, seed);
    let open = carried.open.filter(|_| enabled);
    schedule.carry_over(carried.status.as_ref(), open.is_some());
    let mut answers = Answers::default();
    if let Some(open) = open {
        answers.carry(open.until);
        if let Some(id) = open.notification {
            worker.adopt(id);
        }
    }
    let scheduler = Scheduler {
        schedule,
        clock,
        sink,
        worker,
        rx,
        bell: Arc::clone(&bell),
        timers,
        last_status: None,
        answers,
        shown: open.and_then(|o| o.notification),
        last_open: None,
        desktop_reported: false,
        shutting_down: false,
    };
    let join = std::thread::Builder::new()
        .name("knotless-reminders".into())
        .spawn(move || scheduler.run())?;
    Ok(SchedulerHandle {
        tx,
        bell,
        join: Some(join),
    })
}

struct Scheduler {
    schedule: Schedule,
    clock: Arc<dyn Clock>,
    sink: Box<dyn Fn(ReminderEvent) + Send>,
    worker: Worker,
    rx: Receiver<Msg>,
    bell: Arc<Bell>,
    timers: Timers,
    last_status: Option<ScheduleStatus>,
    /// The open reminder, until it gets its one answer.
    answers: Answers,
    /// The desktop's id for the last reminder's notification.
    shown: Option<u32>,
    last_open: Option<OpenReminder>,
    desktop_reported: bool,
    shutting_down: bool,
}

impl Scheduler {
    fn run(mut self) {
        loop {
            self.drain_messages();
            self.check_deadline();
            if self.shutting_down {
                if self.worker.awaiting.is_none() {
                    break;
                }
            } else {
                self.wake();
                self.publish_status();
                self.publish_open();
            }
            let next = if self.shutting_down {
                None
            } else {
                [self.schedule.next_due(), self.answers.next_due()]
                    .into_iter()
                    .flatten()
                    .min()
            };
            self.timers.arm_due(next.map(|due| due - self.clock.now()));
            self.timers.wait(&self.bell, self.worker.deadline_in());
        }
        self.worker.finish(&self.rx);
    }

    fn local(&self) -> jiff::ZonedDateTime {
        self.clock.wall().to_zoned_datetime(self.clock.zone())
    }

    fn now(&self) -> Moment {
        self.clock.now()
    }

    fn wake(&mut self) {
        if let Some(outcome) = self.answers.wake(self.now()) {
            self.resolve(outcome);
        }
        let local = self.local();
        let effects = self
            .schedule
            .on_wake(self.clock.now(), self.clock.awake(), &local);
        for effect in effects {
            if let ScheduleEffect::NaturalBreakDetected { gap } = effect {
                (self.sink)(ReminderEvent::NaturalBreak { gap });
            }
            if let ScheduleEffect::ReminderDue(reminder) = effect {
                if let Some(outcome) = self.answers.fired(self.clock.now()) {
                    self.resolve(outcome);
                }
                self.shown = None;
                (self.sink)(ReminderEvent::Fired {
                    summary: reminder.summary.clone(),
                    body: reminder.body.clone(),
                    relayed: false,
                });
                if !self.worker.send(reminder) {
                    self.desktop_failed("the notification server is still not answering".into());
                }
            }
        }
    }

    fn drain_messages(&mut self) {
        while let Ok(msg) = self.rx.try_recv() {
            match msg {
                Msg::Command(command) => self.apply(command),
                Msg::Report(seq, report) => self.on_report(seq, report),
                Msg::Unavailable(reason) => self.desktop_failed(reason),
                Msg::WorkerDone => {
                    self.worker.busy = false;
                    self.worker.stuck = false;
                }
                Msg::Withdraw => self.worker.close(),
            }
        }
    }

    fn apply(&mut self, command: SchedulerCommand) {
        let now = self.now();
        if let Some(outcome) = self.answers.command(command) {
            self.resolve(outcome);
        }
        // An answer in an app closes the desktop's copy of the reminder.
        if !matches!(
            command,
            SchedulerCommand::SessionEnded
                | SchedulerCommand::Resume
                | SchedulerCommand::Away(_)
                | SchedulerCommand::Back
                | SchedulerCommand::Shutdown
        ) {
            self.worker.close();
        }
        match command {
            SchedulerCommand::SessionStarted => self.schedule.session_started(),
            SchedulerCommand::SessionEnded => self.schedule.session_ended(now),
            SchedulerCommand::BreakTaken => self.schedule.break_taken(now),
            SchedulerCommand::Snooze => self.schedule.snooze(now),
            SchedulerCommand::Pause(preset) => {
                let local = self.local();
                self.schedule.pause(now, preset, &local);
            }
            SchedulerCommand::Resume => self.schedule.resume(now),
            SchedulerCommand::Dismiss => {}
            SchedulerCommand::Away(ago) => {
                let since = Moment::from_duration(now.since_origin().saturating_sub(ago));
                self.schedule.away(since);
            }
            SchedulerCommand::Back => {
                if let Some(ScheduleEffect::NaturalBreakDetected { gap }) = self.schedule.back(now)
                {
                    (self.sink)(ReminderEvent::NaturalBreak { gap });
                }
            }
            SchedulerCommand::Shutdown => self.shutting_down = true,
        }
    }

    fn on_report(&mut self, seq: u64, report: NotifierReport) {
        let current = self.worker.awaiting.is_some_and(|(s, _)| s == seq);
        match report {
            NotifierReport::Shown { id } if current => {
                self.worker.awaiting = None;
                self.shown = id;
            }
            NotifierReport::Failed { reason } if current => {
                self.worker.awaiting = None;
                self.desktop_failed(reason);
            }
            NotifierReport::Shown { .. } | NotifierReport::Failed { .. } => {}
            NotifierReport::Action(action) => {
                if action == ReminderAction::Snooze {
                    self.schedule.snooze(self.now());
                    if let Some(outcome) = self.answers.command(SchedulerCommand::Snooze) {
                        self.resolve(outcome);
                    }
                }
                (self.sink)(ReminderEvent::ActionInvoked(action));
            }
        }
    }

    fn check_deadline(&mut self) {
        if self.worker.deadline_in() == Some(Duration::ZERO) {
            self.worker.awaiting = None;
            self.worker.stuck = self.worker.busy;
            self.desktop_failed("the notification server did not answer within 2 s".into());
        }
    }

    fn resolve(&self, outcome: ReminderOutcome) {
        (self.sink)(ReminderEvent::Resolved {
            outcome,
            relayed: false,
        });
    }

    fn desktop_failed(&mut self, reason: String) {
        if !std::mem::replace(&mut self.desktop_reported, true) {
            (self.sink)(ReminderEvent::DesktopUnavailable { reason });
        }
    }

    /// The reminder waiting for its answer, when it changed.
    fn publish_open(&mut self) {
        let open = self.answers.next_due().map(|until| OpenReminder {
            until,
            notification: self.shown,
        });
        if self.last_open != open {
            self.last_open = open;
            (self.sink)(ReminderEvent::Open(open));
        }
    }

    fn publish_status(&mut self) {
        let status = self.schedule.status();
        if self.last_status.as_ref() != Some(&status) {
            self.last_status = Some(status.clone());
            (self.sink)(ReminderEvent::StatusChanged(status));
        }
    }
}
