//! `knotless --quiet run desk-break`: flags belong to the command they act on, so a flag
//! typed before the subcommand is a usage error. clap says only that the two "cannot be
//! used" together; this finds the order that works and says to type it.

use std::ffi::OsString;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser};

use super::Cli;

/// What to say, after `knotless: `, for a usage error about where a flag goes: the order
/// that works, or the commands that take the flag. `None`: clap's own message says it.
#[must_use]
pub fn explain(kind: ErrorKind, args: &[OsString]) -> Option<String> {
    if kind == ErrorKind::ArgumentConflict
        && let Some(moved) = flags_after_subcommand(args)
    {
        return Some(format!(
            "flags go after the command they are for; try:\n  {}\n",
            shell_words(&moved)
        ));
    }
    matches!(
        kind,
        ErrorKind::ArgumentConflict | ErrorKind::UnknownArgument
    )
    .then(|| where_flags_go(args))
    .flatten()
}

/// The same words with the flags typed before the subcommand moved after it, when that
/// order parses; `None` when there is no such flag or moving them does not help.
fn flags_after_subcommand(args: &[OsString]) -> Option<Vec<OsString>> {
    let names: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    let at = args
        .iter()
        .skip(1)
        .position(|a| a.to_str().is_some_and(|a| names.iter().any(|n| n == a)))?
        + 1;
    if at == 1 {
        return None;
    }
    let mut moved = vec![args[0].clone()];
    moved.extend_from_slice(&args[at..]);
    moved.extend_from_slice(&args[1..at]);
    Cli::try_parse_from(&moved).is_ok().then_some(moved)
}

/// For a flag typed where it does not act (`knotless --quiet list`, `knotless list --quiet`):
/// the commands it does act on, one line each, as a user would type them. `None` when no
/// flag of the line is known elsewhere (a typo: clap's own message suggests the spelling).
fn where_flags_go(args: &[OsString]) -> Option<String> {
    let mut tree = Cli::command();
    tree.build();
    let words: Vec<&str> = args.iter().skip(1).filter_map(|a| a.to_str()).collect();
    // The command the line names (`config show`: the deepest), and the flags it accepts.
    let mut named = vec![&tree];
    for word in &words {
        if let Some(sub) = named.last().and_then(|c| c.find_subcommand(word)) {
            named.push(sub);
        }
    }
    let command = *named.last()?;
    let path: Vec<String> = named[1..].iter().map(|c| c.get_name().to_owned()).collect();
    // Where the command's name is typed; the home screen (`knotless` alone) has none, so
    // no flag comes before it.
    let first = match path.first() {
        Some(name) => words.iter().position(|w| w == name)?,
        None => 0,
    };
    // The first flag the command does not take, or that is typed before it.
    let (at, flag) = words.iter().enumerate().find_map(|(at, w)| {
        let long = w.strip_prefix("--")?.split('=').next()?;
        (at < first || !takes(command, long)).then_some((at, long))
    })?;
    if takes(command, flag) && at < first {
        return Some(format!(
            "flags go after the command they are for, as in:\n  {}\n",
            usage(command, &path, flag)
        ));
    }
    let mut homes = Vec::new();
    usages(&tree, &mut Vec::new(), flag, &mut homes);
    if homes.is_empty() {
        return None;
    }
    // Every word here is a name from the command tree: nothing typed is echoed.
    let named = if path.is_empty() {
        "`knotless` itself".to_owned()
    } else {
        format!("`{}`", path.join(" "))
    };
    Some(format!(
        "{named} takes no --{flag}; it goes with:\n{}",
        homes.iter().map(|h| format!("  {h}\n")).collect::<String>()
    ))
}

fn takes(command: &clap::Command, long: &str) -> bool {
    command.get_arguments().any(|a| a.get_long() == Some(long))
}

/// `knotless [COMMAND [VALUE]] --flag`: `command`, reached by `path`, with the values it
/// requires as placeholders.
fn usage(command: &clap::Command, path: &[String], flag: &str) -> String {
    let value = |a: &clap::Arg| {
        a.get_value_names()
            .and_then(|v| v.first())
            .map_or_else(|| a.get_id().to_string(), ToString::to_string)
    };
    let mut words = vec!["knotless".to_owned()];
    words.extend(path.iter().cloned());
    words.extend(
        command
            .get_positionals()
            .filter(|a| a.is_required_set())
            .map(|a| value(a).to_uppercase()),
    );
    words.push(format!("--{flag}"));
    words.join(" ")
}

