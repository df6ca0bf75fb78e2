//! Natural breaks from the desktop: whether the user is away from the computer. On the
//! session bus, the screensaver's `ActiveChanged` (`org.freedesktop.ScreenSaver` and GNOME's
//! `org.gnome.ScreenSaver`); on the system bus, logind's session `LockedHint` and `IdleHint`
//! (`PropertiesChanged`; an idle session counts from its `IdleSinceHint`). Each source is optional and found at run time: one that does not
//! answer its first question (`GetActive`, or logind's `GetSession("auto")`) is left out.
//!
//! No polling: the thread sleeps on the signal streams of its (at most two) connections,
//! subscribed before the first question so that no change falls between.

use std::thread::JoinHandle;
use std::time::Duration;

use futures_lite::StreamExt;
use zbus::{OwnedObjectPath, OwnedVariant as OwnedValue};

use super::notify::StopSignal;

/// The screensaver services: (bus name, object path, interface).
const SCREENSAVERS: [(&str, &str, &str); 2] = [
    (
        "org.freedesktop.ScreenSaver",
        "/org/freedesktop/ScreenSaver",
        "org.freedesktop.ScreenSaver",
    ),
    (
        "org.gnome.ScreenSaver",
        "/org/gnome/ScreenSaver",
        "org.gnome.ScreenSaver",
    ),
];
const LOGIN1: &str = "org.freedesktop.login1";
const SESSION: &str = "org.freedesktop.login1.Session";
const PROPERTIES: &str = "org.freedesktop.DBus.Properties";
/// Bound on connecting and on each question.
const ASK: Duration = Duration::from_secs(2);

/// The watch's thread; dropping it ends the thread.
pub struct AwayWatch {
    stop: StopSignal,
    join: Option<JoinHandle<()>>,
}

impl Drop for AwayWatch {
    fn drop(&mut self) {
        self.stop.stop();
        if let Some(join) = self.join.take() {
            let _ = join.join();
        }
    }
}

/// What the watch tells: away (since how long ago) or back (`None`), and once which
/// sources answered.
pub struct Report {
    pub away: Box<dyn Fn(Option<Duration>) + Send>,
    pub sources: Box<dyn FnOnce(Vec<String>) + Send>,
}

/// Starts watching; `None` when the OS refuses the thread.
#[must_use]
pub fn watch(report: Report) -> Option<AwayWatch> {
    let stop = StopSignal::default();
    let stopped = stop.clone();
    let join = std::thread::Builder::new()
        .name("knotless-away".into())
        .spawn(move || zbus::block_on(run(report, &stopped)))
        .ok()?;
    Some(AwayWatch {
        stop,
        join: Some(join),
    })
}

/// Each source's last word.
#[derive(Default)]
struct Seen {
    screensaver: [bool; 2],
    locked: bool,
    idle: bool,
    /// logind's `IdleSinceHint`: since when the session is idle (µs of the wall clock).
    idle_since_us: u64,
}

impl Seen {
    fn away(&self) -> bool {
        self.screensaver.iter().any(|a| *a) || self.locked || self.idle
    }

    /// How long ago the absence began: an idle session says since when (its idle time
    /// before the desktop called it idle counts too); a lock or a screensaver, now.
    fn away_for(&self) -> Duration {
        if !self.idle || self.idle_since_us == 0 {
            return Duration::ZERO;
        }
        let now = jiff::Timestamp::now().as_microsecond();
        let since = i64::try_from(self.idle_since_us).unwrap_or(i64::MAX);
        Duration::from_micros(u64::try_from(now.saturating_sub(since)).unwrap_or(0))
    }

    fn report(&self) -> Option<Duration> {
        self.away().then(|| self.away_for())
    }
}

async fn run(report: Report, stop: &StopSignal) {
    let mut seen = Seen::default();
    let mut sources = Vec::new();
    let session = connect(zbus::connection::Builder::session()).await;
    let system = connect(zbus::connection::Builder::system()).await;
    let mut screen = match &session {
        Some(conn) => screensaver(conn, &mut seen, &mut sources).await,
        None => None,
    };
    let mut login = match &system {
        Some(conn) => logind(conn, &mut seen, &mut sources).await,
        None => None,
    };
    (report.sources)(sources);
    let mut away = seen.away();
    if away {
        (report.away)(seen.report());
    }
    while screen.is_some() || login.is_some() {
        let next = async {
            let from_screen = async {
                match screen.as_mut() {
                    Some(s) => s.next().await,
                    None => std::future::pending().await,
                }
            };
            let from_login = async {
                match login.as_mut() {
                    Some(s) => s.next().await,
                    None => std::future::pending().await,
                }
            };
            futures_lite::future::or(from_screen, from_login).await
        };
        let stopped = async {
            stop.stopped().await;
            None
        };
        let Some(Ok(message)) = futures_lite::future::or(next, stopped).await else {
            return;
        };
        heard(&message, &mut seen);
        if seen.away() != away {
            away = seen.away();
            (report.away)(seen.report());
        }
    }
}

