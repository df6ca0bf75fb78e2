//! Test helpers: a private `dbus-daemon` per test and a fake notification server on it.
//! Nothing here touches the process environment; the binary runs with its own env.
#![allow(dead_code, clippy::unwrap_used)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_lite::StreamExt;
use zbus::OwnedVariant;

/// A temporary directory, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        static N: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let dir = std::env::temp_dir().join(format!(
            "knotless-test-{tag}-{}-{}-{nanos}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A private session bus with no `<servicedir>`: nothing on this machine gets auto-started.
pub struct PrivateBus {
    child: Child,
    pub address: String,
    _dir: TempDir,
}

impl PrivateBus {
    pub fn start() -> PrivateBus {
        let dir = TempDir::new("bus");
        let conf = dir.path().join("bus.conf");
        std::fs::write(
            &conf,
            format!(
                r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={}/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
    <allow send_type="method_call"/>
    <allow send_type="signal"/>
    <allow receive_type="method_call"/>
    <allow receive_type="signal"/>
  </policy>
</busconfig>
"#,
                dir.path().display()
            ),
        )
        .unwrap();
        let mut child = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", conf.display()))
            .arg("--nofork")
            .arg("--print-address")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon is installed");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let address = line.trim().to_string();
        assert!(address.starts_with("unix:"), "dbus-daemon said {address:?}");
        PrivateBus {
            child,
            address,
            _dir: dir,
        }
    }
}

impl Drop for PrivateBus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
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

#[derive(Clone, Debug, Default)]
pub struct ServerOptions {
    pub actions: bool,
    /// Never answer `Notify` (the call hangs, as some broken servers do).
    pub silent: bool,
    /// Invoke this action key right after answering the first `Notify`.
    pub act_on_first: Option<String>,
}

/// A fake `org.freedesktop.Notifications` in this process, on its own thread.
pub struct FakeServer {
    pub calls: Arc<Mutex<Vec<NotifyCall>>>,
}

impl FakeServer {
    pub fn start(address: &str, options: ServerOptions) -> FakeServer {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let (address, recorded) = (address.to_string(), Arc::clone(&calls));
        std::thread::spawn(move || {
            zbus::block_on(serve(address, options, recorded, ready_tx));
        });
        ready_rx
            .recv_timeout(Duration::from_secs(10))
            .expect("fake server ready");
        FakeServer { calls }
    }

    pub fn calls(&self) -> Vec<NotifyCall> {
        self.calls.lock().unwrap().clone()
    }
}

async fn serve(
    address: String,
    options: ServerOptions,
    calls: Arc<Mutex<Vec<NotifyCall>>>,
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
                if options.actions {
                    caps.push("actions");
                }
                conn.reply(&header, &caps).await.unwrap();
            }
            Some("GetServerInformation") => {
                conn.reply(&header, &("fake", "knotless-tests", "1.0", "1.2"))
                    .await
                    .unwrap();
            }
            Some("CloseNotification") => {
                let id: u32 = msg.body().deserialize().unwrap();
                conn.reply(&header, &()).await.unwrap();
                emit(&conn, "NotificationClosed", &(id, 3u32)).await;
            }
            Some("Notify") => {
                type Body = (
                    String,
                    u32,
                    String,
                    String,
                    String,
                    Vec<String>,
                    HashMap<String, OwnedVariant>,
                    i32,
                );
                let (app_name, replaces_id, icon, summary, body, actions, hints, _): Body =
                    msg.body().deserialize().unwrap();
                let id = if replaces_id == 0 {
                    next_id
                } else {
                    replaces_id
                };
                next_id += 1;
                let first = calls.lock().unwrap().is_empty();
                calls.lock().unwrap().push(NotifyCall {
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
                if options.silent {
                    continue;
                }
                conn.reply(&header, &id).await.unwrap();
                if let (true, Some(key)) = (first, &options.act_on_first) {
                    emit(&conn, "ActionInvoked", &(id, key.as_str())).await;
                }
            }
            _ => {}
        }
    }
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

/// The result of running the binary.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub took: Duration,
}

/// Runs `knotless ARGS` with its own XDG dirs, `HOME`, bus address and optional config.
pub fn knotless(args: &[&str], bus: &str, config: Option<&str>) -> Run {
    let home = TempDir::new("home");
    let cfg = home.path().join("config");
    std::fs::create_dir_all(cfg.join("knotless")).unwrap();
    if let Some(text) = config {
        std::fs::write(cfg.join("knotless/config.toml"), text).unwrap();
    }
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_knotless"))
        .args(args)
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", &cfg)
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("DBUS_SESSION_BUS_ADDRESS", bus)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        took: started.elapsed(),
    }
}
