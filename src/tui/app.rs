//! The TUI's state and its `handle` function. No terminal, no threads: events come in with
//! `now`, and what the shell must do (ring the bell, write history, tell the scheduler)
//! goes out as [`Output`]s.

use std::time::Duration;

use crate::alert::Alerts;
use crate::clock::Moment;
use crate::history::ReminderOutcome;
use crate::remind::notify::ReminderAction;
use crate::remind::schedule::{PausePreset, ScheduleStatus};
use crate::remind::thread::{ReminderEvent, SchedulerCommand};
use crate::runner::{Command, Effect, Mode, Runner};
use crate::session::library::Library;
use crate::session::{PhaseKind, Session};
use crate::tui::input::{Action, Context};
use crate::tui::theme::Theme;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Home,
    /// The session's intro, the countdowns and the summary.
    Session,
    Stats,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help,
    ConfirmQuit,
    Safety,
}

/// What the shell must do after `handle`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    Bell,
    /// The user pressed Ctrl-Z.
    Suspend,
    SessionStarted,
    SessionEnded {
        completed: bool,
    },
    /// A pain rating was given (before = on the intro).
    Pain {
        before: bool,
        rating: Option<u8>,
    },
    SafetyAcknowledged,
    /// A phase ended: the run's progress so far.
    Progress {
        done: usize,
        skipped: usize,
    },
    /// The stats screen opened: fill `App::stats`.
    StatsRequested,
    /// Tell the reminder scheduler.
    Scheduler(SchedulerCommand),
    /// Record what became of a reminder.
    Reminder(ReminderOutcome),
    /// Show a reminder as a terminal notification (OSC 9 / OSC 777).
    TerminalAlert {
        summary: String,
        body: String,
    },
}

/// A reminder on screen, until the user takes it, snoozes it or dismisses it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Banner {
    pub summary: String,
    pub body: String,
}

/// The pause presets `P` steps through, then resume.
const PAUSE_CYCLE: [PausePreset; 4] = [
    PausePreset::ThirtyMinutes,
    PausePreset::OneHour,
    PausePreset::TwoHours,
    PausePreset::UntilTomorrow,
];

/// A one-line message under the countdown (a cue, a hint), with a style class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub kind: MessageKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageKind {
    Cue,
    Hint,
}

#[derive(Debug)]
pub struct App {
    pub theme: Theme,
    pub library: Library,
    pub selected: usize,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub help_scroll: u16,
    pub safety_scroll: u16,
    pub session: Option<Session>,
    pub runner: Option<Runner>,
    pub now: Moment,
    pub quiet: bool,
    /// `knotless run`: leaving the session leaves the program.
    pub single_session: bool,
    pub message: Option<Message>,
    pub pain_before: Option<u8>,
    pub pain_after: Option<u8>,
    /// Check-ins asked on the intro and the summary.
    pub checkin: bool,
    /// Typing "1" then "0" gives 10: remembers a pending "1".
    pending_one: bool,
    pub quit: bool,
    /// The stats screen's data, filled by the shell from history.
    pub stats: Option<crate::history::stats::Stats>,
    /// A calm note suggesting a clinician, when the check-ins call for one.
    pub advisory: Option<String>,
    /// Why history is off, if it is.
    pub history_off: Option<String>,
    /// What the reminder scheduler last said; `None` when reminders are off for this run.
    pub reminder_status: Option<ScheduleStatus>,
    pub banner: Option<Banner>,
    /// Desktop notifications failed once: reminders lean on the banner and the bell.
    pub desktop_unavailable: Option<String>,
    /// The session "take a break" opens.
    pub break_session: String,
    /// Index into the pause presets for the next `P`.
    pause_step: usize,
    /// How reminders get attention (config `alerts`).
    pub alerts: Alerts,
    /// A one-line notice on the home screen (a config or session file that failed to reload).
    pub notice: Option<String>,
    /// Wall-clock time at `now`, for showing clock times of moments.
    pub wall: jiff::Timestamp,
    pub zone: jiff::tz::TimeZone,
    outputs: Vec<Output>,
}

impl App {
    #[must_use]
    pub fn new(mut library: Library, theme: Theme, now: Moment) -> Self {
        sort_library(&mut library);
        App {
            theme,
            library,
            selected: 0,
            screen: Screen::Home,
            overlay: None,
            help_scroll: 0,
            safety_scroll: 0,
            session: None,
            runner: None,
            now,
            quiet: false,
            single_session: false,
            message: None,
            pain_before: None,
            pain_after: None,
            checkin: true,
            pending_one: false,
            quit: false,
            stats: None,
            advisory: None,
            history_off: None,
            reminder_status: None,
            banner: None,
            desktop_unavailable: None,
            break_session: "desk-break".to_string(),
            pause_step: 0,
            alerts: Alerts::default(),
            notice: None,
            wall: jiff::Timestamp::UNIX_EPOCH,
            zone: jiff::tz::TimeZone::UTC,
            outputs: Vec::new(),
        }
    }

