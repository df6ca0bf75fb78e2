//! Live reload, the watching half: an inotify descriptor on the config directory and its
//! `sessions/`, read by the front end's one `poll` ([`super::inbox::Inbox`]): no thread, and
//! nothing wakes while no file changes. Bursts (an editor's write-rename-chmod) are
//! debounced by the main loop.

use std::ffi::{OsStr, OsString};
use std::os::fd::{AsFd, BorrowedFd};
use std::path::{Path, PathBuf};

use inotify::{EventMask, Inotify, WatchDescriptor, WatchMask};

/// How long the main loop waits after a file event for the rest of the burst (an editor's
/// write, rename and chmod) before reading the files once: the app and `remind` alike.
pub const SETTLE: std::time::Duration = std::time::Duration::from_millis(100);

/// The changes that count: a file written and closed, made, removed or renamed in or out.
const CHANGES: WatchMask = WatchMask::CLOSE_WRITE
    .union(WatchMask::MODIFY)
    .union(WatchMask::CREATE)
    .union(WatchMask::DELETE)
    .union(WatchMask::MOVED_FROM)
    .union(WatchMask::MOVED_TO);

/// The config directory's watch; dropping it stops watching.
pub struct ConfigWatch {
    inotify: Inotify,
    /// The config directory's own watch: the one `sessions/` appears in.
    config: WatchDescriptor,
    /// The config directory; `sessions/` is watched in it once it exists.
    dir: PathBuf,
    sessions: Option<WatchDescriptor>,
    /// Where `config.toml` points when it is a symbolic link (dotfiles kept elsewhere): the
    /// target's directory is watched too, for changes to that one file.
    target: Option<(WatchDescriptor, OsString)>,
}

impl ConfigWatch {
    /// Watches `dir` (the config directory) and `dir/sessions` when there is one. The
    /// directory is made first when missing, as it is on a new machine: a config or a
    /// session written there later (`knotless config default`, `knotless new`) is seen too.
    /// `None` when it cannot be made or inotify is unavailable: knotless then does not
    /// reload.
    #[must_use]
    pub fn open(dir: &Path) -> Option<ConfigWatch> {
        std::fs::create_dir_all(dir).ok()?;
        let inotify = Inotify::init().ok()?;
        let config = inotify.watches().add(dir, CHANGES).ok()?;
        let mut watch = ConfigWatch {
            inotify,
            config,
            dir: dir.to_path_buf(),
            sessions: None,
            target: None,
        };
        watch.watch_sessions();
        watch.watch_target();
        Some(watch)
    }

    /// The descriptor to poll: readable when something changed.
    #[must_use]
    pub fn fd(&self) -> BorrowedFd<'_> {
        self.inotify.as_fd()
    }

    /// Reads what changed, without waiting; whether a `.toml` file or a directory did.
    /// A `sessions/` made after the start is watched from then on.
    pub fn changed(&mut self) -> bool {
        let mut buffer = [0u8; 1024];
        let mut relevant = false;
        let mut sessions_made = false;
        let mut config_changed = false;
        // Until the queue is empty (`WouldBlock`) or the read fails.
        while let Ok(events) = self.inotify.read_events(&mut buffer) {
            let mut any = false;
            for event in events {
                any = true;
                if event.mask.contains(EventMask::IGNORED)
                    && Some(&event.wd) == self.sessions.as_ref()
                {
                    // `sessions/` went: its watch went with it.
                    self.sessions = None;
                }
                // Events were lost: something may have changed.
                relevant |= event.mask.contains(EventMask::Q_OVERFLOW);
                let is_dir = event.mask.contains(EventMask::ISDIR);
                let Some(name) = event.name else { continue };
                if is_dir && event.wd == self.config && name == OsStr::new("sessions") {
                    sessions_made = true;
                }
                if let Some((wd, target)) = &self.target {
                    relevant |= event.wd == *wd && name == target.as_os_str();
                }
                config_changed |= event.wd == self.config && name == OsStr::new("config.toml");
                let ours = event.wd == self.config || Some(&event.wd) == self.sessions.as_ref();
                relevant |= ours && counts(name, is_dir);
            }
            if !any {
                break;
            }
        }
        if sessions_made {
            self.watch_sessions();
        }
        if config_changed {
            // Made, removed or pointed elsewhere: follow it to where it points now.
            self.watch_target();
        }
        relevant
    }

    fn watch_target(&mut self) {
        if let Some((wd, _)) = self.target.take()
            && wd != self.config
        {
            let _ = self.inotify.watches().remove(wd);
        }
        let link = self.dir.join("config.toml");
        if !link.is_symlink() {
            return;
        }
        let Ok(real) = std::fs::canonicalize(&link) else {
            return;
        };
        if let (Some(parent), Some(name)) = (real.parent(), real.file_name()) {
            let wd = self.inotify.watches().add(parent, CHANGES).ok();
            self.target = wd.map(|wd| (wd, name.to_os_string()));
        }
    }

    fn watch_sessions(&mut self) {
        let sessions = self.dir.join("sessions");
        if self.sessions.is_none() && sessions.is_dir() {
            self.sessions = self.inotify.watches().add(&sessions, CHANGES).ok();
        }
    }
}

