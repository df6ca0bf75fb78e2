//! The event loop: one channel of events from the input and signal threads into the main
//! thread, which sleeps until the next event or the next visible change, handles it, and
//! redraws only when something visible changed.

use std::io::IsTerminal;
use std::os::fd::AsFd;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use rustix::event::{PollFd, PollFlags};

use ratatui::crossterm::event::{self, Event, KeyEvent};

use std::io::Write;

use crate::alert::terminal_notification;
use crate::clock::{Clock, Moment};
use crate::tui::app::{App, Output};
use crate::tui::input::action_for;
use crate::tui::terminal::TerminalGuard;
use crate::tui::title::Title;
use crate::tui::view;

/// Everything that wakes the main thread.
#[derive(Debug)]
pub enum AppEvent {
    Key(KeyEvent),
    Resize,
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT arrived.
    Signal(i32),
    /// The terminal went away (read failed).
    InputClosed,
    /// From the history thread.
    History(crate::tui::history_worker::HistoryReport),
    /// SIGTSTP from outside (the Ctrl-Z key comes as a key).
    SuspendRequested,
    /// From the reminder scheduler thread.
    Reminder(crate::remind::thread::ReminderEvent),
    /// A config or session file changed (live reload).
    FilesChanged,
}

/// How long to wait after a file event for the rest of the burst (an editor's write, rename
/// and chmod) before reloading once.
const RELOAD_AFTER: Duration = Duration::from_millis(100);

/// How the loop ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    Normal,
    Signal(i32),
    TerminalLost,
}

/// Starts the threads that feed the channel: terminal input, its hang-up, and signals.
#[must_use]
pub fn spawn_sources() -> (Sender<AppEvent>, Receiver<AppEvent>) {
    let (tx, rx) = mpsc::channel();
    let input = tx.clone();
    let _ = std::thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            // Blocks on the terminal: no polling, no wake-ups while nothing happens.
            loop {
                let sent = match event::read() {
                    Ok(Event::Key(key)) => input.send(AppEvent::Key(key)),
                    Ok(Event::Resize(..)) => input.send(AppEvent::Resize),
                    Ok(_) => Ok(()),
                    Err(_) => {
                        let _ = input.send(AppEvent::InputClosed);
                        return;
                    }
                };
                if sent.is_err() {
                    return;
                }
            }
        });
    let hangup = tx.clone();
    let _ = std::thread::Builder::new()
        .name("hangup".into())
        .spawn(move || {
            if let Some(tty) = InputTty::open() {
                tty.wait_for_hangup();
                let _ = hangup.send(AppEvent::InputClosed);
            }
        });
    let signals = tx.clone();
    if let Ok(mut set) = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
        signal_hook::consts::SIGTSTP,
    ]) {
        let _ = std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for sig in set.forever() {
                    // `kill -TSTP` from outside takes the same clean path as the Ctrl-Z key.
                    let event = if sig == signal_hook::consts::SIGTSTP {
                        AppEvent::SuspendRequested
                    } else {
                        AppEvent::Signal(sig)
                    };
                    if signals.send(event).is_err() {
                        return;
                    }
                }
            });
    }
    (tx, rx)
}

/// The terminal crossterm reads keys from: standard input if it is a terminal, else `/dev/tty`.
///
/// Watched for a hang-up because crossterm never reports one: on a terminal that went away
/// its `read` retries the read that returns EOF (or EIO) forever, at full CPU, so without
/// this a terminal closed with no SIGHUP (the pty is only our standard I/O, or the signal is
/// lost) left knotless spinning and never exiting while nothing else redrew.
enum InputTty {
    Stdin,
    DevTty(std::fs::File),
}

impl InputTty {
    fn open() -> Option<InputTty> {
        if std::io::stdin().is_terminal() {
            return Some(InputTty::Stdin);
        }
        std::fs::File::open("/dev/tty").ok().map(InputTty::DevTty)
    }

    /// Blocks until the terminal hangs up or fails. Asks for no input events, so it never
    /// wakes for (or takes) a key: `poll` always reports a hang-up, an error or a bad fd.
    fn wait_for_hangup(&self) {
        let fd = match self {
            InputTty::Stdin => rustix::stdio::stdin(),
            InputTty::DevTty(file) => file.as_fd(),
        };
        loop {
            let mut fds = [PollFd::new(&fd, PollFlags::empty())];
            match rustix::event::poll(&mut fds, None) {
                Ok(_) | Err(rustix::io::Errno::INTR) => {}
                Err(_) => return,
            }
            let gone = PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL;
            if fds[0].revents().intersects(gone) {
                return;
            }
        }
    }
}

/// What the shell does with the app's outputs, beyond the terminal (history, reminders).
pub trait Hooks {
    fn output(&mut self, app: &mut App, output: &Output);
    /// Called once after the first frame is on screen: slow set-up (opening history) goes
    /// here so it never delays the first frame. Returns whether to redraw.
    fn after_first_frame(&mut self, _app: &mut App) -> bool {
        false
    }
    /// Something visible may have changed (called before each redraw).
    fn changed(&mut self, _app: &App) {}
    /// Files changed: reload them. Returns whether to redraw.
    fn reload(&mut self, _app: &mut App) -> bool {
        false
    }
}

