//! A pseudo-terminal the test owns completely, for what the shared harness cannot do: close
//! the terminal under the program (every master descriptor, including the reader's), and run
//! a job-control shell in it. The child is started through `setsid`, with or without making
//! the terminal its controlling one.
#![allow(dead_code, clippy::unwrap_used)]

use std::io::Write;
use std::os::fd::{AsFd, OwnedFd};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags};

pub struct RawPty {
    pub child: Child,
    master: Option<Arc<OwnedFd>>,
    parser: Arc<Mutex<vt100::Parser>>,
    stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
}

/// How the child gets the terminal.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Ctty {
    /// A new session whose controlling terminal is this one (closing it sends SIGHUP).
    Controlling,
    /// A new session with no controlling terminal: the pty is only its standard I/O, so
    /// closing it gives EOF/EIO and no signal.
    StdioOnly,
}

impl RawPty {
    pub fn spawn(
        program: &str,
        args: &[&str],
        env: &[(String, String)],
        ctty: Ctty,
        cols: u16,
        rows: u16,
    ) -> RawPty {
        let size = nix::pty::Winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let pty = nix::pty::openpty(&size, None).unwrap();
        // openpty(3) does not set close-on-exec: without it the child would hold the master
        // open and closing "the terminal" here would change nothing.
        rustix::io::fcntl_setfd(&pty.master, rustix::io::FdFlags::CLOEXEC).unwrap();
        rustix::io::fcntl_setfd(&pty.slave, rustix::io::FdFlags::CLOEXEC).unwrap();
        let mut cmd = Command::new("setsid");
        if ctty == Ctty::Controlling {
            cmd.arg("--ctty");
        }
        cmd.arg(program).args(args).env_clear();
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.stdin(Stdio::from(pty.slave.try_clone().unwrap()))
            .stdout(Stdio::from(pty.slave.try_clone().unwrap()))
            .stderr(Stdio::from(pty.slave));
        let child = cmd.spawn().unwrap();
        drop(cmd);
        let master = Arc::new(pty.master);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let stop = Arc::new(AtomicBool::new(false));
        let reader = {
            let (master, parser, stop) = (master.clone(), parser.clone(), stop.clone());
            std::thread::spawn(move || read_until_stopped(&master, &parser, &stop))
        };
        RawPty {
            child,
            master: Some(master),
            parser,
            stop,
            reader: Some(reader),
        }
    }

    pub fn pid(&self) -> i32 {
        i32::try_from(self.child.id()).unwrap()
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    pub fn cursor_hidden(&self) -> bool {
        self.parser.lock().unwrap().screen().hide_cursor()
    }

    pub fn send(&self, bytes: &str) {
        let master = self.master.as_ref().expect("the terminal is open");
        let mut file = std::fs::File::from(master.as_fd().try_clone_to_owned().unwrap());
        file.write_all(bytes.as_bytes()).unwrap();
    }

    /// Whether the line discipline is back in cooked mode with echo.
    pub fn cooked(&self) -> bool {
        let master = self.master.as_ref().expect("the terminal is open");
        let flags = nix::sys::termios::tcgetattr(master.as_fd())
            .unwrap()
            .local_flags;
        flags.contains(nix::sys::termios::LocalFlags::ICANON)
            && flags.contains(nix::sys::termios::LocalFlags::ECHO)
    }

    pub fn wait_for(&self, text: &str, timeout: Duration) {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {text:?}; screen:\n{}", self.screen());
    }

    /// Closes every descriptor of the master side: the terminal is gone for the child.
    pub fn close(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
        let master = self.master.take().unwrap();
        assert!(
            Arc::into_inner(master).is_some(),
            "a master fd is still shared"
        );
    }

    /// The process's state letter in `/proc/PID/stat` (`S`, `R`, `T`, `Z`...).
    pub fn state(&self) -> char {
        proc_stat(self.pid()).map_or('?', |s| s.state)
    }
}

impl Drop for RawPty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn read_until_stopped(master: &OwnedFd, parser: &Mutex<vt100::Parser>, stop: &AtomicBool) {
    let mut buf = [0u8; 4096];
    let tick = rustix::time::Timespec {
        tv_sec: 0,
        tv_nsec: 10_000_000,
    };
    while !stop.load(Ordering::SeqCst) {
        let mut fds = [PollFd::new(master, PollFlags::IN)];
        if rustix::event::poll(&mut fds, Some(&tick)).is_err() {
            continue;
        }
        if fds[0].revents().is_empty() {
            continue;
        }
        match rustix::io::read(master, &mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => parser.lock().unwrap().process(&buf[..n]),
        }
    }
}

/// A few fields of `/proc/PID/stat`.
pub struct ProcStat {
    pub state: char,
    /// User plus system CPU time, in clock ticks (100 a second on Linux).
    pub cpu_ticks: u64,
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
    Some(ProcStat {
        state,
        cpu_ticks: utime + stime,
    })
}
