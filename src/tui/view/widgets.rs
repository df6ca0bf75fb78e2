//! Small shared pieces: the key-hint bar and footers from the key table, the big countdown,
//! centring.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use tui_big_text::{BigText, PixelSize};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::text::list_hang;
use crate::tui::keymap::{self, Action, Footer, Hint};
use crate::tui::theme::Theme;
use crate::tui::view::running_layout::Digits;

/// A footer from the key table. `word` gives each entry's word by its action, from the
/// table's; `None` leaves the entry out (a key that does nothing now).
pub fn render_footer(
    which: Footer,
    word: impl Fn(Action, &'static str) -> Option<&'static str>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let hints: Vec<Hint> = keymap::footer(which)
        .iter()
        .filter_map(|h| word(h.action, h.word).map(|word| Hint { word, ..*h }))
        .collect();
    let mut spans = Vec::new();
    let mut width = 0usize;
    // Whatever still does not fit (a window narrower than help and quit) is cut here.
    for h in fitting(&hints, usize::from(area.width)) {
        if width + hint_width(&h) > usize::from(area.width) {
            break;
        }
        spans.push(Span::styled(format!(" {}", h.keys), theme.key));
        spans.push(Span::styled(format!(" {} ", h.word), theme.muted));
        width += hint_width(&h);
    }
    render_rows(&[Line::from(spans)], area, buf);
}

/// The columns a footer entry takes: " keys word ".
fn hint_width(h: &Hint) -> usize {
    h.keys.width() + h.word.width() + 3
}

/// The hints a footer `width` columns wide shows: all that fit, the first ones first, but
/// help and quit whenever they fit on their own: help lists every key dropped here, and
/// quit is the way out (a 60-column split pane lost both).
fn fitting(hints: &[Hint], width: usize) -> Vec<Hint> {
    let kept_anyway = |h: &Hint| matches!(h.action, Action::Help | Action::Quit);
    if hints.iter().map(hint_width).sum::<usize>() <= width {
        return hints.to_vec();
    }
    let reserved: usize = hints
        .iter()
        .filter(|h| kept_anyway(h))
        .map(hint_width)
        .sum();
    let mut room = width.saturating_sub(reserved);
    let mut others_fit = true;
    hints
        .iter()
        .filter(|h| {
            if kept_anyway(h) {
                return true;
            }
            others_fit = others_fit && hint_width(h) <= room;
            if others_fit {
                room -= hint_width(h);
            }
            others_fit
        })
        .copied()
        .collect()
}

/// A footer from the key table as one line for the bottom edge of an overlay `width`
/// columns wide: " ↑↓ scroll · Esc closes ". Where the edge is too short, the first hints
/// go: the last says how to close the overlay, which matters most.
#[must_use]
pub fn edge_hints(which: Footer, width: u16) -> String {
    // The two corners stay, and a space pads each end.
    let room = usize::from(width).saturating_sub(4);
    let hints: Vec<String> = keymap::footer(which)
        .iter()
        .map(|h| format!("{} {}", h.keys, h.word))
        .collect();
    let kept = last_that_fit(hints.iter().map(String::as_str), " · ", room);
    if !kept.is_empty() {
        return format!(" {kept} ");
    }
    // Not even the last whole: its last words ("…I understand"), after an ellipsis.
    let last = hints.last().map_or("", String::as_str);
    let tail = last_that_fit(last.split(' '), " ", room.saturating_sub(1));
    if tail.is_empty() {
        String::new()
    } else {
        format!(" …{tail} ")
    }
}

/// The longest run of `parts` from the end, joined by `gap`, at most `room` columns wide.
fn last_that_fit<'a>(
    parts: impl DoubleEndedIterator<Item = &'a str>,
    gap: &str,
    room: usize,
) -> String {
    let mut kept: Vec<&str> = Vec::new();
    let mut used = 0;
    for part in parts.rev() {
        let more = part.width() + if kept.is_empty() { 0 } else { gap.width() };
        if used + more > room {
            break;
        }
        used += more;
        kept.push(part);
    }
    kept.reverse();
    kept.join(gap)
}

/// Lines that are rows already (wrapped to `area`'s width, as the outline's are) drawn one
/// to a row from the top of `area`, as many as it has rows. Not through a wrapping
/// `Paragraph`, which would wrap them a second time and style the whole area first: on the
/// home screen that was 8 % of the instructions to the first frame, and on the countdown a
/// good part of each second's.
pub fn render_rows(lines: &[Line], area: Rect, buf: &mut Buffer) {
    for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
        buf.set_line(area.x, y, line, area.width);
    }
}

