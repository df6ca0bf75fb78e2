//! Where things go on the running screen, decided from the text's wrapped height: the words
//! (caution and instructions) come first, then the figure, then the size of the countdown.
//! Pure: no buffer, no state, so every choice is unit-tested.

/// How the time left is drawn above the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Digits {
    /// Full-size big digits drawn twice as large (16 columns a character, 16 rows).
    Double,
    /// Full-size big digits (8 columns a character, 8 rows).
    Full,
    /// Half-height big digits (8 columns, 4 rows).
    Half,
    /// Quadrant big digits (4 columns, 4 rows).
    Quadrant,
    /// No big digits: the gauge's "0:28 left" is the one line of time left.
    Line,
}

impl Digits {
    const BIGGEST_FIRST: [Digits; 5] = [
        Digits::Double,
        Digits::Full,
        Digits::Half,
        Digits::Quadrant,
        Digits::Line,
    ];

    /// Columns a character takes and rows the digits take.
    #[must_use]
    pub fn cell(self) -> (u16, u16) {
        match self {
            Digits::Double => (16, 16),
            Digits::Full => (8, 8),
            Digits::Half => (8, 4),
            Digits::Quadrant => (4, 4),
            Digits::Line => (0, 0),
        }
    }
}

/// Where the step's figure goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// Beside the digits, above the text (the text keeps the full width).
    BesideDigits,
    /// To the right of the text (the text is narrower).
    BesideText,
    Hidden,
}

/// What the layout is asked to place.
#[derive(Debug, Clone, Copy)]
pub struct Needs {
    /// Columns and rows for the text and the digits (inside the frame, under the status lines).
    pub width: u16,
    pub height: u16,
    /// Characters in the clock ("0:28" is 4).
    pub clock_chars: u16,
    /// The figure's columns and rows, when the step has one.
    pub figure: Option<(u16, u16)>,
}

/// The chosen layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub digits: Digits,
    pub figure: Figure,
    /// Rows above the text: the digits and a figure beside them.
    pub top_rows: u16,
    /// Columns the text gets.
    pub text_width: u16,
    /// The text fits whole; when false it scrolls.
    pub fits: bool,
}

/// Gap between the figure and what stands beside it.
pub const GAP: u16 = 2;

/// Picks the biggest digits, and the figure when it can stay, such that the whole text
/// (`text_rows(width)` rows at `width` columns) still fits below. The figure is kept before
/// bigger digits; when nothing fits whole, the text takes every row and scrolls.
#[must_use]
pub fn plan(needs: Needs, text_rows: impl Fn(u16) -> u16) -> Plan {
    let fig_options: &[Figure] = if needs.figure.is_some() {
        &[Figure::BesideDigits, Figure::BesideText]
    } else {
        &[Figure::Hidden]
    };
    for &figure in fig_options {
        for digits in Digits::BIGGEST_FIRST {
            if let Some(plan) = try_plan(needs, digits, figure, &text_rows) {
                return plan;
            }
        }
    }
    if needs.figure.is_some() {
        for digits in Digits::BIGGEST_FIRST {
            if let Some(plan) = try_plan(needs, digits, Figure::Hidden, &text_rows) {
                return plan;
            }
        }
    }
    Plan {
        digits: Digits::Line,
        figure: Figure::Hidden,
        top_rows: 0,
        text_width: needs.width,
        fits: false,
    }
}

fn try_plan(
    needs: Needs,
    digits: Digits,
    figure: Figure,
    text_rows: &impl Fn(u16) -> u16,
) -> Option<Plan> {
    let (char_w, digit_rows) = digits.cell();
    let digits_w = char_w.saturating_mul(needs.clock_chars);
    let (fig_w, fig_h) = needs.figure.unwrap_or((0, 0));
    let (top_w, top_rows, text_width) = match figure {
        Figure::BesideDigits => {
            if digits == Digits::Line {
                return None;
            }
            (digits_w + GAP + fig_w, digit_rows.max(fig_h), needs.width)
        }
        Figure::BesideText => (digits_w, digit_rows, needs.width.checked_sub(fig_w + GAP)?),
        Figure::Hidden => (digits_w, digit_rows, needs.width),
    };
    // Text narrower than this is hard to read: rather no figure beside it.
    if top_w > needs.width || (figure == Figure::BesideText && text_width < 24) {
        return None;
    }
    let rows = text_rows(text_width);
    let room = needs.height.checked_sub(top_rows)?;
    let figure_fits = figure != Figure::BesideText || fig_h <= room.max(rows);
    (rows <= room && figure_fits).then_some(Plan {
        digits,
        figure,
        top_rows,
        text_width,
        fits: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text of `chars` characters wrapped at `width`, roughly: one row per `width` characters.
    fn rows_for(chars: u16) -> impl Fn(u16) -> u16 {
        move |w| chars.div_ceil(w.max(1))
    }

    fn needs(width: u16, height: u16, figure: Option<(u16, u16)>) -> Needs {
        Needs {
            width,
            height,
            clock_chars: 4,
            figure,
        }
    }

    #[test]
    fn a_big_screen_gets_double_digits_and_the_figure_beside_them() {
        let p = plan(needs(196, 50, Some((36, 5))), rows_for(600));
        assert_eq!(
            (p.digits, p.figure, p.fits),
            (Digits::Double, Figure::BesideDigits, true)
        );
        assert_eq!(p.top_rows, 16);
    }

    #[test]
    fn long_text_shrinks_the_digits_before_it_loses_the_figure() {
        // 10 rows of text at 76 columns, 15 rows in all: full digits (8) would leave 7.
        let p = plan(needs(76, 15, Some((36, 5))), rows_for(760));
        assert_eq!((p.digits, p.figure), (Digits::Half, Figure::BesideDigits));
        assert!(p.fits);
    }

    #[test]
    fn when_no_digits_fit_the_time_is_one_line_and_the_text_still_fits() {
        let p = plan(needs(56, 10, None), rows_for(56 * 8));
        assert_eq!((p.digits, p.fits, p.top_rows), (Digits::Line, true, 0));
    }

    #[test]
    fn text_too_long_for_any_layout_takes_every_row_and_scrolls() {
        let p = plan(needs(56, 8, Some((36, 5))), rows_for(56 * 20));
        assert_eq!(
            p,
            Plan {
                digits: Digits::Line,
                figure: Figure::Hidden,
                top_rows: 0,
                text_width: 56,
                fits: false
            }
        );
    }

    #[test]
    fn the_figure_never_leaves_the_text_too_narrow() {
        let p = plan(needs(50, 30, Some((36, 5))), rows_for(300));
        assert_eq!(p.figure, Figure::Hidden);
        assert_eq!(p.text_width, 50);
    }

    #[test]
    fn no_room_at_all_never_panics() {
        let p = plan(needs(0, 0, Some((36, 5))), rows_for(10));
        assert!(!p.fits);
        let p = plan(needs(3, 1, None), |_| 0);
        assert!(p.fits);
    }
}
