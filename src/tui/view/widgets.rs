//! Small shared pieces: the key-hint bar, the big countdown, centring.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use tui_big_text::{BigText, PixelSize};

use crate::tui::theme::Theme;

/// A bar of `key description` pairs; drops pairs that do not fit.
pub fn render_hints(hints: &[(&str, &str)], theme: &Theme, area: Rect, buf: &mut Buffer) {
    let mut spans = Vec::new();
    let mut width = 0usize;
    for (key, what) in hints {
        let needed = key.chars().count() + what.chars().count() + 3;
        if width + needed > usize::from(area.width) {
            break;
        }
        spans.push(Span::styled(format!(" {key}"), theme.key));
        spans.push(Span::styled(format!(" {what} "), theme.muted));
        width += needed;
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

/// The rows a big countdown of `chars` characters needs in a `width`-wide area, largest
/// size first; `None` when only plain text fits.
#[must_use]
pub fn big_text_size(chars: u16, width: u16, height: u16) -> Option<(PixelSize, u16)> {
    [
        (PixelSize::Full, 8, 8),
        (PixelSize::HalfHeight, 8, 4),
        (PixelSize::Quadrant, 4, 4),
    ]
    .into_iter()
    .find(|(_, w, h)| chars * w <= width && *h <= height)
    .map(|(size, _, h)| (size, h))
}

/// The countdown, as big as fits, centred; plain bold text when nothing bigger fits.
pub fn render_countdown(text: &str, style: Style, area: Rect, buf: &mut Buffer) {
    let chars = u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
    match big_text_size(chars, area.width, area.height) {
        Some((size, rows)) => {
            let top = area.y + (area.height - rows) / 2;
            let rect = Rect::new(area.x, top, area.width, rows);
            BigText::builder()
                .pixel_size(size)
                .style(style)
                .alignment(Alignment::Center)
                .lines(vec![Line::from(text.to_string())])
                .build()
                .render(rect, buf);
        }
        None => {
            if area.height == 0 {
                return;
            }
            let rect = Rect::new(area.x, area.y + area.height / 2, area.width, 1);
            Paragraph::new(Line::styled(
                text.to_string(),
                style.add_modifier(ratatui::style::Modifier::BOLD),
            ))
            .alignment(Alignment::Center)
            .render(rect, buf);
        }
    }
}

/// A rectangle of at most `width` x `height`, centred in `area`.
#[must_use]
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}
