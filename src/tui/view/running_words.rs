//! The running screen's words: a step's caution and instructions wrapped to a column, and
//! the instructions drawn from a scroll offset behind their markers.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::safety::wrap;
use crate::session::Step;
use crate::tui::state::App;
use crate::tui::view::widgets::render_rows;

/// The words under the status lines: the caution (pinned) and the instructions (scrolled).
/// `width` is the one they are wrapped for: the frame wraps them once at the body's width and
/// again only for a narrower column (a figure beside the text).
pub(super) struct Words {
    pub(super) width: u16,
    pub(super) caution: Vec<Line<'static>>,
    pub(super) instructions: Vec<Line<'static>>,
}

impl Words {
    /// Rows the words take: the caution whole and every row of the instructions.
    pub(super) fn rows(&self) -> u16 {
        rows(&self.caution) + rows(&self.instructions)
    }

    /// The rows they take at `width`: these, when wrapped for it; else `rewrap`'s.
    pub(super) fn rows_at(&self, width: u16, rewrap: impl FnOnce() -> Words) -> u16 {
        if width == self.width {
            self.rows()
        } else {
            rewrap().rows()
        }
    }

    /// These words, when wrapped for `width`; else `rewrap`'s.
    pub(super) fn at(self, width: u16, rewrap: impl FnOnce() -> Words) -> Words {
        if width == self.width { self } else { rewrap() }
    }
}

/// The words of `step` (none for a rest) wrapped for a column `for_width` wide.
pub(super) fn words(app: &App, step: &Step, resting: bool, for_width: u16) -> Words {
    // One column of margin on each side.
    let width = usize::from(for_width.saturating_sub(2).max(1));
    if resting {
        return Words {
            width: for_width,
            caution: vec![],
            instructions: vec![],
        };
    }
    let caution = step.caution.as_ref().map_or_else(Vec::new, |c| {
        wrap(&c.one_line(), app.theme().caution, width, "⚠ ", "  ")
    });
    let instructions = step.instructions.as_ref().map_or_else(Vec::new, |text| {
        // The one paragraph rule (crate::text::reflow): each paragraph or list line
        // wraps as a whole, a list item's later rows under its text; a blank line stays
        // between paragraphs.
        text.reflowed()
            .lines()
            .flat_map(|p| {
                let hang = " ".repeat(crate::text::list_hang(p));
                wrap(p, app.theme().text, width, "", &hang)
            })
            .collect()
    });
    Words {
        width: for_width,
        caution,
        instructions,
    }
}

pub(super) fn rows(lines: &[Line]) -> u16 {
    u16::try_from(lines.len()).unwrap_or(u16::MAX)
}

/// `lines` from `scroll` on (clamped), with "↑ more" on top when scrolled and "↓ more"
/// at the bottom while lines are hidden below. How far they scroll, when not every line fits.
pub(super) fn render_scrolled(
    app: &App,
    lines: Vec<Line<'static>>,
    scroll: u16,
    area: Rect,
    buf: &mut Buffer,
) -> Option<u16> {
    let (total, height) = (lines.len(), usize::from(area.height));
    let limit = |rows: usize| u16::try_from(rows).unwrap_or(u16::MAX);
    if height == 0 {
        return (total > 0).then(|| limit(total));
    }
    if total <= height {
        render_rows(&lines, area, buf);
        return None;
    }
    // Scrolled to the end, the top marker takes a row and no bottom marker is needed. The
    // markers never leave the text no row: one row shows a line alone (its marker goes on
    // the frame's edge), two a line and one marker, the one below while lines are hidden.
    let max = total - height.saturating_sub(1).max(1);
    let first = usize::from(scroll).min(max);
    let above = first > 0 && height > 1;
    let below = height > 1 && first + height - usize::from(above) < total;
    let above = above && !(below && height < 3);
    let shown = height - usize::from(above) - usize::from(below);
    let marker = app.theme().key;
    let mut out = Vec::with_capacity(height);
    if above {
        out.push(Line::styled("↑ more above (k or ↑ to scroll back)", marker));
    }
    out.extend(lines.into_iter().skip(first).take(shown));
    if below {
        out.push(Line::styled("↓ more (j/k to scroll)", marker));
    }
    render_rows(&out, area, buf);
    Some(limit(max))
}
