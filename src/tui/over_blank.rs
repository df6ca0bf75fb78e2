//! Which cells of a row to send to a terminal that shows the row blank (a first frame, the one
//! after a resize): ratatui's own diff (`Buffer::diff_iter`) with every cell before it blank,
//! worked out on the row's cells where they lie. The diff itself needs two buffers, and a
//! first frame copied every row into one and made a blank one beside it: a third of the
//! instructions the first frame took after the command line was read.

use ratatui::buffer::{Cell, CellDiffOption, CellWidth};
use ratatui::style::Color;

/// Adds to `sent`, in the order ratatui's diff yields them, the positions of the cells of
/// `cells` (a row at `x0`, `y`) that its diff from a blank row sends.
pub fn send_over_blank(sent: &mut Vec<(u16, u16)>, cells: &[Cell], x0: u16, y: u16) {
    let at = |i: usize| (x0.saturating_add(u16::try_from(i).unwrap_or(u16::MAX)), y);
    let len = cells.len();
    let mut i = 0;
    while i < len {
        let cell = &cells[i];
        let here = i;
        i += 1;
        match cell.diff_option {
            CellDiffOption::Skip => {}
            _ if skipped(cell) => {}
            CellDiffOption::ForcedWidth(width) => {
                i = i.saturating_add(usize::from(width.get()) - 1);
                if !blank(cell) {
                    sent.push(at(here));
                }
            }
            CellDiffOption::None | CellDiffOption::AlwaysUpdate => {
                if cell.diff_option == CellDiffOption::None && blank(cell) {
                    continue;
                }
                let width = usize::from(cell.cell_width());
                sent.push(at(here));
                if width > 1 && cell.symbol().contains('\u{FE0F}') {
                    // An emoji with a variation selector: the cells under it whose symbol is
                    // not blank go too (some terminals draw it one column wide).
                    let mut end = (here + width).min(len);
                    let mut j = here + 1;
                    while j < end {
                        let under = &cells[j];
                        let covered = j;
                        j += usize::from(under.cell_width()).max(1);
                        end = end.max(j).min(len);
                        if !skipped(under) && under.symbol() != " " {
                            sent.push(at(covered));
                        }
                    }
                    i = end;
                } else {
                    i += width.saturating_sub(1);
                }
            }
        }
    }
}

/// A cell ratatui's diff never sends.
fn skipped(cell: &Cell) -> bool {
    #[allow(deprecated)]
    let skip = cell.skip;
    cell.diff_option == CellDiffOption::Skip || (skip && cell.diff_option == CellDiffOption::None)
}

/// Whether a cell equals a blank one (`Cell::EMPTY`, as `Cell`'s `PartialEq` compares them),
/// field by field: this is asked of every cell of a first frame, most of them blank, and
/// `PartialEq` took a hundred instructions a cell.
fn blank(cell: &Cell) -> bool {
    #[allow(deprecated)]
    let skip = cell.skip;
    cell.symbol() == " "
        && matches!(cell.fg, Color::Reset)
        && matches!(cell.bg, Color::Reset)
        && matches!(cell.underline_color, Color::Reset)
        && cell.modifier.is_empty()
        && !skip
        && matches!(cell.diff_option, CellDiffOption::None)
}

#[cfg(test)]
mod tests {
    use std::num::NonZeroU16;

    use proptest::prelude::*;
    use ratatui::buffer::{Buffer, Cell, CellDiffOption};
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier};

    use super::send_over_blank;

    /// A cell from a small alphabet that holds every case the diff tells apart.
    fn cell(pick: (u8, u8, u8)) -> Cell {
        let symbols = [" ", "a", "界", "❤\u{fe0f}", "👍", "", "e\u{301}", "ﾊﾞ"];
        let mut cell = Cell::new(symbols[usize::from(pick.0) % symbols.len()]);
        match pick.1 % 6 {
            0 => {}
            1 => cell.bg = Color::Blue,
            2 => cell.fg = Color::Indexed(7),
            3 => cell.modifier = Modifier::REVERSED,
            4 => cell.underline_color = Color::Red,
            _ => {
                #[allow(deprecated)]
                {
                    cell.skip = true;
                }
            }
        }
        cell.diff_option = match pick.2 % 8 {
            0 => CellDiffOption::Skip,
            1 => CellDiffOption::AlwaysUpdate,
            2 => CellDiffOption::ForcedWidth(NonZeroU16::new(2).unwrap_or(NonZeroU16::MIN)),
            3 => CellDiffOption::ForcedWidth(NonZeroU16::MIN),
            _ => CellDiffOption::None,
        };
        cell
    }

    fn ratatui_sends(row: &Buffer) -> Vec<(u16, u16)> {
        let blank = Buffer::empty(row.area);
        blank.diff_iter(row).map(|(x, y, _)| (x, y)).collect()
    }

    proptest! {
        #[test]
        fn the_same_cells_as_ratatuis_diff_from_a_blank_row(
            picks in prop::collection::vec((any::<u8>(), any::<u8>(), any::<u8>()), 0..24),
            x0 in 0u16..5,
            y in 0u16..5,
        ) {
            let content: Vec<Cell> = picks.iter().map(|&p| cell(p)).collect();
            let width = u16::try_from(content.len()).unwrap_or(u16::MAX);
            let row = Buffer { area: Rect::new(x0, y, width, 1), content };
            let mut sent = Vec::new();
            send_over_blank(&mut sent, &row.content, x0, y);
            prop_assert_eq!(sent, ratatui_sends(&row));
        }
    }

    proptest! {
        #[test]
        fn blank_is_equal_to_the_empty_cell(pick in (any::<u8>(), any::<u8>(), any::<u8>())) {
            let cell = cell(pick);
            prop_assert_eq!(super::blank(&cell), cell == Cell::EMPTY);
        }
    }

    #[test]
    fn a_styled_blank_is_sent_and_a_plain_one_is_not() {
        let mut styled = Cell::new(" ");
        styled.bg = Color::Blue;
        let row = [Cell::new(" "), styled, Cell::new("x"), Cell::new(" ")];
        let mut sent = Vec::new();
        send_over_blank(&mut sent, &row, 3, 1);
        assert_eq!(sent, [(4, 1), (5, 1)]);
    }
}
