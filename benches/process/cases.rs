//! The cases of the process benchmark: knotless (countdown, paused, home idle, `remind`) and,
//! with `KNOTLESS_BENCH_PEERS=DIR`, the peer TUIs installed in `DIR/bin/` (or
//! `DIR/NAME/bin/`), all driven the same way: spawn in a pty, the first complete frame, keys
//! to reach the state to measure, a settling pause, then a window.

use std::path::{Path, PathBuf};

/// Temporary XDG homes; the safety screen already acknowledged, as after a first launch.
pub struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        let home = Home {
            dir: tempfile::Builder::new()
                .prefix("knotless-bench-")
                .tempdir()
                .unwrap(),
        };
        home.write("state/knotless/safety-acknowledged", "bench\n");
        home
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, relative: &str, contents: &str) -> PathBuf {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// Nothing inherited but PATH: no RUST_BACKTRACE (it costs memory), no desktop bus.
    pub fn env(&self, bus: &str) -> Vec<(String, String)> {
        let at = |sub: &str| self.root().join(sub).display().to_string();
        vec![
            ("XDG_CONFIG_HOME".into(), at("config")),
            ("XDG_DATA_HOME".into(), at("data")),
            ("XDG_STATE_HOME".into(), at("state")),
            ("HOME".into(), self.root().display().to_string()),
            ("DBUS_SESSION_BUS_ADDRESS".into(), bus.into()),
            ("DBUS_SYSTEM_BUS_ADDRESS".into(), NO_BUS.into()),
            ("TERM".into(), "xterm-256color".into()),
            ("LANG".into(), "C.UTF-8".into()),
        ]
    }
}

/// No desktop: notifications fall back at once, no D-Bus traffic to measure.
pub const NO_BUS: &str = "unix:path=/nonexistent";

/// How to know the first frame is complete.
#[derive(Clone, Debug)]
pub enum Frame {
    /// The screen holds every one of these texts.
    Texts(Vec<&'static str>),
    /// No terminal UI (headless `remind`).
    None,
}

/// One process to measure.
#[derive(Clone, Debug)]
pub struct Case {
    pub name: String,
    pub program: String,
    pub args: Vec<String>,
    pub frame: Frame,
    /// After the first frame: keys to send, each followed by the texts to wait for.
    pub steps: Vec<(&'static str, Vec<&'static str>)>,
    /// The state measured after the first window, reached with more keys (knotless's pause).
    pub then: Option<Box<Case>>,
    pub quit: &'static str,
    /// The case whose first frame the others are compared with.
    pub reference: bool,
    /// Variables over `Home::env` (the voice's and the sound server's addresses).
    pub env: Vec<(String, String)>,
    /// `PROGRAM --version` prints a line and exits: the program's start without its screen.
    pub version: bool,
}

impl Case {
    fn new(name: &str, program: &str, args: &[&str], frame: Frame) -> Case {
        Case {
            name: name.into(),
            program: program.into(),
            args: args.iter().map(|a| (*a).to_string()).collect(),
            frame,
            steps: Vec::new(),
            then: None,
            quit: "q",
            reference: false,
            env: Vec::new(),
            version: true,
        }
    }
}

pub const LONG: &str = r#"
title = "Long hold"

[[steps]]
name = "Heat"
duration = "4h"
"#;

/// A one-second phase (its end is said and chimed), then the long hold that is measured.
pub const CUED: &str = r#"
title = "Cued hold"

[[steps]]
name = "Warm up"
duration = "1s"

[[steps]]
name = "Heat"
duration = "4h"
"#;

/// The countdown with the voice and sounds on and already used (speech-dispatcher and the
/// sound server connected, their threads started): `cued` is a file holding `CUED`, `env`
/// the addresses of a (fake) speech-dispatcher and a PulseAudio null sink.
pub fn cued(bin: &str, cued: &str, env: Vec<(String, String)>) -> Case {
    let mut case = Case::new(
        "knotless countdown, voice + sound",
        bin,
        &["run", cued, "--no-remind", "--voice"],
        Frame::Texts(vec!["Cued hold", "Press Enter"]),
    );
    case.steps = vec![("\r", vec!["phase 2 of 2"])];
    case.quit = "\x03";
    case.env = env;
    case
}

/// What the first complete home frame shows: the header, the list, the last footer hint.
pub const HOME_TEXTS: &[&str] = &["knotless", "Sessions", "choose", "quit", "Unwind"];

/// knotless's cases; `long` is the path of a file holding `LONG`.
pub fn knotless(bin: &str, long: &str) -> Vec<Case> {
    let mut countdown = Case::new(
        "knotless countdown",
        bin,
        &["run", long, "--no-remind"],
        Frame::Texts(vec!["Long hold", "Press Enter"]),
    );
    countdown.steps = vec![("\r", vec!["phase 1 of 1"])];
    countdown.quit = "\x03";
    let mut paused = Case::new("knotless paused", bin, &[], Frame::None);
    paused.steps = vec![(" ", vec!["Paused"])];
    countdown.then = Some(Box::new(paused));
    let home = Case::new(
        "knotless home idle",
        bin,
        &[],
        Frame::Texts(HOME_TEXTS.to_vec()),
    );
    let mut remind = Case::new(
        "knotless remind --every 30m",
        bin,
        &["remind", "--every", "30m"],
        Frame::None,
    );
    remind.quit = "\x03";
    vec![countdown, home, remind]
}

/// The peers found under `dir`, as issue 11 runs them. The texts of their first frames were
/// read off their screens in a 100x30 pty.
pub fn peers(dir: &Path) -> Vec<Case> {
    // `cargo install --root DIR` puts every peer in `DIR/bin`; a root per peer also works.
    let bin = |name: &str| {
        let shared = dir.join("bin").join(name);
        let own = dir.join(name).join("bin").join(name);
        if shared.exists() { shared } else { own }
            .display()
            .to_string()
    };
    let mut porsmo = Case::new(
        "porsmo stopwatch",
        &bin("porsmo"),
        &["stopwatch"],
        Frame::Texts(vec!["Stopwatch", "[Q]: quit"]),
    );
    porsmo.reference = true;
    let mut tumodori = Case::new(
        "tumodori",
        &bin("tumodori"),
        &[],
        Frame::Texts(vec!["WORK", "Session 1", "[q] Quit"]),
    );
    tumodori.steps = vec![(" ", vec![])];
    let mut timr = Case::new(
        "timr-tui",
        &bin("timr-tui"),
        &[],
        Frame::Texts(vec!["COUNTDOWN", "space start", "switch screens"]),
    );
    timr.steps = vec![(" ", vec![])];
    let mut countdown = Case::new(
        "countdown-tui 60m",
        &bin("countdown-tui"),
        &["60m"],
        Frame::Texts(vec!["╚══════╝"]),
    );
    countdown.version = false;
    [porsmo, tumodori, timr, countdown]
        .into_iter()
        .filter(|c| Path::new(&c.program).exists())
        .collect()
}
