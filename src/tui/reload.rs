//! Live reload, the pure half: taking a freshly loaded library into the app. A file that
//! broke keeps its last good version on the list (next to its "broken" entry with the
//! diagnostic), the selection stays on the same entry, and a running session is untouched:
//! the app runs its own copy. No I/O here; `watch` and `services` read the files.

use std::path::Path;

use crate::diag::Diagnostic;
use crate::session::Source;
use crate::session::library::{Library, LoadError};
use crate::text::sanitize;
use crate::tui::app::App;

impl App {
    /// Takes `library` in place of the current one. `config_notice` is the config file's
    /// problem, if it has one. Returns whether to redraw.
    pub fn library_reloaded(
        &mut self,
        mut library: Library,
        config_notice: Option<String>,
    ) -> bool {
        let selected_id = self.selected_id();
        let mut kept = Vec::new();
        for broken in &library.broken {
            let last_good = self
                .library
                .sessions
                .iter()
                .find(|s| s.id == broken.id && matches!(s.source, Source::User(_)));
            if let Some(session) = last_good {
                library.sessions.retain(|s| s.id != broken.id);
                library.sessions.push(session.clone());
                kept.push(broken.id.clone());
            }
        }
        // The first file that broke with this reload (or broke differently) gets the notice.
        let newly_broken = library.broken.iter().find(|b| {
            !self
                .library
                .broken
                .iter()
                .any(|old| old.id == b.id && old.error.to_string() == b.error.to_string())
        });
        let session_notice = newly_broken.map(|b| {
            let kept = if kept.contains(&b.id) {
                "kept the last good version"
            } else {
                "not loaded"
            };
            notice(&b.path, kept, &b.error)
        });
        self.notice = config_notice.or(session_notice);
        super::app::sort_library(&mut library);
        self.library = library;
        self.selected = selected_id
            .and_then(|id| self.entry_index(&id))
            .unwrap_or(self.selected)
            .min(self.home_len().saturating_sub(1));
        true
    }

    /// The id of the selected home entry (a session or a broken file).
    fn selected_id(&self) -> Option<(bool, String)> {
        let sessions = &self.library.sessions;
        match sessions.get(self.selected) {
            Some(s) => Some((false, s.id.clone())),
            None => self
                .library
                .broken
                .get(self.selected - sessions.len())
                .map(|b| (true, b.id.clone())),
        }
    }

    fn entry_index(&self, (broken, id): &(bool, String)) -> Option<usize> {
        if *broken {
            let i = self.library.broken.iter().position(|b| &b.id == id)?;
            Some(self.library.sessions.len() + i)
        } else {
            self.library.sessions.iter().position(|s| &s.id == id)
        }
    }
}

/// "mine.toml: kept the last good version; line 1, column 9: string values must be quoted":
/// short enough for one line, the full diagnostic is on the file's entry.
#[must_use]
pub fn notice(path: &Path, what_happened: &str, error: &LoadError) -> String {
    let file = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let detail = match error {
        LoadError::Invalid(d) => diagnostic_detail(d),
        other => other.headline(),
    };
    sanitize(&format!("{file}: {what_happened}; {detail}"))
}

/// "line 1, column 9: message", without the path.
#[must_use]
pub fn diagnostic_detail(d: &Diagnostic) -> String {
    format!("line {}, column {}: {}", d.line, d.column, d.message)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::clock::Moment;
    use crate::tui::theme::Theme;

    fn user_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        dir
    }

    const GOOD: &str = "title = \"Mine\"\n[[steps]]\nname = \"Lean\"\nduration = \"5s\"\n";
    const BETTER: &str =
        "title = \"Mine, better\"\n[[steps]]\nname = \"Lean\"\nduration = \"5s\"\n";

    fn load(dir: &Path) -> Library {
        Library::load(Some(dir))
    }

    #[test]
    fn an_edit_replaces_the_session_and_keeps_the_selection() {
        let dir = user_dir(&[("mine.toml", GOOD)]);
        let mut app = App::new(load(dir.path()), Theme::default(), Moment::ZERO);
        app.selected = app
            .library
            .sessions
            .iter()
            .position(|s| s.id == "mine")
            .unwrap();
        std::fs::write(dir.path().join("aaa.toml"), GOOD).unwrap();
        std::fs::write(dir.path().join("mine.toml"), BETTER).unwrap();
        app.library_reloaded(load(dir.path()), None);
        let selected = &app.library.sessions[app.selected];
        assert_eq!(
            (selected.id.as_str(), selected.title.as_str()),
            ("mine", "Mine, better")
        );
        assert_eq!(app.notice, None);
    }

    #[test]
    fn a_broken_edit_keeps_the_last_good_version_and_says_so() {
        let dir = user_dir(&[("mine.toml", GOOD)]);
        let mut app = App::new(load(dir.path()), Theme::default(), Moment::ZERO);
        std::fs::write(dir.path().join("mine.toml"), "title = \n").unwrap();
        app.library_reloaded(load(dir.path()), None);
        assert_eq!(app.library.get("mine").unwrap().title, "Mine");
        assert_eq!(app.library.broken[0].id, "mine");
        let notice = app.notice.clone().unwrap();
        assert!(
            notice.starts_with("mine.toml: kept the last good version; line 1, column "),
            "{notice}"
        );
        // Reloading again (another file changed) does not repeat the notice.
        app.library_reloaded(load(dir.path()), None);
        assert_eq!(app.notice, None);
        assert!(
            app.library.get("mine").is_some(),
            "still the last good version"
        );
        let _ = PathBuf::new();
    }

    #[test]
    fn a_running_session_is_not_disturbed() {
        let dir = user_dir(&[("mine.toml", GOOD)]);
        let mut app = App::new(load(dir.path()), Theme::default(), Moment::ZERO);
        let session = app.library.get("mine").unwrap().clone();
        app.open(session);
        std::fs::remove_file(dir.path().join("mine.toml")).unwrap();
        app.library_reloaded(load(dir.path()), Some("config.toml: bad".into()));
        assert_eq!(app.session.as_ref().unwrap().title, "Mine");
        assert!(app.runner.is_some());
        assert_eq!(app.notice.as_deref(), Some("config.toml: bad"));
    }
}
