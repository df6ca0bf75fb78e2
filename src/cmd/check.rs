//! `knotless check [FILE...]`: validates each file; `PATH: ok` on stdout for a good one, the
//! full diagnostic on stderr for a bad one. Exit 0 when all pass, 1 when any fails. With no
//! file, the user's own: `config.toml` and every session in the sessions folder.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::config::Config;

use crate::session::Source;
use crate::session::library::{Library, art, art_names, load_file};
use crate::text::SafeText;

/// `knotless check` with files, or with none: the user's config and sessions folder.
#[must_use]
pub fn run_or_user_files(files: &[PathBuf]) -> ExitCode {
    if !files.is_empty() {
        return run(files);
    }
    let config_ok = match crate::paths::config_file() {
        Some(path) => config(&path),
        None => {
            super::report("cannot find your home directory; set HOME or XDG_CONFIG_HOME");
            return ExitCode::from(super::EXIT_INVALID);
        }
    };
    let sessions_ok = match crate::paths::user_sessions_dir() {
        Some(dir) => match session_files(&dir) {
            Ok(found) if found.is_empty() => {
                let shown = SafeText::path(&dir).to_string();
                super::out(format_args!(
                    "{shown}: no session files (`knotless new ID` writes one)\n"
                ));
                true
            }
            Ok(found) => run(&found) == ExitCode::SUCCESS,
            Err(message) => {
                super::report(&message);
                false
            }
        },
        None => true,
    };
    if config_ok && sessions_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(super::EXIT_INVALID)
    }
}

/// Checks `config.toml`: `PATH: ok`, `PATH: not found (the defaults apply)`, or the
/// diagnostic on stderr. True when knotless would start with it.
pub fn config(path: &Path) -> bool {
    let shown = SafeText::path(path).to_string();
    if !path.exists() {
        super::out(format_args!(
            "{shown}: not found (the built-in defaults apply; `knotless config default`)\n"
        ));
        return true;
    }
    match Config::load(path) {
        Ok(config) => {
            super::out(format_args!("{shown}: ok\n"));
            warn_unknown_break_session(&shown, config.reminders.session.as_str());
            true
        }
        Err(diag) => {
            diagnostic(&diag.to_string());
            false
        }
    }
}

/// The session files the library would load from `dir` (`*.toml`, not hidden), sorted; none
/// when the folder does not exist yet.
fn session_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(format!(
                "cannot read the sessions folder \"{}\": {e}",
                SafeText::path(dir)
            ));
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let hidden = p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            !hidden && p.extension().is_some_and(|e| e == "toml")
        })
        .collect();
    files.sort();
    Ok(files)
}

#[must_use]
pub fn run(files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for path in files {
        let shown = SafeText::path(path).to_string();
        match load_file(path, Source::File(path.clone())) {
            Ok(session) => {
                super::out(format_args!("{shown}: ok\n"));
                warn_unknown_art(&shown, &session);
            }
            // A located diagnostic is the report `check` exists for, in the compiler's
            // `PATH:LINE:COLUMN:` form; a file that cannot be read is knotless's error.
            Err(crate::session::library::LoadError::Invalid(diag)) => {
                failed = true;
                diagnostic(&diag.to_string());
            }
            Err(e) => {
                failed = true;
                super::report(e.to_string().trim_end());
            }
        }
    }
    if failed {
        ExitCode::from(super::EXIT_INVALID)
    } else {
        ExitCode::SUCCESS
    }
}

/// `[reminders] session` naming no session is allowed (the break is still counted, and the
/// app says why nothing opened), but `check` is where a typo should be heard.
fn warn_unknown_break_session(shown: &str, name: &str) {
    let found = Library::resolve_path(name).unwrap_or_else(|| {
        Library::load(crate::paths::user_sessions_dir().as_deref()).resolve(name)
    });
    if let Err(e) = found {
        crate::exit::err(format_args!(
            "{shown}: warning: [reminders] session: a break will open nothing: {}\n",
            e.headline()
        ));
    }
}

/// An `art` name that does not ship is allowed (the step shows no figure), but `check` is
/// where someone writing a file wants to hear about a typo.
fn warn_unknown_art(shown: &str, session: &crate::session::Session) {
    for step in &session.steps {
        if let Some(name) = step.art.as_deref().filter(|n| art(n).is_none()) {
            crate::exit::err(format_args!(
                "{shown}: warning: step \"{}\": no figure called `{}` ships with knotless, so \
                 none will be shown (available: {})\n",
                step.name,
                name,
                art_names().join(", ")
            ));
        }
    }
}

/// A located diagnostic on stderr, its last line ended.
fn diagnostic(text: &str) {
    crate::exit::err(text);
    if !text.ends_with('\n') {
        crate::exit::err('\n');
    }
}
