//! `knotless setup [--autostart] [--remove] [--dry-run] [--force]`: the desktop integration
//! for the current user, without root and from the binary alone. A manifest records what
//! was written (with hashes): running again changes nothing, `--remove` takes away exactly
//! that, and a file setup did not write (or that changed since) is replaced only with
//! `--force`.

mod files;
mod manifest;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use self::files::{Env, Plan, UNIT};
use self::manifest::{Manifest, sha256};
use super::{EXIT_INVALID, report};
use crate::text::SafeText;

#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    pub autostart: bool,
    pub remove: bool,
    pub dry_run: bool,
    pub force: bool,
}

#[must_use]
pub fn run(options: Options) -> ExitCode {
    let (Some(data_home), Some(config_home), Some(manifest_path)) = (
        crate::paths::data_home(),
        crate::paths::config_home(),
        crate::paths::setup_manifest(),
    ) else {
        report("cannot find your home directory; set HOME (or the XDG_*_HOME variables)");
        return ExitCode::from(EXIT_INVALID);
    };
    let mut manifest = match Manifest::load(&manifest_path) {
        Ok(m) => m,
        Err(message) => {
            report(&message);
            return ExitCode::from(EXIT_INVALID);
        }
    };
    let result = if options.remove {
        remove(&mut manifest, &manifest_path, options)
    } else {
        let env = match environment(data_home, config_home) {
            Ok(env) => env,
            Err(message) => {
                report(&message);
                return ExitCode::from(EXIT_INVALID);
            }
        };
        install(&env, &mut manifest, &manifest_path, options)
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            report(&message);
            ExitCode::from(EXIT_INVALID)
        }
    }
}

fn environment(data_home: PathBuf, config_home: PathBuf) -> Result<Env, String> {
    let exe = std::env::current_exe()
        .and_then(std::fs::canonicalize)
        .map_err(|e| format!("cannot tell where this knotless binary is: {e}"))?;
    let shell = std::env::var_os("SHELL")
        .map(PathBuf::from)
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
    Ok(Env {
        data_home,
        config_home,
        exe,
        shell,
        systemd_user: systemd_user_instance(),
    })
}

/// A systemd user manager listens on `$XDG_RUNTIME_DIR/systemd/private`; without one (no
/// systemd, a container, a session without logind) `systemctl --user` cannot enable units.
fn systemd_user_instance() -> bool {
    let runs = std::env::var_os("XDG_RUNTIME_DIR")
        .filter(|d| !d.is_empty())
        .is_some_and(|d| Path::new(&d).join("systemd/private").exists());
    runs && find_on_path("systemctl")
}

fn find_on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|d| d.join(program).is_file()))
}

/// What to do with one planned file.
#[derive(Debug, PartialEq, Eq)]
enum Action {
    Write,
    Unchanged,
    /// There already, byte for byte, but not written by setup: left alone and not recorded.
    AlreadyThere,
    /// Written by setup and not changed since: updated.
    Update,
    /// Not setup's (or changed since): replaced only with `--force`.
    Conflict,
}

fn decide(path: &Path, contents: &[u8], manifest: &Manifest) -> Action {
    let Ok(current) = std::fs::read(path) else {
        return if path.exists() {
            Action::Conflict
        } else {
            Action::Write
        };
    };
    let ours = manifest.hash_of(path);
    if current == contents {
        return if ours.is_some() {
            Action::Unchanged
        } else {
            Action::AlreadyThere
        };
    }
    if ours == Some(sha256(&current).as_str()) {
        Action::Update
    } else {
        Action::Conflict
    }
}

fn install(
    env: &Env,
    manifest: &mut Manifest,
    manifest_path: &Path,
    options: Options,
) -> Result<(), String> {
    let man = super::docs::man_page().map_err(|e| format!("cannot render the man page: {e}"))?;
    let completions = |shell: &str| {
        let mut script = Vec::new();
        if let Ok(shell) = shell.parse::<clap_complete::Shell>() {
            super::docs::write_completions(shell, &mut script);
        }
        script
    };
    let plan: Plan = files::plan(env, options.autostart, man, &completions);
    let actions: Vec<Action> = plan
        .files
        .iter()
        .map(|f| decide(&f.path, &f.contents, manifest))
        .collect();
    let conflicts: Vec<String> = plan
        .files
        .iter()
        .zip(&actions)
        .filter(|(_, a)| **a == Action::Conflict)
        .map(|(f, _)| format!("\"{}\"", shown(&f.path)))
        .collect();
    if !conflicts.is_empty() && !options.force {
        return Err(conflict_message(&conflicts));
    }
    let enable = plan.enable_unit && manifest.unit.is_none();
    if options.dry_run {
        for (file, action) in plan.files.iter().zip(&actions) {
            super::out(format_args!("{} {}\n", dry_verb(action), shown(&file.path)));
        }
        if enable {
            super::out("would run systemctl --user daemon-reload\n");
            super::out(format_args!(
                "would run systemctl --user enable --now {UNIT}\n"
            ));
        }
        print_notes(&plan.notes);
        return Ok(());
    }
    let changed = apply(&plan, &actions, manifest)?;
    if changed || enable {
        manifest.version = 1;
        manifest.save(manifest_path)?;
    }
    if enable {
        systemctl(&["daemon-reload"])?;
        systemctl(&["enable", "--now", UNIT])?;
        manifest.unit = Some(UNIT.to_string());
        manifest.save(manifest_path)?;
        super::out(format_args!(
            "enabled {UNIT} (systemctl --user): reminders start at login\n"
        ));
    }
    print_notes(&plan.notes);
    Ok(())
}

