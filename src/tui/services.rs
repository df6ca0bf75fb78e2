//! The services around the TUI: history and the reminder scheduler.
//!
//! History gets a run when it starts (so a run cut short still shows), its progress, its
//! end, the pain check-ins and what became of each reminder. History that cannot be opened
//! or written turns itself off with a one-line reason; sessions go on.
//!
//! The scheduler thread starts after the first frame, and its events come back through the
//! app's one channel. A changed config restarts it with the new settings.
//!
//! The state file for `knotless status` is kept here too, and live reload reads the files.

use std::sync::Arc;
use std::sync::mpsc::Sender;

use crate::alert::Alerts;
use crate::cli::ReminderFlags;
use crate::clock::{Clock, SystemClock};
use crate::remind::notify::{DesktopNotifier, DesktopOptions, NoDesktop, Notifier};
use crate::remind::settings::ReminderSettings;
use crate::remind::thread::{SchedulerCommand, SchedulerHandle, spawn};
use crate::session::library::Library;
use crate::status::file::StateFile;
use crate::status::{Program, ReminderState, SessionState, StatusState, WallAnchor};
use crate::tui::app::{App, Output};
use crate::tui::history_worker::{HistoryJob, HistoryWorker};
use crate::tui::input::Context;
use crate::tui::shell::AppEvent;
use crate::tui::shell::Hooks;
use crate::tui::watch::{FileWatch, watch};

/// What the reminders run with, and what is needed to restart them on a config change.
pub struct ReminderSetup {
    /// The config's settings with the command-line flags applied.
    pub settings: ReminderSettings,
    pub alerts: Alerts,
    pub flags: ReminderFlags,
    /// `--theme` for this run: a reloaded config's theme applies only without it.
    pub theme: Option<crate::config::ThemeName>,
    pub tx: Sender<AppEvent>,
}

pub struct Services<'a> {
    clock: &'a dyn Clock,
    /// Started after the first frame; history never runs on the UI thread.
    history: Option<HistoryWorker>,
    reminders: ReminderSetup,
    /// Set once the first frame is on screen.
    started: bool,
    scheduler: Option<SchedulerHandle>,
    state: Option<StateFile>,
    anchor: WallAnchor,
    watch: Option<FileWatch>,
}

impl<'a> Services<'a> {
    #[must_use]
    pub fn new(clock: &'a dyn Clock, reminders: ReminderSetup) -> Self {
        Services {
            clock,
            history: None,
            reminders,
            started: false,
            scheduler: None,
            state: StateFile::for_this_process(),
            anchor: WallAnchor {
                moment: clock.now(),
                wall: clock.wall(),
            },
            watch: None,
        }
    }

    fn start_reminders(&mut self, app: &mut App) {
        // Stop the old scheduler first (it joins), so two never remind at once.
        self.scheduler = None;
        let setup = &self.reminders;
        if !setup.settings.enabled {
            app.reminder_status = None;
            return;
        }
        let tx = setup.tx.clone();
        let sink = Box::new(move |event| {
            let _ = tx.send(AppEvent::Reminder(event));
        });
        let notifier: Box<dyn Notifier + Send> = if setup.alerts.desktop {
            Box::new(DesktopNotifier::new(DesktopOptions {
                sound: setup.settings.sound,
                ..DesktopOptions::default()
            }))
        } else {
            Box::new(NoDesktop)
        };
        match spawn(
            setup.settings.clone(),
            Arc::new(SystemClock),
            notifier,
            sink,
        ) {
            Ok(handle) => {
                if app.context() == Context::Session {
                    handle.send(SchedulerCommand::SessionStarted);
                }
                self.scheduler = Some(handle);
            }
            Err(e) => {
                app.desktop_unavailable = Some(format!("the reminder timer could not start: {e}"));
            }
        }
    }

    /// Starts watching the config directory for live reload.
    fn watch_files(&mut self) {
        if let Some(dir) = crate::paths::config_dir() {
            self.watch = watch(&dir, self.reminders.tx.clone());
        }
    }

    fn open(&mut self) -> &HistoryWorker {
        let events = self.reminders.tx.clone();
        self.history
            .get_or_insert_with(|| HistoryWorker::spawn(events))
    }

