use std::time::Duration;

use jiff::ZonedDateTime;
use jiff::civil::time;
use jiff::tz::TimeZone;

use super::*;
use crate::remind::settings::{Days, Interval, WorkingHours};
use crate::time::{Clock, ManualClock};

const MIN: Duration = Duration::from_secs(60);

fn mins(n: u64) -> Duration {
    MIN * u32::try_from(n).unwrap()
}

/// A schedule driven like the scheduler thread drives it, by a manual clock.
struct Rig {
    clock: ManualClock,
    s: Schedule,
}

impl Rig {
    /// Starts Monday 2026-01-05 09:00 UTC.
    fn new(settings: ReminderSettings) -> Rig {
        Rig::at(settings, ManualClock::new())
    }

    fn at(settings: ReminderSettings, clock: ManualClock) -> Rig {
        let local = local(&clock);
        let s = Schedule::new(settings, clock.now(), clock.awake(), &local, 42);
        Rig { clock, s }
    }

    fn local(&self) -> ZonedDateTime {
        local(&self.clock)
    }

    fn wake(&mut self) -> Vec<ScheduleEffect> {
        let local = self.local();
        self.s.on_wake(self.clock.now(), self.clock.awake(), &local)
    }

    fn advance(&mut self, by: Duration) -> Vec<ScheduleEffect> {
        self.clock.advance(by);
        self.wake()
    }

    /// Sleeps until the schedule's next due moment, as the thread does, and wakes.
    fn sleep_until_due(&mut self) -> Vec<ScheduleEffect> {
        let due = self.s.next_due().expect("a due moment");
        self.clock.advance(due - self.clock.now());
        self.wake()
    }

    /// Sleeps from due moment to due moment until a reminder fires; returns the time it took.
    fn time_to_next_reminder(&mut self) -> Duration {
        let start = self.clock.now();
        for _ in 0..20 {
            if fired(&self.sleep_until_due()) == 1 {
                return self.clock.now() - start;
            }
        }
        panic!("no reminder fired");
    }
}

fn local(clock: &ManualClock) -> ZonedDateTime {
    clock.wall().to_zoned_datetime(clock.zone())
}

fn fired(effects: &[ScheduleEffect]) -> usize {
    effects
        .iter()
        .filter(|e| matches!(e, ScheduleEffect::ReminderDue(_)))
        .count()
}

fn every(text: &str) -> ReminderSettings {
    ReminderSettings {
        every: Interval::parse(text).unwrap(),
        ..ReminderSettings::default()
    }
}

#[test]
fn fixed_interval_fires_once_per_interval_and_never_early() {
    let mut rig = Rig::new(every("45m"));
    assert_eq!(
        rig.s.status(),
        ScheduleStatus::NextBreak {
            due: Moment::ZERO + mins(45)
        }
    );
    assert_eq!(fired(&rig.advance(mins(44))), 0);
    assert_eq!(fired(&rig.advance(mins(1))), 1);
    assert_eq!(rig.s.next_due(), Some(Moment::ZERO + mins(90)));
    for _ in 0..5 {
        assert_eq!(rig.time_to_next_reminder(), mins(45));
    }
}

#[test]
fn range_draws_every_interval_inside_the_range() {
    let mut rig = Rig::new(every("30m..60m"));
    let mut seen = std::collections::HashSet::new();
    for _ in 0..300 {
        let gap = rig.time_to_next_reminder();
        assert!((mins(30)..=mins(60)).contains(&gap), "{gap:?}");
        seen.insert(gap.as_secs() / 60);
    }
    assert!(
        seen.len() > 20,
        "draws should spread over the range: {seen:?}"
    );
}

#[test]
fn reminder_texts_rotate() {
    let mut rig = Rig::new(every("1m"));
    let texts: Vec<_> = (0..3)
        .map(|_| match rig.sleep_until_due().pop() {
            Some(ScheduleEffect::ReminderDue(r)) => r.summary,
            other => panic!("{other:?}"),
        })
        .collect();
    assert!(texts[0] != texts[1] && texts[1] != texts[2]);
}

