//! Sounds: the session's chimes, played through the desktop's sound server (PulseAudio, or
//! PipeWire's PulseAudio service) with a pure-Rust client of its native protocol (the
//! `pulseaudio` crate): no audio headers to build.
//!
//! Costs nothing while silent: no thread and no connection until the first chime; then one
//! worker that blocks on its channel, and the client's own I/O thread that blocks on its
//! socket. All of it is off the front end's thread, so a missing or stuck server never holds
//! up the screen. When the server cannot be reached the worker says why once (`Report`) and
//! ends: the front end falls back to the terminal bell.

use std::ffi::CString;
use std::os::unix::net::UnixStream;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use futures_lite::future::block_on;
use pulseaudio::{AsPlaybackSource, Client, protocol};

use crate::narrate::Chime;
use crate::narrate::chime::tone;
use crate::platform::worker::Worker;

/// The longest the server may take to answer the handshake.
const HANDSHAKE_WITHIN: Duration = Duration::from_secs(2);
/// How long quitting waits for a chime that is playing.
const SHUTDOWN_WAIT: Duration = Duration::from_millis(300);
/// How long a session that ran its course waits for its last chime (the longest is under a
/// second).
const FINISH_WAIT: Duration = Duration::from_millis(1500);

/// Called (on the worker) with the chime that could not play and a one-line reason, when
/// sounds cannot play.
pub type Report = Box<dyn Fn(Chime, String) + Send>;

/// The handle the runtime keeps; dropping it ends the worker.
pub struct Sound {
    worker: Worker<Chime>,
    wait: Duration,
}

impl Sound {
    /// Starts the worker; it connects on the first chime. `None` when the OS refuses a thread.
    #[must_use]
    pub fn spawn(report: Report) -> Option<Sound> {
        let worker = Worker::spawn("sound", move |rx| work(rx, &report))?;
        Some(Sound {
            worker,
            wait: SHUTDOWN_WAIT,
        })
    }

    /// Never blocks.
    pub fn play(&self, chime: Chime) {
        self.worker.send(chime);
    }

    /// Ends the worker once the chime playing or queued has played (a session that ran its
    /// course keeps its last chime), within a bound.
    pub fn finish(mut self) {
        self.wait = FINISH_WAIT;
    }
}

impl Drop for Sound {
    fn drop(&mut self) {
        self.worker.end(self.wait);
    }
}

fn work(rx: &Receiver<Chime>, report: &Report) {
    let mut client: Option<Client> = None;
    while let Ok(first) = rx.recv() {
        // A chime is about now: one that waited behind a slow server is dropped unheard.
        let chime = rx.try_iter().last().unwrap_or(first);
        if client.is_none() {
            match connect() {
                Ok(c) => client = Some(c),
                Err(reason) => return report(chime, reason),
            }
        }
        let Some(c) = &client else { return };
        if let Err(e) = play(c, chime) {
            return report(chime, format!("the sound server failed ({e})"));
        }
    }
}

fn connect() -> Result<Client, String> {
    let path = pulseaudio::socket_path_from_env()
        .ok_or_else(|| "no sound server (PulseAudio or PipeWire) is running".to_string())?;
    let shown = crate::text::sanitize(&path.display().to_string());
    let socket =
        UnixStream::connect(&path).map_err(|_| format!("no sound server answers at {shown}"))?;
    socket
        .set_read_timeout(Some(HANDSHAKE_WITHIN))
        .map_err(|e| e.to_string())?;
    // A server that needs no cookie (auth-anonymous, PipeWire) still expects one of the
    // usual length.
    let cookie = pulseaudio::cookie_path_from_env()
        .and_then(|p| std::fs::read(p).ok())
        .unwrap_or_else(|| vec![0; 256]);
    Client::new_unix(c"knotless", socket, Some(cookie))
        .map_err(|e| format!("the sound server at {shown} refused knotless ({e})"))
}

fn play(client: &Client, chime: Chime) -> pulseaudio::Result<()> {
    let mut props = protocol::Props::new();
    props.set(protocol::Prop::MediaRole, c"event");
    let name = CString::new(format!("knotless {}", chime.as_str())).unwrap_or_default();
    props.set(protocol::Prop::MediaName, name.as_c_str());
    let params = protocol::PlaybackStreamParams {
        sample_spec: protocol::SampleSpec {
            format: protocol::SampleFormat::S16Le,
            channels: 1,
            sample_rate: tone::RATE,
        },
        channel_map: protocol::ChannelMap::mono(),
        cvolume: Some(protocol::ChannelVolume::norm(1)),
        sink_name: Some(protocol::DEFAULT_SINK.to_owned()),
        props,
        ..Default::default()
    };
    let data = tone::bytes(chime);
    let mut at = 0;
    let source = move |buf: &mut [u8]| {
        let n = buf.len().min(data.len() - at);
        buf[..n].copy_from_slice(&data[at..at + n]);
        at += n;
        n
    };
    let stream = block_on(client.create_playback_stream(params, source.as_playback_source()))?;
    block_on(stream.play_all())?;
    let _ = block_on(stream.delete());
    Ok(())
}
