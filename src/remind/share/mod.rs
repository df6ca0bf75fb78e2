//! One break schedule per user session, shared by every knotless that runs reminders.
//!
//! The first instance to start takes an exclusive `flock` on
//! `$XDG_RUNTIME_DIR/knotless/schedule.lock` and becomes the **owner**: it runs the
//! scheduler thread (the only one that sends desktop notifications) and listens on
//! `schedule.sock` beside the lock. Every other instance **attaches**: it connects to the
//! socket, hears the owner's status and reminders ([`wire::ToAttached`]) and sends its
//! commands there ([`wire::ToOwner`]). The front ends see no difference: they send
//! [`SchedulerCommand`]s and receive [`ReminderEvent`]s as before.
//!
//! When the owner exits, even by SIGKILL, the kernel releases its lock and closes its
//! connections: each attached instance reads end-of-file, tries the lock, and the one that
//! gets it becomes the owner, carrying on from the last status it heard (the next due
//! moment, a snooze, a pause: [`crate::remind::schedule::Schedule::carry_over`]), so there is
//! neither a reset nor a burst, and from the reminder still waiting for its answer: a snooze
//! right after the hand-over answers it and closes the old owner's notification. The
//! others connect to it.
//!
//! Why a lock and a socket rather than a well-known name on the session bus: the kernel
//! releases a `flock` and closes a socket on every exit, SIGKILL included, just as the bus
//! releases a name; but the lock and socket work the same with a bus and without one (a
//! systemd unit that starts before the desktop, an SSH login), so there is one way to test
//! and one way to fail. Without `$XDG_RUNTIME_DIR` the files go to knotless's state
//! directory; where neither can be made, the instance runs its own schedule, as before.
//!
//! Waiting costs nothing: the owner's and the attached instances' threads block in `poll`
//! without a timeout. Only while an owner is being replaced does an instance retry (from
//! 10 ms, doubling, at most 1 s apart).

mod attach;
mod owner;
pub mod wire;

use std::collections::BTreeSet;
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

use super::notify::Notifier;
use super::protocol::{Handover, ReminderEvent, SchedulerCommand};
use super::settings::ReminderSettings;
use super::thread::SchedulerHandle;
use crate::platform::bell::Bell;
use crate::status::{Program, Role as SharingRole, Sharing};

/// What an owner runs its scheduler with; an attached instance keeps it for the day it
/// takes over.
pub struct Plan {
    pub settings: ReminderSettings,
    /// Makes the notifier when this instance becomes the owner.
    pub notifier: Box<dyn Fn() -> Box<dyn Notifier + Send> + Send + Sync>,
}

/// Where the front end hears reminder events.
pub type Sink = Arc<dyn Fn(ReminderEvent) + Send + Sync>;

/// The front end's handle on the shared schedule. Dropping it leaves the schedule: an
/// owner hands it over (its status carries on in the next owner).
pub struct Share {
    ctx: Arc<Ctx>,
    join: Option<JoinHandle<()>>,
}

/// What the handle and the share thread both reach.
struct Ctx {
    plan: Mutex<Plan>,
    state: Mutex<State>,
    local: Sink,
    program: Program,
    /// `$XDG_RUNTIME_DIR/knotless`; `None`: no place for the lock, run alone.
    dir: Option<PathBuf>,
    stop: Bell,
    stopping: AtomicBool,
    /// The owner's desktop sources of natural breaks, once known.
    natural: Mutex<Option<Vec<String>>>,
    /// The schedule's last status and open reminder, from this instance's scheduler while it
    /// owns the schedule, from the owner while attached: what it carries on with when it
    /// becomes the owner.
    last: Mutex<Handover>,
}

#[derive(Default)]
struct State {
    role: Role,
    /// This instance's front end is in a guided session (said again to a new owner).
    in_session: bool,
    /// Commands sent while no owner was reachable, for the next one.
    pending: Vec<SchedulerCommand>,
}

#[derive(Default)]
enum Role {
    #[default]
    Finding,
    Owner(Owned),
    Attached {
        writer: UnixStream,
        owner: Option<u32>,
    },
}

/// The owner's scheduler and who holds it for a session (0 is this instance).
struct Owned {
    scheduler: Option<SchedulerHandle>,
    holds: BTreeSet<u64>,
    fanout: Arc<Mutex<owner::Fanout>>,
    /// The desktop watch that tells the schedule when the user is away.
    _away: Option<super::away::AwayWatch>,
}

impl Owned {
    /// A session anywhere holds reminders; the end of the last one restarts the clock.
    fn command(&mut self, from: u64, command: SchedulerCommand) {
        let Some(scheduler) = &self.scheduler else {
            return;
        };
        match command {
            SchedulerCommand::SessionStarted => {
                let first = self.holds.is_empty();
                if self.holds.insert(from) && first {
                    scheduler.send(command);
                }
            }
            SchedulerCommand::SessionEnded => {
                if self.holds.remove(&from) && self.holds.is_empty() {
                    scheduler.send(command);
                }
            }
            other => scheduler.send(other),
        }
    }
}

