//! Helpers shared by the integration tests: temporary XDG homes and the real binary in a
//! pseudo-terminal, read through a terminal emulator (vt100).
#![allow(dead_code, clippy::unwrap_used)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const BIN: &str = env!("CARGO_BIN_EXE_knotless");

/// A session of three one-second phases (two sides, then one step), for end-to-end runs.
pub const SHORT: &str = r#"
title = "Quick test"
summary = "Three one-second phases."

[[steps]]
name = "Stretch"
duration = "1s"
sides = ["left", "right"]
cue = "Switch sides."

[[steps]]
name = "Breathe"
duration = "1s"
"#;

/// A fresh directory with `config`, `data` and `state` homes, removed on drop.
pub struct TempHome {
    pub root: PathBuf,
}

impl TempHome {
    pub fn new(name: &str) -> TempHome {
        static N: AtomicUsize = AtomicUsize::new(0);
        let root = std::env::temp_dir().join(format!(
            "knotless-{name}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&root);
        for sub in ["config/knotless/sessions", "data", "state"] {
            std::fs::create_dir_all(root.join(sub)).unwrap();
        }
        TempHome { root }
    }

    pub fn config(&self) -> PathBuf {
        self.root.join("config")
    }

    pub fn data(&self) -> PathBuf {
        self.root.join("data")
    }

    pub fn state(&self) -> PathBuf {
        self.root.join("state")
    }

    /// Writes a file under the root and returns its path.
    pub fn write(&self, relative: &str, contents: &str) -> PathBuf {
        let path = self.root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// The environment a child process gets: its own XDG homes, no desktop bus.
    pub fn env(&self) -> Vec<(String, String)> {
        vec![
            (
                "XDG_CONFIG_HOME".into(),
                self.config().display().to_string(),
            ),
            ("XDG_DATA_HOME".into(), self.data().display().to_string()),
            ("XDG_STATE_HOME".into(), self.state().display().to_string()),
            ("HOME".into(), self.root.display().to_string()),
            (
                "DBUS_SESSION_BUS_ADDRESS".into(),
                format!("unix:path={}/no-bus", self.root.display()),
            ),
            ("TERM".into(), "xterm-256color".into()),
            ("NO_COLOR".into(), String::new()),
        ]
    }

    /// A `std::process::Command` for the binary with this home's environment.
    pub fn command(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(BIN);
        cmd.args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default());
        for (k, v) in self.env() {
            cmd.env(k, v);
        }
        cmd
    }
}

impl Drop for TempHome {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// The real binary running in a pseudo-terminal.
pub struct Pty {
    pub child: Box<dyn Child + Send + Sync>,
    pub master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    pub parser: Arc<Mutex<vt100::Parser>>,
    pub raw: Arc<Mutex<Vec<u8>>>,
}

impl Pty {
    pub fn spawn(home: &TempHome, args: &[&str], cols: u16, rows: u16) -> Pty {
        Self::spawn_with(home, args, cols, rows, &[])
    }

    /// `knotless run FILE EXTRA...` at 80x24, already past the intro (Space at "Press Enter"),
    /// so the first phase is running.
    pub fn run_started(home: &TempHome, file: &Path, extra: &[&str]) -> Pty {
        let file = file.display().to_string();
        let mut args = vec!["run", file.as_str()];
        args.extend_from_slice(extra);
        let mut pty = Self::spawn(home, &args, 80, 24);
        pty.wait_for("Press Enter", Duration::from_secs(10));
        pty.send(" ");
        pty
    }

    pub fn spawn_with(
        home: &TempHome,
        args: &[&str],
        cols: u16,
        rows: u16,
        extra: &[(&str, &str)],
    ) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.env_clear();
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        for (k, v) in home.env() {
            cmd.env(k, v);
        }
        for (k, v) in extra {
            cmd.env(k, v);
        }
        cmd.cwd(&home.root);
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let (p, r) = (parser.clone(), raw.clone());
        std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = reader.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&chunk[..n]);
                r.lock().unwrap().extend_from_slice(&chunk[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Pty {
            child,
            master: pair.master,
            writer,
            parser,
            raw,
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits until the screen contains `text`; panics with the screen after `timeout`.
    pub fn wait_for(&self, text: &str, timeout: Duration) {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {text:?}; screen:\n{}", self.screen());
    }

    /// Waits until the screen no longer contains `text`.
    pub fn wait_gone(&self, text: &str, timeout: Duration) {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if !self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "timed out waiting for {text:?} to go; screen:\n{}",
            self.screen()
        );
    }

    /// Waits for the process to exit; panics after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the process did not exit; screen:\n{}", self.screen());
    }

    pub fn pid(&self) -> i32 {
        self.child.process_id().map_or(0, |p| p as i32)
    }

    /// Whether the terminal is back to normal: main screen, cursor shown, cooked mode.
    pub fn assert_restored(&self) {
        let parser = self.parser.lock().unwrap();
        assert!(
            !parser.screen().alternate_screen(),
            "still on the alternate screen"
        );
        assert!(!parser.screen().hide_cursor(), "the cursor is still hidden");
        drop(parser);
        let termios = self.master.get_termios().expect("termios of the pty");
        let flags = termios.local_flags;
        assert!(
            flags.contains(nix::sys::termios::LocalFlags::ICANON)
                && flags.contains(nix::sys::termios::LocalFlags::ECHO),
            "raw mode was not turned off: {flags:?}"
        );
    }
}

pub fn path_str(p: &Path) -> String {
    p.display().to_string()
}
