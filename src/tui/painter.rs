//! Putting frames on the terminal with one screen buffer instead of ratatui's two.
//!
//! ratatui's `Terminal` keeps the last frame as a second full buffer (48 bytes a cell: 144 KB
//! at 100x30, all of it resident, all day) to send only the cells that changed. Here the
//! last frame is remembered as one hash per cell (8 bytes a cell), and of a row that changed
//! the cells from its first change to one past its last are sent. A countdown changes a few
//! runs of cells a second (the digits, the time left); the process keeps 120 KB less, and
//! its first frame fills one buffer, not two. (A changed cell whose 64-bit hash equals the
//! old one's would not be sent: one chance in 2^64 per change, and the next change to that
//! cell sends it.)
//!
//! Which cells of such a run to send is ratatui's own diff (wide characters, emoji with a
//! variation selector, cells to skip) against what the run shows: blank where the screen is
//! known to be blank (the first frame, the one after a resize; worked out on the row's own
//! cells, `over_blank`), so the first frame is the bytes ratatui would send; otherwise a run
//! of a symbol no frame holds, as nothing is known of it but its hashes. Then every cell differs, the cells an emoji with a variation
//! selector covers too (ratatui sends those where they changed: a terminal that draws such
//! an emoji one column wide would leave what was there before). They are sent before the
//! emoji, so a terminal that draws it two columns wide does not overwrite it. A run starts at
//! the wide symbol that covers its first change, and takes one cell past its last, where a
//! wide symbol the terminal showed may have left half of itself.

use std::hash::{BuildHasher, Hasher};

use foldhash::fast::FixedState;

use ratatui::backend::Backend;
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Color;

use super::over_blank::send_over_blank;

/// The symbol of a cell whose content is not known, which no frame holds: a cell holds one
/// grapheme, and two noncharacters are two.
const UNKNOWN: &str = "\u{ffff}\u{ffff}";

/// The frame being drawn, and what the terminal shows, as a hash per cell.
pub struct Painter<B: Backend> {
    backend: B,
    /// Blank between frames (made blank, and blanked again once a frame is done), so a
    /// frame renders into it as it is: a first frame does not blank a screenful of cells
    /// that are blank already, and a later one does not wait for the blanking.
    frame: Buffer,
    /// Per cell, row by row: the hash of what the terminal shows there, on the rows `known`.
    shown: Vec<u64>,
    /// Per row: whether `shown` holds it; a row not known shows blank.
    known: Vec<bool>,
    /// Where the cells to send are: all of them go to the backend in one call, so styles
    /// carry on from run to run and the colours are reset once, as ratatui sends them.
    sent: Vec<(u16, u16)>,
}

impl<B: Backend> Painter<B> {
    /// A painter for a terminal whose screen is blank (the alternate screen just entered).
    pub fn new(backend: B, area: Rect) -> Painter<B> {
        Painter {
            backend,
            frame: Buffer::empty(area),
            shown: vec![0; usize::from(area.width) * usize::from(area.height)],
            known: vec![false; usize::from(area.height)],
            sent: Vec::new(),
        }
    }

    pub fn area(&self) -> Rect {
        self.frame.area
    }

    pub fn backend(&self) -> &B {
        &self.backend
    }

    pub fn backend_mut(&mut self) -> &mut B {
        &mut self.backend
    }

    /// Renders a frame and sends the cells that differ from what the terminal shows.
    ///
    /// # Errors
    /// When the terminal cannot be written to.
    pub fn draw(&mut self, render: impl FnOnce(Rect, &mut Buffer)) -> Result<(), B::Error> {
        render(self.frame.area, &mut self.frame);
        let result = self.send();
        // Blank again for the next frame, now that nobody waits for this one; a frame that
        // could not be sent too, so the buffer is blank between frames on every path.
        self.frame.reset();
        result
    }

    /// Sends the runs of the rendered frame that differ from what the terminal shows.
    fn send(&mut self) -> Result<(), B::Error> {
        let area = self.frame.area;
        let width = usize::from(area.width).max(1);
        self.sent.clear();
        let rows = self.frame.content.chunks(width);
        let hashes = self.shown.chunks_mut(width);
        for ((y, cells), (shown, known)) in (area.y..).zip(rows).zip(hashes.zip(&self.known)) {
            // A blank row on the terminal is hashed after the frame went out (below), so
            // a first frame does not wait for hashing.
            if !*known {
                send_over_blank(&mut self.sent, cells, area.x, y);
            } else if let Some(run) = changed_run(cells, shown) {
                send_run(&mut self.sent, cells, run, area.x, y);
            }
        }
        // Nothing changed: nothing to write (crossterm's backend would reset the colours).
        if !self.sent.is_empty() {
            let frame = &self.frame;
            let cells = self.sent.iter().map(|&(x, y)| (x, y, &frame[(x, y)]));
            self.backend.draw(cells)?;
        }
        // A whole first frame's positions should not be kept for the rest of the day.
        self.sent.shrink_to(4 * width);
        self.backend.flush()?;
        let rows = self.frame.content.chunks(width);
        for ((cells, shown), known) in rows.zip(self.shown.chunks_mut(width)).zip(&mut self.known) {
            if !*known {
                for (hash, cell) in shown.iter_mut().zip(cells) {
                    *hash = cell_hash(cell);
                }
                *known = true;
            }
        }
        Ok(())
    }