    fn today(&self) -> (jiff::civil::Date, jiff::tz::TimeZone) {
        let tz = self.clock.zone();
        (
            crate::history::stats::local_date(self.clock.wall(), &tz),
            tz,
        )
    }

    fn refresh_advisory(&mut self) {
        let (today, tz) = self.today();
        self.open().send(HistoryJob::Advisory { today, tz });
    }
}

impl Hooks for Services<'_> {
    fn after_first_frame(&mut self, app: &mut App) -> bool {
        self.started = true;
        self.start_reminders(app);
        self.watch_files();
        self.refresh_advisory();
        false
    }

    fn changed(&mut self, app: &App) {
        let now = self.clock.now();
        let session = match (&app.session, &app.runner) {
            (Some(s), Some(r)) => SessionState::from_runner(s, r, now, &self.anchor),
            _ => None,
        };
        let state = StatusState {
            pid: std::process::id(),
            program: Program::Tui,
            session,
            reminders: app
                .reminder_status
                .as_ref()
                .map(|s| ReminderState::from_schedule(s, &self.anchor)),
        };
        if let Some(file) = &mut self.state {
            file.update(&state);
        }
    }

    fn reload(&mut self, app: &mut App) -> bool {
        let config_notice = match crate::config::Config::load_default() {
            Ok(config) => {
                self.apply_config(app, config);
                None
            }
            Err(diag) => Some(crate::text::sanitize(&format!(
                "config.toml: kept the previous settings; {}",
                crate::tui::reload::diagnostic_detail(&diag)
            ))),
        };
        let library = Library::load(crate::paths::user_sessions_dir().as_deref());
        app.library_reloaded(library, config_notice)
    }

    fn output(&mut self, app: &mut App, output: &Output) {
        let now = self.clock.wall();
        let job = match *output {
            Output::SessionStarted => {
                let Some(session) = &app.session else { return };
                HistoryJob::StartRun {
                    session: session.id.clone(),
                    title: session.title.clone(),
                    at: now,
                    pain: app.pain_before,
                }
            }
            Output::Progress { done, skipped } => HistoryJob::Progress {
                done: count(done),
                skipped: count(skipped),
            },
            Output::SessionEnded { completed } => {
                let summary = app.runner.as_ref().map(|r| r.summary(app.now));
                let (done, skipped) = summary.map_or((0, 0), |s| (count(s.done), count(s.skipped)));
                HistoryJob::FinishRun {
                    at: now,
                    completed,
                    done,
                    skipped,
                }
            }
            Output::Pain { before, rating } => {
                self.open().send(HistoryJob::Pain { before, rating });
                if !before {
                    self.refresh_advisory();
                }
                return;
            }
            Output::StatsRequested => {
                let (today, tz) = self.today();
                HistoryJob::Stats { today, tz }
            }
            Output::Reminder(outcome) => HistoryJob::Reminder { at: now, outcome },
            Output::Scheduler(command) => {
                if let Some(scheduler) = &self.scheduler {
                    scheduler.send(command);
                }
                return;
            }
            Output::Bell
            | Output::Suspend
            | Output::SafetyAcknowledged
            | Output::TerminalAlert { .. } => return,
        };
        self.open().send(job);
    }
}

impl Services<'_> {
    /// A reloaded config: check-ins and alerts at once; reminders restart when their settings
    /// (or the desktop alert) changed.
    fn apply_config(&mut self, app: &mut App, config: crate::config::Config) {
        app.checkin = config.checkin.enabled;
        app.alerts = config.alerts;
        app.theme = crate::tui::theme::Theme::resolve(
            config.theme,
            self.reminders.theme,
            crate::tui::theme::no_color_env(),
        );
        ratatui::crossterm::style::force_color_output(app.theme.colour);
        let Ok(settings) = crate::config::apply_flags(config.reminders, &self.reminders.flags)
        else {
            return;
        };
        app.break_session.clone_from(&settings.session);
        let desktop_changed = self.reminders.alerts.desktop != config.alerts.desktop;
        self.reminders.alerts = config.alerts;
        if settings != self.reminders.settings || desktop_changed {
            self.reminders.settings = settings;
            app.desktop_unavailable = None;
            if self.started {
                self.start_reminders(app);
            }
        }
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
