//! The "When to seek help" screen: the guidance from `crate::safety`, wrapped with hanging
//! indents and scrollable. Pure: draws into a buffer.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::safety::{Urgency, guidance};
use crate::tui::theme::Theme;
use crate::tui::view::widgets::hang;

/// Text wider than this is hard to read; wider screens get a centred column.
const MAX_TEXT_WIDTH: u16 = 76;
pub(super) const BULLET: &str = "  • ";
pub(super) const HANG: &str = "    ";

/// The safety screen's lines wrapped to `width` columns.
#[must_use]
pub fn safety_lines(theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    let g = guidance();
    let mut lines = wrap(g.title, theme.title, width, "", "");
    lines.push(Line::raw(""));
    lines.extend(wrap(g.intro, theme.text, width, "", ""));
    for section in g.sections {
        let heading = match section.urgency {
            Urgency::Emergency => theme.caution,
            Urgency::SeeClinician | Urgency::Options | Urgency::About => theme.title,
        };
        lines.push(Line::raw(""));
        lines.extend(wrap(section.heading, heading, width, "", ""));
        for item in section.items {
            lines.extend(wrap(item, theme.text, width, BULLET, HANG));
        }
    }
    lines
}

/// How far the screen can scroll in `area` before the last line reaches the bottom.
#[must_use]
pub fn safety_max_scroll(theme: &Theme, area: Rect) -> u16 {
    let total = safety_lines(theme, column(area).width).len();
    u16::try_from(total.saturating_sub(usize::from(area.height))).unwrap_or(u16::MAX)
}

/// Draws the safety screen into `area`: its heading stays at the top while the rest scrolls
/// down by `scroll` lines (clamped, so scrolling past the end shows the last page).
pub fn render_safety(theme: &Theme, area: Rect, buf: &mut Buffer, scroll: u16) {
    if area.is_empty() {
        return;
    }
    let column = column(area);
    let mut lines = safety_lines(theme, column.width);
    // The heading (the title's wrapped lines) is pinned, unless the window is too short
    // to show anything under it.
    let pinned = wrap(
        guidance().title,
        theme.title,
        usize::from(column.width.max(1)),
        "",
        "",
    )
    .len();
    let pinned = if usize::from(area.height) > pinned + 1 {
        pinned
    } else {
        0
    };
    let body: Vec<Line> = lines.split_off(pinned);
    let head_rows = u16::try_from(pinned).unwrap_or(0);
    Paragraph::new(lines).render(
        Rect {
            height: head_rows,
            ..column
        },
        buf,
    );
    let rest = Rect {
        y: column.y + head_rows,
        height: column.height - head_rows,
        ..column
    };
    let max = body.len().saturating_sub(usize::from(rest.height));
    let first = usize::from(scroll).min(max);
    // Scrolled: the pinned heading's row says there is more above, as the guide's does.
    if first > 0 && head_rows > 0 {
        Line::styled("↑ more", theme.muted)
            .right_aligned()
            .render(column, buf);
    }
    let more_below = first < max;
    let visible = usize::from(rest.height) - usize::from(more_below);
    let shown: Vec<Line> = body.into_iter().skip(first).take(visible).collect();
    Paragraph::new(shown).render(rest, buf);
    if more_below {
        let row = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..column
        };
        Line::styled("↓ more", theme.muted)
            .right_aligned()
            .render(row, buf);
    }
}

pub(super) fn column(area: Rect) -> Rect {
    let width = area.width.min(MAX_TEXT_WIDTH);
    Rect {
        x: area.x + (area.width - width) / 2,
        width,
        ..area
    }
}

/// Greedy word wrap: the first line starts with `first`, later ones are indented by as
/// many columns as `rest` (spaces). A word longer than the line goes on in the next ones
/// ([`hang`] does the wrapping).
pub(super) fn wrap(
    text: &str,
    style: Style,
    width: usize,
    first: &str,
    rest: &str,
) -> Vec<Line<'static>> {
    let body = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let spans = [Span::raw(first.to_string()), Span::styled(body, style)];
    hang(
        &spans,
        u16::try_from(width).unwrap_or(u16::MAX),
        rest.width(),
    )
}
