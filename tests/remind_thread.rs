//! The scheduler thread with scripted notifiers and the real clock (1 s intervals).
//!
//! Every test waits for conditions (the events it needs, or the clock passing a moment the
//! scheduler named) and checks order and the moments the scheduler reports, never how long
//! something took: a loaded machine only makes these tests slower. How late reminders fire
//! and how long a shutdown takes are measured by `cargo bench --bench process`.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use knotless::clock::{Clock, Moment, SystemClock};
use knotless::remind::ReminderSettings;
use knotless::remind::messages::Reminder;
use knotless::remind::notify::{Notifier, NotifierReport, ReminderAction, StopSignal};
use knotless::remind::protocol::{Handover, OpenReminder};
use knotless::remind::schedule::ScheduleStatus;
use knotless::remind::settings::Interval;
use knotless::remind::thread::{
    ReminderEvent, SchedulerCommand, SchedulerHandle, spawn, spawn_from,
};

/// Far beyond any wait the tests expect: only a broken scheduler gets here.
const PATIENCE: Duration = Duration::from_secs(30);
const EVERY: Duration = Duration::from_secs(1);
const SNOOZE: Duration = Duration::from_secs(2);
/// The id the scripted desktop gives every notification.
const SHOWN_ID: u32 = 9;

/// Shows instantly, optionally "clicks" an action on the first notification.
struct Scripted {
    action: Option<ReminderAction>,
    hang: bool,
}

impl Notifier for Scripted {
    fn notify(&mut self, _: &Reminder, report: &dyn Fn(NotifierReport), stop: &StopSignal) {
        if self.hang {
            // A server that never answers: blocked until the scheduler gives up on it.
            futures_lite::future::block_on(stop.stopped());
            return;
        }
        report(NotifierReport::Shown { id: Some(SHOWN_ID) });
        if let Some(action) = self.action.take() {
            report(NotifierReport::Action(action));
        }
        let _ = stop;
    }
}

/// The events so far, each with the moment (on the scheduler's clock) the sink got it.
struct Events {
    rx: Receiver<(Moment, ReminderEvent)>,
    seen: Vec<(Moment, ReminderEvent)>,
}

impl Events {
    /// Waits until `done` holds for the events seen so far.
    fn until(&mut self, what: &str, done: impl Fn(&[(Moment, ReminderEvent)]) -> bool) {
        let clock = SystemClock;
        let end = clock.now() + PATIENCE;
        while !done(&self.seen) {
            let left = end.saturating_since(clock.now());
            match self.rx.recv_timeout(left) {
                Ok(event) => self.seen.push(event),
                Err(_) => panic!("no {what} within {PATIENCE:?}: {:?}", self.seen),
            }
        }
    }

    fn fired(&self) -> Vec<Moment> {
        self.seen
            .iter()
            .filter(|(_, e)| matches!(e, ReminderEvent::Fired { .. }))
            .map(|(at, _)| *at)
            .collect()
    }

    /// The moments of the `NextBreak` statuses, in order.
    fn dues(&self) -> Vec<Moment> {
        self.seen
            .iter()
            .filter_map(|(_, e)| match e {
                ReminderEvent::StatusChanged(ScheduleStatus::NextBreak { due }) => Some(*due),
                _ => None,
            })
            .collect()
    }
}

fn fires(n: usize) -> impl Fn(&[(Moment, ReminderEvent)]) -> bool {
    move |seen| {
        seen.iter()
            .filter(|(_, e)| matches!(e, ReminderEvent::Fired { .. }))
            .count()
            >= n
    }
}

fn status(want: impl Fn(&ScheduleStatus) -> bool) -> impl Fn(&[(Moment, ReminderEvent)]) -> bool {
    move |seen| {
        seen.iter()
            .any(|(_, e)| matches!(e, ReminderEvent::StatusChanged(s) if want(s)))
    }
}

fn settings() -> ReminderSettings {
    ReminderSettings {
        every: Interval::parse("1s").unwrap(),
        snooze: SNOOZE,
        ..ReminderSettings::default()
    }
}

fn start(notifier: Scripted) -> (SchedulerHandle, Events) {
    start_with(|sink| spawn(settings(), Arc::new(SystemClock), Box::new(notifier), sink))
}

type Sink = Box<dyn Fn(ReminderEvent) + Send>;

