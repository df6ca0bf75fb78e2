//! Notifiers: how a reminder reaches the desktop. The [`Notifier`] trait, the desktop
//! notifier (freedesktop notifications over D-Bus) and [`NoDesktop`].
//!
//! A notifier runs on the scheduler's worker thread and may block; the scheduler never
//! waits on it for more than its deadline.
//!
//! Who does what in the desktop notifier:
//! - **notify-rust** builds each notification (app name, icon, hints, actions, the id it
//!   replaces), sends it (`show_async`) and closes it when the reminder is answered in an
//!   app (`close_async` on its handle).
//! - **Our own zbus code** does what notify-rust cannot do safely: it subscribes to
//!   `ActionInvoked`/`NotificationClosed` BEFORE the notification is sent (notify-rust
//!   subscribes only after `show` returns, so an early click would be lost, and its wait has
//!   no bound and unwraps bus errors), asks `GetCapabilities` (notify-rust's
//!   `get_capabilities` blocks without a bound), closes a notification another knotless
//!   showed and this one took over with the schedule (notify-rust closes only its own
//!   handles), and bounds every await with zbus's timer.
//!
//! notify-rust 4.19 sends on a session connection of its own and cannot be given ours, so
//! a reminder uses two connections while it can be answered: a signal reaches every
//! connection subscribed to it, and ours subscribes before notify-rust's `Notify` leaves.
//! Both are closed when listening ends: nothing of ours stays on the bus between reminders.

use std::time::Duration;

use futures_lite::StreamExt;
use notify_rust::{Hint, Notification, Urgency};

use super::messages::Reminder;

pub use super::stop::StopSignal;
pub use knotless_core::remind::protocol::ReminderAction;

/// What a notifier reports while it handles one reminder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotifierReport {
    /// The notification is on screen, under this id where the desktop gave one.
    Shown {
        id: Option<u32>,
    },
    /// It could not be shown; the reason is calm and readable.
    Failed {
        reason: String,
    },
    Action(ReminderAction),
}

/// Shows reminders somewhere outside the terminal.
pub trait Notifier: Send {
    /// Shows one reminder. Runs on the worker thread and may block; the scheduler stops
    /// waiting for `Shown`/`Failed` after its deadline. Call `report` with `Shown` or `Failed`
    /// first, then with any `Action`; return when nothing more can happen or `stop` fires.
    fn notify(&mut self, reminder: &Reminder, report: &dyn Fn(NotifierReport), stop: &StopSignal);

    /// Takes over notification `id`, which another knotless showed for a reminder that is
    /// still open (it left the schedule): reports a click on it like [`Notifier::notify`],
    /// closes it when `stop` closes, and lets the next reminder replace it.
    fn adopt(&mut self, id: u32, report: &dyn Fn(NotifierReport), stop: &StopSignal) {
        let _ = (id, report, stop);
    }

    /// Checks at start that reminders can reach the desktop, so that a missing desktop is
    /// said once when the program starts, not at the first reminder. `Err`: why not.
    fn probe(&mut self) -> Result<(), String> {
        Ok(())
    }
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
pub use super::icon::{FALLBACK_ICON, choose_icon, default_icon};
/// How long the check at start waits for the desktop (the scheduler's send deadline too).
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

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
    pub icon: String,
}

