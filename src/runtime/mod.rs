//! The services a running knotless needs, shared by every front end: the TUI, plain mode and
//! headless `knotless remind`. They differ only in how they show things.
//!
//! A [`Runtime`] owns the reminder scheduler thread and its notifier, the history thread,
//! the state file that `knotless status` reads, the voice and the sounds. Every thread
//! reports through one channel of [`Event`]s ([`EventSender`]); the front end's main thread
//! waits for it, the caught signals ([`caught_signals`]) and, in the TUI, the config
//! directory's watch ([`watch`]) and the terminal in one `poll` ([`inbox::Inbox`]): no
//! thread only to wait. Nothing here draws or prints.
//!
//! ```text
//!  scheduler ─┐
//!  history   ┴─► EventSender ─┐
//!  signals ──────────────────┤
//!  config watch (TUI) ───────┼─► Inbox::wait (one poll) ──► front end ──► Runtime::{history, scheduler, publish}
//!  terminal (TUI) ───────────┘
//! ```

pub mod event;
pub mod history;
pub mod inbox;
mod schedule_owner;
pub mod watch;

use crate::alert::Alerts;
use crate::clock::{Clock, SystemClock};
use crate::flags::ReminderFlags;
use crate::narrate::{Chime, Utterances};
use crate::platform::sound::Sound;
use crate::platform::speech::Speech;
use crate::remind::notify::{DesktopNotifier, DesktopOptions, Notifier};
use crate::remind::protocol::{Handover, SchedulerCommand};
use crate::remind::schedule::ScheduleStatus;
use crate::remind::settings::ReminderSettings;
use crate::remind::share::Share;
use crate::status::file::StateFile;
use crate::status::{Program, ReminderState, SessionState, StatusState, WallAnchor};

pub use event::{Event, EventSender, HistoryReport};
pub use history::HistoryJob;

use history::HistoryWorker;

/// What the reminders run with: the config's settings with the command-line flags applied.
#[derive(Clone, Debug)]
pub struct ReminderSetup {
    pub settings: ReminderSettings,
    pub alerts: Alerts,
    /// The flags of this run, applied again to a reloaded config.
    pub flags: ReminderFlags,
    /// Offer "Start stretch" on notifications: only where something can open a session.
    pub offer_start: bool,
}

pub struct Runtime {
    program: Program,
    tx: EventSender,
    reminders: ReminderSetup,
    /// The session's one break schedule, owned here or attached to (`schedule_owner`).
    schedule: Option<Share>,
    /// A stop (Ctrl-Z) let the schedule go: whether a session was under way then, and what
    /// this instance knew of the schedule (carried on if nobody took it meanwhile).
    stepped_aside: Option<(bool, Handover)>,
    /// Opened on first use, on its own thread: no front end waits for SQLite.
    history: Option<HistoryWorker>,
    state: Option<StateFile>,
    /// The running session's start as history stores it, for the state file.
    run_started: Option<String>,
    anchor: WallAnchor,
    /// Started on the first thing to say: no thread or connection before.
    speech: Option<Speech>,
    /// Started on the first chime: no thread or connection before.
    sound: Option<Sound>,
    /// Desktop notifications of long phases that ended while the user was away, each on a
    /// thread of its own (rare: phases of minutes), joined at shutdown.
    told: Vec<std::thread::JoinHandle<()>>,
}

impl Runtime {
    /// Nothing starts yet: front ends draw their first frame before they start services.
    #[must_use]
    pub fn new(program: Program, reminders: ReminderSetup, tx: EventSender) -> Runtime {
        let clock = SystemClock;
        Runtime {
            program,
            tx,
            reminders,
            schedule: None,
            stepped_aside: None,
            history: None,
            state: StateFile::for_this_process(),
            run_started: None,
            anchor: WallAnchor {
                moment: clock.now(),
                wall: clock.wall(),
            },
            speech: None,
            sound: None,
            told: Vec::new(),
        }
    }

    #[must_use]
    pub fn reminders(&self) -> &ReminderSetup {
        &self.reminders
    }

