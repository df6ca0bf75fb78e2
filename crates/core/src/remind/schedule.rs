//! The reminder schedule: a PURE state machine. No threads, no I/O, no clock reads: every
//! method takes `now` (a [`Moment`], boot time), and where local time matters the caller's
//! `local` [`ZonedDateTime`]. It returns effects; the scheduler thread performs them.
//!
//! Rules:
//! - The break clock runs from the last restart: a reminder is due one interval later
//!   (fixed, or drawn uniformly inside the range).
//! - At most one reminder per wake-up; after it the clock restarts from `now`, so missed
//!   reminders never come in a burst.
//! - A gap of `natural_break` or more (the machine slept: `now - awake` grew; or the process
//!   was stopped: we woke that much later than planned) counts as a break and restarts the
//!   clock without a reminder.
//! - A guided session holds reminders back; its end restarts the clock. A reminder that came
//!   due during the session is dropped: the user just moved.
//! - Outside working hours/days nothing fires; the clock restarts when the next window opens.
//! - While the desktop says the user is away (screen locked, screensaver, idle session),
//!   nothing fires; back after `natural_break` or more, the clock restarts (a natural break),
//!   and a reminder that came due meanwhile is dropped; back sooner, it fires once.

use std::time::Duration;

use jiff::ZonedDateTime;

use super::hours::{Windows, moment_at};
use super::messages::{Reminder, message};
use super::settings::ReminderSettings;
use crate::time::Moment;

/// How long to pause reminders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PausePreset {
    ThirtyMinutes,
    OneHour,
    TwoHours,
    /// Until the next local day starts, or its working hours do.
    UntilTomorrow,
}

/// What the UI shows about reminders. Changes only when the schedule does (it holds
/// moments, not countdowns), so it can be sent on every change without flooding.
#[derive(Clone, Debug, PartialEq)]
pub enum ScheduleStatus {
    Disabled,
    /// The next reminder is due at `due`; the UI shows "next break in 23 min".
    NextBreak {
        due: Moment,
    },
    Snoozed {
        until: Moment,
    },
    Paused {
        until: Moment,
    },
    HeldForSession,
    OutsideHours {
        resumes: ZonedDateTime,
        at: Moment,
    },
    /// Inside working hours, but they end before the next break would come: no break until
    /// they start again at `resumes` (the line never names a break that will not come).
    HoursEnd {
        resumes: ZonedDateTime,
        at: Moment,
    },
}

/// What the schedule asks its shell to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduleEffect {
    ReminderDue(Reminder),
    /// A gap this long was taken as a break; the clock restarted.
    NaturalBreakDetected {
        gap: Duration,
    },
}

#[derive(Clone, Debug)]
pub struct Schedule {
    settings: ReminderSettings,
    rng: fastrand::Rng,
    due: Moment,
    snoozed: bool,
    /// A reminder fired and the clock has not restarted since: there is one to snooze.
    reminded: bool,
    paused_until: Option<Moment>,
    in_session: bool,
    /// When outside working hours: when (and at what local time) the next window opens.
    outside: Option<(Moment, ZonedDateTime)>,
    /// When inside working hours: when the window closes (the shell wakes then, so the
    /// status says "outside hours" from that moment, not from the next due one).
    closes: Option<Moment>,
    /// ... and when (and at what local time) the next window opens after it.
    reopens: Option<(Moment, ZonedDateTime)>,
    /// `now - awake` at the last wake: it grows by the time spent suspended.
    asleep_so_far: Duration,
    next_message: usize,
    /// Since when the desktop says the user is away.
    away_since: Option<Moment>,
}

