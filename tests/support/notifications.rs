//! The one fake `org.freedesktop.Notifications`, in this process on its own thread, on a
//! private bus. Its `Behaviour` says what it does with `Notify`; every call is recorded
//! (before the behaviour acts), so a test can wait on the calls it expects.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use futures_lite::StreamExt;
use zbus::OwnedVariant;

/// What the server does with `Notify`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Behaviour {
    /// Answers with an id; advertises no actions.
    #[default]
    Normal,
    /// Advertises actions; if `invoke` is set, "clicks" that action key on the first
    /// notification right after answering it.
    Actions { invoke: Option<String> },
    /// Never answers: the call hangs, as some broken servers do.
    Hang,
    /// Answers with a D-Bus error.
    Error,
    /// Drops its connection (and its name) with the call unanswered: the server crashed.
    Crash,
    /// Answers with the wrong signature (a string and a u64 instead of a u32).
    Garbage,
}

impl Behaviour {
    pub fn actions(invoke: Option<&str>) -> Behaviour {
        Behaviour::Actions {
            invoke: invoke.map(str::to_string),
        }
    }
}

/// One `Notify` call as the server saw it.
#[derive(Clone, Debug)]
pub struct NotifyCall {
    pub at: Instant,
    pub app_name: String,
    pub replaces_id: u32,
    pub icon: String,
    pub summary: String,
    pub body: String,
    pub actions: Vec<String>,
    pub hints: HashMap<String, OwnedVariant>,
    pub id: u32,
}

#[derive(Default)]
struct Calls {
    list: Mutex<Vec<NotifyCall>>,
    /// The ids of `CloseNotification` calls, in order.
    closed: Mutex<Vec<u32>>,
    added: Condvar,
}

pub struct FakeServer {
    calls: Arc<Calls>,
}

impl FakeServer {
    /// Starts the server on `address` and returns once it owns its name.
    pub fn start(address: &str, behaviour: Behaviour) -> FakeServer {
        let calls = Arc::new(Calls::default());
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let (address, recorded) = (address.to_string(), Arc::clone(&calls));
        std::thread::spawn(move || {
            zbus::block_on(serve(address, behaviour, recorded, ready_tx));
        });
        ready_rx
            .recv_timeout(Duration::from_secs(10))
            .expect("the fake notification server owns its name within 10 s");
        FakeServer { calls }
    }

    pub fn calls(&self) -> Vec<NotifyCall> {
        self.calls.list.lock().unwrap().clone()
    }

    /// Waits until `n` calls arrived or `until` passes, and returns the calls so far. For
    /// "no more than this by then": the window is the behaviour under test.
    pub fn calls_by(&self, n: usize, until: Instant) -> Vec<NotifyCall> {
        let mut list = self.calls.list.lock().unwrap();
        while list.len() < n {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            list = self.calls.added.wait_timeout(list, left).unwrap().0;
        }
        list.clone()
    }

    /// Blocks until notification `id` was closed with `CloseNotification`; panics after
    /// `timeout`.
    pub fn wait_closed(&self, id: u32, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        let mut list = self.calls.list.lock().unwrap();
        while !self.calls.closed.lock().unwrap().contains(&id) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "notification {id} was never closed");
            list = self.calls.added.wait_timeout(list, left).unwrap().0;
        }
    }

    pub fn closed(&self) -> Vec<u32> {
        self.calls.closed.lock().unwrap().clone()
    }

    /// Blocks until at least `n` calls arrived; panics after `timeout`.
    pub fn wait_calls(&self, n: usize, timeout: Duration) -> Vec<NotifyCall> {
        let deadline = Instant::now() + timeout;
        let mut list = self.calls.list.lock().unwrap();
        while list.len() < n {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "{} of {n} Notify calls", list.len());
            list = self.calls.added.wait_timeout(list, left).unwrap().0;
        }
        list.clone()
    }
}

type NotifyBody = (
    String,
    u32,
    String,
    String,
    String,
    Vec<String>,
    HashMap<String, OwnedVariant>,
    i32,
);

