//! Rendering: one module per screen. Views only read the [`App`]; nothing here changes
//! state, so every screen can be drawn into a test buffer.

pub mod home;
pub mod overlay;
pub mod session;
pub mod widgets;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::tui::app::{App, Overlay, Screen};

/// Draws the whole app.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    match app.screen {
        Screen::Home => home::render(app, area, buf),
        Screen::Session => session::render(app, area, buf),
        Screen::Stats => overlay::render_stats_placeholder(app, area, buf),
    }
    match app.overlay {
        Some(Overlay::Help) => overlay::render_help(app, area, buf),
        Some(Overlay::ConfirmQuit) => overlay::render_confirm_quit(app, area, buf),
        Some(Overlay::Safety) => overlay::render_safety_placeholder(app, area, buf),
        None => {}
    }
}
