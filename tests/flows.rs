//! Whole flows through the TUI's real event loop on ratatui's `TestBackend`, with a manual
//! clock and recording services: no pseudo-terminal, no threads, no sleeping.

use std::io::Write;
use std::time::Duration;

use knotless::clock::{Clock, ManualClock};
use knotless::narrate::{Chime, ChimeSet, Utterances};
use knotless::remind::protocol::{ReminderEvent, SchedulerCommand};
use knotless::remind::schedule::ScheduleStatus;
use knotless::runtime::{Event, HistoryJob};
use knotless::session::library::Library;
use knotless::status::{Role, Sharing};
use knotless::tui::event_loop::{Driver, Exit};
use knotless::tui::painter::Painter;
use knotless::tui::perform::{Screen, Services};
use knotless::tui::state::Reload;
use knotless::tui::state::{App, Overlay, Prefs, Screen as Shown};
use knotless::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

struct TestScreen {
    painter: Painter<TestBackend>,
    raw: Vec<u8>,
}

impl TestScreen {
    fn new(cols: u16, rows: u16) -> TestScreen {
        TestScreen {
            painter: Painter::new(TestBackend::new(cols, rows), Rect::new(0, 0, cols, rows)),
            raw: Vec::new(),
        }
    }
}

impl Screen for TestScreen {
    type Backend = TestBackend;
    fn painter(&mut self) -> &mut Painter<TestBackend> {
        &mut self.painter
    }
    fn raw(&mut self) -> &mut dyn Write {
        &mut self.raw
    }
    fn suspend(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[derive(Default)]
struct Recorder {
    history: Vec<HistoryJob>,
    scheduler: Vec<SchedulerCommand>,
    /// What the voice was asked: each line said, "CANCEL" before lines that replace speech,
    /// "SILENCE" for a stop.
    speech: Vec<String>,
    chimes: Vec<Chime>,
    away: Vec<(String, String)>,
    /// How many times the advisory was asked for.
    advisories: usize,
    /// This instance's part in the shared break schedule, as the runtime would say it.
    sharing: Option<Sharing>,
}

impl Services for Recorder {
    fn history(&mut self, job: HistoryJob) {
        self.history.push(job);
    }
    fn scheduler(&mut self, command: SchedulerCommand) {
        self.scheduler.push(command);
    }
    fn stats(&mut self) {}
    fn advisory(&mut self) {
        self.advisories += 1;
    }
    fn acknowledge_safety(&mut self) {}
    fn publish(&mut self, _: &App, _: Option<&ScheduleStatus>) {}
    fn start(&mut self, _: bool) -> Result<bool, String> {
        Ok(false)
    }
    fn speak(&mut self, utterances: Utterances) {
        if utterances.interrupt {
            self.speech.push("CANCEL".into());
        }
        self.speech.extend(utterances.lines);
    }
    fn silence(&mut self) {
        self.speech.push("SILENCE".into());
    }
    fn play(&mut self, chime: Chime) {
        self.chimes.push(chime);
    }
    fn away(&mut self, summary: String, body: String) {
        self.away.push((summary, body));
    }
    fn library(&mut self) -> Library {
        Library::load(None)
    }
    fn sharing(&self) -> Option<Sharing> {
        self.sharing
    }
    fn reload(&mut self, _: bool) -> Reload {
        Reload {
            prefs: Err("not in this test".into()),
            library: Library::load(None),
            reminders: None,
        }
    }
}

fn key(c: char) -> Event {
    let code = match c {
        '\r' => KeyCode::Enter,
        other => KeyCode::Char(other),
    };
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn screen_text(screen: &TestScreen) -> String {
    let buf = screen.painter.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Knotless's home on the built-in library in mono, with `set` applied to the preferences.
fn app_with(clock: &ManualClock, set: impl FnOnce(&mut Prefs)) -> App {
    let mut prefs = Prefs::new(Theme::mono());
    set(&mut prefs);
    App::with_prefs(Library::load(None), prefs, clock.now())
}

#[test]
fn home_intro_running_pause_leave_dialog_and_summary() {
    let clock = ManualClock::new();
    let mut screen = TestScreen::new(80, 24);
    let mut services = Recorder::default();
    let app = app_with(&clock, |p| p.quiet = true);
    let mut d = Driver::new(app, &mut screen, &clock, &mut services);
    d.draw().unwrap();
    assert_eq!(d.app.screen(), Shown::Home);

    // Home → knot-relief's intro → the first countdown.
    assert_eq!(d.event(key('\r')).unwrap(), None);
    assert!(d.app.session().is_some());
    d.event(key('\r')).unwrap();
    assert!(d.app.in_countdown());
    d.draw().unwrap();
    assert!(screen_text(d.screen).contains("phase 1 of"));

    // Space pauses; time passing changes nothing while paused.
    d.event(key(' ')).unwrap();
    let left = d.app.session().unwrap().runner().remaining(clock.now());
    clock.advance(Duration::from_secs(90));
    d.tick().unwrap();
    assert_eq!(
        d.app.session().unwrap().runner().remaining(clock.now()),
        left
    );
    assert_eq!(d.wait(), None, "nothing to wake for while paused");
    d.event(key(' ')).unwrap();

    // q asks; Enter keeps going (and the countdown runs again); q then y leaves.
    d.event(key('q')).unwrap();
    assert_eq!(d.app.overlay(), Some(Overlay::ConfirmQuit));
    d.event(key('\r')).unwrap();
    assert_eq!(d.app.overlay(), None);
    assert!(d.app.in_countdown());
    // Skip to the end: the summary.
    for _ in 0..20 {
        d.event(key('n')).unwrap();
    }
    d.draw().unwrap();
    assert!(!d.app.in_countdown());
    // Skipped phases: the summary does not greet it as complete (issue 12).
    let summary = screen_text(d.screen);
    assert!(
        summary.contains("Session finished, every phase skipped")
            && !summary.contains("Session complete")
            && !summary.contains("Well done"),
        "{summary}"
    );
    // Enter on the summary goes home.
    d.event(key('\r')).unwrap();
    assert_eq!(d.app.screen(), Shown::Home);
    assert_eq!(d.event(key('q')).unwrap(), Some(Exit::Normal));

    // History heard the start, progress as phases ended, and the end.
    let h = &services.history;
    assert!(
        matches!(h.first(), Some(HistoryJob::StartRun { session, .. }) if session == "knot-relief")
    );
    assert!(
        h.iter()
            .any(|j| matches!(j, HistoryJob::Progress { skipped: 1, .. }))
    );
    assert!(matches!(h.last(), Some(HistoryJob::FinishRun { .. })));
    assert_eq!(
        services.scheduler,
        vec![
            SchedulerCommand::SessionStarted,
            SchedulerCommand::SessionEnded
        ]
    );
}

/// On the summary of a session opened from home, `q` quits as its footer and the README say
/// (as `q` on home does); Esc and Enter go home.
#[test]
fn q_on_the_summary_quits_and_esc_goes_home() {
    for (press, exit) in [
        (key('q'), Some(Exit::Normal)),
        (
            Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
            None,
        ),
    ] {
        let clock = ManualClock::new();
        let mut screen = TestScreen::new(80, 24);
        let mut services = Recorder::default();
        let app = app_with(&clock, |p| p.quiet = true);
        let mut d = Driver::new(app, &mut screen, &clock, &mut services);
        d.event(key('\r')).unwrap();
        d.event(key('\r')).unwrap();
        for _ in 0..20 {
            d.event(key('n')).unwrap();
        }
        d.draw().unwrap();
        assert!(d.app.on_summary());
        assert!(screen_text(d.screen).contains("q quit"));
        assert_eq!(d.event(press).unwrap(), exit);
        if exit.is_none() {
            assert_eq!(d.app.screen(), Shown::Home);
        }
        assert!(matches!(
            services.history.last(),
            Some(HistoryJob::FinishRun { .. })
        ));
    }
}

#[test]
fn help_over_a_running_countdown_pauses_it_until_it_closes() {
    let clock = ManualClock::new();
    let mut screen = TestScreen::new(100, 30);
    let mut services = Recorder::default();
    let app = App::new(Library::load(None), Theme::mono(), clock.now());
    let mut d = Driver::new(app, &mut screen, &clock, &mut services);
    d.event(key('\r')).unwrap();
    d.event(key('\r')).unwrap();
    clock.advance(Duration::from_secs(5));
    d.event(key('?')).unwrap();
    d.draw().unwrap();
    assert!(screen_text(d.screen).contains("Keys"));
    let left = d.app.session().unwrap().runner().remaining(clock.now());
    clock.advance(Duration::from_secs(60));
    d.tick().unwrap();
    assert_eq!(
        d.app.session().unwrap().runner().remaining(clock.now()),
        left
    );
    d.event(Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)))
        .unwrap();
    clock.advance(Duration::from_secs(1));
    d.tick().unwrap();
    let after = d.app.session().unwrap().runner().remaining(clock.now());
    assert!(
        after < left,
        "running again once help closed: {after:?} vs {left:?}"
    );
}

#[test]
fn w_opens_the_why_and_how_guide_from_home_and_from_help() {
    let clock = ManualClock::new();
    let mut screen = TestScreen::new(80, 24);
    let mut services = Recorder::default();
    let app = App::new(Library::load(None), Theme::mono(), clock.now());
    let mut d = Driver::new(app, &mut screen, &clock, &mut services);
    d.event(key('w')).unwrap();
    assert_eq!(d.app.overlay(), Some(Overlay::Guide));
    d.draw().unwrap();
    assert!(
        screen_text(d.screen).contains("more"),
        "{}",
        screen_text(d.screen)
    );
    d.event(Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)))
        .unwrap();
    assert_eq!(d.app.overlay(), None);
    d.event(key('?')).unwrap();
    d.event(key('w')).unwrap();
    assert_eq!(d.app.overlay(), Some(Overlay::Guide));
}

