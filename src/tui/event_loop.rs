//! The TUI's main loop, generic over ratatui's `Backend`: it sleeps in one `poll` (the
//! terminal, the signals, the runtime's channel) until the next event or the next visible
//! change, turns the event into an [`Input`] for [`App::update`], carries out the effects,
//! and redraws only when something visible changed. Tests drive a [`Driver`] on
//! `TestBackend` with a manual clock.

use std::time::Duration;

use ratatui::crossterm::event::MouseEventKind;

use crate::clock::{Clock, Moment};
use crate::runtime::Event;
use crate::tui::keymap::{Action, action_for};
use crate::tui::perform::{Screen, Services, carry_out};
use crate::tui::state::{App, Input};
use crate::tui::title::Title;
use crate::tui::view;

/// Where the loop's events come from: the terminal, the signals and the runtime's threads.
pub trait Events {
    /// Blocks until something arrives or `timeout` passes (`None`: no timeout) and appends
    /// what arrived to `out` (nothing when the time ran out). A terminal that is gone comes
    /// as `Event::InputClosed`.
    fn wait(&mut self, timeout: Option<Duration>, out: &mut Vec<Event>);

    /// After the first frame: watch the config directory from now on, so that a changed
    /// file comes as `Event::FilesChanged` (live reload). Sources that have no files to
    /// watch, such as a test's, need not.
    fn watch_config(&mut self) {}
}

/// How the loop ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    Normal,
    Signal(i32),
    TerminalLost,
}

/// One step at a time: what the blocking loop does, callable from tests.
pub struct Driver<'a, S: Screen> {
    pub app: App,
    pub screen: &'a mut S,
    clock: &'a dyn Clock,
    services: &'a mut dyn Services,
    title: Title,
    dirty: bool,
    reload_at: Option<Moment>,
    /// Read the files (the library, the config) once the first frame is out.
    read_after_first_frame: bool,
    panic_on_key: bool,
}

impl<'a, S: Screen> Driver<'a, S> {
    pub fn new(
        app: App,
        screen: &'a mut S,
        clock: &'a dyn Clock,
        services: &'a mut dyn Services,
    ) -> Self {
        Driver {
            app,
            screen,
            clock,
            services,
            title: Title::default(),
            dirty: true,
            reload_at: None,
            read_after_first_frame: false,
            panic_on_key: test_panic_requested(),
        }
    }

    /// The app started without its library (`run FILE`): read it right after the first
    /// frame.
    pub fn read_files_after_first_frame(&mut self) {
        self.read_after_first_frame = true;
    }

    /// Feeds one input to the app and carries out what it asks.
    ///
    /// # Errors
    /// When suspending fails to give back or retake the terminal.
    pub fn feed(&mut self, input: Input) -> std::io::Result<()> {
        let now = self.clock.now();
        self.app.set_clock(now, self.clock.wall());
        // The loop only wakes for an event or a visible change that is due: either way the
        // screen may differ (ratatui's diff sends nothing when it does not).
        self.dirty = true;
        let effects = self.app.update(input, now);
        carry_out(effects, &self.app, self.screen, self.services)
    }

    /// One event from the channel. `Some` when the loop must end.
    ///
    /// # Errors
    /// When suspending fails.
    pub fn event(&mut self, event: Event) -> std::io::Result<Option<Exit>> {
        let input = match event {
            Event::Key(key) => {
                if std::mem::take(&mut self.panic_on_key) {
                    panic!("KNOTLESS_TEST_PANIC: a panic on the first key, as asked");
                }
                match action_for(key, self.app.context()) {
                    Some(action) => Input::Action(action),
                    None => return Ok(None),
                }
            }
            Event::Mouse(MouseEventKind::ScrollUp) => Input::Action(Action::Up),
            Event::Mouse(_) => Input::Action(Action::Down),
            Event::Resize => {
                self.screen.resized()?;
                self.dirty = true;
                return Ok(None);
            }
            Event::History(report) => Input::History(report),
            Event::VoiceFailed(reason) => Input::VoiceFailed(reason),
            Event::Focus(focused) => Input::Focus(focused),
            Event::SoundFailed(chime, reason) => Input::SoundFailed(chime, reason),
            Event::SuspendRequested => Input::Action(Action::Suspend),
            Event::FilesChanged => {
                self.reload_at
                    .get_or_insert(self.clock.now() + crate::runtime::watch::SETTLE);
                return Ok(None);
            }
            Event::Reminder(event) => {
                // A time-zone change shows up in clock times from the next status on.
                self.app.set_zone(self.clock.zone());
                // Each status comes after the schedule found or changed its owner; home says
                // so when the part this instance plays changed.
                if let Some(sharing) = self.services.sharing() {
                    self.feed(Input::Sharing(sharing))?;
                }
                Input::Reminder(event)
            }
            Event::Signal(sig) => return self.end(Exit::Signal(sig)).map(Some),
            Event::InputClosed => return self.end(Exit::TerminalLost).map(Some),
        };
        self.feed(input)?;
        Ok(self.app.quit().then_some(Exit::Normal))
    }

