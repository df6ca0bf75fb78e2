//! The scheduler thread with scripted notifiers and the real clock (1 s intervals).
#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use knotless::clock::SystemClock;
use knotless::remind::ReminderSettings;
use knotless::remind::messages::Reminder;
use knotless::remind::notify::{Notifier, NotifierReport, ReminderAction, StopSignal};
use knotless::remind::schedule::ScheduleStatus;
use knotless::remind::settings::Interval;
use knotless::remind::thread::{ReminderEvent, SchedulerCommand, SchedulerHandle, spawn};

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
        report(NotifierReport::Shown);
        if let Some(action) = self.action.take() {
            report(NotifierReport::Action(action));
        }
        let _ = stop;
    }
}

fn start(every: &str, notifier: Scripted) -> (SchedulerHandle, Receiver<(Instant, ReminderEvent)>) {
    let settings = ReminderSettings {
        every: Interval::parse(every).unwrap(),
        snooze: Duration::from_secs(2),
        ..ReminderSettings::default()
    };
    let (tx, rx) = mpsc::channel();
    let sink = Box::new(move |e| {
        let _ = tx.send((Instant::now(), e));
    });
    (
        spawn(settings, Arc::new(SystemClock), Box::new(notifier), sink).unwrap(),
        rx,
    )
}

fn collect(
    rx: &Receiver<(Instant, ReminderEvent)>,
    for_: Duration,
) -> Vec<(Instant, ReminderEvent)> {
    let end = Instant::now() + for_;
    let mut out = Vec::new();
    while let Ok(e) = rx.recv_timeout(end.saturating_duration_since(Instant::now())) {
        out.push(e);
    }
    out
}

fn fired(events: &[(Instant, ReminderEvent)]) -> Vec<Instant> {
    events
        .iter()
        .filter(|(_, e)| matches!(e, ReminderEvent::Fired { .. }))
        .map(|(t, _)| *t)
        .collect()
}

#[test]
fn fires_every_interval_and_reports_status_changes() {
    let t0 = Instant::now();
    let (handle, rx) = start(
        "1s",
        Scripted {
            action: None,
            hang: false,
        },
    );
    let events = collect(&rx, Duration::from_millis(2500));
    let times = fired(&events);
    assert_eq!(times.len(), 2, "{events:?}");
    assert!(times[0] - t0 >= Duration::from_millis(950));
    assert!(matches!(
        events[0].1,
        ReminderEvent::StatusChanged(ScheduleStatus::NextBreak { .. })
    ));
    assert!(
        !events
            .iter()
            .any(|(_, e)| matches!(e, ReminderEvent::DesktopUnavailable { .. }))
    );
    let started = Instant::now();
    handle.shutdown();
    assert!(started.elapsed() < Duration::from_millis(500));
}

#[test]
fn a_session_holds_reminders_and_its_end_restarts_the_clock() {
    let (handle, rx) = start(
        "1s",
        Scripted {
            action: None,
            hang: false,
        },
    );
    handle.send(SchedulerCommand::SessionStarted);
    let events = collect(&rx, Duration::from_millis(1800));
    assert!(fired(&events).is_empty(), "{events:?}");
    assert!(
        events
            .iter()
            .any(|(_, e)| *e == ReminderEvent::StatusChanged(ScheduleStatus::HeldForSession))
    );
    let ended = Instant::now();
    handle.send(SchedulerCommand::SessionEnded);
    let events = collect(&rx, Duration::from_millis(1500));
    let times = fired(&events);
    assert_eq!(times.len(), 1, "{events:?}");
    assert!(
        times[0] - ended >= Duration::from_millis(950),
        "the clock restarts at the end"
    );
}

#[test]
fn snooze_from_the_notification_is_applied_and_reported() {
    let (_handle, rx) = start(
        "1s",
        Scripted {
            action: Some(ReminderAction::Snooze),
            hang: false,
        },
    );
    let events = collect(&rx, Duration::from_millis(3600));
    assert!(
        events
            .iter()
            .any(|(_, e)| *e == ReminderEvent::ActionInvoked(ReminderAction::Snooze))
    );
    assert!(events.iter().any(|(_, e)| matches!(
        e,
        ReminderEvent::StatusChanged(ScheduleStatus::Snoozed { .. })
    )));
    let times = fired(&events);
    assert_eq!(times.len(), 2, "{events:?}");
    assert!(
        times[1] - times[0] >= Duration::from_millis(1900),
        "snoozed 2 s"
    );
}

#[test]
fn pause_and_resume_from_the_ui() {
    let (handle, rx) = start(
        "1s",
        Scripted {
            action: None,
            hang: false,
        },
    );
    handle.send(SchedulerCommand::Pause(
        knotless::remind::schedule::PausePreset::OneHour,
    ));
    let events = collect(&rx, Duration::from_millis(1500));
    assert!(fired(&events).is_empty());
    assert!(events.iter().any(|(_, e)| matches!(
        e,
        ReminderEvent::StatusChanged(ScheduleStatus::Paused { .. })
    )));
    handle.send(SchedulerCommand::Resume);
    assert_eq!(fired(&collect(&rx, Duration::from_millis(1300))).len(), 1);
}

#[test]
fn a_server_that_never_answers_is_reported_once_and_never_blocks() {
    let (handle, rx) = start(
        "1s",
        Scripted {
            action: None,
            hang: true,
        },
    );
    let events = collect(&rx, Duration::from_millis(3600));
    // Reminders keep coming on time while the worker is stuck.
    assert_eq!(fired(&events).len(), 3, "{events:?}");
    let unavailable: Vec<_> = events
        .iter()
        .filter(|(_, e)| matches!(e, ReminderEvent::DesktopUnavailable { .. }))
        .collect();
    assert_eq!(unavailable.len(), 1, "{events:?}");
    let started = Instant::now();
    drop(handle);
    assert!(
        started.elapsed() < Duration::from_millis(2500),
        "shutdown is bounded"
    );
}
