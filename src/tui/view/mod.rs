//! Rendering: one module per screen. Views only read state and draw into a buffer; they
//! never change state and never panic, whatever the area's size.

mod bordered;
pub mod guide;
pub mod home;
pub mod outline;
pub mod overlay;
mod running;
pub mod running_layout;
mod running_status;
mod running_words;
pub mod safety;
pub mod session;
mod session_parts;
pub mod split;
pub mod stats;
mod summary;
pub mod widgets;

#[cfg(test)]
mod tests;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

pub use guide::{guide_max_scroll, render_guide};
pub use safety::render_safety;
pub use stats::render_stats;

use crate::tui::keymap::Footer;
use crate::tui::state::{App, Overlay, Screen, ScrollLimits};

/// Draws the whole app; returns how far what it drew can scroll.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) -> ScrollLimits {
    let mut limits = ScrollLimits::default();
    if area.width == 0 || area.height == 0 {
        return limits;
    }
    match app.screen() {
        Screen::Home => home::render(app, area, buf),
        Screen::Session => limits.running = session::render(app, area, buf),
        Screen::Stats => overlay::render_stats_screen(app, area, buf),
    }
    // Never over a session, from its intro to its summary: a break is being taken (the
    // banner waits and shows again on the home screen).
    if app.screen() != Screen::Session {
        overlay::render_banner(app, area, buf);
    }
    // The screen's own key line would list keys the overlay does not take: the bottom row
    // says what the overlay's keys do instead (drawn first, so an overlay that reaches the
    // bottom row keeps its edge).
    if let Some(which) = app.overlay().map(overlay_footer) {
        let row = Rect::new(area.x, area.bottom() - 1, area.width, 1);
        Clear.render(row, buf);
        widgets::render_footer(which, |_, word| Some(word), app.theme(), row, buf);
    }
    limits.overlay = match app.overlay() {
        Some(Overlay::Help) => Some(overlay::render_help(app, area, buf)),
        Some(Overlay::ConfirmQuit) => {
            overlay::render_confirm_quit(app, area, buf);
            None
        }
        Some(Overlay::Safety) => Some(overlay::render_safety_overlay(app, area, buf)),
        Some(Overlay::Guide) => Some(overlay::render_guide_overlay(app, area, buf)),
        None => None,
    };
    limits
}

fn overlay_footer(overlay: Overlay) -> Footer {
    match overlay {
        Overlay::Help => Footer::Help,
        Overlay::ConfirmQuit => Footer::Confirm,
        Overlay::Safety => Footer::Safety,
        Overlay::Guide => Footer::Guide,
    }
}
