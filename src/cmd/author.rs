//! `knotless new ID` and `knotless edit ID`: write a session template to the user's sessions
//! directory, and open a session in the user's editor, checking it after every save.

use std::fs;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use super::{EXIT_INVALID, EXIT_USAGE, report};
use crate::diag::{Quote, suggest};
use crate::session::library::{Library, built_in_text};
use crate::text::SafeText;

const TEMPLATE: &str = include_str!("session_template.toml");
/// Long enough for any real name, short enough to stay a file name everywhere.
const MAX_ID: usize = 64;

/// Checks a session id: it becomes a file name and is typed on command lines, so only ASCII
/// letters, digits, `-` and `_`.
///
/// # Errors
/// A message saying what is wrong and what to write instead.
pub fn validate_id(id: &str) -> Result<(), String> {
    const RULE: &str = "use ASCII letters, digits, `-` and `_`, like `my-stretch`";
    if id.is_empty() {
        return Err(format!("the session id is empty; {RULE}"));
    }
    if id.chars().count() > MAX_ID {
        return Err(format!("the session id is longer than {MAX_ID} characters"));
    }
    if let Some(bad) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(format!(
            "the session id \"{}\" contains {bad:?}; {RULE}",
            SafeText::new(id)
        ));
    }
    if id.starts_with('-') {
        return Err(format!(
            "the session id \"{}\" starts with `-`; {RULE}",
            SafeText::new(id)
        ));
    }
    Ok(())
}

/// The commented template for a new session, titled after its id.
#[must_use]
pub fn template(id: &str) -> String {
    TEMPLATE.replace("__TITLE__", &title_from_id(id))
}

/// `evening_wind-down` → `Evening wind down`.
fn title_from_id(id: &str) -> String {
    let words = id.replace(['-', '_'], " ");
    match crate::text::capitalised(words.trim()) {
        title if title.is_empty() => "My session".to_string(),
        title => title,
    }
}

/// The user sessions folder and `<id>.toml` in it, once the id is valid (usage error, exit 2,
/// otherwise).
fn user_file(id: &str) -> Result<(PathBuf, PathBuf), ExitCode> {
    if let Err(message) = validate_id(id) {
        report(&message);
        return Err(ExitCode::from(EXIT_USAGE));
    }
    let dir = sessions_dir()?;
    let path = dir.join(format!("{id}.toml"));
    Ok((dir, path))
}

fn sessions_dir() -> Result<PathBuf, ExitCode> {
    crate::paths::user_sessions_dir().ok_or_else(|| {
        report("cannot find your home directory; set HOME or XDG_CONFIG_HOME");
        ExitCode::from(EXIT_INVALID)
    })
}

/// Creates `path` with `text`, never replacing an existing file (even one created a moment
/// ago by something else: `create_new` is atomic).
fn write_new(path: &Path, text: &str) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

#[must_use]
pub fn new(id: &str) -> ExitCode {
    let (_, path) = match user_file(id) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let shown = SafeText::path(&path).to_string();
    match write_new(&path, &template(id)) {
        Ok(()) => {
            if built_in_text(id).is_some() {
                report(&format!(
                    "note: `{id}` is also a built-in session; your file replaces it"
                ));
            }
            super::out(format_args!("{shown}\n"));
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            report(&format!(
                "{shown} already exists; open it with `knotless edit {id}`, or choose another id"
            ));
            ExitCode::from(EXIT_INVALID)
        }
        Err(e) => {
            report(&format!("cannot write {shown}: {e}"));
            ExitCode::from(EXIT_INVALID)
        }
    }
}

#[must_use]
pub fn edit(id: &str) -> ExitCode {
    let (dir, path) = match user_file(id) {
        Ok(found) => found,
        Err(code) => return code,
    };
    if let Err(code) = ensure_user_file(&dir, &path, id) {
        return code;
    }
    let interactive = io::stdin().is_terminal();
    loop {
        if let Err(message) = run_editor(&path) {
            report(&message);
            return ExitCode::from(EXIT_INVALID);
        }
        if super::check::run(std::slice::from_ref(&path)) == ExitCode::SUCCESS {
            return ExitCode::SUCCESS;
        }
        if !(interactive && ask("Edit again? [Y/n] ")) {
            report(&format!(
                "{} has errors; it is listed as broken until they are fixed",
                SafeText::path(&path)
            ));
            return ExitCode::from(EXIT_INVALID);
        }
    }
}

