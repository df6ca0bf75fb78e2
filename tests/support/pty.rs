//! The one pseudo-terminal helper, for the tests and the process benchmark alike (the bench
//! takes this file with `#[path]`, so it depends on nothing else in `tests/support`).
//!
//! A program runs in a pty opened by portable-pty; one reader thread feeds everything it
//! writes to a terminal emulator (vt100) and keeps the raw bytes with the time each chunk
//! arrived. Waits block on a condition variable the reader signals after every chunk, so
//! they see a change as soon as it is on the screen (no polling interval) and always carry a
//! deadline.
#![allow(dead_code, clippy::unwrap_used)]

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// What to start and how.
#[derive(Clone, Debug)]
pub struct Spawn {
    pub program: String,
    pub args: Vec<String>,
    /// The whole environment: nothing is inherited but `PATH`.
    pub env: Vec<(String, String)>,
    pub cwd: Option<PathBuf>,
    pub cols: u16,
    pub rows: u16,
    /// Make the pty the child's controlling terminal (the default). Without it the pty is
    /// only its standard I/O: closing it gives EOF/EIO and no SIGHUP, and no SIGWINCH.
    pub controlling: bool,
}

impl Spawn {
    pub fn new(program: &str, args: &[&str]) -> Spawn {
        Spawn {
            program: program.into(),
            args: args.iter().map(|a| (*a).to_string()).collect(),
            env: Vec::new(),
            cwd: None,
            cols: 80,
            rows: 24,
            controlling: true,
        }
    }

