//! The voice: speech-dispatcher, the desktop's speech service, over its SSIP socket (a pure-
//! Rust client, `ssip-client-async`). Nothing is set but the client's name, so the user's own
//! voice, rate and volume apply.
//!
//! Costs nothing while silent: no thread and no connection until the first thing to say; then
//! one worker that blocks on its channel (never a timer), connected while it has something to
//! say. Every socket read and write happens on that worker, with a read deadline, so a dead or
//! hung speech-dispatcher never holds up the screen: the front end only queues requests. A
//! backlog (a slow server) is cut to what still applies: everything before the last request
//! that replaces speech in progress is dropped unsaid.

use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use ssip_client_async::fifo::synchronous::Builder;
use ssip_client_async::types::{ClientError, ClientName, MessageScope};
use ssip_client_async::{Client, OK_CANCELED};

use crate::narrate::Utterances;
use crate::platform::worker::Worker;

/// The longest a reply may take before speech-dispatcher counts as not answering.
const REPLY_WITHIN: Duration = Duration::from_secs(2);
/// How long quitting waits for the worker to cancel speech before the process goes on.
const SHUTDOWN_WAIT: Duration = Duration::from_millis(300);

/// What the worker is asked to do.
#[derive(Debug)]
enum Request {
    Say(Utterances),
    /// Stop speaking now and drop what is queued.
    Silence,
}

impl Request {
    fn replaces(&self) -> bool {
        match self {
            Request::Say(u) => u.interrupt,
            Request::Silence => true,
        }
    }
}

/// Called (on the worker) with a one-line reason when speech-dispatcher cannot be reached or
/// stops answering.
pub type Report = Box<dyn Fn(String) + Send>;

/// The handle the runtime keeps. Dropping it silences speech and ends the worker.
pub struct Speech {
    worker: Worker<Request>,
    silence_on_drop: bool,
}

impl Speech {
    /// Starts the worker; it connects when it first has something to say. `None` when the
    /// OS refuses a thread (then there is no voice, and nothing else changes).
    #[must_use]
    pub fn spawn(report: Report) -> Option<Speech> {
        let worker = Worker::spawn("speech", move |rx| work(rx, &report))?;
        Some(Speech {
            worker,
            silence_on_drop: true,
        })
    }

    /// Never blocks.
    pub fn say(&self, utterances: Utterances) {
        self.worker.send(Request::Say(utterances));
    }

    /// Stops speech in progress and drops what is queued. Never blocks.
    pub fn silence(&self) {
        self.worker.send(Request::Silence);
    }

    /// Ends the worker once what is queued has reached speech-dispatcher, which says it to
    /// the end (a session that ran its course keeps its last words).
    pub fn finish(mut self) {
        self.silence_on_drop = false;
    }
}

impl Drop for Speech {
    fn drop(&mut self) {
        if self.silence_on_drop {
            self.silence();
        }
        // Long enough for the cancel to reach the server; a hung one is not waited for.
        self.worker.end(SHUTDOWN_WAIT);
    }
}

fn work(rx: &Receiver<Request>, report: &Report) {
    let mut client: Option<Client<UnixStream>> = None;
    while let Ok(first) = rx.recv() {
        let batch = still_applies(first, rx);
        if client.is_none() {
            // Nothing to cancel on a connection not yet made.
            if batch.iter().all(|r| matches!(r, Request::Silence)) {
                continue;
            }
            match connect() {
                Ok(c) => client = Some(c),
                Err(reason) => {
                    report(reason);
                    continue;
                }
            }
        }
        let Some(c) = client.as_mut() else { continue };
        if let Err(e) = batch.iter().try_for_each(|r| perform(c, r)) {
            client = None;
            report(format!("speech-dispatcher {}", failure(&e)));
        }
    }
    if let Some(mut c) = client {
        let _ = c.quit();
    }
}

/// `first` and whatever else is queued, from the last request that replaces speech on.
fn still_applies(first: Request, rx: &Receiver<Request>) -> Vec<Request> {
    let mut batch: Vec<Request> = std::iter::once(first).chain(rx.try_iter()).collect();
    if let Some(last) = batch.iter().rposition(Request::replaces) {
        batch.drain(..last);
    }
    batch
}

fn perform(c: &mut Client<UnixStream>, request: &Request) -> Result<(), ClientError> {
    let cancel = match request {
        Request::Say(u) => u.interrupt,
        Request::Silence => true,
    };
    if cancel {
        match c.cancel(MessageScope::Last)?.check_status(OK_CANCELED) {
            Ok(_) | Err(ClientError::UnexpectedStatus(_)) => {}
            Err(e) => return Err(e),
        }
    }
    if let Request::Say(u) = request {
        for line in &u.lines {
            c.speak()?
                .check_receiving_data()?
                .send_line(&escaped(line))?
                .receive_message_id()?;
        }
    }
    Ok(())
}