/// Makes sure the user's file exists: a built-in is copied there first (the copy then
/// replaces the built-in, as any user file with its id does); an unknown id is an error.
fn ensure_user_file(dir: &Path, path: &Path, id: &str) -> Result<(), ExitCode> {
    if path.exists() {
        return Ok(());
    }
    let shown = SafeText::path(path).to_string();
    let Some(text) = built_in_text(id) else {
        let library = Library::load(Some(dir));
        let ids: Vec<&str> = library.sessions.iter().map(|s| s.id.as_str()).collect();
        let hint = suggest(id, &ids, Quote::Code, || {
            format!("create it with `knotless new {id}`")
        });
        report(&format!(
            "no session has the id `{id}` ({shown} does not exist); {hint}"
        ));
        return Err(ExitCode::from(EXIT_INVALID));
    };
    match write_new(path, text) {
        Ok(()) => {
            report(&format!(
                "copied the built-in session `{id}` to {shown}; your copy now replaces the \
                 built-in (delete the file to go back)"
            ));
            Ok(())
        }
        Err(e) => {
            report(&format!("cannot write {shown}: {e}"));
            Err(ExitCode::from(EXIT_INVALID))
        }
    }
}

/// `$VISUAL`, then `$EDITOR`, then `vi`; blank values count as unset.
#[must_use]
pub fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().trim().to_string())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Runs the editor on `path` through `sh`, as git does, so `EDITOR="code --wait"` works.
pub fn run_editor(path: &Path) -> Result<(), String> {
    let editor = editor();
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg(&editor)
        .arg(path)
        .status()
        .map_err(|e| format!("cannot start the editor `{}`: {e}", SafeText::new(&editor)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "the editor `{}` failed ({status}); set VISUAL or EDITOR to one that works",
            SafeText::new(&editor)
        ))
    }
}

/// Asks a yes/no question on the terminal; Enter means yes, end of input means no.
pub fn ask(question: &str) -> bool {
    crate::exit::err(question);
    let _ = io::stderr().flush();
    let mut answer = String::new();
    match io::stdin().lock().read_line(&mut answer) {
        Ok(0) | Err(_) => false,
        Ok(_) => matches!(answer.trim().to_lowercase().as_str(), "" | "y" | "yes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Source;
    use crate::session::parse::parse_str;

    #[test]
    fn ids_are_file_name_safe() {
        for good in ["my-stretch", "evening_wind-down", "A1", "x"] {
            assert_eq!(validate_id(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "../x",
            "a b",
            "a/b",
            "x.toml",
            ".hidden",
            "-x",
            "übung",
            &"a".repeat(65),
        ] {
            assert!(validate_id(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_template_is_a_valid_session_titled_after_its_id() {
        let text = template("evening_wind-down");
        let session =
            parse_str(Path::new("evening_wind-down.toml"), &text, Source::BuiltIn).unwrap();
        assert_eq!(session.title, "Evening wind down");
        assert_eq!(session.id, "evening_wind-down");
        for step in &session.steps {
            let art = step.art.as_deref().unwrap_or_default();
            assert!(crate::session::library::art(art).is_some(), "{art}");
        }
        // Every key of the format appears, so the template teaches all of it.
        for key in crate::session::parse::SESSION_KEYS
            .iter()
            .chain(crate::session::parse::STEP_KEYS)
        {
            let key = if *key == "steps" { "[[steps]]" } else { key };
            assert!(text.contains(key), "{key}");
        }
    }

    #[test]
    fn write_new_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sessions/x.toml");
        write_new(&path, "one").unwrap();
        let err = write_new(&path, "two").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&path).unwrap(), "one");
    }
}