    /// What the shell must do now; drains the queue.
    pub fn take_outputs(&mut self) -> Vec<Output> {
        std::mem::take(&mut self.outputs)
    }

    /// The right side of the header line: the movement-break status.
    #[must_use]
    pub fn status_text(&self) -> Option<String> {
        let reminders = self
            .reminder_status
            .as_ref()
            .map(|s| self.describe_status(s));
        let history = self.history_off.as_ref().map(|_| "history off".to_string());
        match (reminders, history) {
            (Some(r), Some(h)) => Some(format!("{r} · {h}")),
            (r, h) => r.or(h),
        }
    }

    fn describe_status(&self, status: &ScheduleStatus) -> String {
        let now = self.now;
        match status {
            ScheduleStatus::Disabled => "reminders off".to_string(),
            ScheduleStatus::NextBreak { due } => {
                format!("next break in {}", countdown_words(*due - now))
            }
            ScheduleStatus::Snoozed { until } => {
                format!("snoozed · next break in {}", countdown_words(*until - now))
            }
            ScheduleStatus::Paused { until } => {
                format!("reminders paused until {}", self.clock_time(*until))
            }
            ScheduleStatus::HeldForSession => "break reminders wait for this session".to_string(),
            ScheduleStatus::OutsideHours { resumes, .. } => {
                format!("reminders resume {}", resumes.strftime("%a %H:%M"))
            }
        }
    }

    /// The local clock time (`HH:MM`, with the weekday if not today) of a moment.
    #[must_use]
    pub fn clock_time(&self, at: Moment) -> String {
        let ahead = at - self.now;
        let wall = self
            .wall
            .checked_add(ahead)
            .unwrap_or(self.wall)
            .to_zoned_datetime(self.zone.clone());
        let today = self.wall.to_zoned_datetime(self.zone.clone()).date();
        if wall.date() == today {
            wall.strftime("%H:%M").to_string()
        } else {
            wall.strftime("%a %H:%M").to_string()
        }
    }

    /// What the history thread found. Returns whether to redraw.
    pub fn history_report(&mut self, report: crate::tui::history_worker::HistoryReport) -> bool {
        use crate::tui::history_worker::HistoryReport;
        match report {
            HistoryReport::Off(reason) => self.history_off = Some(reason),
            HistoryReport::Stats(stats) => self.stats = Some(*stats),
            HistoryReport::Advisory(note) => self.advisory = note,
        }
        true
    }

    /// A reminder event from the scheduler thread. Returns whether to redraw.
    pub fn reminder_event(&mut self, event: ReminderEvent, now: Moment) -> bool {
        self.tick(now);
        match event {
            ReminderEvent::Fired { summary, body } => {
                if self.banner.is_some() {
                    self.outputs
                        .push(Output::Reminder(ReminderOutcome::Ignored));
                }
                if self.alerts.terminal {
                    self.outputs.push(Output::TerminalAlert {
                        summary: summary.clone(),
                        body: body.clone(),
                    });
                }
                self.banner = Some(Banner { summary, body });
                self.outputs.push(Output::Reminder(ReminderOutcome::Fired));
                // Without a working desktop, the bell stands in for the notification.
                let fallback = self.alerts.desktop && self.desktop_unavailable.is_some();
                if (self.alerts.bell || fallback) && !self.quiet {
                    self.outputs.push(Output::Bell);
                }
            }
            ReminderEvent::DesktopUnavailable { reason } => {
                let first = self.desktop_unavailable.is_none();
                self.desktop_unavailable = Some(reason);
                if first && self.banner.is_some() && !self.quiet && !self.alerts.bell {
                    self.outputs.push(Output::Bell);
                }
            }
            ReminderEvent::ActionInvoked(ReminderAction::Snooze) => {
                // Already applied by the scheduler.
                self.banner = None;
                self.outputs
                    .push(Output::Reminder(ReminderOutcome::Snoozed));
            }
            ReminderEvent::ActionInvoked(ReminderAction::StartStretch) => self.take_break(),
            ReminderEvent::StatusChanged(status) => self.reminder_status = Some(status),
        }
        true
    }

