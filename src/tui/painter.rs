//! Putting frames on the terminal with one screen buffer instead of ratatui's two.
//!
//! ratatui's `Terminal` keeps the last frame as a second full buffer (48 bytes a cell: 144 KB
//! at 100x30, all of it resident, all day) to send only the cells that changed. Here the
//! last frame is remembered as one hash per row, and a row that changed is sent whole.
//! A countdown changes a few rows a second, so the terminal gets a few hundred more bytes a
//! second; the process keeps 144 KB less, and its first frame fills one buffer, not two.
//!
//! Which cells of a row to send is ratatui's own diff (wide characters, emoji with a
//! variation selector, cells to skip) against a blank row: with every cell marked "always
//! update" when the row replaces what the terminal shows, as they come when the screen is
//! known to be blank (the first frame, the one after a resize). The first frame is thus
//! the bytes ratatui would send.

use std::hash::BuildHasher;

use foldhash::fast::FixedState;

use ratatui::backend::Backend;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;

/// The frame being drawn, and what the terminal shows, as a hash per row.
pub struct Painter<B: Backend> {
    backend: B,
    frame: Buffer,
    /// Per row: the hash of what the terminal shows; `None` while it shows a blank row.
    shown: Vec<Option<u64>>,
    /// One row of the frame, and a blank one to diff it against.
    row: Buffer,
    blank: Buffer,
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
            self.blank.area.y = y;
            for (to, from) in self.row.content.iter_mut().zip(cells) {
                to.clone_from(from);
                if replaces && to.diff_option == CellDiffOption::None {
                    to.diff_option = CellDiffOption::AlwaysUpdate;
                }
            }
            let cells = self.blank.diff_iter(&self.row);
            self.sent.extend(cells.map(|(x, y, _)| (x, y)));
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