impl Share {
    /// Joins the session's schedule, or starts it, carrying on from `carried` (what this
    /// instance last knew, when it joins again after a stop) if it becomes the owner.
    ///
    /// # Errors
    /// When the OS refuses the eventfd or the thread.
    pub fn start(
        plan: Plan,
        local: Sink,
        program: Program,
        carried: Handover,
    ) -> std::io::Result<Share> {
        let stop = Bell::new()?;
        let ctx = Arc::new(Ctx {
            plan: Mutex::new(plan),
            state: Mutex::new(State::default()),
            local,
            program,
            dir: crate::paths::runtime_dir(),
            stop,
            stopping: AtomicBool::new(false),
            natural: Mutex::new(None),
            last: Mutex::new(carried),
        });
        let thread_ctx = Arc::clone(&ctx);
        let join = std::thread::Builder::new()
            .name("knotless-schedule".into())
            .spawn(move || run(&thread_ctx))?;
        Ok(Share {
            ctx,
            join: Some(join),
        })
    }

    /// Never blocks for long: a write of a few bytes to the owner, or a channel send.
    pub fn send(&self, command: SchedulerCommand) {
        self.ctx.command(command);
    }

    /// New settings (a reloaded config): an owner restarts its scheduler with them, carrying
    /// its status on; an attached instance keeps them for when it takes over.
    pub fn replan(&self, plan: Plan) {
        *lock(&self.ctx.plan) = plan;
        owner::restart(&self.ctx);
    }

    /// The schedule's last status and open reminder as this instance knows them: what it
    /// carries on with if it joins again after a stop and nobody took the schedule meanwhile.
    #[must_use]
    pub fn handover(&self) -> Handover {
        lock(&self.ctx.last).clone()
    }

    /// Whether this instance's front end is in a guided session, as its commands said.
    #[must_use]
    pub fn in_session(&self) -> bool {
        lock(&self.ctx.state).in_session
    }

    /// The desktop sources of natural breaks, when this instance owns the schedule.
    #[must_use]
    pub fn natural_breaks(&self) -> Option<Vec<String>> {
        lock(&self.ctx.natural).clone()
    }

    /// This instance's part, for the state file; `None` while it looks for an owner.
    #[must_use]
    pub fn sharing(&self) -> Option<Sharing> {
        let pid = std::process::id();
        match &lock(&self.ctx.state).role {
            Role::Finding => None,
            Role::Owner(_) => Some(Sharing {
                role: SharingRole::Owner,
                owner: pid,
            }),
            Role::Attached { owner, .. } => owner.map(|owner| Sharing {
                role: SharingRole::Attached,
                owner,
            }),
        }
    }
}

impl Drop for Share {
    fn drop(&mut self) {
        self.ctx.stopping.store(true, Ordering::SeqCst);
        self.ctx.stop.ring();
        if let Some(join) = self.join.take() {
            let _ = join.join();
        }
    }
}

impl Ctx {
    fn stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }

    fn command(&self, command: SchedulerCommand) {
        let mut state = lock(&self.state);
        match command {
            SchedulerCommand::SessionStarted => state.in_session = true,
            SchedulerCommand::SessionEnded => state.in_session = false,
            _ => {}
        }
        let sent = match &mut state.role {
            Role::Owner(owned) => {
                owned.command(0, command);
                true
            }
            Role::Attached { writer, .. } => attach::send(writer, command),
            Role::Finding => false,
        };
        let session = matches!(
            command,
            SchedulerCommand::SessionStarted | SchedulerCommand::SessionEnded
        );
        if !sent && !session {
            state.pending.push(command);
        }
    }
}

/// Finds the owner or becomes it, follows it while attached, and starts again when it goes.
fn run(ctx: &Arc<Ctx>) {
    let mut retry = std::time::Duration::from_millis(10);
    while !ctx.stopping() {
        let Some(dir) = &ctx.dir else {
            owner::serve(ctx, None);
            return;
        };
        match owner::try_lock(dir) {
            Ok(Some(lock)) => {
                owner::serve(ctx, Some((lock, dir)));
                return;
            }
            Ok(None) => {}
            // No place for the lock: run alone, as before sharing.
            Err(_) => {
                owner::serve(ctx, None);
                return;
            }
        }
        if let Ok(stream) = UnixStream::connect(dir.join(owner::SOCKET)) {
            retry = std::time::Duration::from_millis(10);
            attach::follow(ctx, stream);
            continue;
        }
        // The lock is held but nobody listens yet: an owner is starting or going.
        ctx.stop.wait(Some(retry));
        retry = (retry * 2).min(std::time::Duration::from_secs(1));
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}