#[test]
fn k_scrolls_back_at_once_after_j_was_held_past_the_end() {
    let clock = ManualClock::new();
    let mut screen = TestScreen::new(60, 18);
    let mut services = Recorder::default();
    let app = App::new(Library::load(None), Theme::mono(), clock.now());
    let mut d = Driver::new(app, &mut screen, &clock, &mut services);
    // At 60x18 all three are longer than the window.
    for (open, scroll) in [('w', "help"), ('?', "help"), ('!', "safety")] {
        d.event(key(open)).unwrap();
        d.draw().unwrap();
        // A held j: far more presses than there are rows to scroll, drawn as they come.
        for _ in 0..100 {
            d.event(key('j')).unwrap();
            d.draw().unwrap();
        }
        let end = screen_text(d.screen);
        let scrolled = |d: &Driver<'_, TestScreen>| match scroll {
            "safety" => d.app.safety_scroll(),
            _ => d.app.help_scroll(),
        };
        // At the end the scroll stays where the text ends.
        let at_end = scrolled(&d);
        d.event(key('j')).unwrap();
        d.draw().unwrap();
        assert_eq!(
            scrolled(&d),
            at_end,
            "{open}: the scroll stopped at the end"
        );
        assert!(at_end > 0 && at_end < 100, "{open}: {at_end}");
        d.event(key('k')).unwrap();
        d.draw().unwrap();
        assert_ne!(
            screen_text(d.screen),
            end,
            "{open}: one k moved the text back"
        );
        d.event(Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)))
            .unwrap();
    }
}