fn start_with(
    spawn: impl FnOnce(Sink) -> std::io::Result<SchedulerHandle>,
) -> (SchedulerHandle, Events) {
    let (tx, rx) = mpsc::channel();
    let sink = Box::new(move |e| {
        let _ = tx.send((SystemClock.now(), e));
    });
    let handle = spawn(sink).unwrap();
    let events = Events {
        rx,
        seen: Vec::new(),
    };
    (handle, events)
}

/// Blocks until the clock has passed `moment`: the scenario needs that time to go by.
fn let_pass(moment: Moment) {
    let clock = SystemClock;
    while clock.now() <= moment {
        std::thread::sleep(moment.saturating_since(clock.now()) + Duration::from_millis(1));
    }
}

/// Runs `stop` (a shutdown or a drop) and waits for it to return.
fn stops(stop: impl FnOnce() + Send + 'static) {
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        stop();
        let _ = done.send(());
    });
    assert!(
        finished.recv_timeout(PATIENCE).is_ok(),
        "the scheduler did not stop within {PATIENCE:?}"
    );
}

fn quiet() -> Scripted {
    Scripted {
        action: None,
        hang: false,
    }
}

#[test]
fn fires_every_interval_and_reports_status_changes() {
    let (handle, mut events) = start(quiet());
    events.until("two reminders", fires(2));
    assert!(matches!(
        events.seen[0].1,
        ReminderEvent::StatusChanged(ScheduleStatus::NextBreak { .. })
    ));
    let (fired, dues) = (events.fired(), events.dues());
    // Each reminder fires once its announced moment has come, never before, and the next one
    // is announced a whole interval after the one before.
    assert!(
        fired[0] >= dues[0] && fired[1] >= dues[1],
        "{:?}",
        events.seen
    );
    assert!(dues[1] - dues[0] >= EVERY, "{:?}", events.seen);
    assert!(
        !events
            .seen
            .iter()
            .any(|(_, e)| matches!(e, ReminderEvent::DesktopUnavailable { .. }))
    );
    stops(move || handle.shutdown());
}

#[test]
fn a_session_holds_reminders_and_its_end_restarts_the_clock() {
    let (handle, mut events) = start(quiet());
    events.until("the first status", |seen| !seen.is_empty());
    let first_due = events.dues()[0];
    handle.send(SchedulerCommand::SessionStarted);
    events.until("the hold", status(|s| *s == ScheduleStatus::HeldForSession));
    // The session outlasts the reminder that was due.
    let_pass(first_due);
    let ended = SystemClock.now();
    handle.send(SchedulerCommand::SessionEnded);
    events.until(
        "a break announced after the session",
        status(|s| matches!(s, ScheduleStatus::NextBreak { due } if *due >= ended)),
    );
    assert!(
        events.fired().is_empty(),
        "nothing fires during the session: {:?}",
        events.seen
    );
    events.until("the reminder after the session", fires(1));
    let due = events.dues().into_iter().find(|d| *d >= ended).unwrap();
    assert!(due >= ended + EVERY, "the clock restarts at the end");
    assert!(events.fired()[0] >= due, "{:?}", events.seen);
}

#[test]
fn snooze_from_the_notification_is_applied_and_reported() {
    let (_handle, mut events) = start(Scripted {
        action: Some(ReminderAction::Snooze),
        hang: false,
    });
    events.until("the snooze", |seen| {
        seen.iter()
            .any(|(_, e)| *e == ReminderEvent::ActionInvoked(ReminderAction::Snooze))
    });
    events.until(
        "the snoozed status",
        status(|s| matches!(s, ScheduleStatus::Snoozed { .. })),
    );
    events.until("the reminder after the snooze", fires(2));
    let until = events
        .seen
        .iter()
        .find_map(|(_, e)| match e {
            ReminderEvent::StatusChanged(ScheduleStatus::Snoozed { until }) => Some(*until),
            _ => None,
        })
        .unwrap();
    let fired = events.fired();
    assert!(until >= fired[0] + SNOOZE, "snoozed 2 s: {:?}", events.seen);
    assert!(fired[1] >= until, "{:?}", events.seen);
}