impl Schedule {
    /// A schedule whose clock starts at `now`. `awake` is the clock that stops in suspend.
    #[must_use]
    pub fn new(
        settings: ReminderSettings,
        now: Moment,
        awake: Moment,
        local: &ZonedDateTime,
        seed: u64,
    ) -> Schedule {
        let mut rng = fastrand::Rng::with_seed(seed);
        let due = now + settings.every.draw(&mut rng);
        let next_message = rng.usize(..super::messages::MESSAGES.len());
        let mut schedule = Schedule {
            settings,
            rng,
            due,
            snoozed: false,
            reminded: false,
            paused_until: None,
            in_session: false,
            outside: None,
            closes: None,
            reopens: None,
            asleep_so_far: now - awake,
            next_message,
            away_since: None,
        };
        schedule.look_at_windows(now, local);
        schedule
    }

    /// Where `now` stands against the working hours: outside (until when) or inside (until
    /// when).
    fn look_at_windows(&mut self, now: Moment, local: &ZonedDateTime) {
        self.outside = self.window_after(now, local);
        let closes = self.windows().end_after(local);
        self.closes = closes.as_ref().map(|end| moment_at(now, local, end));
        self.reopens = closes.and_then(|end| {
            let start = self.windows().next_start(&end)?;
            Some((moment_at(now, local, &start), start))
        });
    }

    fn windows(&self) -> Windows {
        Windows {
            hours: self.settings.hours,
            days: self.settings.days,
        }
    }

    fn window_after(&self, now: Moment, local: &ZonedDateTime) -> Option<(Moment, ZonedDateTime)> {
        let start = self.windows().next_start(local)?;
        Some((moment_at(now, local, &start), start))
    }

    fn restart(&mut self, now: Moment) {
        self.due = now + self.settings.every.draw(&mut self.rng);
        self.snoozed = false;
        self.reminded = false;
    }

    /// When the shell should call [`Schedule::on_wake`] next; `None`: only on a command.
    #[must_use]
    pub fn next_due(&self) -> Option<Moment> {
        if !self.settings.enabled {
            return None;
        }
        if let Some(until) = self.paused_until {
            return Some(until);
        }
        if self.in_session || self.away_since.is_some() {
            return None;
        }
        match (&self.outside, self.closes) {
            (Some((at, _)), _) => Some(*at),
            (None, Some(closes)) => Some(self.due.min(closes)),
            (None, None) => Some(self.due),
        }
    }

    /// Call on every wake-up, whatever woke the shell. Fires at most one reminder.
    pub fn on_wake(
        &mut self,
        now: Moment,
        awake: Moment,
        local: &ZonedDateTime,
    ) -> Vec<ScheduleEffect> {
        let mut effects = Vec::new();
        let asleep = now - awake;
        let slept = asleep.saturating_sub(self.asleep_so_far);
        self.asleep_so_far = asleep;
        let late = self
            .next_due()
            .map_or(Duration::ZERO, |planned| now - planned);
        if !self.settings.enabled {
            return effects;
        }
        let gap = slept.max(late);
        if gap >= self.settings.natural_break {
            effects.push(ScheduleEffect::NaturalBreakDetected { gap });
            self.restart(now);
        }
        if let Some(until) = self.paused_until {
            if now < until {
                return effects;
            }
            self.paused_until = None;
            self.restart(now);
        }
        let was_outside = self.outside.is_some();
        self.look_at_windows(now, local);
        if self.outside.is_some() {
            return effects;
        }
        if was_outside {
            // A window just opened: count the interval from its start.
            self.restart(now);
        }
        if self.in_session || self.away_since.is_some() {
            return effects;
        }
        if now >= self.due {
            effects.push(ScheduleEffect::ReminderDue(message(self.next_message)));
            self.next_message = self.next_message.wrapping_add(1);
            self.restart(now);
            self.reminded = true;
        }
        effects
    }

    /// The reminder that fired comes back after the snooze time (a pause ends). With none
    /// fired since the clock last restarted, nothing changes: a snooze answers a reminder,
    /// and never brings the next break closer.
    pub fn snooze(&mut self, now: Moment) {
        if !self.settings.enabled || self.in_session || !self.reminded {
            return;
        }
        self.reminded = false;
        self.paused_until = None;
        self.due = now + self.settings.snooze;
        self.snoozed = true;
    }

