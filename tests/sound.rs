//! Sounds (issue 14) through a real PulseAudio started by the test, with a null sink whose
//! monitor is recorded while a session of one-second phases runs: a chime arrives at each
//! phase's end. Without a sound server: the bell, a notice said once, no error.
#![allow(clippy::unwrap_used)]

mod support;

use std::ops::Range;
use std::process::Stdio;
use std::time::Duration;

use support::{PrivatePulse, SHORT, TempHome, peaks};

const WAIT: Duration = Duration::from_secs(15);
/// The recording's resolution.
const WINDOW: Duration = Duration::from_millis(50);
/// Louder than the null sink's silence (which is exactly 0).
const SOUND: u16 = 1000;

/// Each burst of sound, in windows: runs of loud windows, with gaps of at most `merge`
/// windows (the pause inside a chime, which can fall in a quiet window) joined. A burst
/// runs from its first loud window to its last.
fn bursts(peaks: &[u16], merge: usize) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, p) in peaks.iter().enumerate() {
        if *p <= SOUND {
            continue;
        }
        match out.last_mut() {
            Some(last) if i - (last.end - 1) <= merge => last.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

/// `knotless run SHORT ARGS` in plain mode, to its end, with `pulse` as the sound server;
/// the recording of its sink meanwhile.
fn recorded_run(home: &TempHome, pulse: &PrivatePulse, args: &[&str], name: &str) -> Vec<u16> {
    let file = home.write("quick.toml", SHORT).display().to_string();
    let recording = pulse.record(&home.path().join(name));
    let mut all = vec!["run", file.as_str()];
    all.extend_from_slice(args);
    let out = home
        .command(&all)
        .envs(pulse.client_env())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("sounds off"), "{stderr}");
    peaks(&recording.stop(), WINDOW)
}

#[test]
fn a_chime_arrives_at_each_phase_end_and_quiet_plays_none() {
    let home = TempHome::new("sound");
    let pulse = PrivatePulse::start(home.path());
    let peaks = recorded_run(&home, &pulse, &[], "chimes.raw");
    // Three phases of one second: the switch of sides, a phase's end, the session's end.
    let bursts = bursts(&peaks, 4);
    assert_eq!(bursts.len(), 3, "{peaks:?}");
    for pair in bursts.windows(2) {
        let apart = WINDOW * u32::try_from(pair[1].start - pair[0].start).unwrap();
        assert!(
            apart > Duration::from_millis(700) && apart < Duration::from_millis(1300),
            "a second apart: {bursts:?}"
        );
    }
    // The session's end is the longest chime.
    assert!(bursts[2].len() > bursts[1].len(), "{peaks:?}");

    let quiet = recorded_run(&home, &pulse, &["--quiet"], "quiet.raw");
    assert!(quiet.iter().all(|p| *p <= SOUND), "--quiet plays nothing");
}

#[test]
fn without_a_sound_server_the_bell_rings_and_it_is_said_once() {
    let home = TempHome::new("sound-none");
    let file = home.write("quick.toml", SHORT);
    let pty = home.run_started(&file, &[]);
    pty.wait_for("Sounds off: no sound server", WAIT);
    pty.wait_for("Session complete", WAIT);
    let raw = pty.raw();
    // One notice, kept on screen (the summary too), not one per phase.
    assert_eq!(pty.screen().matches("Sounds off").count(), 1, "said once");
    assert!(raw.contains('\x07'), "the bell rings instead");
    pty.quit("q", WAIT);
}

#[test]
fn a_hung_sound_server_never_stops_the_countdown() {
    let home = TempHome::new("sound-hung");
    // Accepts connections (the kernel's backlog) and never answers the handshake.
    let socket = home.path().join("native");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let file = home.write("quick.toml", SHORT);
    let server = format!("unix:{}", socket.display());
    let args = ["run", &file.display().to_string()];
    let mut pty = home.pty_with(&args, 80, 24, &[("PULSE_SERVER", &server)]);
    pty.wait_for("Press Enter", WAIT);
    pty.send(" ");
    // The session runs to its end while the sound worker waits on the handshake.
    pty.wait_for("Session complete", WAIT);
    pty.wait_for("Sounds off", WAIT);
    assert!(pty.raw().contains('\x07'), "the bell rings instead");
    pty.quit("q", WAIT);
}