    /// Where the front end's channel is: for threads the front end starts itself.
    #[must_use]
    pub fn sender(&self) -> EventSender {
        self.tx.clone()
    }

    /// Takes a reloaded config's reminder settings, this run's flags over them (`--every`,
    /// `--no-remind` still win), in the app and in `remind` alike. `Ok(true)`: they differ,
    /// so the caller restarts the scheduler.
    ///
    /// # Errors
    /// When the flags do not fit the new settings; the message says why.
    pub fn reload_reminders(&mut self, config: &crate::config::Config) -> Result<bool, String> {
        let settings = crate::config::apply_flags(config.reminders.clone(), &self.reminders.flags)?;
        Ok(self.set_reminders(settings, config.alerts))
    }

    fn set_reminders(&mut self, settings: ReminderSettings, alerts: Alerts) -> bool {
        let changed =
            settings != self.reminders.settings || alerts.desktop != self.reminders.alerts.desktop;
        self.reminders.settings = settings;
        self.reminders.alerts = alerts;
        changed
    }

    /// Never blocks; nothing happens when reminders are off.
    pub fn scheduler(&self, command: SchedulerCommand) {
        if let Some(schedule) = &self.schedule {
            schedule.send(command);
        }
    }

    /// Queues a history job; never blocks. The first use starts the history thread.
    pub fn history(&mut self, job: HistoryJob) {
        match &job {
            HistoryJob::StartRun { at, .. } => {
                // Milliseconds, as the store keeps them, so `history` can match the row.
                let ms = jiff::Timestamp::from_millisecond(at.as_millisecond()).unwrap_or(*at);
                self.run_started = Some(ms.to_string());
            }
            HistoryJob::FinishRun { .. } => self.run_started = None,
            _ => {}
        }
        let tx = &self.tx;
        self.history
            .get_or_insert_with(|| HistoryWorker::spawn(tx.clone()))
            .send(job);
    }

    /// Says `utterances` through speech-dispatcher; never blocks. The first use starts the
    /// voice's worker; when it cannot speak, `Event::VoiceFailed` says why.
    pub fn speak(&mut self, utterances: Utterances) {
        if self.speech.is_none() {
            let tx = self.tx.clone();
            self.speech = Speech::spawn(Box::new(move |reason| {
                let _ = tx.send(Event::VoiceFailed(reason));
            }));
        }
        if let Some(speech) = &self.speech {
            speech.say(utterances);
        }
    }

    /// Stops speech at once (a skip, quitting, the voice turned off); nothing when it never
    /// spoke.
    pub fn silence(&self) {
        if let Some(speech) = &self.speech {
            speech.silence();
        }
    }

    /// Plays a chime through the sound server; never blocks. The first use starts the sound
    /// worker; when it cannot play, `Event::SoundFailed` says why.
    pub fn play(&mut self, chime: Chime) {
        if self.sound.is_none() {
            let tx = self.tx.clone();
            self.sound = Sound::spawn(Box::new(move |chime, reason| {
                let _ = tx.send(Event::SoundFailed(chime, reason));
            }));
        }
        if let Some(sound) = &self.sound {
            sound.play(chime);
        }
    }

    /// A desktop notification through the reminders' notifier (bounded by its call deadline),
    /// on a thread of its own; never blocks.
    pub fn tell_desktop(&mut self, summary: String, body: String) {
        self.told.retain(|t| !t.is_finished());
        let spawned = std::thread::Builder::new()
            .name("away".into())
            .spawn(move || {
                let mut notifier = DesktopNotifier::new(DesktopOptions {
                    sound: false,
                    offer_start: false,
                    listen_for: std::time::Duration::ZERO,
                    call_timeout: std::time::Duration::from_secs(2),
                    ..DesktopOptions::default()
                });
                let reminder = crate::remind::messages::Reminder {
                    summary: summary.into(),
                    body: body.into(),
                };
                let stop = crate::remind::notify::StopSignal::default();
                notifier.notify(&reminder, &|_| {}, &stop);
            });
        self.told.extend(spawned.ok());
    }

