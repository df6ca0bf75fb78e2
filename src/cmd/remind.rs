//! `knotless remind`: the scheduler and the desktop notifier without the screen. Prints one
//! line per reminder (local `HH:MM`, then the text), so it works headless too. With
//! `alerts` including "terminal" or "bell", and stdout a terminal, it also writes an OSC 9 /
//! OSC 777 notification or the bell. Keeps a state file for `knotless status`.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Instant;

use crate::alert::{Alerts, terminal_notification};
use crate::duration;
use crate::flags::ReminderFlags;
use crate::remind::notify::ReminderAction;
use crate::remind::thread::ReminderEvent;
use crate::runtime::inbox::Inbox;
use crate::runtime::{Event, HistoryJob, HistoryReport, Runtime, caught_signals, configure};
use crate::status::{Program, Role, Sharing, service};

#[must_use]
pub fn run(flags: &ReminderFlags, count: Option<u64>) -> ExitCode {
    // "Start stretch" needs a screen to open a session on, so headless offers only "Snooze".
    let (_, setup) = match configure(flags, false) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if count == Some(0) {
        super::report("--count 0 would send no reminder; give 1 or more, or leave it out");
        return ExitCode::from(super::EXIT_USAGE);
    }
    if !setup.settings.enabled {
        super::report("reminders are turned off (--no-remind or `enabled = false`)");
        return ExitCode::SUCCESS;
    }
    let Some((tx, mut inbox)) = Inbox::open(caught_signals(false)) else {
        super::report("cannot watch for Ctrl-C; try again, or run knotless in a terminal");
        return ExitCode::from(super::EXIT_INVALID);
    };
    let mut out = Output {
        alerts: setup.alerts,
        terminal: std::io::stdout().is_terminal(),
        quiet: flags.quiet,
        snooze: setup.settings.snooze,
        hours: Some(service::hours_line(&setup.settings)),
        said: None,
        sharing: None,
    };
    let mut runtime = Runtime::new(Program::Remind, setup, tx);
    if let Err(e) = runtime.start_reminders(false) {
        super::report(&format!("cannot start the reminder timer: {e}"));
        return ExitCode::from(super::EXIT_INVALID);
    }
    if let Some(dir) = crate::paths::config_dir() {
        inbox.watch_config(&dir);
    }
    let mut fired = 0u64;
    let mut batch = Vec::new();
    // A burst of changes (an editor's write, rename, chmod) is read once, after it settles.
    let mut reload_at: Option<Instant> = None;
    // Everything arrives in the main thread's one `poll`: the scheduler's events, history's
    // word, the signals and the config directory's changes. What follows the event that
    // ends the run stays in `batch` for after the shutdown.
    loop {
        let timeout = reload_at.map(|at| at.saturating_duration_since(Instant::now()));
        if inbox.wait(None, timeout, &mut batch).is_err() {
            break;
        }
        if reload_at.is_some_and(|at| at <= Instant::now()) {
            reload_at = None;
            reload(&mut runtime, &mut out);
        }
        if !handle(
            &mut batch,
            &mut runtime,
            &mut out,
            &mut reload_at,
            &mut fired,
            count,
        ) {
            break;
        }
    }
    // Waits (at most the send deadline) for the last desktop send, so its outcome is told,
    // and for history's queued writes.
    runtime.shutdown();
    inbox.queued(&mut batch);
    for event in batch {
        match event {
            Event::Reminder(event @ ReminderEvent::DesktopUnavailable { .. }) => {
                out.show(&mut runtime, event);
            }
            Event::History(HistoryReport::Off(reason)) => {
                super::report(&format!("history is off: {reason}"));
            }
            _ => {}
        }
    }
    ExitCode::SUCCESS
}

/// Handles what `batch` holds, in order; `false` once the run should end (a signal, or the
/// `--count`th reminder), what follows left in `batch`.
fn handle(
    batch: &mut Vec<Event>,
    runtime: &mut Runtime,
    out: &mut Output,
    reload_at: &mut Option<Instant>,
    fired: &mut u64,
    count: Option<u64>,
) -> bool {
    while !batch.is_empty() {
        match batch.remove(0) {
            Event::Signal(_) => return false,
            Event::Reminder(event) => {
                if let Some(outcome) = event.history_outcome() {
                    let at = jiff::Timestamp::now();
                    runtime.history(HistoryJob::Reminder { at, outcome });
                }
                *fired += u64::from(matches!(event, ReminderEvent::Fired { .. }));
                out.show(runtime, event);
                if count.is_some_and(|n| *fired >= n) {
                    return false;
                }
            }
            Event::History(HistoryReport::Off(reason)) => {
                super::report(&format!("history is off: {reason}"));
            }
            Event::FilesChanged => {
                reload_at.get_or_insert(Instant::now() + crate::runtime::watch::SETTLE);
            }
            _ => {}
        }
    }
    true
}

