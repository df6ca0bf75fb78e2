//! The TUI's state machine. No terminal, no threads, no files: events come in with `now`
//! through [`App::update`], and what must happen outside comes back as [`Effect`]s. Each
//! screen's state is its own type with private fields; the views only read them.

mod cues;
mod home;
mod overlays;
mod prefs;
mod read;
pub mod reminders;
mod scroll;
pub mod session;
mod words;

use crate::clock::Moment;
use crate::history::stats::Stats;
use crate::remind::protocol::{ReminderEvent, SchedulerCommand};
use crate::runtime::HistoryReport;
use crate::session::Session;
use crate::session::library::Library;
use crate::text::SafeText;
use crate::tui::effects::Effect;
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;

pub use home::{HomeState, diagnostic_detail, notice};
pub use overlays::ScrollLimits;
pub use prefs::{BreakSession, Input, Prefs, Reload};
pub use reminders::{Banner, RemindersState};
pub use session::{Message, SessionState};
pub use words::clock_time;

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
    /// "Why and how": causes and prevention (scrolls with the help's offset).
    Guide,
}

#[derive(Debug)]
pub struct App {
    prefs: Prefs,
    home: HomeState,
    screen: Screen,
    overlay: Option<Overlay>,
    help_scroll: u16,
    safety_scroll: u16,
    running_scroll: scroll::PhaseScroll,
    session: Option<SessionState>,
    /// The countdown was paused by an overlay, and resumes when it closes.
    paused_by_overlay: bool,
    /// `knotless run`: leaving the session leaves the program.
    single_session: bool,
    stats: Option<Stats>,
    /// A calm note suggesting a clinician, when the check-ins call for one.
    advisory: Option<String>,
    /// Why history is off, if it is.
    history_off: Option<SafeText>,
    reminders: RemindersState,
    now: Moment,
    /// Wall-clock time at `now`, for showing clock times of moments.
    wall: jiff::Timestamp,
    zone: jiff::tz::TimeZone,
    quit: bool,
    cues: cues::CueState,
}

impl App {
    #[must_use]
    pub fn new(library: Library, theme: Theme, now: Moment) -> Self {
        App::with_prefs(library, Prefs::new(theme), now)
    }

    #[must_use]
    pub fn with_prefs(library: Library, prefs: Prefs, now: Moment) -> Self {
        App {
            cues: cues::CueState::new(&prefs),
            prefs,
            home: HomeState::new(library),
            screen: Screen::Home,
            overlay: None,
            help_scroll: 0,
            safety_scroll: 0,
            running_scroll: scroll::PhaseScroll::default(),
            session: None,
            paused_by_overlay: false,
            single_session: false,
            stats: None,
            advisory: None,
            history_off: None,
            reminders: RemindersState::default(),
            now,
            wall: jiff::Timestamp::UNIX_EPOCH,
            zone: jiff::tz::TimeZone::UTC,
            quit: false,
        }
    }

    /// `knotless run SESSION`: straight to its intro; leaving it leaves the program.
    pub fn open_only(&mut self, session: Session) {
        self.single_session = true;
        self.open(session);
    }

    /// First launch: the safety screen comes before anything else.
    pub fn show_safety_first(&mut self) {
        self.overlay = Some(Overlay::Safety);
    }

    /// Where the clocks are now. The wall clock may be stepped (NTP, the user), so it is read,
    /// not extrapolated; the zone only changes when the shell looks it up.
    pub fn set_clock(&mut self, now: Moment, wall: jiff::Timestamp) {
        self.now = now;
        self.wall = wall;
    }

    pub fn set_zone(&mut self, zone: jiff::tz::TimeZone) {
        self.zone = zone;
    }

    /// The one entry point: an event at `now`, and what must happen outside.
    pub fn update(&mut self, input: Input, now: Moment) -> Vec<Effect> {
        let mut out = Vec::new();
        self.tick_into(now, &mut out);
        match input {
            Input::Action(action) => self.handle_into(action, &mut out),
            Input::Tick => {}
            Input::Reminder(event) => self.reminder_event(event, &mut out),
            Input::History(report) => match report {
                HistoryReport::Off(reason) => self.history_off = Some(reason),
                HistoryReport::Stats(stats) => self.stats = Some(*stats),
                HistoryReport::Advisory(note) => self.advisory = note,
            },
            Input::Reloaded(reload) => self.reloaded(*reload, &mut out),
            Input::LibraryRead(library) => self.home.reloaded(*library, None),
            cue @ (Input::VoiceFailed(_) | Input::SoundFailed(..) | Input::Focus(_)) => {
                self.cue_input(cue, &mut out);
            }
            Input::RemindersStarted(Ok(enabled)) => self.reminders.restarted(enabled),
            Input::RemindersStarted(Err(reason)) => self.reminders.failed_to_start(reason),
            Input::Sharing(sharing) => self.home.sharing_changed(sharing),
            Input::Abort => {
                self.stop_session(&mut out);
                self.quit = true;
            }
        }
        out
    }

    /// A key action at `now`.
    pub fn handle(&mut self, action: Action, now: Moment) -> Vec<Effect> {
        self.update(Input::Action(action), now)
    }

    /// Time passed: complete whatever is due.
    pub fn tick(&mut self, now: Moment) -> Vec<Effect> {
        self.update(Input::Tick, now)
    }

    fn tick_into(&mut self, now: Moment, out: &mut Vec<Effect>) {
        self.now = now;
        let ctx = self.session_ctx();
        if let Some(s) = self.session.as_mut() {
            s.tick(ctx, out);
        }
    }

    fn reminder_env(&self) -> reminders::Env {
        reminders::Env {
            alerts: self.prefs.alerts,
            quiet: self.prefs.quiet,
            wall: self.wall,
        }
    }

