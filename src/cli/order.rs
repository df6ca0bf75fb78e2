//! `knotless --quiet run desk-break`: flags belong to the command they act on, so a flag
//! typed before the subcommand is a usage error. clap says only that the two "cannot be
//! used" together; this finds the order that works and says to type it.

use std::ffi::OsString;

use clap::{CommandFactory, Parser};

use super::Cli;

/// The same words with the flags typed before the subcommand moved after it, when that
/// order parses; `None` when there is no such flag or moving them does not help.
#[must_use]
pub fn flags_after_subcommand(args: &[OsString]) -> Option<Vec<OsString>> {
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

/// The command line as a user would type it again: the program as `knotless`, words with
/// spaces or shell characters in single quotes.
#[must_use]
pub fn shell_words(args: &[OsString]) -> String {
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
}
