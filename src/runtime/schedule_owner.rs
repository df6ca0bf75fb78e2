//! The runtime's part in the session's one break schedule (`remind::share`): this instance
//! either owns it (runs the scheduler and the desktop notifier) or is attached to the
//! instance that does; the front ends cannot tell the difference.

use std::sync::Arc;

use super::{Event, ReminderSetup, Runtime};
use crate::remind::notify::{DesktopNotifier, DesktopOptions, NoDesktop, Notifier};
use crate::remind::protocol::{Handover, SchedulerCommand};
use crate::remind::share::{Plan, Share, Sink};

impl Runtime {
    /// Joins (or starts) the session's break schedule; called again with a reloaded config,
    /// an owner restarts its scheduler with the new settings. `Ok(false)`: reminders are off
    /// for this run (this instance then takes no part in the shared schedule).
    ///
    /// # Errors
    /// When the OS refuses the schedule's thread; the message says so calmly.
    pub fn start_reminders(&mut self, in_session: bool) -> Result<bool, String> {
        self.join_schedule(in_session, Handover::default())
    }

    /// The process is about to stop (Ctrl-Z). Stopped, an owner would keep the break
    /// schedule, and with it every other knotless's reminders (the `remind` started at
    /// login), until it runs again: it hands the schedule over first, as it does at exit.
    pub fn step_aside(&mut self) {
        if let Some(schedule) = self.schedule.take() {
            self.stepped_aside = Some((schedule.in_session(), schedule.handover()));
        }
    }

    /// ... and it runs again: it joins the schedule anew, as the owner carrying on from its
    /// last status and open reminder when nobody took the schedule meanwhile.
    ///
    /// # Errors
    /// As [`Runtime::start_reminders`].
    pub fn step_back(&mut self) -> Result<bool, String> {
        match self.stepped_aside.take() {
            Some((in_session, carried)) => self.join_schedule(in_session, carried),
            None => Ok(false),
        }
    }

    fn join_schedule(&mut self, in_session: bool, carried: Handover) -> Result<bool, String> {
        if !self.reminders.settings.enabled {
            // Turned off (a reloaded config): a reminder still open is dismissed, so its
            // notification and banners go and history has its answer, before the schedule
            // is let go.
            if let Some(schedule) = self.schedule.take() {
                schedule.send(SchedulerCommand::Dismiss);
            }
            return Ok(false);
        }
        let plan = plan(&self.reminders);
        if let Some(schedule) = &self.schedule {
            schedule.replan(plan);
            return Ok(true);
        }
        let tx = self.tx.clone();
        let sink: Sink = Arc::new(move |event| {
            let _ = tx.send(Event::Reminder(event));
        });
        let schedule = Share::start(plan, sink, self.program, carried)
            .map_err(|e| format!("the reminder timer could not start: {e}"))?;
        if in_session {
            schedule.send(SchedulerCommand::SessionStarted);
        }
        self.schedule = Some(schedule);
        Ok(true)
    }
}

/// The settings, and the notifier this instance would send with as the owner.
fn plan(setup: &ReminderSetup) -> Plan {
    let desktop = setup.alerts.desktop;
    let options = DesktopOptions {
        sound: setup.settings.sound,
        offer_start: setup.offer_start,
        ..DesktopOptions::default()
    };
    Plan {
        settings: setup.settings.clone(),
        notifier: Box::new(move || -> Box<dyn Notifier + Send> {
            if desktop {
                Box::new(DesktopNotifier::new(options.clone()))
            } else {
                Box::new(NoDesktop)
            }
        }),
    }
}