/// knot-relief opened on its intro from home, with no pain check-in: Enter starts it.
fn knot_relief_unrated(clock: &ManualClock) -> App {
    let mut app = app_with(clock, |p| p.checkin = false);
    app.open(
        Library::load(None)
            .resolve("knot-relief")
            .expect("knot-relief is built in"),
    );
    app
}

#[test]
fn k_scrolls_the_instructions_back_at_once_after_j_was_held_past_their_end() {
    let clock = ManualClock::new();
    let mut screen = TestScreen::new(50, 14);
    let mut services = Recorder::default();
    let app = knot_relief_unrated(&clock);
    let mut d = Driver::new(app, &mut screen, &clock, &mut services);
    d.event(key('\r')).unwrap();
    d.draw().unwrap();
    assert!(
        screen_text(d.screen).contains("↓ more"),
        "the heat's text scrolls here"
    );
    for _ in 0..100 {
        d.event(key('j')).unwrap();
        d.draw().unwrap();
    }
    let (end, at_end) = (screen_text(d.screen), d.app.running_scroll());
    assert!(at_end > 0 && at_end < 100, "{at_end}\n{end}");
    d.event(key('k')).unwrap();
    d.draw().unwrap();
    assert_eq!(d.app.running_scroll(), at_end - 1);
    assert_ne!(screen_text(d.screen), end, "one k moved the text back");
}