impl Default for DesktopOptions {
    fn default() -> Self {
        DesktopOptions {
            sound: true,
            offer_start: true,
            listen_for: Duration::from_secs(5 * 60),
            call_timeout: Duration::from_secs(10),
            icon: default_icon(),
        }
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

    /// The notification for `reminder`, built by notify-rust.
    fn notification(&self, reminder: &Reminder, with_actions: bool) -> Notification {
        let mut n = Notification::new();
        n.appname("knotless")
            .icon(&self.options.icon)
            .summary(&reminder.summary)
            .body(&reminder.body)
            .hint(Hint::Urgency(Urgency::Normal))
            .hint(Hint::Category(CATEGORY.into()))
            .hint(Hint::DesktopEntry("knotless".into()));
        if self.options.sound {
            n.hint(Hint::SoundName(SOUND_NAME.into()));
        } else {
            n.hint(Hint::SuppressSound(true));
        }
        // A button nobody listens for (`listen_for` zero) would do nothing when clicked.
        if with_actions && !self.options.listen_for.is_zero() {
            if self.options.offer_start {
                n.action("start", "Start stretch");
            }
            n.action("snooze", "Snooze");
        }
        if self.last_id != 0 {
            n.id(self.last_id);
        }
        n
    }

    async fn connect(&self) -> zbus::Result<zbus::Connection> {
        let building = zbus::connection::Builder::session()
            .method_timeout(self.options.call_timeout)
            .build();
        with_timeout(self.options.call_timeout, building).await?
    }

    async fn show(
        &mut self,
        conn: &zbus::Connection,
        reminder: &Reminder,
        report: &dyn Fn(NotifierReport),
        stop: &StopSignal,
    ) -> Result<(), Failure> {
        let caps: Vec<String> = ask_capabilities(conn).await?.body().deserialize()?;
        let with_actions = caps.iter().any(|c| c == "actions");
        // Subscribe before sending, so a click in the first milliseconds is not lost.
        let mut signals = zbus::MessageStream::for_match_rule(signal_rule()?, conn, None).await?;
        let notification = self.notification(reminder, with_actions);
        let handle = with_timeout(self.options.call_timeout, notification.show_async())
            .await?
            .map_err(|e| Failure(explain_text(&e.to_string())))?;
        let id = handle.id();
        self.last_id = id;
        report(NotifierReport::Shown { id: Some(id) });
        self.listen(&mut signals, id, report, stop).await;
        if stop.closing() {
            // Answered in an app: the desktop's copy goes too.
            let _ = with_timeout(self.options.call_timeout, handle.close_async()).await;
            self.last_id = 0;
        }
        Ok(())
    }

    /// Until notification `id` is clicked or closed, a newer reminder replaces it, or the
    /// time is up.
    async fn listen(
        &self,
        signals: &mut zbus::MessageStream,
        id: u32,
        report: &dyn Fn(NotifierReport),
        stop: &StopSignal,
    ) {
        let listening = async {
            if let Some(action) = wait_for_action(signals, id).await {
                report(NotifierReport::Action(action));
            }
        };
        let _ = with_timeout(
            self.options.listen_for,
            futures_lite::future::or(listening, stop.stopped()),
        )
        .await;
    }

    /// [`Notifier::adopt`]: the signals reach every connection that subscribes, so a click
    /// on another knotless's notification is heard here; it is closed with our own call, as
    /// notify-rust closes only notifications it showed.
    async fn take_over(
        &mut self,
        conn: &zbus::Connection,
        id: u32,
        report: &dyn Fn(NotifierReport),
        stop: &StopSignal,
    ) -> zbus::Result<()> {
        let mut signals = zbus::MessageStream::for_match_rule(signal_rule()?, conn, None).await?;
        self.listen(&mut signals, id, report, stop).await;
        if stop.closing() {
            let body = (id,);
            let closing = conn.call_method(
                Some(BUS_NAME),
                OBJECT_PATH,
                Some(INTERFACE),
                "CloseNotification",
                &body,
            );
            let _ = with_timeout(self.options.call_timeout, closing).await;
            self.last_id = 0;
        }
        Ok(())
    }
}

/// The notification server's signals (`ActionInvoked`, `NotificationClosed`).
fn signal_rule() -> zbus::Result<zbus::MatchRule<'static>> {
    zbus::MatchRule::builder()
        .msg_type(zbus::message::Type::Signal)
        .interface(INTERFACE)
        .path(OBJECT_PATH)
        .build()
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

/// The server's `GetCapabilities` call, asked by our own code: notify-rust's version blocks
/// with no time limit. The caller bounds the wait.
async fn ask_capabilities(conn: &zbus::Connection) -> zbus::Result<zbus::Message> {
    conn.call_method(
        Some(BUS_NAME),
        OBJECT_PATH,
        Some(INTERFACE),
        "GetCapabilities",
        &(),
    )
    .await
}

impl Notifier for DesktopNotifier {
    fn probe(&mut self) -> Result<(), String> {
        zbus::block_on(async {
            let asking = async {
                let conn = self.connect().await?;
                let caps = ask_capabilities(&conn).await;
                let _ = conn.close().await;
                caps.map(|_| ())
            };
            with_timeout(PROBE_TIMEOUT, asking).await?
        })
        .map_err(|e| explain(&e))
    }

    fn notify(&mut self, reminder: &Reminder, report: &dyn Fn(NotifierReport), stop: &StopSignal) {
        let outcome = zbus::block_on(async {
            let conn = self.connect().await?;
            let shown = self.show(&conn, reminder, report, stop).await;
            // Disconnect: nothing of ours stays on the bus or in the runtime.
            let _ = conn.close().await;
            shown
        });
        if let Err(Failure(reason)) = outcome {
            report(NotifierReport::Failed { reason });
        }
    }

    fn adopt(&mut self, id: u32, report: &dyn Fn(NotifierReport), stop: &StopSignal) {
        // Where the bus cannot be reached, the next reminder still replaces it.
        self.last_id = id;
        let _ = zbus::block_on(async {
            let conn = self.connect().await?;
            let taken = self.take_over(&conn, id, report, stop).await;
            let _ = conn.close().await;
            taken
        });
    }
}

/// Why a notification could not be shown, in words for the user.
struct Failure(String);

impl From<zbus::Error> for Failure {
    fn from(e: zbus::Error) -> Failure {
        Failure(explain(&e))
    }
}

/// A calm, short reason for the user.
fn explain(e: &zbus::Error) -> String {
    let unreachable = matches!(e, zbus::Error::InputOutput(_) | zbus::Error::Address(_));
    if unreachable && !e.to_string().contains("timed out") {
        return "cannot reach the session bus".to_string();
    }
    explain_text(&e.to_string())
}

/// [`explain`] from an error's text (notify-rust's errors wrap zbus's).
fn explain_text(text: &str) -> String {
    if text.contains("ServiceUnknown") || text.contains("NameHasNoOwner") {
        "no notification server is running".to_string()
    } else if text.contains("timed out") || text.contains("TimedOut") || text.contains("NoReply") {
        "the notification server did not answer".to_string()
    } else if text.contains("failed to connect") {
        "cannot reach the session bus".to_string()
    } else {
        format!(
            "the notification failed ({})",
            crate::text::SafeText::new(text)
        )
    }
}
