//! `knotless config path|show|default|edit|check`: everything about `config.toml` from the
//! program alone: where it lives, what is in effect and why, a commented default, editing
//! and checking it.

mod show;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{EXIT_INVALID, report};
use crate::cli::ConfigAction;
use crate::text::SafeText;

/// The complete default config, with a comment on every key. `Config::parse` of this text is
/// exactly `Config::default()` (a test holds it to that).
pub const DEFAULT_CONFIG: &str = include_str!("default_config.toml");

#[must_use]
pub fn run(action: ConfigAction) -> ExitCode {
    let Some(path) = crate::paths::config_file() else {
        report("cannot find your home directory; set HOME or XDG_CONFIG_HOME");
        return ExitCode::from(EXIT_INVALID);
    };
    match action {
        ConfigAction::Path => super::print(path_listing(&path).as_bytes()),
        ConfigAction::Show { flags } => show::run(&path, &flags),
        ConfigAction::Default => super::print(DEFAULT_CONFIG.as_bytes()),
        ConfigAction::Edit => edit(&path),
        ConfigAction::Check => exit(super::check::config(&path)),
    }
}

fn exit(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_INVALID)
    }
}

/// One line per file knotless reads or writes: what it is, where, and whether it exists.
fn path_listing(config: &Path) -> String {
    let rows: [(&str, Option<PathBuf>); 5] = [
        ("config", Some(config.to_path_buf())),
        ("sessions", crate::paths::user_sessions_dir()),
        ("history", crate::paths::history_file()),
        ("state", crate::paths::state_dir()),
        ("setup", crate::paths::setup_manifest()),
    ];
    let mut out = String::new();
    for (what, path) in rows {
        let Some(path) = path else { continue };
        let exists = if path.exists() {
            "exists"
        } else if what == "config" {
            "not found: the built-in defaults apply"
        } else {
            "not created yet"
        };
        let shown = SafeText::path(&path).to_string();
        out.push_str(&format!("{what:<9} {shown} ({exists})\n"));
    }
    out
}

/// Opens the config in the editor (writing the commented default first when there is no
/// file), then checks it; at a terminal, offers to edit again while it has errors.
fn edit(path: &Path) -> ExitCode {
    let shown = SafeText::path(path).to_string();
    if !path.exists() {
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(path, DEFAULT_CONFIG));
        if let Err(e) = written {
            report(&format!(
                "cannot write \"{shown}\": {e}; check that the folder is writable"
            ));
            return ExitCode::from(EXIT_INVALID);
        }
        crate::exit::err(format_args!(
            "{shown}: written with the defaults, to edit\n"
        ));
    }
    let interactive = std::io::IsTerminal::is_terminal(&std::io::stdin());
    loop {
        if let Err(message) = super::author::run_editor(path) {
            report(&message);
            return ExitCode::from(EXIT_INVALID);
        }
        if super::check::config(path) {
            return ExitCode::SUCCESS;
        }
        if !(interactive && super::author::ask("Edit again? [Y/n] ")) {
            report(&format!(
                "\"{shown}\" has errors; knotless will not start until they are fixed \
                 (`knotless config edit`)"
            ));
            return ExitCode::from(EXIT_INVALID);
        }
    }
}
