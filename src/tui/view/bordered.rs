//! A bordered block drawn edge by edge.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Widget};

/// Draws `block` (borders all round in the `border` style, titles on its top edge, no style
/// of its own) edge by edge. A `Block` sets its style on every cell of its area, the empty
/// style too: drawn every second on the countdown, that was a tenth of each frame, and on
/// the intro's first frame more than half of its view's work. The top
/// edge is the block itself, one row high (its corners, titles and line); the sides and the
/// bottom edge are blocks of their own in the `border` style.
pub fn render_bordered(block: Block<'_>, border: Style, area: Rect, buf: &mut Buffer) {
    if area.height < 3 || area.width < 2 {
        block.render(area, buf);
        return;
    }
    let row = |y| Rect {
        y,
        height: 1,
        ..area
    };
    let edge = Block::new().border_style(border);
    block
        .borders(Borders::TOP | Borders::LEFT | Borders::RIGHT)
        .render(row(area.y), buf);
    edge.clone()
        .borders(Borders::BOTTOM | Borders::LEFT | Borders::RIGHT)
        .render(row(area.bottom() - 1), buf);
    let left = Rect {
        y: area.y + 1,
        height: area.height - 2,
        width: 1,
        ..area
    };
    edge.clone().borders(Borders::LEFT).render(left, buf);
    let right = Rect {
        x: area.right() - 1,
        ..left
    };
    edge.borders(Borders::RIGHT).render(right, buf);
}
