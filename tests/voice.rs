//! The voice coach (issue 14) against a fake speech-dispatcher on a private socket: the real
//! binary says the narration in order, a skip and quitting cancel speech in progress, `v`
//! turns it on and off, and a dead or hung server is said once on screen while the session
//! goes on. How fast the screen stays with a hung server is measured in the process bench.
#![allow(clippy::unwrap_used)]

mod support;

use std::process::Stdio;
use std::time::Duration;

use support::{
    FakeSpeechd, PrivatePulse, Pty, SHORT, Speechd, TempHome, peaks, poll_until, spoken, tool,
};

const WAIT: Duration = Duration::from_secs(15);

/// Two 30-second phases of one step, then a last one: time to act within a phase.
const LONG: &str = r#"
title = "Slow test"

[[steps]]
name = "Reach"
duration = "30s"
sides = ["left", "right"]
instructions = "Reach up slowly."

[[steps]]
name = "Breathe"
duration = "30s"
"#;

/// What the SHORT session says with the cues-only voice, in order.
const SHORT_SAID: [&str; 7] = [
    "Stretch, left side: 1 second",
    "Switch sides.",
    "Switch to the right side",
    "Stretch, right side: 1 second",
    "Switch sides.",
    "Breathe: 1 second",
    "Session complete",
];

/// `knotless run FILE ARGS` in a pty with the fake server's address, past the intro.
fn run_started(home: &TempHome, file: &str, args: &[&str], speechd: &str) -> Pty {
    let mut all = vec!["run", file];
    all.extend_from_slice(args);
    let mut pty = home.pty_with(&all, 80, 24, &[("SPEECHD_ADDRESS", speechd)]);
    pty.wait_for("Press Enter", WAIT);
    pty.send(" ");
    pty
}

/// Leaves a running session (`q`, then `y` when asked), which ends `knotless run`.
fn leave(pty: &mut Pty) {
    pty.send("q");
    pty.wait_for("Leave", WAIT);
    pty.send("y");
    assert!(pty.wait_exit(WAIT).success());
}

#[test]
fn a_one_second_session_is_said_in_order_and_each_new_phase_replaces_speech() {
    let home = TempHome::new("voice-tui");
    let file = home.write("quick.toml", SHORT).display().to_string();
    let speechd = FakeSpeechd::start(home.path(), Speechd::Answers);
    let pty = run_started(&home, &file, &["--voice"], &speechd.address());
    pty.wait_for("· voice", WAIT);
    let log = speechd.wait_spoken("Session complete", WAIT);
    assert_eq!(spoken(&log), SHORT_SAID);
    assert!(log[0].starts_with("CLIENT_NAME ") && log[0].ends_with(":knotless:main"));
    // Each phase change cancels what was still being said, before its own words.
    let before = |text: &str| {
        let at = log
            .iter()
            .position(|l| *l == format!("SPEAK {text}"))
            .unwrap();
        log[at - 1].clone()
    };
    for text in [
        "Stretch, left side: 1 second",
        "Switch sides.",
        "Session complete",
    ] {
        assert_eq!(before(text), "CANCEL", "{log:#?}");
    }
    // The user's own voice and rate: nothing else is set.
    assert!(!log.iter().any(|l| l.starts_with("OTHER")), "{log:#?}");
    pty.quit("q", WAIT);
}

#[test]
fn plain_mode_speaks_the_same_words_to_the_end() {
    let home = TempHome::new("voice-plain");
    let file = home.write("quick.toml", SHORT).display().to_string();
    let speechd = FakeSpeechd::start(home.path(), Speechd::Answers);
    let out = home
        .command(&["run", &file, "--voice"])
        .env("SPEECHD_ADDRESS", speechd.address())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success());
    // The last words reach speech-dispatcher before plain mode exits, and are not cancelled.
    let log = speechd.wait(WAIT, |log| log.iter().any(|l| l == "QUIT"));
    assert_eq!(spoken(&log), SHORT_SAID);
    let n = log.len();
    assert_eq!(log[n - 2..], ["SPEAK Session complete", "QUIT"], "{log:#?}");
}

