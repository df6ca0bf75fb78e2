//! The terminal's backend: crossterm's, except that a frame's cells are written out here, the
//! same bytes without the formatting machinery. ratatui's crossterm backend sends each cell
//! as a crossterm command, and a command goes through `core::fmt` (an adapter, `write!`,
//! padding): about 300 instructions a cell, a quarter of a first frame's after the command
//! line is read. Here a cell's symbol is copied as it is and a cursor move is two numbers
//! written by hand; the style changes between cells, far rarer, are still crossterm's
//! commands, chosen by the same rules as ratatui's backend.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, IntoCrossterm, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::queue;
use ratatui::crossterm::style::{
    Attribute, Color as CrosstermColor, Colors, SetAttribute, SetBackgroundColor, SetColors,
    SetForegroundColor, SetUnderlineColor,
};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

/// crossterm's backend with [`draw_cells`] for drawing.
pub struct Ansi<W: Write> {
    inner: CrosstermBackend<W>,
}

impl<W: Write> Ansi<W> {
    pub fn new(writer: W) -> Ansi<W> {
        Ansi {
            inner: CrosstermBackend::new(writer),
        }
    }
}

impl<W: Write> Write for Ansi<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.inner.write(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

impl<W: Write> Backend for Ansi<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        draw_cells(&mut self.inner, content)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

/// Writes `content` as ratatui's crossterm backend draws it, byte for byte: a cursor move
/// where a cell does not follow the one before on its row, the changes of attributes and
/// colours, the symbol; then every colour and attribute reset.
///
/// # Errors
/// When `w` cannot be written to.
pub fn draw_cells<'a, W: Write>(
    w: &mut W,
    content: impl Iterator<Item = (u16, u16, &'a Cell)>,
) -> io::Result<()> {
    let (mut fg, mut bg, mut underline) = (Color::Reset, Color::Reset, Color::Reset);
    let mut modifier = Modifier::empty();
    let mut last: Option<(u16, u16)> = None;
    for (x, y, cell) in content {
        if !matches!(last, Some((lx, ly)) if lx.checked_add(1) == Some(x) && ly == y) {
            move_to(w, x, y)?;
        }
        last = Some((x, y));
        if cell.modifier != modifier {
            change_modifiers(w, modifier, cell.modifier)?;
            modifier = cell.modifier;
        }
        if cell.fg != fg || cell.bg != bg {
            let colors = Colors::new(cell.fg.into_crossterm(), cell.bg.into_crossterm());
            queue!(w, SetColors(colors))?;
            (fg, bg) = (cell.fg, cell.bg);
        }
        if cell.underline_color != underline {
            queue!(w, SetUnderlineColor(cell.underline_color.into_crossterm()))?;
            underline = cell.underline_color;
        }
        w.write_all(cell.symbol().as_bytes())?;
    }
    queue!(
        w,
        SetForegroundColor(CrosstermColor::Reset),
        SetBackgroundColor(CrosstermColor::Reset),
        SetUnderlineColor(CrosstermColor::Reset),
        SetAttribute(Attribute::Reset),
    )
}

/// Moves the cursor to column `x`, row `y` (from 0): `CSI row;col H`, as crossterm's `MoveTo`.
fn move_to(w: &mut impl Write, x: u16, y: u16) -> io::Result<()> {
    let (mut row, mut col) = (itoa::Buffer::new(), itoa::Buffer::new());
    let (row, col) = (row.format(u32::from(y) + 1), col.format(u32::from(x) + 1));
    w.write_all(b"\x1b[")?;
    w.write_all(row.as_bytes())?;
    w.write_all(b";")?;
    w.write_all(col.as_bytes())?;
    w.write_all(b"H")
}

/// The attribute changes from `from` to `to`, as ratatui's crossterm backend makes them:
/// what goes first, then what comes; bold and dim share one "normal intensity" reset, after
/// which the one that stays is set again (and is not added a second time).
fn change_modifiers(w: &mut impl Write, from: Modifier, to: Modifier) -> io::Result<()> {
    let removed = from - to;
    let reset_intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    set_each(w, removed, &[(Modifier::REVERSED, Attribute::NoReverse)])?;
    if reset_intensity {
        queue!(w, SetAttribute(Attribute::NormalIntensity))?;
        let kept = [
            (Modifier::DIM, Attribute::Dim),
            (Modifier::BOLD, Attribute::Bold),
        ];
        set_each(w, to, &kept)?;
    }
    let removals = [
        (Modifier::ITALIC, Attribute::NoItalic),
        (Modifier::UNDERLINED, Attribute::NoUnderline),
        (Modifier::CROSSED_OUT, Attribute::NotCrossedOut),
        (Modifier::HIDDEN, Attribute::NoHidden),
    ];
    set_each(w, removed, &removals)?;
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        queue!(w, SetAttribute(Attribute::NoBlink))?;
    }
    let mut added = to - from;
    if reset_intensity {
        added -= Modifier::BOLD | Modifier::DIM;
    }
    let additions = [
        (Modifier::REVERSED, Attribute::Reverse),
        (Modifier::BOLD, Attribute::Bold),
        (Modifier::ITALIC, Attribute::Italic),
        (Modifier::UNDERLINED, Attribute::Underlined),
        (Modifier::DIM, Attribute::Dim),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut),
        (Modifier::HIDDEN, Attribute::Hidden),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink),
    ];
    set_each(w, added, &additions)
}

/// Sets, in the table's order, the attribute of each modifier `present` holds.
fn set_each(
    w: &mut impl Write,
    present: Modifier,
    table: &[(Modifier, Attribute)],
) -> io::Result<()> {
    for &(modifier, attribute) in table {
        if present.contains(modifier) {
            queue!(w, SetAttribute(attribute))?;
        }
    }
    Ok(())
}