#[test]
fn snooze_delays_by_the_snooze_time() {
    let mut rig = Rig::new(ReminderSettings {
        snooze: mins(10),
        ..every("45m")
    });
    assert_eq!(fired(&rig.advance(mins(45))), 1);
    rig.advance(Duration::from_secs(3));
    rig.s.snooze(rig.clock.now());
    let until = rig.clock.now() + mins(10);
    assert_eq!(rig.s.status(), ScheduleStatus::Snoozed { until });
    assert_eq!(rig.time_to_next_reminder(), mins(10));
    // After the snoozed reminder the normal interval resumes.
    assert_eq!(rig.time_to_next_reminder(), mins(45));
}

#[test]
fn a_snooze_answers_a_reminder_and_never_brings_the_next_break_closer() {
    let mut rig = Rig::new(ReminderSettings {
        snooze: mins(10),
        ..every("45m")
    });
    let next = ScheduleStatus::NextBreak {
        due: rig.clock.now() + mins(45),
    };
    // No reminder yet: `z` on the home screen changes nothing (it made the wait 10 min).
    rig.advance(mins(5));
    rig.s.snooze(rig.clock.now());
    assert_eq!(rig.s.status(), next);
    // A reminder, snoozed once: a second snooze before it comes back changes nothing.
    assert_eq!(fired(&rig.advance(mins(40))), 1);
    rig.s.snooze(rig.clock.now());
    let until = rig.clock.now() + mins(10);
    assert_eq!(rig.s.status(), ScheduleStatus::Snoozed { until });
    rig.advance(mins(3));
    rig.s.snooze(rig.clock.now());
    assert_eq!(rig.s.status(), ScheduleStatus::Snoozed { until });
    // Once the break is taken there is nothing left to snooze.
    assert_eq!(rig.time_to_next_reminder(), mins(7));
    rig.s.break_taken(rig.clock.now());
    let next = rig.s.status();
    rig.s.snooze(rig.clock.now());
    assert_eq!(rig.s.status(), next);
}

#[test]
fn pause_presets_hold_reminders_then_restart_the_clock() {
    for (preset, length) in [
        (PausePreset::ThirtyMinutes, mins(30)),
        (PausePreset::OneHour, mins(60)),
        (PausePreset::TwoHours, mins(120)),
    ] {
        let mut rig = Rig::new(every("20m"));
        rig.advance(mins(5));
        let local = rig.local();
        rig.s.pause(rig.clock.now(), preset, &local);
        let until = rig.clock.now() + length;
        assert_eq!(rig.s.status(), ScheduleStatus::Paused { until });
        assert_eq!(rig.s.next_due(), Some(until));
        // The pause ends without a reminder; the next one is an interval later.
        assert_eq!(rig.time_to_next_reminder(), length + mins(20));
    }
}

#[test]
fn resume_ends_a_pause_and_restarts_the_clock() {
    let mut rig = Rig::new(every("20m"));
    let local = rig.local();
    rig.s.pause(rig.clock.now(), PausePreset::TwoHours, &local);
    rig.advance(mins(50));
    rig.s.resume(rig.clock.now());
    assert_eq!(
        rig.s.status(),
        ScheduleStatus::NextBreak {
            due: rig.clock.now() + mins(20)
        }
    );
}

#[test]
fn pause_until_tomorrow_goes_to_the_next_working_day_start() {
    let hours = Some(WorkingHours::parse("09:00..18:00").unwrap());
    let weekdays = ["mon", "tue", "wed", "thu", "fri"]
        .iter()
        .fold(Days::NONE, |d, n| d.with(Days::parse_day(n).unwrap()));
    let clock = ManualClock::new();
    clock.set_wall("2026-01-09T11:00:00Z".parse().unwrap()); // a Friday
    let mut rig = Rig::at(
        ReminderSettings {
            hours,
            days: weekdays,
            ..every("45m")
        },
        clock,
    );
    let local = rig.local();
    rig.s
        .pause(rig.clock.now(), PausePreset::UntilTomorrow, &local);
    // Monday 09:00 is 2 days 22 hours away.
    let until = rig.clock.now() + mins((2 * 24 + 22) * 60);
    assert_eq!(rig.s.status(), ScheduleStatus::Paused { until });

    // Without working hours: 08:00 the next morning (knotless's choice), 23 hours on.
    let mut rig = Rig::new(every("45m"));
    let local = rig.local();
    rig.s
        .pause(rig.clock.now(), PausePreset::UntilTomorrow, &local);
    assert_eq!(
        rig.s.status(),
        ScheduleStatus::Paused {
            until: Moment::ZERO + mins(23 * 60)
        }
    );
}

