//! The terminal backend's drawing (`tui::ansi`) against ratatui's crossterm backend: the same
//! bytes for any cells in any order, every colour, attribute and symbol kind.
#![allow(clippy::unwrap_used)]

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use proptest::prelude::*;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

use knotless::tui::ansi::draw_cells;

fn color(pick: u8, value: u8) -> Color {
    match pick % 20 {
        0..=16 => [
            Color::Reset,
            Color::Black,
            Color::Red,
            Color::Green,
            Color::Yellow,
            Color::Blue,
            Color::Magenta,
            Color::Cyan,
            Color::Gray,
            Color::DarkGray,
            Color::LightRed,
            Color::LightGreen,
            Color::LightYellow,
            Color::LightBlue,
            Color::LightMagenta,
            Color::LightCyan,
            Color::White,
        ][usize::from(pick % 20)],
        17 => Color::Indexed(value),
        _ => Color::Rgb(value, value / 2, 255 - value),
    }
}

/// A cell from a few random bytes: symbol, three colours (often the same as the cell before,
/// as in a frame), attributes.
fn cell(bytes: [u8; 6]) -> Cell {
    let symbols = ["a", " ", "界", "❤\u{fe0f}", "", "e\u{301}", "─", "9"];
    let mut cell = Cell::new(symbols[usize::from(bytes[0]) % symbols.len()]);
    cell.fg = if bytes[1] < 128 {
        Color::Reset
    } else {
        color(bytes[1], bytes[5])
    };
    cell.bg = if bytes[2] < 160 {
        Color::Reset
    } else {
        color(bytes[2], bytes[5])
    };
    cell.underline_color = if bytes[3] < 200 {
        Color::Reset
    } else {
        color(bytes[3], bytes[5])
    };
    // Few modifiers at once, often none, as frames have them.
    let bits = u16::from(bytes[4]) << 1 & 0x1ff;
    cell.modifier = if bytes[4] < 96 {
        Modifier::empty()
    } else {
        Modifier::from_bits_truncate(bits)
    };
    cell
}

/// A writer whose bytes stay readable after the backend that owns it is gone.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn crossterm_bytes(cells: &[(u16, u16, Cell)]) -> Vec<u8> {
    let out = Shared::default();
    let mut backend = CrosstermBackend::new(out.clone());
    backend
        .draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
        .unwrap();
    out.0.take()
}

fn our_bytes(cells: &[(u16, u16, Cell)]) -> Vec<u8> {
    let mut out = Vec::new();
    draw_cells(&mut out, cells.iter().map(|(x, y, c)| (*x, *y, c))).unwrap();
    out
}

proptest! {
    #[test]
    fn the_same_bytes_as_ratatuis_crossterm_backend(
        picks in prop::collection::vec((any::<[u8; 6]>(), 0u8..4, any::<u16>()), 0..40),
    ) {
        // Mostly the next cell of the row, sometimes a jump anywhere (runs, rows, far edges).
        let mut at = (0u16, 0u16);
        let cells: Vec<(u16, u16, Cell)> = picks
            .iter()
            .map(|&(bytes, step, jump)| {
                at = match step {
                    0 => (jump % 400, jump / 400 % 200),
                    1 => (at.0, at.1.saturating_add(1)),
                    _ => (at.0.saturating_add(1), at.1),
                };
                (at.0, at.1, cell(bytes))
            })
            .collect();
        let (ours, theirs) = (our_bytes(&cells), crossterm_bytes(&cells));
        prop_assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs));
    }
}

#[test]
fn far_corners_and_every_attribute_change_match() {
    let mut cells = Vec::new();
    let all = Modifier::all();
    for (i, modifier) in [
        Modifier::empty(),
        all,
        Modifier::BOLD,
        Modifier::DIM,
        all,
        Modifier::empty(),
    ]
    .into_iter()
    .enumerate()
    {
        let mut cell = Cell::new("x");
        cell.modifier = modifier;
        cells.push((u16::MAX - 1 - u16::try_from(i).unwrap(), u16::MAX - 1, cell));
    }
    assert_eq!(our_bytes(&cells), crossterm_bytes(&cells));
    assert_eq!(
        our_bytes(&[]),
        crossterm_bytes(&[]),
        "no cells: only the resets"
    );
}
