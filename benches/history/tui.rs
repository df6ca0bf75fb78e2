//! The history's cost to the TUI, in a real pseudo-terminal: the home screen's first frame
//! (spawn to the complete frame) and the stats screen's opening (`s` written to the frame
//! where the figures are drawn), on the same history as the command-line figures.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::pty::{Pty, Spawn};

const WAIT: Duration = Duration::from_secs(10);
/// What the complete home frame shows: the header, the list, the last footer hint.
const HOME: &[&str] = &["knotless", "Sessions", "choose", "quit", "Unwind"];

fn spawn(bin: &str, home: &Path) -> Pty {
    let at = |sub: &str| home.join(sub).display().to_string();
    let mut spec = Spawn::new(bin, &[]).size(100, 30).cwd(home);
    spec.env = vec![
        ("XDG_CONFIG_HOME".into(), at("config")),
        ("XDG_DATA_HOME".into(), at("data")),
        ("XDG_STATE_HOME".into(), at("state")),
        ("HOME".into(), home.display().to_string()),
        (
            "DBUS_SESSION_BUS_ADDRESS".into(),
            "unix:path=/nonexistent".into(),
        ),
        ("TERM".into(), "xterm-256color".into()),
        ("LANG".into(), "C.UTF-8".into()),
    ];
    Pty::spawn(&spec)
}

/// Median first-frame and stats-open times (ms) over `repeat` spawns. `loaded` is a text
/// the stats screen shows only once its figures are in.
pub fn first_frame_and_stats(bin: &str, home: &Path, loaded: &str, repeat: usize) -> (f64, f64) {
    let ack = home.join("state/knotless/safety-acknowledged");
    std::fs::create_dir_all(ack.parent().unwrap()).unwrap();
    std::fs::write(&ack, "bench\n").unwrap();
    let mut frames = Vec::new();
    let mut stats = Vec::new();
    for _ in 0..repeat.max(1) {
        let started = Instant::now();
        let mut pty = spawn(bin, home);
        let framed = pty.wait_for_all(HOME, WAIT);
        frames.push(framed.saturating_duration_since(started));
        let sent = Instant::now();
        pty.send("s");
        let shown = pty.wait_for(loaded, WAIT);
        stats.push(shown.saturating_duration_since(sent));
        pty.quit("\x03", WAIT);
    }
    (median_ms(&mut frames), median_ms(&mut stats))
}

fn median_ms(samples: &mut [Duration]) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1000.0
}