    /// Lets what is queued be said and played to the end instead of cut off at shutdown (a
    /// session that ran its course, in plain mode, exits right after its last words).
    pub fn finish_cues(&mut self) {
        if let Some(speech) = self.speech.take() {
            speech.finish();
        }
        if let Some(sound) = self.sound.take() {
            sound.finish();
        }
    }

    /// The anchor that turns `Moment`s into wall-clock times for the state file.
    #[must_use]
    pub fn anchor(&self) -> &WallAnchor {
        &self.anchor
    }

    /// Writes the state file for `knotless status` (only when it changed).
    pub fn publish(
        &mut self,
        mut session: Option<SessionState>,
        reminders: Option<&ScheduleStatus>,
    ) {
        if let Some(session) = &mut session {
            session.started.clone_from(&self.run_started);
        }
        let state = StatusState {
            pid: std::process::id(),
            program: self.program,
            session,
            reminders: reminders.map(|s| ReminderState::from_schedule(s, &self.anchor)),
            schedule: self.sharing(),
            natural_breaks: self.schedule.as_ref().and_then(Share::natural_breaks),
        };
        if let Some(file) = &mut self.state {
            file.update(&state);
        }
    }

    /// This instance's part in the shared break schedule; `None` while it looks for an
    /// owner, or with reminders off.
    #[must_use]
    pub fn sharing(&self) -> Option<crate::status::Sharing> {
        self.schedule.as_ref().and_then(Share::sharing)
    }

    /// The schedule's status in wall-clock terms, as the state file and `remind` word it.
    #[must_use]
    pub fn reminder_state(&self, status: &ScheduleStatus) -> ReminderState {
        ReminderState::from_schedule(status, &self.anchor)
    }

    /// Stops the scheduler (waiting at most its send deadline, so the last reminder still
    /// reaches the desktop) and the history thread (after the jobs already queued).
    pub fn shutdown(&mut self) {
        self.schedule = None;
        self.history = None;
        // Dropping the voice silences it.
        self.speech = None;
        self.sound = None;
        // Each is bounded by the notifier's call deadline.
        for told in self.told.drain(..) {
            let _ = told.join();
        }
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Signals every front end handles: they end the program cleanly (history says how).
pub const END_SIGNALS: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

/// The signals a front end catches: `END_SIGNALS`, and with `stop` SIGTSTP from outside (so
/// it takes the same clean path as the Ctrl-Z key).
#[must_use]
pub fn caught_signals(stop: bool) -> Vec<i32> {
    let mut wanted = END_SIGNALS.to_vec();
    if stop {
        wanted.push(signal_hook::consts::SIGTSTP);
    }
    wanted
}

/// What a caught signal means to a front end's loop.
#[must_use]
pub fn signal_event(sig: i32) -> Event {
    if sig == signal_hook::consts::SIGTSTP {
        Event::SuspendRequested
    } else {
        Event::Signal(sig)
    }
}

/// The configuration every front end starts from: the config file (or the defaults) with
/// this run's flags applied. Reports a problem itself and returns the exit status.
///
/// # Errors
/// A broken config file (`EXIT_INVALID`, with its located diagnostic) or a bad flag value
/// (`EXIT_USAGE`).
pub fn configure(
    flags: &ReminderFlags,
    offer_start: bool,
) -> Result<(crate::config::Config, ReminderSetup), std::process::ExitCode> {
    use crate::exit::{EXIT_INVALID, EXIT_USAGE, report};
    let config = crate::config::Config::load_default().map_err(|diag| {
        crate::exit::err(&diag);
        report("the config file has an error; fix it (or move it away) and start again");
        std::process::ExitCode::from(EXIT_INVALID)
    })?;
    let settings = crate::config::apply_flags(config.reminders.clone(), flags).map_err(|m| {
        report(&m);
        std::process::ExitCode::from(EXIT_USAGE)
    })?;
    let setup = ReminderSetup {
        settings,
        alerts: config.alerts,
        flags: flags.clone(),
        offer_start,
    };
    Ok((config, setup))
}
