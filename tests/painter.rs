//! The painter against ratatui's own `Terminal`: after every frame of a sequence, the screen
//! it leaves is the one ratatui's two-buffer diff leaves (but for the columns an emoji with
//! a variation selector covers), and it sends only the runs of cells that changed.

use std::cell::RefCell;
use std::rc::Rc;

use knotless::tui::ansi::Ansi;
use knotless::tui::painter::Painter;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, TestBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget};
use ratatui::{Terminal, TerminalOptions, Viewport};

/// A test backend that counts the cells it is sent, per row.
struct Counting {
    inner: TestBackend,
    sent_rows: Vec<u16>,
    /// Every cell sent, in order: (x, y, symbol).
    order: Vec<(u16, u16, String)>,
    cells: usize,
    clears: usize,
    draws: usize,
}

impl Counting {
    fn new(cols: u16, rows: u16) -> Counting {
        Counting {
            inner: TestBackend::new(cols, rows),
            sent_rows: Vec::new(),
            order: Vec::new(),
            cells: 0,
            clears: 0,
            draws: 0,
        }
    }

    fn take(&mut self) -> (Vec<u16>, usize) {
        let mut rows = std::mem::take(&mut self.sent_rows);
        rows.dedup();
        (rows, std::mem::take(&mut self.cells))
    }
}

impl Backend for Counting {
    type Error = <TestBackend as Backend>::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.draws += 1;
        let cells: Vec<(u16, u16, &Cell)> = content.collect();
        self.cells += cells.len();
        self.sent_rows.extend(cells.iter().map(|(_, y, _)| *y));
        let sent = cells
            .iter()
            .map(|(x, y, c)| (*x, *y, c.symbol().to_string()));
        self.order.extend(sent);
        self.inner.draw(cells.into_iter())
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.clears += 1;
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

/// What a backend wrote, kept where the test can read it.
#[derive(Clone, Default)]
struct Bytes(Rc<RefCell<Vec<u8>>>);

impl Bytes {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.borrow()).into_owned()
    }

    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut self.0.borrow_mut())
    }
}

