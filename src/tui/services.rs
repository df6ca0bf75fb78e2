//! The TUI's services: the shared [`Runtime`] (history, the scheduler, the state file),
//! plus what only the TUI does with them: the safety
//! flag, stats for the screen, and live reload of the config and the session library.

use crate::clock::{Clock, SystemClock};
use crate::config::{Config, ThemeName};
use crate::remind::protocol::SchedulerCommand;
use crate::remind::schedule::ScheduleStatus;
use crate::runtime::{HistoryJob, Runtime};
use crate::session::library::Library;
use crate::status::SessionState;
use crate::tui::perform::Services;
use crate::tui::state::Reload;
use crate::tui::state::{App, BreakSession, Prefs};
use crate::tui::theme::{Theme, no_color_env};

pub struct TuiServices {
    runtime: Runtime,
    /// `--theme` for this run: a reloaded config's theme applies only without it.
    theme_flag: Option<ThemeName>,
    quiet: bool,
    started: bool,
}

impl TuiServices {
    #[must_use]
    pub fn new(runtime: Runtime, theme_flag: Option<ThemeName>) -> TuiServices {
        let quiet = runtime.reminders().flags.quiet;
        TuiServices {
            runtime,
            theme_flag,
            quiet,
            started: false,
        }
    }

    /// What the config decides for the screen, with this run's flags.
    #[must_use]
    pub fn prefs(&self, config: &Config) -> Prefs {
        let theme = Theme::resolve(config.theme, self.theme_flag, no_color_env());
        // crossterm drops colours by itself under NO_COLOR; the resolved theme decides instead
        // (a `--theme` typed for this run wins over NO_COLOR, as no-color.org recommends).
        ratatui::crossterm::style::force_color_output(theme.colour);
        Prefs {
            theme,
            checkin: config.checkin.enabled,
            quiet: self.quiet,
            alerts: config.alerts,
            break_session: break_session(self.runtime.reminders().settings.session.as_str()),
            voice: config.voice.enabled || self.runtime.reminders().flags.voice,
            voice_says: config.voice.detail,
            sound: (config.sound.enabled && !self.quiet).then_some(config.sound.chimes),
            away_after: config.away_after,
        }
    }

    pub fn shutdown(&mut self) {
        self.runtime.shutdown();
    }

    /// Today in the system's time zone, the one the history writer counts days in.
    fn today(&self) -> jiff::civil::Date {
        crate::history::stats::local_date(SystemClock.wall(), &SystemClock.zone())
    }
}

impl Services for TuiServices {
    fn history(&mut self, job: HistoryJob) {
        self.runtime.history(job);
    }

    fn sharing(&self) -> Option<crate::status::Sharing> {
        self.runtime.sharing()
    }

    fn scheduler(&mut self, command: SchedulerCommand) {
        self.runtime.scheduler(command);
    }

    fn stats(&mut self) {
        let today = self.today();
        self.runtime.history(HistoryJob::Stats { today });
    }

    fn advisory(&mut self) {
        let today = self.today();
        self.runtime.history(HistoryJob::Advisory { today });
    }

    fn acknowledge_safety(&mut self) {
        let _ = crate::safety::acknowledge();
    }

    fn publish(&mut self, app: &App, reminders: Option<&ScheduleStatus>) {
        let now = app.now();
        let session = app
            .session()
            .filter(|_| app.screen() == crate::tui::state::Screen::Session)
            .and_then(|s| {
                SessionState::from_runner(s.session(), s.runner(), now, self.runtime.anchor())
            });
        self.runtime.publish(session, reminders);
    }

    fn start(&mut self, in_session: bool) -> Result<bool, String> {
        self.started = true;
        self.runtime.start_reminders(in_session)
    }

    fn suspending(&mut self, app: &App) {
        self.runtime.step_aside();
        self.publish(app, None);
    }

    fn resumed(&mut self) {
        // Where the OS refuses the thread now, this run goes on without reminders, as
        // one whose reminders could not start.
        let _ = self.runtime.step_back();
    }

    fn speak(&mut self, utterances: crate::narrate::Utterances) {
        self.runtime.speak(utterances);
    }

    fn silence(&mut self) {
        self.runtime.silence();
    }

    fn play(&mut self, chime: crate::narrate::Chime) {
        self.runtime.play(chime);
    }

    fn away(&mut self, summary: String, body: String) {
        self.runtime.tell_desktop(summary, body);
    }

    fn library(&mut self) -> Library {
        Library::load(crate::paths::user_sessions_dir().as_deref())
    }

    fn reload(&mut self, in_session: bool) -> Reload {
        let library = self.library();
        let config = match Config::load_default() {
            Ok(config) => config,
            Err(diag) => {
                let notice = crate::text::SafeText::new(&format!(
                    "config.toml: kept the previous settings; {}",
                    crate::tui::state::diagnostic_detail(&diag)
                ));
                return Reload {
                    prefs: Err(notice),
                    library,
                    reminders: None,
                };
            }
        };
        let changed = self.runtime.reload_reminders(&config).unwrap_or(false);
        let reminders = (changed && self.started).then(|| self.runtime.start_reminders(in_session));
        Reload {
            prefs: Ok(self.prefs(&config)),
            library,
            reminders,
        }
    }
}

/// `[reminders] session`: an id stays one, to look up when the break is taken; a path is
/// read now, with the config, since the state machine reads no files.
fn break_session(name: &str) -> BreakSession {
    match Library::resolve_path(name) {
        None => BreakSession::Id(name.to_string()),
        Some(read) => BreakSession::File(read.map(Box::new).map_err(|e| {
            crate::tui::state::notice(
                std::path::Path::new(name),
                "the break session cannot open",
                &e,
            )
        })),
    }
}
