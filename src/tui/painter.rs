//! Putting frames on the terminal with one screen buffer instead of ratatui's two.
//!
//! ratatui's `Terminal` keeps the last frame as a second full buffer (48 bytes a cell: 144 KB
//! at 100x30, all of it resident, all day) to send only the cells that changed. Here the
//! last frame is remembered as one hash per row, and a row that changed is sent whole.
//! A countdown changes a few rows a second, so the terminal gets a few hundred more bytes a
//! second; the process keeps 144 KB less, and its first frame fills one buffer, not two.
//! (A changed row whose 64-bit hash equals the old one's would not be sent: one chance in
//! 2^64 per change, and the next change to that row sends it.)
//!
//! Which cells of a row to send is ratatui's own diff (wide characters, emoji with a
//! variation selector, cells to skip) against what the row shows: a blank row where the
//! screen is known to be blank (the first frame, the one after a resize), so the first
//! frame is the bytes ratatui would send; otherwise a row of a symbol no frame holds, as
//! nothing is known of it but its hash. Then every cell differs, the cells an emoji with a
//! variation selector covers too (ratatui sends those where they changed: a terminal that
//! draws such an emoji one column wide would leave what was there before). They are sent
//! before the emoji, so a terminal that draws it two columns wide does not overwrite it.

use std::hash::BuildHasher;

use foldhash::fast::FixedState;

use ratatui::backend::Backend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;

/// The symbol of a row whose content is not known, which no frame holds: a cell holds one
/// grapheme, and two noncharacters are two.
const UNKNOWN: &str = "\u{ffff}\u{ffff}";

/// The frame being drawn, and what the terminal shows, as a hash per row.
pub struct Painter<B: Backend> {
    backend: B,
    frame: Buffer,
    /// Per row: the hash of what the terminal shows; `None` while it shows a blank row.
    shown: Vec<Option<u64>>,
    /// One row of the frame, and the two rows it is diffed against: a blank one, and one
    /// of [`UNKNOWN`].
    row: Buffer,
    blank: Buffer,
    unknown: Buffer,
    /// Where the cells to send are: all of them go to the backend in one call, so styles
    /// carry on from row to row and the colours are reset once, as ratatui sends them.
    sent: Vec<(u16, u16)>,
}

impl<B: Backend> Painter<B> {
    /// A painter for a terminal whose screen is blank (the alternate screen just entered).
    pub fn new(backend: B, area: Rect) -> Painter<B> {
        let row = Rect { height: 1, ..area };
        Painter {
            backend,
            frame: Buffer::empty(area),
            shown: vec![None; usize::from(area.height)],
            row: Buffer::empty(row),
            blank: Buffer::empty(row),
            unknown: unknown_row(row),
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

    /// Renders a frame and sends the rows that differ from what the terminal shows.
    ///
    /// # Errors
    /// When the terminal cannot be written to.
    pub fn draw(&mut self, render: impl FnOnce(Rect, &mut Buffer)) -> Result<(), B::Error> {
        self.frame.reset();
        render(self.frame.area, &mut self.frame);
        let area = self.frame.area;
        let width = usize::from(area.width);
        self.sent.clear();
        for (y, shown) in (area.y..area.bottom()).zip(self.shown.iter_mut()) {
            let start = usize::from(y - area.y) * width;
            let cells = &self.frame.content[start..start + width];
            // A blank row on the terminal is hashed after the frame went out (below), so
            // a first frame does not wait for hashing.
            let replaces = shown.is_some();
            if replaces {
                let hash = FixedState::default().hash_one(cells);
                if *shown == Some(hash) {
                    continue;
                }
                *shown = Some(hash);
            }
            self.row.area.y = y;
            self.row.content.clone_from_slice(cells);
            let shows = if replaces {
                &mut self.unknown
            } else {
                &mut self.blank
            };
            shows.area.y = y;
            let from = self.sent.len();
            self.sent
                .extend(shows.diff_iter(&self.row).map(|(x, y, _)| (x, y)));
            if replaces {
                covered_cells_first(&mut self.sent[from..], &self.row);
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
        for (cells, shown) in self.frame.content.chunks(width.max(1)).zip(&mut self.shown) {
            if shown.is_none() {
                *shown = Some(FixedState::default().hash_one(cells));
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
        let row = Rect { height: 1, ..area };
        self.frame.resize(area);
        self.row.resize(row);
        self.blank.resize(row);
        self.unknown = unknown_row(row);
        self.shown.clear();
        self.shown.resize(usize::from(area.height), None);
        Ok(())
    }

    /// The terminal says its size changed: a full redraw at the size it has now.
    ///
    /// # Errors
    /// When the size cannot be read or the terminal written to.
    pub fn fit(&mut self) -> Result<(), B::Error> {
        let size = self.backend.size()?;
        self.resize(Rect::new(0, 0, size.width, size.height))
    }
}

fn unknown_row(area: Rect) -> Buffer {
    let mut row = Buffer::empty(area);
    for cell in &mut row.content {
        cell.set_symbol(UNKNOWN);
    }
    row
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
