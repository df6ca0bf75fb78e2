//! Whole-screen snapshots at 80x24 (ratatui `Buffer` + insta) and tiny-size smoke tests.
//! Snapshots hold no colour, so important styles are asserted on cells.

use std::time::Duration;

use knotless::clock::Moment;
use knotless::runner::Command;
use knotless::session::library::Library;
use knotless::session::{Session, Source, Step, Timing};
use knotless::text::SafeText;
use knotless::tui::app::{App, Overlay, Screen};
use knotless::tui::keymap::Action;
use knotless::tui::theme::Theme;
use knotless::tui::view;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn step(name: &str, timing: Timing) -> Step {
    Step {
        name: name.into(),
        timing,
        reps: 1,
        sides: vec![],
        rest: None,
        instructions: None,
        caution: None,
        cue: None,
        art: None,
        basis: None,
        pace: None,
    }
}

fn relief() -> Session {
    let mut heat = step(
        "Heat",
        Timing::Range {
            min: Duration::from_secs(900),
            max: Duration::from_secs(1200),
        },
    );
    heat.instructions = Some("Lie on your side or back with a warm pad over the sore spot.".into());
    heat.cue = Some("Take the pad off and let your skin cool.".into());
    let mut knee = step("Knee-to-chest", Timing::Fixed(Duration::from_secs(30)));
    knee.sides = vec!["left".into(), "right".into()];
    knee.reps = 2;
    knee.rest = Some(Duration::from_secs(10));
    knee.instructions = Some(SafeText::multiline(
        "Lie on your back. Slowly draw one knee towards your chest and hold it there gently.\nBreathe out as you pull.",
    ));
    knee.caution = Some("Ease off if pain spreads into your leg.".into());
    knee.cue = Some("Lower the leg slowly.".into());
    let mut ball = step(
        "Ball compression",
        Timing::Range {
            min: Duration::from_secs(30),
            max: Duration::from_secs(60),
        },
    );
    ball.caution = Some("Firm but bearable: never sharp or radiating pain.".into());
    Session {
        id: "knot-relief".into(),
        title: "Lower-back knot relief".into(),
        summary: Some("Heat, gentle stretches, then ball compression.".into()),
        tags: vec![],
        equipment: vec![],
        closing: None,
        steps: vec![heat, knee, ball],
        source: Source::BuiltIn,
    }
}

fn unwind() -> Session {
    Session {
        id: "unwind".into(),
        title: "Unwind".into(),
        summary: Some("Slow breathing.".into()),
        tags: vec![],
        equipment: vec![],
        closing: None,
        steps: vec![step("Breathe", Timing::Fixed(Duration::from_secs(300)))],
        source: Source::BuiltIn,
    }
}

fn app_library() -> Library {
    Library {
        sessions: vec![relief(), unwind()],
        broken: vec![],
    }
}

fn app() -> App {
    App::new(app_library(), Theme::colour(), Moment::ZERO)
}

fn draw(app: &App, width: u16, height: u16) -> Buffer {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    view::render(app, area, &mut buf);
    buf
}

fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn at(s: u64) -> Moment {
    Moment::from_secs(s)
}

/// The app on knot-relief, started at 0 and looked at `now`.
fn running(now: Moment) -> App {
    let mut a = app();
    a.handle(Action::Select, at(0));
    a.handle(Action::Select, at(0));
    a.tick(now);
    a
}

#[test]
fn home() {
    let a = app();
    let buf = draw(&a, 80, 24);
    insta::assert_snapshot!("home", text(&buf));
    // Names before durations: the whole name, and the length in whole minutes when the
    // exact one does not fit beside it (the preview has it exactly).
    assert!(text(&buf).contains("› Lower-back knot relief  18–24m│"));
    let narrow = text(&draw(&a, 60, 18));
    assert!(!narrow.contains("Lowe…"), "{narrow}");
    // A narrow key line keeps opening, help, safety and quit.
    assert!(
        narrow.ends_with(" ↑↓ choose  Enter open  ? help  ! safety  q quit\n"),
        "{narrow}"
    );
}

#[test]
fn intro() {
    let mut a = app();
    a.handle(Action::Select, at(0));
    a.handle(Action::Digit(6), at(0));
    insta::assert_snapshot!("intro", text(&draw(&a, 80, 24)));
}