#[test]
fn a_session_holds_reminders_and_its_end_restarts_the_clock() {
    let mut rig = Rig::new(every("45m"));
    rig.advance(mins(40));
    rig.s.session_started();
    assert_eq!(rig.s.status(), ScheduleStatus::HeldForSession);
    assert_eq!(rig.s.next_due(), None);
    // The reminder comes due during the session: held.
    assert_eq!(fired(&rig.advance(mins(10))), 0);
    assert_eq!(fired(&rig.advance(mins(2))), 0);
    rig.s.session_ended(rig.clock.now());
    // Dropped, not fired at the end: the user just moved. The clock restarts.
    assert_eq!(fired(&rig.wake()), 0);
    assert_eq!(rig.s.next_due(), Some(rig.clock.now() + mins(45)));
    assert_eq!(rig.time_to_next_reminder(), mins(45));
}

fn office(hours: &str, days: &[&str]) -> ReminderSettings {
    let days = days
        .iter()
        .fold(Days::NONE, |d, n| d.with(Days::parse_day(n).unwrap()));
    ReminderSettings {
        hours: Some(WorkingHours::parse(hours).unwrap()),
        days,
        ..every("45m")
    }
}

#[test]
fn outside_working_hours_nothing_fires_and_the_status_says_when_it_resumes() {
    let clock = ManualClock::new();
    clock.set_wall("2026-01-05T17:30:00Z".parse().unwrap()); // Monday 17:30
    let mut rig = Rig::at(office("09:00..18:00", &["mon", "tue"]), clock);
    // Due at 18:15, after hours: the wake finds us outside.
    assert_eq!(fired(&rig.sleep_until_due()), 0);
    let ScheduleStatus::OutsideHours { resumes, at } = rig.s.status() else {
        panic!("{:?}", rig.s.status());
    };
    assert_eq!(resumes.datetime(), "2026-01-06T09:00".parse().unwrap());
    assert_eq!(at, Moment::ZERO + mins(45) + mins(14 * 60 + 45));
    // Tuesday 09:00: the window opens and the clock starts there.
    assert_eq!(fired(&rig.sleep_until_due()), 0);
    assert_eq!(rig.time_to_next_reminder(), mins(45));
}

/// The shell wakes when the window closes, not at a due moment past it: from 18:00 the
/// status says when reminders resume (it said "next break 18:15" until 18:15). Before
/// that, a break due after the close is not named: the status says when breaks resume.
#[test]
fn the_status_turns_to_outside_hours_when_the_window_closes() {
    let clock = ManualClock::new();
    clock.set_wall("2026-01-05T17:30:00Z".parse().unwrap()); // Monday 17:30
    let mut rig = Rig::at(office("09:00..18:00", &["mon", "tue"]), clock);
    assert_eq!(rig.s.next_due(), Some(Moment::ZERO + mins(30)));
    let ScheduleStatus::HoursEnd { resumes, at } = rig.s.status() else {
        panic!("{:?}", rig.s.status())
    };
    assert_eq!(resumes.datetime(), "2026-01-06T09:00".parse().unwrap());
    assert_eq!(at, Moment::ZERO + mins(15 * 60 + 30));
    assert_eq!(fired(&rig.sleep_until_due()), 0);
    assert_eq!(rig.local().time(), time(18, 0, 0, 0));
    assert!(
        matches!(rig.s.status(), ScheduleStatus::OutsideHours { .. }),
        "{:?}",
        rig.s.status()
    );
    // Inside the window with a break due before it closes, the break comes first.
    let clock = ManualClock::new();
    clock.set_wall("2026-01-05T16:00:00Z".parse().unwrap());
    let rig = Rig::at(office("09:00..18:00", &["mon"]), clock);
    assert_eq!(rig.s.next_due(), Some(Moment::ZERO + mins(45)));
    assert_eq!(
        rig.s.status(),
        ScheduleStatus::NextBreak {
            due: Moment::ZERO + mins(45)
        }
    );
}

