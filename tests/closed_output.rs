//! Output to a reader that has gone, as in `knotless list | head -1` or `2>&1 | head`: no
//! command panics, and a closed pipe is no error (the exit status is the one a reader would
//! have seen), as with other Unix tools.
#![allow(clippy::unwrap_used)]

mod support;

use std::process::Stdio;

use support::TempHome;

/// The exit status of `args` with stdout a pipe whose reader is closed, and stderr the same
/// pipe when `both`; else also what it wrote to stderr.
fn closed(home: &TempHome, args: &[&str], both: bool) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut cmd = home.command(args);
    cmd.stdin(Stdio::null()).stdout(writer.try_clone().unwrap());
    if both {
        cmd.stderr(writer);
    } else {
        drop(writer);
        cmd.stderr(Stdio::piped());
    }
    let out = cmd.output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_printing_command_ends_quietly_when_its_reader_has_gone() {
    let home = TempHome::new("closed-output");
    // A session file of the user's own, so `check` and `list` have a file to speak of.
    home.write(
        "config/knotless/sessions/mine.toml",
        "title = \"Mine\"\n[[steps]]\nname = \"Stand\"\nduration = \"30s\"\n",
    );
    let commands: &[&[&str]] = &[
        &[],
        &["list"],
        &["list", "--json"],
        &["history"],
        &["history", "--json"],
        &["stats"],
        &["stats", "--json"],
        &["report", "--output", "-"],
        &["status"],
        &["status", "--json"],
        &["status", "--format", "{left}"],
        &["check"],
        &["config", "path"],
        &["config", "show"],
        &["config", "default"],
        &["guide"],
        &["schema"],
        &["man"],
        &["completions", "bash"],
        &["help", "sessions"],
        &["--help"],
        &["--version"],
    ];
    for args in commands {
        let (code, stderr) = closed(&home, args, false);
        assert_eq!(code, Some(0), "knotless {args:?}: {stderr}");
        assert!(stderr.is_empty(), "knotless {args:?}: {stderr}");
        // With stderr gone too (`2>&1 | head`), still no panic (status 101).
        let (code, _) = closed(&home, args, true);
        assert_eq!(code, Some(0), "knotless {args:?} with stderr closed too");
    }
    // `new` prints the path it wrote (a new id each time: it will not overwrite).
    assert_eq!(closed(&home, &["new", "one"], false).0, Some(0));
    assert_eq!(closed(&home, &["new", "two"], true).0, Some(0));
    assert!(home.config().join("knotless/sessions/two.toml").exists());
}

#[test]
fn errors_keep_their_status_when_no_one_reads_them() {
    let home = TempHome::new("closed-errors");
    let broken = home.write("broken.toml", "title = \"Broken\"\n[[step]]\n");
    let broken = support::home::path_str(&broken);
    for (args, want) in [
        (vec!["check", broken.as_str()], 1),
        (vec!["run", "no-such-session", "--plain"], 1),
        (vec!["no-such-command"], 2),
        (vec!["status", "--format", "{nonsense}"], 2),
    ] {
        let (code, stderr) = closed(&home, &args, false);
        assert_eq!(code, Some(want), "knotless {args:?}: {stderr}");
        assert!(stderr.starts_with("knotless") || stderr.contains("broken.toml"));
        let (code, _) = closed(&home, &args, true);
        assert_eq!(code, Some(want), "knotless {args:?} with stderr closed too");
    }
}
