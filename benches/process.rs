//! The process benchmark: the real (release) binary in a pseudo-terminal, measured from
//! `/proc` while it waits, beside the peer TUIs of issue 11 through the same harness in the
//! same run. Run with `cargo bench --bench process` after `cargo build --release`.
//!
//! For each case: voluntary wake-ups/s and CPU % over a window (summed over every thread),
//! RSS, PSS (`/proc/PID/smaps_rollup`) and RssAnon (`/proc/PID/status`) at its end, and the
//! first-frame time (spawn to the first complete frame, median of several spawns, the cases
//! interleaved in a new order each round so that the machine's load, and what ran just
//! before, fall on all of them alike), beside each program's `--version` (its start without
//! a screen) and the page faults it had taken when its frame arrived. Then input-to-redraw
//! while the notification server hangs and while speech-dispatcher hangs, how late
//! reminders fire and how long the scheduler takes to stop, and the timing error of a session
//! of short phases.
//!
//! Environment: `KNOTLESS_BENCH_BIN` (default `target/release/knotless`),
//! `KNOTLESS_BENCH_PEERS` (a `cargo install --root` directory, `bin/NAME`, or one with
//! `NAME/bin/NAME`, for porsmo, tumodori, timr-tui, countdown-tui), `KNOTLESS_BENCH_WINDOW` (seconds per case, default 20; the reference is
//! 60), `KNOTLESS_BENCH_STARTS` (spawns per first-frame median, default 15),
//! `KNOTLESS_BENCH_PHASES` / `KNOTLESS_BENCH_PHASE_SECS` (timing case, default 10 of 1 s),
//! `KNOTLESS_BENCH_ONLY` (comma-separated: `idle`, `frame`, `hang`, `reminders`, `timing`),
//! `KNOTLESS_BENCH_SHOW=1` (print each case's first frame), `KNOTLESS_BENCH_CUES=1` (add the
//! countdown with the voice and sounds on and used, against a fake speech-dispatcher and a
//! private PulseAudio with a null sink, both started here).
#![allow(
    clippy::unwrap_used,
    clippy::cast_precision_loss,
    clippy::missing_panics_doc,
    dead_code
)]

#[path = "../tests/support/bus.rs"]
mod bus;
#[path = "process/cases.rs"]
mod cases;
#[path = "process/latency.rs"]
mod latency;
#[path = "../tests/support/notifications.rs"]
mod notifications;
#[path = "../tests/support/procfs.rs"]
mod procfs;
#[path = "../tests/support/pty.rs"]
mod pty;
#[path = "../tests/support/pulse.rs"]
mod pulse;
#[path = "process/reminders.rs"]
mod reminders;
#[path = "process/sample.rs"]
mod sample;
#[path = "../tests/support/screen.rs"]
mod screen;
#[path = "../tests/support/ssip.rs"]
mod ssip;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use cases::{Case, Frame, Home, NO_BUS};
use pty::{Pty, Spawn};
use sample::{Memory, Window};

/// The reference figures were taken in a 100x30 pane.
pub const COLS: u16 = 100;
pub const ROWS: u16 = 30;
const SETTLE: Duration = Duration::from_secs(2);

fn bin() -> String {
    std::env::var("KNOTLESS_BENCH_BIN").unwrap_or_else(|_| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        root.join("target/release/knotless").display().to_string()
    })
}

pub fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    // `cargo test --benches` runs harness-less benches without `--bench`: don't take minutes.
    if !std::env::args().any(|a| a == "--bench") {
        println!("process benchmark skipped: run it with `cargo bench --bench process`");
        return;
    }
    let bin = bin();
    assert!(
        std::path::Path::new(&bin).exists(),
        "no binary at {bin:?}: run `cargo build --release` or set KNOTLESS_BENCH_BIN"
    );
    let window = Duration::from_secs(env_u64("KNOTLESS_BENCH_WINDOW", 20));
    let only = std::env::var("KNOTLESS_BENCH_ONLY").unwrap_or_default();
    let wanted = |name: &str| only.is_empty() || only.split(',').any(|o| o.trim() == name);
    let home = Home::new();
    let long = home.write("long.toml", cases::LONG).display().to_string();
    let mut all = cases::knotless(&bin, &long);
    if let Ok(dir) = std::env::var("KNOTLESS_BENCH_PEERS") {
        all.extend(cases::peers(std::path::Path::new(&dir)));
    }
    // Kept for the whole run: the servers of the voice + sound case.
    let _cue_servers = (std::env::var("KNOTLESS_BENCH_CUES").is_ok_and(|v| v == "1")).then(|| {
        let speechd = ssip::FakeSpeechd::start(home.root(), ssip::Speechd::Answers);
        let pulse = pulse::PrivatePulse::start(home.root());
        let mut env = pulse.client_env();
        env.push(("SPEECHD_ADDRESS".into(), speechd.address()));
        let cued = home.write("cued.toml", cases::CUED).display().to_string();
        all.push(cases::cued(&bin, &cued, env));
        (speechd, pulse)
    });
    println!(
        "knotless process benchmark: {bin} ({} bytes); {COLS}x{ROWS} pty; {} s windows; DBUS_SESSION_BUS_ADDRESS={NO_BUS}\n",
        std::fs::metadata(&bin).map_or(0, |m| m.len()),
        window.as_secs()
    );
    let frames = if wanted("frame") {
        first_frames(&home, &all, env_u64("KNOTLESS_BENCH_STARTS", 15))
    } else {
        Starts::default()
    };
    let mut rows = Vec::new();
    if wanted("idle") {
        for case in &all {
            rows.extend(idle(&home, case, window));
        }
    }
    print_table(&all, &rows, &frames.frame_ms);
    if wanted("frame") {
        print_starts(&all, &frames);
    }
    if wanted("hang") {
        latency::while_the_server_hangs(&bin);
        latency::while_speech_dispatcher_hangs(&bin);
    }
    if wanted("reminders") {
        reminders::timing();
    }
    if wanted("timing") {
        latency::timing(
            &bin,
            env_u64("KNOTLESS_BENCH_PHASES", 10),
            env_u64("KNOTLESS_BENCH_PHASE_SECS", 1),
        );
    }
}