    pub fn size(mut self, cols: u16, rows: u16) -> Spawn {
        (self.cols, self.rows) = (cols, rows);
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Spawn {
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn cwd(mut self, dir: impl Into<PathBuf>) -> Spawn {
        self.cwd = Some(dir.into());
        self
    }

    pub fn controlling(mut self, yes: bool) -> Spawn {
        self.controlling = yes;
        self
    }
}

/// Everything the program wrote, as the reader thread saw it.
pub struct Output {
    pub parser: vt100::Parser,
    pub raw: Vec<u8>,
    /// When each chunk arrived, and its size.
    pub chunks: Vec<(Instant, usize)>,
    /// The reader hit end of file or an error: the terminal has no writer left.
    pub ended: bool,
}

struct Shared {
    out: Mutex<Output>,
    changed: Condvar,
    stop: AtomicBool,
}

/// A program running in a pseudo-terminal.
pub struct Pty {
    pub child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    shared: Arc<Shared>,
    reader: Option<JoinHandle<()>>,
    pid: u32,
}

impl Pty {
    pub fn spawn(spec: &Spawn) -> Pty {
        let size = PtySize {
            rows: spec.rows,
            cols: spec.cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system().openpty(size).unwrap();
        let mut cmd = CommandBuilder::new(&spec.program);
        cmd.args(&spec.args);
        cmd.env_clear();
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        for (k, v) in &spec.env {
            cmd.env(k, v);
        }
        if let Some(dir) = &spec.cwd {
            cmd.cwd(dir);
        }
        cmd.set_controlling_tty(spec.controlling);
        let child = pair
            .slave
            .spawn_command(cmd)
            .unwrap_or_else(|e| panic!("cannot start {:?}: {e}", spec.program));
        drop(pair.slave);
        let pid = child.process_id().unwrap();
        let shared = Arc::new(Shared {
            out: Mutex::new(Output {
                parser: vt100::Parser::new(spec.rows, spec.cols, 0),
                raw: Vec::new(),
                chunks: Vec::new(),
                ended: false,
            }),
            changed: Condvar::new(),
            stop: AtomicBool::new(false),
        });
        let reader = pair.master.try_clone_reader().unwrap();
        let reader = {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || read_all(reader, &shared))
        };
        let writer = pair.master.take_writer().unwrap();
        Pty {
            child,
            master: Some(pair.master),
            writer: Some(writer),
            shared,
            reader: Some(reader),
            pid,
        }
    }

    pub fn pid(&self) -> i32 {
        i32::try_from(self.pid).unwrap()
    }

    /// The emulator and the bytes so far, locked: for what the helpers below do not offer.
    pub fn output(&self) -> MutexGuard<'_, Output> {
        self.shared.out.lock().unwrap()
    }

    pub fn screen(&self) -> String {
        self.output().parser.screen().contents()
    }

    pub fn alternate_screen(&self) -> bool {
        self.output().parser.screen().alternate_screen()
    }

    pub fn cursor_hidden(&self) -> bool {
        self.output().parser.screen().hide_cursor()
    }

    /// How many raw bytes have arrived: a mark for `raw_since`.
    pub fn raw_len(&self) -> usize {
        self.output().raw.len()
    }

    /// The raw output from `mark` on, as text (invalid UTF-8 replaced).
    pub fn raw_since(&self, mark: usize) -> String {
        String::from_utf8_lossy(&self.output().raw[mark..]).into_owned()
    }

    pub fn raw(&self) -> String {
        self.raw_since(0)
    }

    /// Writes keys (or any bytes a test needs) to the program's terminal.
    pub fn send(&mut self, keys: &str) {
        self.send_bytes(keys.as_bytes());
    }

    /// Pastes `text` as a terminal does: between bracketed-paste marks when the program
    /// turned that mode on, as bare keys otherwise.
    pub fn paste(&mut self, text: &str) {
        let bracketed = self.output().parser.screen().bracketed_paste();
        if bracketed {
            self.send(&format!("\x1b[200~{text}\x1b[201~"));
        } else {
            self.send(text);
        }
    }

    pub fn send_bytes(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(bytes).unwrap();
        writer.flush().unwrap();
    }

    /// Blocks until `ok` holds for the output; returns when the chunk that made it hold
    /// arrived (or now, if it already held). Panics with the screen after `timeout`.
    pub fn wait_until(
        &self,
        what: &str,
        timeout: Duration,
        mut ok: impl FnMut(&Output) -> bool,
    ) -> Instant {
        let deadline = Instant::now() + timeout;
        let mut out = self.output();
        loop {
            if ok(&out) {
                return out.chunks.last().map_or_else(Instant::now, |c| c.0);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                // Unlocked first: a panic holding the lock would poison it for the reader.
                let screen = out.parser.screen().contents();
                drop(out);
                panic!("timed out after {timeout:?} waiting for {what}; screen:\n{screen}");
            }
            out = self.shared.changed.wait_timeout(out, left).unwrap().0;
        }
    }

    /// Waits until `ok` holds, or `window` passes; the answer says which. For "this must not
    /// happen within N seconds": the window is the behaviour under test, not a guess at how
    /// long something takes.
    pub fn holds_within(&self, window: Duration, mut ok: impl FnMut(&Output) -> bool) -> bool {
        let deadline = Instant::now() + window;
        let mut out = self.output();
        loop {
            if ok(&out) {
                return true;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            out = self.shared.changed.wait_timeout(out, left).unwrap().0;
        }
    }

    /// Waits until the screen contains `text`.
    pub fn wait_for(&self, text: &str, timeout: Duration) -> Instant {
        self.wait_until(&format!("{text:?}"), timeout, |o| {
            o.parser.screen().contents().contains(text)
        })
    }

    /// Waits until the screen contains every one of `texts` at once.
    pub fn wait_for_all(&self, texts: &[&str], timeout: Duration) -> Instant {
        self.wait_until(&format!("all of {texts:?}"), timeout, |o| {
            let screen = o.parser.screen().contents();
            texts.iter().all(|t| screen.contains(t))
        })
    }

    /// Waits until the screen no longer contains `text`.
    pub fn wait_gone(&self, text: &str, timeout: Duration) -> Instant {
        self.wait_until(&format!("{text:?} to go"), timeout, |o| {
            !o.parser.screen().contents().contains(text)
        })
    }

    /// Waits until the raw output from `mark` on contains `bytes`.
    pub fn wait_raw(&self, mark: usize, bytes: &str, timeout: Duration) {
        self.wait_until(&format!("raw {bytes:?}"), timeout, |o| {
            String::from_utf8_lossy(&o.raw[mark..]).contains(bytes)
        });
    }

    /// The exit status if the program has exited.
    pub fn try_exit(&mut self) -> Option<ExitStatus> {
        self.child.try_wait().unwrap()
    }

    /// Waits for the program to exit; kills it and panics after `timeout`. A process has no
    /// descriptor to block on here, so this checks every few milliseconds until the deadline.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.try_exit() {
                return status;
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                panic!(
                    "the process did not exit within {timeout:?}; screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Sends `keys` and waits up to `timeout` for an exit; kills the program otherwise.
    pub fn quit(mut self, keys: &str, timeout: Duration) {
        self.send(keys);
        let deadline = Instant::now() + timeout;
        while self.try_exit().is_none() {
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Resizes the terminal (the program gets SIGWINCH) and the emulator with it. vt100
    /// itself overflows below about 20x5, so the emulator stays at least that big.
    pub fn resize(&self, cols: u16, rows: u16) {
        self.output()
            .parser
            .screen_mut()
            .set_size(rows.max(5), cols.max(20));
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        self.master
            .as_ref()
            .expect("the terminal is open")
            .resize(size)
            .unwrap();
    }

    /// Whether the line discipline is in cooked mode with echo.
    pub fn cooked(&self) -> bool {
        let master = self.master.as_ref().expect("the terminal is open");
        let termios = master.get_termios().expect("termios of the pty");
        let flags = termios.local_flags;
        flags.contains(nix::sys::termios::LocalFlags::ICANON)
            && flags.contains(nix::sys::termios::LocalFlags::ECHO)
    }

    /// The terminal is back to normal: main screen, cursor shown, cooked mode. Waits first
    /// for the emulator to leave the alternate screen: the last bytes the program wrote
    /// before exiting may still be in the pty when its exit is seen.
    pub fn assert_restored(&self) {
        self.wait_until("the main screen", Duration::from_secs(5), |o| {
            !o.parser.screen().alternate_screen()
        });
        assert!(!self.cursor_hidden(), "the cursor is still hidden");
        assert!(self.cooked(), "raw mode was not turned off");
        let output = self.output();
        let screen = output.parser.screen();
        assert!(!screen.bracketed_paste(), "bracketed paste is still on");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "the mouse is still captured"
        );
    }

    /// Closes every descriptor of the master side: the terminal is gone for the program.
    ///
    /// The reader thread holds a copy of the master and is blocked reading it; it lets go
    /// after its next chunk once told to stop. So this asks the program for output with
    /// `wake` (a key that redraws), waits for the reader to finish, then drops the rest.
    /// Dropping portable-pty's writer sends a newline and EOF first, as a closing terminal
    /// would deliver what was typed.
    pub fn close_terminal(&mut self, wake: &str) {
        self.shared.stop.store(true, Ordering::SeqCst);
        self.send(wake);
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
        self.writer = None;
        self.master = None;
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn read_all(mut reader: Box<dyn Read + Send>, shared: &Shared) {
    let mut chunk = [0u8; 16384];
    loop {
        let n = reader.read(&mut chunk).unwrap_or(0);
        let at = Instant::now();
        let mut out = shared.out.lock().unwrap_or_else(PoisonError::into_inner);
        if n == 0 {
            out.ended = true;
        } else {
            out.parser.process(&chunk[..n]);
            out.raw.extend_from_slice(&chunk[..n]);
            out.chunks.push((at, n));
        }
        drop(out);
        shared.changed.notify_all();
        if n == 0 || shared.stop.load(Ordering::SeqCst) {
            return;
        }
    }
}