/// On a window too short for the summary, its closing words scroll into view with j, as the
/// marker and the footer say; where it fits, neither shows.
#[test]
fn a_summary_too_long_for_the_window_scrolls_to_its_closing_words() {
    let clock = ManualClock::new();
    for (cols, rows, fits) in [(40, 12, false), (34, 14, false), (80, 24, true)] {
        let mut screen = TestScreen::new(cols, rows);
        let mut services = Recorder::default();
        let mut app = App::new(Library::load(None), Theme::mono(), clock.now());
        app.open(Library::load(None).resolve("desk-break").unwrap());
        let mut d = Driver::new(app, &mut screen, &clock, &mut services);
        d.event(key('\r')).unwrap();
        for _ in 0..10 {
            d.event(key('n')).unwrap();
        }
        d.draw().unwrap();
        assert!(d.app.on_summary());
        let first = screen_text(d.screen);
        let footer = first.lines().last().unwrap().to_string();
        // The last words of desk-break's closing.
        let last_words = "tightening.";
        assert_eq!(first.contains(last_words), fits, "{cols}x{rows}:\n{first}");
        assert_eq!(
            first.contains("↓ more (j/k)"),
            !fits,
            "{cols}x{rows}:\n{first}"
        );
        // The footer says it where it has room (the marker always does).
        if fits || cols >= 40 {
            assert_eq!(
                footer.contains("j/k scroll"),
                !fits,
                "{cols}x{rows}: {footer}"
            );
        }
        if fits {
            continue;
        }
        // A held j stops at the end, where the closing's last words show.
        for _ in 0..60 {
            d.event(key('j')).unwrap();
            d.draw().unwrap();
        }
        let (end, at_end) = (screen_text(d.screen), d.app.running_scroll());
        assert!(end.contains(last_words), "{cols}x{rows}:\n{end}");
        assert!(end.contains("↑ more above"), "{cols}x{rows}:\n{end}");
        assert!(at_end > 0 && at_end < 60, "{at_end}");
        // One k moves back at once; the title comes back at the top.
        d.event(key('k')).unwrap();
        d.draw().unwrap();
        assert_eq!(d.app.running_scroll(), at_end - 1);
        for _ in 0..60 {
            d.event(key('k')).unwrap();
        }
        d.draw().unwrap();
        assert!(
            screen_text(d.screen).contains("Session finished"),
            "{cols}x{rows}"
        );
    }
}

/// A scroll belongs to the session it was made in: the next one's first phase starts at the
/// top.
#[test]
fn the_next_session_starts_unscrolled() {
    let clock = ManualClock::new();
    let mut screen = TestScreen::new(40, 12);
    let mut services = Recorder::default();
    let app = knot_relief_unrated(&clock);
    let mut d = Driver::new(app, &mut screen, &clock, &mut services);
    // The heat's instructions scrolled, then the session left.
    d.event(key('\r')).unwrap();
    for _ in 0..3 {
        d.event(key('j')).unwrap();
        d.draw().unwrap();
    }
    assert!(d.app.running_scroll() > 0);
    d.event(key('q')).unwrap();
    d.event(key('y')).unwrap();
    assert_eq!(d.app.screen(), Shown::Home);
    // knot-relief again, from home: its first phase is at the top.
    d.event(key('\r')).unwrap();
    d.event(key('\r')).unwrap();
    d.draw().unwrap();
    assert!(d.app.in_countdown());
    assert_eq!(d.app.running_scroll(), 0);
    assert!(!screen_text(d.screen).contains("↑ more above"));
}

