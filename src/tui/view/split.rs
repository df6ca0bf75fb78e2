//! Splitting an area into rows or columns, as ratatui's `Layout` does, without its constraint
//! solver when the answer is plain arithmetic: lengths and percentages that fit, and at most
//! one `Fill` that takes the rest. The solver (kasuari) costs tens of microseconds per new
//! layout, and a first frame has a dozen of them; every other split (several fills or
//! percentages, lengths that do not fit) still goes to `Layout`, so what is drawn never
//! differs. A test compares the two over every size up to 120 cells.

use ratatui::layout::{Constraint, Direction, Layout, Rect};

/// `N` rows of `area`, from the top.
#[must_use]
pub fn rows<const N: usize>(area: Rect, constraints: [Constraint; N]) -> [Rect; N] {
    split(area, Direction::Vertical, constraints)
}

/// `N` columns of `area`, from the left.
#[must_use]
pub fn columns<const N: usize>(area: Rect, constraints: [Constraint; N]) -> [Rect; N] {
    split(area, Direction::Horizontal, constraints)
}

fn split<const N: usize>(
    area: Rect,
    direction: Direction,
    constraints: [Constraint; N],
) -> [Rect; N] {
    let vertical = direction == Direction::Vertical;
    let total = if vertical { area.height } else { area.width };
    let Some(sizes) = plain(total, &constraints) else {
        return area.layout(&Layout::new(direction, constraints));
    };
    let mut at = if vertical { area.y } else { area.x };
    sizes.map(|size| {
        let part = if vertical {
            Rect::new(area.x, at, area.width, size)
        } else {
            Rect::new(at, area.y, size, area.height)
        };
        at += size;
        part
    })
}

/// The sizes when only lengths, one fill and (before the fill) one percentage are asked for
/// and they fit; with no fill (and so no percentage), what is left stays empty at the end
/// (`Flex::Start`). The solver rounds edges, not sizes: a percentage that only lengths
/// precede has its far edge on a whole number plus its exact size, so rounding that size
/// (half up) is what the solver does. Anything else goes to the solver.
fn plain<const N: usize>(total: u16, constraints: &[Constraint; N]) -> Option<[u16; N]> {
    let mut sizes = [0; N];
    let mut fixed: u16 = 0;
    let mut fill = None;
    let mut percent = false;
    for (i, constraint) in constraints.iter().enumerate() {
        sizes[i] = match *constraint {
            Constraint::Length(n) => n,
            Constraint::Percentage(p) if p <= 100 && !percent && fill.is_none() => {
                percent = true;
                u16::try_from((u32::from(total) * u32::from(p) * 2 + 100) / 200).ok()?
            }
            Constraint::Fill(weight) if weight > 0 && fill.is_none() => {
                fill = Some(i);
                0
            }
            _ => return None,
        };
        fixed = fixed.checked_add(sizes[i])?;
    }
    let rest = total.checked_sub(fixed)?;
    match fill {
        Some(i) => sizes[i] = rest,
        None if percent => return None,
        None => {}
    }
    Some(sizes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Constraint::{Fill, Length, Percentage};

    /// What `Layout` itself gives.
    fn solved<const N: usize>(area: Rect, d: Direction, c: [Constraint; N]) -> [Rect; N] {
        area.layout(&Layout::new(d, c))
    }

    fn same_as_layout<const N: usize>(c: [Constraint; N]) {
        for total in 0..=120u16 {
            for d in [Direction::Vertical, Direction::Horizontal] {
                let area = if d == Direction::Vertical {
                    Rect::new(3, 2, 17, total)
                } else {
                    Rect::new(3, 2, total, 17)
                };
                assert_eq!(
                    split(area, d, c),
                    solved(area, d, c),
                    "{c:?} in {total} cells, {d:?}"
                );
            }
        }
    }

    #[test]
    fn the_shapes_the_views_use_split_as_layout_does_at_every_size() {
        for a in [0, 1, 2, 5, 13] {
            for b in [0, 1, 3, 30] {
                same_as_layout([Length(1), Fill(1), Length(a), Length(b), Length(1)]);
                same_as_layout([Length(1), Length(a), Length(1), Length(b), Fill(1)]);
                same_as_layout([Fill(1), Length(a), Length(b)]);
                same_as_layout([Length(a), Fill(1)]);
                same_as_layout([Length(a), Length(1), Length(b)]);
                same_as_layout([Length(a), Fill(3), Length(b)]);
            }
        }
        same_as_layout([Length(1), Fill(1), Length(1)]);
        for p in 0..=100 {
            same_as_layout([Percentage(p), Fill(1)]);
            same_as_layout([Fill(1), Percentage(p)]);
        }
        for p in [1, 29, 33, 42, 50, 57, 99] {
            same_as_layout([Length(1), Percentage(p), Fill(1), Length(2)]);
            same_as_layout([Length(3), Percentage(p), Length(2), Fill(1)]);
        }
    }

    #[test]
    fn what_is_not_plain_goes_to_the_solver() {
        assert_eq!(plain(10, &[Fill(1), Fill(1)]), None);
        assert_eq!(
            plain(10, &[Percentage(42)]),
            None,
            "a percentage with no fill"
        );
        assert_eq!(plain(10, &[Percentage(42), Fill(1)]), Some([4, 6]));
        assert_eq!(
            plain(10, &[Length(6), Length(5)]),
            None,
            "lengths that do not fit"
        );
        assert_eq!(plain(10, &[Fill(0), Length(2)]), None);
        assert_eq!(plain(10, &[Length(2), Fill(1), Length(3)]), Some([2, 5, 3]));
        assert_eq!(plain(10, &[Length(2), Length(3)]), Some([2, 3]));
        // And the answers still match.
        same_as_layout([Fill(1), Fill(1)]);
        assert_eq!(
            plain(10, &[Fill(1), Percentage(42)]),
            None,
            "after the fill"
        );
        same_as_layout([Percentage(42)]);
        same_as_layout([Percentage(60), Percentage(60), Fill(1)]);
    }
}
