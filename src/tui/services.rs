//! The services around the TUI: history and the reminder scheduler.
//!
//! History gets a run when it starts (so a run cut short still shows), its progress, its
//! end, the pain check-ins and what became of each reminder. History that cannot be opened
//! or written turns itself off with a one-line reason; sessions go on.
//!
//! The scheduler thread starts after the first frame, and its events come back through the
//! app's one channel.

use std::sync::Arc;
use std::sync::mpsc::Sender;

use crate::clock::{Clock, SystemClock};
use crate::history::stats::Stats;
use crate::history::{RunId, Store};
use crate::remind::notify::{DesktopNotifier, DesktopOptions};
use crate::remind::settings::ReminderSettings;
use crate::remind::thread::{SchedulerHandle, spawn};
use crate::tui::app::{App, Output};
use crate::tui::shell::AppEvent;
use crate::tui::shell::Hooks;

pub struct Services<'a> {
    clock: &'a dyn Clock,
    store: Option<Store>,
    run: Option<RunId>,
    /// Opening is deferred to after the first frame.
    opened: bool,
    /// Reminders to start after the first frame (`None` when off for this run).
    reminders: Option<(ReminderSettings, Sender<AppEvent>)>,
    scheduler: Option<SchedulerHandle>,
}

impl<'a> Services<'a> {
    #[must_use]
    pub fn new(
        clock: &'a dyn Clock,
        reminders: Option<(ReminderSettings, Sender<AppEvent>)>,
    ) -> Self {
        Services {
            clock,
            store: None,
            run: None,
            opened: false,
            reminders,
            scheduler: None,
        }
    }

    fn start_reminders(&mut self, app: &mut App) {
        let Some((settings, tx)) = self.reminders.take() else {
            return;
        };
        let options = DesktopOptions {
            sound: settings.sound,
            ..DesktopOptions::default()
        };
        let sink = Box::new(move |event| {
            let _ = tx.send(AppEvent::Reminder(event));
        });
        let notifier = Box::new(DesktopNotifier::new(options));
        match spawn(settings, Arc::new(SystemClock), notifier, sink) {
            Ok(handle) => self.scheduler = Some(handle),
            Err(e) => {
                app.desktop_unavailable = Some(format!("the reminder timer could not start: {e}"));
            }
        }
    }

    fn open(&mut self, app: &mut App) {
        if self.opened {
            return;
        }
        self.opened = true;
        match Store::open_default() {
            Ok(store) => {
                self.store = Some(store);
                self.refresh_advisory(app);
            }
            Err(e) => app.history_off = Some(e.to_string()),
        }
    }

    fn refresh_advisory(&self, app: &mut App) {
        let Some(store) = &self.store else { return };
        let tz = self.clock.zone();
        let today = crate::history::stats::local_date(self.clock.wall(), &tz);
        app.advisory = store
            .runs(None)
            .ok()
            .and_then(|runs| crate::history::advice::advisory(&runs, today, &tz))
            .map(|a| a.note());
    }

    /// Runs a write; on failure history turns off with the reason.
    fn write<T>(
        &mut self,
        app: &mut App,
        f: impl FnOnce(&Store) -> Result<T, crate::history::HistoryError>,
    ) -> Option<T> {
        let store = self.store.as_ref()?;
        match f(store) {
            Ok(v) => Some(v),
            Err(e) => {
                app.history_off = Some(e.to_string());
                self.store = None;
                None
            }
        }
    }

    fn stats(&self, app: &mut App) {
        let Some(store) = &self.store else { return };
        let tz = self.clock.zone();
        let today = crate::history::stats::local_date(self.clock.wall(), &tz);
        let runs = store.runs(None).unwrap_or_default();
        let reminders = store.reminders(None).unwrap_or_default();
        app.stats = Some(Stats::compute(&runs, &reminders, today, &tz));
    }
}

impl Hooks for Services<'_> {
    fn after_first_frame(&mut self, app: &mut App) -> bool {
        self.start_reminders(app);
        self.open(app);
        app.history_off.is_some() || app.advisory.is_some()
    }

    fn output(&mut self, app: &mut App, output: &Output) {
        self.open(app);
        let now = self.clock.wall();
        match *output {
            Output::SessionStarted => {
                let Some(session) = app.session.clone() else {
                    return;
                };
                let pain = app.pain_before;
                self.run = self.write(app, |s| s.start_run(&session.id, &session.title, now, pain));
            }
            Output::Progress { done, skipped } => {
                if let Some(id) = self.run {
                    let (d, k) = (count(done), count(skipped));
                    self.write(app, |s| s.update_progress(id, d, k));
                }
            }
            Output::SessionEnded { completed } => {
                let Some(id) = self.run else { return };
                let summary = app.runner.as_ref().map(|r| r.summary(app.now));
                let (d, k) = summary.map_or((0, 0), |s| (count(s.done), count(s.skipped)));
                self.write(app, |s| s.finish_run(id, now, completed, d, k));
            }
            Output::Pain { before, rating } => {
                let Some(id) = self.run else { return };
                if before {
                    self.write(app, |s| s.set_pain_before(id, rating));
                } else {
                    self.write(app, |s| s.set_pain_after(id, rating));
                    self.refresh_advisory(app);
                }
            }
            Output::StatsRequested => self.stats(app),
            Output::Scheduler(command) => {
                if let Some(scheduler) = &self.scheduler {
                    scheduler.send(command);
                }
            }
            Output::Reminder(outcome) => {
                self.write(app, |s| s.record_reminder(now, outcome));
            }
            Output::Bell | Output::Suspend | Output::SafetyAcknowledged => {}
        }
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