#[test]
fn the_voice_says_each_moment_as_it_comes_and_v_silences_it() {
    let clock = ManualClock::new();
    let mut screen = TestScreen::new(80, 24);
    let mut services = Recorder::default();
    let app = app_with(&clock, |p| p.voice = true);
    let mut d = Driver::new(app, &mut screen, &clock, &mut services);
    // Home → knot-relief's intro → the heat, a 15 to 20 minute hold.
    d.event(key('\r')).unwrap();
    d.draw().unwrap();
    assert!(screen_text(d.screen).contains("· voice"));
    d.event(key('\r')).unwrap();
    clock.advance(Duration::from_secs(15 * 60));
    d.tick().unwrap();
    d.event(key('\r')).unwrap();
    // Ten seconds before the stretch ends.
    clock.advance(Duration::from_secs(20));
    d.tick().unwrap();
    d.event(key('v')).unwrap();
    d.draw().unwrap();
    assert!(!screen_text(d.screen).contains("· voice"));
    clock.advance(Duration::from_secs(10));
    d.tick().unwrap();
    // speech-dispatcher cannot speak: said on screen, and the voice is off.
    d.event(key('v')).unwrap();
    d.event(Event::VoiceFailed(
        "speech-dispatcher is not running".into(),
    ))
    .unwrap();
    d.draw().unwrap();
    let shown = screen_text(d.screen);
    assert!(
        shown.contains("Voice off: speech-dispatcher is not running"),
        "{shown}"
    );
    assert!(!d.app.voice_on());
    drop(d);
    assert_eq!(
        services.speech,
        [
            "CANCEL",
            "Heat on the knot: 15 minutes to 20 minutes",
            "Minimum reached: move on when you are ready",
            "CANCEL",
            "Remove the heating pad.",
            "Knee-to-chest stretch, left side: 30 seconds",
            "10 seconds left",
            "SILENCE",
            "Voice on",
        ]
    );
}

/// The app with `sounds` (the chimes that play; `None`: sounds off).
fn with_sounds(clock: &ManualClock, sounds: Option<ChimeSet>) -> App {
    app_with(clock, |p| p.sound = sounds)
}

/// Home → knot-relief's intro → its heat, ended with Enter once its 15-minute minimum has
/// passed: knee-to-chest, left side, 30 seconds, begins.
#[allow(clippy::unwrap_used)]
fn end_the_heat(d: &mut Driver<'_, TestScreen>, clock: &ManualClock) {
    d.event(key('\r')).unwrap();
    d.event(key('\r')).unwrap();
    clock.advance(Duration::from_secs(15 * 60));
    d.event(key('\r')).unwrap();
}

/// The terminal bells in `raw`, the BELs that end window titles (OSC) left out.
#[allow(clippy::unwrap_used)]
fn bells(raw: &[u8]) -> usize {
    let raw = String::from_utf8_lossy(raw).into_owned();
    let titles = regex_lite::Regex::new("\x1b\\][^\x07]*\x07").unwrap();
    titles.replace_all(&raw, "").matches('\x07').count()
}

#[test]
fn chimes_play_at_each_moment_and_the_bell_takes_over_without_a_sound_server() {
    let clock = ManualClock::new();
    let mut screen = TestScreen::new(80, 24);
    let mut services = Recorder::default();
    let app = with_sounds(&clock, Some(ChimeSet::ALL));
    let mut d = Driver::new(app, &mut screen, &clock, &mut services);
    end_the_heat(&mut d, &clock);
    clock.advance(Duration::from_secs(27));
    d.tick().unwrap();
    for _ in 0..3 {
        clock.advance(Duration::from_secs(1));
        d.tick().unwrap();
    }
    assert!(d.screen.raw.is_empty(), "no bell while chimes play");
    // The server is gone, found on a count-in tick: no bell then (the phase has seconds to
    // go; a bell would say it ended), then one at each phase end.
    d.event(Event::SoundFailed(Chime::CountIn, "no sound server".into()))
        .unwrap();
    d.draw().unwrap();
    assert!(screen_text(d.screen).contains("Sounds off: no sound server"));
    assert_eq!(bells(&d.screen.raw), 0, "no bell before the phase ends");
    clock.advance(Duration::from_secs(10));
    d.tick().unwrap();
    assert_eq!(bells(&d.screen.raw), 1, "the bell at the phase's end");
    drop(d);
    use Chime as C;
    assert_eq!(
        services.chimes,
        [C::PhaseEnd, C::CountIn, C::CountIn, C::CountIn, C::Switch]
    );
}