#[test]
fn running_work_phase() {
    let mut a = running(at(0));
    // Skip the heat to the knee-to-chest, 12.5 s into it.
    a.handle(Action::Next, at(100));
    a.tick(Moment::from_duration(Duration::from_millis(112_500)));
    let buf = draw(&a, 80, 24);
    let shown = text(&buf);
    insta::assert_snapshot!("running", shown);
    assert!(shown.contains("0:18 left"), "the gauge label shows m:ss");
    assert!(shown.contains("Left · rep 1 of 2"));
}

#[test]
fn a_narrow_frame_shortens_the_progress_rather_than_cutting_it() {
    let a = running(at(0));
    let top = |w: u16| text(&draw(&a, w, 12)).lines().nth(1).unwrap().to_string();
    for w in [30, 40] {
        let wide = top(w);
        assert!(
            wide.ends_with(" phase 1 of 9 · 23:30 left ┐"),
            "{w}: {wide}"
        );
    }
    for w in [24, 28] {
        let narrow = top(w);
        assert!(narrow.ends_with(" 1/9 · 23:30 ┐"), "{w}: {narrow}");
    }
}

#[test]
fn a_narrow_footer_keeps_help_and_quit() {
    let a = running(at(0));
    let footer = |w: u16| text(&draw(&a, w, 18)).lines().last().unwrap().to_string();
    let wide = footer(100);
    assert!(
        wide.contains("p previous") && wide.contains("r restart"),
        "{wide}"
    );
    for w in [50, 60] {
        let narrow = footer(w);
        assert!(
            narrow.starts_with(" Space pause") && narrow.ends_with("q quit  ? help"),
            "{w}: {narrow}"
        );
    }
}

#[test]
fn a_long_step_name_is_cut_short_of_the_side_and_rep_rather_than_drawn_under_them() {
    let mut a = running(at(0));
    a.handle(Action::Next, at(100));
    for width in [32u16, 40, 80] {
        let shown = text(&draw(&a, width, 24));
        let row = shown
            .lines()
            .find(|l| l.contains("Knee"))
            .unwrap_or_default();
        // The side and rep whole; the name whole or cut with an ellipsis, a gap before them.
        assert!(row.contains(" Left · rep 1 of 2 "), "{width}: {row:?}");
        let name_end = if width < 40 {
            "… Left"
        } else {
            "Knee-to-chest "
        };
        assert!(row.contains(name_end), "{width}: {row:?}");
    }
    // Narrower than the side and rep themselves: they are cut with an ellipsis too.
    let tiny = text(&draw(&a, 16, 24));
    let row = tiny
        .lines()
        .find(|l| l.contains("Left"))
        .unwrap_or_default();
    assert!(row.contains("Left · rep") && row.contains('…'), "{row:?}");
}

#[test]
fn rest_phase() {
    let mut a = running(at(0));
    a.handle(Action::Next, at(100));
    a.tick(at(131));
    let shown = text(&draw(&a, 80, 24));
    insta::assert_snapshot!("rest", shown);
    assert!(shown.contains("Rest · next: Right"));
    // Said once: the heading's "next" is not repeated in a "Next: …" line.
    assert_eq!(shown.matches("ext: Right").count(), 1, "{shown}");
}

#[test]
fn paused() {
    let mut a = running(at(0));
    a.handle(Action::TogglePause, at(65));
    let shown = text(&draw(&a, 80, 24));
    insta::assert_snapshot!("paused", shown);
    assert!(shown.contains("Paused"));
}

#[test]
fn help_overlay() {
    let mut a = running(at(0));
    a.handle(Action::Help, at(1));
    assert_eq!(a.overlay(), Some(Overlay::Help));
    insta::assert_snapshot!("help", text(&draw(&a, 80, 24)));
}

/// The safety notes and the guide: their keys said once (on the key line under them),
/// and a marker on the heading's row once they are scrolled.
#[test]
fn notes_say_their_keys_once_and_what_is_above_when_scrolled() {
    for (open, keys) in [
        (Action::Safety, "I understand"),
        (Action::Guide, "Esc closes"),
    ] {
        let mut a = app();
        a.handle(open, at(1));
        let shown = text(&draw(&a, 80, 24));
        assert_eq!(shown.matches(keys).count(), 1, "{shown}");
        assert!(!shown.contains("↑ more"), "{shown}");
        for _ in 0..4 {
            a.handle(Action::Down, at(2));
        }
        let shown = text(&draw(&a, 80, 24));
        let heading = shown.lines().nth(2).unwrap_or_default();
        assert!(heading.contains("↑ more"), "{shown}");
    }
}

