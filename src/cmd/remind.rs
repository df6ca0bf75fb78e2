//! `knotless remind`: the scheduler and the desktop notifier without the screen. Prints one
//! line per reminder (local `HH:MM`, then the text), so it works headless too. With
//! `alerts` including "terminal" or "bell", and stdout a terminal, it also writes an OSC 9 /
//! OSC 777 notification or the bell. Keeps a state file for `knotless status`.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc;

use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::cli::ReminderFlags;
use std::io::{IsTerminal, Write};

use crate::alert::{Alerts, terminal_notification};
use crate::clock::{Clock, SystemClock};
use crate::config::{Config, apply_flags};
use crate::history::{ReminderOutcome, Store};
use crate::remind::notify::{DesktopNotifier, DesktopOptions, NoDesktop, Notifier, ReminderAction};
use crate::remind::thread::{ReminderEvent, spawn};
use crate::session::timing::format_duration;
use crate::status::file::StateFile;
use crate::status::{Program, ReminderState, StatusState, WallAnchor};
use crate::text::sanitize;

enum Event {
    Reminder(ReminderEvent),
    Quit,
}

#[must_use]
pub fn run(flags: &ReminderFlags, count: Option<u64>) -> ExitCode {
    let config = match Config::load_default() {
        Ok(config) => config,
        Err(diag) => {
            eprint!("{diag}");
            super::report("fix the config file above, or move it away to use the defaults");
            return ExitCode::from(super::EXIT_INVALID);
        }
    };
    let alerts = config.alerts;
    let settings = match apply_flags(config.reminders, flags) {
        Ok(settings) => settings,
        Err(message) => {
            super::report(&message);
            return ExitCode::from(super::EXIT_USAGE);
        }
    };
    if !settings.enabled {
        super::report("reminders are turned off (--no-remind or `enabled = false`)");
        return ExitCode::SUCCESS;
    }
    if count == Some(0) {
        return ExitCode::SUCCESS;
    }
    let snooze = settings.snooze;
    let (tx, rx) = mpsc::channel();
    let mut signals = match Signals::new([SIGINT, SIGTERM]) {
        Ok(signals) => signals,
        Err(e) => {
            super::report(&format!("cannot watch for Ctrl-C: {e}"));
            return ExitCode::from(super::EXIT_INVALID);
        }
    };
    let signal_handle = signals.handle();
    let quit = tx.clone();
    let signal_thread = std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = quit.send(Event::Quit);
        }
    });
    // "Start stretch" needs the TUI to open a session, so headless offers only "Snooze".
    let options = DesktopOptions {
        sound: settings.sound,
        offer_start: false,
        ..DesktopOptions::default()
    };
    let sink = Box::new(move |event| {
        let _ = tx.send(Event::Reminder(event));
    });
    let notifier: Box<dyn Notifier + Send> = if alerts.desktop {
        Box::new(DesktopNotifier::new(options))
    } else {
        Box::new(NoDesktop)
    };
    let mut out = Output {
        alerts,
        terminal: std::io::stdout().is_terminal(),
        quiet: flags.quiet,
        snooze,
        state: StateFile::for_this_process(),
        anchor: WallAnchor {
            moment: SystemClock.now(),
            wall: SystemClock.wall(),
        },
    };
    let scheduler = match spawn(settings, Arc::new(SystemClock), notifier, sink) {
        Ok(handle) => handle,
        Err(e) => {
            super::report(&format!("cannot start the reminder timer: {e}"));
            return ExitCode::from(super::EXIT_INVALID);
        }
    };
    // History is opened after the scheduler is running, and is optional: reminders go on
    // without it.
    let store = match Store::open_default() {
        Ok(store) => Some(store),
        Err(e) => {
            super::report(&format!("history is off: {e}"));
            None
        }
    };
    let record = |outcome| {
        if let Some(Err(e)) = store
            .as_ref()
            .map(|s| s.record_reminder(jiff::Timestamp::now(), outcome))
        {
            super::report(&format!("could not record the reminder in history: {e}"));
        }
    };
    let mut fired = 0u64;
    for event in &rx {
        match event {
            Event::Quit => break,
            Event::Reminder(event) => {
                match event {
                    ReminderEvent::Fired { .. } => {
                        fired += 1;
                        record(ReminderOutcome::Fired);
                    }
                    ReminderEvent::ActionInvoked(ReminderAction::Snooze) => {
                        record(ReminderOutcome::Snoozed);
                    }
                    _ => {}
                }
                out.show(event);
                if count.is_some_and(|n| fired >= n) {
                    break;
                }
            }
        }
    }
    // Waits (at most the send deadline) for the last desktop send, so its outcome is told.
    scheduler.shutdown();
    for event in rx.try_iter() {
        if let Event::Reminder(event @ ReminderEvent::DesktopUnavailable { .. }) = event {
            out.show(event);
        }
    }
    signal_handle.close();
    let _ = signal_thread.join();
    ExitCode::SUCCESS
}

/// Where reminders go besides the desktop: stdout, the terminal's own alerts, the state file.
struct Output {
    alerts: Alerts,
    /// Stdout is a terminal: escape sequences would be noise in a log file or a pipe.
    terminal: bool,
    quiet: bool,
    snooze: std::time::Duration,
    state: Option<StateFile>,
    anchor: WallAnchor,
}

impl Output {
    fn show(&mut self, event: ReminderEvent) {
        match event {
            ReminderEvent::Fired { summary, body } => {
                let mut alert = String::new();
                if self.terminal && self.alerts.terminal {
                    alert.push_str(&terminal_notification(&summary, &body));
                }
                if self.terminal && self.alerts.bell && !self.quiet {
                    alert.push('\x07');
                }
                let (summary, body) = (sanitize(&summary), sanitize(&body));
                let mut stdout = std::io::stdout().lock();
                let _ = writeln!(stdout, "{alert}{} {summary}: {body}", clock_time());
                let _ = stdout.flush();
            }
            // Desktop notifications turned off in `alerts` are not news.
            ReminderEvent::DesktopUnavailable { .. } if !self.alerts.desktop => {}
            ReminderEvent::DesktopUnavailable { reason } => super::report(&format!(
                "desktop notifications are not available ({reason}); reminders are printed here"
            )),
            ReminderEvent::ActionInvoked(ReminderAction::Snooze) => {
                println!(
                    "{} Snoozed for {}.",
                    clock_time(),
                    format_duration(self.snooze)
                );
            }
            ReminderEvent::StatusChanged(status) => {
                let state = StatusState {
                    pid: std::process::id(),
                    program: Program::Remind,
                    session: None,
                    reminders: Some(ReminderState::from_schedule(&status, &self.anchor)),
                };
                if let Some(file) = &mut self.state {
                    file.update(&state);
                }
            }
            ReminderEvent::ActionInvoked(ReminderAction::StartStretch) => {}
        }
    }
}

fn clock_time() -> String {
    jiff::ZonedDateTime::now().strftime("%H:%M").to_string()
}
