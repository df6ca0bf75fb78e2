//! The state files: `$XDG_STATE_HOME/knotless/state-<pid>.json`, one per running process.
//!
//! Written atomically (a temporary file renamed over the old one) and only when the content
//! changes; removed when the process ends. Files of processes that are gone (killed with
//! SIGKILL, a crash) are ignored and removed by the reader.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::model::StatusState;
use crate::platform::file::read_bounded;

/// Larger than any state file knotless writes (a few hundred bytes): not one of ours.
const MAX_STATE_BYTES: usize = 64 * 1024;

/// This process's state file. Dropping it removes the file.
#[derive(Debug)]
pub struct StateFile {
    path: PathBuf,
    last: Option<String>,
    /// Stop trying after a failure: status is a nicety, never a reason to fail.
    failed: bool,
}

impl StateFile {
    /// The file for this process in the default state directory (`None` without a home).
    #[must_use]
    pub fn for_this_process() -> Option<StateFile> {
        crate::paths::state_dir().map(|dir| StateFile::in_dir(&dir, std::process::id()))
    }

    #[must_use]
    pub fn in_dir(dir: &Path, pid: u32) -> StateFile {
        StateFile {
            path: dir.join(format!("state-{pid}.json")),
            last: None,
            failed: false,
        }
    }

    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `state` if it differs from what the file holds. Returns whether it wrote.
    pub fn update(&mut self, state: &StatusState) -> bool {
        if self.failed {
            return false;
        }
        let Ok(text) = serde_json::to_string(state) else {
            return false;
        };
        if self.last.as_deref() == Some(text.as_str()) {
            return false;
        }
        match write_atomically(&self.path, text.as_bytes()) {
            Ok(()) => {
                self.last = Some(text);
                true
            }
            Err(_) => {
                self.failed = true;
                false
            }
        }
    }
}

impl Drop for StateFile {
    fn drop(&mut self) {
        if self.last.is_some() {
            let _ = fs::remove_file(&self.path);
        }
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.tmp"));
    let mut file = fs::File::create(&tmp)?;
    file.write_all(bytes)?;
    drop(file);
    fs::rename(&tmp, path)
}

/// The states of every knotless still running, from the files in `dir`. Files of processes
/// that are gone are removed.
#[must_use]
pub fn read_all(dir: &Path) -> Vec<StatusState> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut states = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let Some(pid) = pid_of(&path) else { continue };
        if !alive(pid) {
            let _ = fs::remove_file(&path);
            continue;
        }
        // Bounded: a state file is a few hundred bytes, and anything can be put here.
        let Ok(bytes) = read_bounded(&path, MAX_STATE_BYTES) else {
            continue;
        };
        if bytes.len() > MAX_STATE_BYTES {
            continue;
        }
        if let Ok(state) = serde_json::from_slice::<StatusState>(&bytes) {
            states.push(state);
        }
    }
    states
}

/// The starts of the runs that knotless processes still running have under way, from the
/// state files in the default directory: the store calls them cut short until they end.
#[must_use]
pub fn live_run_starts() -> Vec<jiff::Timestamp> {
    let states = crate::paths::state_dir()
        .map(|dir| read_all(&dir))
        .unwrap_or_default();
    states
        .iter()
        .filter_map(|s| s.session.as_ref()?.started.as_deref()?.parse().ok())
        .collect()
}

/// `state-<pid>.json` → pid.
fn pid_of(path: &Path) -> Option<u32> {
    let name = path.file_name()?.to_str()?;
    name.strip_prefix("state-")?
        .strip_suffix(".json")?
        .parse()
        .ok()
}

/// Whether `pid` is a running knotless. A pid may have been reused by another program after
/// a crash, so where `/proc` tells the command name, it must be ours.
fn alive(pid: u32) -> bool {
    let Some(raw) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    match rustix::process::test_kill_process(raw) {
        Ok(()) | Err(rustix::io::Errno::PERM) => {}
        Err(_) => return false,
    }
    match fs::read_to_string(format!("/proc/{pid}/comm")) {
        Ok(comm) => comm.trim_end().starts_with("knotless"),
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::model::Program;

    fn state(pid: u32) -> StatusState {
        StatusState {
            pid,
            program: Program::Remind,
            session: None,
            reminders: None,
            schedule: None,
            natural_breaks: None,
        }
    }

    #[test]
    fn writes_only_on_change_and_removes_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let mut file = StateFile::in_dir(&dir.path().join("knotless"), 42);
        assert!(file.update(&state(42)));
        assert!(!file.update(&state(42)), "same content: no write");
        let path = file.path().to_path_buf();
        assert!(path.is_file());
        let names: Vec<_> = fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file left behind");
        drop(file);
        assert!(!path.exists());
    }

    #[test]
    fn files_of_dead_processes_are_ignored_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        // Far above pid_max: no such process.
        let dead = dir.path().join("state-2147483000.json");
        fs::write(&dead, serde_json::to_string(&state(2_147_483_000)).unwrap()).unwrap();
        fs::write(dir.path().join("notes.txt"), "x").unwrap();
        assert!(read_all(dir.path()).is_empty());
        assert!(!dead.exists());
    }

    #[test]
    fn a_state_file_too_large_to_be_ours_is_skipped_unread() {
        let dir = tempfile::tempdir().unwrap();
        let pid = std::process::id();
        let path = dir.path().join(format!("state-{pid}.json"));
        let mut json = serde_json::to_string(&state(pid)).unwrap();
        fs::write(&path, &json).unwrap();
        assert_eq!(
            read_all(dir.path()).len(),
            1,
            "a live process's own file is read"
        );
        json.push_str(&" ".repeat(MAX_STATE_BYTES));
        fs::write(&path, &json).unwrap();
        assert!(read_all(dir.path()).is_empty());
        assert!(path.exists(), "a live process's file stays");
    }
}
