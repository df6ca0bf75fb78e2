//! The timings that used to be asserted in functional tests: input to redraw while the
//! notification server hangs (tests/faults.rs checks only that every key is answered), and
//! the timing error of a session of short phases.

use std::time::{Duration, Instant};

use crate::bus::PrivateBus;
use crate::cases::Home;
use crate::notifications::{Behaviour, FakeServer};
use crate::pty::{Pty, Spawn};
use crate::ssip::{FakeSpeechd, Speechd};
use crate::{COLS, ROWS};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn spawn_on(home: &Home, bin: &str, args: &[&str], bus: &str) -> Pty {
    let mut spec = Spawn::new(bin, args).size(COLS, ROWS).cwd(home.root());
    spec.env = home.env(bus);
    Pty::spawn(&spec)
}

/// Time from writing `key` until the frame where `text` appears (or goes) arrived.
fn latency(pty: &mut Pty, key: &str, text: &str, appears: bool) -> Duration {
    let sent = Instant::now();
    pty.send(key);
    let seen = pty.wait_until(
        &format!("{text:?} after {key:?}"),
        Duration::from_secs(5),
        |o| o.parser.screen().contents().contains(text) == appears,
    );
    seen.saturating_duration_since(sent)
}

pub fn while_the_server_hangs(bin: &str) {
    let bus = PrivateBus::start();
    let server = FakeServer::start(&bus.address, Behaviour::Hang);
    let home = Home::new();
    home.write(
        "config/knotless/config.toml",
        "[reminders]\nevery = \"1s\"\n",
    );
    let mut pty = spawn_on(&home, bin, &[], &bus.address);
    pty.wait_for("Movement break", Duration::from_secs(10));
    server.wait_calls(1, Duration::from_secs(10));
    // Past the 2 s send deadline: the worker is stuck on the call, reminders keep coming.
    let _ = pty.holds_within(Duration::from_millis(2500), |o| o.ended);
    let mut samples = Vec::new();
    for _ in 0..15 {
        samples.push(latency(&mut pty, "?", "Everywhere", true));
        samples.push(latency(&mut pty, "\x1b", "Everywhere", false));
    }
    samples.sort();
    let quit = Instant::now();
    pty.send("\x03");
    pty.wait_exit(Duration::from_secs(10));
    println!(
        "input to redraw while the notification server hangs ({} keys): median {:.1} ms, max {:.1} ms, min {:.1} ms; Ctrl-C to exit {:.0} ms\n",
        samples.len(),
        ms(samples[samples.len() / 2]),
        ms(samples[samples.len() - 1]),
        ms(samples[0]),
        ms(quit.elapsed()),
    );
}

/// Input to redraw while speech-dispatcher hangs: the voice's worker waits (up to its 2 s
/// reply deadline) on a server that never answers, and the keys are measured meanwhile.
pub fn while_speech_dispatcher_hangs(bin: &str) {
    let home = Home::new();
    let speechd = FakeSpeechd::start(home.root(), Speechd::Hangs);
    let long = home
        .write("long.toml", crate::cases::LONG)
        .display()
        .to_string();
    let mut spec = Spawn::new(bin, &["run", &long, "--no-remind", "--voice"])
        .size(COLS, ROWS)
        .cwd(home.root());
    spec.env = home.env(crate::cases::NO_BUS);
    let mut pty = Pty::spawn(&spec.env("SPEECHD_ADDRESS", &speechd.address()));
    pty.wait_for("Press Enter", Duration::from_secs(10));
    pty.send("\r");
    speechd.wait(Duration::from_secs(10), |log| !log.is_empty());
    let mut samples = Vec::new();
    for _ in 0..10 {
        samples.push(latency(&mut pty, "?", "Everywhere", true));
        samples.push(latency(&mut pty, "\x1b", "Everywhere", false));
    }
    samples.sort();
    let stuck = !pty.screen().contains("Voice off");
    pty.quit("\x03", Duration::from_secs(10));
    println!(
        "input to redraw while speech-dispatcher hangs ({} keys, {}): median {:.1} ms, max {:.1} ms, min {:.1} ms\n",
        samples.len(),
        if stuck {
            "all before its 2 s deadline"
        } else {
            "some after the deadline"
        },
        ms(samples[samples.len() / 2]),
        ms(samples[samples.len() - 1]),
        ms(samples[0]),
    );
}

/// The number in "phase K of N" on the screen, if any.
fn phase_shown(screen: &str) -> Option<u64> {
    let rest = &screen[screen.find("phase ")? + 6..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn ticks_session(phases: u64, secs: u64) -> String {
    // A step has at most 100 reps, so longer sessions are cut into several steps.
    let mut session = String::from("title = \"Ticks\"\n");
    let mut left = phases;
    while left > 0 {
        let reps = left.min(100);
        session.push_str(&format!(
            "\n[[steps]]\nname = \"Tick\"\nduration = \"{secs}s\"\nreps = {reps}\n"
        ));
        left -= reps;
    }
    session
}

pub fn timing(bin: &str, phases: u64, secs: u64) {
    let home = Home::new();
    let file = home.write("ticks.toml", &ticks_session(phases, secs));
    let file = file.display().to_string();
    let mut pty = spawn_on(
        &home,
        bin,
        &["run", &file, "--no-remind", "--quiet"],
        crate::cases::NO_BUS,
    );
    pty.wait_for("Press Enter", Duration::from_secs(10));
    let pressed = Instant::now();
    pty.send("\r");
    // When each phase (and, as phase N+1, the summary) first appeared.
    let mut seen = Vec::new();
    for k in 1..=phases + 1 {
        let at = pty.wait_until(&format!("phase {k}"), Duration::from_secs(secs + 10), |o| {
            let screen = o.parser.screen().contents();
            if k > phases {
                screen.contains("Session complete")
            } else {
                phase_shown(&screen) == Some(k)
            }
        });
        seen.push(at);
    }
    pty.quit("q", Duration::from_secs(3));
    let first = seen[0];
    let errors: Vec<f64> = seen
        .iter()
        .enumerate()
        .skip(1)
        .map(|(k, at)| ms(at.duration_since(first)) - (k as u64 * secs * 1000) as f64)
        .collect();
    let n = errors.len() as f64;
    let mean = errors.iter().sum::<f64>() / n;
    let max = errors.iter().fold(0.0f64, |m, e| m.max(e.abs()));
    let list: Vec<String> = errors.iter().map(|e| format!("{e:+.1}")).collect();
    println!(
        "timing of {phases} phases of {secs} s (each change vs the first phase's frame + k x {secs} s):\n  \
         mean {mean:+.1} ms, max |error| {max:.1} ms; key to first frame {:.1} ms\n  errors (ms): {}\n",
        ms(first.duration_since(pressed)),
        list.join(" "),
    );
}