#[test]
fn summary() {
    let mut a = running(at(0));
    // Skip everything: 1 heat + 7 knee phases + 1 ball.
    for i in 0..9 {
        a.handle(Action::Next, at(10 + i));
    }
    a.handle(Action::Digit(3), at(30));
    let shown = text(&draw(&a, 80, 24));
    insta::assert_snapshot!("summary", shown);
    // Every phase skipped: finished, not complete, and no "Well done".
    assert!(shown.contains("Session finished, every phase skipped"));
    assert!(!shown.contains("Session complete") && !shown.contains("Well done"));
}

#[test]
fn range_phase_hint_and_release() {
    let mut a = running(at(0));
    a.handle(Action::Select, at(60));
    assert!(text(&draw(&a, 80, 24)).contains("Hold at least 14:00 more"));
    a.handle(Action::Select, at(900));
    assert_eq!(a.session().map(|s| s.runner().index()), Some(1));
}

#[test]
fn quit_asks_first_during_a_session() {
    let mut a = running(at(0));
    a.handle(Action::Quit, at(1));
    assert_eq!(a.overlay(), Some(Overlay::ConfirmQuit));
    let shown = text(&draw(&a, 80, 24));
    assert!(shown.contains("Leave the session?"));
    // The key line says what the dialog's keys do, not the countdown's keys it ignores.
    let key_line = shown.lines().last().unwrap_or_default();
    assert!(key_line.contains("y leave") && key_line.contains("n keep going"));
    assert!(!key_line.contains("pause") && !key_line.contains("resume"));
    a.handle(Action::No, at(2));
    assert_eq!(a.overlay(), None);
    a.handle(Action::Quit, at(3));
    a.handle(Action::Yes, at(4));
    assert_eq!(a.screen(), Screen::Home);
}

#[test]
fn countdown_style_is_the_accent_and_caution_is_highlighted() {
    let mut a = running(at(0));
    a.handle(Action::Next, at(100));
    let buf = draw(&a, 80, 24);
    let theme = Theme::colour();
    let big = (0..24u16)
        .flat_map(|y| (0..80u16).map(move |x| (x, y)))
        .find(|&(x, y)| buf[(x, y)].symbol() == "█")
        .expect("a big countdown is drawn");
    assert_eq!(buf[big].fg, theme.accent.fg.unwrap());
    let shown = text(&buf);
    let row = shown
        .lines()
        .position(|l| l.contains("Ease off"))
        .expect("caution shown");
    let col = shown
        .lines()
        .nth(row)
        .unwrap()
        .chars()
        .position(|c| c == 'E')
        .unwrap();
    assert_eq!(buf[(col as u16, row as u16)].fg, theme.caution.fg.unwrap());
}

#[test]
fn every_screen_renders_at_tiny_sizes() {
    let mut screens = vec![app()];
    let mut intro = app();
    intro.handle(Action::Select, at(0));
    screens.push(intro);
    screens.push(running(at(5)));
    let mut help = running(at(5));
    help.handle(Action::Help, at(5));
    screens.push(help);
    let mut confirm = running(at(5));
    confirm.handle(Action::Quit, at(5));
    screens.push(confirm);
    let mut done = running(at(0));
    for i in 0..9 {
        done.handle(Action::Next, at(i));
    }
    screens.push(done);
    for a in &screens {
        for (w, h) in [(1, 1), (2, 2), (20, 5), (10, 40), (300, 3), (0, 0)] {
            let _ = draw(a, w, h);
        }
    }
    let _ = Command::Start;
}

mod reminders {
    use super::*;
    use knotless::history::ReminderOutcome;
    use knotless::remind::schedule::ScheduleStatus;
    use knotless::remind::thread::{ReminderEvent, SchedulerCommand};
    use knotless::runtime::HistoryJob;
    use knotless::tui::app::{BreakSession, Input, Prefs};
    use knotless::tui::effects::Effect;

    /// The app plus every effect it asked for since the last look.
    struct Rig {
        app: App,
        out: Vec<Effect>,
    }