    pub fn pause(&mut self, now: Moment, preset: PausePreset, local: &ZonedDateTime) {
        let until = match preset {
            PausePreset::ThirtyMinutes => now + Duration::from_secs(30 * 60),
            PausePreset::OneHour => now + Duration::from_secs(60 * 60),
            PausePreset::TwoHours => now + Duration::from_secs(2 * 60 * 60),
            PausePreset::UntilTomorrow => {
                moment_at(now, local, &self.windows().start_tomorrow(local))
            }
        };
        self.paused_until = Some(until);
    }

    /// Ends a pause; the clock restarts.
    pub fn resume(&mut self, now: Moment) {
        if self.paused_until.take().is_some() {
            self.restart(now);
        }
    }

    /// Takes over another instance's schedule (the owner exited): its next break, snooze or
    /// pause carry on from where they were, so a hand-over neither resets the clock nor
    /// fires early. A status with nothing to carry (held, outside hours, off; none when the
    /// owner restarts its own) changes nothing. `open`: its last reminder still waits for an
    /// answer, so a snooze still answers it.
    pub fn carry_over(&mut self, status: Option<&ScheduleStatus>, open: bool) {
        if !self.settings.enabled {
            return;
        }
        self.reminded = open;
        match status {
            Some(ScheduleStatus::NextBreak { due }) => {
                self.due = *due;
                self.snoozed = false;
            }
            Some(ScheduleStatus::Snoozed { until }) => {
                self.due = *until;
                self.snoozed = true;
            }
            Some(ScheduleStatus::Paused { until }) => self.paused_until = Some(*until),
            Some(
                ScheduleStatus::Disabled
                | ScheduleStatus::HeldForSession
                | ScheduleStatus::OutsideHours { .. }
                | ScheduleStatus::HoursEnd { .. },
            )
            | None => {}
        }
    }

    /// A break is being taken: the clock restarts from `now` (a snooze ends; a pause stays).
    pub fn break_taken(&mut self, now: Moment) {
        if self.settings.enabled {
            self.restart(now);
        }
    }

    /// The desktop says the user went away at `since` (locked, screensaver, idle).
    pub fn away(&mut self, since: Moment) {
        self.away_since.get_or_insert(since);
    }

    /// Back at `now`: away for `natural_break` or more was a break, and the clock restarts.
    pub fn back(&mut self, now: Moment) -> Option<ScheduleEffect> {
        let gap = now.saturating_since(self.away_since.take()?);
        if !self.settings.enabled || gap < self.settings.natural_break {
            return None;
        }
        self.restart(now);
        Some(ScheduleEffect::NaturalBreakDetected { gap })
    }

    /// A guided session began: hold reminders back.
    pub fn session_started(&mut self) {
        self.in_session = true;
    }

    /// The session ended (finished or left): the user just moved, so the clock restarts and a
    /// reminder held during the session is dropped.
    pub fn session_ended(&mut self, now: Moment) {
        if std::mem::replace(&mut self.in_session, false) {
            self.restart(now);
        }
    }

    #[must_use]
    pub fn status(&self) -> ScheduleStatus {
        if !self.settings.enabled {
            return ScheduleStatus::Disabled;
        }
        if let Some(until) = self.paused_until {
            return ScheduleStatus::Paused { until };
        }
        if self.in_session {
            return ScheduleStatus::HeldForSession;
        }
        if let Some((at, resumes)) = &self.outside {
            return ScheduleStatus::OutsideHours {
                resumes: resumes.clone(),
                at: *at,
            };
        }
        if let (Some(closes), Some((at, resumes))) = (self.closes, &self.reopens)
            && self.due >= closes
        {
            return ScheduleStatus::HoursEnd {
                resumes: resumes.clone(),
                at: *at,
            };
        }
        if self.snoozed {
            return ScheduleStatus::Snoozed { until: self.due };
        }
        ScheduleStatus::NextBreak { due: self.due }
    }
}

#[cfg(test)]
#[path = "schedule_tests.rs"]
mod tests;
