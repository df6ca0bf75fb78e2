//! Live reload, the watching half: inotify (through the `notify` crate) on the config
//! directory, feeding `Event::FilesChanged` into the app's one channel. Event-driven:
//! nothing wakes while no file changes. Bursts (an editor's write-rename-chmod) are
//! debounced by the main loop.

use std::path::{Path, PathBuf};

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use super::event::{Event, EventSender};

/// Keeps the watch alive; dropping it stops watching.
pub struct FileWatch {
    _watcher: RecommendedWatcher,
}

/// Watches `dir` (the config directory, with `sessions/` inside) for changes to `.toml`
/// files. `None` when the directory does not exist or inotify is unavailable: knotless then
/// just does not reload.
#[must_use]
pub fn watch(dir: &Path, tx: EventSender) -> Option<FileWatch> {
    // Asked first: the watcher starts its thread before it finds the directory missing.
    if !dir.is_dir() {
        return None;
    }
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(event) = res
            && relevant(&event.kind, &event.paths)
        {
            let _ = tx.send(Event::FilesChanged);
        }
    })
    .ok()?;
    watcher.watch(dir, RecursiveMode::Recursive).ok()?;
    Some(FileWatch { _watcher: watcher })
}

/// Writes, creations, removals and renames of `.toml` files or directories. Reads (our own
/// reloading opens the files) must not count, or a reload would trigger the next.
fn relevant(kind: &EventKind, paths: &[PathBuf]) -> bool {
    let changed = match kind {
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    };
    changed
        && paths.iter().any(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            !name.starts_with('.')
                && (p.extension().is_some_and(|e| e == "toml") || p.extension().is_none())
        })
}

#[cfg(test)]
mod tests {
    use notify::event::{CreateKind, ModifyKind};

    use super::*;

    #[test]
    fn only_changes_to_toml_files_count() {
        let toml = vec![PathBuf::from("/c/knotless/sessions/mine.toml")];
        assert!(relevant(&EventKind::Modify(ModifyKind::Any), &toml));
        assert!(relevant(&EventKind::Create(CreateKind::File), &toml));
        assert!(!relevant(
            &EventKind::Access(AccessKind::Open(AccessMode::Any)),
            &toml
        ));
        let swap = vec![PathBuf::from("/c/knotless/sessions/.mine.toml.swp")];
        assert!(!relevant(&EventKind::Modify(ModifyKind::Any), &swap));
        let dir = vec![PathBuf::from("/c/knotless/sessions")];
        assert!(relevant(&EventKind::Create(CreateKind::Folder), &dir));
    }
}
