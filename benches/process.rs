//! The process benchmark: the real (release) binary in a pseudo-terminal, measured from
//! `/proc` while it waits. Run with `cargo bench --bench process`.
//!
//! For each case (countdown running, paused, home idle, `remind`) it waits for the screen to
//! settle, then over a window sums the context switches of every thread
//! (`/proc/PID/task/*/status`). A voluntary switch is a thread going to sleep, so it stands
//! for one wake-up; an involuntary one is the kernel preempting a thread that was already
//! running (after each frame, typically by the kernel worker that moves the written bytes
//! through the pty), which wakes nothing and grows with the machine's load. The table gives
//! wake-ups and all switches side by side. Also CPU time (`/proc/PID/task/*/schedstat`,
//! nanoseconds; `/proc/PID/stat` utime+stime ticks as a cross-check), resident memory
//! (`VmRSS`) and the bytes the program wrote to the terminal, grouped into write bursts.
//! Then the start-up time to the first complete home frame (median of N spawns, polling the
//! screen every 1 ms) and the timing error of a session of 1-second phases.
//!
//! Environment: `KNOTLESS_BENCH_WINDOW` (seconds per case, default 20; the README's figures
//! use 60), `KNOTLESS_BENCH_STARTS` (start-ups, default 30), `KNOTLESS_BENCH_PHASES`
//! (phases in the timing case, default 10), `KNOTLESS_BENCH_PHASE_SECS` (their length,
//! default 1), `KNOTLESS_BENCH_ONLY` (comma-separated: `idle`, `home`,
//! `remind`, `startup`, `timing`), `KNOTLESS_BENCH_BIN` (another binary to measure).
#![allow(clippy::unwrap_used, clippy::cast_precision_loss)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// The binary cargo built for this bench; `KNOTLESS_BENCH_BIN` measures another build.
fn bin() -> String {
    std::env::var("KNOTLESS_BENCH_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_knotless").into())
}
/// The issue's reference figures were taken in a 100x30 pane.
const COLS: u16 = 100;
const ROWS: u16 = 30;
/// Linux's `USER_HZ`, the unit of utime/stime in `/proc/PID/stat`.
const TICKS_PER_SEC: f64 = 100.0;
/// Output chunks closer than this belong to one frame.
const BURST_GAP: Duration = Duration::from_millis(20);

fn main() {
    // `cargo test --benches` runs harness-less benches without `--bench`: don't take minutes.
    if !std::env::args().any(|a| a == "--bench") {
        println!("process benchmark skipped: run it with `cargo bench --bench process`");
        return;
    }
    let window = Duration::from_secs(env_u64("KNOTLESS_BENCH_WINDOW", 20));
    let only = std::env::var("KNOTLESS_BENCH_ONLY").unwrap_or_default();
    let wanted = |name: &str| only.is_empty() || only.split(',').any(|o| o.trim() == name);
    println!("knotless process benchmark: {}", bin());
    println!(
        "binary {} bytes; {COLS}x{ROWS} pty; {} s windows; DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent\n",
        std::fs::metadata(bin()).map_or(0, |m| m.len()),
        window.as_secs()
    );
    let mut rows = Vec::new();
    if wanted("idle") {
        rows.extend(countdown_and_paused(window));
    }
    if wanted("home") {
        rows.push(home_idle(window));
    }
    if wanted("remind") {
        rows.push(remind(window));
    }
    if !rows.is_empty() {
        print_table(&rows, window);
    }
    if wanted("startup") {
        startup(usize::try_from(env_u64("KNOTLESS_BENCH_STARTS", 30)).unwrap());
    }
    if wanted("timing") {
        timing(
            env_u64("KNOTLESS_BENCH_PHASES", 10),
            env_u64("KNOTLESS_BENCH_PHASE_SECS", 1),
        );
    }
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

// ---------------------------------------------------------------------------------------
// A home of its own and the binary in a pty

/// Temporary XDG homes; the safety screen already acknowledged, as after a first launch.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        let home = Home {
            dir: tempfile::Builder::new()
                .prefix("knotless-bench-")
                .tempdir()
                .unwrap(),
        };
        home.write("state/knotless/safety-acknowledged", "bench\n");
        home
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, relative: &str, contents: &str) -> PathBuf {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    fn env(&self) -> Vec<(&'static str, String)> {
        let at = |sub: &str| self.root().join(sub).display().to_string();
        vec![
            ("XDG_CONFIG_HOME", at("config")),
            ("XDG_DATA_HOME", at("data")),
            ("XDG_STATE_HOME", at("state")),
            ("HOME", self.root().display().to_string()),
            // No desktop: notifications fall back at once, no D-Bus traffic to measure.
            ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent".into()),
            ("TERM", "xterm-256color".into()),
            ("LANG", "C.UTF-8".into()),
        ]
    }
}

