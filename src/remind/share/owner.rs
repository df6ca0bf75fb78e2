//! The owner's side: the lock, the listening socket, the scheduler whose events go to the
//! front end and to every attached instance, and the commands that come back.

use std::fs::File;
use std::io::{Read, Write};
use std::os::unix::fs::DirBuilderExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rustix::event::{PollFd, PollFlags};

use super::wire::{self, ToAttached, ToOwner};
use super::{Ctx, Owned, Role, lock};
use crate::clock::SystemClock;
use crate::remind::away::{self, AwayWatch, Report};
use crate::remind::protocol::{Handover, ReminderEvent, SchedulerCommand};
use crate::remind::thread::{SchedulerHandle, spawn_from};

pub(super) const SOCKET: &str = "schedule.sock";
const LOCK: &str = "schedule.lock";
/// An attached instance that does not take a line within this long is dropped.
const WRITE_TIMEOUT: Duration = Duration::from_millis(200);

/// The attached instances the owner's events go to (each new one hears the last status,
/// open reminder and sources first).
pub(super) struct Fanout {
    clients: Vec<(u64, UnixStream)>,
    natural: Option<Vec<String>>,
}

impl Fanout {
    /// Sends `event` to every attached instance and keeps in `last` what a successor needs.
    fn relay(&mut self, event: &ReminderEvent, last: &mut Handover) {
        let message = match event {
            ReminderEvent::StatusChanged(status) => {
                last.status = Some(status.clone());
                ToAttached::Status(status.into())
            }
            ReminderEvent::Open(open) => {
                last.open = *open;
                ToAttached::Open(open.map(Into::into))
            }
            ReminderEvent::Fired { summary, body, .. } => ToAttached::Fired {
                summary: summary.to_string(),
                body: body.to_string(),
            },
            ReminderEvent::Resolved { outcome, .. } => ToAttached::Resolved {
                outcome: outcome.as_str().to_string(),
            },
            ReminderEvent::NaturalBreakSources(sources) => {
                self.natural = Some(sources.clone());
                ToAttached::NaturalBreaks(sources.clone())
            }
            _ => return,
        };
        let line = wire::line(&message);
        self.clients.retain(|(_, s)| (&*s).write_all(&line).is_ok());
    }
}

/// The exclusive lock in `dir`: `Ok(None)` when another instance holds it.
pub(super) fn try_lock(dir: &Path) -> std::io::Result<Option<File>> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    let file = File::options()
        .create(true)
        .write(true)
        .truncate(false)
        .open(dir.join(LOCK))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Owns the schedule until the front end leaves, carrying on from what this instance last
/// knew (`Ctx::last`). `held`: the lock and its directory (`None`: no place to share from,
/// so this instance runs alone).
pub(super) fn serve(ctx: &Arc<Ctx>, mut held: Option<(File, &Path)>) {
    // The lock is ours, so a socket file left here is a dead owner's.
    let listener = held.as_ref().and_then(|(_, dir)| {
        let path = dir.join(SOCKET);
        let _ = std::fs::remove_file(&path);
        UnixListener::bind(path).ok()
    });
    if listener.is_none() {
        // Nobody could attach (a socket path too long, a read-only directory): holding the
        // lock would only keep the others waiting. Each then runs its own schedule.
        held = None;
    }
    let fanout = Arc::new(Mutex::new(Fanout {
        clients: Vec::new(),
        natural: None,
    }));
    {
        // The scheduler starts under the lock: its first status must find this instance
        // already the owner (the front end writes the role with it).
        let mut state = lock(&ctx.state);
        let carried = lock(&ctx.last).clone();
        let scheduler = spawn_scheduler(ctx, &fanout, &carried);
        let mut owned = Owned {
            scheduler,
            holds: std::collections::BTreeSet::new(),
            fanout,
            _away: watch_desktop(ctx),
        };
        if state.in_session {
            owned.command(0, SchedulerCommand::SessionStarted);
        }
        for command in state.pending.drain(..) {
            owned.command(0, command);
        }
        state.role = Role::Owner(owned);
    }
    let mut readers = Vec::new();
    listen(ctx, listener.as_ref(), &mut readers);
    // The scheduler stops first (its last status reaches the attached), then the socket goes
    // while the lock is still ours (a successor's socket is never removed), then the lock,
    // and last the connections: their end tells the attached to take over.
    let role = std::mem::take(&mut lock(&ctx.state).role);
    // Nobody attached takes the schedule over: the open reminder's notification goes with
    // it (its buttons would do nothing). Attached, the next owner adopts it instead.
    if let Role::Owner(owned) = &role
        && lock(&owned.fanout).clients.is_empty()
        && let Some(scheduler) = &owned.scheduler
    {
        scheduler.withdraw();
    }
    drop(role);
    if let Some((_, dir)) = &held {
        let _ = std::fs::remove_file(dir.join(SOCKET));
    }
    drop(held);
    drop(readers);
}

