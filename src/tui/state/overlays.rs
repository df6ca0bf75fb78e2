//! The overlays' side of the app's state: opening one pauses a running countdown (and closing
//! it resumes what it paused), and the keys each overlay takes.

use super::{App, Overlay, Screen};
use crate::tui::effects::Effect;
use crate::tui::keymap::Action;

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
            (Overlay::Help, Action::Down | Action::PageDown) => {
                let step = if action == Action::Down { 1 } else { 10 };
                *scroll = scroll
                    .saturating_add(step)
                    .min(crate::tui::keymap::help_rows());
            }
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
}
