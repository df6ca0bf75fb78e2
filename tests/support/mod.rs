//! The one test support module: a temporary home (`home`), the binary in a pseudo-terminal
//! (`pty`, shared with the process benchmark), a private D-Bus (`bus`) with a fake
//! notification server on it (`notifications`), what `/proc` says about a process
//! (`procfs`), a one-session app's screen as text (`screen`), a fake speech-dispatcher
//! (`ssip`) and a private PulseAudio with a null sink (`pulse`). Each integration test takes
//! it with `mod support;` and uses what it needs.
#![allow(dead_code, unused_imports, clippy::unwrap_used)]

pub mod bus;
pub mod desktop;
pub mod home;
pub mod notifications;
pub mod procfs;
pub mod pty;
pub mod pulse;
pub mod screen;
pub mod ssip;

pub use bus::PrivateBus;
pub use desktop::{FakeDesktop, Kind};
pub use home::{BIN, Run, TempHome, knotless, path_str};
pub use notifications::{Behaviour, FakeServer, NotifyCall};
pub use procfs::{child_named, poll_until, proc_stat, wait_state};
pub use pty::{Pty, Spawn};
pub use pulse::{PrivatePulse, peaks};
pub use screen::{app_of, bare_step, screen_rows, screen_text, session_of, shows, tool, words};
pub use ssip::{FakeSpeechd, Speechd, spoken};

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

/// A built-in session with every `duration` and `rest` cut to one second, written into
/// `home` as `ID.toml`, so the real binary runs it fast.
pub fn one_second_copy(home: &TempHome, id: &str) -> std::path::PathBuf {
    let path = std::path::Path::new("sessions").join(format!("{id}.toml"));
    let text = std::fs::read_to_string(path).unwrap();
    let short: String = text
        .lines()
        .map(|line| {
            if line.starts_with("duration = ") {
                "duration = \"1s\"".to_string()
            } else if line.starts_with("rest = ") {
                "rest = \"1s\"".to_string()
            } else {
                line.to_string()
            }
        })
        .map(|line| line + "\n")
        .collect();
    home.write(&format!("{id}.toml"), &short)
}
