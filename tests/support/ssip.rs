//! A fake speech-dispatcher: SSIP (its line protocol) on a private Unix socket, in the test
//! process. It records what clients ask (`CLIENT_NAME …`, `SPEAK text`, `CANCEL`, anything
//! else as `OTHER line`) and answers as speech-dispatcher does, or never answers at all.
//! Waits block on a condition variable the connection threads signal, with a deadline.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speechd {
    /// Answers every request.
    Answers,
    /// Accepts connections and reads, but never answers (a hung server).
    Hangs,
}

type Log = Arc<(Mutex<Vec<String>>, Condvar)>;

pub struct FakeSpeechd {
    path: PathBuf,
    log: Log,
}

impl FakeSpeechd {
    /// Listens on `dir/speechd.sock`.
    pub fn start(dir: &Path, behaviour: Speechd) -> FakeSpeechd {
        let path = dir.join("speechd.sock");
        let listener = UnixListener::bind(&path).unwrap();
        let log: Log = Arc::default();
        let shared = log.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let log = shared.clone();
                std::thread::spawn(move || serve(stream, behaviour, &log));
            }
        });
        FakeSpeechd { path, log }
    }

    /// What `SPEECHD_ADDRESS` says to reach it.
    pub fn address(&self) -> String {
        format!("unix_socket:{}", self.path.display())
    }

    pub fn log(&self) -> Vec<String> {
        self.log.0.lock().unwrap().clone()
    }

    /// What was spoken, in order.
    pub fn spoken(&self) -> Vec<String> {
        spoken(&self.log())
    }

    /// Waits until `done` holds for the log; panics with the log at the deadline.
    pub fn wait(&self, timeout: Duration, done: impl Fn(&[String]) -> bool) -> Vec<String> {
        let deadline = Instant::now() + timeout;
        let (lock, cvar) = &*self.log;
        let mut log = lock.lock().unwrap();
        while !done(&log) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "speech-dispatcher never saw it; log: {log:#?}"
            );
            log = cvar.wait_timeout(log, left).unwrap().0;
        }
        log.clone()
    }

    /// Waits until `text` was spoken.
    pub fn wait_spoken(&self, text: &str, timeout: Duration) -> Vec<String> {
        let want = format!("SPEAK {text}");
        self.wait(timeout, |log| log.contains(&want))
    }
}

/// The texts of the `SPEAK` entries of `log`.
pub fn spoken(log: &[String]) -> Vec<String> {
    log.iter()
        .filter_map(|l| l.strip_prefix("SPEAK "))
        .map(str::to_string)
        .collect()
}

fn serve(stream: UnixStream, behaviour: Speechd, log: &Log) {
    let mut out = stream.try_clone().unwrap();
    let mut lines = BufReader::new(stream).lines();
    let record = |entry: String| {
        log.0.lock().unwrap().push(entry);
        log.1.notify_all();
    };
    let mut next_id = 1;
    while let Some(Ok(line)) = lines.next() {
        let line = line.trim_end_matches('\r').to_string();
        let reply = if let Some(name) = line.strip_prefix("SET self CLIENT_NAME ") {
            record(format!("CLIENT_NAME {name}"));
            "208 OK CLIENT NAME SET".to_string()
        } else if line == "SPEAK" {
            if behaviour == Speechd::Answers {
                let _ = out.write_all(b"230 OK RECEIVING DATA\r\n");
            }
            let mut text = Vec::new();
            for data in lines.by_ref() {
                let Ok(data) = data else { return };
                let data = data.trim_end_matches('\r');
                if data == "." {
                    break;
                }
                text.push(data.strip_prefix('.').unwrap_or(data).to_string());
            }
            record(format!("SPEAK {}", text.join("\n")));
            next_id += 1;
            format!("225-{}\r\n225 OK MESSAGE QUEUED", next_id - 1)
        } else if line == "CANCEL self" {
            record("CANCEL".into());
            "213 OK CANCELED".to_string()
        } else if line == "QUIT" {
            record("QUIT".into());
            "231 HAPPY HACKING".to_string()
        } else {
            record(format!("OTHER {line}"));
            "300 ERR UNKNOWN COMMAND".to_string()
        };
        if behaviour == Speechd::Answers {
            let _ = out.write_all(format!("{reply}\r\n").as_bytes());
        }
    }
}
