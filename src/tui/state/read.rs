//! Reading the TUI's state: what the views, the title and the state file need. Nothing here
//! changes anything.

use std::time::Duration;

use crate::clock::Moment;
use crate::history::stats::Stats;
use crate::session::library::Library;
use crate::tui::keymap::Context;
use crate::tui::theme::Theme;

use super::{App, HomeState, Overlay, Prefs, RemindersState, Screen, SessionState, words};

/// Reading the state: what the views, the title and the state file need.
impl App {
    #[must_use]
    pub fn context(&self) -> Context {
        match (self.overlay, self.screen, &self.session) {
            (Some(Overlay::ConfirmQuit), ..) => Context::Confirm,
            (Some(Overlay::Help | Overlay::Guide), ..) => Context::Help,
            (Some(Overlay::Safety), ..) => Context::Safety,
            (None, Screen::Home, _) | (None, Screen::Session, None) => Context::Home,
            (None, Screen::Stats, _) => Context::Stats,
            (None, Screen::Session, Some(s)) => match s.mode() {
                crate::runner::Mode::Intro => Context::Intro,
                crate::runner::Mode::Finished => Context::Summary,
                _ => Context::Running,
            },
        }
    }

    /// A countdown is on screen (running or paused), whatever covers it.
    #[must_use]
    pub fn in_countdown(&self) -> bool {
        self.screen == Screen::Session && self.session.as_ref().is_some_and(SessionState::active)
    }

    /// The summary after a session is on screen, whatever covers it.
    #[must_use]
    pub fn on_summary(&self) -> bool {
        self.screen == Screen::Session
            && self
                .session
                .as_ref()
                .is_some_and(|s| s.mode() == crate::runner::Mode::Finished)
    }

    /// How long until something on screen changes by itself.
    #[must_use]
    pub fn next_wake(&self, now: Moment) -> Option<Duration> {
        let countdown = match (self.screen, &self.session) {
            (Screen::Session, Some(s)) => {
                s.next_cue_change(now, self.voice_on(), self.chimes().is_some())
            }
            _ => None,
        };
        let midnight = words::until_local_midnight(self.wall, &self.zone);
        let status = self.reminders.next_change(now, midnight);
        match (countdown, status) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The right side of the header line: the movement-break status.
    #[must_use]
    pub fn status_text(&self) -> Option<String> {
        let status = self.reminders.status()?;
        Some(words::describe_status(
            status, self.now, self.wall, &self.zone,
        ))
    }

    #[must_use]
    pub fn theme(&self) -> &Theme {
        &self.prefs.theme
    }
    #[must_use]
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }
    #[must_use]
    pub fn home(&self) -> &HomeState {
        &self.home
    }
    /// Started on one session there is no home to say whose break schedule this is; the
    /// session's intro and summary say it instead.
    #[must_use]
    pub fn schedule_news(&self) -> Option<&crate::text::SafeText> {
        let home = &self.home;
        (self.single_session() && home.notice_is_news())
            .then(|| home.notice())
            .flatten()
    }
    #[must_use]
    pub fn library(&self) -> &Library {
        self.home.library()
    }
    #[must_use]
    pub fn screen(&self) -> Screen {
        self.screen
    }
    #[must_use]
    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }
    /// The countdown waits because an overlay covers it.
    #[must_use]
    pub fn paused_by_overlay(&self) -> bool {
        self.paused_by_overlay
    }
    #[must_use]
    pub fn help_scroll(&self) -> u16 {
        self.help_scroll
    }
    #[must_use]
    pub fn safety_scroll(&self) -> u16 {
        self.safety_scroll
    }
    /// How far the running screen's instructions, or the summary, are scrolled (0 at each
    /// new phase and on reaching the summary).
    #[must_use]
    pub fn running_scroll(&self) -> u16 {
        self.session.as_ref().map_or(0, |s| {
            self.running_scroll.offset(super::scroll::scroll_key(s))
        })
    }
    #[must_use]
    pub fn session(&self) -> Option<&SessionState> {
        self.session.as_ref()
    }
    #[must_use]
    pub fn single_session(&self) -> bool {
        self.single_session
    }
    #[must_use]
    pub fn stats(&self) -> Option<&Stats> {
        self.stats.as_ref()
    }
    #[must_use]
    pub fn advisory(&self) -> Option<&str> {
        self.advisory.as_deref()
    }
    #[must_use]
    pub fn history_off(&self) -> Option<&str> {
        self.history_off.as_deref()
    }
    #[must_use]
    pub fn reminders(&self) -> &RemindersState {
        &self.reminders
    }
    #[must_use]
    pub fn now(&self) -> Moment {
        self.now
    }
    #[must_use]
    pub fn wall(&self) -> jiff::Timestamp {
        self.wall
    }
    #[must_use]
    pub fn zone(&self) -> &jiff::tz::TimeZone {
        &self.zone
    }
    #[must_use]
    pub fn quit(&self) -> bool {
        self.quit
    }
}