    impl std::ops::Deref for Rig {
        type Target = App;
        fn deref(&self) -> &App {
            &self.app
        }
    }

    impl Rig {
        fn new(app: App) -> Rig {
            Rig { app, out: vec![] }
        }
        fn handle(&mut self, action: Action, now: Moment) {
            let more = self.app.handle(action, now);
            self.out.extend(more);
        }
        fn tick(&mut self, now: Moment) {
            let more = self.app.tick(now);
            self.out.extend(more);
        }
        fn reminder_event(&mut self, event: ReminderEvent, now: Moment) {
            let more = self.app.update(Input::Reminder(event), now);
            self.out.extend(more);
        }
        /// The schedule says, at time 0, that the next break is due at `due`.
        fn next_break_due(&mut self, due: Moment) {
            let status = ScheduleStatus::NextBreak { due };
            self.reminder_event(ReminderEvent::StatusChanged(status), at(0));
        }
        fn take_outputs(&mut self) -> Vec<Effect> {
            std::mem::take(&mut self.out)
        }
    }

    fn rig() -> Rig {
        Rig::new(app())
    }

    /// Ctrl-Z lets the schedule go: another knotless answers or replaces the reminder
    /// meanwhile, so neither the banner nor the status survive to `fg`. Reminders turned
    /// off take the banner away too (the open reminder is dismissed then).
    #[test]
    fn ctrl_z_and_reminders_turned_off_take_the_banner_away() {
        let mut a = rig();
        a.next_break_due(at(60));
        a.reminder_event(fired(), at(1));
        assert!(a.reminders().banner().is_some());
        a.handle(Action::Suspend, at(2));
        assert!(a.take_outputs().contains(&Effect::Suspend));
        assert!(a.reminders().banner().is_none());
        assert!(a.reminders().status().is_none());
        assert!(!text(&draw(&a, 80, 24)).contains("Movement break"));
        a.next_break_due(at(60));
        a.reminder_event(fired(), at(3));
        let more = a.app.update(Input::RemindersStarted(Ok(false)), at(4));
        a.out.extend(more);
        assert!(a.reminders().banner().is_none());
    }

    #[test]
    fn no_banner_over_the_break_being_taken() {
        let mut prefs = Prefs::new(Theme::colour());
        prefs.break_session = BreakSession::Id("unwind".into());
        let mut a = Rig::new(App::with_prefs(app_library(), prefs, Moment::ZERO));
        a.next_break_due(at(0));
        a.handle(Action::TakeBreak, at(1));
        // A reminder comes while the break's intro is on screen: it waits.
        a.reminder_event(fired(), at(2));
        assert!(!text(&draw(&a, 80, 24)).contains("Movement break"));
        a.handle(Action::Back, at(3));
        assert_eq!(
            a.screen(),
            Screen::Home,
            "Esc is the intro's, not the banner's"
        );
        assert!(text(&draw(&a, 80, 24)).contains("Movement break"));
    }

    #[test]
    fn help_names_the_sources_of_natural_breaks_once_known() {
        let mut a = rig();
        a.handle(Action::Help, at(1));
        assert!(!text(&draw(&a, 80, 24)).contains("natural breaks"));
        a.reminder_event(
            ReminderEvent::NaturalBreakSources(vec!["screensaver".into(), "logind".into()]),
            at(2),
        );
        let shown = text(&draw(&a, 80, 24));
        assert!(
            shown.contains("natural breaks: screensaver, logind"),
            "{shown}"
        );
        a.reminder_event(ReminderEvent::NaturalBreakSources(Vec::new()), at(3));
        assert!(text(&draw(&a, 80, 24)).contains("natural breaks: none found"));
        // No room on a narrow edge: it is the help's last row, scrolled to like the keys.
        for _ in 0..60 {
            draw(&a, 60, 18);
            a.handle(Action::Down, at(4));
        }
        let shown = text(&draw(&a, 60, 18));
        assert!(shown.contains("natural breaks: none found"), "{shown}");
    }

    fn outcome(outcome: ReminderOutcome) -> Effect {
        Effect::History(HistoryJob::Reminder {
            at: jiff::Timestamp::UNIX_EPOCH,
            outcome,
        })
    }

    fn resolved(outcome: ReminderOutcome, relayed: bool) -> ReminderEvent {
        ReminderEvent::Resolved { outcome, relayed }
    }