/// One connection as the owner reads it.
struct Reader {
    id: u64,
    stream: UnixStream,
    buf: Vec<u8>,
}

/// Blocks in `poll` (no timeout) on the stop bell, the listener and every connection.
fn listen(ctx: &Ctx, listener: Option<&UnixListener>, readers: &mut Vec<Reader>) {
    let mut next_id = 1;
    while !ctx.stopping() {
        let mut fds = vec![PollFd::new(&ctx.stop, PollFlags::IN)];
        if let Some(l) = listener {
            fds.push(PollFd::new(l, PollFlags::IN));
        }
        fds.extend(
            readers
                .iter()
                .map(|r| PollFd::new(&r.stream, PollFlags::IN)),
        );
        if rustix::event::poll(&mut fds, None).is_err() {
            continue;
        }
        let woke: Vec<bool> = fds.iter().map(|f| !f.revents().is_empty()).collect();
        drop(fds);
        if woke[0] {
            ctx.stop.drain();
        }
        let first = 1 + usize::from(listener.is_some());
        for i in (0..readers.len()).rev() {
            if woke[first + i] && !read(ctx, &mut readers[i]) {
                let gone = readers.remove(i);
                left(ctx, gone.id);
            }
        }
        if let Some(l) = listener
            && woke[1]
            && let Ok((stream, _)) = l.accept()
            && let Some(reader) = welcome(ctx, stream, next_id)
        {
            next_id += 1;
            readers.push(reader);
        }
    }
}

/// Says who owns the schedule and its status to a new instance, and adds it to the fanout.
fn welcome(ctx: &Ctx, stream: UnixStream, id: u64) -> Option<Reader> {
    let writer = stream.try_clone().ok()?;
    let _ = writer.set_write_timeout(Some(WRITE_TIMEOUT));
    let state = lock(&ctx.state);
    let Role::Owner(owned) = &state.role else {
        return None;
    };
    let mut fanout = lock(&owned.fanout);
    let hello = ToAttached::Owner {
        pid: std::process::id(),
        program: ctx.program,
    };
    (&writer).write_all(&wire::line(&hello)).ok()?;
    let last = lock(&ctx.last).clone();
    if let Some(status) = &last.status {
        (&writer)
            .write_all(&wire::line(&ToAttached::Status(status.into())))
            .ok()?;
    }
    // Said even when none is open: what the instance heard from an earlier owner is stale.
    (&writer)
        .write_all(&wire::line(&ToAttached::Open(last.open.map(Into::into))))
        .ok()?;
    if let Some(sources) = &fanout.natural {
        (&writer)
            .write_all(&wire::line(&ToAttached::NaturalBreaks(sources.clone())))
            .ok()?;
    }
    fanout.clients.push((id, writer));
    Some(Reader {
        id,
        stream,
        buf: Vec::new(),
    })
}

