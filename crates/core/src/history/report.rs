//! What the clinician report adds up over a period: per day, per session and overall. Pure:
//! runs and reminders are fed one at a time (the store streams them), the period and the time
//! zone come in as arguments. The HTML lives in the binary.

use crate::text::SafeText;
use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::stats::{PainChange, PainPoint, days_after, local_date, minutes};
use super::{Outcome, OutcomeCounts, Reminder, ReminderCounts, Run};

/// One local day of the period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Day {
    pub date: Date,
    pub outcomes: OutcomeCounts,
    /// Seconds spent in runs that ended.
    pub seconds: i64,
    pub reminders: ReminderCounts,
}

impl Day {
    #[must_use]
    pub fn minutes(&self) -> u32 {
        minutes(self.seconds)
    }
}

/// One session (by id) over the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionTotals {
    pub id: SafeText,
    /// The title of its latest run.
    pub title: SafeText,
    pub outcomes: OutcomeCounts,
    pub seconds: i64,
}

/// Everything the report shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub first_day: Date,
    pub last_day: Date,
    /// Every day of the period, oldest first.
    pub days: Vec<Day>,
    /// By session id.
    pub sessions: Vec<SessionTotals>,
    pub outcomes: OutcomeCounts,
    pub seconds: i64,
    /// Every rated run of the period, oldest first.
    pub pain: Vec<PainPoint>,
    pub pain_change: Option<PainChange>,
    pub reminders: ReminderCounts,
}

impl Report {
    /// No run and no reminder in the period.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.outcomes.total() == 0 && self.reminders.is_empty()
    }

    #[must_use]
    pub fn minutes(&self) -> u32 {
        minutes(self.seconds)
    }
}

/// Adds rows up, day by day, for the period `first_day..=last_day`. Rows outside it are left
/// out.
#[derive(Debug)]
pub struct ReportBuilder {
    tz: TimeZone,
    first_day: Date,
    last_day: Date,
    days: BTreeMap<Date, Day>,
    sessions: BTreeMap<SafeText, SessionTotals>,
    pain: Vec<PainPoint>,
    reminders: ReminderCounts,
    /// The starts of runs a knotless still running has under way.
    live: Vec<jiff::Timestamp>,
}

impl ReportBuilder {
    #[must_use]
    pub fn new(first_day: Date, last_day: Date, tz: TimeZone) -> ReportBuilder {
        ReportBuilder {
            tz,
            first_day,
            last_day,
            days: BTreeMap::new(),
            sessions: BTreeMap::new(),
            pain: Vec::new(),
            reminders: ReminderCounts::default(),
            live: Vec::new(),
        }
    }

    /// `starts`: the runs that knotless processes still running have under way. The store
    /// calls them cut short until they end; the report counts them as running.
    #[must_use]
    pub fn with_live_runs(mut self, starts: Vec<jiff::Timestamp>) -> ReportBuilder {
        self.live = starts;
        self
    }

    fn day(&mut self, date: Date) -> Option<&mut Day> {
        if date < self.first_day || date > self.last_day {
            return None;
        }
        Some(self.days.entry(date).or_insert(Day {
            date,
            outcomes: OutcomeCounts::default(),
            seconds: 0,
            reminders: ReminderCounts::default(),
        }))
    }

    pub fn add_run(&mut self, run: &Run) {
        let date = local_date(run.started_at, &self.tz);
        let running = u32::from(run.is_running(&self.live));
        let Some(day) = self.day(date) else { return };
        day.outcomes.add(run.outcome, 1);
        day.outcomes.mark_running(running);
        day.seconds += run.seconds();
        let session = self
            .sessions
            .entry(run.session.clone())
            .or_insert_with(|| SessionTotals {
                id: run.session.clone(),
                title: run.title.clone(),
                outcomes: OutcomeCounts::default(),
                seconds: 0,
            });
        session.outcomes.add(run.outcome, 1);
        session.outcomes.mark_running(running);
        session.seconds += run.seconds();
        if run.pain_before.is_some() || run.pain_after.is_some() {
            self.pain.push(PainPoint {
                started_at: run.started_at,
                date,
                before: run.pain_before,
                after: run.pain_after,
            });
        }
    }

    pub fn add_reminder(&mut self, reminder: &Reminder) {
        let date = local_date(reminder.at, &self.tz);
        let Some(day) = self.day(date) else { return };
        day.reminders.add(reminder.outcome, 1);
        self.reminders.add(reminder.outcome, 1);
    }

    #[must_use]
    pub fn finish(mut self) -> Report {
        let mut days = Vec::new();
        let mut date = self.first_day;
        while date <= self.last_day {
            days.push(self.day(date).copied().unwrap_or(Day {
                date,
                outcomes: OutcomeCounts::default(),
                seconds: 0,
                reminders: ReminderCounts::default(),
            }));
            let next = days_after(date, 1);
            if next == date {
                break;
            }
            date = next;
        }
        let mut outcomes = OutcomeCounts::default();
        for day in &days {
            for o in Outcome::ALL {
                outcomes.add(o, day.outcomes.get(o));
            }
            outcomes.running = outcomes.running.saturating_add(day.outcomes.running);
        }
        let seconds = days.iter().map(|d| d.seconds).sum();
        self.pain.sort_by_key(|p| p.started_at);
        let pain_change = average_change(&self.pain);
        let mut sessions: Vec<SessionTotals> = self.sessions.into_values().collect();
        sessions.sort_by(|a, b| {
            b.outcomes
                .total()
                .cmp(&a.outcomes.total())
                .then(a.id.cmp(&b.id))
        });
        Report {
            first_day: self.first_day,
            last_day: self.last_day,
            days,
            sessions,
            outcomes,
            seconds,
            pain: self.pain,
            pain_change,
            reminders: self.reminders,
        }
    }
}

