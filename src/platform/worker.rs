//! A named thread that works through a channel of requests: the voice's and the sounds'
//! workers. Sending never blocks; ending closes the channel and waits for the thread only so
//! long, so a stuck server never holds up quitting.

use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

pub struct Worker<T> {
    tx: Option<Sender<T>>,
    done: Receiver<()>,
}

impl<T: Send + 'static> Worker<T> {
    /// Starts `work` on a thread called `name`; it returns when the channel closes (or gives
    /// up). `None` when the OS refuses a thread.
    #[must_use]
    pub fn spawn(name: &str, work: impl FnOnce(&Receiver<T>) + Send + 'static) -> Option<Self> {
        let (tx, rx) = mpsc::channel();
        let (done_tx, done) = mpsc::channel();
        std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                work(&rx);
                let _ = done_tx.send(());
            })
            .ok()?;
        Some(Worker { tx: Some(tx), done })
    }

    /// Never blocks; a worker that has ended drops it.
    pub fn send(&self, request: T) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(request);
        }
    }

    /// Closes the channel (the worker finishes what is queued, then ends) and waits at most
    /// `wait` for it.
    pub fn end(&mut self, wait: Duration) {
        self.tx = None;
        let _ = self.done.recv_timeout(wait);
    }
}