#[test]
fn pause_and_resume_from_the_ui() {
    let (handle, mut events) = start(quiet());
    events.until("the first status", |seen| !seen.is_empty());
    let first_due = events.dues()[0];
    let paused_at = SystemClock.now();
    handle.send(SchedulerCommand::Pause(
        knotless::remind::schedule::PausePreset::OneHour,
    ));
    events.until(
        "the pause",
        status(|s| matches!(s, ScheduleStatus::Paused { until } if *until >= paused_at + Duration::from_secs(3600))),
    );
    let_pass(first_due);
    handle.send(SchedulerCommand::Resume);
    events.until(
        "a break announced on resuming",
        status(|s| matches!(s, ScheduleStatus::NextBreak { due } if *due > first_due)),
    );
    assert!(
        events.fired().is_empty(),
        "nothing fires while paused: {:?}",
        events.seen
    );
    events.until("the reminder after resuming", fires(1));
    let due = events.dues().into_iter().find(|d| *d > first_due).unwrap();
    assert!(events.fired()[0] >= due, "{:?}", events.seen);
}

#[test]
fn a_server_that_never_answers_is_reported_once_and_never_blocks() {
    let (handle, mut events) = start(Scripted {
        action: None,
        hang: true,
    });
    // Reminders keep coming while the worker is stuck.
    events.until("three reminders", fires(3));
    let unavailable: Vec<_> = events
        .seen
        .iter()
        .filter(|(_, e)| matches!(e, ReminderEvent::DesktopUnavailable { .. }))
        .collect();
    assert_eq!(unavailable.len(), 1, "{:?}", events.seen);
    // Dropping the handle gives up on the stuck send and returns.
    stops(move || drop(handle));
}

#[test]
fn each_reminder_is_said_open_with_its_notification_until_it_is_answered() {
    let (handle, mut events) = start(quiet());
    let is_shown = |e: &ReminderEvent| matches!(e, ReminderEvent::Open(Some(open)) if open.notification == Some(SHOWN_ID));
    events.until("the reminder open with its id", |seen| {
        seen.iter().any(|(_, e)| is_shown(e))
    });
    handle.send(SchedulerCommand::BreakTaken);
    events.until("the reminder answered", |seen| {
        let at = seen.iter().position(|(_, e)| is_shown(e)).unwrap();
        seen[at..]
            .iter()
            .any(|(_, e)| *e == ReminderEvent::Open(None))
    });
}

/// Shows nothing; records the notification it was given to take over, and whether its
/// answer closed it.
struct Adopting(mpsc::Sender<(u32, bool)>);

impl Notifier for Adopting {
    fn notify(&mut self, _: &Reminder, report: &dyn Fn(NotifierReport), _: &StopSignal) {
        report(NotifierReport::Shown { id: None });
    }

    fn adopt(&mut self, id: u32, _: &dyn Fn(NotifierReport), stop: &StopSignal) {
        futures_lite::future::block_on(stop.stopped());
        let _ = self.0.send((id, stop.closing()));
    }
}

#[test]
fn a_successor_answers_the_reminder_its_owner_left_open_and_closes_its_notification() {
    let (adopted_tx, adopted) = mpsc::channel();
    let now = SystemClock.now();
    let carried = Handover {
        status: Some(ScheduleStatus::NextBreak {
            due: now + Duration::from_secs(3600),
        }),
        open: Some(OpenReminder {
            until: now + Duration::from_secs(300),
            notification: Some(42),
        }),
    };
    let notifier = Box::new(Adopting(adopted_tx));
    let (handle, mut events) =
        start_with(|sink| spawn_from(settings(), Arc::new(SystemClock), notifier, sink, &carried));
    events.until("the carried reminder said open", |seen| {
        seen.iter()
            .any(|(_, e)| *e == ReminderEvent::Open(carried.open))
    });
    handle.send(SchedulerCommand::Snooze);
    events.until(
        "the snooze",
        status(|s| matches!(s, ScheduleStatus::Snoozed { until } if *until >= now + SNOOZE)),
    );
    assert!(
        events.seen.iter().any(|(_, e)| *e
            == ReminderEvent::Resolved {
                outcome: knotless::history::ReminderOutcome::Snoozed,
                relayed: false,
            }),
        "recorded here as snoozed: {:?}",
        events.seen
    );
    assert_eq!(adopted.recv_timeout(PATIENCE), Ok((42, true)));
    events.until("nothing open", |seen| {
        seen.iter().any(|(_, e)| *e == ReminderEvent::Open(None))
    });
    stops(move || handle.shutdown());
}