#[test]
fn a_skip_cancels_speech_in_progress_and_quitting_stops_it() {
    let home = TempHome::new("voice-skip");
    let file = home.write("slow.toml", LONG).display().to_string();
    let speechd = FakeSpeechd::start(home.path(), Speechd::Answers);
    let mut pty = run_started(&home, &file, &["--voice"], &speechd.address());
    speechd.wait_spoken("Reach, left side: 30 seconds", WAIT);
    pty.send("n");
    let log = speechd.wait_spoken("Reach, right side: 30 seconds", WAIT);
    let n = log.len();
    assert_eq!(
        log[n - 2..],
        ["CANCEL", "SPEAK Reach, right side: 30 seconds"]
    );
    // Cues only: the instructions are not said.
    assert!(!spoken(&log).iter().any(|s| s.contains("Reach up")));
    leave(&mut pty);
    // Leaving ends with a cancel: nothing said is left speaking.
    let log = speechd.wait(WAIT, |log| log.iter().any(|l| l == "QUIT"));
    let last_said = log.iter().rposition(|l| l.starts_with("SPEAK")).unwrap();
    assert!(log[last_said..].contains(&"CANCEL".to_string()), "{log:#?}");
    assert!(
        !spoken(&log[n..]).iter().any(|s| s.contains("Reach")),
        "{log:#?}"
    );
}

#[test]
fn v_turns_the_voice_on_and_off_in_a_session() {
    let home = TempHome::new("voice-toggle");
    let file = home.write("slow.toml", LONG).display().to_string();
    home.write("config/knotless/config.toml", "voice_says = \"all\"\n");
    let speechd = FakeSpeechd::start(home.path(), Speechd::Answers);
    let mut pty = run_started(&home, &file, &[], &speechd.address());
    pty.wait_for("Reach", WAIT);
    assert!(!pty.screen().contains("· voice"));
    pty.send("v");
    pty.wait_for("· voice", WAIT);
    speechd.wait_spoken("Voice on", WAIT);
    pty.send("n");
    let log = speechd.wait_spoken("Reach, right side: 30 seconds", WAIT);
    let n = log.len();
    pty.send("v");
    pty.wait_gone("· voice", WAIT);
    speechd.wait(WAIT, |log| log.len() > n && log.last().unwrap() == "CANCEL");
    // Off: the next phase is not said; on again, "Voice on" is the next thing said.
    pty.send("n");
    pty.wait_for("Breathe", WAIT);
    pty.send("v");
    let log = speechd.wait(WAIT, |log| {
        log.iter().filter(|l| *l == "SPEAK Voice on").count() == 2
    });
    let after: Vec<String> = spoken(&log[n..]);
    assert_eq!(after, ["Voice on"], "{log:#?}");
    leave(&mut pty);
}

#[test]
fn no_speech_dispatcher_is_said_once_and_the_session_goes_on() {
    let home = TempHome::new("voice-dead");
    let file = home.write("quick.toml", SHORT).display().to_string();
    let missing = format!("unix_socket:{}/none.sock", home.path().display());
    let pty = run_started(&home, &file, &["--voice"], &missing);
    pty.wait_for("Voice off: speech-dispatcher is not running", WAIT);
    pty.wait_for("Session complete", WAIT);
    // One notice, kept on screen (the summary too), not one per phase.
    assert_eq!(pty.screen().matches("Voice off").count(), 1, "said once");
    pty.quit("q", WAIT);
}

#[test]
fn a_hung_speech_dispatcher_never_stops_the_countdown() {
    let home = TempHome::new("voice-hung");
    let file = home.write("slow.toml", LONG).display().to_string();
    let speechd = FakeSpeechd::start(home.path(), Speechd::Hangs);
    let mut pty = run_started(&home, &file, &["--voice"], &speechd.address());
    // Keys work while the voice waits for an answer that never comes.
    speechd.wait(WAIT, |log| log.iter().any(|l| l.starts_with("CLIENT_NAME")));
    pty.send("n");
    pty.wait_for("Right", WAIT);
    pty.wait_for(
        "Voice off: speech-dispatcher did not answer within 2 seconds",
        WAIT,
    );
    pty.send("n");
    pty.wait_for("Breathe", WAIT);
    leave(&mut pty);
}

/// A real speech-dispatcher, started for one test with its own socket, runtime directory and
/// log, speaking (espeak-ng) into a private PulseAudio; killed on drop. Without a sound
/// server it would hang on its first message.
struct RealSpeechd {
    child: std::process::Child,
    socket: std::path::PathBuf,
    log: std::path::PathBuf,
}

