//! Owning the terminal: raw mode, the alternate screen, a hidden cursor, mouse capture (the
//! wheel scrolls), bracketed paste, and putting all of it back on every path out (normal
//! exit, error, panic, signals, Ctrl-Z).

use std::io::{self, Write};
use std::sync::Once;

use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableFocusChange, DisableMouseCapture, EnableBracketedPaste,
    EnableFocusChange, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{execute, queue};
use ratatui::layout::Rect;

use crate::tui::ansi::Ansi;
use crate::tui::painter::Painter;

pub type Term = Painter<Ansi<FrameWriter>>;

/// Standard output for frames: everything written between two flushes goes to the terminal
/// in one `write`, so a frame is never shown half-drawn (std's stdout sends 1 KiB pieces,
/// six of them for a first frame at 100x30) and the terminal wakes once per frame. Bytes not
/// yet flushed are dropped with the writer rather than sent after the terminal was restored.
#[derive(Default)]
pub struct FrameWriter {
    pending: Vec<u8>,
}

impl Write for FrameWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let mut out = io::stdout().lock();
        let result = out.write_all(&self.pending).and_then(|()| out.flush());
        self.pending.clear();
        // A big first frame should not keep its buffer for the rest of the day.
        self.pending.shrink_to(16 * 1024);
        result
    }
}

/// Restores the terminal when dropped.
pub struct TerminalGuard {
    pub painter: Term,
}

impl TerminalGuard {
    /// Enters raw mode and the alternate screen, and makes sure a panic restores both.
    ///
    /// # Errors
    /// When standard output is not a terminal or cannot be set up.
    ///
    /// The frame has the size the terminal has now, asked once here and again only when the
    /// terminal says it changed ([`Painter::fit`]): ratatui's default viewport asks
    /// before every frame, each time opening `/dev/tty`.
    pub fn enter() -> io::Result<TerminalGuard> {
        install_panic_hook();
        // The modes go out with the first frame, in its one write.
        let mut writer = FrameWriter::default();
        setup(&mut writer)?;
        match first_size() {
            Ok(area) => Ok(TerminalGuard {
                painter: Painter::new(Ansi::new(writer), area),
            }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }

    /// Ctrl-Z: give the terminal back, stop the process, and take it again on `fg`.
    ///
    /// # Errors
    /// When the terminal cannot be set up again after resuming.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        // SIGSTOP, not SIGTSTP: we catch SIGTSTP ourselves (to restore the terminal first).
        // A session leader has no job-control shell above it to `fg` it again (the kernel
        // drops tty stop signals for such orphaned groups for the same reason): only pause.
        let pid = rustix::process::getpid();
        if rustix::process::getsid(None).ok() != Some(pid) {
            let _ = rustix::process::kill_process(pid, rustix::process::Signal::STOP);
        }
        // Execution continues here after SIGCONT.
        setup(self.painter.backend_mut())?;
        // A full redraw, at the size the terminal has now. Not `Terminal::clear`: it asks the
        // terminal for the cursor position and waits up to two seconds for the answer, mixed
        // in with the keys typed meanwhile (with the old input thread reading them, `fg` ended
        // the program with "the cursor position could not be read").
        self.painter.fit()
    }
}

impl crate::tui::perform::Screen for TerminalGuard {
    type Backend = Ansi<FrameWriter>;

    fn painter(&mut self) -> &mut Term {
        &mut self.painter
    }

    fn raw(&mut self) -> &mut dyn Write {
        self.painter.backend_mut()
    }

    fn suspend(&mut self) -> io::Result<()> {
        TerminalGuard::suspend(self)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// The size for the first frame: asked of standard output, which is the terminal drawn on,
/// without opening `/dev/tty` as crossterm does (the first frame waits for it).
fn first_size() -> io::Result<Rect> {
    match rustix::termios::tcgetwinsize(io::stdout()) {
        Ok(size) if size.ws_col > 0 && size.ws_row > 0 => {
            Ok(Rect::new(0, 0, size.ws_col, size.ws_row))
        }
        _ => {
            let (width, height) = ratatui::crossterm::terminal::size()?;
            Ok(Rect::new(0, 0, width, height))
        }
    }
}

/// Raw mode now; the modes written to `out`, to go out when it is flushed.
fn setup(out: &mut impl Write) -> io::Result<()> {
    enable_raw_mode()?;
    // Focus reports: a long phase that ends while the window is in the background is told on
    // the desktop (`away_after`). Bracketed paste: text pasted into this window by mistake
    // arrives as one paste, which is ignored, not as keys (a pasted "query" would have left
    // the session: `q`, then `y`).
    let modes = queue!(
        out,
        EnterAlternateScreen,
        Hide,
        EnableMouseCapture,
        EnableFocusChange,
        EnableBracketedPaste
    );
    if let Err(e) = modes {
        restore();
        return Err(e);
    }
    Ok(())
}

/// Leaves raw mode and the alternate screen, shows the cursor. Errors are ignored: the
/// terminal may already be gone.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableFocusChange,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    );
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}