impl std::io::Write for Bytes {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What a terminal emulator shows: each cell's text and colours, row by row.
fn screen(parser: &vt100::Parser) -> Vec<Vec<String>> {
    let screen = parser.screen();
    let (rows, cols) = screen.size();
    (0..rows)
        .map(|row| {
            (0..cols)
                .filter_map(|col| screen.cell(row, col))
                .map(|c| {
                    // A cell never written and a space written are both blank.
                    let text = if c.contents().is_empty() {
                        " "
                    } else {
                        c.contents()
                    };
                    format!("{text} {:?} {:?}", c.fgcolor(), c.bgcolor())
                })
                .collect()
        })
        .collect()
}

/// The cells an emoji with a variation selector covers in the frame `render` draws. There
/// ratatui sends a blank after the emoji, which a terminal that draws it two columns wide
/// shows as half an emoji or none; the painter sends the blank first, and the emoji covers
/// it. Elsewhere the screens must be the same.
fn under_emoji(render: &impl Fn(Rect, &mut Buffer), area: Rect) -> Vec<(usize, usize)> {
    let mut buf = Buffer::empty(area);
    render(area, &mut buf);
    let mut under = Vec::new();
    for y in 0..area.height {
        for x in 0..area.width {
            let symbol = buf[(x, y)].symbol();
            if symbol.contains('\u{fe0f}') {
                let width = unicode_width::UnicodeWidthStr::width(symbol);
                under.extend((1..width).map(|dx| (usize::from(y), usize::from(x) + dx)));
            }
        }
    }
    under
}

fn masked(mut grid: Vec<Vec<String>>, under: &[(usize, usize)]) -> Vec<Vec<String>> {
    for &(y, x) in under {
        if let Some(cell) = grid.get_mut(y).and_then(|row| row.get_mut(x)) {
            *cell = "(under an emoji)".into();
        }
    }
    grid
}

/// A frame: a bordered block with a title, and lines of text (some wide, some styled).
fn frame(lines: &[&str], bg: Option<Color>) -> impl Fn(Rect, &mut Buffer) {
    let lines: Vec<String> = lines.iter().map(|l| (*l).to_string()).collect();
    move |area, buf| {
        let style = bg.map_or_else(Style::default, |c| Style::default().bg(c));
        Paragraph::new(
            lines
                .iter()
                .map(|l| Line::from(l.as_str()))
                .collect::<Vec<_>>(),
        )
        .block(Block::bordered().title("knotless"))
        .style(style)
        .render(area, buf);
    }
}

const FRAMES: &[(&[&str], Option<Color>)] = &[
    (&["Heat", "20:00 left", "日本語の文"], None),
    (&["Heat", "19:59 left", "日本語の文"], None),
    (&["Heat", "19:59 left", "a b c d e f"], None),
    (&["Heat ❤️ warm", "", "x"], Some(Color::Blue)),
    (&["Heat ❤️ warm", "", "x"], Some(Color::Blue)),
    (&["Knee to chest", "0:30", ""], None),
    (&[], None),
    (&["🧘 Breathe", "slowly", "日本"], Some(Color::Red)),
    (&["abcdefghijklmnop", "❤️❤️❤️", "x"], None),
    (&["温める ❤️", "a❤️b❤️c", "x"], None),
    (&["温める ❤️!", "a❤️b❤️c", "日本"], Some(Color::Green)),
    // Runs of a row change: next to, inside and over wide symbols and emoji.
    (&["温める ❤️a", "a❤️b❤️c", "日本語の文"], None),
    (&["温める ❤️b", "a❤️b❤️d", "日x語の文"], None),
    (&["温める ❤️b", "a❤️x❤️d", "日本x語の文"], None),
    (&["温めるx❤️b", "❤️❤️❤️", "abc日本"], None),
    (&["温めるx❤️b", "❤️x❤️", "abc日"], Some(Color::Blue)),
    (&["温めるx", "❤️x❤️!", "abc日 z"], Some(Color::Blue)),
    (&["温めるx", "x❤️!", "ab日本"], None),
    // A narrow symbol over a wide one, on a colour: the column it no longer covers too.
    (&["温めるx", "日", "ab日本"], Some(Color::Blue)),
    (&["温めるx", "x", "ab日本"], Some(Color::Blue)),
];

/// The same frame through the painter and through ratatui's `Terminal`.
fn draw_both<P: Backend, T: Backend>(
    painter: &mut Painter<P>,
    terminal: &mut Terminal<T>,
    render: &impl Fn(Rect, &mut Buffer),
) {
    painter.draw(render).expect("draw");
    terminal
        .draw(|f| render(f.area(), f.buffer_mut()))
        .expect("draw");
}

/// After every frame, a terminal emulator shows what the bytes crossterm's backend writes
/// for ratatui's `Terminal` leave. (Not a `TestBackend`'s cells: a cell under a wide symbol
/// keeps whatever was last sent to it, which no terminal shows, and once uncovered it can
/// stay so in one backend and not the other: the painter and ratatui send different cells.)
#[test]
fn a_terminal_emulator_shows_what_ratatuis_bytes_leave_after_every_frame() {
    for (cols, rows) in [(30, 8), (12, 5), (80, 24)] {
        let area = Rect::new(0, 0, cols, rows);
        let (ours, theirs) = (Bytes::default(), Bytes::default());
        let mut painter = Painter::new(Ansi::new(ours.clone()), area);
        let viewport = Viewport::Fixed(area);
        let backend = CrosstermBackend::new(theirs.clone());
        let mut terminal =
            Terminal::with_options(backend, TerminalOptions { viewport }).expect("terminal");
        let mut ours_seen = vt100::Parser::new(rows, cols, 0);
        let mut theirs_seen = vt100::Parser::new(rows, cols, 0);
        for (i, (lines, bg)) in FRAMES.iter().enumerate() {
            let render = frame(lines, *bg);
            draw_both(&mut painter, &mut terminal, &render);
            ours_seen.process(&ours.take());
            theirs_seen.process(&theirs.take());
            let under = under_emoji(&render, area);
            assert_eq!(
                masked(screen(&ours_seen), &under),
                masked(screen(&theirs_seen), &under),
                "frame {i} at {cols}x{rows}"
            );
        }
    }
}

#[test]
fn the_first_frame_is_the_bytes_ratatui_sends() {
    let render = frame(&["Heat ❤️", "20:00 left", "日本語"], Some(Color::Blue));
    let area = Rect::new(0, 0, 40, 10);
    let ours = Bytes::default();
    let mut painter = Painter::new(Ansi::new(ours.clone()), area);
    painter.draw(&render).expect("draw");
    let theirs = Bytes::default();
    let viewport = Viewport::Fixed(area);
    let backend = CrosstermBackend::new(theirs.clone());
    let mut terminal =
        Terminal::with_options(backend, TerminalOptions { viewport }).expect("terminal");
    terminal
        .draw(|f| render(f.area(), f.buffer_mut()))
        .expect("draw");
    let (ours, theirs) = (ours.text(), theirs.text());
    // ratatui then hides the cursor, which the guard hid when it took the terminal.
    assert!(ours.contains("20:00 left"));
    assert_eq!(theirs.strip_suffix("\x1b[?25l"), Some(&*ours));
}

#[test]
fn the_first_frame_sends_only_what_is_not_blank_and_an_unchanged_one_sends_nothing() {
    let mut painter = Painter::new(Counting::new(30, 8), Rect::new(0, 0, 30, 8));
    let render = frame(&["Heat", "20:00 left"], None);
    painter.draw(&render).expect("draw");
    let (rows, cells) = painter.backend_mut().take();
    // The border's 8 rows; of each middle row only its two sides and its text.
    assert_eq!(rows, (0..8).collect::<Vec<_>>());
    // Not the space in "20:00 left".
    assert_eq!(cells, 30 + 30 + 6 * 2 + "Heat".len() + "20:00left".len());
    painter.draw(&render).expect("draw");
    assert_eq!(painter.backend_mut().take(), (vec![], 0));
    assert_eq!(
        painter.backend().draws,
        1,
        "an unchanged frame writes nothing"
    );
}

#[test]
fn of_a_changed_row_only_its_changed_run_is_sent_and_no_other_row() {
    let mut painter = Painter::new(Counting::new(30, 8), Rect::new(0, 0, 30, 8));
    painter
        .draw(frame(&["Heat", "20:00 left"], None))
        .expect("draw");
    painter.backend_mut().take();
    painter
        .draw(frame(&["Heat", "19:59 left"], None))
        .expect("draw");
    // From "2" to the last "0", and one cell past it.
    assert_eq!(painter.backend_mut().take(), (vec![2], 6));
    assert_eq!(
        row_text(painter.backend().inner.buffer(), 2),
        format!("│19:59 left{}│", " ".repeat(18))
    );
    // A row that goes blank is sent too, as spaces over what it showed.
    painter.draw(frame(&["Heat"], None)).expect("draw");
    assert_eq!(
        painter.backend_mut().take(),
        (vec![2], "19:59 left".len() + 1)
    );
    assert_eq!(
        row_text(painter.backend().inner.buffer(), 2),
        format!("│{}│", " ".repeat(28))
    );
}

/// A run that starts on the second column of a wide symbol starts at the symbol, so the
/// terminal is not sent half of it.
#[test]
fn a_run_starts_at_the_wide_symbol_over_its_first_change() {
    let mut painter = Painter::new(Counting::new(20, 4), Rect::new(0, 0, 20, 4));
    let wide = |second: &'static str| {
        move |_area: Rect, buf: &mut Buffer| {
            buf.set_string(1, 1, "ab日", Style::default());
            // A symbol in the cell the wide one covers, as a widget drawn over it leaves.
            buf[(4, 1)].set_symbol(second);
        }
    };
    painter.draw(wide(" ")).expect("draw");
    painter.backend_mut().order.clear();
    painter.draw(wide("x")).expect("draw");
    let order = std::mem::take(&mut painter.backend_mut().order);
    assert_eq!(
        order.first().map(|c| (c.0, c.2.as_str())),
        Some((3, "日")),
        "{order:?}"
    );
}

