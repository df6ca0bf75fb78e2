//! Time going wrong around a countdown and the reminder schedule, with a manual clock: the
//! boot-time clock jumping, the wall clock stepped (NTP, the user), the time zone changed,
//! DST days, and suspend. Pure: no sleeping, no terminal.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan, ZonedDateTime};
use knotless::clock::{Clock, ManualClock, Moment};
use knotless::remind::schedule::{Schedule, ScheduleEffect, ScheduleStatus};
use knotless::remind::settings::{Days, Interval, ReminderSettings, WorkingHours};
use knotless::runner::{AWAY_AFTER, Mode};
use knotless::session::library::Library;
use knotless::tui::app::{App, Prefs};
use knotless::tui::keymap::Action;
use knotless::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const MIN: Duration = Duration::from_secs(60);

fn mins(n: u32) -> Duration {
    MIN * n
}

// ---- the countdown, through the app as the shell drives it ----

/// The built-in knot-relief session (heat 15–20 min first), started at the clock's now.
fn heat_session(clock: &ManualClock) -> App {
    let mut prefs = Prefs::new(Theme::mono());
    prefs.checkin = false;
    let mut app = App::with_prefs(Library::load(None), prefs, clock.now());
    app.set_clock(clock.now(), clock.wall());
    let session = app.library().get("knot-relief").unwrap().clone();
    app.open(session);
    app.handle(Action::Select, clock.now());
    assert_eq!(app.session().unwrap().runner().mode(), Mode::Running);
    app
}

fn tick(app: &mut App, clock: &ManualClock) {
    app.tick(clock.now());
}

fn remaining(app: &App, clock: &ManualClock) -> Duration {
    app.session()
        .unwrap()
        .runner()
        .remaining(clock.now())
        .unwrap()
}