async fn serve(
    address: String,
    behaviour: Behaviour,
    calls: Arc<Calls>,
    ready: std::sync::mpsc::Sender<()>,
) {
    let conn = zbus::connection::Builder::address(address.as_str())
        .build()
        .await
        .unwrap();
    let mut stream = zbus::MessageStream::from(&conn);
    conn.request_name("org.freedesktop.Notifications")
        .await
        .unwrap();
    ready.send(()).unwrap();
    let mut next_id = 1u32;
    while let Some(Ok(msg)) = stream.next().await {
        let header = msg.header();
        if header.message_type() != zbus::message::Type::MethodCall {
            continue;
        }
        match header.member().map(|m| m.as_str()) {
            Some("GetCapabilities") => {
                let mut caps = vec!["body", "sound"];
                if behaviour != Behaviour::Normal {
                    caps.push("actions");
                }
                conn.reply(&header, &caps).await.unwrap();
            }
            Some("GetServerInformation") => {
                let info = ("fake", "knotless-tests", "1.0", "1.2");
                conn.reply(&header, &info).await.unwrap();
            }
            Some("CloseNotification") => {
                let id: u32 = msg.body().deserialize().unwrap();
                {
                    // Under the list's lock, which waiters hold while they check.
                    let _list = calls.list.lock().unwrap();
                    calls.closed.lock().unwrap().push(id);
                }
                calls.added.notify_all();
                conn.reply(&header, &()).await.unwrap();
                emit(&conn, "NotificationClosed", &(id, 3u32)).await;
            }
            Some("Notify") => {
                let body: NotifyBody = msg.body().deserialize().unwrap();
                let id = if body.1 == 0 { next_id } else { body.1 };
                next_id += 1;
                let first = record(&calls, body, id);
                if !answer(&conn, &header, &behaviour, id, first).await {
                    return;
                }
            }
            _ => {}
        }
    }
}

/// Records a call; says whether it was the first.
fn record(calls: &Calls, body: NotifyBody, id: u32) -> bool {
    let (app_name, replaces_id, icon, summary, body, actions, hints, _) = body;
    let mut list = calls.list.lock().unwrap();
    list.push(NotifyCall {
        at: Instant::now(),
        app_name,
        replaces_id,
        icon,
        summary,
        body,
        actions,
        hints,
        id,
    });
    let first = list.len() == 1;
    drop(list);
    calls.added.notify_all();
    first
}

/// Does what `behaviour` says with one `Notify`; false when the server should go away.
async fn answer(
    conn: &zbus::Connection,
    header: &zbus::message::Header<'_>,
    behaviour: &Behaviour,
    id: u32,
    first: bool,
) -> bool {
    match behaviour {
        Behaviour::Normal => conn.reply(header, &id).await.unwrap(),
        Behaviour::Actions { invoke } => {
            conn.reply(header, &id).await.unwrap();
            if let (true, Some(key)) = (first, invoke) {
                emit(conn, "ActionInvoked", &(id, key.as_str())).await;
            }
        }
        Behaviour::Hang => {}
        Behaviour::Error => {
            let name = "org.freedesktop.Notifications.Error.Failed";
            let text = "the fake server refuses every notification";
            conn.reply_error(header, name, &text).await.unwrap();
        }
        // Returning drops the connection (and the name) with the call unanswered.
        Behaviour::Crash => return false,
        Behaviour::Garbage => {
            let nonsense: (&str, u64, HashMap<&str, u8>) = ("no id", 7, HashMap::new());
            conn.reply(header, &nonsense).await.unwrap();
        }
    }
    true
}

async fn emit<B: serde::Serialize + zbus::zvariant::DynamicType>(
    conn: &zbus::Connection,
    name: &str,
    body: &B,
) {
    conn.emit_signal(
        None::<&str>,
        "/org/freedesktop/Notifications",
        "org.freedesktop.Notifications",
        name,
        body,
    )
    .await
    .unwrap();
}
