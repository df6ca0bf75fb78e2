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

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};
    use ratatui::text::Line;
    use ratatui::widgets::{Block, Borders, Widget};

    use super::render_bordered;

    /// Drawn edge by edge, a block leaves every cell, styles included, as the block drawn
    /// whole does, with or without titles, at every size up to 14x7, and off the origin.
    #[test]
    fn edges_draw_what_the_whole_block_draws() {
        let border = Style::new().fg(Color::DarkGray);
        let blocks = [
            Block::new().borders(Borders::ALL).border_style(border),
            Block::new()
                .borders(Borders::ALL)
                .border_style(border)
                .title(Line::styled(" Title ", Style::new().fg(Color::Cyan)))
                .title(Line::styled(" 3/8 · 12:40 ", border).right_aligned()),
            Block::new()
                .borders(Borders::ALL)
                .border_style(border)
                .title(" 温める ❤️ ")
                .title_style(Style::new().fg(Color::Yellow)),
        ];
        let screen = Rect::new(0, 0, 16, 9);
        for block in blocks {
            for (width, height) in (0..=14).flat_map(|w| (0..=7).map(move |h| (w, h))) {
                let area = Rect::new(1, 2, width, height);
                let mut whole = Buffer::empty(screen);
                block.clone().render(area, &mut whole);
                let mut edges = Buffer::empty(screen);
                render_bordered(block.clone(), border, area, &mut edges);
                assert_eq!(edges, whole, "{width}x{height}");
            }
        }
    }
}
