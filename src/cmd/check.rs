//! `knotless check FILE...`: validates each file; `PATH: ok` on stdout for a good one, the
//! full diagnostic on stderr for a bad one. Exit 0 when all pass, 1 when any fails.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::session::Source;
use crate::session::library::{art, art_names, load_file};
use crate::text::sanitize;

#[must_use]
pub fn run(files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for path in files {
        let shown = sanitize(&path.display().to_string());
        match load_file(path, Source::File(path.clone())) {
            Ok(session) => {
                println!("{shown}: ok");
                warn_unknown_art(&shown, &session);
            }
            Err(e) => {
                failed = true;
                let text = e.to_string();
                eprint!("{text}");
                if !text.ends_with('\n') {
                    eprintln!();
                }
            }
        }
    }
    if failed {
        ExitCode::from(super::EXIT_INVALID)
    } else {
        ExitCode::SUCCESS
    }
}

/// An `art` name that does not ship is allowed (the step shows no figure), but `check` is
/// where someone writing a file wants to hear about a typo.
fn warn_unknown_art(shown: &str, session: &crate::session::Session) {
    for step in &session.steps {
        if let Some(name) = step.art.as_deref().filter(|n| art(n).is_none()) {
            eprintln!(
                "{shown}: warning: step \"{}\": no figure called `{}` ships with knotless, so \
                 none will be shown (available: {})",
                sanitize(&step.name),
                sanitize(name),
                art_names().join(", ")
            );
        }
    }
}
