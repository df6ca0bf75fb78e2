//! One break schedule per user session: `knotless remind` and apps in pseudo-terminals, all
//! real binaries in one home, share one schedule. Only its owner sends notifications (one
//! per interval, however many instances run); a key in an attached app acts on the owner's
//! schedule; SIGKILL of the owner hands the schedule over without a reset or a burst, with
//! a private session bus and without one.
//!
//! These tests watch time pass on purpose (intervals of a few seconds): each observes what
//! must or must not happen within a window, never sleeps.

#![allow(clippy::unwrap_used)]

mod support;

use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use support::{Behaviour, FakeServer, NotifyCall, PrivateBus, Pty, TempHome, poll_until};

const LONG: Duration = Duration::from_secs(15);

/// A home with the safety note read, and a private bus with the recording notification
/// server (or no bus at all).
struct Desk {
    home: TempHome,
    bus: Option<(PrivateBus, FakeServer)>,
}

impl Desk {
    fn new(name: &str, with_bus: bool) -> Desk {
        let home = TempHome::new(name);
        home.write("state/knotless/safety-acknowledged", "");
        let bus = with_bus.then(|| {
            let bus = PrivateBus::start();
            let server = FakeServer::start(&bus.address, Behaviour::Normal);
            (bus, server)
        });
        Desk { home, bus }
    }

    fn address(&self) -> String {
        self.bus.as_ref().map_or_else(
            || format!("unix:path={}/no-bus", self.home.path().display()),
            |(bus, _)| bus.address.clone(),
        )
    }

    fn server(&self) -> &FakeServer {
        &self.bus.as_ref().expect("a bus").1
    }

    /// knotless with `args` on this desk's bus, no input, its errors dropped; the caller
    /// says where its output goes.
    fn command(&self, args: &[&str]) -> std::process::Command {
        let mut command = self.home.command(args);
        command
            .env("DBUS_SESSION_BUS_ADDRESS", self.address())
            .stdin(Stdio::null())
            .stderr(Stdio::null());
        command
    }

    fn remind(&self, every: &str) -> Child {
        self.command(&["remind", "--every", every])
            .stdout(Stdio::null())
            .spawn()
            .unwrap()
    }

    /// `remind --every 4s` with `natural_break = "3s"` and the system bus at `system`, its
    /// output piped for the test to read.
    fn remind_with_natural_breaks(&self, system: &PrivateBus) -> Child {
        self.home.write(
            "config/knotless/config.toml",
            "[reminders]\nnatural_break = \"3s\"\n",
        );
        self.command(&["remind", "--every", "4s"])
            .env("DBUS_SYSTEM_BUS_ADDRESS", &system.address)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap()
    }

    /// The TUI on its home screen, once it shows the schedule.
    fn app(&self, every: &str) -> Pty {
        let address = self.address();
        let pty = self.home.pty_with(
            &["--every", every],
            100,
            30,
            &[("DBUS_SESSION_BUS_ADDRESS", &address)],
        );
        pty.wait_for("next break in", LONG);
        pty
    }

    fn state_dir(&self) -> PathBuf {
        self.home.state().join("knotless")
    }

    /// The state file of `pid`, once it exists and parses.
    fn state(&self, pid: u32) -> Option<Value> {
        let text = std::fs::read_to_string(self.state_dir().join(format!("state-{pid}.json")));
        serde_json::from_str(&text.ok()?).ok()
    }

    /// Waits until `pid` says it has `role` in the shared schedule.
    fn wait_role(&self, pid: u32, role: &str) -> Value {
        poll_until(&format!("{pid} as {role}"), LONG, || {
            self.state(pid).filter(|s| s["schedule"]["role"] == role)
        })
    }

    /// The next break `pid`'s state file names.
    fn due(&self, pid: u32) -> Option<jiff::Timestamp> {
        self.state(pid)?["reminders"]["at"].as_str()?.parse().ok()
    }

