//! How the scheduler tells the notifier's worker to stop listening on a notification, and
//! whether to close it: an atomic flag the worker's future waits on.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Poll, Waker};

/// Tells a notifier to stop listening for actions (a newer reminder, or shutdown).
#[derive(Clone, Debug, Default)]
pub struct StopSignal(Arc<StopInner>);

#[derive(Debug, Default)]
struct StopInner {
    stopped: AtomicBool,
    closing: AtomicBool,
    waker: Mutex<Option<Waker>>,
}

impl StopSignal {
    pub fn stop(&self) {
        self.0.stopped.store(true, Ordering::SeqCst);
        let waker = self
            .0
            .waker
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(w) = waker {
            w.wake();
        }
    }

    /// Stops listening and closes the notification (its reminder was answered in an app).
    pub fn close(&self) {
        self.0.closing.store(true, Ordering::SeqCst);
        self.stop();
    }

    #[must_use]
    pub fn closing(&self) -> bool {
        self.0.closing.load(Ordering::SeqCst)
    }

    #[must_use]
    pub fn is_stopped(&self) -> bool {
        self.0.stopped.load(Ordering::SeqCst)
    }

    /// Completes once [`StopSignal::stop`] has been called.
    pub async fn stopped(&self) {
        std::future::poll_fn(|cx| {
            let mut slot = self.0.waker.lock().unwrap_or_else(PoisonError::into_inner);
            if self.is_stopped() {
                return Poll::Ready(());
            }
            *slot = Some(cx.waker().clone());
            Poll::Pending
        })
        .await;
    }
}
