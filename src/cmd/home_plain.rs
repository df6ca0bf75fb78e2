//! `knotless` without a terminal to draw on (not a terminal, or `TERM=dumb`): the home as
//! plain lines, the sessions and the next break, then exit. Writes no escape sequences.

use std::process::ExitCode;

use crate::config::{Config, apply_flags};
use crate::flags::ReminderFlags;
use crate::remind::settings::ReminderSettings;
use crate::session::library::Library;
use crate::status::{Snapshot, file};

#[must_use]
pub fn run(flags: &ReminderFlags) -> ExitCode {
    let config = match Config::load_default() {
        Ok(config) => config,
        Err(diag) => {
            crate::exit::err(&diag);
            super::report("the config file has an error; fix it (`knotless config edit`)");
            return ExitCode::from(super::EXIT_INVALID);
        }
    };
    let settings = match apply_flags(config.reminders, flags) {
        Ok(settings) => settings,
        Err(message) => {
            super::report(&message);
            return ExitCode::from(super::EXIT_USAGE);
        }
    };
    let library = Library::load(crate::paths::user_sessions_dir().as_deref());
    super::out(super::list::table(&library));
    super::list::warn_broken(&library);
    let snapshot = crate::paths::state_dir()
        .map(|dir| Snapshot::merge(file::read_all(&dir)))
        .unwrap_or_default();
    let now = jiff::Timestamp::now();
    let zone = crate::platform::clock::local_zone();
    super::out(format_args!(
        "\n{}\nStart one with `knotless run ID`; `knotless help` lists everything else.\n",
        next_break(&settings, &snapshot, now, &zone)
    ));
    ExitCode::SUCCESS
}

/// The line about breaks: what a running knotless says, or the rule they would follow.
#[must_use]
pub fn next_break(
    settings: &ReminderSettings,
    snapshot: &Snapshot,
    now: jiff::Timestamp,
    zone: &jiff::tz::TimeZone,
) -> String {
    if let Some(reminders) = &snapshot.reminders {
        // The sentence form `remind` prints, not the status bar's terse one.
        let said = reminders.words(now, zone, crate::status::model::Wording::Log);
        let said = crate::text::capitalised(&said);
        return format!("{said} (from the knotless running now).");
    }
    if !settings.enabled {
        return "Movement-break reminders are off (`enabled = false` or --no-remind).".into();
    }
    // The hours and days as `remind` says them.
    format!(
        "Next break: none due, as no knotless with reminders is running; while one runs, a \
         break comes every {}; {}. `knotless remind` runs them without the screen.",
        settings.every,
        crate::status::service::hours_line(settings)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::ReminderState;

    fn said(state: &str, at: Option<&str>) -> String {
        let snapshot = Snapshot {
            pids: vec![7],
            reminders: Some(ReminderState {
                state: state.into(),
                at: at.map(Into::into),
            }),
            ..Snapshot::default()
        };
        let now = "2026-03-02T10:00:00Z".parse().unwrap();
        let settings = ReminderSettings::default();
        next_break(&settings, &snapshot, now, &jiff::tz::TimeZone::UTC)
    }

    #[test]
    fn a_running_knotless_breaks_are_said_in_sentences() {
        assert_eq!(
            said("next_break", Some("2026-03-02T10:23:00Z")),
            "Next break at 10:23, in 23 min (from the knotless running now)."
        );
        assert_eq!(
            said("held", None),
            "Break reminders wait for the session (from the knotless running now)."
        );
    }

    #[test]
    fn with_none_running_the_settings_are_said_as_remind_says_them() {
        use crate::remind::settings::{Days, WorkingHours};
        let days = ["mon", "tue", "wed", "thu", "fri"]
            .iter()
            .fold(Days::NONE, |d, n| d.with(Days::parse_day(n).unwrap()));
        let settings = ReminderSettings {
            hours: Some(WorkingHours::parse("09:00..17:30").unwrap()),
            days,
            ..ReminderSettings::default()
        };
        let now = "2026-03-02T10:00:00Z".parse().unwrap();
        let line = next_break(
            &settings,
            &Snapshot::default(),
            now,
            &jiff::tz::TimeZone::UTC,
        );
        assert!(
            line.ends_with(
                "a break comes every 45m; working hours 09:00–17:30, Mon–Fri. `knotless remind` \
                 runs them without the screen."
            ),
            "{line}"
        );
    }
}
