//! Notifiers: how a reminder reaches the desktop. The [`Notifier`] trait, the desktop
//! notifier (freedesktop notifications over D-Bus) and [`NoDesktop`].
//!
//! A notifier runs on the scheduler's worker thread and may block; the scheduler never
//! waits on it for more than its deadline. The desktop notifier connects per notification,
//! subscribes to `ActionInvoked`/`NotificationClosed` BEFORE sending `Notify` (so an early
//! click is not lost), listens only while the notification can still be acted on, and then
//! disconnects: no D-Bus connection or executor is left running between reminders.
//! (notify-rust's `show()` and `wait_for_action` would block without bound, subscribe too late
//! and may panic when the bus goes away, so the `Notify` call is made here with the same
//! fields notify-rust sends.)

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Poll, Waker};
use std::time::Duration;

use futures_lite::StreamExt;
use zbus::Variant as Value;

use super::messages::Reminder;

pub use knotless_core::remind::protocol::ReminderAction;

/// What a notifier reports while it handles one reminder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotifierReport {
    /// The notification is on screen.
    Shown,
    /// It could not be shown; the reason is calm and readable.
    Failed {
        reason: String,
    },
    Action(ReminderAction),
}

/// Tells a notifier to stop listening for actions (a newer reminder, or shutdown).
#[derive(Clone, Debug, Default)]
pub struct StopSignal(Arc<StopInner>);

#[derive(Debug, Default)]
struct StopInner {
    stopped: AtomicBool,
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

/// Shows reminders somewhere outside the terminal.
pub trait Notifier: Send {
    /// Shows one reminder. Runs on the worker thread and may block; the scheduler stops
    /// waiting for `Shown`/`Failed` after its deadline. Call `report` with `Shown` or `Failed`
    /// first, then with any `Action`; return when nothing more can happen or `stop` fires.
    fn notify(&mut self, reminder: &Reminder, report: &dyn Fn(NotifierReport), stop: &StopSignal);
}

/// For systems without desktop notifications: every reminder "fails", so the terminal shows it.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoDesktop;

impl Notifier for NoDesktop {
    fn notify(&mut self, _: &Reminder, report: &dyn Fn(NotifierReport), _: &StopSignal) {
        report(NotifierReport::Failed {
            reason: "desktop notifications are turned off".into(),
        });
    }
}

const BUS_NAME: &str = "org.freedesktop.Notifications";
const OBJECT_PATH: &str = "/org/freedesktop/Notifications";
const INTERFACE: &str = "org.freedesktop.Notifications";
/// A freedesktop category of our own (`x-vendor.class`), so servers can group reminders.
pub const CATEGORY: &str = "x-knotless.reminder";
pub const SOUND_NAME: &str = "message-new-instant";
/// A generic freedesktop icon name, used when no knotless icon is installed.
pub const FALLBACK_ICON: &str = "appointment-soon";

/// How the desktop notifier behaves.
#[derive(Clone, Debug)]
pub struct DesktopOptions {
    pub sound: bool,
    /// Offer "Start stretch" (only where something can open the session: the TUI).
    pub offer_start: bool,
    /// How long to listen for a click after showing a notification.
    pub listen_for: Duration,
    /// Bound on connecting and on each D-Bus call; the worker is free again after it.
    pub call_timeout: Duration,
    /// A bus address; `None` for the session bus (`DBUS_SESSION_BUS_ADDRESS`).
    pub address: Option<String>,
    pub icon: String,
}

impl Default for DesktopOptions {
    fn default() -> Self {
        DesktopOptions {
            sound: true,
            offer_start: true,
            listen_for: Duration::from_secs(5 * 60),
            call_timeout: Duration::from_secs(10),
            address: None,
            icon: default_icon(),
        }
    }
}

/// The notification icon: the name `knotless` when the icon is installed (by `knotless
/// setup`, or a package) in the hicolor theme or `pixmaps` (the server then picks the best
/// size), else a generic freedesktop icon name. Never a file path: the build tree or a
/// binary's folder may be gone by the time a notification is shown.
#[must_use]
pub fn default_icon() -> String {
    let mut data_dirs: Vec<PathBuf> = Vec::new();
    if let Some(share) = crate::paths::data_home() {
        data_dirs.push(share);
    }
    let system = std::env::var_os("XDG_DATA_DIRS")
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "/usr/local/share:/usr/share".into());
    data_dirs.extend(std::env::split_paths(&system));
    choose_icon(&data_dirs, |p| p.is_file())
}

