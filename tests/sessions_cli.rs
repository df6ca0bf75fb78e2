//! `knotless list` and `knotless check` as the real binary, with a private
//! `XDG_CONFIG_HOME`: built-ins, a user override, a broken user file, exit codes 0/1/2.
#![allow(clippy::unwrap_used)]

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use support::TempHome;

const BUILT_INS: &[&str] = &[
    "cold-pack",
    "core-stability",
    "desk-break",
    "knot-relief",
    "unwind",
];

/// `$XDG_CONFIG_HOME/knotless/sessions` when the home's root is the config home, created.
fn sessions(home: &TempHome) -> PathBuf {
    let dir = home.root.join("knotless").join("sessions");
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn knotless(config_home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_knotless"))
        .args(args)
        .env("XDG_CONFIG_HOME", config_home)
        .env("HOME", config_home)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn list_shows_every_built_in() {
    let home = TempHome::new("list");
    let out = knotless(&home.root, &["list"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("ID "), "{stdout}");
    for id in BUILT_INS {
        let row = stdout
            .lines()
            .find(|l| l.starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("no row for {id}: {stdout}"));
        assert!(row.ends_with("built-in"), "{row}");
    }
    let relief = stdout
        .lines()
        .find(|l| l.starts_with("knot-relief"))
        .unwrap();
    assert!(relief.contains("Lower-back knot relief"), "{relief}");
    assert!(relief.contains("18m 25s–23m 55s"), "{relief}");
    assert!(text(&out.stderr).is_empty());
}

#[test]
fn list_json_reports_maximum_totals() {
    let home = TempHome::new("json");
    let out = knotless(&home.root, &["list", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = items.as_array().unwrap();
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, BUILT_INS);
    let relief = items.iter().find(|i| i["id"] == "knot-relief").unwrap();
    assert_eq!(relief["title"], "Lower-back knot relief");
    assert_eq!(relief["steps"], 4);
    assert_eq!(relief["source"], "built-in");
    // 20m heat + 2×30s + 10s rest + 2×45s + 15s rest + 60s compression, ranges at max.
    assert_eq!(relief["total_seconds"], 1200 + 70 + 105 + 60);
    assert_eq!(
        relief["equipment"],
        serde_json::json!(["heating pad", "tennis ball or massage cane"])
    );
    // Every built-in says what it needs.
    assert!(
        items
            .iter()
            .all(|i| !i["equipment"].as_array().unwrap().is_empty())
    );
}

#[test]
fn user_file_overrides_a_built_in_and_a_broken_one_is_listed() {
    let home = TempHome::new("override");
    let dir = sessions(&home);
    fs::write(
        dir.join("unwind.toml"),
        "title = \"My unwind\"\n[[steps]]\nname = \"Breathe\"\nduration = \"2m\"\n",
    )
    .unwrap();
    fs::write(
        dir.join("mine.toml"),
        "title = \"Mine\"\n[[steps]]\nname = \"Hold\"\nduration = \"30s..60s\"\n",
    )
    .unwrap();
    fs::write(
        dir.join("broken.toml"),
        "title = \"B\"\n[[steps]]\nname = \"x\"\ndurration = \"1s\"\n",
    )
    .unwrap();
    fs::write(dir.join("notes.txt"), "not a session").unwrap();
    let long = "Evening routine: heat, knee-to-chest, pelvic tilts and breathing";
    fs::write(
        dir.join("evening.toml"),
        format!("title = \"{long}\"\n[[steps]]\nname = \"Heat\"\nduration = \"20m\"\n"),
    )
    .unwrap();

    let out = knotless(&home.root, &["list"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    let unwind: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("unwind "))
        .collect();
    assert_eq!(unwind.len(), 1, "{stdout}");
    // One long title is cut, and no row of a session goes past 80 columns for it.
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("evening ") && l.contains("Evening routine: heat, knee-t…")),
        "{stdout}"
    );
    for line in stdout.lines().filter(|l| !l.contains("broken")) {
        assert!(line.chars().count() <= 80, "{line}");
    }
    assert!(
        unwind[0].contains("My unwind") && unwind[0].ends_with("user"),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("mine ") && l.contains("30s–1m"))
    );
    assert!(
        stdout.lines().any(|l| l.starts_with("knot-relief ")),
        "{stdout}"
    );
    let broken = stdout.lines().find(|l| l.starts_with("broken ")).unwrap();
    assert!(
        broken.contains("broken: 4:1: unknown key `durration`"),
        "{broken}"
    );
    assert!(!stdout.contains("notes"), "{stdout}");
    assert!(
        stderr.contains("broken.toml:4:1: unknown key `durration`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `duration`?"), "{stderr}");

    let out = knotless(&home.root, &["list", "--json"]);
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = items.as_array().unwrap();
    let broken = items.iter().find(|i| i["id"] == "broken").unwrap();
    assert_eq!(broken["broken"], true);
    assert!(
        broken["error"]
            .as_str()
            .unwrap()
            .ends_with("broken.toml:4:1: unknown key `durration`")
    );
    let unwind = items.iter().find(|i| i["id"] == "unwind").unwrap();
    assert_eq!(
        (unwind["source"].as_str(), unwind["total_seconds"].as_u64()),
        (Some("user"), Some(120))
    );
}

/// Every file with extension `ext` in a directory of the repository, by stem, sorted.
fn shipped(dir: &str, ext: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_file_in_sessions_and_assets_art_is_embedded() {
    assert_eq!(shipped("sessions", "toml"), BUILT_INS);
    let names = shipped("assets/art", "txt");
    assert_eq!(names, knotless::session::library::art_names());
    for name in &names {
        let on_disk = fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("assets/art/{name}.txt")),
        )
        .unwrap();
        assert_eq!(
            knotless::session::library::art(name),
            Some(on_disk.as_str())
        );
    }
}

#[test]
fn check_passes_every_shipped_session() {
    let home = TempHome::new("check-shipped");
    let files: Vec<String> = shipped("sessions", "toml")
        .iter()
        .map(|id| format!("sessions/{id}.toml"))
        .collect();
    let mut args = vec!["check"];
    args.extend(files.iter().map(String::as_str));
    let out = knotless(&home.root, &args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let expected: String = files.iter().map(|f| format!("{f}: ok\n")).collect();
    assert_eq!(text(&out.stdout), expected);
    assert!(text(&out.stderr).is_empty(), "{}", text(&out.stderr));
}

#[test]
fn check_reports_each_invalid_file_and_exits_1() {
    let home = TempHome::new("check-bad");
    let good = home.root.join("good.toml");
    let bad = home.root.join("bad.toml");
    fs::write(
        &good,
        "title = \"G\"\n[[steps]]\nname = \"x\"\nduration = \"1s\"\n",
    )
    .unwrap();
    fs::write(
        &bad,
        "title = \"B\"\n[[steps]]\nname = \"x\"\nduration = \"60s..30s\"\n",
    )
    .unwrap();
    let missing = home.root.join("missing.toml");
    let out = knotless(
        &home.root,
        &[
            "check",
            good.to_str().unwrap(),
            bad.to_str().unwrap(),
            missing.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), format!("{}: ok\n", good.display()));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "{}:4:12: the range `60s..30s` must go from a shorter to a longer duration",
            bad.display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("4 | duration = \"60s..30s\""), "{stderr}");
    assert!(
        stderr.contains("= help: write the shorter duration first"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "{}: cannot read: no such file or directory",
            missing.display()
        )),
        "{stderr}"
    );
}

#[test]
fn check_names_a_directory_as_unreadable() {
    let home = TempHome::new("check-dir");
    let out = knotless(&home.root, &["check", home.root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("cannot read: it is a directory, not a file"));
}

#[test]
fn check_warns_about_art_that_does_not_ship() {
    let home = TempHome::new("check-art");
    let file = home.root.join("art.toml");
    fs::write(
        &file,
        "title = \"A\"\n[[steps]]\nname = \"x\"\nduration = \"1s\"\nart = \"plonk\"\n",
    )
    .unwrap();
    let out = knotless(&home.root, &["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stderr).contains("warning: step \"x\": no figure called `plonk`"));
}

#[test]
fn check_without_files_checks_your_own_and_a_bad_flag_is_a_usage_error() {
    // `installed_cli` covers what it checks; here: no files of your own yet is not an error.
    let home = TempHome::new("check-usage");
    let out = knotless(&home.root, &["check"]);
    assert_eq!(out.status.code(), Some(0));
    let out = knotless(&home.root, &["check", "--frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}