    /// Opens the break session on its intro (from the banner, the notification or `b`).
    fn take_break(&mut self) {
        if self.context() == Context::Session {
            return;
        }
        let had_banner = self.banner.take().is_some();
        let Some(session) = self.library.get(&self.break_session).cloned() else {
            self.outputs
                .push(Output::Scheduler(SchedulerCommand::SessionEnded));
            return;
        };
        if had_banner {
            self.outputs.push(Output::Reminder(ReminderOutcome::Taken));
        }
        self.overlay = None;
        self.open(session);
    }

    fn snooze(&mut self) {
        if self.banner.take().is_some() {
            self.outputs
                .push(Output::Reminder(ReminderOutcome::Snoozed));
        }
        self.outputs
            .push(Output::Scheduler(SchedulerCommand::Snooze));
    }

    fn cycle_pause(&mut self) {
        let command = match PAUSE_CYCLE.get(self.pause_step) {
            Some(&preset) => SchedulerCommand::Pause(preset),
            None => SchedulerCommand::Resume,
        };
        self.pause_step = (self.pause_step + 1) % (PAUSE_CYCLE.len() + 1);
        self.outputs.push(Output::Scheduler(command));
    }

    /// Entries on the home list: sessions, then broken user files.
    #[must_use]
    pub fn home_len(&self) -> usize {
        self.library.sessions.len() + self.library.broken.len()
    }

    #[must_use]
    pub fn context(&self) -> Context {
        match (
            self.overlay,
            self.screen,
            self.runner.as_ref().map(Runner::mode),
        ) {
            (Some(Overlay::ConfirmQuit), ..) => Context::Confirm,
            (None, Screen::Session, Some(Mode::Running | Mode::Paused)) => Context::Session,
            _ => Context::Browse,
        }
    }

    /// Opens a session on its intro.
    pub fn open(&mut self, session: Session) {
        self.runner = Some(Runner::new(&session));
        self.session = Some(session);
        self.screen = Screen::Session;
        self.message = None;
        self.pain_before = None;
        self.pain_after = None;
        self.pending_one = false;
    }

    /// How long until something on screen changes by itself.
    #[must_use]
    pub fn next_wake(&self, now: Moment) -> Option<Duration> {
        let countdown = match (self.screen, &self.runner) {
            (Screen::Session, Some(r)) => r.next_visible_change(now),
            _ => None,
        };
        let status = match &self.reminder_status {
            Some(ScheduleStatus::NextBreak { due } | ScheduleStatus::Snoozed { until: due }) => {
                next_status_change(*due - now)
            }
            Some(ScheduleStatus::Paused { .. }) => self.until_local_midnight(),
            _ => None,
        };
        match (countdown, status) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// "paused until Tue 09:00" drops its weekday when the local day turns: wake then, and
    /// not once an hour before it.
    fn until_local_midnight(&self) -> Option<Duration> {
        let today = self.wall.to_zoned_datetime(self.zone.clone()).date();
        let midnight = today
            .tomorrow()
            .ok()?
            .to_zoned_datetime(self.zone.clone())
            .ok()?;
        Duration::try_from(midnight.timestamp().duration_since(self.wall)).ok()
    }

    /// Time passed: complete whatever is due. Returns whether to redraw.
    pub fn tick(&mut self, now: Moment) -> bool {
        self.now = now;
        let Some(runner) = self.runner.as_mut() else {
            return false;
        };
        let effects = runner.advance(now);
        self.apply_effects(&effects);
        self.screen == Screen::Session
    }

    /// A key action. Returns whether to redraw.
    pub fn handle(&mut self, action: Action, now: Moment) -> bool {
        self.tick(now);
        match action {
            Action::Interrupt => {
                self.leave_session(now);
                self.quit = true;
                return true;
            }
            Action::Suspend => {
                self.pause_if_running(now);
                self.outputs.push(Output::Suspend);
                return true;
            }
            _ => {}
        }
        if let Some(overlay) = self.overlay {
            self.handle_overlay(overlay, action, now);
            return true;
        }
        match action {
            Action::Help => self.overlay = Some(Overlay::Help),
            Action::Safety => {
                self.overlay = Some(Overlay::Safety);
                self.safety_scroll = 0;
            }
            Action::TakeBreak if self.reminder_status.is_some() => self.take_break(),
            Action::Snooze if self.reminder_status.is_some() => self.snooze(),
            Action::PauseReminders if self.reminder_status.is_some() => self.cycle_pause(),
            Action::Back if self.banner.is_some() && self.context() == Context::Browse => {
                self.banner = None;
                self.outputs
                    .push(Output::Reminder(ReminderOutcome::Dismissed));
            }
            _ => match self.screen {
                Screen::Home => self.handle_home(action),
                Screen::Session => self.handle_session(action, now),
                Screen::Stats => {
                    if matches!(action, Action::Quit | Action::Back | Action::Stats) {
                        self.screen = Screen::Home;
                    }
                }
            },
        }
        true
    }

    fn handle_overlay(&mut self, overlay: Overlay, action: Action, now: Moment) {
        let scroll = match overlay {
            Overlay::Safety => &mut self.safety_scroll,
            _ => &mut self.help_scroll,
        };
        match (overlay, action) {
            (Overlay::ConfirmQuit, Action::Yes) => {
                self.overlay = None;
                self.leave_session(now);
            }
            (Overlay::ConfirmQuit, Action::No) => self.overlay = None,
            (_, Action::Down) => *scroll = scroll.saturating_add(1),
            (_, Action::Up) => *scroll = scroll.saturating_sub(1),
            (_, Action::PageDown) => *scroll = scroll.saturating_add(10),
            (_, Action::PageUp) => *scroll = scroll.saturating_sub(10),
            (Overlay::Help, Action::Safety) => {
                self.overlay = Some(Overlay::Safety);
                self.safety_scroll = 0;
            }
            (
                Overlay::Help | Overlay::Safety,
                Action::Back | Action::Quit | Action::Help | Action::Select | Action::Safety,
            ) => {
                if overlay == Overlay::Safety {
                    self.outputs.push(Output::SafetyAcknowledged);
                }
                self.overlay = None;
            }
            _ => {}
        }
    }

    fn handle_home(&mut self, action: Action) {
        let len = self.home_len();
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(len.saturating_sub(1)),
            Action::PageUp => self.selected = self.selected.saturating_sub(10),
            Action::PageDown => self.selected = (self.selected + 10).min(len.saturating_sub(1)),
            Action::Select | Action::TogglePause => {
                if let Some(session) = self.library.sessions.get(self.selected).cloned() {
                    self.open(session);
                }
            }
            Action::Stats => {
                self.screen = Screen::Stats;
                self.outputs.push(Output::StatsRequested);
            }
            Action::Quit | Action::Back => self.quit = true,
            _ => {}
        }
    }

