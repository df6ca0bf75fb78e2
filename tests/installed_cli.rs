//! What someone with only the installed binary gets: `knotless config` (with the source of
//! every value), `knotless help` (the same text as the man page), `knotless check` on their
//! own files, flags only where they act, `knotless: ` in front of every error, and a plain
//! home (no escape sequences) under `TERM=dumb`.
#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use knotless::session::parse::{SESSION_KEYS, STEP_KEYS};
use support::TempHome;

fn run(home: &TempHome, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = home.command(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The `# source` comment on the line setting `key` (the first such line).
fn source_of(show: &str, key: &str) -> String {
    let line = show
        .lines()
        .find(|l| l.starts_with(&format!("{key} = ")))
        .unwrap_or_else(|| panic!("no `{key}` in:\n{show}"));
    line.rsplit_once("# ").unwrap().1.to_string()
}

#[test]
fn config_show_says_where_each_value_came_from() {
    let home = TempHome::new("cfg-show");
    let (code, show, err) = run(&home, &["config", "show"], &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(source_of(&show, "every"), "default");
    assert_eq!(source_of(&show, "theme"), "default");

    home.write(
        "config/knotless/config.toml",
        "theme = \"high-contrast\"\n[reminders]\nevery = \"20m\"\n",
    );
    let (_, show, _) = run(&home, &["config", "show"], &[]);
    assert!(show.contains("every = \"20m\""), "{show}");
    assert_eq!(source_of(&show, "every"), "file");
    assert_eq!(source_of(&show, "snooze"), "default");

    let (_, show, _) = run(&home, &["config", "show"], &[("NO_COLOR", "1")]);
    assert!(show.contains("theme = \"mono\""), "{show}");
    assert_eq!(source_of(&show, "theme"), "environment (NO_COLOR)");

    let flags = [
        "config", "show", "--every", "30m..60m", "--quiet", "--theme", "mono",
    ];
    let (_, show, _) = run(&home, &flags, &[("NO_COLOR", "1")]);
    assert!(show.contains("every = \"30m..1h\""), "{show}");
    assert_eq!(source_of(&show, "every"), "flag (--every)");
    assert_eq!(source_of(&show, "sound"), "flag (--quiet)");
    assert_eq!(source_of(&show, "theme"), "flag (--theme)");
}

#[test]
fn config_path_default_and_check() {
    let home = TempHome::new("cfg-path");
    let (code, out, _) = run(&home, &["config", "path"], &[]);
    assert_eq!(code, 0);
    let config = home.config().join("knotless/config.toml");
    assert!(
        out.contains(&format!("{} (not found", config.display())),
        "{out}"
    );
    let (_, default, _) = run(&home, &["config", "default"], &[]);
    std::fs::write(&config, &default).unwrap();
    let (code, out, err) = run(&home, &["config", "check"], &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, format!("{}: ok\n", config.display()));
    let (_, out, _) = run(&home, &["config", "path"], &[]);
    assert!(
        out.contains(&format!("{} (exists)", config.display())),
        "{out}"
    );
    std::fs::write(&config, "[reminders]\nevery = \"often\"\n").unwrap();
    let (code, _, err) = run(&home, &["config", "check"], &[]);
    assert_eq!(code, 1);
    assert!(err.contains("config.toml:2:9: "), "{err}");
}

/// The SESSION FILES section of the man page, back from roff to text.
fn man_section(page: &str, title: &str) -> String {
    let start = page.find(&format!(".SH \"{title}\"\n")).unwrap();
    let body = &page[start..].split_once('\n').unwrap().1;
    let end = body.find("\n.SH ").map_or(body.len(), |i| i + 1);
    body[..end]
        .lines()
        .filter(|l| *l != ".nf" && *l != ".fi")
        .map(|l| {
            let l = l.strip_prefix("\\&").unwrap_or(l);
            format!("{}\n", l.replace("\\-", "-").replace("\\e", "\\"))
        })
        .collect()
}

#[test]
fn help_sessions_is_the_man_page_section_and_its_example_is_a_valid_session() {
    let home = TempHome::new("help-sessions");
    let (code, help, _) = run(&home, &["help", "sessions"], &[]);
    assert_eq!(code, 0);
    let (_, page, _) = run(&home, &["man"], &[]);
    assert_eq!(man_section(&page, "SESSION FILES"), help);
    let (_, config_help, _) = run(&home, &["help", "config"], &[]);
    assert_eq!(man_section(&page, "CONFIGURATION"), config_help);
    for section in ["FILES", "ENVIRONMENT", "EXIT STATUS"] {
        assert!(page.contains(&format!(".SH \"{section}\"")), "{section}");
    }
    assert!(config_help.contains("natural_break"), "{config_help}");

    let example: String = help
        .lines()
        .skip_while(|l| !l.starts_with("    title = "))
        .take_while(|l| l.is_empty() || l.starts_with("    "))
        .map(|l| format!("{}\n", l.strip_prefix("    ").unwrap_or(l)))
        .collect();
    let file = home.write("example.toml", &example);
    let (code, _, err) = run(&home, &["check", &file.display().to_string()], &[]);
    assert_eq!(code, 0, "{example}\n{err}");
    // "With every key" holds: each key the parser accepts is set in the example.
    for key in SESSION_KEYS.iter().chain(STEP_KEYS) {
        let set = if *key == "steps" {
            "[[steps]]".to_owned()
        } else {
            format!("{key} = ")
        };
        assert!(
            example.lines().any(|l| l.starts_with(&set)),
            "{key} is missing from the example"
        );
    }
}

#[test]
fn check_with_no_arguments_checks_the_users_config_and_sessions() {
    let home = TempHome::new("check-mine");
    home.write("config/knotless/sessions/mine.toml", support::SHORT);
    home.write("config/knotless/config.toml", "theme = \"mono\"\n");
    let (code, out, err) = run(&home, &["check"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("config.toml: ok"), "{out}");
    assert!(out.contains("sessions/mine.toml: ok"), "{out}");
    home.write("config/knotless/sessions/bad.toml", "title = \"x\"\n");
    let (code, out, err) = run(&home, &["check"], &[]);
    assert_eq!(code, 1);
    assert!(out.contains("mine.toml: ok"), "{out}");
    assert!(err.contains("bad.toml:"), "{err}");
}

#[test]
fn check_warns_when_the_break_session_names_no_session() {
    let home = TempHome::new("check-break-session");
    home.write(
        "config/knotless/config.toml",
        "[reminders]\nsession = \"desk-brake\"\n",
    );
    let (code, out, err) = run(&home, &["check"], &[]);
    // The app starts with it (a break then says why nothing opened): a warning, not an error.
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("config.toml: ok"), "{out}");
    assert!(
        err.contains("warning: [reminders] session: a break will open nothing: no session has the id `desk-brake`; did you mean `desk-break`?"),
        "{err}"
    );
    let mine = home.write("mine.toml", support::SHORT);
    let config = format!("[reminders]\nsession = \"{}\"\n", mine.display());
    home.write("config/knotless/config.toml", &config);
    let (code, _, err) = run(&home, &["check"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("warning"), "a path to a good file: {err}");
    home.write("mine.toml", "title = 5\n");
    let (_, _, err) = run(&home, &["check"], &[]);
    assert!(err.contains("mine.toml:1:9: expected a string"), "{err}");
}

#[test]
fn flags_are_offered_only_where_they_act() {
    let home = TempHome::new("flags-where");
    let (_, remind, _) = run(&home, &["remind", "--help"], &[]);
    assert!(
        remind.contains("--every") && remind.contains("--quiet"),
        "{remind}"
    );
    assert!(
        !remind.contains("--theme") && !remind.contains("--no-remind"),
        "{remind}"
    );
    let (_, run_help, _) = run(&home, &["run", "--help"], &[]);
    for flag in ["--every", "--no-remind", "--quiet", "--theme"] {
        assert!(run_help.contains(flag), "run lacks {flag}");
    }
    for args in [
        &["list", "--quiet"][..],
        &["status", "--every", "1m"],
        &["remind", "--theme", "mono"],
    ] {
        let (code, _, err) = run(&home, args, &[]);
        assert_eq!(code, 2, "{args:?}: {err}");
        // The message says where the flag does act.
        let flag = args[1];
        assert!(
            err.starts_with(&format!(
                "knotless: `{}` takes no {flag}; it goes with:\n",
                args[0]
            )) && err.contains(&format!("\n  knotless run SESSION {flag}\n")),
            "{args:?}: {err}"
        );
    }
    // A command's flag given to the home screen.
    let (code, out, err) = run(&home, &["--plain"], &[]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert_eq!(
        err,
        "knotless: `knotless` itself takes no --plain; it goes with:\n  knotless run SESSION --plain\n"
    );
    // Typed before the command they are for: still a usage error, which says what to type.
    let (code, out, err) = run(
        &home,
        &["--quiet", "--every", "5m", "run", "desk-break"],
        &[],
    );
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(
        err.starts_with("knotless: flags go after the command")
            && err.contains("\n  knotless run desk-break --quiet --every 5m\n"),
        "{err}"
    );
}

#[test]
fn every_error_starts_with_the_program_name() {
    let home = TempHome::new("errors");
    home.write("config/knotless/sessions/a.toml", support::SHORT);
    for args in [
        &["run", "knot-releif"][..],
        &["run", "knot-releif", "--plain"],
        &["frobnicate"],
        &["remind", "--theme", "mono"],
        &["remind", "--every", "often"],
        &["history", "--since", "yesterday-ish"],
        &["new", "a"],
        &["edit", "nope-nothing"],
        &["help", "sesions"],
        &["config"],
        &["check", "/nonexistent/x.toml"],
    ] {
        let (code, _, err) = run(&home, args, &[("EDITOR", "true")]);
        assert_ne!(code, 0, "{args:?}");
        assert!(err.starts_with("knotless: "), "{args:?}: {err}");
    }
    // A command missing after `config` is said as such, not with the description first.
    let (code, _, err) = run(&home, &["config"], &[]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("knotless: `knotless config` needs one of the commands below\n"),
        "{err}"
    );
    assert!(err.contains("show "), "{err}");
    // The start of one id is taken for it.
    let (code, _, err) = run(&home, &["run", "knot"], &[]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "knotless: no session has the id `knot`; did you mean `knot-relief`?\n"
    );
}

#[test]
fn term_dumb_home_prints_sessions_and_the_next_break_without_escapes() {
    let home = TempHome::new("dumb-home");
    let mut pty = home.pty_with(&[], 80, 24, &[("TERM", "dumb")]);
    let status = pty.wait_exit(Duration::from_secs(10));
    assert!(status.success(), "{}", pty.screen());
    // The reader may still be draining the pty: everything is in once it reports the end.
    pty.wait_until("the end of the output", Duration::from_secs(5), |o| o.ended);
    let text = pty.raw();
    assert!(text.contains("knot-relief"), "{text}");
    assert!(text.contains("Next break"), "{text}");
    assert!(!text.contains('\x1b'), "escape sequences written: {text:?}");
}