#[test]
fn a_window_closes_where_its_hours_or_days_end() {
    let windows = |hours: Option<&str>, days: &[&str]| Windows {
        hours: hours.map(|h| WorkingHours::parse(h).unwrap()),
        days: days
            .iter()
            .fold(Days::NONE, |d, n| d.with(Days::parse_day(n).unwrap())),
    };
    let at = |text: &str| -> ZonedDateTime { format!("{text}[UTC]").parse().unwrap() };
    let end = |w: Windows, local: &str| w.end_after(&at(local)).map(|z| z.datetime());
    let week = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    // Monday 2026-01-05.
    let office = windows(Some("09:00..18:00"), &week);
    assert_eq!(
        end(office, "2026-01-05T17:30"),
        Some("2026-01-05T18:00".parse().unwrap())
    );
    assert_eq!(end(office, "2026-01-05T18:30"), None);
    let night = windows(Some("22:00..06:00"), &["mon"]);
    assert_eq!(
        end(night, "2026-01-05T23:00"),
        Some("2026-01-06T06:00".parse().unwrap())
    );
    assert_eq!(
        end(night, "2026-01-06T01:00"),
        Some("2026-01-06T06:00".parse().unwrap())
    );
    let weekdays = windows(None, &week[..5]);
    assert_eq!(
        end(weekdays, "2026-01-07T12:00"),
        Some("2026-01-10T00:00".parse().unwrap())
    );
    assert_eq!(end(windows(None, &week), "2026-01-07T12:00"), None);
}

#[test]
fn days_skip_the_weekend() {
    let clock = ManualClock::new();
    clock.set_wall("2026-01-09T17:50:00Z".parse().unwrap()); // Friday 17:50
    let mut rig = Rig::at(
        office("09:00..18:00", &["mon", "tue", "wed", "thu", "fri"]),
        clock,
    );
    rig.sleep_until_due();
    let ScheduleStatus::OutsideHours { resumes, .. } = rig.s.status() else {
        panic!()
    };
    assert_eq!(resumes.datetime(), "2026-01-12T09:00".parse().unwrap()); // Monday
}

#[test]
fn hours_may_cross_midnight() {
    // A night shift from Monday 22:00 to Tuesday 06:00, on Mondays only.
    let clock = ManualClock::new();
    clock.set_wall("2026-01-05T23:00:00Z".parse().unwrap()); // Monday 23:00
    let mut rig = Rig::at(
        ReminderSettings {
            every: Interval::parse("1h").unwrap(),
            ..office("22:00..06:00", &["mon"])
        },
        clock,
    );
    assert!(!matches!(
        rig.s.status(),
        ScheduleStatus::OutsideHours { .. }
    ));
    // Tuesday 00:00 still belongs to Monday's window.
    assert_eq!(fired(&rig.sleep_until_due()), 1);
    for _ in 0..5 {
        assert_eq!(fired(&rig.sleep_until_due()), 1);
    }
    // Tuesday 06:00 is outside; the next window is next Monday 22:00.
    assert_eq!(fired(&rig.sleep_until_due()), 0);
    let ScheduleStatus::OutsideHours { resumes, .. } = rig.s.status() else {
        panic!()
    };
    assert_eq!(resumes.datetime(), "2026-01-12T22:00".parse().unwrap());
}