/// `lines` wrapped by words to `width`, each row keeping its line's style. Rows counted
/// with [`wrapped_rows`] after this are the rows drawn, where the lines' own word wrap may
/// need one more than their width says.
#[must_use]
pub fn word_wrapped(lines: Vec<Line<'static>>, width: u16) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .flat_map(|line| hung(&line, width, 0))
        .collect()
}

/// Text made of paragraphs (as `SafeText::reflowed` gives it: one line each, list items on
/// lines of their own) wrapped to `width` in `style`, a list item's later rows under its
/// text: a session's summary and closing words.
#[must_use]
pub fn paragraph_rows(text: &str, style: Style, width: u16) -> Vec<Line<'static>> {
    text.lines()
        .flat_map(|l| hung(&Line::styled(l.to_string(), style), width, list_hang(l)))
        .collect()
}

/// The edge marker of text scrolled to `scroll` of `max`: what is hidden, if anything.
#[must_use]
pub fn scroll_marker(scroll: u16, max: u16) -> &'static str {
    match (scroll > 0, scroll < max) {
        (_, true) => " ↓ more (j/k) ",
        (true, false) => " ↑ more above ",
        (false, false) => "",
    }
}

/// One line wrapped by words to `width`, its rows after the first indented by `indent`
/// (under the text, past a mark such as " ✗ "), each keeping the line's style.
#[must_use]
pub fn hung<'a>(line: &Line<'a>, width: u16, indent: usize) -> Vec<Line<'a>> {
    let style = line.style;
    hang(&line.spans, width, indent)
        .into_iter()
        .map(|row| row.style(style))
        .collect()
}

/// Rows `lines` take wrapped to `width`, counted by width (word wrap may need a row more:
/// [`word_wrapped`] lines first where it matters, or keep a spare row).
#[must_use]
pub fn wrapped_rows(lines: &[Line], width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(width).max(1)).sum();
    u16::try_from(rows).unwrap_or(u16::MAX)
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

/// The countdown at the size the running layout chose, centred in `area`; nothing for
/// [`Digits::Line`] (the gauge's label says the time then).
pub fn render_digits(text: &str, style: Style, digits: Digits, area: Rect, buf: &mut Buffer) {
    let size = match digits {
        Digits::Double | Digits::Full => PixelSize::Full,
        Digits::Half => PixelSize::HalfHeight,
        Digits::Quadrant => PixelSize::Quadrant,
        Digits::Line => return,
    };
    let (char_w, rows) = digits.cell();
    let chars = u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
    let width = char_w.saturating_mul(chars).min(area.width);
    let rows = rows.min(area.height);
    let target = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - rows) / 2,
        width,
        rows,
    );
    let big = BigText::builder()
        .pixel_size(size)
        .style(style)
        .lines(vec![Line::from(text.to_string())])
        .build();
    if digits != Digits::Double {
        big.render(target, buf);
        return;
    }
    // Twice as large: draw at full size, then copy every cell into a 2x2 block.
    let small = Rect::new(0, 0, target.width.div_ceil(2), target.height.div_ceil(2));
    let mut scratch = Buffer::empty(small);
    big.render(small, &mut scratch);
    for y in 0..target.height {
        for x in 0..target.width {
            let cell = scratch[(x / 2, y / 2)].clone();
            buf[(target.x + x, target.y + y)] = cell;
        }
    }
}