/// [`default_icon`]'s choice, given the data directories and a test for whether a file
/// exists.
#[must_use]
pub fn choose_icon(data_dirs: &[PathBuf], exists: impl Fn(&std::path::Path) -> bool) -> String {
    const INSTALLED: [&str; 4] = [
        "icons/hicolor/scalable/apps/knotless.svg",
        "icons/hicolor/128x128/apps/knotless.png",
        "icons/hicolor/256x256/apps/knotless.png",
        "pixmaps/knotless.png",
    ];
    if data_dirs
        .iter()
        .any(|dir| INSTALLED.iter().any(|icon| exists(&dir.join(icon))))
    {
        "knotless".to_string()
    } else {
        FALLBACK_ICON.to_string()
    }
}

/// Freedesktop notifications over D-Bus.
#[derive(Debug)]
pub struct DesktopNotifier {
    options: DesktopOptions,
    /// The id of our last notification, so a new reminder replaces it instead of piling up.
    last_id: u32,
}

impl DesktopNotifier {
    #[must_use]
    pub fn new(options: DesktopOptions) -> Self {
        DesktopNotifier {
            options,
            last_id: 0,
        }
    }

    /// The hints sent with every reminder.
    #[must_use]
    pub fn hints(&self) -> HashMap<&'static str, Value<'static>> {
        let mut hints = HashMap::new();
        hints.insert("urgency", Value::U8(1)); // normal
        hints.insert("category", Value::from(CATEGORY));
        hints.insert("desktop-entry", Value::from("knotless"));
        if self.options.sound {
            hints.insert("sound-name", Value::from(SOUND_NAME));
        } else {
            hints.insert("suppress-sound", Value::Bool(true));
        }
        hints
    }

    fn actions(&self) -> Vec<&'static str> {
        let mut actions = Vec::new();
        if self.options.offer_start {
            actions.extend(["start", "Start stretch"]);
        }
        actions.extend(["snooze", "Snooze"]);
        actions
    }

    async fn connect(&self) -> zbus::Result<zbus::Connection> {
        let builder = match &self.options.address {
            Some(address) => zbus::connection::Builder::address(address.as_str()),
            None => zbus::connection::Builder::session(),
        };
        let building = builder.method_timeout(self.options.call_timeout).build();
        with_timeout(self.options.call_timeout, building).await?
    }

    async fn show(
        &mut self,
        conn: &zbus::Connection,
        reminder: &Reminder,
        report: &dyn Fn(NotifierReport),
        stop: &StopSignal,
    ) -> zbus::Result<()> {
        let caps: Vec<String> = conn
            .call_method(
                Some(BUS_NAME),
                OBJECT_PATH,
                Some(INTERFACE),
                "GetCapabilities",
                &(),
            )
            .await?
            .body()
            .deserialize()?;
        let with_actions = caps.iter().any(|c| c == "actions");
        // Subscribe before sending, so a click in the first milliseconds is not lost.
        let mut signals = if with_actions {
            let rule = zbus::MatchRule::builder()
                .msg_type(zbus::message::Type::Signal)
                .interface(INTERFACE)
                .path(OBJECT_PATH)
                .build()?;
            Some(zbus::MessageStream::for_match_rule(rule, conn, None).await?)
        } else {
            None
        };
        let actions = if with_actions {
            self.actions()
        } else {
            Vec::new()
        };
        let body = (
            "knotless",
            self.last_id,
            self.options.icon.as_str(),
            reminder.summary.as_str(),
            reminder.body.as_str(),
            actions,
            self.hints(),
            -1i32,
        );
        let id: u32 = conn
            .call_method(
                Some(BUS_NAME),
                OBJECT_PATH,
                Some(INTERFACE),
                "Notify",
                &body,
            )
            .await?
            .body()
            .deserialize()?;
        self.last_id = id;
        report(NotifierReport::Shown);
        if let Some(stream) = signals.as_mut() {
            let listening = async {
                if let Some(action) = wait_for_action(stream, id).await {
                    report(NotifierReport::Action(action));
                }
            };
            let stopped = stop.stopped();
            let _ = with_timeout(
                self.options.listen_for,
                futures_lite::future::or(listening, stopped),
            )
            .await;
        }
        Ok(())
    }
}