#[derive(Default)]
struct Written {
    bytes: u64,
    /// When each chunk arrived, and its size.
    chunks: Vec<(Instant, usize)>,
}

struct Pty {
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    written: Arc<Mutex<Written>>,
    pid: u32,
}

impl Pty {
    fn spawn(home: &Home, args: &[&str]) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(bin());
        cmd.args(args);
        // Nothing inherited: no RUST_BACKTRACE (it costs memory), no desktop bus.
        cmd.env_clear();
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        for (k, v) in home.env() {
            cmd.env(k, v);
        }
        cmd.cwd(home.root());
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let pid = child.process_id().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let written = Arc::new(Mutex::new(Written::default()));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let (p, w) = (Arc::clone(&parser), Arc::clone(&written));
        std::thread::spawn(move || {
            let mut chunk = [0u8; 16384];
            while let Ok(n) = reader.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                let at = Instant::now();
                p.lock().unwrap().process(&chunk[..n]);
                let mut w = w.lock().unwrap();
                w.bytes += n as u64;
                w.chunks.push((at, n));
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Pty {
            child,
            _master: pair.master,
            writer,
            parser,
            written,
            pid,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Polls the screen every millisecond until it holds every one of `texts`; returns when.
    fn wait_for_all(&self, texts: &[&str], timeout: Duration) -> Instant {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if texts.iter().all(|t| screen.contains(t)) {
                return Instant::now();
            }
            assert!(
                start.elapsed() < timeout,
                "timed out waiting for {texts:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    fn wait_for(&self, text: &str) -> Instant {
        self.wait_for_all(&[text], Duration::from_secs(10))
    }

    fn quit(mut self, keys: &str) {
        self.send(keys);
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(3) {
            if self.child.try_wait().unwrap().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------------------
// Sampling /proc

#[derive(Clone, Debug, Default)]
struct Sample {
    /// (thread name, voluntary, involuntary context switches).
    threads: Vec<(String, u64, u64)>,
    cpu_ns: Option<u64>,
    ticks: u64,
}

impl Sample {
    fn switches(&self) -> (u64, u64) {
        self.threads
            .iter()
            .fold((0, 0), |(v, i), (_, tv, ti)| (v + tv, i + ti))
    }
}

fn status_field(status: &str, key: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|v| v.parse().ok())
}

fn sample(pid: u32) -> Sample {
    let mut s = Sample::default();
    let mut cpu_ns = Some(0u64);
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).unwrap();
    for task in tasks.filter_map(Result::ok) {
        let dir = task.path();
        let Ok(status) = std::fs::read_to_string(dir.join("status")) else {
            continue; // the thread just exited
        };
        let name = std::fs::read_to_string(dir.join("comm")).unwrap_or_default();
        s.threads.push((
            name.trim().to_string(),
            status_field(&status, "voluntary_ctxt_switches:").unwrap_or(0),
            status_field(&status, "nonvoluntary_ctxt_switches:").unwrap_or(0),
        ));
        let ns = std::fs::read_to_string(dir.join("schedstat"))
            .ok()
            .and_then(|t| t.split_whitespace().next()?.parse::<u64>().ok());
        cpu_ns = cpu_ns.zip(ns).map(|(a, b)| a + b);
    }
    s.cpu_ns = cpu_ns;
    // utime and stime are fields 14 and 15; the name (field 2) may hold spaces.
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let after_name = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    s.ticks = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    s
}

/// kB of `key` (`VmRSS:`, `RssAnon:` ...) in `/proc/PID/status`.
fn memory_kb(pid: u32, key: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status_field(&status, key).unwrap_or(0)
}

struct Row {
    case: &'static str,
    switches: u64,
    /// Of `switches`, the involuntary ones (preemption: they grow with the machine's load).
    involuntary: u64,
    per_thread: Vec<(String, u64)>,
    cpu_ns: Option<u64>,
    ticks: u64,
    rss_kb: u64,
    rss_anon_kb: u64,
    bytes: u64,
    bursts: usize,
    off_beat: usize,
}

/// Measures `pty` over `window`: the process must already have settled.
fn measure(case: &'static str, pty: &Pty, window: Duration) -> Row {
    let before = sample(pty.pid);
    let t0 = Instant::now();
    std::thread::sleep(window);
    let after = sample(pty.pid);
    let t1 = Instant::now();
    let per_thread = after
        .threads
        .iter()
        .enumerate()
        .map(|(i, (name, v, n))| {
            // Threads are listed in creation order; match by position and name.
            let was = before
                .threads
                .get(i)
                .filter(|(b, ..)| b == name)
                .map_or(0, |(_, bv, bn)| bv + bn);
            (name.clone(), (v + n).saturating_sub(was))
        })
        .collect();
    let ((v0, i0), (v1, i1)) = (before.switches(), after.switches());
    let written = pty.written.lock().unwrap();
    let chunks: Vec<(Instant, usize)> = written
        .chunks
        .iter()
        .filter(|(at, _)| *at >= t0 && *at < t1)
        .copied()
        .collect();
    drop(written);
    let (bursts, off_beat) = bursts(&chunks);
    Row {
        case,
        switches: (v1 + i1).saturating_sub(v0 + i0),
        involuntary: i1.saturating_sub(i0),
        per_thread,
        cpu_ns: after.cpu_ns.zip(before.cpu_ns).map(|(a, b)| a - b),
        ticks: after.ticks - before.ticks,
        rss_kb: memory_kb(pty.pid, "VmRSS:"),
        rss_anon_kb: memory_kb(pty.pid, "RssAnon:"),
        bytes: chunks.iter().map(|(_, n)| *n as u64).sum(),
        bursts: bursts.len(),
        off_beat,
    }
}

/// Groups output chunks into bursts (frames) and counts the bursts that do not fall on the
/// same sub-second beat as the first: output between second boundaries.
fn bursts(chunks: &[(Instant, usize)]) -> (Vec<Instant>, usize) {
    let mut starts: Vec<Instant> = Vec::new();
    let mut last: Option<Instant> = None;
    for &(at, _) in chunks {
        if last.is_none_or(|l| at.duration_since(l) > BURST_GAP) {
            starts.push(at);
        }
        last = Some(at);
    }
    let Some(&first) = starts.first() else {
        return (starts, 0);
    };
    let off_beat = starts
        .iter()
        .filter(|&&s| {
            let phase = s.duration_since(first).as_millis() % 1000;
            phase > 50 && phase < 950
        })
        .count();
    (starts, off_beat)
}

fn print_table(rows: &[Row], window: Duration) {
    let secs = window.as_secs_f64();
    println!(
        "| case | wake-ups/s | all switches/s | CPU % | RSS | bytes written | frames (off-beat) |\n|---|---|---|---|---|---|---|"
    );
    for r in rows {
        let cpu = r.cpu_ns.map_or_else(
            || {
                format!(
                    "{:.3} (ticks)",
                    r.ticks as f64 / TICKS_PER_SEC / secs * 100.0
                )
            },
            |ns| format!("{:.4}", ns as f64 / 1e9 / secs * 100.0),
        );
        println!(
            "| {} | {:.2} | {:.2} | {cpu} | {:.1} MB | {} ({:.0} B/s) | {} ({}) |",
            r.case,
            (r.switches - r.involuntary) as f64 / secs,
            r.switches as f64 / secs,
            r.rss_kb as f64 / 1024.0,
            r.bytes,
            r.bytes as f64 / secs,
            r.bursts,
            r.off_beat,
        );
    }
    println!();
    for r in rows {
        let threads: Vec<String> = r
            .per_thread
            .iter()
            .map(|(name, n)| format!("{name} {n}"))
            .collect();
        println!(
            "{}: {} context switches in {:.0} s, {} of them involuntary (per thread: {}); utime+stime {} ticks; RssAnon {} kB",
            r.case,
            r.switches,
            secs,
            r.involuntary,
            threads.join(", "),
            r.ticks,
            r.rss_anon_kb
        );
    }
    println!();
}

// ---------------------------------------------------------------------------------------
// The cases

const SETTLE: Duration = Duration::from_secs(2);

const LONG: &str = r#"
title = "Long hold"

[[steps]]
name = "Heat"
duration = "4h"
"#;

fn countdown_and_paused(window: Duration) -> Vec<Row> {
    let home = Home::new();
    let file = home.write("long.toml", LONG).display().to_string();
    let mut pty = Pty::spawn(&home, &["run", &file, "--no-remind"]);
    pty.wait_for("Press Enter");
    pty.send("\r");
    pty.wait_for("phase 1 of 1");
    std::thread::sleep(SETTLE);
    let countdown = measure("countdown running", &pty, window);
    pty.send(" ");
    pty.wait_for("Paused");
    std::thread::sleep(SETTLE);
    let paused = measure("paused", &pty, window);
    pty.quit("\x03");
    vec![countdown, paused]
}

/// What the first complete home frame shows: the header, the list, the last footer hint.
const HOME_TEXTS: &[&str] = &["knotless", "Sessions", "choose", "quit", "Unwind"];

fn home_idle(window: Duration) -> Row {
    let home = Home::new();
    let pty = Pty::spawn(&home, &[]);
    pty.wait_for_all(HOME_TEXTS, Duration::from_secs(10));
    std::thread::sleep(SETTLE);
    let row = measure("home idle", &pty, window);
    pty.quit("q");
    row
}

fn remind(window: Duration) -> Row {
    let home = Home::new();
    let pty = Pty::spawn(&home, &["remind", "--every", "30m"]);
    std::thread::sleep(SETTLE);
    let row = measure("remind --every 30m", &pty, window);
    pty.quit("\x03");
    row
}

fn startup(runs: usize) {
    let home = Home::new();
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let pty = Pty::spawn(&home, &[]);
        let seen = pty.wait_for_all(HOME_TEXTS, Duration::from_secs(10));
        times.push(seen.duration_since(start));
        pty.quit("q");
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "start-up to the first complete home frame ({runs} runs, 1 ms polling): median {:.1} ms, min {:.1} ms, max {:.1} ms\n",
        ms(times[runs / 2]),
        ms(times[0]),
        ms(times[runs - 1])
    );
}

/// The number in "phase K of N" on the screen, if any.
fn phase_shown(screen: &str) -> Option<u64> {
    let rest = &screen[screen.find("phase ")? + 6..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn timing(phases: u64, secs: u64) {
    let home = Home::new();
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
    let file = home.write("ticks.toml", &session).display().to_string();
    let mut pty = Pty::spawn(&home, &["run", &file, "--no-remind", "--quiet"]);
    pty.wait_for("Press Enter");
    let pressed = Instant::now();
    pty.send("\r");
    // When each phase (and, as phase N+1, the summary) first appeared.
    let mut seen: Vec<Option<Instant>> = vec![None; usize::try_from(phases).unwrap() + 1];
    let deadline = Instant::now() + Duration::from_secs(phases * secs + 10);
    while seen.last().unwrap().is_none() && Instant::now() < deadline {
        let screen = pty.screen();
        let now = Instant::now();
        let index = if screen.contains("Session complete") {
            Some(phases)
        } else {
            phase_shown(&screen).map(|k| k - 1)
        };
        if let Some(slot) = index.and_then(|i| seen.get_mut(usize::try_from(i).ok()?)) {
            slot.get_or_insert(now);
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    pty.quit("q");
    let first = seen[0].unwrap();
    let errors: Vec<f64> = seen
        .iter()
        .enumerate()
        .skip(1)
        .map(|(k, at)| {
            let expected = first + Duration::from_secs(k as u64 * secs);
            let at = at.unwrap_or_else(|| panic!("phase {k} never showed"));
            (at.duration_since(first).as_secs_f64() - expected.duration_since(first).as_secs_f64())
                * 1000.0
        })
        .collect();
    let n = errors.len() as f64;
    let mean = errors.iter().sum::<f64>() / n;
    let max = errors.iter().fold(0.0f64, |m, e| m.max(e.abs()));
    // Least-squares slope of the error over the phase number: growth per phase.
    let xs: Vec<f64> = (1..=errors.len()).map(|k| k as f64).collect();
    let mx = xs.iter().sum::<f64>() / n;
    let slope = xs
        .iter()
        .zip(&errors)
        .map(|(x, e)| (x - mx) * (e - mean))
        .sum::<f64>()
        / xs.iter().map(|x| (x - mx).powi(2)).sum::<f64>().max(1e-9);
    let list: Vec<String> = errors.iter().map(|e| format!("{e:+.1}")).collect();
    // The runner starts when the app reads Enter, so from the key press each change is due at
    // k s: this error includes the key's delivery and whatever the app does before drawing.
    let from_key: Vec<f64> = seen
        .iter()
        .enumerate()
        .map(|(k, at)| {
            let at = at.unwrap().duration_since(pressed).as_secs_f64();
            (at - (k as u64 * secs) as f64) * 1000.0
        })
        .collect();
    let key_max = from_key.iter().fold(0.0f64, |m, e| m.max(*e));
    let key_list: Vec<String> = from_key.iter().map(|e| format!("{e:+.1}")).collect();
    println!(
        "timing of {phases} phases of {secs} s (each change vs the first phase's frame + k x {secs} s, 1 ms polling):\n  \
         mean {mean:+.1} ms, max |error| {max:.1} ms, growth {slope:+.2} ms per phase; key to first frame {:.1} ms\n  \
         errors (ms): {}\n  \
         from the key press (phase 1 due at 0, phase k+1 at k s): max {key_max:.1} ms; {}\n",
        first.duration_since(pressed).as_secs_f64() * 1000.0,
        list.join(" "),
        key_list.join(" ")
    );
}