pub fn spawn(home: &Home, case: &Case) -> Pty {
    let mut spec = Spawn::new(&case.program, &[])
        .size(COLS, ROWS)
        .cwd(home.root());
    spec.args = case.args.clone();
    spec.env = home.env(NO_BUS);
    for (k, v) in &case.env {
        spec = spec.env(k, v);
    }
    Pty::spawn(&spec)
}

/// Waits for the case's first complete frame; returns when its last byte arrived.
fn first_frame(pty: &Pty, frame: &Frame) -> Option<Instant> {
    let Frame::Texts(texts) = frame else {
        return None;
    };
    Some(pty.wait_until(
        &format!("the first frame {texts:?}"),
        Duration::from_secs(10),
        |o| {
            let screen = o.parser.screen().contents();
            !screen.trim().is_empty() && texts.iter().all(|t| screen.contains(t))
        },
    ))
}

/// What the first frames showed, per case name: the median time in ms, the median of the
/// page faults the program had taken when its frame arrived, and the median time of its
/// program's `--version` (spawn to the version line), keyed by program.
#[derive(Default)]
struct Starts {
    frame_ms: BTreeMap<String, f64>,
    faults: BTreeMap<String, f64>,
    version_ms: BTreeMap<String, f64>,
}

/// Spawns each case with a terminal UI `starts` times, the cases interleaved, and each
/// program's `--version` beside them: a start without a screen, to tell the program's
/// start from its first frame.
fn first_frames(home: &Home, all: &[Case], starts: u64) -> Starts {
    let mut frame_ms: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut faults: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut version_ms: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let show = std::env::var("KNOTLESS_BENCH_SHOW").is_ok();
    let mut framed: Vec<&Case> = all
        .iter()
        .filter(|c| matches!(c.frame, Frame::Texts(_)))
        .collect();
    // A new order each round (the same from run to run): what ran just before a start moves
    // its figure, and in one fixed order each case always followed the same one (README,
    // "Figures").
    let mut rng = fastrand::Rng::with_seed(11);
    for round in 0..starts {
        if round > 0 {
            rng.shuffle(&mut framed);
        }
        // Each program's `--version` once a round (knotless has two framed cases).
        let mut versioned = std::collections::BTreeSet::new();
        for case in &framed {
            let start = Instant::now();
            let pty = spawn(home, case);
            let seen = first_frame(&pty, &case.frame).unwrap();
            let ms = seen.saturating_duration_since(start).as_secs_f64() * 1000.0;
            let pid = pty.child.process_id().unwrap();
            // Read as the frame arrives; a program that works on after its first frame
            // may have taken a few more by then.
            if let Some(stat) = procfs::proc_stat(i32::try_from(pid).unwrap()) {
                let entry = faults.entry(case.name.clone()).or_default();
                entry.push(stat.minor_faults as f64);
            }
            frame_ms.entry(case.name.clone()).or_default().push(ms);
            if show && round == 0 {
                println!("{} first frame:\n{}\n", case.name, pty.screen());
            }
            pty.quit(case.quit, Duration::from_secs(3));
            if case.version && versioned.insert(case.program.clone()) {
                let ms = version(home, case);
                version_ms.entry(case.program.clone()).or_default().push(ms);
            }
        }
    }
    Starts {
        frame_ms: medians(frame_ms),
        faults: medians(faults),
        version_ms: medians(version_ms),
    }
}