/// Until our notification is acted on (`Some`) or closed (`None`).
async fn wait_for_action(stream: &mut zbus::MessageStream, id: u32) -> Option<ReminderAction> {
    while let Some(Ok(msg)) = stream.next().await {
        let header = msg.header();
        match header.member().map(|m| m.as_str()) {
            Some("ActionInvoked") => match msg.body().deserialize::<(u32, String)>() {
                Ok((nid, key)) if nid == id => match key.as_str() {
                    "start" => return Some(ReminderAction::StartStretch),
                    "snooze" => return Some(ReminderAction::Snooze),
                    _ => {}
                },
                _ => {}
            },
            Some("NotificationClosed") => {
                if matches!(msg.body().deserialize::<(u32, u32)>(), Ok((nid, _)) if nid == id) {
                    return None;
                }
            }
            _ => {}
        }
    }
    None
}

async fn with_timeout<T>(limit: Duration, fut: impl Future<Output = T>) -> zbus::Result<T> {
    let runtime = zruntime::SharedRuntime::current().map_err(zbus::Error::from)?;
    runtime
        .timeout(limit, fut)
        .await
        .map_err(|_| zbus::Error::from(std::io::Error::from(std::io::ErrorKind::TimedOut)))
}

impl Notifier for DesktopNotifier {
    fn notify(&mut self, reminder: &Reminder, report: &dyn Fn(NotifierReport), stop: &StopSignal) {
        let outcome = zbus::block_on(async {
            let conn = self.connect().await?;
            let shown = self.show(&conn, reminder, report, stop).await;
            // Disconnect: nothing of ours stays on the bus or in the runtime.
            let _ = conn.close().await;
            shown
        });
        if let Err(e) = outcome {
            report(NotifierReport::Failed {
                reason: explain(&e),
            });
        }
    }
}

/// A calm, short reason for the user.
fn explain(e: &zbus::Error) -> String {
    let text = e.to_string();
    if text.contains("ServiceUnknown") || text.contains("NameHasNoOwner") {
        "no notification server is running".to_string()
    } else if text.contains("timed out") || text.contains("TimedOut") || text.contains("NoReply") {
        "the notification server did not answer".to_string()
    } else if text.contains("failed to connect")
        || matches!(e, zbus::Error::InputOutput(_) | zbus::Error::Address(_))
    {
        "cannot reach the session bus".to_string()
    } else {
        format!(
            "the notification failed ({})",
            crate::text::SafeText::new(&text)
        )
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::{FALLBACK_ICON, choose_icon};

    fn dirs() -> Vec<PathBuf> {
        vec![
            PathBuf::from("/home/u/.local/share"),
            PathBuf::from("/usr/share"),
        ]
    }

    #[test]
    fn an_installed_icon_is_named_not_pathed() {
        let themed =
            |p: &Path| p == Path::new("/usr/share/icons/hicolor/128x128/apps/knotless.png");
        assert_eq!(choose_icon(&dirs(), themed), "knotless");
        let pixmap = |p: &Path| p == Path::new("/usr/share/pixmaps/knotless.png");
        assert_eq!(choose_icon(&dirs(), pixmap), "knotless");
    }

    #[test]
    fn else_a_generic_icon_name() {
        assert_eq!(choose_icon(&dirs(), |_| false), FALLBACK_ICON);
    }
}