/// A `.toml` file or a directory; not a hidden file (an editor's swap file, a temporary
/// file renamed into place counts when it arrives under its own name).
fn counts(name: &OsStr, is_dir: bool) -> bool {
    let path = Path::new(name);
    !name.to_string_lossy().starts_with('.')
        && (is_dir || path.extension().is_some_and(|e| e == "toml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_toml_files_and_directories_count() {
        assert!(counts(OsStr::new("mine.toml"), false));
        assert!(counts(OsStr::new("config.toml"), false));
        assert!(counts(OsStr::new("sessions"), true));
        assert!(!counts(OsStr::new(".mine.toml.swp"), false));
        assert!(!counts(OsStr::new("mine.toml~"), false));
        assert!(!counts(OsStr::new("notes.txt"), false));
    }

    /// inotify queues an event within the call that changes the file, so each change is
    /// there to read when the write returns: no waiting.
    #[test]
    fn a_missing_directory_is_made_and_a_sessions_folder_made_later_is_watched() {
        let root = tempfile::tempdir().expect("temp dir");
        let dir = root.path().join("knotless");
        let mut watch = ConfigWatch::open(&dir).expect("watch");
        assert!(dir.is_dir());
        assert!(!watch.changed(), "nothing yet");

        std::fs::write(dir.join("config.toml"), "voice = true\n").expect("write");
        assert!(watch.changed(), "config.toml written");
        std::fs::write(dir.join("notes.txt"), "x").expect("write");
        std::fs::create_dir(dir.join("sessions")).expect("mkdir");
        assert!(watch.changed(), "sessions/ made");
        std::fs::write(dir.join("sessions/mine.toml"), "title = \"Mine\"\n").expect("write");
        assert!(watch.changed(), "a session in the new sessions/");
        std::fs::write(dir.join("sessions/.mine.toml.swp"), "x").expect("write");
        assert!(!watch.changed(), "a swap file does not count");
    }

    /// A `config.toml` that is a symbolic link (dotfiles kept elsewhere): a change to the
    /// file it points to counts, written in place or renamed over it, and so does a change
    /// to the file it is pointed at next; other files beside the target do not.
    #[test]
    fn a_config_that_links_elsewhere_is_followed_to_its_target() {
        let root = tempfile::tempdir().expect("temp dir");
        let (dir, dots) = (root.path().join("knotless"), root.path().join("dots"));
        std::fs::create_dir_all(&dir).expect("mkdir");
        std::fs::create_dir_all(&dots).expect("mkdir");
        std::fs::write(dots.join("knotless.toml"), "voice = true\n").expect("write");
        std::os::unix::fs::symlink(dots.join("knotless.toml"), dir.join("config.toml"))
            .expect("link");
        let mut watch = ConfigWatch::open(&dir).expect("watch");
        assert!(!watch.changed(), "nothing yet");

        std::fs::write(dots.join("knotless.toml"), "voice = false\n").expect("write");
        assert!(watch.changed(), "the target written in place");
        std::fs::write(dots.join("new.tmp"), "voice = true\n").expect("write");
        std::fs::rename(dots.join("new.tmp"), dots.join("knotless.toml")).expect("rename");
        assert!(watch.changed(), "a new target renamed over the old");
        std::fs::write(dots.join("other.toml"), "x").expect("write");
        assert!(!watch.changed(), "another file beside the target");

        std::fs::write(dots.join("work.toml"), "voice = true\n").expect("write");
        std::fs::remove_file(dir.join("config.toml")).expect("unlink");
        std::os::unix::fs::symlink(dots.join("work.toml"), dir.join("config.toml")).expect("link");
        assert!(watch.changed(), "pointed elsewhere");
        std::fs::write(dots.join("work.toml"), "voice = false\n").expect("write");
        assert!(watch.changed(), "the new target written");
        std::fs::write(dots.join("knotless.toml"), "voice = true\n").expect("write");
        assert!(!watch.changed(), "the old target no longer counts");
    }
}