impl Hooks for () {
    fn output(&mut self, _app: &mut App, _output: &Output) {}
}

/// Runs until the app quits, a signal arrives or the terminal goes away.
///
/// # Errors
/// When drawing fails for a reason other than the terminal going away.
pub fn run_loop(
    app: &mut App,
    guard: &mut TerminalGuard,
    rx: &Receiver<AppEvent>,
    clock: &dyn Clock,
    hooks: &mut dyn Hooks,
) -> std::io::Result<Exit> {
    let mut title = Title::default();
    let result = event_loop(app, guard, rx, clock, hooks, &mut title);
    title.finish(guard.terminal.backend_mut());
    result
}

fn event_loop(
    app: &mut App,
    guard: &mut TerminalGuard,
    rx: &Receiver<AppEvent>,
    clock: &dyn Clock,
    hooks: &mut dyn Hooks,
    title: &mut Title,
) -> std::io::Result<Exit> {
    let mut dirty = true;
    let mut first_frame = true;
    let mut panic_on_key = test_panic_requested();
    let mut reload_at: Option<Moment> = None;
    loop {
        let now = clock.now();
        // The wall clock may be stepped (NTP, the user): read it rather than extrapolate.
        app.wall = clock.wall();
        if reload_at.is_some_and(|at| at <= now) {
            reload_at = None;
            dirty |= hooks.reload(app);
        }
        if app.tick(now) {
            dirty = true;
        }
        if perform(app, guard, hooks)? {
            dirty = true;
        }
        if app.quit {
            return Ok(Exit::Normal);
        }
        if dirty {
            app.now = clock.now();
            hooks.changed(app);
            // Into the same buffer as the frame, so both go out in one write.
            title.update(app, guard.terminal.backend_mut());
            guard
                .terminal
                .draw(|f| view::render(app, f.area(), f.buffer_mut()))?;
            dirty = false;
        }
        if std::mem::take(&mut first_frame) && hooks.after_first_frame(app) {
            dirty = true;
            continue;
        }
        // Sleep until the next event or the next visible change, plus a millisecond so the
        // displayed second has surely turned.
        let now = clock.now();
        let reload_wait = reload_at.map(|at| at - now);
        let wake = match (app.next_wake(now), reload_wait) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let event = match wake {
            Some(wait) => rx.recv_timeout(wait + Duration::from_millis(1)),
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        let first = match event {
            Ok(event) => event,
            Err(RecvTimeoutError::Timeout) => {
                dirty = true;
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return Ok(Exit::TerminalLost),
        };
        // Handle a burst of events (a held key, a drag-resize) with one redraw.
        for event in std::iter::once(first).chain(rx.try_iter()) {
            match event {
                AppEvent::Key(key) => {
                    if std::mem::take(&mut panic_on_key) {
                        panic!("KNOTLESS_TEST_PANIC: a panic on the first key, as asked");
                    }
                    if let Some(action) = action_for(key, app.context()) {
                        dirty |= app.handle(action, clock.now());
                    }
                }
                AppEvent::Resize => dirty = true,
                AppEvent::History(report) => dirty |= app.history_report(report),
                AppEvent::SuspendRequested => {
                    dirty |= app.handle(crate::tui::input::Action::Suspend, clock.now());
                }
                AppEvent::FilesChanged => {
                    reload_at.get_or_insert(clock.now() + RELOAD_AFTER);
                }
                AppEvent::Reminder(event) => {
                    // A time-zone change shows up in clock times from the next status on.
                    app.zone = clock.zone();
                    dirty |= app.reminder_event(event, clock.now());
                }
                AppEvent::Signal(sig) => {
                    app.abort(clock.now());
                    let _ = perform(app, guard, hooks);
                    return Ok(Exit::Signal(sig));
                }
                AppEvent::InputClosed => {
                    app.abort(clock.now());
                    let _ = perform(app, guard, hooks);
                    return Ok(Exit::TerminalLost);
                }
            }
        }
    }
}

/// TEST ONLY: `KNOTLESS_TEST_PANIC=1` makes the first key press panic inside the event loop,
/// so the end-to-end tests can prove that a panic gives the terminal back (tests/terminal.rs).
/// Read once, when the loop starts; without it nothing changes.
fn test_panic_requested() -> bool {
    std::env::var_os("KNOTLESS_TEST_PANIC").is_some_and(|v| v == "1")
}

/// Carries out the app's outputs. Returns whether there were any (a redraw is due).
fn perform(
    app: &mut App,
    guard: &mut TerminalGuard,
    hooks: &mut dyn Hooks,
) -> std::io::Result<bool> {
    let outputs = app.take_outputs();
    for output in &outputs {
        match output {
            Output::Bell => guard.bell(),
            Output::TerminalAlert { summary, body } => {
                let backend = guard.terminal.backend_mut();
                let _ = backend.write_all(terminal_notification(summary, body).as_bytes());
                let _ = backend.flush();
            }
            Output::Suspend => guard.suspend()?,
            Output::SafetyAcknowledged => {
                let _ = crate::safety::acknowledge();
            }
            _ => {}
        }
        hooks.output(app, output);
    }
    Ok(!outputs.is_empty())
}
