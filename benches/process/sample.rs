//! What `/proc` says about a running process: context switches and CPU time summed over its
//! threads, and its memory (RSS and RssAnon from `status`, PSS from `smaps_rollup`).
//!
//! A voluntary switch is a thread going to sleep, so it stands for one wake-up; an
//! involuntary one is the kernel preempting a thread that was already running, which wakes
//! nothing and grows with the machine's load.

use std::time::{Duration, Instant};

#[derive(Clone, Debug, Default)]
pub struct Sample {
    /// (thread name, voluntary, involuntary context switches), in creation order.
    pub threads: Vec<(String, u64, u64)>,
    /// Run time of every thread from `schedstat`, nanoseconds (None if a thread vanished).
    pub cpu_ns: Option<u64>,
}

impl Sample {
    fn switches(&self) -> (u64, u64) {
        self.threads
            .iter()
            .fold((0, 0), |(v, i), (_, tv, ti)| (v + tv, i + ti))
    }
}

pub fn status_field(status: &str, key: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|v| v.parse().ok())
}

pub fn sample(pid: u32) -> Sample {
    let mut s = Sample::default();
    let mut cpu_ns = Some(0u64);
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return s;
    };
    let mut dirs: Vec<_> = tasks.filter_map(Result::ok).map(|t| t.path()).collect();
    dirs.sort_by_key(|d| {
        d.file_name()
            .and_then(|n| n.to_str()?.parse::<u64>().ok())
            .unwrap_or(0)
    });
    for dir in dirs {
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
    s
}

/// Memory in kB.
#[derive(Clone, Copy, Debug, Default)]
pub struct Memory {
    pub rss: u64,
    pub pss: u64,
    pub rss_anon: u64,
    pub threads: u64,
}

pub fn memory(pid: u32) -> Memory {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    Memory {
        rss: status_field(&status, "VmRSS:").unwrap_or(0),
        pss: status_field(&rollup, "Pss:").unwrap_or(0),
        rss_anon: status_field(&status, "RssAnon:").unwrap_or(0),
        threads: status_field(&status, "Threads:").unwrap_or(0),
    }
}

/// A process measured over a window.
#[derive(Clone, Debug)]
pub struct Window {
    pub secs: f64,
    pub voluntary: u64,
    pub involuntary: u64,
    /// Switches per thread over the window (by creation order and name).
    pub per_thread: Vec<(String, u64)>,
    pub cpu_ns: Option<u64>,
    pub memory: Memory,
}

impl Window {
    pub fn wakeups_per_sec(&self) -> f64 {
        self.voluntary as f64 / self.secs
    }

    pub fn cpu_percent(&self) -> Option<f64> {
        self.cpu_ns.map(|ns| ns as f64 / 1e9 / self.secs * 100.0)
    }
}

/// Measures `pid` over `window` (it must already have settled); memory at the end.
pub fn measure(pid: u32, window: Duration) -> Window {
    let before = sample(pid);
    let t0 = Instant::now();
    std::thread::sleep(window);
    let after = sample(pid);
    let secs = t0.elapsed().as_secs_f64();
    let per_thread = after
        .threads
        .iter()
        .enumerate()
        .map(|(i, (name, v, n))| {
            let was = before
                .threads
                .get(i)
                .filter(|(b, ..)| b == name)
                .map_or(0, |(_, bv, bn)| bv + bn);
            (name.clone(), (v + n).saturating_sub(was))
        })
        .collect();
    let ((v0, i0), (v1, i1)) = (before.switches(), after.switches());
    Window {
        secs,
        voluntary: v1.saturating_sub(v0),
        involuntary: i1.saturating_sub(i0),
        per_thread,
        cpu_ns: after
            .cpu_ns
            .zip(before.cpu_ns)
            .map(|(a, b)| a.saturating_sub(b)),
        memory: memory(pid),
    }
}