    fn end(&mut self, exit: Exit) -> std::io::Result<Exit> {
        self.feed(Input::Abort)?;
        Ok(exit)
    }

    /// Time passed: a due reload, and whatever the countdown completed.
    ///
    /// # Errors
    /// When suspending fails.
    pub fn tick(&mut self) -> std::io::Result<()> {
        let now = self.clock.now();
        if self.reload_at.is_some_and(|at| at <= now) {
            self.reload_at = None;
            let reload = self.services.reload(self.app.in_countdown());
            return self.feed(Input::Reloaded(Box::new(reload)));
        }
        self.feed(Input::Tick)
    }

    /// Draws if something visible changed (and keeps the state file current).
    ///
    /// # Errors
    /// When drawing fails.
    pub fn draw(&mut self) -> std::io::Result<()> {
        if !std::mem::take(&mut self.dirty) {
            return Ok(());
        }
        self.app.set_clock(self.clock.now(), self.clock.wall());
        // Into the same buffer as the frame, so both go out in one write.
        self.title.update(&self.app, self.screen.raw());
        let app = &self.app;
        let mut limits = crate::tui::state::ScrollLimits::default();
        self.screen
            .painter()
            .draw(|area, buf| limits = view::render(app, area, buf))
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        // Nothing visible changes: the frame already showed the scroll clamped.
        self.app.fit_scroll(limits);
        // After the frame, so the state file never delays what the user waits for.
        self.services
            .publish(&self.app, self.app.reminders().status());
        Ok(())
    }

    /// After the first frame is on screen: start what may be slow (reminders, history), so
    /// it never delays that frame.
    pub fn start_services(&mut self) -> std::io::Result<()> {
        let started = self.services.start(self.app.in_countdown());
        // The advisory is a line on home, which `run` (one session, then quit) never shows.
        if !self.app.single_session() {
            self.services.advisory();
        }
        if std::mem::take(&mut self.read_after_first_frame) {
            let library = self.services.library();
            self.feed(Input::LibraryRead(Box::new(library)))?;
        }
        self.feed(Input::RemindersStarted(started))
    }

    /// How long to sleep before something changes by itself.
    #[must_use]
    pub fn wait(&self) -> Option<Duration> {
        let now = self.clock.now();
        let reload_wait = self.reload_at.map(|at| at - now);
        match (self.app.next_wake(now), reload_wait) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Gives the window title back.
    pub fn finish(&mut self) {
        self.title.finish(self.screen.raw());
    }
}

/// Runs until the app quits, a signal arrives or the terminal goes away.
///
/// # Errors
/// When drawing fails for a reason other than the terminal going away.
pub fn run<S: Screen>(
    driver: &mut Driver<'_, S>,
    events: &mut dyn Events,
) -> std::io::Result<Exit> {
    let result = run_inner(driver, events);
    driver.finish();
    result
}

fn run_inner<S: Screen>(
    driver: &mut Driver<'_, S>,
    events: &mut dyn Events,
) -> std::io::Result<Exit> {
    let mut first_frame = true;
    let mut batch = Vec::new();
    loop {
        driver.tick()?;
        if driver.app.quit() {
            return Ok(Exit::Normal);
        }
        driver.draw()?;
        if std::mem::take(&mut first_frame) {
            driver.start_services()?;
            events.watch_config();
            continue;
        }
        // Sleep until the next event or the next visible change, plus a millisecond so the
        // displayed second has surely turned.
        events.wait(
            driver.wait().map(|wait| wait + Duration::from_millis(1)),
            &mut batch,
        );
        // Handle a burst of events (a held key, a drag-resize) with one redraw.
        for event in batch.drain(..) {
            if let Some(exit) = driver.event(event)? {
                return Ok(exit);
            }
        }
    }
}

/// TEST ONLY: `KNOTLESS_TEST_PANIC=1` makes the first key press panic inside the event loop,
/// so the end-to-end tests can prove that a panic gives the terminal back (tests/terminal.rs).
/// Read once, when the loop starts; without it nothing changes.
fn test_panic_requested() -> bool {
    std::env::var_os("KNOTLESS_TEST_PANIC").is_some_and(|v| v == "1")
}
