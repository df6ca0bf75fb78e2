//! `knotless setup` into a temporary XDG home: what it writes (the launcher entries pass
//! `desktop-file-validate`), that running it twice changes nothing, that `--dry-run` writes
//! nothing, that `--remove` leaves the home exactly as it was, and that a file setup did not
//! write is replaced only with `--force`. No systemd user instance here (no
//! `XDG_RUNTIME_DIR`), so `--autostart` writes an XDG autostart entry.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

use common::TempHome;

/// Every file and folder under `root`, with each file's bytes.
fn listing(root: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.strip_prefix(root).unwrap().display().to_string();
            if path.is_dir() {
                out.insert(name, None);
                stack.push(path);
            } else {
                out.insert(name, Some(std::fs::read(&path).unwrap()));
            }
        }
    }
    out
}

fn setup(home: &TempHome, args: &[&str]) -> Output {
    let mut all = vec!["setup"];
    all.extend_from_slice(args);
    home.command(&all)
        .env("SHELL", "/bin/bash")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn validate(path: &Path) {
    let out = std::process::Command::new("desktop-file-validate")
        .arg(path)
        .output()
        .expect("desktop-file-validate (Debian's desktop-file-utils; .ci/run installs it)");
    assert!(
        out.status.success() && out.stdout.is_empty(),
        "{}: {}{}",
        path.display(),
        text(&out.stdout),
        text(&out.stderr)
    );
}

#[test]
fn setup_writes_valid_entries_icons_and_completions_and_remove_undoes_it() {
    let home = TempHome::new("setup-full");
    let before = listing(&home.root);

    let dry = setup(&home, &["--autostart", "--dry-run"]);
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    assert!(
        text(&dry.stdout).contains("would write "),
        "{}",
        text(&dry.stdout)
    );
    assert_eq!(listing(&home.root), before, "--dry-run wrote something");

    let first = setup(&home, &["--autostart"]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let data = home.data();
    let config = home.config();
    for file in [
        data.join("applications/knotless.desktop"),
        data.join("icons/hicolor/scalable/apps/knotless.svg"),
        data.join("icons/hicolor/128x128/apps/knotless.png"),
        data.join("man/man1/knotless.1"),
        data.join("bash-completion/completions/knotless"),
        config.join("autostart/knotless-remind.desktop"),
        home.state().join("knotless/setup.json"),
    ] {
        assert!(file.is_file(), "{} not written", file.display());
    }
    assert!(
        !config.join("systemd/user/knotless-remind.service").exists(),
        "no systemd user instance here: the XDG autostart entry instead"
    );
    validate(&data.join("applications/knotless.desktop"));
    validate(&config.join("autostart/knotless-remind.desktop"));
    let png = std::fs::read(data.join("icons/hicolor/128x128/apps/knotless.png")).unwrap();
    assert_eq!(png, std::fs::read("assets/knotless.png").unwrap());
    let autostart = std::fs::read_to_string(config.join("autostart/knotless-remind.desktop"));
    assert!(autostart.unwrap().contains(" remind\n"));

    let installed = listing(&home.root);
    let second = setup(&home, &["--autostart"]);
    assert!(second.status.success(), "{}", text(&second.stderr));
    assert_eq!(
        listing(&home.root),
        installed,
        "a second run changed something"
    );
    assert!(
        text(&second.stdout)
            .lines()
            .all(|l| l.starts_with("unchanged ")),
        "{}",
        text(&second.stdout)
    );

    let removed = setup(&home, &["--remove"]);
    assert!(removed.status.success(), "{}", text(&removed.stderr));
    assert_eq!(
        listing(&home.root),
        before,
        "--remove left something behind"
    );
}

#[test]
fn a_file_setup_did_not_write_is_replaced_only_with_force_and_kept_on_remove() {
    let home = TempHome::new("setup-force");
    let mine = home.write(
        "data/applications/knotless.desktop",
        "[Desktop Entry]\n# mine\n",
    );
    let before = listing(&home.root);
    let refused = setup(&home, &[]);
    assert_eq!(refused.status.code(), Some(1));
    let err = text(&refused.stderr);
    assert!(err.starts_with("knotless: "), "{err}");
    assert!(
        err.contains("knotless.desktop") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        listing(&home.root),
        before,
        "nothing is written when one file is not ours"
    );

    let forced = setup(&home, &["--force"]);
    assert!(forced.status.success(), "{}", text(&forced.stderr));
    assert!(std::fs::read_to_string(&mine).unwrap().contains("Exec="));

    // A file of ours changed by hand afterwards is kept by --remove (and said so).
    let man = home.data().join("man/man1/knotless.1");
    std::fs::write(&man, "edited\n").unwrap();
    let remove = setup(&home, &["--remove"]);
    assert_eq!(remove.status.code(), Some(1));
    assert!(
        text(&remove.stderr).contains("kept"),
        "{}",
        text(&remove.stderr)
    );
    assert_eq!(std::fs::read_to_string(&man).unwrap(), "edited\n");
    assert!(!mine.exists(), "the replaced entry was setup's, so it goes");
}

#[test]
fn zsh_gets_the_fpath_line_printed_and_an_unknown_shell_gets_instructions() {
    let home = TempHome::new("setup-shells");
    let out = home
        .command(&["setup", "--dry-run"])
        .env("SHELL", "/usr/bin/zsh")
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert!(stdout.contains("zsh/site-functions/_knotless"), "{stdout}");
    assert!(stdout.contains("fpath=("), "{stdout}");
    let out = home
        .command(&["setup", "--dry-run"])
        .env("SHELL", "/bin/tcsh")
        .output()
        .unwrap();
    assert!(text(&out.stdout).contains("knotless completions SHELL"));
}
