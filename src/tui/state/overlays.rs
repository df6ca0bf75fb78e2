//! The overlays' side of the app's state: opening one pauses a running countdown (and closing
//! it resumes what it paused), and the keys each overlay takes.

use super::{App, Overlay, Screen};
use crate::tui::effects::Effect;
use crate::tui::keymap::Action;

/// How far what is on screen can scroll, as it was drawn: the overlay's text and the
/// countdown's instructions. The event loop keeps the state's scroll within these, so a key
/// held past the end does not have to be undone press by press before `k` moves the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScrollLimits {
    pub overlay: Option<u16>,
    pub running: Option<u16>,
}

impl App {
    /// Opens an overlay; a running countdown waits behind it.
    pub(super) fn open_overlay(&mut self, overlay: Overlay, out: &mut Vec<Effect>) {
        match overlay {
            Overlay::Safety => self.safety_scroll = 0,
            Overlay::Guide | Overlay::Help => self.help_scroll = 0,
            Overlay::ConfirmQuit => {}
        }
        let ctx = self.session_ctx();
        if self.screen == Screen::Session
            && let Some(s) = self.session.as_mut()
            && s.mode() == crate::runner::Mode::Running
        {
            s.pause_if_running(ctx, out);
            self.paused_by_overlay = true;
        }
        self.overlay = Some(overlay);
    }

    pub(super) fn close_overlay(&mut self, out: &mut Vec<Effect>) {
        self.overlay = None;
        if std::mem::take(&mut self.paused_by_overlay) {
            let ctx = self.session_ctx();
            if let Some(s) = self.session.as_mut()
                && s.mode() == crate::runner::Mode::Paused
            {
                s.handle(Action::TogglePause, ctx, out);
            }
        }
    }

    pub(super) fn handle_overlay(
        &mut self,
        overlay: Overlay,
        action: Action,
        out: &mut Vec<Effect>,
    ) {
        let scroll = match overlay {
            Overlay::Safety => &mut self.safety_scroll,
            _ => &mut self.help_scroll,
        };
        match (overlay, action) {
            (Overlay::ConfirmQuit, Action::Yes) => {
                self.overlay = None;
                self.paused_by_overlay = false;
                self.leave_session(out);
            }
            (Overlay::ConfirmQuit, Action::No) => self.close_overlay(out),
            (_, Action::Down) => *scroll = scroll.saturating_add(1),
            (_, Action::Up) => *scroll = scroll.saturating_sub(1),
            (_, Action::PageDown) => *scroll = scroll.saturating_add(10),
            (_, Action::PageUp) => *scroll = scroll.saturating_sub(10),
            (Overlay::Help | Overlay::Guide, Action::Safety) => {
                self.overlay = Some(Overlay::Safety);
                self.safety_scroll = 0;
            }
            (Overlay::Help, Action::Guide) => {
                self.overlay = Some(Overlay::Guide);
                self.help_scroll = 0;
            }
            (
                Overlay::Help | Overlay::Safety | Overlay::Guide,
                Action::Back | Action::Quit | Action::Help | Action::Select | Action::Safety,
            ) => {
                if overlay == Overlay::Safety {
                    out.push(Effect::SafetyAcknowledged);
                }
                self.close_overlay(out);
            }
            _ => {}
        }
    }

    /// The scrolls go no further than the view drew them (`limits`, at the window's size
    /// now): a scroll past the end comes back to it, so the next `k` moves the text.
    /// Nothing visible changes.
    pub fn fit_scroll(&mut self, limits: ScrollLimits) {
        if let Some(max) = limits.overlay {
            match self.overlay {
                Some(Overlay::Safety) => self.safety_scroll = self.safety_scroll.min(max),
                Some(Overlay::Help | Overlay::Guide) => {
                    self.help_scroll = self.help_scroll.min(max);
                }
                Some(Overlay::ConfirmQuit) | None => {}
            }
        }
        if let Some(max) = limits.running {
            self.running_scroll.fit(max);
        }
    }
}