/// SSIP ends a message with a line holding one dot; a line that starts with a dot has it
/// doubled.
fn escaped(line: &str) -> String {
    if line.starts_with('.') {
        format!(".{line}")
    } else {
        line.to_string()
    }
}

fn connect() -> Result<Client<UnixStream>, String> {
    let path = socket_path()?;
    let mut client = Builder::new()
        .path(&path)
        .timeout(REPLY_WITHIN)
        .build()
        .map_err(|_| {
            format!(
                "speech-dispatcher is not running (nothing answers at {}); \
                 `speech-dispatcher --spawn` starts it",
                crate::text::sanitize(&path.display().to_string())
            )
        })?;
    let user = std::env::var("USER").unwrap_or_else(|_| "user".into());
    client
        .set_client_name(ClientName::new(&user, "knotless"))
        .and_then(|c| c.check_client_name_set())
        .map_err(|e| format!("speech-dispatcher {}", failure(&e)))?;
    Ok(client)
}

/// What went wrong, in words: "did not answer within 2 seconds", ...
fn failure(e: &ClientError) -> String {
    use std::io::ErrorKind;
    match e {
        ClientError::Io(io) if matches!(io.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
            format!("did not answer within {} seconds", REPLY_WITHIN.as_secs())
        }
        ClientError::Io(io) => format!("closed the connection ({io})"),
        other => crate::text::sanitize(&format!("answered unexpectedly ({other})")),
    }
}

/// Where speech-dispatcher listens: `SPEECHD_ADDRESS` (`unix_socket:PATH`), as its own
/// clients read it, else `$XDG_RUNTIME_DIR/speech-dispatcher/speechd.sock`.
///
/// # Errors
/// A TCP address (knotless speaks only over the Unix socket) or no runtime directory.
pub fn socket_path() -> Result<PathBuf, String> {
    let default = || {
        std::env::var_os("XDG_RUNTIME_DIR")
            .filter(|d| !d.is_empty())
            .map(|d| PathBuf::from(d).join("speech-dispatcher/speechd.sock"))
            .ok_or_else(|| {
                "speech-dispatcher's socket is unknown: XDG_RUNTIME_DIR is not set".to_string()
            })
    };
    match std::env::var("SPEECHD_ADDRESS") {
        Ok(address) if !address.trim().is_empty() => parse_address(address.trim(), default),
        _ => default(),
    }
}

fn parse_address(
    address: &str,
    default: impl FnOnce() -> Result<PathBuf, String>,
) -> Result<PathBuf, String> {
    let (method, rest) = address.split_once(':').unwrap_or((address, ""));
    match method {
        "unix_socket" if rest.is_empty() => default(),
        "unix_socket" => Ok(PathBuf::from(rest)),
        _ => Err(format!(
            "SPEECHD_ADDRESS is \"{}\"; knotless speaks to speech-dispatcher only over its \
             Unix socket: unset it or write unix_socket:PATH",
            crate::text::sanitize(address)
        )),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use super::*;

    #[test]
    fn addresses_as_speech_dispatcher_reads_them() {
        let default = || Ok(PathBuf::from("/run/user/1/speech-dispatcher/speechd.sock"));
        assert_eq!(
            parse_address("unix_socket:/tmp/s.sock", default),
            Ok(PathBuf::from("/tmp/s.sock"))
        );
        assert_eq!(parse_address("unix_socket", default), default());
        assert!(parse_address("inet_socket:127.0.0.1:6560", default).is_err());
        assert_eq!(escaped(".hidden"), "..hidden");
        assert_eq!(escaped("plain"), "plain");
    }

    #[test]
    fn a_backlog_keeps_only_what_still_applies() {
        let (tx, rx) = mpsc::channel();
        let say = |text: &str, interrupt: bool| {
            Request::Say(Utterances {
                interrupt,
                lines: vec![text.into()],
            })
        };
        tx.send(say("10 seconds left", false)).unwrap();
        tx.send(say("Reach, right side", true)).unwrap();
        tx.send(say("Minimum reached", false)).unwrap();
        let batch = still_applies(say("Reach, left side", true), &rx);
        let texts: Vec<String> = batch
            .iter()
            .map(|r| match r {
                Request::Say(u) => u.lines.join(""),
                Request::Silence => "silence".into(),
            })
            .collect();
        assert_eq!(texts, ["Reach, right side", "Minimum reached"]);
    }
}