/// Reads what one connection sent (`poll` said it can be read: one read never blocks).
/// `false` at its end.
fn read(ctx: &Ctx, reader: &mut Reader) -> bool {
    let mut chunk = [0u8; 1024];
    match (&reader.stream).read(&mut chunk) {
        Ok(0) => return false,
        Ok(n) => reader.buf.extend_from_slice(&chunk[..n]),
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => return true,
        Err(_) => return false,
    }
    let commands: Vec<ToOwner> = wire::take_lines(&mut reader.buf);
    let mut state = lock(&ctx.state);
    if let Role::Owner(owned) = &mut state.role {
        for command in commands {
            owned.command(reader.id, command.command());
        }
    }
    true
}

/// An attached instance went away: its session, if any, no longer holds reminders.
fn left(ctx: &Ctx, id: u64) {
    let mut state = lock(&ctx.state);
    if let Role::Owner(owned) = &mut state.role {
        owned.command(id, SchedulerCommand::SessionEnded);
        lock(&owned.fanout).clients.retain(|(c, _)| *c != id);
    }
}

/// The owner's scheduler: its events go to this front end and, relayed, to the attached
/// (what changed about the open reminder goes to them only: it is for a successor).
fn spawn_scheduler(
    ctx: &Arc<Ctx>,
    fanout: &Arc<Mutex<Fanout>>,
    carried: &Handover,
) -> Option<SchedulerHandle> {
    let plan = lock(&ctx.plan);
    let sink_ctx = Arc::clone(ctx);
    let relay = Arc::clone(fanout);
    let sink = move |event: ReminderEvent| {
        lock(&relay).relay(&event, &mut lock(&sink_ctx.last));
        if !matches!(event, ReminderEvent::Open(_)) {
            (sink_ctx.local)(event);
        }
    };
    let notifier = (plan.notifier)();
    match spawn_from(
        plan.settings.clone(),
        Arc::new(SystemClock),
        notifier,
        Box::new(sink),
        carried,
    ) {
        Ok(handle) => Some(handle),
        Err(e) => {
            (ctx.local)(ReminderEvent::DesktopUnavailable {
                reason: format!("the reminder timer could not start: {e}"),
            });
            None
        }
    }
}

/// New settings: an owner's scheduler starts again with them (from now, as a reloaded
/// config always did, and with the reminder still open); a session anywhere still holds it.
pub(super) fn restart(ctx: &Arc<Ctx>) {
    let mut state = lock(&ctx.state);
    let Role::Owner(owned) = &mut state.role else {
        return;
    };
    drop(owned.scheduler.take());
    let carried = Handover {
        status: None,
        open: lock(&ctx.last).open,
    };
    owned.scheduler = spawn_scheduler(ctx, &owned.fanout, &carried);
    if let (Some(scheduler), false) = (&owned.scheduler, owned.holds.is_empty()) {
        scheduler.send(SchedulerCommand::SessionStarted);
    }
}

/// Natural breaks: the desktop's word that the user is away goes to the schedule; which
/// sources answered goes to the front end (and, with the status sent again, its state file).
fn watch_desktop(ctx: &Arc<Ctx>) -> Option<AwayWatch> {
    let (away_ctx, sources_ctx) = (Arc::clone(ctx), Arc::clone(ctx));
    away::watch(Report {
        away: Box::new(move |away| {
            away_ctx.command(match away {
                Some(ago) => SchedulerCommand::Away(ago),
                None => SchedulerCommand::Back,
            });
        }),
        sources: Box::new(move |sources| {
            *lock(&sources_ctx.natural) = Some(sources.clone());
            let event = ReminderEvent::NaturalBreakSources(sources);
            let last = match &lock(&sources_ctx.state).role {
                Role::Owner(owned) => {
                    // Fanout, then last: the order the scheduler's sink takes them in.
                    let mut fanout = lock(&owned.fanout);
                    let mut last = lock(&sources_ctx.last);
                    fanout.relay(&event, &mut last);
                    last.status.clone()
                }
                _ => None,
            };
            (sources_ctx.local)(event);
            if let Some(status) = last {
                (sources_ctx.local)(ReminderEvent::StatusChanged(status));
            }
        }),
    })
}
