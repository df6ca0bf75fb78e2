//! What `knotless setup` writes, where, and with what contents: the launcher entry, the
//! icons (embedded in the binary), the man page, the completions for the user's shell and,
//! with `--autostart`, a systemd user unit or an XDG autostart entry. Pure: no I/O.

use std::path::{Path, PathBuf};

const DESKTOP_ENTRY: &str = include_str!("../../../assets/knotless.desktop");
const ICON_SVG: &[u8] = include_bytes!("../../../assets/knotless.svg");
const ICON_PNG: &[u8] = include_bytes!("../../../assets/knotless.png");
const SYSTEMD_UNIT: &str = include_str!("../../../assets/knotless-remind.service");

/// The systemd user unit's name.
pub const UNIT: &str = "knotless-remind.service";

/// What setup reads from the environment.
#[derive(Clone, Debug)]
pub struct Env {
    pub data_home: PathBuf,
    pub config_home: PathBuf,
    /// The running binary: what the entries start.
    pub exe: PathBuf,
    /// The basename of `$SHELL`.
    pub shell: Option<String>,
    /// A systemd user instance runs (and `systemctl` is there to talk to it).
    pub systemd_user: bool,
}

/// One file to write.
#[derive(Clone, Debug)]
pub struct Planned {
    pub path: PathBuf,
    pub contents: Vec<u8>,
}

/// Everything setup would write, and the notes to print (lines it will not write itself).
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub files: Vec<Planned>,
    pub notes: Vec<String>,
    /// Enable this systemd user unit after writing.
    pub enable_unit: bool,
}

#[must_use]
pub fn plan(
    env: &Env,
    autostart: bool,
    man_page: Vec<u8>,
    completions: &dyn Fn(&str) -> Vec<u8>,
) -> Plan {
    let data = &env.data_home;
    let mut plan = Plan::default();
    let mut add = |path: PathBuf, contents: Vec<u8>| plan.files.push(Planned { path, contents });
    add(
        data.join("applications/knotless.desktop"),
        desktop_entry(&env.exe).into_bytes(),
    );
    add(
        data.join("icons/hicolor/scalable/apps/knotless.svg"),
        ICON_SVG.to_vec(),
    );
    add(
        data.join("icons/hicolor/128x128/apps/knotless.png"),
        ICON_PNG.to_vec(),
    );
    add(data.join("man/man1/knotless.1"), man_page);
    match env.shell.as_deref() {
        Some("bash") => add(
            data.join("bash-completion/completions/knotless"),
            completions("bash"),
        ),
        Some("fish") => add(
            env.config_home.join("fish/completions/knotless.fish"),
            completions("fish"),
        ),
        Some("zsh") => {
            let dir = data.join("zsh/site-functions");
            add(dir.join("_knotless"), completions("zsh"));
            plan.notes.push(format!(
                "zsh reads completions from the folders in `fpath`; add this line to ~/.zshrc \
                 before `compinit`:\n  fpath=({} $fpath)",
                dir.display()
            ));
        }
        other => plan.notes.push(format!(
            "no per-user completions folder for {}; `knotless completions SHELL` prints the \
             script (bash, zsh, fish, elvish, powershell) to load as your shell documents",
            other.map_or_else(
                || "your shell ($SHELL is not set)".into(),
                |s| format!("`{s}`")
            )
        )),
    }
    if autostart {
        if env.systemd_user {
            plan.files.push(Planned {
                path: env.config_home.join("systemd/user").join(UNIT),
                contents: systemd_unit(&env.exe).into_bytes(),
            });
            plan.enable_unit = true;
        } else {
            plan.files.push(Planned {
                path: env.config_home.join("autostart/knotless-remind.desktop"),
                contents: autostart_entry(&env.exe).into_bytes(),
            });
        }
    }
    plan
}

/// The launcher entry, starting this binary by its full path (a launcher's PATH often
/// lacks ~/.cargo/bin).
#[must_use]
pub fn desktop_entry(exe: &Path) -> String {
    let exe = desktop_exec(exe);
    DESKTOP_ENTRY
        .lines()
        .map(|line| match line.strip_prefix("Exec=knotless") {
            Some(rest) => format!("Exec={exe}{rest}\n"),
            None => format!("{line}\n"),
        })
        .collect()
}

#[must_use]
pub fn autostart_entry(exe: &Path) -> String {
    format!(
        "[Desktop Entry]\nType=Application\nName=knotless reminders\n\
         Comment=Movement-break reminders from knotless, started at login\n\
         Exec={} remind\nIcon=knotless\nTerminal=false\nNoDisplay=true\n\
         X-GNOME-Autostart-enabled=true\n",
        desktop_exec(exe)
    )
}

#[must_use]
pub fn systemd_unit(exe: &Path) -> String {
    let mut path = exe.display().to_string().replace('%', "%%");
    if path.contains(char::is_whitespace) || path.contains('"') {
        path = format!("\"{}\"", path.replace('\\', "\\\\").replace('"', "\\\""));
    }
    let mut unit = String::from(
        "# Written by `knotless setup --autostart`; `knotless setup --remove` takes it away.\n",
    );
    let body = SYSTEMD_UNIT.lines().skip_while(|l| !l.starts_with('['));
    for line in body {
        if line.starts_with("ExecStart=") {
            unit.push_str(&format!("ExecStart={path} remind\n"));
        } else if !line.starts_with("# `cargo install`") {
            unit.push_str(line);
            unit.push('\n');
        }
    }
    unit
}

/// A program path as the desktop entry spec wants it in `Exec`: quoted when it holds a
/// reserved character, `%` doubled, and backslashes doubled again for the string value.
#[must_use]
pub fn desktop_exec(exe: &Path) -> String {
    const RESERVED: &str = " \t\n\"'\\><~|&;$*?#()`";
    let path = exe.display().to_string().replace('%', "%%");
    if !path.chars().any(|c| RESERVED.contains(c)) {
        return path;
    }
    let mut quoted = String::from("\"");
    for c in path.chars() {
        if matches!(c, '"' | '`' | '$' | '\\') {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    quoted.replace('\\', "\\\\")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exec_paths_are_quoted_only_when_needed() {
        assert_eq!(
            desktop_exec(Path::new("/usr/bin/knotless")),
            "/usr/bin/knotless"
        );
        assert_eq!(
            desktop_exec(Path::new("/home/a b/knotless")),
            "\"/home/a b/knotless\""
        );
        assert_eq!(desktop_exec(Path::new("/x/100%")), "/x/100%%");
    }

    #[test]
    fn the_entry_starts_this_binary() {
        let entry = desktop_entry(Path::new("/opt/k/knotless"));
        assert!(entry.contains("\nExec=/opt/k/knotless\n"), "{entry}");
        assert!(
            entry.contains("\nExec=/opt/k/knotless run desk-break\n"),
            "{entry}"
        );
        assert!(!entry.contains("Exec=knotless"), "{entry}");
    }

    #[test]
    fn the_unit_runs_this_binary_and_keeps_the_shipped_settings() {
        let unit = systemd_unit(Path::new("/opt/k/knotless"));
        assert!(
            unit.contains("\nExecStart=/opt/k/knotless remind\n"),
            "{unit}"
        );
        assert!(
            unit.contains("\nRestart=on-failure\n") && unit.contains("WantedBy=default.target")
        );
        assert!(!unit.contains("cp assets"), "{unit}");
    }
}
