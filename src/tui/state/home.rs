//! The home screen's state: the session library, the selection, and the one-line notice.
//!
//! Live reload's pure half lives here too: taking a freshly loaded library. A file that broke
//! keeps its last good version on the list (next to its "broken" entry with the diagnostic),
//! the selection stays on the same entry, and a running session is untouched: the app runs
//! its own copy. No I/O here; the runtime watches and reads the files.

use std::path::Path;

use crate::diag::Diagnostic;
use crate::order::natural_cmp;
use crate::session::library::{Library, LoadError};
use crate::session::{Session, Source};
use crate::status::Sharing;
use crate::text::SafeText;
use crate::tui::keymap::Action;

#[derive(Debug)]
pub struct HomeState {
    library: Library,
    selected: usize,
    /// A one-line notice (a config or session file that failed to reload).
    notice: Option<SafeText>,
    /// The notice is news, not a problem (the shared schedule's owner).
    news: bool,
    /// Owner or attached in the shared break schedule, and whose, as last told.
    sharing: Option<Sharing>,
    /// A word on the key just pressed, shown over the notice until the next key.
    hint: Option<SafeText>,
}

impl HomeState {
    #[must_use]
    pub fn new(mut library: Library) -> HomeState {
        sort_library(&mut library);
        HomeState {
            library,
            selected: 0,
            notice: None,
            news: false,
            sharing: None,
            hint: None,
        }
    }

    #[must_use]
    pub fn library(&self) -> &Library {
        &self.library
    }

    #[must_use]
    pub fn selected(&self) -> usize {
        self.selected
    }

    #[must_use]
    pub fn notice(&self) -> Option<&SafeText> {
        self.notice.as_ref()
    }

    /// Shows `notice`, a problem, in place of the one shown now.
    pub fn tell(&mut self, notice: SafeText) {
        self.notice = Some(notice);
        self.news = false;
    }

    /// A word on the key just pressed ("No reminder to snooze…"): shown in the notice's
    /// place until the next key, which leaves the notice as it was.
    pub fn say(&mut self, hint: SafeText) {
        self.hint = Some(hint);
    }

    #[must_use]
    pub fn hint(&self) -> Option<&SafeText> {
        self.hint.as_ref()
    }

    /// A key was pressed: the last one's word has been read.
    pub fn clear_hint(&mut self) {
        self.hint = None;
    }

    /// The notice is news rather than a problem: shown without the problem's mark.
    #[must_use]
    pub fn notice_is_news(&self) -> bool {
        self.news
    }

    /// Attached to another knotless's schedule, this one's `--every` and settings wait:
    /// said, so they do not look ignored; and said again when this one takes over.
    pub fn sharing_changed(&mut self, sharing: Sharing) {
        if let Some(words) = sharing.change_words(self.sharing.replace(sharing)) {
            self.notice = Some(SafeText::new(&words));
            self.news = true;
        }
    }

    /// Entries on the list: sessions, then broken user files.
    #[must_use]
    pub fn len(&self) -> usize {
        self.library.sessions.len() + self.library.broken.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[must_use]
    pub fn selected_session(&self) -> Option<&Session> {
        self.library.sessions.get(self.selected)
    }

    /// Selects the entry with this session id, if there is one.
    pub fn select(&mut self, id: &str) {
        if let Some(i) = self.library.sessions.iter().position(|s| s.id == id) {
            self.selected = i;
        }
    }

    pub fn handle(&mut self, action: Action) {
        let last = self.len().saturating_sub(1);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(10),
            Action::PageDown => (self.selected + 10).min(last),
            _ => self.selected,
        };
    }

    /// Takes `library` in place of the current one. `config_notice` is the config file's
    /// problem, if it has one.
    pub fn reloaded(&mut self, mut library: Library, config_notice: Option<SafeText>) {
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
        match config_notice.or(session_notice) {
            Some(problem) => self.tell(problem),
            // A reload that mends the files clears their problem, not the news.
            None if !self.news => self.notice = None,
            None => {}
        }
        sort_library(&mut library);
        self.library = library;
        self.selected = selected_id
            .and_then(|id| self.entry_index(&id))
            .unwrap_or(self.selected)
            .min(self.len().saturating_sub(1));
    }

    /// Enter on a broken file's entry: nothing can open, so say why instead.
    pub fn open_broken(&mut self) {
        if let Some((true, id)) = self.selected_id() {
            self.tell(SafeText::new(&format!(
                "{id} cannot open until its file is fixed: the problem is shown on the right"
            )));
        }
    }

    /// The id of the selected home entry (a session or a broken file).
    fn selected_id(&self) -> Option<(bool, SafeText)> {
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

    fn entry_index(&self, (broken, id): &(bool, SafeText)) -> Option<usize> {
        if *broken {
            let i = self.library.broken.iter().position(|b| &b.id == id)?;
            Some(self.library.sessions.len() + i)
        } else {
            self.library.sessions.iter().position(|s| &s.id == id)
        }
    }
}

/// The sessions people reach for first come first; then the rest by id.
fn sort_library(library: &mut Library) {
    const ORDER: [&str; 5] = [
        "knot-relief",
        "desk-break",
        "core-stability",
        "unwind",
        "cold-pack",
    ];
    let rank = |s: &Session| {
        ORDER
            .iter()
            .position(|id| *id == s.id)
            .unwrap_or(ORDER.len())
    };
    library.sessions.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then_with(|| natural_cmp(&a.id, &b.id))
    });
}