#[test]
fn a_missed_end_chime_rings_the_bell_at_once() {
    let clock = ManualClock::new();
    let mut screen = TestScreen::new(80, 24);
    let mut services = Recorder::default();
    let app = with_sounds(&clock, Some(ChimeSet::ALL));
    let mut d = Driver::new(app, &mut screen, &clock, &mut services);
    end_the_heat(&mut d, &clock);
    // The heat's end chime could not play: the bell says the phase ended instead.
    d.event(Event::SoundFailed(
        Chime::PhaseEnd,
        "no sound server".into(),
    ))
    .unwrap();
    assert_eq!(bells(&d.screen.raw), 1, "{:?}", d.screen.raw);
}

/// knot-relief's heat (15 to 20 minutes) ended with Enter after `focus` was reported (if any);
/// what was told on the desktop, and the raw bytes written.
#[allow(clippy::unwrap_used)]
fn heat_ended(focus: Option<bool>) -> (Vec<(String, String)>, String) {
    let clock = ManualClock::new();
    let mut screen = TestScreen::new(80, 24);
    let mut services = Recorder::default();
    let app = app_with(&clock, |p| {
        p.alerts = knotless::alert::Alerts::default().with("terminal").unwrap()
    });
    let mut d = Driver::new(app, &mut screen, &clock, &mut services);
    if let Some(focused) = focus {
        d.event(Event::Focus(focused)).unwrap();
    }
    end_the_heat(&mut d, &clock);
    let raw = String::from_utf8_lossy(&d.screen.raw).into_owned();
    drop(d);
    (services.away, raw)
}

#[test]
fn a_long_phase_is_told_on_the_desktop_unless_the_terminal_has_focus() {
    let (told, raw) = heat_ended(Some(false));
    assert_eq!(
        told,
        [(
            "Heat on the knot is done".to_string(),
            "Next: Knee-to-chest stretch, left side: 30 seconds".to_string()
        )]
    );
    assert!(raw.contains("\x1b]9;Heat on the knot is done"), "{raw:?}");
    // A terminal that never reported focus may not know how: told too.
    assert_eq!(heat_ended(None).0.len(), 1);
    let (told, raw) = heat_ended(Some(true));
    assert!(
        told.is_empty() && !raw.contains("\x1b]9;"),
        "{told:?} {raw:?}"
    );
}

#[test]
fn a_chime_left_out_of_sounds_is_not_played() {
    let clock = ManualClock::new();
    let mut screen = TestScreen::new(80, 24);
    let mut services = Recorder::default();
    let app = with_sounds(&clock, Some(ChimeSet::NONE.with(Chime::PhaseEnd)));
    let mut d = Driver::new(app, &mut screen, &clock, &mut services);
    end_the_heat(&mut d, &clock);
    // The stretch's count-in and switch of sides are left out.
    for _ in 0..30 {
        clock.advance(Duration::from_secs(1));
        d.tick().unwrap();
    }
    assert!(d.screen.raw.is_empty(), "no bell either: sounds are on");
    drop(d);
    assert_eq!(services.chimes, [Chime::PhaseEnd]);
}

#[test]
fn pain_that_stays_high_puts_a_calm_line_on_home_and_bang_explains() {
    use knotless::runtime::HistoryReport;
    let note = "Pain 4+ on 6 days lately. Consider seeing a healthcare provider (! for details)";
    for (cols, rows, lines) in [(100, 30, 1), (80, 24, 1), (50, 18, 2)] {
        let clock = ManualClock::new();
        let mut screen = TestScreen::new(cols, rows);
        let mut services = Recorder::default();
        let app = App::new(Library::load(None), Theme::mono(), clock.now());
        let mut d = Driver::new(app, &mut screen, &clock, &mut services);
        d.draw().unwrap();
        assert!(!screen_text(d.screen).contains("healthcare"));

        d.event(Event::History(HistoryReport::Advisory(Some(note.into()))))
            .unwrap();
        d.draw().unwrap();
        let text = screen_text(d.screen);
        let rows_of_note: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.contains("Pain 4+"))
            .take(lines)
            .collect();
        assert_eq!(
            rows_of_note
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>(),
            note.split_whitespace().collect::<Vec<_>>(),
            "at {cols}x{rows}:\n{text}"
        );
        // The keys stay on the last row, the sessions above the note.
        assert!(text.lines().last().unwrap().contains("choose"), "{text}");
        assert!(text.contains("Unwind"), "{text}");

        d.event(key('!')).unwrap();
        assert_eq!(d.app.overlay(), Some(Overlay::Safety));

        // A later check-in that clears the rule takes the line away.
        d.event(key('!')).unwrap();
        d.event(Event::History(HistoryReport::Advisory(None)))
            .unwrap();
        d.draw().unwrap();
        assert!(!screen_text(d.screen).contains("Pain 4+"));
    }
}

