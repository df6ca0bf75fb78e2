//! Fake desktop services for natural breaks, each on a private bus: a screensaver
//! (`org.freedesktop.ScreenSaver`: `GetActive`, `ActiveChanged`) and logind
//! (`org.freedesktop.login1`: `GetSession`, the session's `LockedHint`/`IdleHint`,
//! `PropertiesChanged`). A test locks and unlocks them; their answers follow.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use futures_lite::StreamExt;

const SESSION_PATH: &str = "/org/freedesktop/login1/session/_31";

/// Which service to fake.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Screensaver,
    Logind,
}

pub struct FakeDesktop {
    kind: Kind,
    conn: zbus::Connection,
    locked: Arc<AtomicBool>,
}

impl FakeDesktop {
    /// Starts the service on `address`; returns once it owns its name.
    pub fn start(address: &str, kind: Kind) -> FakeDesktop {
        let locked = Arc::new(AtomicBool::new(false));
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let (address, state) = (address.to_string(), Arc::clone(&locked));
        std::thread::spawn(move || {
            zbus::block_on(async move {
                let conn = zbus::connection::Builder::address(address.as_str())
                    .build()
                    .await
                    .unwrap();
                let mut stream = zbus::MessageStream::from(&conn);
                let name = match kind {
                    Kind::Screensaver => "org.freedesktop.ScreenSaver",
                    Kind::Logind => "org.freedesktop.login1",
                };
                conn.request_name(name).await.unwrap();
                ready_tx.send(conn.clone()).unwrap();
                while let Some(Ok(msg)) = stream.next().await {
                    answer(&conn, &msg, &state).await;
                }
            });
        });
        let conn = ready_rx
            .recv_timeout(Duration::from_secs(10))
            .expect("the fake desktop service owns its name within 10 s");
        FakeDesktop { kind, conn, locked }
    }

    /// logind only: the session went idle `ago` (`IdleHint`, `IdleSinceHint`), or is no
    /// longer idle (`None`).
    pub fn idle(&self, ago: Option<Duration>) {
        let mut changed = HashMap::new();
        changed.insert("IdleHint", zbus::Variant::Bool(ago.is_some()));
        if let Some(ago) = ago {
            let now = jiff::Timestamp::now().as_microsecond();
            let since = now - i64::try_from(ago.as_micros()).unwrap();
            changed.insert(
                "IdleSinceHint",
                zbus::Variant::U64(u64::try_from(since).unwrap()),
            );
        }
        zbus::block_on(self.session_changed(changed));
    }

    /// Locks (or unlocks) the screen: the answer to questions and a signal.
    pub fn lock(&self, locked: bool) {
        self.locked.store(locked, Ordering::SeqCst);
        zbus::block_on(async {
            match self.kind {
                Kind::Screensaver => self
                    .conn
                    .emit_signal(
                        None::<&str>,
                        "/org/freedesktop/ScreenSaver",
                        "org.freedesktop.ScreenSaver",
                        "ActiveChanged",
                        &(locked,),
                    )
                    .await
                    .unwrap(),
                Kind::Logind => {
                    let mut changed = HashMap::new();
                    changed.insert("LockedHint", zbus::Variant::Bool(locked));
                    self.session_changed(changed).await;
                }
            }
        });
    }

    /// logind's `PropertiesChanged` on the session object, with `changed` properties.
    async fn session_changed(&self, changed: HashMap<&str, zbus::Variant<'_>>) {
        self.conn
            .emit_signal(
                None::<&str>,
                SESSION_PATH,
                "org.freedesktop.DBus.Properties",
                "PropertiesChanged",
                &(
                    "org.freedesktop.login1.Session",
                    changed,
                    Vec::<String>::new(),
                ),
            )
            .await
            .unwrap();
    }
}

async fn answer(conn: &zbus::Connection, msg: &zbus::Message, locked: &AtomicBool) {
    let header = msg.header();
    if header.message_type() != zbus::message::Type::MethodCall {
        return;
    }
    let locked = locked.load(Ordering::SeqCst);
    match header.member().map(|m| m.as_str()) {
        Some("GetActive") => conn.reply(&header, &locked).await.unwrap(),
        Some("GetSession") => {
            let path = zbus::ObjectPath::try_from(SESSION_PATH).unwrap();
            conn.reply(&header, &path).await.unwrap();
        }
        Some("Get") => {
            let (_, name): (String, String) = msg.body().deserialize().unwrap();
            let value = zbus::Variant::Bool(name == "LockedHint" && locked);
            conn.reply(&header, &value).await.unwrap();
        }
        _ => {}
    }
}
