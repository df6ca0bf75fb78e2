//! How each reminder ends, decided in one place (the schedule's owner), whichever instance
//! or notification button the answer came from. PURE: `now` comes in.
//!
//! A reminder that fired is **open** until it is answered:
//! - **taken**: a break is taken (`b`, the banner, "Start stretch") or any session starts;
//! - **snoozed**: snooze, from a key or the notification;
//! - **dismissed**: closed on purpose without a break (Esc on the banner, or a pause);
//! - **ignored**: no answer within [`IGNORED_AFTER`], or the next reminder fired first.
//!
//! Each answer is given once; later commands find nothing open.

use std::time::Duration;

use super::protocol::SchedulerCommand;
use crate::history::ReminderOutcome;
use crate::time::Moment;

/// How long a reminder waits for an answer before it counts as ignored: as long as its
/// desktop notification listens for a click (knotless's choice).
pub const IGNORED_AFTER: Duration = Duration::from_secs(5 * 60);

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    /// When the open reminder counts as ignored.
    open_until: Option<Moment>,
}

impl Answers {
    /// A reminder fired at `now`; the one still open, if any, was ignored.
    pub fn fired(&mut self, now: Moment) -> Option<ReminderOutcome> {
        let previous = self.open_until.take().map(|_| ReminderOutcome::Ignored);
        self.open_until = Some(now + IGNORED_AFTER);
        previous
    }

    /// Takes over a reminder another owner fired, open until `until`.
    pub fn carry(&mut self, until: Moment) {
        self.open_until = Some(until);
    }

    /// What `command` answers, if a reminder is open.
    pub fn command(&mut self, command: SchedulerCommand) -> Option<ReminderOutcome> {
        let outcome = match command {
            SchedulerCommand::BreakTaken | SchedulerCommand::SessionStarted => {
                ReminderOutcome::Taken
            }
            SchedulerCommand::Snooze => ReminderOutcome::Snoozed,
            SchedulerCommand::Dismiss | SchedulerCommand::Pause(_) => ReminderOutcome::Dismissed,
            SchedulerCommand::SessionEnded
            | SchedulerCommand::Resume
            | SchedulerCommand::Away(_)
            | SchedulerCommand::Back
            | SchedulerCommand::Shutdown => return None,
        };
        self.open_until.take().map(|_| outcome)
    }

    /// `Ignored` once the open reminder's time is up.
    pub fn wake(&mut self, now: Moment) -> Option<ReminderOutcome> {
        let until = self.open_until?;
        (now >= until).then(|| {
            self.open_until = None;
            ReminderOutcome::Ignored
        })
    }

    /// When [`Answers::wake`] has something to say.
    #[must_use]
    pub fn next_due(&self) -> Option<Moment> {
        self.open_until
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::remind::schedule::PausePreset;

    #[test]
    fn each_reminder_gets_exactly_one_answer() {
        let mut a = Answers::default();
        assert_eq!(a.command(SchedulerCommand::Snooze), None, "nothing open");
        assert_eq!(a.fired(Moment::from_secs(10)), None);
        assert_eq!(
            a.command(SchedulerCommand::Snooze),
            Some(ReminderOutcome::Snoozed)
        );
        assert_eq!(a.command(SchedulerCommand::BreakTaken), None, "answered");
        a.fired(Moment::from_secs(20));
        assert_eq!(
            a.command(SchedulerCommand::SessionStarted),
            Some(ReminderOutcome::Taken)
        );
        a.fired(Moment::from_secs(30));
        assert_eq!(
            a.command(SchedulerCommand::Pause(PausePreset::OneHour)),
            Some(ReminderOutcome::Dismissed)
        );
        a.fired(Moment::from_secs(40));
        assert_eq!(a.command(SchedulerCommand::Resume), None);
        assert_eq!(
            a.command(SchedulerCommand::Dismiss),
            Some(ReminderOutcome::Dismissed)
        );
    }

    #[test]
    fn unanswered_it_is_ignored_after_its_time_or_at_the_next_reminder() {
        let mut a = Answers::default();
        a.fired(Moment::ZERO);
        assert_eq!(a.next_due(), Some(Moment::ZERO + IGNORED_AFTER));
        assert_eq!(a.wake(Moment::from_secs(60)), None);
        assert_eq!(
            a.wake(Moment::ZERO + IGNORED_AFTER),
            Some(ReminderOutcome::Ignored)
        );
        assert_eq!(a.wake(Moment::from_secs(3600)), None, "once");
        a.fired(Moment::from_secs(4000));
        assert_eq!(
            a.fired(Moment::from_secs(4002)),
            Some(ReminderOutcome::Ignored)
        );
    }

    #[test]
    fn a_carried_reminder_keeps_its_time_and_takes_one_answer() {
        let mut a = Answers::default();
        a.carry(Moment::from_secs(300));
        assert_eq!(a.next_due(), Some(Moment::from_secs(300)));
        assert_eq!(
            a.command(SchedulerCommand::Snooze),
            Some(ReminderOutcome::Snoozed)
        );
        assert_eq!(a.next_due(), None);
        a.carry(Moment::from_secs(300));
        assert_eq!(a.wake(Moment::from_secs(299)), None);
        assert_eq!(
            a.wake(Moment::from_secs(300)),
            Some(ReminderOutcome::Ignored)
        );
    }
}