    fn fired() -> ReminderEvent {
        ReminderEvent::Fired {
            summary: "Stand up and walk".into(),
            body: "Get up and walk around for a minute or two.".into(),
            relayed: false,
        }
    }

    #[test]
    fn status_line_counts_down_in_minutes_then_seconds() {
        let mut a = rig();
        a.next_break_due(at(23 * 60));
        assert!(
            text(&draw(&a, 80, 24))
                .lines()
                .next()
                .unwrap()
                .ends_with("next break in 23 min")
        );
        // The next redraw is due when the shown minute changes, not before.
        assert_eq!(a.next_wake(at(0)), Some(Duration::from_secs(60)));
        a.tick(at(23 * 60 - 45));
        assert!(text(&draw(&a, 80, 24)).contains("next break in 45 s"));
        assert_eq!(a.next_wake(at(23 * 60 - 45)), Some(Duration::from_secs(1)));
    }

    #[test]
    fn a_narrow_header_gives_the_status_the_row_rather_than_mixing_it_with_the_name() {
        let mut a = rig();
        a.next_break_due(at(23 * 60));
        let first = |w: u16| {
            let shown = text(&draw(&a, w, 12));
            shown.lines().next().unwrap_or_default().to_string()
        };
        // Room for both: the name on the left, the status on the right.
        let wide = first(40);
        assert!(wide.starts_with(" knotless") && wide.ends_with("next break in 23 min"));
        // No room for both: only the status, and no letter of the name left under it.
        let narrow = first(24);
        assert_eq!(narrow.trim(), "next break in 23 min", "{narrow:?}");
        // Narrower than the status itself: cut with an ellipsis.
        let tiny = first(12);
        assert!(tiny.ends_with('…') && !tiny.contains("knot"), "{tiny:?}");
    }

    #[test]
    fn paused_reminders_wake_only_when_the_local_day_turns() {
        let mut a = rig();
        a.app
            .set_clock(at(0), jiff::Timestamp::from_second(6 * 3600).unwrap()); // 06:00 UTC
        a.reminder_event(
            ReminderEvent::StatusChanged(ScheduleStatus::Paused { until: at(3600) }),
            at(0),
        );
        assert_eq!(a.next_wake(at(0)), Some(Duration::from_secs(18 * 3600)));
    }

    #[test]
    fn banner_shows_when_a_reminder_fires() {
        let mut a = rig();
        a.next_break_due(at(0));
        a.reminder_event(fired(), at(0));
        a.reminder_event(
            ReminderEvent::DesktopUnavailable {
                reason: "no bus".into(),
            },
            at(0),
        );
        a.next_break_due(at(45 * 60));
        let shown = text(&draw(&a, 80, 24));
        insta::assert_snapshot!("banner", shown);
        // Narrower, the box grows to the rows its words need: the last line is whole.
        for w in [60, 44] {
            let narrow = text(&draw(&a, w, 24));
            let rows: Vec<&str> = narrow.lines().collect();
            let end = rows
                .iter()
                .position(|r| r.contains("window."))
                .unwrap_or_else(|| {
                    panic!("{w}: the notice is cut\n{narrow}");
                });
            assert!(rows[end + 1].starts_with('└'), "{w}: {narrow}");
        }
        // On a small window the notice is shortened, or left out, before anything is cut:
        // the reminder and its keys come first, and the box ends on a whole line.
        for (w, h) in [(30, 12), (30, 10), (24, 8)] {
            let small = text(&draw(&a, w, h));
            let rows: Vec<&str> = small.lines().collect();
            let bottom = rows
                .iter()
                .position(|r| r.starts_with('└'))
                .unwrap_or_else(|| panic!("{w}x{h}: no box\n{small}"));
            let last = rows[bottom - 1].trim_end_matches(['│', ' ']);
            assert!(
                ["dismiss", "here.", "window."]
                    .iter()
                    .any(|end| last.ends_with(end)),
                "{w}x{h}: the box ends mid-line\n{small}"
            );
        }
        let short = text(&draw(&a, 30, 10));
        assert!(
            short.contains("here.") && !short.contains("show in this"),
            "{short}"
        );
        let outputs = a.take_outputs();
        assert!(outputs.contains(&outcome(ReminderOutcome::Fired)));
        assert!(
            outputs.contains(&Effect::Bell),
            "no desktop: the bell rings"
        );
    }

