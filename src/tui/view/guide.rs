//! The "Why and how" screen: the guide from `crate::guide` (why knots form, how to keep them
//! away), its title pinned at the top while the topics scroll beneath it, with a "more"
//! marker when there is more below. Pure: draws into a buffer; the key that opens it and the
//! scroll position belong to the caller.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::safety::{BULLET, HANG, column, wrap};
use crate::guide::guide;
use crate::tui::theme::Theme;

/// Rows the pinned heading takes: the title and a blank line.
const HEAD_ROWS: u16 = 2;

/// The scrolling part (everything under the title), wrapped to `width` columns.
#[must_use]
pub fn guide_lines(theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    let g = guide();
    let mut lines = wrap(g.intro, theme.text, width, "", "");
    for topic in g.topics {
        lines.push(Line::raw(""));
        lines.extend(wrap(topic.heading, theme.title, width, "", ""));
        for point in topic.points {
            lines.extend(wrap(point, theme.text, width, BULLET, HANG));
        }
        if let Some(line) = topic.try_line() {
            lines.extend(wrap(&line, theme.muted, width, HANG, HANG));
        }
    }
    lines
}

/// How far the screen can scroll in `area` before the last line reaches the bottom.
#[must_use]
pub fn guide_max_scroll(theme: &Theme, area: Rect) -> u16 {
    let (_, body) = split(area);
    let total = guide_lines(theme, body.width).len();
    u16::try_from(total.saturating_sub(usize::from(body.height))).unwrap_or(u16::MAX)
}

/// Draws the guide into `area`, the topics scrolled down by `scroll` lines (clamped, so
/// scrolling past the end shows the last page). The title stays on the first row.
pub fn render_guide(theme: &Theme, area: Rect, buf: &mut Buffer, scroll: u16) {
    if area.is_empty() {
        return;
    }
    let (head, body) = split(area);
    let title = wrap(
        guide().title,
        theme.title,
        usize::from(head.width.max(1)),
        "",
        "",
    );
    Paragraph::new(title).render(head, buf);
    if body.is_empty() {
        return;
    }
    let lines = guide_lines(theme, body.width);
    let max = lines.len().saturating_sub(usize::from(body.height));
    let first = usize::from(scroll).min(max);
    if first > 0 {
        Line::styled("↑ more", theme.muted)
            .right_aligned()
            .render(head, buf);
    }
    let more_below = first < max;
    let visible = usize::from(body.height) - usize::from(more_below);
    let shown: Vec<Line> = lines.into_iter().skip(first).take(visible).collect();
    Paragraph::new(shown).render(body, buf);
    if more_below {
        let row = Rect {
            y: body.bottom() - 1,
            height: 1,
            ..body
        };
        Line::styled("↓ more", theme.muted)
            .right_aligned()
            .render(row, buf);
    }
}

/// The pinned title row and the scrolling body, in the centred text column.
fn split(area: Rect) -> (Rect, Rect) {
    let column = column(area);
    let head_rows = HEAD_ROWS.min(column.height);
    let head = Rect {
        height: head_rows.min(1),
        ..column
    };
    let body = Rect {
        y: column.y + head_rows,
        height: column.height - head_rows,
        ..column
    };
    (head, body)
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    use super::*;

    fn text(buf: &Buffer) -> String {
        let mut out = String::new();
        for y in 0..buf.area.height {
            let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    fn draw(theme: &Theme, w: u16, h: u16, scroll: u16) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        render_guide(theme, buf.area, &mut buf, scroll);
        buf
    }

    #[test]
    fn guide_at_80x24() {
        let theme = Theme::colour();
        let buf = draw(&theme, 80, 24, 0);
        let shown = text(&buf);
        insta::assert_snapshot!(shown);
        assert!(shown.contains("↓ more") && !shown.contains("↑ more"));
        let title_x = (0..80)
            .find(|&x| buf[(x, 0)].symbol() == "W")
            .expect("the title on the first row");
        assert_eq!(buf[(title_x, 0)].style().fg, theme.title.fg);
    }

    #[test]
    fn the_title_stays_while_the_topics_scroll_to_the_end() {
        let theme = Theme::colour();
        let area = Rect::new(0, 0, 80, 24);
        let max = guide_max_scroll(&theme, area);
        assert!(max > 0);
        for scroll in [max, u16::MAX] {
            let shown = text(&draw(&theme, 80, 24, scroll));
            assert!(shown.starts_with("  Why knots form"), "{shown}");
            assert!(
                shown.contains("↑ more") && !shown.contains("↓ more"),
                "{shown}"
            );
            assert!(shown.contains("When to get help"), "{shown}");
            assert!(shown.contains("lists them."), "{shown}");
        }
        let middle = text(&draw(&theme, 80, 24, 12));
        assert!(middle.contains("↑ more") && middle.contains("↓ more"));
    }

    #[test]
    fn survives_any_size() {
        let theme = Theme::mono();
        for (w, h, scroll) in [(0, 0, 0), (1, 1, 0), (1, 2, 5), (20, 3, 2), (200, 80, 0)] {
            draw(&theme, w, h, scroll);
        }
        let tall = text(&draw(&theme, 80, 200, 0));
        assert!(
            !tall.contains("↓ more") && !tall.contains("↑ more"),
            "everything fits: no marker"
        );
    }
}
