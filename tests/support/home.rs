//! The one temporary home: XDG config, data and state directories of its own, removed on
//! drop, and the binary started in it (as a plain process or in a pseudo-terminal). Nothing
//! here touches the test process's own environment.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::pty::{Pty, Spawn};

pub const BIN: &str = env!("CARGO_BIN_EXE_knotless");

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

    pub fn path(&self) -> &Path {
        &self.root
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
        let at = |p: PathBuf| p.display().to_string();
        vec![
            ("XDG_CONFIG_HOME".into(), at(self.config())),
            ("XDG_DATA_HOME".into(), at(self.data())),
            ("XDG_STATE_HOME".into(), at(self.state())),
            ("HOME".into(), at(self.root.clone())),
            (
                "DBUS_SESSION_BUS_ADDRESS".into(),
                format!("unix:path={}/no-bus", self.root.display()),
            ),
            (
                "DBUS_SYSTEM_BUS_ADDRESS".into(),
                format!("unix:path={}/no-system-bus", self.root.display()),
            ),
            ("TERM".into(), "xterm-256color".into()),
            ("NO_COLOR".into(), String::new()),
        ]
    }

    /// `knotless history --json` in this home, parsed; the command must succeed.
    pub fn history_json(&self) -> serde_json::Value {
        let out = self.command(&["history", "--json"]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// A `std::process::Command` for the binary with this home's environment.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default());
        for (k, v) in self.env() {
            cmd.env(k, v);
        }
        cmd
    }

    /// When to seek help, as read: `knotless run` shows it first in a home that has not.
    pub fn acknowledge_safety(&self) {
        self.write("state/knotless/safety-acknowledged", "test\n");
    }

    /// What starts `program ARGS` in a pty in this home, with its environment. For
    /// `knotless run` the safety screen counts as read (a test of a session is not one of
    /// the first launch; those start from a home that has not read it).
    pub fn spawn_spec(&self, program: &str, args: &[&str], cols: u16, rows: u16) -> Spawn {
        if program == BIN && args.first() == Some(&"run") {
            self.acknowledge_safety();
        }
        let mut spec = Spawn::new(program, args).size(cols, rows).cwd(&self.root);
        spec.env = self.env();
        spec
    }

    /// The binary in a pty of `cols` x `rows`.
    pub fn pty(&self, args: &[&str], cols: u16, rows: u16) -> Pty {
        self.pty_with(args, cols, rows, &[])
    }

    /// The binary in a pty, with `extra` variables over this home's environment.
    pub fn pty_with(&self, args: &[&str], cols: u16, rows: u16, extra: &[(&str, &str)]) -> Pty {
        let mut spec = self.spawn_spec(BIN, args, cols, rows);
        for (k, v) in extra {
            spec = spec.env(k, v);
        }
        Pty::spawn(&spec)
    }

    /// `knotless run FILE EXTRA...` at 80x24, already past the intro (Space at "Press
    /// Enter"), so the first phase is running.
    pub fn run_started(&self, file: &Path, extra: &[&str]) -> Pty {
        let file = file.display().to_string();
        let mut args = vec!["run", file.as_str()];
        args.extend_from_slice(extra);
        let mut pty = self.pty(&args, 80, 24);
        pty.wait_for("Press Enter", Duration::from_secs(10));
        pty.send(" ");
        pty
    }
}

impl Drop for TempHome {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

pub fn path_str(p: &Path) -> String {
    p.display().to_string()
}

/// The result of running the binary to its end.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub took: Duration,
}

/// Runs `knotless ARGS` to its end in a fresh home, with `bus` as the session bus and an
/// optional `config.toml`; stdin is empty.
pub fn knotless(args: &[&str], bus: &str, config: Option<&str>) -> Run {
    let home = TempHome::new("run");
    if let Some(text) = config {
        home.write("config/knotless/config.toml", text);
    }
    let started = Instant::now();
    let out = home
        .command(args)
        .env("DBUS_SESSION_BUS_ADDRESS", bus)
        .env_remove("TERM")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        took: started.elapsed(),
    }
}