#[test]
fn working_hours_follow_local_time_across_a_dst_change() {
    // US Eastern; DST starts Sunday 2026-03-08 at 02:00 (clocks jump to 03:00).
    let clock = ManualClock::new();
    clock.set_zone(TimeZone::posix("EST5EDT,M3.2.0,M11.1.0").unwrap());
    clock.set_wall("2026-03-07T23:00:00Z".parse().unwrap()); // Saturday 18:00 EST
    let mut rig = Rig::at(office("09:00..18:00", &["sat", "sun", "mon"]), clock);
    let ScheduleStatus::OutsideHours { resumes, at } = rig.s.status() else {
        panic!()
    };
    assert_eq!(resumes.datetime(), "2026-03-08T09:00".parse().unwrap());
    assert_eq!(resumes.offset(), jiff::tz::offset(-4));
    // 18:00 EST to 09:00 EDT is 15 wall-clock hours but only 14 real ones.
    assert_eq!(at, Moment::ZERO + mins(14 * 60));
    rig.sleep_until_due();
    assert_eq!(rig.local().time(), time(9, 0, 0, 0));
    assert_eq!(rig.time_to_next_reminder(), mins(45));
    // Pause until tomorrow on the DST day: Monday 09:00 EDT, 24 real hours later.
    let local = rig.local();
    let now = rig.clock.now();
    rig.s.pause(now, PausePreset::UntilTomorrow, &local);
    let ScheduleStatus::Paused { until } = rig.s.status() else {
        panic!()
    };
    assert_eq!(until - now, mins(24 * 60) - mins(45));
}

#[test]
fn a_long_suspend_is_a_natural_break_not_a_burst() {
    let mut rig = Rig::new(every("45m"));
    rig.advance(mins(30));
    // Asleep for three hours: several intervals "missed".
    rig.clock.suspend(mins(180));
    let effects = rig.wake();
    assert_eq!(fired(&effects), 0);
    assert_eq!(
        effects,
        vec![ScheduleEffect::NaturalBreakDetected { gap: mins(180) }]
    );
    assert_eq!(rig.s.next_due(), Some(rig.clock.now() + mins(45)));
    assert_eq!(fired(&rig.wake()), 0);
    assert_eq!(rig.time_to_next_reminder(), mins(45));
}

#[test]
fn a_short_suspend_past_the_due_time_fires_just_one() {
    let mut rig = Rig::new(every("10m"));
    rig.advance(mins(8));
    rig.clock.suspend(mins(4)); // below the 5-minute natural break
    assert_eq!(fired(&rig.wake()), 1);
    assert_eq!(fired(&rig.wake()), 0);
    assert_eq!(rig.s.next_due(), Some(rig.clock.now() + mins(10)));
}

#[test]
fn a_stopped_process_waking_late_restarts_without_a_burst() {
    // Both clocks move (SIGSTOP, a frozen VM): only the lateness shows it.
    let mut rig = Rig::new(every("10m"));
    let effects = rig.advance(mins(95));
    assert_eq!(fired(&effects), 0);
    assert_eq!(
        effects,
        vec![ScheduleEffect::NaturalBreakDetected { gap: mins(85) }]
    );
    assert_eq!(rig.time_to_next_reminder(), mins(10));
}

#[test]
fn a_little_lateness_still_fires() {
    let mut rig = Rig::new(every("10m"));
    assert_eq!(fired(&rig.advance(mins(11))), 1);
}

#[test]
fn disabled_never_fires() {
    let mut rig = Rig::new(ReminderSettings {
        enabled: false,
        ..every("1m")
    });
    assert_eq!(rig.s.status(), ScheduleStatus::Disabled);
    assert_eq!(rig.s.next_due(), None);
    assert_eq!(fired(&rig.advance(mins(600))), 0);
}

