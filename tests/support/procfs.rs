//! What `/proc` says about a process the tests started: its state letter and CPU time, its
//! children.

use std::time::{Duration, Instant};

/// A few fields of `/proc/PID/stat`.
pub struct ProcStat {
    pub state: char,
    /// User plus system CPU time, in clock ticks (100 a second on Linux).
    pub cpu_ticks: u64,
    /// Page faults served without reading the disk (a page mapped on first touch).
    pub minor_faults: u64,
}

pub fn proc_stat(pid: i32) -> Option<ProcStat> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces: split after the last ')'.
    let rest = &text[text.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let state = fields.first()?.chars().next()?;
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the state's.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    // minflt is field 10 of the whole line: 7 after the state's.
    let minor_faults: u64 = fields.get(7)?.parse().ok()?;
    Some(ProcStat {
        state,
        cpu_ticks: utime + stime,
        minor_faults,
    })
}

/// Checks `probe` every few milliseconds until it gives a value; panics with `what` after
/// `timeout`. For facts only `/proc` knows (a process state, a child appearing), which have
/// no descriptor or signal to wait on.
pub fn poll_until<T>(what: &str, timeout: Duration, mut probe: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(value) = probe() {
            return value;
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {timeout:?} waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Waits until process `pid` is in state `want` (`T` stopped, `S` sleeping...).
pub fn wait_state(pid: i32, want: char, timeout: Duration) {
    poll_until(&format!("process {pid} in state {want:?}"), timeout, || {
        proc_stat(pid).filter(|s| s.state == want).map(|_| ())
    });
}

/// The pid of the child of `parent` whose executable's name ends in `name`.
pub fn child_named(parent: i32, name: &str, timeout: Duration) -> i32 {
    poll_until(&format!("a {name:?} child of {parent}"), timeout, || {
        let children = std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children"))
            .unwrap_or_default();
        children.split_whitespace().find_map(|pid| {
            let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok()?;
            exe.ends_with(name).then(|| pid.parse().ok())?
        })
    })
}