/// [`usage`] of every command, nested ones too, that takes `flag`.
fn usages(command: &clap::Command, path: &mut Vec<String>, flag: &str, out: &mut Vec<String>) {
    if takes(command, flag) {
        out.push(usage(command, path, flag));
    }
    for sub in command.get_subcommands() {
        path.push(sub.get_name().to_owned());
        usages(sub, path, flag, out);
        path.pop();
    }
}

/// The command line as a user would type it again: the program as `knotless`, words with
/// spaces or shell characters in single quotes.
fn shell_words(args: &[OsString]) -> String {
    let mut words = vec!["knotless".to_owned()];
    for arg in args.iter().skip(1) {
        let arg = arg.to_string_lossy();
        let plain = !arg.is_empty()
            && arg
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c));
        words.push(if plain {
            arg.into_owned()
        } else {
            format!("'{}'", arg.replace('\'', r"'\''"))
        });
    }
    crate::text::SafeText::new(&words.join(" ")).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn flags_before_the_subcommand_move_after_it() {
        let moved = flags_after_subcommand(&os(&[
            "knotless",
            "--every",
            "5m",
            "--quiet",
            "run",
            "desk-break",
        ]));
        assert_eq!(
            moved.map(|m| shell_words(&m)).as_deref(),
            Some("knotless run desk-break --every 5m --quiet")
        );
    }

    #[test]
    fn nothing_to_move_or_no_order_that_works_gives_none() {
        // Already in order, or no subcommand at all.
        assert_eq!(flags_after_subcommand(&os(&["knotless", "run", "x"])), None);
        assert_eq!(flags_after_subcommand(&os(&["knotless", "--quiet"])), None);
        // `list` takes no --quiet: moving it would not help.
        assert_eq!(
            flags_after_subcommand(&os(&["knotless", "--quiet", "list"])),
            None
        );
    }

    #[test]
    fn words_with_spaces_or_quotes_are_quoted_for_the_shell() {
        let words = shell_words(&os(&["/usr/bin/knotless", "run", "my file.toml", "it's"]));
        assert_eq!(words, r"knotless run 'my file.toml' 'it'\''s'");
    }

    #[test]
    fn a_flag_where_it_does_not_act_lists_where_it_does() {
        let expected = "`list` takes no --quiet; it goes with:\n  knotless --quiet\n  \
                        knotless run SESSION --quiet\n  knotless remind --quiet\n  knotless config show --quiet\n";
        for line in [
            &["knotless", "--quiet", "list"][..],
            &["knotless", "list", "--quiet"],
        ] {
            assert_eq!(
                where_flags_go(&os(line)).as_deref(),
                Some(expected),
                "{line:?}"
            );
        }
        // Nested commands, and a flag with its value after `=`.
        let theme = where_flags_go(&os(&["knotless", "history", "--theme=mono"])).unwrap();
        assert!(
            theme.starts_with("`history` takes no --theme; it goes with:\n  knotless --theme\n")
                && theme.contains("\n  knotless config show --theme\n"),
            "{theme}"
        );
        // A typo or a flag no command takes: clap's message stands.
        assert_eq!(where_flags_go(&os(&["knotless", "list", "--jsn"])), None);
        assert_eq!(where_flags_go(&os(&["knotless", "--quiet"])), None);
        // The home screen's own flags, and those it lacks.
        assert_eq!(
            where_flags_go(&os(&["knotless", "--plain"])).as_deref(),
            Some(
                "`knotless` itself takes no --plain; it goes with:\n  knotless run SESSION --plain\n"
            )
        );
        // Typed before a command that takes it, which lacks its session: the usage.
        assert_eq!(
            where_flags_go(&os(&["knotless", "--voice", "run"])).as_deref(),
            Some(
                "flags go after the command they are for, as in:\n  knotless run SESSION --voice\n"
            )
        );
    }
}