/// `config.toml` changed: its reminder settings apply from now on, as in the app (an owner
/// restarts its schedule with them; attached, they wait for a take-over). A broken file
/// keeps the settings there were; turned off, this instance leaves the shared schedule and
/// waits, and turned on again it joins it again.
fn reload(runtime: &mut Runtime, out: &mut Output) {
    let config = match crate::config::Config::load_default() {
        Ok(config) => config,
        Err(diag) => {
            crate::exit::err(&diag);
            super::report("the config file has an error; the previous settings stay");
            return;
        }
    };
    match runtime.reload_reminders(&config) {
        Ok(true) => {}
        Ok(false) => return,
        Err(message) => return super::report(&message),
    }
    let settings = &runtime.reminders().settings;
    out.alerts = config.alerts;
    out.snooze = settings.snooze;
    // The next state line says the new hours, even when the state itself is the same.
    out.hours = Some(service::hours_line(settings));
    out.said = None;
    match runtime.start_reminders(false) {
        Ok(true) => {}
        Ok(false) => {
            // The state file says so too, rather than the last break it knew of.
            runtime.publish(None, None);
            super::out(format_args!(
                "{} reminders are turned off in the config file; waiting for them to be turned on\n",
                clock_time()
            ));
        }
        Err(e) => super::report(&format!("cannot start the reminder timer: {e}")),
    }
}

/// Where reminders go besides the desktop: stdout, the terminal's own alerts, the state file.
struct Output {
    alerts: Alerts,
    /// Stdout is a terminal: escape sequences would be noise in a log file or a pipe.
    terminal: bool,
    quiet: bool,
    snooze: std::time::Duration,
    /// The working hours, said once with the first state line this instance's schedule
    /// speaks for (attached, the owner's hours apply, not these).
    hours: Option<String>,
    /// The last state line printed: a new one only when it says something new.
    said: Option<crate::status::ReminderState>,
    /// Owner or attached, and whose, as last said.
    sharing: Option<Sharing>,
}

impl Output {
    fn show(&mut self, runtime: &mut Runtime, event: ReminderEvent) {
        match event {
            ReminderEvent::Fired { summary, body, .. } => {
                let mut alert = String::new();
                if self.terminal && self.alerts.terminal {
                    alert.push_str(&terminal_notification(&summary, &body));
                }
                if self.terminal && self.alerts.bell && !self.quiet {
                    alert.push('\x07');
                }
                super::out(format_args!("{alert}{} {summary}: {body}\n", clock_time()));
            }
            // Desktop notifications turned off in `alerts` are not news.
            ReminderEvent::DesktopUnavailable { .. } if !self.alerts.desktop => {}
            ReminderEvent::DesktopUnavailable { reason } => super::report(&format!(
                "desktop notifications are not available ({reason}); reminders are printed here"
            )),
            ReminderEvent::ActionInvoked(ReminderAction::Snooze) => {
                super::out(format_args!(
                    "{} Snoozed for {}.\n",
                    clock_time(),
                    duration::compact(self.snooze)
                ));
            }
            ReminderEvent::StatusChanged(status) => {
                // Both lines before the state file says so, so that whoever reads it finds
                // them said (the hours come with the state line once this one takes over).
                self.say_role(runtime.sharing());
                self.say_state(&runtime.reminder_state(&status));
                runtime.publish(None, Some(&status));
            }
            ReminderEvent::NaturalBreak { gap } => super::out(format_args!(
                "{} a natural break ({} away): the break clock restarted\n",
                clock_time(),
                duration::compact(gap)
            )),
            ReminderEvent::ActionInvoked(ReminderAction::StartStretch)
            | ReminderEvent::Resolved { .. }
            | ReminderEvent::NaturalBreakSources(_)
            | ReminderEvent::Open(_) => {}
        }
    }
}

impl Output {
    /// "10:00 next break at 10:45, in 45 min; any time, every day" on start, then a line
    /// whenever the schedule's state says something new.
    fn say_state(&mut self, state: &crate::status::ReminderState) {
        let now = jiff::Timestamp::now();
        let zone = crate::platform::clock::local_zone();
        // The same state re-sent (a reload that changed nothing) is not news, unless this
        // instance's hours now apply (it took the schedule over) and are still unsaid.
        let attached = self.sharing.is_some_and(|s| s.role == Role::Attached);
        let hours = if attached { None } else { self.hours.take() };
        if self.said.as_ref() == Some(state) && hours.is_none() {
            return;
        }
        self.said = Some(state.clone());
        let line = service::state_line(state, now, &zone);
        let hours = hours.map(|h| format!("; {h}")).unwrap_or_default();
        super::out(format_args!("{} {line}{hours}\n", clock_time()));
    }

    /// When another knotless keeps the schedule, this one's `--every` and hours wait: say so,
    /// and say it again when this one takes over.
    fn say_role(&mut self, sharing: Option<Sharing>) {
        let Some(sharing) = sharing else { return };
        let Some(line) = sharing.change_words(self.sharing.replace(sharing)) else {
            return;
        };
        super::out(format_args!("{} {line}\n", clock_time()));
    }
}

fn clock_time() -> String {
    jiff::ZonedDateTime::now().strftime("%H:%M").to_string()
}