/// "mine.toml: kept the last good version; line 1, column 9: string values must be quoted":
/// short enough for one line, the full diagnostic is on the file's entry.
#[must_use]
pub fn notice(path: &Path, what_happened: &str, error: &LoadError) -> SafeText {
    let file = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let detail = match error {
        LoadError::Invalid(d) => diagnostic_detail(d),
        other => other.headline(),
    };
    // A file name and an error: made safe here, where they become a line to show.
    SafeText::new(&format!("{file}: {what_happened}; {detail}"))
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
        let mut home = HomeState::new(load(dir.path()));
        home.select("mine");
        std::fs::write(dir.path().join("aaa.toml"), GOOD).unwrap();
        std::fs::write(dir.path().join("mine.toml"), BETTER).unwrap();
        home.reloaded(load(dir.path()), None);
        let selected = home.selected_session().unwrap();
        assert_eq!(
            (selected.id.as_str(), selected.title.as_str()),
            ("mine", "Mine, better")
        );
        assert_eq!(home.notice(), None);
    }

    #[test]
    fn enter_on_a_broken_file_says_why_it_does_not_open() {
        let dir = user_dir(&[("bad.toml", "title = \n")]);
        let mut home = HomeState::new(load(dir.path()));
        // Broken files come last on the list.
        home.handle(Action::PageDown);
        assert!(home.selected_session().is_none());
        home.open_broken();
        let said = home.notice().unwrap().to_string();
        assert!(
            said.starts_with("bad cannot open until its file is fixed"),
            "{said}"
        );
        // Fixed, the file opens and the notice goes.
        std::fs::write(dir.path().join("bad.toml"), GOOD).unwrap();
        home.reloaded(load(dir.path()), None);
        assert_eq!(home.notice(), None);
        home.select("bad");
        assert_eq!(home.selected_session().unwrap().id, "bad");
    }

    #[test]
    fn a_broken_edit_keeps_the_last_good_version_and_says_so() {
        let dir = user_dir(&[("mine.toml", GOOD)]);
        let mut home = HomeState::new(load(dir.path()));
        std::fs::write(dir.path().join("mine.toml"), "title = \n").unwrap();
        home.reloaded(load(dir.path()), None);
        assert_eq!(home.library().get("mine").unwrap().title, "Mine");
        assert_eq!(home.library().broken[0].id, "mine");
        let notice = home.notice().unwrap().to_string();
        assert!(
            notice.starts_with("mine.toml: kept the last good version; line 1, column "),
            "{notice}"
        );
        // Reloading again (another file changed) does not repeat the notice.
        home.reloaded(load(dir.path()), None);
        assert_eq!(home.notice(), None);
        assert!(
            home.library().get("mine").is_some(),
            "still the last good version"
        );
        let _ = PathBuf::new();
    }

    #[test]
    fn a_running_session_is_not_disturbed() {
        let dir = user_dir(&[("mine.toml", GOOD)]);
        use crate::tui::state::{App, Input, Reload};
        let mut app = App::new(
            load(dir.path()),
            crate::tui::theme::Theme::default(),
            crate::clock::Moment::ZERO,
        );
        let session = app.library().get("mine").unwrap().clone();
        app.open(session);
        std::fs::remove_file(dir.path().join("mine.toml")).unwrap();
        let reload = Reload {
            prefs: Err("config.toml: bad".into()),
            library: load(dir.path()),
            reminders: None,
        };
        app.update(
            Input::Reloaded(Box::new(reload)),
            crate::clock::Moment::ZERO,
        );
        assert_eq!(app.session().unwrap().session().title, "Mine");
        assert_eq!(
            app.home().notice().map(|n| n.as_str()),
            Some("config.toml: bad")
        );
    }

    #[test]
    fn whose_break_schedule_this_is_is_news_and_a_mended_file_does_not_clear_it() {
        use crate::status::{Role, Sharing};
        let dir = user_dir(&[("mine.toml", GOOD)]);
        let mut home = HomeState::new(load(dir.path()));
        let owner = |owner| Sharing {
            role: Role::Owner,
            owner,
        };
        // The owner from the start: nothing to say.
        home.sharing_changed(owner(1));
        assert_eq!(home.notice(), None);
        let mut home = HomeState::new(load(dir.path()));
        home.sharing_changed(Sharing {
            role: Role::Attached,
            owner: 4242,
        });
        let said = home.notice().unwrap().to_string();
        assert!(
            said.starts_with("another knotless (pid 4242) keeps"),
            "{said}"
        );
        assert!(home.notice_is_news());
        // A reload with nothing wrong keeps it; a problem replaces it, as a problem.
        home.reloaded(load(dir.path()), None);
        assert_eq!(home.notice().map(SafeText::to_string), Some(said));
        home.reloaded(load(dir.path()), Some(SafeText::new("config.toml: bad")));
        assert!(!home.notice_is_news());
        home.sharing_changed(owner(7));
        assert!(home.notice_is_news());
        let said = home.notice().unwrap().to_string();
        assert!(said.ends_with("this one keeps it now"), "{said}");
    }
}