    #[test]
    fn a_notice_on_two_rows_goes_on_under_its_text_not_under_its_mark() {
        let mut prefs = Prefs::new(Theme::colour());
        prefs.break_session = BreakSession::Id("nope".into());
        let mut a = Rig::new(App::with_prefs(app_library(), prefs, Moment::ZERO));
        a.next_break_due(at(45 * 60));
        a.handle(Action::TakeBreak, at(1));
        let shown = text(&draw(&a, 80, 24));
        let rows: Vec<&str> = shown.lines().collect();
        let first = rows
            .iter()
            .position(|r| r.starts_with(" ✗ no break session opened"))
            .unwrap_or_else(|| panic!("{shown}"));
        let second = rows[first + 1];
        assert!(
            second.starts_with("   ") && !second.starts_with("    "),
            "{second:?}\n{shown}"
        );
    }

    #[test]
    fn z_snoozes_the_reminder_on_screen_and_says_so_when_there_is_none() {
        let snooze = Effect::Scheduler(SchedulerCommand::Snooze);
        let mut a = rig();
        a.next_break_due(at(45 * 60));
        // No reminder showing: nothing to put off, and the schedule is left alone.
        a.handle(Action::Snooze, at(60));
        assert!(!a.take_outputs().contains(&snooze));
        let said = "No reminder to snooze: z puts off a break reminder while it shows";
        assert!(text(&draw(&a, 100, 24)).contains(said));
        // The word goes with the next key.
        a.handle(Action::Down, at(61));
        assert!(!text(&draw(&a, 100, 24)).contains(said));
        // A reminder on screen: z snoozes it and the banner goes.
        a.reminder_event(fired(), at(62));
        a.handle(Action::Snooze, at(63));
        assert!(a.take_outputs().contains(&snooze));
        let shown = text(&draw(&a, 100, 24));
        assert!(
            !shown.contains("Movement break") && !shown.contains(said),
            "{shown}"
        );
    }

    #[test]
    fn taking_the_break_opens_the_break_session_and_records_it() {
        let mut prefs = Prefs::new(Theme::colour());
        prefs.break_session = BreakSession::Id("unwind".into());
        let mut a = Rig::new(App::with_prefs(app_library(), prefs, Moment::ZERO));
        a.next_break_due(at(0));
        a.reminder_event(fired(), at(0));
        a.take_outputs();
        a.handle(Action::TakeBreak, at(1));
        assert_eq!(a.session().map(|s| s.session().id.as_str()), Some("unwind"));
        assert!(a.reminders().banner().is_none());
        // Taking the break restarts the break clock (in every instance: the scheduler is
        // the session's one schedule), which answers the reminder; history hears the answer
        // from the scheduler, once.
        assert_eq!(
            a.take_outputs(),
            vec![Effect::Scheduler(SchedulerCommand::BreakTaken)]
        );
        a.reminder_event(resolved(ReminderOutcome::Taken, false), at(1));
        assert_eq!(a.take_outputs(), vec![outcome(ReminderOutcome::Taken)]);
        a.handle(Action::Select, at(2));
        assert!(
            a.take_outputs()
                .contains(&Effect::Scheduler(SchedulerCommand::SessionStarted))
        );
    }

    #[test]
    fn a_break_session_that_cannot_open_is_said_on_home_and_the_break_still_counts() {
        let mut prefs = Prefs::new(Theme::colour());
        prefs.break_session = BreakSession::Id("unwnid".into());
        let mut a = Rig::new(App::with_prefs(app_library(), prefs, Moment::ZERO));
        a.next_break_due(at(45 * 60));
        a.take_outputs();
        a.handle(Action::TakeBreak, at(1));
        assert!(a.session().is_none());
        assert_eq!(
            a.take_outputs(),
            vec![Effect::Scheduler(SchedulerCommand::BreakTaken)]
        );
        let notice = a.home().notice().unwrap().to_string();
        assert!(notice.contains("`unwnid`"), "{notice}");
        assert!(notice.contains("did you mean `unwind`?"), "{notice}");
        assert!(text(&draw(&a, 120, 24)).contains("no break session opened"));

        let mut prefs = Prefs::new(Theme::colour());
        let why = SafeText::new("mine.toml: the break session cannot open; not found");
        prefs.break_session = BreakSession::File(Err(why.clone()));
        let mut a = Rig::new(App::with_prefs(app_library(), prefs, Moment::ZERO));
        a.next_break_due(at(45 * 60));
        a.handle(Action::TakeBreak, at(1));
        assert!(a.session().is_none());
        assert_eq!(a.home().notice(), Some(&why));
    }