    fn handle_session(&mut self, action: Action, now: Moment) {
        let Some(mode) = self.runner.as_ref().map(Runner::mode) else {
            return;
        };
        match (mode, action) {
            (Mode::Intro, Action::Select | Action::TogglePause) => {
                self.command(Command::Start, now)
            }
            (Mode::Intro, Action::Digit(d)) if self.checkin => self.rate(true, d),
            (Mode::Intro, Action::Skip) if self.checkin => self.rate_skip(true),
            (Mode::Intro | Mode::Finished, Action::Quit | Action::Back) => self.leave_session(now),
            (Mode::Finished, Action::Digit(d)) if self.checkin => self.rate(false, d),
            (Mode::Finished, Action::Skip) if self.checkin => self.rate_skip(false),
            (Mode::Finished, Action::Select) => self.leave_session(now),
            (Mode::Running | Mode::Paused, Action::Quit | Action::Back) => {
                self.overlay = Some(Overlay::ConfirmQuit);
            }
            (Mode::Running | Mode::Paused, Action::TogglePause) => {
                self.command(Command::TogglePause, now);
            }
            (Mode::Running | Mode::Paused, Action::Select) => self.command(Command::Release, now),
            (Mode::Running | Mode::Paused, Action::Next) => self.command(Command::Next, now),
            (Mode::Running | Mode::Paused, Action::Previous) => {
                self.command(Command::Previous, now);
            }
            (Mode::Running | Mode::Paused, Action::Restart) => self.command(Command::Restart, now),
            _ => {}
        }
    }

    /// A digit on a check-in: 0–9, `+` for 10, or "1" then "0".
    fn rate(&mut self, before: bool, digit: u8) {
        let rating = if self.pending_one && digit == 0 {
            10
        } else {
            digit
        };
        self.pending_one = digit == 1;
        let slot = if before {
            &mut self.pain_before
        } else {
            &mut self.pain_after
        };
        *slot = Some(rating.min(10));
        self.outputs.push(Output::Pain {
            before,
            rating: *slot,
        });
    }

    fn rate_skip(&mut self, before: bool) {
        self.pending_one = false;
        let slot = if before {
            &mut self.pain_before
        } else {
            &mut self.pain_after
        };
        *slot = None;
        self.outputs.push(Output::Pain {
            before,
            rating: None,
        });
    }

    /// The program is ending (a signal, a lost terminal): end a running session as not
    /// completed so that history says so.
    pub fn abort(&mut self, now: Moment) {
        if matches!(
            self.runner.as_ref().map(Runner::mode),
            Some(Mode::Running | Mode::Paused)
        ) {
            self.command(Command::Finish, now);
        }
        self.quit = true;
    }

