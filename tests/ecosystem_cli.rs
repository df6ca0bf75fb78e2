//! Fitting the ecosystem, through the real binary: `--version`, examples in every `--help`,
//! usage errors, shell completions, the man page, `--theme`, and a theme in the config file.
#![allow(clippy::unwrap_used)]

mod support;

use clap::{CommandFactory, ValueEnum};
use clap_complete::Shell;
use knotless::cli::Cli;
use support::TempHome;

fn run(home: &TempHome, args: &[&str]) -> (i32, String, String) {
    let out = home.command(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn subcommands() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect()
}

#[test]
fn version_prints_name_and_version() {
    let home = TempHome::new("eco-version");
    let (code, out, _) = run(&home, &["--version"]);
    assert_eq!(code, 0);
    assert_eq!(
        out.trim(),
        format!("knotless {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn every_subcommand_help_has_examples() {
    let command = Cli::command();
    assert!(
        command
            .get_after_help()
            .unwrap()
            .to_string()
            .contains("Examples:")
    );
    // Every subcommand, and every subcommand's own subcommands (`config show`).
    let nested = command.get_subcommands().flat_map(|sub| {
        let inner = sub
            .get_subcommands()
            .map(|c| (format!("{} {}", sub.get_name(), c.get_name()), c));
        std::iter::once((sub.get_name().to_string(), sub))
            .chain(inner)
            .collect::<Vec<_>>()
    });
    for (name, sub) in nested {
        let help = sub
            .get_after_help()
            .map(ToString::to_string)
            .unwrap_or_default();
        assert!(help.contains("Examples:"), "`{name}` has no examples");
        assert!(help.contains(&format!("knotless {name}")), "{name}");
    }
    let home = TempHome::new("eco-help");
    for args in [["new", "--help"], ["completions", "--help"]] {
        let (code, out, _) = run(&home, &args);
        assert_eq!(code, 0);
        assert!(out.contains("Examples:"), "{out}");
    }
}

/// `status --help` and the README name every placeholder `--format` accepts, in the same
/// order, so a status-bar user can find them all without reading the source.
#[test]
fn status_help_and_readme_list_every_format_placeholder() {
    use knotless::status::template::PLACEHOLDERS;
    let listed = PLACEHOLDERS
        .iter()
        .map(|p| format!("{{{p}}}"))
        .collect::<Vec<_>>()
        .join(" ");
    let home = TempHome::new("eco-status-help");
    let (code, out, _) = run(&home, &["status", "--help"]);
    assert_eq!(code, 0);
    let help = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(help.contains(&listed), "{listed} not in: {help}");
    let readme = std::fs::read_to_string("README.md").unwrap();
    let rows: Vec<&str> = readme
        .lines()
        .filter_map(|l| l.strip_prefix("| `{"))
        .filter_map(|l| l.split_once("}`"))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(rows, PLACEHOLDERS, "README's placeholder table");
}

#[test]
fn usage_errors_exit_2() {
    let home = TempHome::new("eco-usage");
    for args in [
        &["frobnicate"][..],
        &["--theme", "neon"],
        &["list", "--theme"],
        &["completions", "tcsh"],
        &["completions"],
        &["new"],
        &["new", "a b"],
        &["edit", "../escape"],
        &["man", "extra"],
    ] {
        let (code, _, err) = run(&home, args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(!err.is_empty(), "{args:?}");
    }
    let (_, _, err) = run(&home, &["--theme", "neon"]);
    assert!(
        err.contains("high-contrast"),
        "possible values are listed: {err}"
    );
}

#[test]
fn completions_are_generated_for_every_shell_and_know_the_subcommands() {
    let home = TempHome::new("eco-completions");
    for shell in Shell::value_variants() {
        let name = shell.to_string();
        let (code, out, err) = run(&home, &["completions", &name]);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(out.contains("knotless"), "{name}");
        for sub in subcommands() {
            assert!(out.contains(&sub), "{name} completion lacks `{sub}`");
        }
        if matches!(shell, Shell::Bash | Shell::Zsh | Shell::Fish) {
            // The elvish and PowerShell generators complete flags but not their values.
            assert!(
                out.contains("high-contrast"),
                "{name}: theme names complete"
            );
        }
    }
    assert_eq!(Shell::value_variants().len(), 5);
}

#[test]
fn man_page_is_roff_with_every_subcommand_and_the_examples() {
    let home = TempHome::new("eco-man");
    let (code, page, err) = run(&home, &["man"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        page.starts_with(".ie") || page.contains("\n.TH knotless"),
        "{page}"
    );
    assert!(page.contains(".TH knotless 1"), "{page}");
    assert!(page.contains(".SH NAME") && page.contains(".SH SYNOPSIS"));
    for sub in subcommands() {
        assert!(
            page.contains(&format!("knotless\\-{sub}")) || page.contains(&sub),
            "{sub}"
        );
        assert!(
            page.contains(&format!(".SH \"KNOTLESS {}\"", sub.to_uppercase())),
            "no section for {sub}"
        );
    }
    assert!(
        page.contains("knotless run knot\\-relief"),
        "examples are in the page"
    );
}

#[test]
fn theme_flag_is_taken_where_it_matters_and_config_theme_is_checked() {
    let home = TempHome::new("eco-theme");
    for theme in ["default", "high-contrast", "mono"] {
        let (code, out, err) = run(&home, &["config", "show", "--theme", theme]);
        assert_eq!(code, 0, "{theme}: {err}");
        assert!(out.contains(&format!("theme = \"{theme}\"")), "{out}");
        // `list` draws nothing in colour: the flag is not offered there.
        let (code, _, err) = run(&home, &["list", "--theme", theme]);
        assert_eq!(code, 2, "{theme}: {err}");
    }
    // `--count 0` is refused once the config has been read (and found valid).
    home.write("config/knotless/config.toml", "theme = \"mono\"\n");
    let (code, _, err) = run(&home, &["remind", "--count", "0"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        err,
        "knotless: --count 0 would send no reminder; give 1 or more, or leave it out\n"
    );
    home.write("config/knotless/config.toml", "\ntheme = \"hi-contrast\"\n");
    let (code, _, err) = run(&home, &["remind", "--count", "0"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("config.toml:2:9: `theme` is \"hi-contrast\""),
        "{err}"
    );
    assert!(err.contains("did you mean \"high-contrast\"?"), "{err}");
}
