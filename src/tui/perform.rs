//! The one place the TUI's effects are carried out, through two doors that tests replace:
//! the terminal side ([`Screen`]: ratatui's terminal, raw escapes beside it, suspend) and
//! the services ([`Services`]: history, the scheduler, the state file, files).

use std::io::{self, Write};

use crate::alert::terminal_notification;
use crate::narrate::{Chime, Utterances};
use crate::remind::protocol::SchedulerCommand;
use crate::remind::schedule::ScheduleStatus;
use crate::runtime::HistoryJob;
use crate::session::library::Library;
use crate::tui::effects::Effect;
use crate::tui::painter::Painter;
use crate::tui::state::{App, Reload};

/// The terminal: frames through a [`Painter`], and raw bytes beside them.
pub trait Screen {
    type Backend: ratatui::backend::Backend;
    fn painter(&mut self) -> &mut Painter<Self::Backend>;
    /// Bytes that go out with the next frame (the bell, a title, a terminal notification).
    fn raw(&mut self) -> &mut dyn Write;
    /// Gives the terminal back, stops the process (job control), and takes it again.
    ///
    /// # Errors
    /// When the terminal cannot be restored or re-entered.
    fn suspend(&mut self) -> io::Result<()>;
    /// The terminal says its size changed: the next frame is drawn whole, at its new size.
    ///
    /// # Errors
    /// When the new size cannot be read.
    fn resized(&mut self) -> io::Result<()> {
        self.painter()
            .fit()
            .map_err(|e| io::Error::other(e.to_string()))
    }
}

/// Everything beyond the terminal that a running TUI uses.
pub trait Services {
    fn history(&mut self, job: HistoryJob);
    fn scheduler(&mut self, command: SchedulerCommand);
    fn stats(&mut self);
    fn advisory(&mut self);
    fn acknowledge_safety(&mut self);
    /// Keeps the state file for `knotless status` current.
    fn publish(&mut self, app: &App, reminders: Option<&ScheduleStatus>);
    /// After the first frame: start reminders; `Err` when they could not start,
    /// `Ok(false)` when they are off.
    fn start(&mut self, in_session: bool) -> Result<bool, String>;
    /// Files changed: read them again.
    fn reload(&mut self, in_session: bool) -> Reload;
    /// The built-in and user sessions, read now.
    fn library(&mut self) -> Library;
    /// The voice: never blocks.
    fn speak(&mut self, utterances: Utterances);
    fn silence(&mut self);
    /// A chime: never blocks.
    fn play(&mut self, chime: Chime);
    /// A desktop notification that a long phase ended: never blocks.
    fn away(&mut self, summary: String, body: String);
    /// This instance's part in the shared break schedule (`None`: reminders off, or still
    /// looking for the owner).
    fn sharing(&self) -> Option<crate::status::Sharing> {
        None
    }
    /// The process is about to stop (Ctrl-Z): it lets the shared break schedule go, and
    /// its state file says what `app` shows now (a paused session, no schedule), so
    /// `knotless status` does not read a stopped process as the schedule's owner.
    fn suspending(&mut self, app: &App) {
        let _ = app;
    }
    /// ... and runs again: it joins the schedule again.
    fn resumed(&mut self) {}
}

/// Carries out `effects`, in order. Exhaustive: a new effect does not compile until it is
/// handled here.
///
/// # Errors
/// When suspending fails to give back or retake the terminal.
pub fn carry_out<S: Screen>(
    effects: Vec<Effect>,
    app: &App,
    screen: &mut S,
    services: &mut dyn Services,
) -> io::Result<()> {
    for effect in effects {
        match effect {
            Effect::Bell => {
                let _ = screen.raw().write_all(b"\x07");
            }
            Effect::Suspend => {
                services.suspending(app);
                let suspended = screen.suspend();
                services.resumed();
                suspended?;
            }
            Effect::TerminalAlert { summary, body } => {
                let raw = screen.raw();
                let _ = raw.write_all(terminal_notification(&summary, &body).as_bytes());
            }
            Effect::SafetyAcknowledged => services.acknowledge_safety(),
            Effect::History(job) => services.history(job),
            Effect::Scheduler(command) => services.scheduler(command),
            Effect::RequestStats => services.stats(),
            Effect::RefreshAdvisory => services.advisory(),
            Effect::Speak(utterances) => services.speak(utterances),
            Effect::Silence => services.silence(),
            Effect::Chime(chime) => services.play(chime),
            Effect::Away { summary, body } => services.away(summary, body),
        }
    }
    Ok(())
}
