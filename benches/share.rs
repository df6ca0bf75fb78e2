//! The shared break schedule, measured: wake-ups per second of the owner (`knotless remind`)
//! and of instances attached to it (an app on its home screen, a second `remind`) while
//! they wait, and the hand-over time after SIGKILL of the owner (from the kill to the
//! successor's state file saying it owns the schedule). Run with
//! `cargo bench --bench share`; `KNOTLESS_BENCH_BIN` (default `target/release/knotless`),
//! `KNOTLESS_BENCH_WINDOW` (seconds per measurement, default 20), `KNOTLESS_BENCH_ROUNDS`
//! (hand-overs, default 10).
#![allow(clippy::unwrap_used, clippy::cast_precision_loss, dead_code)]

#[path = "../tests/support/bus.rs"]
mod bus;
#[path = "process/cases.rs"]
mod cases;
#[path = "../tests/support/desktop.rs"]
mod desktop;
#[path = "../tests/support/pty.rs"]
mod pty;
#[path = "process/sample.rs"]
mod sample;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use cases::{Home, NO_BUS};
use pty::{Pty, Spawn};

fn bin() -> String {
    std::env::var("KNOTLESS_BENCH_BIN").unwrap_or_else(|_| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        root.join("target/release/knotless").display().to_string()
    })
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn remind(bin: &str, home: &Home) -> Child {
    Command::new(bin)
        .arg("remind")
        .env_clear()
        .envs(home.env(NO_BUS))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn app(bin: &str, home: &Home) -> Pty {
    let mut spec = Spawn::new(bin, &[]).size(100, 30).cwd(home.root());
    spec.env = home.env(NO_BUS);
    let pty = Pty::spawn(&spec);
    pty.wait_for("next break in", Duration::from_secs(10));
    pty
}

/// Waits (checking every millisecond) until `pid`'s state file names its `role`.
fn wait_role(home: &Home, pid: u32, role: &str) {
    let path = home.root().join(format!("state/knotless/state-{pid}.json"));
    let deadline = Instant::now() + Duration::from_secs(10);
    let wanted = format!("\"role\":\"{role}\"");
    while !std::fs::read_to_string(&path).is_ok_and(|t| t.contains(&wanted)) {
        assert!(Instant::now() < deadline, "{pid} never became {role}");
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!("share benchmark skipped: run it with `cargo bench --bench share`");
        return;
    }
    let bin = bin();
    let window = Duration::from_secs(env_u64("KNOTLESS_BENCH_WINDOW", 20));
    println!(
        "knotless shared schedule: {bin}; {} s windows\n",
        window.as_secs()
    );
    let home = Home::new();
    let mut owner = remind(&bin, &home);
    wait_role(&home, owner.id(), "owner");
    let mut follower = remind(&bin, &home);
    wait_role(&home, follower.id(), "attached");
    let screen = app(&bin, &home);
    let screen_pid = screen.child.process_id().unwrap();
    wait_role(&home, screen_pid, "attached");
    std::thread::sleep(Duration::from_secs(2));
    let pids = [
        ("remind, owner", owner.id()),
        ("remind, attached", follower.id()),
        ("app on its home screen, attached", screen_pid),
    ];
    // One window for all three, side by side.
    let before: Vec<_> = pids.iter().map(|(_, p)| sample::sample(*p)).collect();
    let t0 = Instant::now();
    std::thread::sleep(window);
    let secs = t0.elapsed().as_secs_f64();
    println!("| process | voluntary wake-ups/s | per thread |");
    println!("|---|---|---|");
    for ((name, pid), before) in pids.iter().zip(before) {
        let after = sample::sample(*pid);
        let switches = |s: &sample::Sample| s.threads.iter().map(|t| t.1).sum::<u64>();
        let threads: Vec<String> = after
            .threads
            .iter()
            .map(|(n, v, _)| {
                let was = before.threads.iter().find(|t| &t.0 == n).map_or(0, |t| t.1);
                format!("{n} {}", v.saturating_sub(was))
            })
            .collect();
        let rate = switches(&after).saturating_sub(switches(&before)) as f64 / secs;
        println!("| {name} | {rate:.3} | {} |", threads.join(", "));
    }
    screen.quit("q", Duration::from_secs(3));
    let _ = follower.kill();
    let _ = follower.wait();
    let _ = owner.kill();
    let _ = owner.wait();
    hand_overs(&bin, env_u64("KNOTLESS_BENCH_ROUNDS", 10));
    listening(&bin, window);
}

/// The owner listening for natural breaks: a private session bus with a screensaver on it
/// (and logind on the same bus standing in for the system bus).
fn listening(bin: &str, window: Duration) {
    let bus = bus::PrivateBus::start();
    let _screen = desktop::FakeDesktop::start(&bus.address, desktop::Kind::Screensaver);
    let _logind = desktop::FakeDesktop::start(&bus.address, desktop::Kind::Logind);
    let home = Home::new();
    let mut owner = Command::new(bin)
        .arg("remind")
        .env_clear()
        .envs(home.env(&bus.address))
        .env("DBUS_SYSTEM_BUS_ADDRESS", &bus.address)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_role(&home, owner.id(), "owner");
    std::thread::sleep(Duration::from_secs(2));
    let w = sample::measure(owner.id(), window);
    println!(
        "\nremind as owner, listening to a screensaver and logind: {:.3} wake-ups/s ({})",
        w.wakeups_per_sec(),
        w.per_thread
            .iter()
            .map(|(n, v)| format!("{n} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = owner.kill();
    let _ = owner.wait();
}

/// SIGKILL of the owner, `rounds` times: the time until the attached `remind` owns.
fn hand_overs(bin: &str, rounds: u64) {
    let mut times = Vec::new();
    for _ in 0..rounds {
        let home = Home::new();
        let mut owner = remind(bin, &home);
        wait_role(&home, owner.id(), "owner");
        let mut next = remind(bin, &home);
        wait_role(&home, next.id(), "attached");
        let killed = Instant::now();
        owner.kill().unwrap();
        wait_role(&home, next.id(), "owner");
        times.push(killed.elapsed());
        let _ = owner.wait();
        let _ = next.kill();
        let _ = next.wait();
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "\nhand-over after SIGKILL of the owner ({rounds} rounds): median {:.1} ms, max {:.1} ms",
        ms(times[times.len() / 2]),
        ms(*times.last().unwrap())
    );
}