    /// Clears the terminal and fits the frame to `area`: the next frame is drawn whole.
    ///
    /// # Errors
    /// When the terminal cannot be written to.
    pub fn resize(&mut self, area: Rect) -> Result<(), B::Error> {
        self.backend.clear()?;
        self.frame.resize(area);
        self.shown.clear();
        self.shown
            .resize(usize::from(area.width) * usize::from(area.height), 0);
        self.known.clear();
        self.known.resize(usize::from(area.height), false);
        Ok(())
    }

    /// The terminal says its size changed (or came back from Ctrl-Z): a full redraw at the
    /// size it has now, even when that is the size drawn last. Shrunk and restored between
    /// two looks, a terminal has cut or rewrapped what it showed, and a redraw of only the
    /// rows that changed would leave that wreckage on screen.
    ///
    /// # Errors
    /// When the size cannot be read or the terminal written to.
    pub fn fit(&mut self) -> Result<(), B::Error> {
        let size = self.backend.size()?;
        self.resize(Rect::new(0, 0, size.width, size.height))
    }
}

/// The cells of a row to send, from the cells `shown` says the terminal shows there (which
/// it updates): from the first that changed (back to the wide symbol that covers it) to one
/// past the last. `None` when none changed.
fn changed_run(cells: &[Cell], shown: &mut [u64]) -> Option<std::ops::Range<usize>> {
    let mut changed: Option<(usize, usize)> = None;
    for (x, (cell, hash)) in cells.iter().zip(shown).enumerate() {
        let new = cell_hash(cell);
        if new != *hash {
            *hash = new;
            changed = Some(changed.map_or((x, x), |(first, _)| (first, x)));
        }
    }
    let (first, last) = changed?;
    let start = (first.saturating_sub(2)..first)
        .find(|&x| x + cell_width(&cells[x]) > first)
        .unwrap_or(first);
    Some(start..(last + 2).min(cells.len()))
}

/// Adds to `sent` the cells of `run` of a row at `y` that ratatui's diff sends over a run of
/// a symbol no frame holds (all that is known of what the terminal shows there is its
/// hashes): every cell, the cells a wide symbol covers before it.
fn send_run(
    sent: &mut Vec<(u16, u16)>,
    cells: &[Cell],
    run: std::ops::Range<usize>,
    x0: u16,
    y: u16,
) {
    let offset = u16::try_from(run.start).unwrap_or(u16::MAX);
    let width = u16::try_from(run.len()).unwrap_or(u16::MAX);
    let area = Rect::new(x0 + offset, y, width, 1);
    let row = Buffer {
        area,
        content: cells[run].to_vec(),
    };
    let mut unknown = Cell::default();
    unknown.set_symbol(UNKNOWN);
    let shows = Buffer::filled(area, unknown);
    let from = sent.len();
    sent.extend(shows.diff_iter(&row).map(|(x, y, _)| (x, y)));
    covered_cells_first(&mut sent[from..], &row);
}

/// A hash of everything a cell holds, as `Cell`'s own `Hash` covers it but with its colours
/// and attributes packed into two words: a frame hashes every cell, and the derived `Hash`
/// of three colours took a quarter of a countdown frame.
fn cell_hash(cell: &Cell) -> u64 {
    let mut hasher = FixedState::default().build_hasher();
    let symbol = cell.symbol();
    hasher.write(symbol.as_bytes());
    let len = u64::try_from(symbol.len()).unwrap_or(u64::MAX) & 0xfff;
    hasher.write_u64(color_bits(cell.fg) | color_bits(cell.bg) << 26 | len << 52);
    let (option, forced) = match cell.diff_option {
        CellDiffOption::None => (0, 0),
        CellDiffOption::Skip => (1, 0),
        CellDiffOption::AlwaysUpdate => (2, 0),
        CellDiffOption::ForcedWidth(width) => (3, u64::from(width.get())),
    };
    #[allow(deprecated)]
    let skip = u64::from(cell.skip);
    hasher.write_u64(
        color_bits(cell.underline_color)
            | u64::from(cell.modifier.bits()) << 26
            | skip << 42
            | option << 43
            | forced << 45,
    );
    hasher.finish()
}