impl RealSpeechd {
    fn start(home: &TempHome, pulse: &PrivatePulse) -> RealSpeechd {
        let bin = tool("speech-dispatcher", "speech-dispatcher");
        let run = home.path().join("run");
        std::fs::create_dir_all(&run).unwrap();
        let socket = run.join("sd.sock");
        let child = std::process::Command::new(bin)
            .args(["--run-single", "--log-level", "5", "--timeout", "0"])
            .args(["--communication-method", "unix_socket", "--socket-path"])
            .arg(&socket)
            .arg("--pid-file")
            .arg(run.join("pid"))
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", home.path())
            .env("XDG_RUNTIME_DIR", &run)
            .env("XDG_CONFIG_HOME", home.config())
            .envs(pulse.client_env())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        poll_until("speech-dispatcher's socket", WAIT, || {
            socket.exists().then_some(())
        });
        let log = run.join("speech-dispatcher/log/speech-dispatcher.log");
        RealSpeechd { child, socket, log }
    }

    /// The texts it received to speak, in order, as its debug log records them: the lines
    /// between `SPEAK` and the lone dot.
    fn received(&self) -> Vec<String> {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let mut texts = Vec::new();
        let mut speaking = false;
        for data in log.lines().filter_map(|l| l.split_once(":DATA:|")) {
            match data.1.trim_end() {
                "SPEAK" => speaking = true,
                "." => speaking = false,
                text if speaking => texts.push(text.to_string()),
                _ => {}
            }
        }
        texts
    }
}

impl Drop for RealSpeechd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_real_speech_dispatcher_takes_every_word() {
    let home = TempHome::new("voice-real");
    let file = home.write("quick.toml", SHORT).display().to_string();
    let pulse = PrivatePulse::start(home.path());
    let speechd = RealSpeechd::start(&home, &pulse);
    let recording = pulse.record(&home.path().join("voice.raw"));
    let out = home
        .command(&["run", &file, "--voice"])
        .env(
            "SPEECHD_ADDRESS",
            format!("unix_socket:{}", speechd.socket.display()),
        )
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!said.contains("voice off"), "{said}");
    let received = poll_until("the last words in its log", WAIT, || {
        let got = speechd.received();
        got.iter().any(|t| t == "Session complete").then_some(got)
    });
    assert_eq!(received, SHORT_SAID);
    // And it was heard: speech reaches the sound server (the last words are not cut off,
    // so however slow the synthesiser, some arrive).
    let raw = home.path().join("voice.raw");
    poll_until("speech in the recording", WAIT, || {
        let bytes = std::fs::read(&raw).unwrap_or_default();
        let loud = bytes
            .chunks_exact(2)
            .any(|b| i16::from_le_bytes([b[0], b[1]]).unsigned_abs() > 1000);
        loud.then_some(())
    });
    let peaks = peaks(&recording.stop(), Duration::from_millis(100));
    assert!(peaks.iter().any(|p| *p > 1000), "{peaks:?}");
}

#[test]
fn v_toggles_the_voice_in_plain_mode_too() {
    let home = TempHome::new("voice-plain-v");
    let file = home.write("slow.toml", LONG).display().to_string();
    let speechd = FakeSpeechd::start(home.path(), Speechd::Answers);
    let args = ["run", file.as_str(), "--plain"];
    let mut pty = home.pty_with(&args, 80, 24, &[("SPEECHD_ADDRESS", &speechd.address())]);
    pty.wait_for("v voice", WAIT);
    pty.wait_for("Reach, left side: 30 seconds", WAIT);
    pty.send("v");
    pty.wait_for("Voice on", WAIT);
    speechd.wait_spoken("Voice on", WAIT);
    pty.send("n");
    speechd.wait_spoken("Reach, right side: 30 seconds", WAIT);
    pty.send("v");
    pty.wait_for("Voice off", WAIT);
    let log = speechd.wait(WAIT, |log| log.last().is_some_and(|l| l == "CANCEL"));
    assert_eq!(spoken(&log), ["Voice on", "Reach, right side: 30 seconds"]);
    pty.send("q");
    assert!(pty.wait_exit(WAIT).success());
}