/// Spawn to the version line of `PROGRAM --version`, in ms.
fn version(home: &Home, case: &Case) -> f64 {
    let plain = Case {
        args: vec!["--version".into()],
        env: Vec::new(),
        ..case.clone()
    };
    let start = Instant::now();
    let pty = spawn(home, &plain);
    let seen = pty.wait_until(
        &format!("{} --version", case.program),
        Duration::from_secs(10),
        |o| o.ended,
    );
    seen.saturating_duration_since(start).as_secs_f64() * 1000.0
}

fn medians(samples: BTreeMap<String, Vec<f64>>) -> BTreeMap<String, f64> {
    samples
        .into_iter()
        .map(|(name, mut v)| {
            v.sort_by(f64::total_cmp);
            (name, v[v.len() / 2])
        })
        .collect()
}

pub struct Row {
    name: String,
    window: Window,
}

/// Reaches the case's state, lets it settle, measures; then its follow-up state if any.
fn idle(home: &Home, case: &Case, window: Duration) -> Vec<Row> {
    let mut pty = spawn(home, case);
    if first_frame(&pty, &case.frame).is_none() {
        // Headless: give it the time a terminal UI gets to draw.
        let _ = pty.holds_within(SETTLE, |o| o.ended);
    }
    let mut rows = Vec::new();
    let mut current = Some(case);
    while let Some(c) = current {
        for (keys, texts) in &c.steps {
            pty.send(keys);
            pty.wait_for_all(texts, Duration::from_secs(10));
        }
        // Let start-up work and the key's redraws finish before the window opens.
        let _ = pty.holds_within(SETTLE, |o| o.ended);
        let w = sample::measure(pty.child.process_id().unwrap(), window);
        rows.push(Row {
            name: c.name.clone(),
            window: w,
        });
        current = c.then.as_deref();
    }
    pty.quit(case.quit, Duration::from_secs(3));
    rows
}

fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

fn print_table(all: &[Case], rows: &[Row], frames: &BTreeMap<String, f64>) {
    let reference = all
        .iter()
        .find(|c| c.reference)
        .and_then(|c| frames.get(&c.name));
    println!(
        "| program | voluntary wake-ups/s | CPU % | RSS MB | PSS MB | RssAnon MB | threads | first frame ms | × porsmo |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let mut names: Vec<&String> = rows.iter().map(|r| &r.name).collect();
    for f in frames.keys() {
        if !names.contains(&f) {
            names.push(f);
        }
    }
    for name in names {
        let row = rows.iter().find(|r| &r.name == name);
        let frame = frames.get(name);
        let (wake, cpu, mem) = row.map_or(("–".into(), "–".into(), Memory::default()), |r| {
            let cpu = r
                .window
                .cpu_percent()
                .map_or("?".into(), |c| format!("{c:.4}"));
            (
                format!("{:.2}", r.window.wakeups_per_sec()),
                cpu,
                r.window.memory,
            )
        });
        let ratio = frame
            .zip(reference)
            .map_or("–".into(), |(f, r)| format!("{:.2}", f / r));
        let mem = if row.is_some() {
            format!(
                "{:.1} | {:.1} | {:.2} | {}",
                mb(mem.rss),
                mb(mem.pss),
                mb(mem.rss_anon),
                mem.threads
            )
        } else {
            "– | – | – | –".into()
        };
        let frame = frame.map_or("–".into(), |f| format!("{f:.1}"));
        println!("| {name} | {wake} | {cpu} | {mem} | {frame} | {ratio} |");
    }
    println!();
    for r in rows {
        let threads: Vec<String> = r
            .window
            .per_thread
            .iter()
            .map(|(name, n)| format!("{name} {n}"))
            .collect();
        println!(
            "{}: {} voluntary + {} involuntary switches in {:.0} s (per thread: {})",
            r.name,
            r.window.voluntary,
            r.window.involuntary,
            r.window.secs,
            threads.join(", ")
        );
    }
    println!();
}

/// Each framed case's program start (`--version`) beside its first frame: what the frame
/// itself costs, in time and in pages first touched.
fn print_starts(all: &[Case], starts: &Starts) {
    println!(
        "| program | `--version` ms | first frame ms | frame − `--version` ms | page faults at the first frame |"
    );
    println!("|---|---|---|---|---|");
    for case in all.iter().filter(|c| starts.frame_ms.contains_key(&c.name)) {
        let frame = starts.frame_ms[&case.name];
        let version = starts.version_ms.get(&case.program);
        let faults = starts
            .faults
            .get(&case.name)
            .map_or("–".into(), |f| format!("{f:.0}"));
        println!(
            "| {} | {} | {frame:.2} | {} | {faults} |",
            case.name,
            version.map_or("–".into(), |v| format!("{v:.2}")),
            version.map_or("–".into(), |v| format!("{:+.2}", frame - v)),
        );
    }
    println!();
}
