//! The movement-break side of the TUI: what the scheduler last said, the banner of a
//! reminder on screen, and the pause presets `P` steps through.

use std::time::Duration;

use crate::alert::Alerts;
use crate::clock::Moment;
use crate::remind::protocol::{ReminderAction, ReminderEvent, SchedulerCommand};
use crate::remind::schedule::{PausePreset, ScheduleStatus};
use crate::runtime::HistoryJob;
use crate::text::SafeText;
use crate::tui::effects::Effect;

/// A reminder on screen, until the user takes it, snoozes it or dismisses it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Banner {
    pub summary: SafeText,
    pub body: SafeText,
}

/// The pause presets `P` steps through, then resume.
const PAUSE_CYCLE: [PausePreset; 4] = [
    PausePreset::ThirtyMinutes,
    PausePreset::OneHour,
    PausePreset::TwoHours,
    PausePreset::UntilTomorrow,
];

#[derive(Debug, Default)]
pub struct RemindersState {
    /// What the scheduler last said; `None` when reminders are off for this run.
    status: Option<ScheduleStatus>,
    banner: Option<Banner>,
    /// Desktop notifications failed once: reminders lean on the banner and the bell.
    desktop_unavailable: Option<String>,
    /// Index into the pause presets for the next `P`.
    pause_step: usize,
    /// The desktop sources of natural breaks, when this instance owns the schedule.
    natural_breaks: Option<Vec<String>>,
}

/// What a reminder event asks of the app beyond this state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asked {
    Nothing,
    /// "Start stretch" was clicked on the notification.
    TakeBreak,
}

impl RemindersState {
    #[must_use]
    pub fn status(&self) -> Option<&ScheduleStatus> {
        self.status.as_ref()
    }

    #[must_use]
    pub fn banner(&self) -> Option<&Banner> {
        self.banner.as_ref()
    }

    #[must_use]
    pub fn desktop_unavailable(&self) -> Option<&str> {
        self.desktop_unavailable.as_deref()
    }

    #[must_use]
    pub fn natural_breaks(&self) -> Option<&[String]> {
        self.natural_breaks.as_deref()
    }

    #[must_use]
    pub fn on(&self) -> bool {
        self.status.is_some()
    }

    /// Reminders were (re)started, or turned off (`None` reason) by a reloaded config.
    pub fn restarted(&mut self, enabled: bool) {
        self.desktop_unavailable = None;
        if !enabled {
            self.status = None;
            self.banner = None;
        }
    }

    /// The schedule was let go (Ctrl-Z): its status and banner would go stale while this
    /// process is stopped (another knotless answers or replaces the reminder).
    pub fn stepped_aside(&mut self) {
        self.status = None;
        self.banner = None;
    }

    pub fn failed_to_start(&mut self, reason: String) {
        self.desktop_unavailable = Some(reason);
    }

    /// What the schedule said. History gets the reminder and its one answer from here (the
    /// schedule decides the answer, whichever instance gave it: `remind::answer`).
    pub fn event(&mut self, event: ReminderEvent, env: Env, out: &mut Vec<Effect>) -> Asked {
        if let Some(outcome) = event.history_outcome() {
            out.push(Effect::History(HistoryJob::Reminder {
                at: env.wall,
                outcome,
            }));
        }
        match event {
            ReminderEvent::Fired { summary, body, .. } => {
                self.fired(Banner { summary, body }, env, out);
            }
            ReminderEvent::DesktopUnavailable { reason } => {
                let first = self.desktop_unavailable.is_none();
                self.desktop_unavailable = Some(reason);
                if first && self.banner.is_some() && !env.quiet && !env.alerts.bell {
                    out.push(Effect::Bell);
                }
            }
            // Already applied by the scheduler.
            ReminderEvent::ActionInvoked(ReminderAction::Snooze)
            | ReminderEvent::Resolved { .. } => self.banner = None,
            ReminderEvent::ActionInvoked(ReminderAction::StartStretch) => return Asked::TakeBreak,
            ReminderEvent::StatusChanged(status) => self.status = Some(status),
            ReminderEvent::NaturalBreakSources(sources) => self.natural_breaks = Some(sources),
            // The status that follows says when the next break is; the hand-over's own.
            ReminderEvent::NaturalBreak { .. } | ReminderEvent::Open(_) => {}
        }
        Asked::Nothing
    }

    /// A reminder on screen (in every instance; the owner's desktop shows it once).
    fn fired(&mut self, banner: Banner, env: Env, out: &mut Vec<Effect>) {
        if env.alerts.terminal {
            out.push(Effect::TerminalAlert {
                summary: banner.summary.clone(),
                body: banner.body.clone(),
            });
        }
        self.banner = Some(banner);
        // Without a working desktop, the bell stands in for the notification.
        let fallback = env.alerts.desktop && self.desktop_unavailable.is_some();
        if (env.alerts.bell || fallback) && !env.quiet {
            out.push(Effect::Bell);
        }
    }

    /// A break is being taken: the banner goes (the schedule records the answer).
    pub fn take(&mut self) {
        self.banner = None;
    }

    pub fn snooze(&mut self, out: &mut Vec<Effect>) {
        self.banner = None;
        out.push(Effect::Scheduler(SchedulerCommand::Snooze));
    }

    /// Esc on the banner; `false` when there was none.
    pub fn dismiss(&mut self, out: &mut Vec<Effect>) -> bool {
        if self.banner.take().is_none() {
            return false;
        }
        out.push(Effect::Scheduler(SchedulerCommand::Dismiss));
        true
    }

    /// A session started: its banner would cover the break being taken.
    pub fn clear_banner(&mut self) {
        self.banner = None;
    }

    pub fn cycle_pause(&mut self, out: &mut Vec<Effect>) {
        let command = match PAUSE_CYCLE.get(self.pause_step) {
            Some(&preset) => SchedulerCommand::Pause(preset),
            None => SchedulerCommand::Resume,
        };
        self.pause_step = (self.pause_step + 1) % (PAUSE_CYCLE.len() + 1);
        out.push(Effect::Scheduler(command));
    }

    /// How long until the status line's words change by themselves.
    #[must_use]
    pub fn next_change(&self, now: Moment, until_midnight: Option<Duration>) -> Option<Duration> {
        match &self.status {
            Some(ScheduleStatus::NextBreak { due } | ScheduleStatus::Snoozed { until: due }) => {
                crate::duration::minutes_next_change(*due - now)
            }
            // "Tue 09:00" becomes "09:00" at midnight.
            Some(
                ScheduleStatus::Paused { .. }
                | ScheduleStatus::OutsideHours { .. }
                | ScheduleStatus::HoursEnd { .. },
            ) => until_midnight,
            _ => None,
        }
    }
}

/// What reminder handling needs to know of the app.
#[derive(Clone, Copy, Debug)]
pub struct Env {
    pub alerts: Alerts,
    pub quiet: bool,
    pub wall: jiff::Timestamp,
}