async fn connect(builder: zbus::connection::Builder<'_>) -> Option<zbus::Connection> {
    let building = builder.method_timeout(ASK).build();
    let runtime = zruntime::SharedRuntime::current().ok()?;
    runtime.timeout(ASK, building).await.ok()?.ok()
}

/// Subscribes to `ActiveChanged`, then asks each screensaver whether it is active.
async fn screensaver(
    conn: &zbus::Connection,
    seen: &mut Seen,
    sources: &mut Vec<String>,
) -> Option<zbus::MessageStream> {
    let rule = zbus::MatchRule::builder()
        .msg_type(zbus::message::Type::Signal)
        .member("ActiveChanged")
        .build()
        .ok()?;
    let stream = zbus::MessageStream::for_match_rule(rule, conn, None)
        .await
        .ok()?;
    for (i, (name, path, interface)) in SCREENSAVERS.into_iter().enumerate() {
        let reply = conn
            .call_method(Some(name), path, Some(interface), "GetActive", &())
            .await;
        if let Ok(active) = reply.and_then(|r| r.body().deserialize::<bool>()) {
            seen.screensaver[i] = active;
            if !sources.iter().any(|s| s == "screensaver") {
                sources.push("screensaver".into());
            }
        }
    }
    sources.iter().any(|s| s == "screensaver").then_some(stream)
}

/// Finds this user's logind session, subscribes to its property changes, and reads the
/// lock and idle hints.
async fn logind(
    conn: &zbus::Connection,
    seen: &mut Seen,
    sources: &mut Vec<String>,
) -> Option<zbus::MessageStream> {
    let path: OwnedObjectPath = conn
        .call_method(
            Some(LOGIN1),
            "/org/freedesktop/login1",
            Some("org.freedesktop.login1.Manager"),
            "GetSession",
            &("auto",),
        )
        .await
        .ok()?
        .body()
        .deserialize()
        .ok()?;
    let rule = zbus::MatchRule::builder()
        .msg_type(zbus::message::Type::Signal)
        .interface(PROPERTIES)
        .member("PropertiesChanged")
        .path(path.clone())
        .build()
        .ok()?;
    let stream = zbus::MessageStream::for_match_rule(rule, conn, None)
        .await
        .ok()?;
    for (name, slot) in [
        ("LockedHint", &mut seen.locked),
        ("IdleHint", &mut seen.idle),
    ] {
        let value: OwnedValue = conn
            .call_method(
                Some(LOGIN1),
                &path,
                Some(PROPERTIES),
                "Get",
                &(SESSION, name),
            )
            .await
            .ok()?
            .body()
            .deserialize()
            .ok()?;
        *slot = bool::try_from(value).unwrap_or(false);
    }
    let since = conn
        .call_method(
            Some(LOGIN1),
            &path,
            Some(PROPERTIES),
            "Get",
            &(SESSION, "IdleSinceHint"),
        )
        .await
        .ok()
        .and_then(|reply| reply.body().deserialize::<OwnedValue>().ok());
    seen.idle_since_us = since.and_then(|v| u64::try_from(v).ok()).unwrap_or(0);
    sources.push("logind".into());
    Some(stream)
}

/// Takes one signal into account.
fn heard(message: &zbus::Message, seen: &mut Seen) {
    let header = message.header();
    let interface = header
        .interface()
        .map(|i| i.to_string())
        .unwrap_or_default();
    match header.member().map(|m| m.as_str()) {
        Some("ActiveChanged") => {
            let Some(i) = SCREENSAVERS.iter().position(|s| s.2 == interface) else {
                return;
            };
            if let Ok(active) = message.body().deserialize::<bool>() {
                seen.screensaver[i] = active;
            }
        }
        Some("PropertiesChanged") => {
            type Changed = (
                String,
                std::collections::HashMap<String, OwnedValue>,
                Vec<String>,
            );
            let Ok((iface, changed, _)) = message.body().deserialize::<Changed>() else {
                return;
            };
            if iface != SESSION {
                return;
            }
            for (name, slot) in [
                ("LockedHint", &mut seen.locked),
                ("IdleHint", &mut seen.idle),
            ] {
                if let Some(v) = changed.get(name).and_then(|v| v.try_clone().ok()) {
                    *slot = bool::try_from(v).unwrap_or(*slot);
                }
            }
            if let Some(v) = changed
                .get("IdleSinceHint")
                .and_then(|v| v.try_clone().ok())
            {
                seen.idle_since_us = u64::try_from(v).unwrap_or(seen.idle_since_us);
            }
        }
        _ => {}
    }
}
