//! A private PulseAudio server for one test: its own socket and runtime directory, one null
//! sink (nothing reaches a speaker) whose monitor a recorder can read, killed on drop. Runs
//! as any user, root included (it warns, and carries on, without `--system`).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use super::procfs::poll_until;
use super::screen::tool;

/// The null sink everything plays to.
pub const SINK: &str = "knotless_test";
/// Samples per second of a recording (mono, signed 16-bit).
pub const RATE: u32 = 16_000;

pub struct PrivatePulse {
    child: Child,
    dir: PathBuf,
    socket: PathBuf,
}

impl PrivatePulse {
    pub fn start(dir: &Path) -> PrivatePulse {
        let bin = tool("pulseaudio", "pulseaudio");
        let dir = dir.join("pulse");
        std::fs::create_dir_all(dir.join("runtime")).unwrap();
        let socket = dir.join("native");
        let child = Command::new(bin)
            .args(["--daemonize=no", "--exit-idle-time=-1", "-n", "--system=no"])
            .args([
                "--use-pid-file=no",
                "--disable-shm=yes",
                "--log-target=stderr",
            ])
            .arg(format!(
                "--load=module-native-protocol-unix socket={} auth-anonymous=1",
                socket.display()
            ))
            .arg(format!("--load=module-null-sink sink_name={SINK}"))
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", &dir)
            .env("PULSE_RUNTIME_PATH", dir.join("runtime"))
            .env("XDG_RUNTIME_DIR", dir.join("runtime"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let pulse = PrivatePulse { child, dir, socket };
        poll_until("PulseAudio's socket", Duration::from_secs(15), || {
            pulse.socket.exists().then_some(())
        });
        pulse
    }

    /// What `PULSE_SERVER` says to reach it.
    pub fn server(&self) -> String {
        format!("unix:{}", self.socket.display())
    }

    /// The environment a client of this server needs (its own runtime dir and no cookie).
    pub fn client_env(&self) -> Vec<(String, String)> {
        vec![
            ("PULSE_SERVER".into(), self.server()),
            ("PULSE_SINK".into(), SINK.into()),
            (
                "PULSE_RUNTIME_PATH".into(),
                self.dir.join("runtime").display().to_string(),
            ),
        ]
    }

    /// Starts recording the null sink's monitor (raw mono s16le at `RATE`) into `file`.
    pub fn record(&self, file: &Path) -> Recorder {
        let bin = tool("parec", "pulseaudio-utils");
        let child = Command::new(bin)
            .args(["--device", &format!("{SINK}.monitor"), "--raw"])
            .args(["--format=s16le", "--channels=1", &format!("--rate={RATE}")])
            .args(["--latency-msec=20"])
            .arg(file)
            .env_clear()
            .envs(self.client_env())
            .env("HOME", &self.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Recording has begun once the monitor's silence arrives.
        poll_until("parec's first samples", Duration::from_secs(15), || {
            let len = std::fs::metadata(file).map_or(0, |m| m.len());
            (len > 0).then_some(())
        });
        Recorder {
            child,
            file: file.to_path_buf(),
        }
    }
}

impl Drop for PrivatePulse {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A running `parec`; `stop` ends it and gives the samples.
pub struct Recorder {
    child: Child,
    file: PathBuf,
}

impl Recorder {
    pub fn stop(mut self) -> Vec<i16> {
        // SIGTERM, so parec writes out what it holds.
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
        let bytes = std::fs::read(&self.file).unwrap_or_default();
        bytes
            .chunks_exact(2)
            .map(|b| i16::from_le_bytes([b[0], b[1]]))
            .collect()
    }
}

/// The loudest sample in each `window` of `samples`.
pub fn peaks(samples: &[i16], window: Duration) -> Vec<u16> {
    let per = usize::try_from(u128::from(RATE) * window.as_millis() / 1000).unwrap();
    samples
        .chunks(per.max(1))
        .map(|c| c.iter().map(|s| s.unsigned_abs()).max().unwrap_or(0))
        .collect()
}