fn screen(app: &App) -> String {
    let area = Rect::new(0, 0, 100, 30);
    let mut buf = Buffer::empty(area);
    knotless::tui::view::render(app, area, &mut buf);
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn wall_clock_steps_during_a_countdown_change_nothing() {
    let clock = ManualClock::new();
    let mut app = heat_session(&clock);
    clock.advance(mins(3));
    tick(&mut app, &clock);
    let before = remaining(&app, &clock);
    assert_eq!(before, mins(17));
    for step in [1i64, -1, -2, 24, 0] {
        let wall = clock.wall();
        clock.set_wall(wall.checked_add(step.hours()).unwrap());
        tick(&mut app, &clock);
        assert_eq!(remaining(&app, &clock), before, "after a {step} h step");
        assert_eq!(app.session().unwrap().runner().index(), 0);
    }
    // And time still runs by the boot clock only.
    clock.advance(Duration::from_secs(30));
    tick(&mut app, &clock);
    assert_eq!(remaining(&app, &clock), before - Duration::from_secs(30));
}

#[test]
fn a_six_minute_suspend_past_the_heat_waits_at_the_next_phase_with_a_notice() {
    let clock = ManualClock::new();
    let mut app = heat_session(&clock);
    clock.advance(mins(14));
    tick(&mut app, &clock);
    // The lid closes 14 min in; it opens 12 min later: heat ended at 20 min, 6 min ago.
    clock.suspend(mins(12));
    tick(&mut app, &clock);
    let runner = app.session().unwrap().runner();
    assert_eq!(runner.index(), 1, "only the heat phase ended");
    assert_eq!(
        runner.mode(),
        Mode::Paused,
        "the next phase waits for the user"
    );
    assert_eq!(remaining(&app, &clock), Duration::from_secs(30));
    let notice = runner.notice().unwrap();
    assert_eq!(notice.ended_at, Moment::ZERO + mins(20));
    let text = screen(&app);
    assert!(text.contains("6 min ago"), "{text}");
    assert!(
        text.contains("heating pad"),
        "the cue says what to do:\n{text}"
    );
    // Space resumes the waiting phase at its full length.
    app.handle(Action::TogglePause, clock.now());
    clock.advance(Duration::from_secs(10));
    tick(&mut app, &clock);
    assert_eq!(remaining(&app, &clock), Duration::from_secs(20));
}

#[test]
fn a_boot_clock_jump_shorter_than_away_chains_deadlines_and_loses_nothing() {
    let clock = ManualClock::new();
    let mut app = heat_session(&clock);
    // The heat phase ends at 20:00; the process is frozen and wakes 8 s later.
    clock.advance(mins(20) + AWAY_AFTER - Duration::from_secs(2));
    tick(&mut app, &clock);
    let runner = app.session().unwrap().runner();
    assert_eq!((runner.index(), runner.mode()), (1, Mode::Running));
    // The next phase started at 20:00, not when we noticed.
    assert_eq!(remaining(&app, &clock), Duration::from_secs(30 - 8));
}

#[test]
fn a_moment_earlier_than_the_last_one_is_harmless() {
    // The boot clock never goes back, but if a caller ever passed an older `now`, nothing
    // may panic, jump or end early.
    let clock = ManualClock::new();
    let mut app = heat_session(&clock);
    clock.advance(mins(5));
    tick(&mut app, &clock);
    let mut runner = app.session().unwrap().runner().clone();
    assert!(runner.advance(Moment::ZERO + mins(1)).is_empty());
    let left = runner.remaining(Moment::ZERO + mins(1)).unwrap();
    assert!(left <= mins(20), "{left:?}");
    assert_eq!(runner.index(), 0);
    assert!(runner.advance(Moment::ZERO).is_empty());
}

// ---- the reminder schedule, driven like the scheduler thread drives it ----

struct Rig {
    clock: ManualClock,
    s: Schedule,
}

impl Rig {
    fn new(settings: ReminderSettings, clock: ManualClock) -> Rig {
        let s = Schedule::new(settings, clock.now(), clock.awake(), &local(&clock), 7);
        Rig { clock, s }
    }

    fn wake(&mut self) -> Vec<ScheduleEffect> {
        self.s
            .on_wake(self.clock.now(), self.clock.awake(), &local(&self.clock))
    }

    /// Sleeps until the schedule's next due moment and wakes, as the thread does.
    fn sleep_until_due(&mut self) -> Vec<ScheduleEffect> {
        let due = self.s.next_due().unwrap();
        self.clock.advance(due - self.clock.now());
        self.wake()
    }

    fn local(&self) -> ZonedDateTime {
        local(&self.clock)
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

fn settings(every: &str, hours: Option<&str>) -> ReminderSettings {
    ReminderSettings {
        every: Interval::parse(every).unwrap(),
        hours: hours.map(|h| WorkingHours::parse(h).unwrap()),
        days: Days::ALL,
        ..ReminderSettings::default()
    }
}

fn at(clock: &ManualClock, wall: &str) {
    clock.set_wall(wall.parse::<Timestamp>().unwrap());
}

/// EU rules: summer time from the last Sunday of March 02:00 to the last of October 03:00.
fn berlin() -> TimeZone {
    TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap()
}

#[test]
fn a_wall_clock_step_does_not_move_the_next_reminder() {
    let clock = ManualClock::new(); // Monday 09:00 UTC
    let mut rig = Rig::new(settings("45m", None), clock);
    let due = rig.s.next_due().unwrap();
    rig.clock.advance(mins(10));
    for step in [1i64, -1, 3] {
        let wall = rig.clock.wall();
        rig.clock.set_wall(wall.checked_add(step.hours()).unwrap());
        assert!(
            rig.wake().is_empty(),
            "a clock step is not a break nor a reminder"
        );
        assert_eq!(rig.s.next_due(), Some(due));
    }
    assert_eq!(fired(&rig.sleep_until_due()), 1);
    assert_eq!(rig.clock.now(), Moment::ZERO + mins(45));
}

#[test]
fn quiet_hours_follow_a_wall_clock_step() {
    let clock = ManualClock::new();
    at(&clock, "2026-01-05T17:30:00Z"); // Monday 17:30, hours until 18:00
    let mut rig = Rig::new(settings("45m", Some("09:00..18:00")), clock);
    rig.clock.advance(mins(5));
    // NTP steps the clock 30 min ahead: 18:05, after hours.
    at(&rig.clock, "2026-01-05T18:05:00Z");
    assert_eq!(fired(&rig.wake()), 0);
    let ScheduleStatus::OutsideHours { resumes, at: when } = rig.s.status() else {
        panic!("{:?}", rig.s.status())
    };
    assert_eq!(resumes.datetime(), "2026-01-06T09:00".parse().unwrap());
    assert_eq!(when, rig.clock.now() + mins(14 * 60 + 55));
    // Nothing fires until then.
    assert_eq!(fired(&rig.sleep_until_due()), 0);
    assert_eq!(rig.local().time(), jiff::civil::time(9, 0, 0, 0));
}

#[test]
fn a_time_zone_change_moves_working_hours_to_the_new_local_time() {
    let clock = ManualClock::new();
    at(&clock, "2026-01-05T16:00:00Z"); // 16:00 in UTC: inside 09:00..18:00
    let mut rig = Rig::new(settings("45m", Some("09:00..18:00")), clock);
    assert!(matches!(rig.s.status(), ScheduleStatus::NextBreak { .. }));
    // The laptop flies east: UTC+3, 19:00 local, after hours.
    rig.clock.set_zone(TimeZone::fixed(jiff::tz::offset(3)));
    rig.clock.advance(mins(1));
    assert_eq!(fired(&rig.wake()), 0);
    let ScheduleStatus::OutsideHours { resumes, at: when } = rig.s.status() else {
        panic!("{:?}", rig.s.status())
    };
    assert_eq!(resumes.datetime(), "2026-01-06T09:00".parse().unwrap());
    assert_eq!(resumes.offset(), jiff::tz::offset(3));
    assert_eq!(when, rig.clock.now() + mins(13 * 60 + 59));
    // And west: UTC-5, 11:01 local: inside again, the interval counts from here.
    rig.clock.set_zone(TimeZone::fixed(jiff::tz::offset(-5)));
    assert_eq!(fired(&rig.wake()), 0);
    assert_eq!(rig.s.next_due(), Some(rig.clock.now() + mins(45)));
    assert_eq!(fired(&rig.sleep_until_due()), 1);
}

/// Reminders fired (every hour) inside a 22:00..06:00 window that opens on `evening`.
fn night_shift_reminders(evening: &str) -> (usize, Duration) {
    let clock = ManualClock::new();
    clock.set_zone(berlin());
    at(&clock, evening); // 21:30 local, before the window
    let mut rig = Rig::new(settings("1h", Some("22:00..06:00")), clock);
    assert_eq!(fired(&rig.sleep_until_due()), 0); // 22:00: the window opens
    let opened = rig.clock.now();
    let mut count = 0;
    loop {
        let n = fired(&rig.sleep_until_due());
        if matches!(rig.s.status(), ScheduleStatus::OutsideHours { .. }) {
            assert_eq!(n, 0, "nothing fires at the close");
            assert_eq!(rig.local().time(), jiff::civil::time(6, 0, 0, 0));
            return (count, rig.clock.now() - opened);
        }
        count += n;
        assert!(count < 20);
    }
}

#[test]
fn a_night_window_across_the_dst_changes_lasts_the_real_hours_it_has() {
    // Spring forward (Sunday 2026-03-29, 02:00 -> 03:00): 22:00..06:00 is 7 real hours.
    let (fired, long) = night_shift_reminders("2026-03-28T20:30:00Z");
    assert_eq!(long, mins(7 * 60));
    assert_eq!(fired, 6, "23, 00, 01, 03, 04, 05");
    // Fall back (Sunday 2026-10-25, 03:00 -> 02:00): 9 real hours.
    let (fired, long) = night_shift_reminders("2026-10-24T19:30:00Z");
    assert_eq!(long, mins(9 * 60));
    assert_eq!(fired, 8, "23, 00, 01, 02, 02 again, 03, 04, 05");
}

#[test]
fn office_hours_on_dst_days_start_at_nine_local_time() {
    for (saturday_evening, real_hours) in [
        ("2026-03-28T17:00:00Z", 14), // 18:00 CET -> Sunday 09:00 CEST
        ("2026-10-24T16:00:00Z", 16), // 18:00 CEST -> Sunday 09:00 CET
    ] {
        let clock = ManualClock::new();
        clock.set_zone(berlin());
        at(&clock, saturday_evening);
        let mut rig = Rig::new(settings("45m", Some("09:00..18:00")), clock);
        let ScheduleStatus::OutsideHours { resumes, at: when } = rig.s.status() else {
            panic!("{:?}", rig.s.status())
        };
        assert_eq!(resumes.time(), jiff::civil::time(9, 0, 0, 0));
        assert_eq!(
            when,
            Moment::ZERO + mins(real_hours * 60),
            "{saturday_evening}"
        );
        assert_eq!(fired(&rig.sleep_until_due()), 0);
        assert_eq!(rig.local().time(), jiff::civil::time(9, 0, 0, 0));
        // The first reminder 45 real minutes after 09:00, and the window closes at 18:00.
        assert_eq!(fired(&rig.sleep_until_due()), 1);
        assert_eq!(rig.local().time(), jiff::civil::time(9, 45, 0, 0));
    }
}

#[test]
fn a_suspend_across_the_end_of_working_hours_fires_nothing_and_resumes_next_morning() {
    let clock = ManualClock::new();
    at(&clock, "2026-01-05T17:40:00Z");
    let mut rig = Rig::new(settings("45m", Some("09:00..18:00")), clock);
    rig.clock.suspend(mins(60)); // 18:40 on waking
    let effects = rig.wake();
    assert_eq!(fired(&effects), 0);
    assert!(matches!(
        effects.as_slice(),
        [ScheduleEffect::NaturalBreakDetected { .. }]
    ));
    let ScheduleStatus::OutsideHours { resumes, .. } = rig.s.status() else {
        panic!("{:?}", rig.s.status())
    };
    assert_eq!(resumes.datetime(), "2026-01-06T09:00".parse().unwrap());
}