    fn status_json(&self) -> Value {
        let out = self.home.command(&["status", "--json"]).output().unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

/// Whether two processes' state files name the same moment. Each turns the shared boot-clock
/// moment into wall time through its own reading of both clocks, so the two may round to
/// neighbouring milliseconds; a second schedule would differ by seconds.
fn same_moment(a: jiff::Timestamp, b: jiff::Timestamp) -> bool {
    a.duration_since(b).abs() <= jiff::SignedDuration::from_millis(20)
}

fn pid(child: &Child) -> u32 {
    child.id()
}

fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// The gaps between consecutive notifications.
fn gaps(calls: &[NotifyCall]) -> Vec<Duration> {
    calls.windows(2).map(|w| w[1].at - w[0].at).collect()
}

/// With `apps` apps attached to `remind`, watches 10 s of a 2-second schedule: one
/// notification per interval, never two close together, none skipped.
fn one_per_interval(name: &str, apps: usize) {
    let desk = Desk::new(name, true);
    let mut remind = desk.remind("2s");
    desk.wait_role(pid(&remind), "owner");
    let ptys: Vec<Pty> = (0..apps).map(|_| desk.app("2s")).collect();
    for pty in &ptys {
        desk.wait_role(u32::try_from(pty.pid()).unwrap(), "attached");
    }
    let status = desk.status_json();
    assert_eq!(status["schedule"]["owner"], pid(&remind), "{status}");
    assert_eq!(status["schedule"]["program"], "remind", "{status}");
    assert_eq!(status["schedule"]["attached"], apps, "{status}");
    // No screensaver or logind here: no natural-break source, and nothing else changes.
    assert_eq!(
        status["schedule"]["natural_breaks"],
        serde_json::json!([]),
        "{status}"
    );

    let start = desk.server().calls().len();
    let watched = Instant::now();
    let calls = desk
        .server()
        .calls_by(usize::MAX, watched + Duration::from_secs(10));
    let calls = &calls[start..];
    kill(&mut remind);
    let counted = calls.len();
    assert!(
        (4..=5).contains(&counted),
        "{counted} notifications in 10 s of a 2 s schedule with {} instances",
        apps + 1
    );
    for gap in gaps(calls) {
        assert!(
            gap >= Duration::from_millis(1500) && gap <= Duration::from_millis(3000),
            "a gap of {gap:?} between notifications: {:?}",
            gaps(calls)
        );
    }
    eprintln!(
        "{} instance(s): {counted} notifications in 10 s, gaps {:?}",
        apps + 1,
        gaps(calls)
    );
}

#[test]
fn one_notification_per_interval_alone() {
    one_per_interval("share-one", 0);
}

#[test]
fn one_notification_per_interval_with_an_app_attached() {
    one_per_interval("share-two", 1);
}

#[test]
fn one_notification_per_interval_with_two_apps_attached() {
    one_per_interval("share-three", 2);
}

#[test]
fn taking_the_break_in_an_attached_app_restarts_the_clock_everywhere() {
    let desk = Desk::new("share-break", true);
    let mut remind = desk.remind("6s");
    let owner = pid(&remind);
    desk.wait_role(owner, "owner");
    let mut app = desk.app("6s");
    let app_pid = u32::try_from(app.pid()).unwrap();
    desk.wait_role(app_pid, "attached");
    let before = poll_until("the owner's next break", LONG, || desk.due(owner));
    // Half way to the owner's next break, `b` in the attached app.
    app.wait_for("next break in 3 s", LONG);
    app.send("b");
    let pressed = Instant::now();
    let moved = |pid| {
        poll_until("the next break moved later", LONG, || {
            desk.due(pid)
                .filter(|due| due.duration_since(before) >= jiff::SignedDuration::from_secs(2))
        })
    };
    let (owner_due, app_due) = (moved(owner), moved(app_pid));
    assert!(
        same_moment(owner_due, app_due),
        "both show the owner's one schedule: {owner_due} and {app_due}"
    );
    // The old due moment passes without a notification; the next comes one interval on.
    let calls = desk.server().calls_by(1, pressed + Duration::from_secs(5));
    assert!(
        calls.is_empty(),
        "a notification at the old time: {calls:?}"
    );
    let calls = desk.server().wait_calls(1, LONG);
    assert!(calls[0].at - pressed >= Duration::from_secs(5));
    kill(&mut remind);
}

/// When the desktop or history saw each reminder.
trait Seen {
    fn fired(&self, desk: &Desk) -> Vec<Instant>;

    /// Waits until `n` reminders were seen or `until` passes; how many were seen. The window
    /// is the behaviour under test.
    fn count_by(&self, desk: &Desk, n: usize, until: Instant) -> usize {
        loop {
            let seen = self.fired(desk).len();
            if seen >= n || Instant::now() >= until {
                return seen;
            }
            std::thread::sleep(
                Duration::from_millis(20).min(until.saturating_duration_since(Instant::now())),
            );
        }
    }
}

/// The reminders the recording notification server got.
struct OnTheBus;

impl Seen for OnTheBus {
    fn fired(&self, desk: &Desk) -> Vec<Instant> {
        desk.server().calls().iter().map(|c| c.at).collect()
    }

    fn count_by(&self, desk: &Desk, n: usize, until: Instant) -> usize {
        desk.server().calls_by(n, until).len()
    }
}

/// The reminders recorded in history (only the owner records one), as instants.
struct InHistory;

impl Seen for InHistory {
    fn fired(&self, desk: &Desk) -> Vec<Instant> {
        let path = desk.home.data().join("knotless/history.db");
        let Ok(store) = knotless::history::Store::open(&path) else {
            return Vec::new();
        };
        let (now, wall) = (Instant::now(), jiff::Timestamp::now());
        store
            .reminders(None)
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r.outcome == knotless::history::ReminderOutcome::Fired)
            .map(|r| now - Duration::try_from(wall.duration_since(r.at)).unwrap_or_default())
            .collect()
    }
}

/// Owner and attached `remind`s on a 3-second schedule; SIGKILL of the owner two seconds
/// after a reminder: the successor's first reminder comes one interval after the owner's
/// last (not at once, not an interval after the hand-over). Returns the hand-over time.
fn kill_the_owner(desk: &Desk, seen: &dyn Seen) -> Duration {
    let mut first = desk.remind("3s");
    desk.wait_role(pid(&first), "owner");
    let mut second = desk.remind("3s");
    desk.wait_role(pid(&second), "attached");
    let fired = poll_until("a first reminder", LONG, || {
        seen.fired(desk).first().copied()
    });
    // The successor has heard the owner's next break. Both are read afresh on each look: on
    // a loaded machine the owner may have moved on to a later break between two looks.
    poll_until("the attached heard the next break", LONG, || {
        let due = desk.due(pid(&first))?;
        desk.due(pid(&second)).filter(|d| same_moment(*d, due))
    });
    // Two seconds into the interval, and nothing more has fired, the owner dies.
    let count = seen.count_by(desk, 2, fired + Duration::from_secs(2));
    assert_eq!(count, 1, "two reminders within two seconds");
    kill(&mut first);
    let killed = Instant::now();
    desk.wait_role(pid(&second), "owner");
    let handover = killed.elapsed();
    let times = poll_until("the successor's first reminder", LONG, || {
        let times = seen.fired(desk);
        (times.len() >= 2).then_some(times)
    });
    kill(&mut second);
    let gap = times[1] - times[0];
    assert!(
        gap >= Duration::from_millis(2500) && gap <= Duration::from_millis(3900),
        "{gap:?} from the owner's last reminder to its successor's first"
    );
    handover
}

#[test]
fn killing_the_owner_hands_over_without_a_reset_or_a_burst() {
    let desk = Desk::new("share-kill", true);
    let handover = kill_the_owner(&desk, &OnTheBus);
    eprintln!("hand-over after SIGKILL (bus): {handover:?}");
    assert!(handover < Duration::from_secs(3), "{handover:?}");
}

#[test]
fn without_a_bus_the_hand_over_works_the_same() {
    let desk = Desk::new("share-kill-nobus", false);
    let handover = kill_the_owner(&desk, &InHistory);
    eprintln!("hand-over after SIGKILL (no bus): {handover:?}");
    assert!(handover < Duration::from_secs(3), "{handover:?}");
}

#[test]
fn an_attached_remind_says_whose_schedule_it_follows_and_when_it_takes_over() {
    // Its own `--every` does not apply while another knotless keeps the schedule: said
    // rather than silently ignored.
    let desk = Desk::new("share-says", false);
    let mut first = desk.remind("1h");
    desk.wait_role(pid(&first), "owner");
    let mut second = desk
        .command(&["remind", "--every", "2s"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    desk.wait_role(pid(&second), "attached");
    kill(&mut first);
    desk.wait_role(pid(&second), "owner");
    kill(&mut second);
    let mut said = String::new();
    std::io::Read::read_to_string(&mut second.stdout.take().unwrap(), &mut said).unwrap();
    // Each line after its "HH:MM ".
    let lines: Vec<&str> = said.lines().map(|l| l.get(6..).unwrap_or(l)).collect();
    let attached = format!(
        "another knotless (pid {}) keeps the break schedule and sends the reminders; its \
         settings apply, this one's if it leaves first",
        pid(&first)
    );
    let took_over = "the knotless that kept the break schedule left it; this one keeps it now";
    let at = |line: &str| lines.iter().position(|l| *l == line);
    assert!(
        at(&attached) < at(took_over) && at(took_over).is_some(),
        "{said}"
    );
    assert!(
        lines[0] == attached,
        "said first, before the state line: {said}"
    );
    // Its own hours are said with the first state line it speaks for: not while the
    // owner's apply (they contradicted the owner's next break), but once it keeps them.
    let hours = lines
        .iter()
        .position(|l| l.ends_with("; any time, every day"));
    assert!(hours > at(took_over), "{said}");
}

/// Ctrl-Z on the app that keeps the schedule: stopped, it would keep the lock and with it
/// everyone's reminders (the `remind` started at login) until `fg`. It hands the schedule
/// over before it stops, and `fg` attaches it to the one that took it.
#[test]
fn ctrl_z_on_the_owning_app_hands_the_schedule_over_and_fg_attaches_again() {
    let desk = Desk::new("share-ctrl-z", false);
    let spec = desk
        .home
        .spawn_spec(
            "bash",
            &["--norc", "--noprofile", "--noediting", "-i"],
            100,
            30,
        )
        .env("PS1", "shell$ ")
        .env("DBUS_SESSION_BUS_ADDRESS", &desk.address());
    let mut shell = Pty::spawn(&spec);
    shell.wait_for("shell$", LONG);
    shell.send(&format!("{} --every 1h\r", support::BIN));
    shell.wait_for("next break in", LONG);
    let app = u32::try_from(support::child_named(shell.pid(), "knotless", LONG)).unwrap();
    desk.wait_role(app, "owner");
    let mut remind = desk.remind("1h");
    desk.wait_role(pid(&remind), "attached");

    shell.send("\x1a");
    support::wait_state(i32::try_from(app).unwrap(), 'T', LONG);
    desk.wait_role(pid(&remind), "owner");
    // The break it had carries on in the new owner: no reset.
    assert!(desk.due(pid(&remind)).is_some());
    // Stopped, it claims no part in the schedule, so `status` reads the new owner's.
    let stopped = desk.state(app).unwrap();
    assert!(
        stopped["schedule"].is_null() && stopped["reminders"].is_null(),
        "{stopped}"
    );
    assert_eq!(desk.status_json()["schedule"]["owner"], pid(&remind));

    shell.send("fg\r");
    desk.wait_role(app, "attached");
    assert_eq!(desk.status_json()["schedule"]["owner"], pid(&remind));
    shell.send("q");
    shell.wait_for("shell$", LONG);
    kill(&mut remind);
}

#[test]
fn an_attached_app_says_whose_schedule_it_follows_and_when_it_takes_over() {
    // `knotless --every 2s` while `remind` keeps the schedule: said on home.
    let desk = Desk::new("share-app-says", false);
    let mut remind = desk.remind("1h");
    desk.wait_role(pid(&remind), "owner");
    let app = desk.app("2s");
    desk.wait_role(u32::try_from(app.pid()).unwrap(), "attached");
    app.wait_for(&format!("another knotless (pid {})", pid(&remind)), LONG);
    kill(&mut remind);
    desk.wait_role(u32::try_from(app.pid()).unwrap(), "owner");
    app.wait_for("this one keeps it now", LONG);
}

#[test]
fn one_session_attached_says_whose_schedule_it_follows_on_screen_and_in_plain_mode() {
    let desk = Desk::new("share-run-says", false);
    let mut remind = desk.remind("1h");
    desk.wait_role(pid(&remind), "owner");
    let address = desk.address();
    // `knotless run SESSION` has no home: its intro says it.
    let run = desk.home.pty_with(
        &["run", "unwind", "--every", "2s"],
        100,
        30,
        &[("DBUS_SESSION_BUS_ADDRESS", &address)],
    );
    run.wait_for(
        &format!("Another knotless (pid {}) keeps the break", pid(&remind)),
        LONG,
    );
    // Plain mode says it as a line of its own, and says when it takes over.
    let mut plain = desk
        .command(&["run", "unwind", "--plain", "--every", "2s"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    desk.wait_role(pid(&plain), "attached");
    // The screen goes first, so that plain mode is the one to take over.
    drop(run);
    kill(&mut remind);
    desk.wait_role(pid(&plain), "owner");
    let took_over = "Break reminders: the knotless that kept the break schedule left it; this one keeps it now.";
    // Said before the state file names the new part.
    kill(&mut plain);
    let mut said = String::new();
    std::io::Read::read_to_string(&mut plain.stdout.take().unwrap(), &mut said).unwrap();
    let attached = format!(
        "Break reminders: another knotless (pid {}) keeps the break schedule",
        pid(&remind)
    );
    let at = |line: &str| said.find(line);
    assert!(
        at(&attached).is_some() && at(&attached) < at(took_over),
        "{said}"
    );
}

/// An app attached to `remind --every 8s`, the owner killed while its first reminder waits
/// for an answer, and the app the owner now: the app, that notification's id, and history.
fn kill_the_owner_with_a_reminder_open(desk: &Desk) -> (Pty, u32, knotless::history::Store) {
    let mut remind = desk.remind("8s");
    desk.wait_role(pid(&remind), "owner");
    let app = desk.app("1h");
    let app_pid = u32::try_from(app.pid()).unwrap();
    desk.wait_role(app_pid, "attached");
    // Listening on the socket like an attached instance, after the app: once the owner has
    // said which notification is open, it has said it to the app too.
    let listener =
        std::os::unix::net::UnixStream::connect(desk.state_dir().join("schedule.sock")).unwrap();
    listener.set_read_timeout(Some(LONG)).unwrap();
    let id = desk.server().wait_calls(1, LONG)[0].id;
    let deadline = Instant::now() + LONG;
    let with_id = format!(",\"notification\":{id}}}}}");
    let heard = std::io::BufRead::lines(std::io::BufReader::new(listener))
        .map_while(Result::ok)
        .take_while(|_| Instant::now() < deadline)
        .any(|l| l.starts_with("{\"open\":{\"until_ns\":") && l.ends_with(&with_id));
    assert!(heard, "the owner never said notification {id} is open");
    app.wait_for("Movement break", LONG);
    let store =
        knotless::history::Store::open(&desk.home.data().join("knotless/history.db")).unwrap();
    poll_until("the owner's record of it", LONG, || {
        (store.reminder_counts(None).ok()?.fired == 1).then_some(())
    });
    kill(&mut remind);
    desk.wait_role(app_pid, "owner");
    (app, id, store)
}

/// `z` in the app that took the schedule over still snoozes the dead owner's reminder,
/// closes its notification and records the snooze (it used to do nothing, and the reminder
/// counted as ignored).
#[test]
fn an_answer_right_after_the_owner_dies_still_answers_its_reminder() {
    let desk = Desk::new("share-kill-open", true);
    desk.home.write(
        "config/knotless/config.toml",
        "[reminders]\nsnooze = \"30s\"\n",
    );
    let (mut app, id, store) = kill_the_owner_with_a_reminder_open(&desk);
    app.send("z");
    desk.server().wait_closed(id, LONG);
    app.wait_for("snoozed", LONG);
    let counts = poll_until("the snooze in history", LONG, || {
        let c = store.reminder_counts(None).ok()?;
        (c.snoozed == 1).then_some(c)
    });
    assert_eq!((counts.fired, counts.ignored), (1, 0), "{counts:?}");
}

/// Left unanswered, the dead owner's notification is replaced by the new owner's next
/// reminder, not joined by a second one.
#[test]
fn the_next_owners_reminder_replaces_the_notification_the_dead_one_left() {
    let desk = Desk::new("share-kill-replace", true);
    let (_app, id, _store) = kill_the_owner_with_a_reminder_open(&desk);
    let calls = desk.server().wait_calls(2, LONG);
    assert_eq!(calls[1].replaces_id, id, "{calls:?}");
}

/// Reminders turned off in `config.toml` while a reminder waits for its answer: it is
/// dismissed (its notification closed, the answer in history), not left on the desktop
/// with nobody to answer it.
#[test]
fn turning_reminders_off_dismisses_the_reminder_still_open() {
    let desk = Desk::new("share-off-open", true);
    let config = "config/knotless/config.toml";
    desk.home.write(config, "[reminders]\nevery = \"3s\"\n");
    let mut remind = desk
        .command(&["remind"])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    desk.wait_role(pid(&remind), "owner");
    let id = desk.server().wait_calls(1, LONG)[0].id;
    desk.home.write(config, "[reminders]\nenabled = false\n");
    desk.server().wait_closed(id, LONG);
    let store =
        knotless::history::Store::open(&desk.home.data().join("knotless/history.db")).unwrap();
    poll_until("the dismissal in history", LONG, || {
        (store.reminder_counts(None).ok()?.dismissed == 1).then_some(())
    });
    kill(&mut remind);
}

/// The app that keeps the schedule quits with a reminder open and nobody attached: its
/// notification is closed (its buttons would do nothing), and the reminder is not answered.
#[test]
fn the_last_knotless_to_leave_closes_its_open_notification() {
    let desk = Desk::new("share-last-leaves", true);
    let mut app = desk.app("2s");
    desk.wait_role(u32::try_from(app.pid()).unwrap(), "owner");
    let id = desk.server().wait_calls(1, LONG)[0].id;
    app.wait_for("Movement break", LONG);
    app.send("q");
    assert!(app.wait_exit(LONG).success());
    desk.server().wait_closed(id, LONG);
}

/// Waits for notification `n` (1-based) and its banner in `app`, sends `keys`, and returns
/// the notification's id.
fn answer(desk: &Desk, app: &mut Pty, n: usize, keys: &str) -> u32 {
    let calls = desk.server().wait_calls(n, LONG);
    app.wait_for("Movement break", LONG);
    app.send(keys);
    calls[n - 1].id
}

#[test]
fn every_answer_in_an_attached_app_closes_the_notification_and_ends_in_history() {
    let desk = Desk::new("share-answers", true);
    desk.home.write(
        "config/knotless/config.toml",
        "[reminders]\nsnooze = \"2s\"\n",
    );
    let mut remind = desk.remind("2s");
    desk.wait_role(pid(&remind), "owner");
    let mut app = desk.app("2s");
    desk.wait_role(u32::try_from(app.pid()).unwrap(), "attached");
    let server = desk.server();
    let snoozed = answer(&desk, &mut app, 1, "z");
    server.wait_closed(snoozed, LONG);
    let dismissed = answer(&desk, &mut app, 2, "\x1b");
    server.wait_closed(dismissed, LONG);
    // The third is left alone: the fourth comes, and the third counts as ignored.
    let taken = answer(&desk, &mut app, 4, "b");
    server.wait_closed(taken, LONG);
    // No banner covers the break's intro; back on the home screen for the next one.
    app.wait_for("Desk break", LONG);
    app.send("\x1b");
    app.wait_gone("Desk break", LONG);
    let paused = answer(&desk, &mut app, 5, "P");
    server.wait_closed(paused, LONG);
    // `P` in the attached app paused the owner's schedule.
    poll_until("the owner paused", LONG, || {
        desk.state(pid(&remind))
            .filter(|s| s["reminders"]["state"] == "paused")
    });
    let calls = server.calls();
    assert_eq!(
        calls[3].replaces_id, calls[2].id,
        "an ignored reminder's notification is replaced by the next one"
    );
    assert_eq!(server.closed().len(), 4, "one close per answer in the app");
    let store =
        knotless::history::Store::open(&desk.home.data().join("knotless/history.db")).unwrap();
    let counts = poll_until("the pause in history", LONG, || {
        let c = store.reminder_counts(None).ok()?;
        (c.dismissed == 2).then_some(c)
    });
    kill(&mut remind);
    assert_eq!(
        (
            counts.fired,
            counts.snoozed,
            counts.dismissed,
            counts.ignored,
            counts.taken
        ),
        (5, 1, 2, 1, 1),
        "each reminder once, with its one answer: {counts:?}"
    );
}

/// `remind --every 4s` with `natural_break = "3s"`; a lock of 5 s over the due moment:
/// nothing fires while locked, nothing at the unlock, and the next comes one interval on.
fn a_lock_is_a_natural_break(name: &str, kind: support::Kind) {
    let desk = Desk::new(name, true);
    let system = PrivateBus::start();
    let address = match kind {
        support::Kind::Screensaver => desk.address(),
        support::Kind::Logind => system.address.clone(),
    };
    let fake = support::FakeDesktop::start(&address, kind);
    let mut remind = desk.remind_with_natural_breaks(&system);
    let owner = pid(&remind);
    let source = match kind {
        support::Kind::Screensaver => "screensaver",
        support::Kind::Logind => "logind",
    };
    poll_until("the source in the status", LONG, || {
        desk.state(owner)
            .filter(|s| s["natural_breaks"] == serde_json::json!([source]))
    });
    assert_eq!(
        desk.status_json()["schedule"]["natural_breaks"],
        serde_json::json!([source])
    );
    // An attached app's help names the owner's sources.
    let mut app = desk.app("4s");
    app.send("?");
    app.wait_for(&format!("natural breaks: {source}"), LONG);
    app.send("\x1b");
    fake.lock(true);
    let locked = Instant::now();
    let calls = desk.server().calls_by(1, locked + Duration::from_secs(5));
    assert!(calls.is_empty(), "a reminder while locked: {calls:?}");
    fake.lock(false);
    let back = Instant::now();
    let calls = desk.server().calls_by(1, back + Duration::from_secs(3));
    assert!(calls.is_empty(), "a reminder at the unlock: {calls:?}");
    let calls = desk.server().wait_calls(1, LONG);
    kill(&mut remind);
    assert!(
        calls[0].at - back >= Duration::from_millis(3500),
        "the clock restarted at the unlock: {:?}",
        calls[0].at - back
    );
    let mut said = String::new();
    std::io::Read::read_to_string(&mut remind.stdout.take().unwrap(), &mut said).unwrap();
    let line = said
        .lines()
        .find(|l| l.contains("a natural break ("))
        .unwrap_or_else(|| panic!("no natural-break line: {said}"));
    assert!(
        line.ends_with("s away): the break clock restarted"),
        "{said}"
    );
}

#[test]
fn a_locked_screen_holds_and_restarts_the_clock() {
    a_lock_is_a_natural_break("share-screensaver", support::Kind::Screensaver);
}

#[test]
fn a_locked_logind_session_holds_and_restarts_the_clock() {
    a_lock_is_a_natural_break("share-logind", support::Kind::Logind);
}

#[test]
fn an_idle_session_counts_from_when_it_went_idle() {
    let desk = Desk::new("share-idle", true);
    let system = PrivateBus::start();
    let logind = support::FakeDesktop::start(&system.address, support::Kind::Logind);
    let mut remind = desk.remind_with_natural_breaks(&system);
    let owner = pid(&remind);
    poll_until("logind in the status", LONG, || {
        desk.state(owner)
            .filter(|s| s["natural_breaks"] == serde_json::json!(["logind"]))
    });
    // Idle for ten seconds already when logind says so; back a moment later: a break.
    logind.idle(Some(Duration::from_secs(10)));
    let calls = desk
        .server()
        .calls_by(1, Instant::now() + Duration::from_secs(1));
    assert!(calls.is_empty(), "{calls:?}");
    logind.idle(None);
    let back = Instant::now();
    let calls = desk.server().wait_calls(1, LONG);
    kill(&mut remind);
    assert!(calls[0].at - back >= Duration::from_millis(3500));
    let mut said = String::new();
    std::io::Read::read_to_string(&mut remind.stdout.take().unwrap(), &mut said).unwrap();
    // Counted from when the session went idle, not from when logind said so.
    let away: u64 = said
        .split("a natural break (")
        .nth(1)
        .and_then(|rest| rest.split("s away)").next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no natural-break line in seconds: {said}"));
    assert!((10..20).contains(&away), "{said}");
}
