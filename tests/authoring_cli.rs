//! `knotless new` and `knotless edit` through the real binary, with `EDITOR` set to small
//! scripts; one run in a pseudo-terminal for the "Edit again?" question.
#![allow(clippy::unwrap_used)]

mod support;

use std::fs;
use std::path::PathBuf;
use std::time::Duration;

use support::{TempHome, path_str};

fn run(home: &TempHome, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = home.command(args);
    cmd.envs(env.iter().copied());
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn session_path(home: &TempHome, id: &str) -> PathBuf {
    home.config().join(format!("knotless/sessions/{id}.toml"))
}

/// A shell script, made executable, for use as `EDITOR`.
fn script(home: &TempHome, name: &str, body: &str) -> String {
    let path = home.write(name, &format!("#!/bin/sh\n{body}\n"));
    let mut perms = fs::metadata(&path).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    fs::set_permissions(&path, perms).unwrap();
    path_str(&path)
}

#[test]
fn new_writes_a_valid_template_prints_its_path_and_never_overwrites() {
    let home = TempHome::new("author-new");
    let (code, out, err) = run(&home, &["new", "evening_wind-down"], &[]);
    assert_eq!(code, 0, "{err}");
    let path = session_path(&home, "evening_wind-down");
    assert_eq!(out.trim(), path_str(&path));
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("title = \"Evening wind down\""), "{text}");
    assert!(text.starts_with('#'), "the template is commented");

    let (code, out, err) = run(&home, &["check", &path_str(&path)], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "no warnings: {err}");
    assert!(out.ends_with(": ok\n"));
    let (_, out, _) = run(&home, &["list"], &[]);
    assert!(out.contains("evening_wind-down"), "{out}");

    fs::write(&path, "title = \"mine\"\n").unwrap();
    let (code, out, err) = run(&home, &["new", "evening_wind-down"], &[]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("already exists"), "{err}");
    assert!(err.contains("knotless edit evening_wind-down"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "title = \"mine\"\n");
}

/// Numbers in ids sort by value in `list`, as on the home screen.
#[test]
fn list_sorts_numbered_ids_by_value() {
    let home = TempHome::new("author-natural");
    for id in ["stretch-10", "stretch-2", "stretch-1"] {
        let (code, _, err) = run(&home, &["new", id], &[]);
        assert_eq!(code, 0, "{err}");
    }
    let (code, out, err) = run(&home, &["list"], &[]);
    assert_eq!(code, 0, "{err}");
    let at = |id: &str| {
        out.find(&format!("{id} "))
            .unwrap_or_else(|| panic!("{id}: {out}"))
    };
    assert!(at("stretch-1") < at("stretch-2"), "{out}");
    assert!(at("stretch-2") < at("stretch-10"), "{out}");
}

#[test]
fn new_creates_the_sessions_directory_and_notes_a_shadowed_built_in() {
    let home = TempHome::new("author-new-dir");
    fs::remove_dir_all(home.config().join("knotless")).unwrap();
    let (code, _, err) = run(&home, &["new", "desk-break"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("also a built-in"), "{err}");
    assert!(session_path(&home, "desk-break").is_file());
}

#[test]
fn edit_runs_the_editor_then_checks_the_file() {
    let home = TempHome::new("author-edit");
    run(&home, &["new", "mine"], &[]);
    let path = session_path(&home, "mine");
    let (code, out, err) = run(&home, &["edit", "mine"], &[("EDITOR", "true")]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, format!("{}: ok\n", path_str(&path)));

    // A broken edit: reported with its location; no question without a terminal.
    let breaker = script(&home, "break.sh", "echo 'colour = \"blue\"' >> \"$1\"");
    let (code, out, err) = run(&home, &["edit", "mine"], &[("EDITOR", &breaker)]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("unknown key `colour`"), "{err}");
    assert!(!err.contains("Edit again"), "{err}");
    assert!(err.contains("has errors"), "{err}");
}

#[test]
fn visual_wins_over_editor_and_arguments_in_it_work() {
    let home = TempHome::new("author-visual");
    run(&home, &["new", "mine"], &[]);
    let log = home.root.join("log");
    let logger = script(
        &home,
        "log.sh",
        &format!("echo \"$1 $2\" > '{}'", path_str(&log)),
    );
    let (code, _, err) = run(
        &home,
        &["edit", "mine"],
        &[("VISUAL", &format!("{logger} --flag")), ("EDITOR", "false")],
    );
    assert_eq!(code, 0, "{err}");
    let logged = fs::read_to_string(&log).unwrap();
    assert_eq!(
        logged.trim(),
        format!("--flag {}", path_str(&session_path(&home, "mine")))
    );

    let (code, _, err) = run(&home, &["edit", "mine"], &[("EDITOR", "false")]);
    assert_eq!(code, 1);
    assert!(err.contains("the editor `false` failed"), "{err}");
}

#[test]
fn edit_copies_a_built_in_first_and_refuses_unknown_ids() {
    let home = TempHome::new("author-builtin");
    let (code, out, err) = run(&home, &["edit", "desk-break"], &[("EDITOR", "true")]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("copied the built-in session `desk-break`"),
        "{err}"
    );
    let copy = fs::read_to_string(session_path(&home, "desk-break")).unwrap();
    assert_eq!(copy, include_str!("../sessions/desk-break.toml"));
    assert!(out.ends_with(": ok\n"));

    let (code, _, err) = run(&home, &["edit", "desk-brake"], &[("EDITOR", "true")]);
    assert_eq!(code, 1);
    assert!(err.contains("did you mean `desk-break`?"), "{err}");
    let (code, _, err) = run(&home, &["edit", "nothing-like-it"], &[("EDITOR", "true")]);
    assert_eq!(code, 1);
    assert!(err.contains("knotless new nothing-like-it"), "{err}");
    assert!(!session_path(&home, "nothing-like-it").exists());
}

#[test]
fn edit_offers_to_reopen_on_a_terminal_until_the_file_is_valid() {
    let home = TempHome::new("author-again");
    run(&home, &["new", "mine"], &[]);
    let count = path_str(&home.root.join("count"));
    // First run: breaks the file. Second run: puts the template back.
    let good = fs::read_to_string(session_path(&home, "mine")).unwrap();
    home.write("good.toml", &good);
    let editor = script(
        &home,
        "twice.sh",
        &format!(
            "if [ -e '{count}' ]; then cp '{}' \"$1\"; else touch '{count}'; echo 'reps = 0' >> \"$1\"; fi",
            path_str(&home.root.join("good.toml"))
        ),
    );
    let mut pty = home.pty_with(&["edit", "mine"], 100, 30, &[("EDITOR", &editor)]);
    pty.wait_for("Edit again? [Y/n]", Duration::from_secs(10));
    assert!(pty.screen().contains("`reps` is 0"), "{}", pty.screen());
    pty.send("\r");
    pty.wait_for(": ok", Duration::from_secs(10));
    let status = pty.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "{status:?}");
}

#[test]
fn edit_stops_when_the_user_declines() {
    let home = TempHome::new("author-decline");
    run(&home, &["new", "mine"], &[]);
    let editor = script(&home, "break.sh", "echo 'oops' >> \"$1\"");
    let mut pty = home.pty_with(&["edit", "mine"], 100, 30, &[("EDITOR", &editor)]);
    pty.wait_for("Edit again? [Y/n]", Duration::from_secs(10));
    pty.send("n\r");
    let status = pty.wait_exit(Duration::from_secs(5));
    assert_eq!(status.exit_code(), 1);
}