/// Wraps one styled line to `width` columns by words, indenting every row after the first by
/// `indent` columns, so a numbered list item's continuation lines sit under its text, not
/// under its number. A word wider than a row (a long link, a run of CJK text, which has no
/// spaces to break at) fills the row it starts on and goes on in the next ones.
#[must_use]
pub fn hang<'a>(spans: &[Span<'a>], width: u16, indent: usize) -> Vec<Line<'a>> {
    let width = usize::from(width.max(1));
    let mut rows: Vec<Line<'a>> = vec![Line::default()];
    let mut used = 0;
    let new_row = |rows: &mut Vec<Line<'a>>, used: &mut usize| {
        // The space that ended the row would spill onto a row of its own.
        if let Some(row) = rows.last_mut() {
            for last in row.spans.iter_mut().rev() {
                last.content = last.content.trim_end().to_string().into();
                if !last.content.is_empty() {
                    break;
                }
            }
        }
        rows.push(Line::raw(" ".repeat(indent)));
        *used = indent;
    };
    for span in spans {
        for word in span.content.split_inclusive(' ') {
            let shown = word.trim_end().width();
            let fits_a_row = indent + shown <= width;
            if used > indent && used + shown > width && fits_a_row {
                new_row(&mut rows, &mut used);
            }
            if used + shown <= width || fits_a_row {
                if let Some(row) = rows.last_mut() {
                    row.push_span(Span::styled(word.to_string(), span.style));
                }
                used += word.width();
                continue;
            }
            // Too long for any row: as much as fits on each, character by character.
            let mut piece = String::new();
            for c in word.chars() {
                let w = c.width().unwrap_or(0);
                if c != ' ' && used > indent && used + w > width {
                    if let Some(row) = rows.last_mut() {
                        row.push_span(Span::styled(std::mem::take(&mut piece), span.style));
                    }
                    new_row(&mut rows, &mut used);
                }
                piece.push(c);
                used += w;
            }
            if let Some(row) = rows.last_mut() {
                row.push_span(Span::styled(piece, span.style));
            }
        }
    }
    rows
}

/// Cuts a string to `max` terminal columns, with an ellipsis when cut: the one cut that
/// `knotless list` makes too.
pub use crate::text::fit_width as truncate;

/// `line` cut as [`truncate`] cuts a string; each span keeps its style.
#[must_use]
pub fn truncate_line(line: Line<'_>, max: usize) -> Line<'_> {
    if line.width() <= max {
        return line;
    }
    let style = line.style;
    let mut used = 0;
    let mut spans = Vec::new();
    for span in line.spans {
        let (kept, cut) = prefix(&span.content, &mut used, max);
        spans.push(Span::styled(kept, span.style));
        if cut {
            break;
        }
    }
    if max > 0 {
        spans.push(Span::raw("…"));
    }
    Line::from(spans).style(style)
}

/// The start of `s` that fits in `max` columns, `used` of them taken already, with one left
/// for an ellipsis; and whether `s` was cut.
fn prefix(s: &str, used: &mut usize, max: usize) -> (String, bool) {
    let mut out = String::new();
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if *used + w + 1 > max {
            return (out, true);
        }
        *used += w;
        out.push(c);
    }
    (out, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(rows: &[Line]) -> Vec<String> {
        rows.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn hang_puts_continuation_rows_under_the_text_and_keeps_them_inside_the_width() {
        let item = [
            Span::raw(" 2. "),
            Span::raw("Knee-to-chest  30s each: left, right"),
        ];
        let rows = hang(&item, 20, 4);
        assert_eq!(
            text(&rows),
            [" 2. Knee-to-chest", "    30s each: left,", "    right"]
        );
        assert!(rows.iter().all(|r| r.width() <= 20));
    }

    #[test]
    fn a_word_wider_than_a_row_goes_on_in_the_next_rows_and_loses_nothing() {
        let link = "https://example.org/a-very-long-path";
        let rows = hang(&[Span::raw(format!("See {link} today"))], 16, 0);
        assert_eq!(
            text(&rows),
            ["See https://exam", "ple.org/a-very-l", "ong-path today"]
        );
        // CJK text has no spaces: it fills each row, two columns a character.
        let cjk = "一つ目の項目はとても長い説明文です。";
        let rows = hang(&[Span::raw("- "), Span::raw(cjk)], 12, 2);
        assert_eq!(
            text(&rows),
            ["- 一つ目の項", "  目はとても", "  長い説明文", "  です。"]
        );
        let rows = hang(&[Span::raw(link)], 7, 3);
        assert!(rows.iter().all(|r| r.width() <= 7), "{:?}", text(&rows));
        assert_eq!(text(&rows).concat().replace(' ', ""), link);
    }

    #[test]
    fn an_overlay_edge_drops_the_first_hints_then_keeps_the_last_ones_final_words() {
        let edge = |width| edge_hints(Footer::Safety, width);
        assert_eq!(edge(60), " ↑↓ scroll · Enter, q or Esc: I understand ");
        assert_eq!(edge(40), " Enter, q or Esc: I understand ");
        assert_eq!(edge(20), " …I understand ");
        assert_eq!(edge(12), "");
        for width in 0..80 {
            let shown = edge(width);
            assert!(
                shown.width() + 2 <= usize::from(width.max(2)),
                "{width}: {shown}"
            );
        }
    }
}
