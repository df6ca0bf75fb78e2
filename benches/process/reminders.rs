//! The reminder scheduler's timings, which tests/remind_thread.rs no longer asserts (it checks
//! order and the moments the scheduler announces): how late each reminder fires after its
//! announced moment with a desktop that answers at once and with one that never answers, and
//! how long a shutdown takes in each case (bounded by the send deadline when a send hangs).

use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use knotless::clock::{Clock, Moment, SystemClock};
use knotless::remind::ReminderSettings;
use knotless::remind::messages::Reminder;
use knotless::remind::notify::{Notifier, NotifierReport, StopSignal};
use knotless::remind::schedule::ScheduleStatus;
use knotless::remind::settings::Interval;
use knotless::remind::thread::{ReminderEvent, spawn};

struct Desktop {
    hang: bool,
}

impl Notifier for Desktop {
    fn notify(&mut self, _: &Reminder, report: &dyn Fn(NotifierReport), stop: &StopSignal) {
        if self.hang {
            futures_lite::future::block_on(stop.stopped());
        } else {
            report(NotifierReport::Shown { id: None });
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs a 1 s schedule until `fires` reminders fired; prints their lateness and the shutdown.
fn case(name: &str, hang: bool, fires: usize) {
    let settings = ReminderSettings {
        every: Interval::parse("1s").unwrap(),
        ..ReminderSettings::default()
    };
    let (tx, rx) = mpsc::channel();
    let sink = Box::new(move |e| {
        let _ = tx.send((SystemClock.now(), e));
    });
    let handle = spawn(
        settings,
        Arc::new(SystemClock),
        Box::new(Desktop { hang }),
        sink,
    )
    .unwrap();
    let mut due: Option<Moment> = None;
    let mut late = Vec::new();
    while late.len() < fires {
        let (at, event) = rx.recv_timeout(Duration::from_secs(30)).unwrap();
        match event {
            ReminderEvent::StatusChanged(ScheduleStatus::NextBreak { due: d }) => due = Some(d),
            ReminderEvent::Fired { .. } => late.push(at.saturating_since(due.unwrap())),
            _ => {}
        }
    }
    let started = Instant::now();
    drop(handle);
    let shutdown = started.elapsed();
    late.sort();
    println!(
        "reminders, {name}: {} fired; late by median {:.2} ms, max {:.2} ms; shutdown {:.0} ms",
        late.len(),
        ms(late[late.len() / 2]),
        ms(late[late.len() - 1]),
        ms(shutdown)
    );
}

pub fn timing() {
    case("desktop answers at once", false, 5);
    case("desktop never answers", true, 5);
    println!();
}