    fn handle_into(&mut self, action: Action, out: &mut Vec<Effect>) {
        self.home.clear_hint();
        match action {
            Action::Interrupt => {
                self.leave_session(out);
                self.quit = true;
                return;
            }
            Action::Suspend => {
                let ctx = self.session_ctx();
                if let Some(s) = self.session.as_mut() {
                    s.pause_if_running(ctx, out);
                }
                // The schedule passes to another knotless: what it says from now on, and of
                // the open reminder, is heard again on `fg`.
                self.reminders.stepped_aside();
                out.push(Effect::Suspend);
                return;
            }
            _ => {}
        }
        if let Some(overlay) = self.overlay {
            self.handle_overlay(overlay, action, out);
            return;
        }
        let on = self.reminders.on();
        match action {
            Action::Help => self.open_overlay(Overlay::Help, out),
            Action::Safety => self.open_overlay(Overlay::Safety, out),
            Action::Guide => self.open_overlay(Overlay::Guide, out),
            Action::ToggleVoice => self.toggle_voice(out),
            Action::TakeBreak if on => self.take_break(out),
            Action::Snooze if on => self.snooze(out),
            Action::PauseReminders if on => self.reminders.cycle_pause(out),
            // The banner is not drawn over a session (`view::render`): Esc there is the
            // session's.
            Action::Back if self.screen != Screen::Session && self.reminders.dismiss(out) => {}
            Action::Up | Action::Down if self.in_countdown() || self.on_summary() => {
                self.scroll_running(action);
            }
            _ => match self.screen {
                Screen::Home => self.handle_home(action, out),
                Screen::Session => self.handle_session(action, out),
                Screen::Stats => {
                    if matches!(action, Action::Quit | Action::Back | Action::Stats) {
                        self.screen = Screen::Home;
                    }
                }
            },
        }
    }

    fn handle_home(&mut self, action: Action, out: &mut Vec<Effect>) {
        match action {
            Action::Select | Action::TogglePause => {
                if let Some(session) = self.home.selected_session().cloned() {
                    self.open(session);
                } else {
                    self.home.open_broken();
                }
            }
            Action::Stats => {
                self.screen = Screen::Stats;
                out.push(Effect::RequestStats);
            }
            Action::Quit | Action::Back => self.quit = true,
            other => self.home.handle(other),
        }
    }

    fn handle_session(&mut self, action: Action, out: &mut Vec<Effect>) {
        let ctx = self.session_ctx();
        let Some(s) = self.session.as_mut() else {
            return;
        };
        let was_active = s.active();
        match s.handle(action, ctx, out) {
            session::Next::Stay => {}
            session::Next::Leave => self.leave_session(out),
            session::Next::ConfirmLeave => self.open_overlay(Overlay::ConfirmQuit, out),
            session::Next::Quit => {
                self.leave_session(out);
                self.quit = true;
            }
        }
        if !was_active && self.in_countdown() {
            // A break is being taken: a banner would cover it.
            self.reminders.clear_banner();
        }
    }

    fn reminder_event(&mut self, event: ReminderEvent, out: &mut Vec<Effect>) {
        let env = self.reminder_env();
        if self.reminders.event(event, env, out) == reminders::Asked::TakeBreak {
            self.take_break(out);
        }
    }

    /// Opens the break session on its intro (from the banner, the notification or `b`).
    fn take_break(&mut self, out: &mut Vec<Effect>) {
        if self.in_countdown() {
            return;
        }
        // Whatever comes next, the break is being taken: the clock restarts, everywhere.
        out.push(Effect::Scheduler(SchedulerCommand::BreakTaken));
        let session = match self.prefs.break_session.open(self.home.library()) {
            Ok(session) => session,
            // Said on home, where the break was asked for (or is seen next).
            Err(why) => return self.home.tell(why),
        };
        self.reminders.take();
        self.overlay = None;
        self.open(session);
    }

    /// `z`: the reminder on screen comes back later. With none showing there is nothing to
    /// snooze (the scheduler would change nothing either), and home says so.
    fn snooze(&mut self, out: &mut Vec<Effect>) {
        if self.reminders.banner().is_some() {
            self.reminders.snooze(out);
        } else if self.screen == Screen::Home {
            self.home.say(SafeText::new(
                "No reminder to snooze: z puts off a break reminder while it shows; P pauses them",
            ));
        }
    }

    /// Opens a session on its intro.
    pub fn open(&mut self, session: Session) {
        self.session = Some(SessionState::new(session));
        self.screen = Screen::Session;
        // The last session's scroll stays with it: this one starts at the top.
        self.running_scroll = scroll::PhaseScroll::default();
    }

    fn stop_session(&mut self, out: &mut Vec<Effect>) {
        let ctx = self.session_ctx();
        if let Some(s) = self.session.as_mut() {
            s.stop(ctx, out);
        }
    }

    /// Leaves the session screen: ends a running session (not completed) first.
    fn leave_session(&mut self, out: &mut Vec<Effect>) {
        self.stop_session(out);
        out.push(Effect::Silence);
        if self.single_session {
            self.quit = true;
            return;
        }
        self.session = None;
        self.screen = Screen::Home;
        // The check-ins just given may change the advisory home shows.
        out.push(Effect::RefreshAdvisory);
    }

    fn reloaded(&mut self, reload: Reload, out: &mut Vec<Effect>) {
        let notice = reload.prefs.map(|prefs| self.set_prefs(prefs, out)).err();
        self.home.reloaded(reload.library, notice);
        match reload.reminders {
            Some(Ok(enabled)) => self.reminders.restarted(enabled),
            Some(Err(reason)) => self.reminders.failed_to_start(reason),
            None => {}
        }
    }
}
