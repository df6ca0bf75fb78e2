//! `knotless completions SHELL`, `knotless man` and `knotless schema`: text generated from
//! the command-line definition or embedded in the binary, printed to stdout.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// The JSON Schema of a session file (draft-07, which taplo and Even Better TOML support).
pub const SESSION_SCHEMA: &str = include_str!("../../assets/session.schema.json");

#[must_use]
pub fn completions(shell: Shell) -> ExitCode {
    let mut script = Vec::new();
    write_completions(shell, &mut script);
    super::print(&script)
}

/// The completion script for `shell`.
pub fn write_completions(shell: Shell, out: &mut dyn Write) {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "knotless", out);
}

#[must_use]
pub fn man() -> ExitCode {
    match man_page() {
        Ok(page) => super::print(&page),
        Err(e) => {
            super::report(&format!("cannot render the man page: {e}"));
            ExitCode::from(super::EXIT_INVALID)
        }
    }
}

/// The man page: the top-level page (options, subcommands and examples), one section per
/// subcommand with its own options and examples, then the session format, the config file,
/// FILES, ENVIRONMENT and EXIT STATUS (the texts `knotless help` prints).
///
/// # Errors
/// Only if writing to memory fails.
pub fn man_page() -> io::Result<Vec<u8>> {
    let mut command = Cli::command();
    // The subcommands' arguments are deferred until built.
    command.build();
    let mut top = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut top)?;
    // clap_mangen heads the `after_help` text "EXTRA"; ours is examples.
    let mut page = String::from_utf8_lossy(&top)
        .replace(".SH EXTRA", ".SH EXAMPLES")
        .into_bytes();
    for sub in command.get_subcommands() {
        let name = sub.get_name();
        writeln!(page, ".SH \"KNOTLESS {}\"", name.to_uppercase())?;
        let mut section = Vec::new();
        let man = clap_mangen::Man::new(sub.clone().bin_name(format!("knotless {name}")));
        man.render_synopsis_section(&mut section)?;
        man.render_description_section(&mut section)?;
        // Built, every subcommand has `--help`: an options section only for its own.
        if sub
            .get_arguments()
            .any(|a| !a.is_hide_set() && a.get_id() != "help")
        {
            man.render_options_section(&mut section)?;
        }
        man.render_extra_section(&mut section)?;
        // Each part starts with its own `.SH`; inside a subcommand's section they become
        // subsections.
        let section = String::from_utf8_lossy(&section)
            .replace(".SH EXTRA", ".SH EXAMPLES")
            .replace(".SH ", ".SS ");
        page.extend(section.bytes());
    }
    let config = super::help::config_text();
    for (title, text) in [
        ("SESSION FILES", super::help::SESSIONS),
        ("CONFIGURATION", config.as_str()),
        ("FILES", super::help::FILES),
        ("ENVIRONMENT", super::help::ENVIRONMENT),
        ("EXIT STATUS", super::help::EXIT_STATUS),
    ] {
        writeln!(page, ".SH \"{title}\"")?;
        page.extend(roff_verbatim(text).bytes());
    }
    Ok(page)
}

/// Plain text as a roff no-fill block: the lines exactly as written, with the characters
/// roff would read as requests or escapes made literal.
#[must_use]
pub fn roff_verbatim(text: &str) -> String {
    let mut out = String::from(".nf\n");
    for line in text.lines() {
        let line = line.replace('\\', "\\e").replace('-', "\\-");
        if line.starts_with('.') || line.starts_with('\'') {
            out.push_str("\\&");
        }
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(".fi\n");
    out
}

#[must_use]
pub fn schema() -> ExitCode {
    super::print(SESSION_SCHEMA.as_bytes())
}