/// A colour in 26 bits, each colour its own value.
fn color_bits(color: Color) -> u64 {
    match color {
        Color::Reset => 0,
        Color::Black => 1,
        Color::Red => 2,
        Color::Green => 3,
        Color::Yellow => 4,
        Color::Blue => 5,
        Color::Magenta => 6,
        Color::Cyan => 7,
        Color::Gray => 8,
        Color::DarkGray => 9,
        Color::LightRed => 10,
        Color::LightGreen => 11,
        Color::LightYellow => 12,
        Color::LightBlue => 13,
        Color::LightMagenta => 14,
        Color::LightCyan => 15,
        Color::White => 16,
        Color::Indexed(i) => 1 << 24 | u64::from(i),
        Color::Rgb(r, g, b) => 2 << 24 | u64::from(r) << 16 | u64::from(g) << 8 | u64::from(b),
    }
}

/// Moves the cells a wide symbol covers before the symbol: `sent` holds one row's positions
/// in order, `row` that row.
fn covered_cells_first(sent: &mut [(u16, u16)], row: &Buffer) {
    let mut i = 0;
    while i < sent.len() {
        let (x, y) = sent[i];
        let width = cell_width(&row[(x, y)]);
        let covered = sent[i + 1..]
            .iter()
            .take_while(|&&(cx, _)| cx > x && usize::from(cx - x) < width)
            .count();
        sent[i..=i + covered].rotate_left(1);
        i += covered + 1;
    }
}

fn cell_width(cell: &Cell) -> usize {
    unicode_width::UnicodeWidthStr::width(cell.symbol())
}

#[cfg(test)]
mod tests {
    use std::num::NonZeroU16;

    use ratatui::buffer::{Cell, CellDiffOption};
    use ratatui::style::{Color, Modifier};

    use super::{cell_hash, color_bits};

    /// Every colour packs to its own value, so no two colours hash alike.
    #[test]
    fn colours_pack_apart() {
        let mut colours = vec![Color::Reset, Color::Black, Color::Red, Color::Green];
        colours.extend([Color::Yellow, Color::Blue, Color::Magenta, Color::Cyan]);
        colours.extend([
            Color::Gray,
            Color::DarkGray,
            Color::LightRed,
            Color::LightGreen,
        ]);
        colours.extend([Color::LightYellow, Color::LightBlue, Color::LightMagenta]);
        colours.extend([Color::LightCyan, Color::White]);
        colours.extend((0..=255).map(Color::Indexed));
        colours.extend([
            Color::Rgb(0, 0, 0),
            Color::Rgb(255, 255, 255),
            Color::Rgb(1, 2, 3),
        ]);
        let mut bits: Vec<u64> = colours.iter().map(|&c| color_bits(c)).collect();
        assert!(bits.iter().all(|&b| b < 1 << 26));
        bits.sort_unstable();
        bits.dedup();
        assert_eq!(bits.len(), colours.len());
    }

    /// A change to any one thing a cell holds changes its hash, a blank cell's too; a space
    /// and no symbol (ratatui's two blanks) hash alike.
    #[test]
    #[allow(deprecated)]
    fn every_field_changes_the_hash() {
        assert_eq!(cell_hash(&Cell::new(" ")), cell_hash(&Cell::EMPTY));
        for base in [Cell::new("a"), Cell::EMPTY] {
            changes_differ(&base);
        }
    }

    #[allow(deprecated)]
    fn changes_differ(base: &Cell) {
        let changes: Vec<fn(&mut Cell)> = vec![
            |c| {
                c.set_symbol("c");
            },
            |c| {
                c.set_symbol("ab");
            },
            |c| c.fg = Color::Red,
            |c| c.bg = Color::Rgb(1, 2, 3),
            |c| c.underline_color = Color::Indexed(4),
            |c| c.modifier = Modifier::BOLD,
            |c| c.skip = true,
            |c| c.diff_option = CellDiffOption::AlwaysUpdate,
            |c| c.diff_option = CellDiffOption::ForcedWidth(NonZeroU16::MIN),
        ];
        let mut hashes = vec![cell_hash(base)];
        for change in changes {
            let mut cell = base.clone();
            change(&mut cell);
            hashes.push(cell_hash(&cell));
        }
        let count = hashes.len();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), count);
    }
}