    #[test]
    fn a_break_session_named_by_path_opens_the_files_session() {
        let mut prefs = Prefs::new(Theme::colour());
        let mut mine = unwind();
        mine.id = "mine".into();
        mine.source = Source::File("mine.toml".into());
        prefs.break_session = BreakSession::File(Ok(Box::new(mine)));
        let mut a = Rig::new(App::with_prefs(app_library(), prefs, Moment::ZERO));
        a.next_break_due(at(45 * 60));
        a.handle(Action::TakeBreak, at(1));
        assert_eq!(a.session().map(|s| s.session().id.as_str()), Some("mine"));
    }

    #[test]
    fn snooze_and_dismiss_keys_ask_the_schedule_which_records_the_answer() {
        let mut a = rig();
        a.next_break_due(at(0));
        a.reminder_event(fired(), at(0));
        a.take_outputs();
        a.handle(Action::Snooze, at(1));
        assert_eq!(
            a.take_outputs(),
            vec![Effect::Scheduler(SchedulerCommand::Snooze)]
        );
        a.reminder_event(fired(), at(2));
        assert!(a.take_outputs().contains(&outcome(ReminderOutcome::Fired)));
        a.handle(Action::Back, at(3));
        assert_eq!(
            a.take_outputs(),
            vec![Effect::Scheduler(SchedulerCommand::Dismiss)]
        );
        assert!(a.reminders().banner().is_none());
        a.reminder_event(resolved(ReminderOutcome::Dismissed, false), at(3));
        assert_eq!(a.take_outputs(), vec![outcome(ReminderOutcome::Dismissed)]);
        // Relayed from the schedule's owner (which records them): the banner shows and
        // goes, history is left alone.
        a.reminder_event(
            ReminderEvent::Fired {
                summary: "Stand up and walk".into(),
                body: "Walk around.".into(),
                relayed: true,
            },
            at(4),
        );
        assert!(a.reminders().banner().is_some());
        a.reminder_event(resolved(ReminderOutcome::Taken, true), at(5));
        assert!(a.reminders().banner().is_none());
        assert!(
            !a.take_outputs()
                .iter()
                .any(|e| matches!(e, Effect::History(_)))
        );
    }

    #[test]
    fn no_banner_over_a_running_session_and_the_scheduler_is_told() {
        let mut a = Rig::new(app());
        a.handle(Action::Select, at(0));
        a.handle(Action::Select, at(0));
        let outputs = a.take_outputs();
        assert!(outputs.contains(&Effect::Scheduler(SchedulerCommand::SessionStarted)));
        a.reminder_event(
            ReminderEvent::StatusChanged(ScheduleStatus::HeldForSession),
            at(1),
        );
        let shown = text(&draw(&a, 80, 24));
        assert!(!shown.contains("Movement break"));
        assert!(shown.contains("break reminders wait while a session runs"));
        a.handle(Action::Quit, at(2));
        a.handle(Action::Yes, at(3));
        let outputs = a.take_outputs();
        assert!(
            outputs.contains(&Effect::Scheduler(SchedulerCommand::SessionEnded)),
            "{outputs:?} {:?}",
            a.screen()
        );
    }
}

#[test]
fn after_a_long_gap_the_screen_says_what_ended_and_waits() {
    let mut a = running(at(0));
    // Asleep through the end of the 20-minute heat phase; back 6 minutes after it ended.
    a.tick(at(26 * 60));
    let shown = text(&draw(&a, 80, 24));
    assert!(
        shown.contains("Heat ended 6 min ago: Take the pad off and let your skin cool."),
        "{shown}"
    );
    assert!(
        shown.contains("Press Space") && shown.contains("go on."),
        "{shown}"
    );
    assert!(shown.contains("Knee-to-chest"));
    assert!(
        shown.contains("0:30"),
        "the next phase waits at its full length"
    );
    a.handle(Action::TogglePause, at(26 * 60 + 5));
    assert!(!text(&draw(&a, 80, 24)).contains("ended 6 min ago"));
}