#[test]
fn a_successor_carries_the_owners_next_break_snooze_and_pause() {
    let mut owner = Rig::new(every("45m"));
    owner.advance(mins(30));
    // Thirty minutes in, the owner exits; a schedule started now takes its place.
    let mut next = Rig::at(every("45m"), owner.clock.clone());
    next.s.carry_over(Some(&owner.s.status()), false);
    assert_eq!(next.s.status(), owner.s.status());
    assert_eq!(fired(&next.wake()), 0, "no reminder at the hand-over");
    assert_eq!(next.time_to_next_reminder(), mins(15), "no reset either");

    // The shared clock is at the owner's break now: it fires, and the owner snoozes it.
    assert_eq!(fired(&owner.wake()), 1);
    owner.s.snooze(owner.clock.now());
    assert!(matches!(owner.s.status(), ScheduleStatus::Snoozed { .. }));
    let mut snoozed = Rig::at(every("45m"), owner.clock.clone());
    snoozed.s.carry_over(Some(&owner.s.status()), false);
    assert_eq!(snoozed.s.status(), owner.s.status());

    let local = owner.local();
    owner
        .s
        .pause(owner.clock.now(), PausePreset::OneHour, &local);
    let mut paused = Rig::at(every("45m"), owner.clock.clone());
    paused.s.carry_over(Some(&owner.s.status()), false);
    assert_eq!(paused.s.status(), owner.s.status());
    assert_eq!(paused.s.next_due(), Some(owner.clock.now() + mins(60)));
}

#[test]
fn a_successor_can_snooze_the_reminder_its_owner_fired_and_nothing_else() {
    let mut owner = Rig::new(every("45m"));
    assert_eq!(fired(&owner.advance(mins(45))), 1);
    // The owner dies with its reminder unanswered; the successor hears that it is open.
    let mut open = Rig::at(every("45m"), owner.clock.clone());
    open.s.carry_over(Some(&owner.s.status()), true);
    open.s.snooze(open.clock.now());
    assert_eq!(
        open.s.status(),
        ScheduleStatus::Snoozed {
            until: open.clock.now() + every("45m").snooze
        }
    );
    // Answered before the hand-over (nothing open): a snooze does not bring a break closer.
    let mut answered = Rig::at(every("45m"), owner.clock.clone());
    answered.s.carry_over(Some(&owner.s.status()), false);
    answered.s.snooze(answered.clock.now());
    assert_eq!(answered.s.status(), owner.s.status());
}

#[test]
fn taking_a_break_restarts_the_clock_and_ends_a_snooze() {
    let mut rig = Rig::new(every("45m"));
    assert_eq!(fired(&rig.advance(mins(45))), 1);
    rig.s.snooze(rig.clock.now());
    assert!(matches!(rig.s.status(), ScheduleStatus::Snoozed { .. }));
    rig.advance(mins(2));
    rig.s.break_taken(rig.clock.now());
    assert_eq!(
        rig.s.status(),
        ScheduleStatus::NextBreak {
            due: rig.clock.now() + mins(45)
        }
    );
    assert_eq!(rig.time_to_next_reminder(), mins(45));
}

#[test]
fn away_long_enough_is_a_natural_break_and_nothing_fires_meanwhile() {
    let mut rig = Rig::new(ReminderSettings {
        natural_break: mins(5),
        ..every("45m")
    });
    rig.advance(mins(40));
    rig.s.away(rig.clock.now());
    assert_eq!(rig.s.next_due(), None, "held while away");
    // The reminder comes due during the lock: nothing fires.
    assert_eq!(fired(&rig.advance(mins(10))), 0);
    let effect = rig.s.back(rig.clock.now());
    assert_eq!(
        effect,
        Some(ScheduleEffect::NaturalBreakDetected { gap: mins(10) })
    );
    // No burst at the return: the clock restarted.
    assert_eq!(fired(&rig.wake()), 0);
    assert_eq!(rig.time_to_next_reminder(), mins(45));
}

#[test]
fn away_briefly_changes_nothing_but_the_wait() {
    let mut rig = Rig::new(ReminderSettings {
        natural_break: mins(5),
        ..every("45m")
    });
    rig.advance(mins(43));
    rig.s.away(rig.clock.now());
    assert_eq!(fired(&rig.advance(mins(3))), 0);
    assert_eq!(rig.s.back(rig.clock.now()), None);
    // The reminder due during the short absence comes once, now.
    assert_eq!(fired(&rig.wake()), 1);
    assert_eq!(fired(&rig.wake()), 0);
}
