//! The attached side: follows the owner's status and reminders and sends it this
//! instance's commands, until the owner's end (end-of-file) or this instance's.

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::time::Duration;

use rustix::event::{PollFd, PollFlags};

use super::wire::{self, ToAttached, ToOwner};
use super::{Ctx, Role, lock};
use crate::remind::protocol::{ReminderEvent, SchedulerCommand};
use crate::text::SafeText;

/// A command to the owner; `false` when it could not be written (the owner is going).
pub(super) fn send(writer: &UnixStream, command: SchedulerCommand) -> bool {
    let Some(message) = ToOwner::from_command(command) else {
        return true;
    };
    (&*writer).write_all(&wire::line(&message)).is_ok()
}

/// Follows the owner on `stream`, keeping what it last heard (`Ctx::last`) for a take-over.
pub(super) fn follow(ctx: &Ctx, stream: UnixStream) {
    let Ok(writer) = stream.try_clone() else {
        return;
    };
    let _ = writer.set_write_timeout(Some(Duration::from_millis(200)));
    {
        let mut state = lock(&ctx.state);
        if state.in_session {
            send(&writer, SchedulerCommand::SessionStarted);
        }
        for command in std::mem::take(&mut state.pending) {
            send(&writer, command);
        }
        state.role = Role::Attached {
            writer,
            owner: None,
        };
    }
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !ctx.stopping() {
        let mut fds = [
            PollFd::new(&ctx.stop, PollFlags::IN),
            PollFd::new(&stream, PollFlags::IN),
        ];
        if rustix::event::poll(&mut fds, None).is_err() {
            continue;
        }
        let (stop, data) = (!fds[0].revents().is_empty(), !fds[1].revents().is_empty());
        if stop {
            ctx.stop.drain();
        }
        if data {
            match (&stream).read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        for message in wire::take_lines::<ToAttached>(&mut buf) {
            heard(ctx, message);
        }
    }
    lock(&ctx.state).role = Role::Finding;
}

fn heard(ctx: &Ctx, message: ToAttached) {
    match message {
        ToAttached::Owner { pid, .. } => {
            if let Role::Attached { owner, .. } = &mut lock(&ctx.state).role {
                *owner = Some(pid);
            }
        }
        ToAttached::Status(status) => {
            if let Some(status) = status.schedule() {
                lock(&ctx.last).status = Some(status.clone());
                (ctx.local)(ReminderEvent::StatusChanged(status));
            }
        }
        // Text from another process enters here: made safe as it is made.
        ToAttached::Fired { summary, body } => (ctx.local)(ReminderEvent::Fired {
            summary: SafeText::new(&summary),
            body: SafeText::new(&body),
            relayed: true,
        }),
        ToAttached::Open(open) => lock(&ctx.last).open = open.map(Into::into),
        ToAttached::NaturalBreaks(sources) => {
            (ctx.local)(ReminderEvent::NaturalBreakSources(sources));
        }
        ToAttached::Resolved { outcome } => {
            if let Some(outcome) = crate::history::ReminderOutcome::parse(&outcome) {
                (ctx.local)(ReminderEvent::Resolved {
                    outcome,
                    relayed: true,
                });
            }
        }
    }
}