    fn pause_if_running(&mut self, now: Moment) {
        if self.runner.as_ref().map(Runner::mode) == Some(Mode::Running) {
            self.command(Command::TogglePause, now);
        }
    }

    /// Leaves the session screen: ends a running session (not completed) first.
    fn leave_session(&mut self, now: Moment) {
        if matches!(
            self.runner.as_ref().map(Runner::mode),
            Some(Mode::Running | Mode::Paused)
        ) {
            self.command(Command::Finish, now);
        }
        if self.single_session {
            self.quit = true;
            return;
        }
        self.runner = None;
        self.session = None;
        self.message = None;
        self.screen = Screen::Home;
    }

    fn command(&mut self, cmd: Command, now: Moment) {
        let Some(runner) = self.runner.as_mut() else {
            return;
        };
        let effects = runner.apply(cmd, now);
        if matches!(cmd, Command::Restart | Command::Previous | Command::Next) {
            self.message = None;
        }
        self.apply_effects(&effects);
    }

    fn apply_effects(&mut self, effects: &[Effect]) {
        for effect in effects {
            match effect {
                Effect::SessionStarted => {
                    self.pending_one = false;
                    self.banner = None;
                    self.outputs.push(Output::SessionStarted);
                    self.outputs
                        .push(Output::Scheduler(SchedulerCommand::SessionStarted));
                }
                Effect::PhaseEnded { index, completed } => self.phase_ended(*index, *completed),
                Effect::ReleaseTooEarly { wait } => {
                    self.message = Some(Message {
                        text: format!(
                            "Keep holding: you can move on in {}",
                            crate::session::timing::format_clock(*wait)
                        ),
                        kind: MessageKind::Hint,
                    });
                }
                Effect::SessionFinished { completed } => {
                    self.pending_one = false;
                    self.outputs.push(Output::SessionEnded {
                        completed: *completed,
                    });
                    self.outputs
                        .push(Output::Scheduler(SchedulerCommand::SessionEnded));
                }
                Effect::MissedWhileAway { .. } if !self.quiet => self.outputs.push(Output::Bell),
                Effect::MissedWhileAway { .. } => {}
                Effect::PhaseStarted(_) | Effect::Paused | Effect::Resumed => {}
            }
        }
    }

    fn phase_ended(&mut self, index: usize, completed: bool) {
        let (Some(session), Some(runner)) = (&self.session, &self.runner) else {
            return;
        };
        let Some(phase) = runner.phases().get(index) else {
            return;
        };
        if completed && !self.quiet {
            self.outputs.push(Output::Bell);
        }
        let step = &session.steps[phase.step];
        self.message = match (phase.kind, &step.cue, completed) {
            (PhaseKind::Work, Some(cue), true) => Some(Message {
                text: cue.clone(),
                kind: MessageKind::Cue,
            }),
            _ => None,
        };
    }
}

/// The sessions people reach for first come first; then the rest by id.
pub(super) fn sort_library(library: &mut Library) {
    const ORDER: [&str; 5] = [
        "knot-relief",
        "desk-break",
        "core-stability",
        "unwind",
        "cold-pack",
    ];
    library.sessions.sort_by_key(|s| {
        let rank = ORDER
            .iter()
            .position(|id| *id == s.id)
            .unwrap_or(ORDER.len());
        (rank, s.id.clone())
    });
}

/// "23 min" with minute precision, "45 s" in the last minute.
#[must_use]
pub fn countdown_words(left: Duration) -> String {
    let secs = left.as_secs() + u64::from(left.subsec_nanos() > 0);
    if secs > 60 {
        format!("{} min", secs.div_ceil(60))
    } else {
        format!("{secs} s")
    }
}

/// How long until `countdown_words(left)` changes.
fn next_status_change(left: Duration) -> Option<Duration> {
    if left.is_zero() {
        return None;
    }
    let minute: u128 = 60_000_000_000;
    let nanos = left.as_nanos();
    if nanos <= minute {
        let frac = Duration::from_nanos(u64::from(left.subsec_nanos()));
        return Some(if frac.is_zero() {
            Duration::from_secs(1)
        } else {
            frac
        });
    }
    // Shown as ceil(left / 60 s) minutes: it changes when `left` drops to the multiple below.
    let shown = nanos.div_ceil(minute);
    let wait = nanos - (shown - 1) * minute;
    Some(Duration::from_nanos(
        u64::try_from(wait).unwrap_or(u64::MAX),
    ))
}