fn average_change(points: &[PainPoint]) -> Option<PainChange> {
    let changes: Vec<i32> = points
        .iter()
        .filter_map(|p| Some(i32::from(p.after?) - i32::from(p.before?)))
        .collect();
    let runs = u32::try_from(changes.len()).ok().filter(|&n| n > 0)?;
    Some(PainChange {
        average: f64::from(changes.iter().sum::<i32>()) / f64::from(runs),
        runs,
    })
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::history::{Outcome, ReminderOutcome, RunId};

    fn run(at: &str, session: &str, minutes: i64, outcome: Outcome, pain: (u8, u8)) -> Run {
        let started_at: jiff::Timestamp = at.parse().unwrap();
        Run {
            id: RunId(0),
            session: session.into(),
            title: session.to_uppercase().into(),
            started_at,
            ended_at: (outcome != Outcome::CutShort)
                .then(|| started_at + jiff::SignedDuration::from_mins(minutes)),
            outcome,
            phases_done: 1,
            phases_skipped: 0,
            pain_before: (pain.0 <= 10).then_some(pain.0),
            pain_after: (pain.1 <= 10).then_some(pain.1),
        }
    }

    #[test]
    fn adds_up_by_day_session_and_outcome_within_the_period() {
        let mut b = ReportBuilder::new(date(2026, 1, 1), date(2026, 1, 3), TimeZone::UTC);
        b.add_run(&run(
            "2026-01-01T08:00:00Z",
            "a",
            20,
            Outcome::Completed,
            (6, 3),
        ));
        b.add_run(&run(
            "2026-01-01T18:00:00Z",
            "b",
            5,
            Outcome::Stopped,
            (99, 99),
        ));
        b.add_run(&run(
            "2026-01-03T08:00:00Z",
            "a",
            10,
            Outcome::FinishedWithSkips,
            (5, 4),
        ));
        b.add_run(&run(
            "2026-01-03T09:00:00Z",
            "a",
            10,
            Outcome::CutShort,
            (4, 99),
        ));
        b.add_run(&run(
            "2026-01-04T09:00:00Z",
            "a",
            10,
            Outcome::Completed,
            (9, 9),
        ));
        for (at, outcome) in [
            ("2026-01-02T10:00:00Z", ReminderOutcome::Fired),
            ("2026-01-02T10:01:00Z", ReminderOutcome::Taken),
            ("2025-12-31T10:00:00Z", ReminderOutcome::Fired),
        ] {
            b.add_reminder(&Reminder {
                at: at.parse().unwrap(),
                outcome,
            });
        }
        let r = b.finish();
        assert_eq!(r.days.len(), 3);
        let minutes: Vec<u32> = r.days.iter().map(Day::minutes).collect();
        assert_eq!(minutes, [25, 0, 10]);
        assert_eq!(r.days[1].reminders.taken, 1);
        assert_eq!((r.reminders.fired, r.reminders.taken), (1, 1));
        let o = r.outcomes;
        assert_eq!(
            (o.completed, o.finished_with_skips, o.stopped, o.cut_short),
            (1, 1, 1, 1)
        );
        assert_eq!(r.sessions[0].id, "a");
        assert_eq!(r.sessions[0].outcomes.total(), 3);
        assert_eq!(r.pain.len(), 3);
        let change = r.pain_change.unwrap();
        assert_eq!(change.runs, 2);
        assert!((change.average + 2.0).abs() < 1e-9);
        assert!(!r.is_empty());
    }

    #[test]
    fn a_run_under_way_counts_as_running_not_cut_short() {
        let live = run("2026-01-02T08:00:00Z", "a", 0, Outcome::CutShort, (5, 99));
        let killed = run("2026-01-02T07:00:00Z", "a", 0, Outcome::CutShort, (99, 99));
        let mut b =
            ReportBuilder::new(date(2026, 1, 1), date(2026, 1, 2), TimeZone::UTC).with_live_runs(
                vec![live.started_at, "2026-01-05T08:00:00Z".parse().unwrap()],
            );
        b.add_run(&live);
        b.add_run(&killed);
        let r = b.finish();
        for o in [r.outcomes, r.days[1].outcomes, r.sessions[0].outcomes] {
            assert_eq!((o.cut_short, o.running, o.total()), (1, 1, 2));
        }
        assert_eq!(r.days[0].outcomes.total(), 0);
    }

    #[test]
    fn an_empty_period_still_has_its_days() {
        let r = ReportBuilder::new(date(2026, 1, 1), date(2026, 1, 28), TimeZone::UTC).finish();
        assert!(r.is_empty());
        assert_eq!(r.days.len(), 28);
        assert_eq!(r.pain_change, None);
    }
}