#[test]
fn one_session_ends_on_a_summary_whose_footer_says_quit_once() {
    let clock = ManualClock::new();
    let mut screen = TestScreen::new(80, 24);
    let mut services = Recorder::default();
    let app = only_unwind(&clock);
    let mut d = Driver::new(app, &mut screen, &clock, &mut services);
    d.draw().unwrap();
    d.start_services().unwrap();
    d.event(key('\r')).unwrap();
    for _ in 0..20 {
        d.event(key('n')).unwrap();
    }
    d.draw().unwrap();
    assert!(!d.app.in_countdown());
    let footer = screen_text(d.screen).lines().last().unwrap().to_string();
    // `q quit`, as on every screen (README: the key line keeps it however narrow).
    assert!(footer.contains("q quit"), "{footer}");
    assert_eq!(footer.matches("quit").count(), 1, "{footer}");
    // Enter quits too.
    assert_eq!(d.event(key('\r')).unwrap(), Some(Exit::Normal));
}

/// Services whose schedule another knotless, `owner`, keeps.
fn attached_to(owner: u32) -> Recorder {
    Recorder {
        sharing: Some(Sharing {
            role: Role::Attached,
            owner,
        }),
        ..Recorder::default()
    }
}

fn next_break_in_30_min(clock: &ManualClock) -> Event {
    let due = clock.now() + Duration::from_secs(1800);
    Event::Reminder(ReminderEvent::StatusChanged(ScheduleStatus::NextBreak {
        due,
    }))
}

/// The app as `knotless run unwind` starts it.
fn only_unwind(clock: &ManualClock) -> App {
    let mut app = App::new(Library::load(None), Theme::mono(), clock.now());
    app.open_only(
        Library::load(None)
            .resolve("unwind")
            .expect("unwind is built in"),
    );
    app
}

/// `knotless run SESSION` has no home screen: whose break schedule it follows is said on
/// the intro and the summary instead.
#[test]
fn one_session_says_whose_break_schedule_it_follows() {
    let clock = ManualClock::new();
    let mut screen = TestScreen::new(80, 24);
    let mut services = attached_to(4242);
    let app = only_unwind(&clock);
    let mut d = Driver::new(app, &mut screen, &clock, &mut services);
    d.draw().unwrap();
    d.start_services().unwrap();
    d.event(next_break_in_30_min(&clock)).unwrap();
    d.draw().unwrap();
    let said = "Another knotless (pid 4242) keeps the break schedule";
    let intro = screen_text(d.screen);
    assert!(intro.contains(said), "{intro}");
    assert!(intro.contains("Press Enter or Space to start."), "{intro}");
    d.event(key('\r')).unwrap();
    for _ in 0..20 {
        d.event(key('n')).unwrap();
    }
    d.draw().unwrap();
    assert!(screen_text(d.screen).contains(said));
    drop(d);

    // Where it would crowd out the steps, the steps win.
    let mut screen = TestScreen::new(40, 12);
    let app = only_unwind(&clock);
    let mut d = Driver::new(app, &mut screen, &clock, &mut services);
    d.draw().unwrap();
    d.start_services().unwrap();
    d.event(next_break_in_30_min(&clock)).unwrap();
    d.draw().unwrap();
    let intro = screen_text(d.screen);
    assert!(
        intro.contains("1. Settle in") && !intro.contains("Another knotless"),
        "{intro}"
    );
}