fn conflict_message(conflicts: &[String]) -> String {
    let one = conflicts.len() == 1;
    let (s, was, it) = if one {
        ("s", "was", "it")
    } else {
        ("", "were", "them")
    };
    format!(
        "{} already exist{s} and {was} not written by `knotless setup` (or changed since); \
         nothing was written. Move {it} away, or run `knotless setup --force` to replace {it}",
        conflicts.join(", ")
    )
}

/// Writes what needs writing; true when anything was.
fn apply(plan: &Plan, actions: &[Action], manifest: &mut Manifest) -> Result<bool, String> {
    let mut changed = false;
    for (file, action) in plan.files.iter().zip(actions) {
        let verb = match action {
            Action::Unchanged => "unchanged",
            Action::AlreadyThere => "already there (not setup's; left alone)",
            Action::Write | Action::Update | Action::Conflict => {
                write_file(manifest, &file.path, &file.contents)?;
                changed = true;
                match action {
                    Action::Write => "wrote",
                    Action::Update => "updated",
                    _ => "replaced",
                }
            }
        };
        super::out(format_args!("{verb} {}\n", shown(&file.path)));
    }
    Ok(changed)
}

fn dry_verb(action: &Action) -> &'static str {
    match action {
        Action::Write => "would write",
        Action::Update => "would update",
        Action::Conflict => "would replace",
        Action::Unchanged => "unchanged",
        Action::AlreadyThere => "already there (not setup's; left alone)",
    }
}

fn print_notes(notes: &[String]) {
    for note in notes {
        super::out(format_args!("note: {note}\n"));
    }
}

fn write_file(manifest: &mut Manifest, path: &Path, contents: &[u8]) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("cannot write \"{}\": {e}", shown(path));
    if let Some(parent) = path.parent() {
        manifest.create_dirs(parent).map_err(fail)?;
    }
    std::fs::write(path, contents).map_err(fail)?;
    manifest.record(path, sha256(contents));
    Ok(())
}

fn systemctl(args: &[&str]) -> Result<(), String> {
    let status = Command::new("systemctl")
        .arg("--user")
        .args(args)
        .status()
        .map_err(|e| format!("cannot run systemctl: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "`systemctl --user {}` failed ({status}); the files are written, so you can run it \
             yourself",
            args.join(" ")
        ))
    }
}

fn remove(manifest: &mut Manifest, manifest_path: &Path, options: Options) -> Result<(), String> {
    if manifest.files.is_empty() && manifest.unit.is_none() && !manifest_path.exists() {
        super::out("nothing to remove: `knotless setup` has installed nothing here\n");
        return Ok(());
    }
    let verb = |done: &'static str, would: &'static str| if options.dry_run { would } else { done };
    if let Some(unit) = manifest.unit.clone() {
        super::out(format_args!(
            "{} {unit} (systemctl --user)\n",
            verb("disabled", "would disable")
        ));
        if !options.dry_run {
            // Removing the unit file below matters more than a failed `disable`.
            if let Err(message) = systemctl(&["disable", "--now", &unit]) {
                report(&message);
            }
            manifest.unit = None;
        }
    }
    let mut kept = Vec::new();
    for entry in manifest.files.clone() {
        let path = &entry.path;
        match std::fs::read(path) {
            Err(_) if !path.exists() => {
                super::out(format_args!("already gone {}\n", shown(path)));
                manifest.forget(path);
            }
            Ok(bytes) if sha256(&bytes) == entry.sha256 || options.force => {
                super::out(format_args!(
                    "{} {}\n",
                    verb("removed", "would remove"),
                    shown(path)
                ));
                if !options.dry_run {
                    std::fs::remove_file(path)
                        .map_err(|e| format!("cannot remove \"{}\": {e}", shown(path)))?;
                    manifest.forget(path);
                }
            }
            _ => kept.push(format!("\"{}\"", shown(path))),
        }
    }
    if options.dry_run {
        return Ok(());
    }
    if kept.is_empty() {
        std::fs::remove_file(manifest_path)
            .map_err(|e| format!("cannot remove \"{}\": {e}", shown(manifest_path)))?;
        remove_empty_dirs(manifest);
        Ok(())
    } else {
        remove_empty_dirs(manifest);
        manifest.save(manifest_path)?;
        Err(format!(
            "kept {}: changed since setup wrote {}; `knotless setup --remove --force` removes \
             {} anyway",
            kept.join(", "),
            if kept.len() == 1 { "it" } else { "them" },
            if kept.len() == 1 { "it" } else { "them" },
        ))
    }
}

/// The folders setup created, deepest first, each removed if nothing else lives there now.
fn remove_empty_dirs(manifest: &mut Manifest) {
    let mut dirs = manifest.dirs.clone();
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for dir in dirs {
        if std::fs::remove_dir(&dir).is_ok() || !dir.exists() {
            manifest.dirs.retain(|d| *d != dir);
        }
    }
}

fn shown(path: &Path) -> String {
    SafeText::path(path).to_string()
}