#[test]
fn a_resize_clears_the_screen_and_draws_the_next_frame_whole() {
    let mut painter = Painter::new(Counting::new(30, 8), Rect::new(0, 0, 30, 8));
    let render = frame(&["Heat", "20:00 left"], None);
    painter.draw(&render).expect("draw");
    painter.backend_mut().take();
    painter.backend_mut().inner.resize(20, 6);
    painter.fit().expect("fit");
    assert_eq!(painter.backend().clears, 1);
    assert_eq!(painter.area(), Rect::new(0, 0, 20, 6));
    painter.draw(&render).expect("draw");
    let (rows, _) = painter.backend_mut().take();
    assert_eq!(rows, (0..6).collect::<Vec<_>>());
    assert_eq!(
        row_text(painter.backend().inner.buffer(), 2),
        "│20:00 left        │"
    );
}

fn row_text(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

#[test]
fn a_terminal_with_no_room_draws_nothing_and_does_not_fail() {
    for (cols, rows) in [(0, 0), (0, 5), (5, 0)] {
        let mut painter = Painter::new(Counting::new(cols, rows), Rect::new(0, 0, cols, rows));
        painter.draw(frame(&["Heat"], None)).expect("draw");
        painter.draw(frame(&["Heat!"], None)).expect("draw");
        assert_eq!(painter.backend_mut().take(), (vec![], 0));
    }
}

/// tmux draws an emoji with a variation selector one column wide: the column after it keeps
/// what it showed unless that cell is sent too (found in tmux: "温める ❤️a", the "a" left from
/// the frame before). It is sent, and before the emoji, so a terminal that draws the emoji
/// two columns wide does not overwrite its second half.
#[test]
fn the_cell_under_an_emoji_is_sent_before_it_when_a_row_is_replaced() {
    let mut painter = Painter::new(Counting::new(20, 4), Rect::new(0, 0, 20, 4));
    painter
        .draw(frame(&["abcdefghijklmnop"], None))
        .expect("draw");
    painter.backend_mut().order.clear();
    painter.draw(frame(&["温める ❤️"], None)).expect("draw");
    let order = std::mem::take(&mut painter.backend_mut().order);
    // Row 1: the border at 0, 温 め る at 1, 3, 5, a space at 7, the emoji at 8 over 8-9.
    let at = |x: u16| order.iter().position(|(cx, cy, _)| (*cx, *cy) == (x, 1));
    let emoji = at(8).expect("the emoji is sent");
    assert_eq!(order[emoji].2, "❤️");
    let under = at(9).expect("the cell under the emoji's second column is sent");
    assert_eq!(order[under].2, " ");
    assert!(under < emoji, "{order:?}");
}