/// With a home screen, home says it (and the intro does not repeat it).
#[test]
fn home_says_whose_break_schedule_it_follows() {
    let clock = ManualClock::new();
    let mut screen = TestScreen::new(80, 24);
    let mut services = attached_to(4242);
    let app = App::new(Library::load(None), Theme::mono(), clock.now());
    let mut d = Driver::new(app, &mut screen, &clock, &mut services);
    d.draw().unwrap();
    d.start_services().unwrap();
    d.event(next_break_in_30_min(&clock)).unwrap();
    d.draw().unwrap();
    let said = "another knotless (pid 4242) keeps the break schedule";
    assert!(screen_text(d.screen).contains(said));
    d.event(key('\r')).unwrap();
    d.draw().unwrap();
    assert!(!screen_text(d.screen).to_lowercase().contains(said));
}

/// At 48 columns the note needs more than its two rows: the second ends with "…".
#[test]
fn a_note_too_long_for_its_two_rows_says_it_is_cut() {
    let clock = ManualClock::new();
    let mut screen = TestScreen::new(48, 20);
    let mut services = attached_to(4242);
    let app = App::new(Library::load(None), Theme::mono(), clock.now());
    let mut d = Driver::new(app, &mut screen, &clock, &mut services);
    d.start_services().unwrap();
    d.event(next_break_in_30_min(&clock)).unwrap();
    d.draw().unwrap();
    let text = screen_text(d.screen);
    let rows: Vec<&str> = text.lines().collect();
    let at = rows
        .iter()
        .position(|r| r.to_lowercase().contains("another knotless"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(rows[at + 1].trim_end().ends_with('…'), "{text}");
}

#[test]
fn a_session_file_opens_before_the_library_is_read_and_the_library_follows() {
    let clock = ManualClock::new();
    let mut screen = TestScreen::new(80, 24);
    let mut services = Recorder::default();
    let session = knotless::session::parse::parse_str(
        std::path::Path::new("hold.toml"),
        "title = \"Hold\"\n[[steps]]\nname = \"Heat\"\nduration = \"4h\"\n",
        knotless::session::Source::BuiltIn,
    )
    .unwrap();
    let mut app = App::new(Library::default(), Theme::mono(), clock.now());
    app.open_only(session);
    let mut d = Driver::new(app, &mut screen, &clock, &mut services);
    d.read_files_after_first_frame();
    d.draw().unwrap();
    assert!(screen_text(d.screen).contains("Hold"));
    assert!(d.app.library().sessions.is_empty());

    d.start_services().unwrap();
    d.tick().unwrap();
    assert!(d.app.library().get("knot-relief").is_some());
    // Still on the file's intro.
    d.draw().unwrap();
    assert!(screen_text(d.screen).contains("Hold"));
}

#[test]
fn the_advisory_is_asked_for_at_start_and_back_home_but_never_for_one_session() {
    let clock = ManualClock::new();
    let mut screen = TestScreen::new(80, 24);
    let mut services = Recorder::default();
    let app = App::new(Library::load(None), Theme::mono(), clock.now());
    let mut d = Driver::new(app, &mut screen, &clock, &mut services);
    d.draw().unwrap();
    d.start_services().unwrap();
    // Home → intro → back home: check-ins there may have changed it.
    d.event(key('\r')).unwrap();
    d.draw().unwrap();
    let footer = screen_text(d.screen).lines().last().unwrap().to_string();
    assert!(footer.contains("q back"), "{footer}");
    d.event(key('q')).unwrap();
    assert_eq!(d.app.screen(), Shown::Home);
    drop(d);
    assert_eq!(services.advisories, 2);

    let mut screen = TestScreen::new(80, 24);
    let mut services = Recorder::default();
    let app = only_unwind(&clock);
    let mut d = Driver::new(app, &mut screen, &clock, &mut services);
    d.draw().unwrap();
    d.start_services().unwrap();
    // With no home behind it, the intro's footer says what q does: it quits.
    let footer = screen_text(d.screen).lines().last().unwrap().to_string();
    assert!(footer.contains("q quit"), "{footer}");
    assert_eq!(d.event(key('q')).unwrap(), Some(Exit::Normal));
    drop(d);
    assert_eq!(services.advisories, 0);
}
