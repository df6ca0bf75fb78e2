//! `knotless help [TOPIC|COMMAND]`: the session format and the config file from the program
//! alone. The same texts are sections of the man page (`knotless man`), so the two never
//! disagree.

use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::diag::{Quote, suggest};

/// The session format, with an example (`knotless help sessions`, man page "SESSION FILES").
pub const SESSIONS: &str = include_str!("help/sessions.txt");
/// The man page's FILES section.
pub const FILES: &str = include_str!("help/files.txt");
/// The man page's ENVIRONMENT section.
pub const ENVIRONMENT: &str = include_str!("help/environment.txt");
/// The man page's EXIT STATUS section.
pub const EXIT_STATUS: &str = include_str!("help/exit_status.txt");
const CONFIG_INTRO: &str = include_str!("help/config.txt");

/// The topics besides the commands.
pub const TOPICS: [&str; 2] = ["sessions", "config"];

/// `knotless help config` (man page "CONFIGURATION"): how the file is read, then the whole
/// commented default file.
#[must_use]
pub fn config_text() -> String {
    format!("{CONFIG_INTRO}{}", super::config_cmd::DEFAULT_CONFIG)
}

#[must_use]
pub fn run(topic: Option<&str>) -> ExitCode {
    let mut command = Cli::command();
    command.build();
    let text = match topic {
        None => format!(
            "{}\nHelp topics:\n  knotless help sessions   the session file format, with an \
             example\n  knotless help config     config.toml: where it is, every key\n",
            command.render_long_help()
        ),
        Some("sessions") => SESSIONS.to_string(),
        Some("config") => config_text(),
        Some(name) => match command.find_subcommand_mut(name) {
            Some(sub) => sub.render_long_help().to_string(),
            None => {
                let mut known: Vec<&str> = TOPICS.to_vec();
                known.extend(command.get_subcommands().map(clap::Command::get_name));
                let hint = suggest(name, &known, Quote::Command("knotless help"), || {
                    format!("the topics are {}, and every command", TOPICS.join(", "))
                });
                super::report(&format!(
                    "no help on \"{}\"; {hint}",
                    crate::text::SafeText::new(name)
                ));
                return ExitCode::from(super::EXIT_USAGE);
            }
        },
    };
    super::print(text.as_bytes())
}
