//! The command line (clap derive): subcommands, flags and the examples in `--help`. Each
//! flag is declared on the commands where it does something, not globally. Depends only on
//! the leaf `flags` module (never on `config`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use clap_complete::Shell;

pub use crate::flags::ReminderFlags;
use crate::flags::ThemeName;

mod order;

const EXAMPLES: &str = "\
Examples:
  knotless                         open the home screen
  knotless run knot-relief         start the built-in knot-relief session
  knotless run ./my-stretch.toml   run a session file
  knotless run desk-break --plain  one line per event, for screen readers and scripts
  knotless status                  one line for a status bar
  knotless list                    show every session
  knotless guide                   why knots form and how to keep them away
  knotless check                   check your own sessions and config.toml
  knotless remind --every 30m..60m reminders only, no screen
  knotless history --since 2026-01-01
  knotless report --since 4w       an HTML page to print or show your clinician
  knotless --theme high-contrast   bold, bright colours for this run
  knotless new my-stretch          start a session file of your own
  knotless config show             every setting, and where it came from
  knotless help sessions           the session file format, with an example
  knotless setup --autostart       launcher entry, icon, completions, reminders at login
";

const STATUS_HELP: &str = "\
Examples:
  knotless status                        Knee-to-chest 0:27
  knotless status --format '{step} {left}'
  knotless status --json | jq .state

Prints the step and the time left while a session runs (`Knee-to-chest 0:27`), else the next
break (`next break 23m`); `not running` (exit status 0) when no knotless is running.";

#[derive(Debug, Parser)]
#[command(
    name = "knotless",
    version,
    about = "A calm terminal companion for lower-back knots: guided sessions and movement breaks",
    long_about = "knotless walks you through heat, stretches and ball compression for lower-back \
                  muscle knots, and reminds you to get up and move while you sit.\n\n\
                  It shows general self-care information; it does not diagnose. Press `!` in the \
                  app for signs that mean you should see a clinician.\n\n\
                  Settings live in config.toml (`knotless config path` says where; `knotless \
                  help config` lists every key). Without a terminal, or with TERM=dumb, it \
                  prints the sessions and the next break instead of opening the screen.",
    after_help = EXAMPLES,
    args_conflicts_with_subcommands = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub run: RunFlags,
}

// The flags of a run with the screen (the home, `run`) and of `config show`. Not a doc
// comment: clap would make it the about text of the deferred subcommands that flatten it.
#[derive(Debug, Clone, Default, Args)]
pub struct RunFlags {
    /// Remind every DURATION or a random time in MIN..MAX (e.g. 45m, 30m..60m).
    #[arg(long, value_name = "DURATION|MIN..MAX")]
    pub every: Option<String>,
    /// Turn movement-break reminders off for this run.
    #[arg(long)]
    pub no_remind: bool,
    /// No terminal bell, no chimes in a session and no notification sound.
    #[arg(long)]
    pub quiet: bool,
    /// Colour theme for this run; wins over `theme` in config.toml and over NO_COLOR.
    #[arg(long, value_name = "NAME")]
    pub theme: Option<ThemeName>,
    /// Speak the session's cues through speech-dispatcher (`v` toggles it in a session).
    #[arg(long)]
    pub voice: bool,
}

impl RunFlags {
    #[must_use]
    pub fn reminders(&self) -> ReminderFlags {
        ReminderFlags {
            every: self.every.clone(),
            no_remind: self.no_remind,
            quiet: self.quiet,
            voice: self.voice,
        }
    }
}

// The flags of `knotless remind` (no screen, so no theme; `--no-remind` would leave it
// nothing to do).
// (Not a doc comment, as for `RunFlags`.)
#[derive(Debug, Clone, Default, Args)]
pub struct RemindFlags {
    /// Remind every DURATION or a random time in MIN..MAX (e.g. 45m, 30m..60m).
    #[arg(long, value_name = "DURATION|MIN..MAX")]
    pub every: Option<String>,
    /// No notification sound and no terminal bell.
    #[arg(long)]
    pub quiet: bool,
}

impl RemindFlags {
    #[must_use]
    pub fn reminders(&self) -> ReminderFlags {
        ReminderFlags {
            every: self.every.clone(),
            no_remind: false,
            quiet: self.quiet,
            voice: false,
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct HistoryFlags {
    /// Print a JSON array, one run per line.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV with a header row.
    #[arg(long)]
    pub csv: bool,
    /// Only runs started at or after WHEN.
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Only runs started before WHEN (a date counts whole).
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,
    /// At most N runs, the most recent.
    #[arg(long, value_name = "N", conflicts_with = "all")]
    pub limit: Option<u64>,
    /// Every run in the range (the table shows the latest 20 otherwise).
    #[arg(long)]
    pub all: bool,
}

/// Parses the command line. Help and `--version` are printed as clap prints them; a usage
/// error is printed with the `knotless: ` prefix every other error has.
///
/// # Errors
/// The exit status to end with, once the message is printed.
pub fn parse() -> Result<Cli, ExitCode> {
    use clap::error::ErrorKind;
    let args: Vec<_> = std::env::args_os().collect();
    Cli::try_parse_from(&args).map_err(|e| {
        if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        if let Some(message) = order::explain(e.kind(), &args) {
            crate::exit::err(format_args!("knotless: {message}"));
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
        let text = e.render().to_string();
        if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
            // `knotless config` alone: clap prints the help, which starts with the
            // command's description; said first, that would read as the error.
            let named = args
                .iter()
                .skip(1)
                .map(|a| a.to_string_lossy())
                .collect::<Vec<_>>();
            crate::exit::err(format_args!(
                "knotless: `knotless {}` needs one of the commands below\n\n{text}",
                named.join(" ")
            ));
            return ExitCode::from(2);
        }
        let text = text.strip_prefix("error: ").unwrap_or(&text);
        crate::exit::err(format_args!("knotless: {text}"));
        ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
    })
}

/// Each subcommand's arguments are built only when it is the one invoked (or for help,
/// completions and the man page, which build the whole tree): building all of them for every
/// start took 100 KB of heap and part of the time before the first frame.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Run one session: its intro, the countdowns, then a summary.
    #[command(
        after_help = "Examples:\n  knotless run knot-relief\n  knotless run desk-break --quiet\n  knotless run ./sessions/unwind.toml"
    )]
    Run {
        /// A session id (see `knotless list`) or a path to a .toml file.
        session: String,
        /// One line per event, no full-screen drawing (also when stdout is not a terminal or
        /// TERM=dumb).
        #[arg(long)]
        plain: bool,
        #[command(flatten)]
        flags: RunFlags,
    },
    /// List every session: id, title, total time, steps, source.
    #[command(after_help = "Examples:\n  knotless list\n  knotless list --json | jq '.[].id'")]
    List {
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Validate session files; prints `PATH: ok` or a located error for each.
    #[command(
        after_help = "Examples:\n  knotless check\n  knotless check my-session.toml\n\nWith no FILE, checks config.toml and every file in your sessions folder.\nExit status: 0 all valid, 1 some invalid, 2 usage error."
    )]
    Check {
        /// Session files to check (default: your config.toml and sessions folder).
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Run only the movement-break reminders, without the screen.
    #[command(
        after_help = "Examples:\n  knotless remind\n  knotless remind --every 30m..60m\n  knotless remind --every 1s --count 2"
    )]
    Remind {
        /// Exit after this many reminders.
        #[arg(long, value_name = "N")]
        count: Option<u64>,
        #[command(flatten)]
        flags: RemindFlags,
    },
    /// Show past sessions, newest first: the latest 20 unless --limit or --all says otherwise.
    #[command(
        after_help = "Examples:\n  knotless history\n  knotless history --since 4w --all\n  knotless history --since yesterday\n  knotless history --since 2026-01-01 --until 2026-01-31\n  knotless history --json --since 2026-11-01\n  knotless history --csv > runs.csv\n\nWHEN is a local date (YYYY-MM-DD, today or yesterday: from its start for --since,\nthrough its end for --until), an RFC 3339 time, or a span back from now (4w, 30d, 12h).\n--json and --csv print every run in the range unless --limit is given."
    )]
    History(HistoryFlags),
    /// Totals: this week's sessions and minutes, streak, breaks, pain change.
    #[command(after_help = "Examples:\n  knotless stats\n  knotless stats --json | jq .streak")]
    Stats {
        /// Print one JSON object with the same figures as the stats screen.
        #[arg(long)]
        json: bool,
    },
    /// Write an HTML report of your sessions, breaks and pain check-ins, to print or show a
    /// clinician.
    #[command(
        after_help = "Examples:\n  knotless report                       the last 4 weeks, to knotless-report.html\n  knotless report --since 12w --output ~/back-report.html\n  knotless report --output - | less     to stdout\n\nOne self-contained file: no scripts, nothing loaded from the network; it prints on A4\nand Letter."
    )]
    Report {
        /// The period: a span back from now (4w, 30d), a local date (YYYY-MM-DD) or an RFC 3339
        /// time.
        #[arg(long, value_name = "WHEN", default_value = "4w")]
        since: String,
        /// Where to write the report (`-` for stdout).
        #[arg(
            long,
            short,
            value_name = "FILE",
            default_value = "knotless-report.html"
        )]
        output: PathBuf,
    },
    /// Write a commented session template to your sessions directory and print its path.
    #[command(
        after_help = "Examples:\n  knotless new my-stretch\n  knotless new evening_wind-down && knotless edit evening_wind-down\n\nThe file is ~/.config/knotless/sessions/ID.toml; an existing file is never overwritten.\nExit status: 0 written, 1 the file exists or cannot be written, 2 usage error."
    )]
    New {
        /// The session id: letters, digits, `-` and `_` (it becomes the file name).
        id: String,
    },
    /// Open a session in $VISUAL or $EDITOR (else vi), then check it; offers to re-open on errors.
    #[command(
        after_help = "Examples:\n  knotless edit my-stretch\n  EDITOR=nano knotless edit desk-break\n\nA built-in id is first copied to your sessions directory; your copy then replaces the\nbuilt-in (delete the file to go back). Exit status: 0 the file is valid, 1 it is not."
    )]
    Edit {
        /// The id of one of your sessions, or of a built-in session to copy and edit.
        id: String,
    },
    /// Print why lower-back knots form and how to keep them away (the "Why and how" screen).
    #[command(
        after_help = "Examples:\n  knotless guide\n  knotless guide | less\n\nFor the signs that mean you should see a clinician, press `!` in the app."
    )]
    Guide,
    /// Print the JSON Schema of the session format, for editors with a TOML language server.
    #[command(
        after_help = "Examples:\n  knotless schema > ~/.config/knotless/session.schema.json\n  knotless schema | jq '.properties | keys'"
    )]
    Schema,
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  knotless completions bash > ~/.local/share/bash-completion/completions/knotless\n  knotless completions zsh > ~/.zfunc/_knotless\n  knotless completions fish > ~/.config/fish/completions/knotless.fish\n  knotless completions elvish >> ~/.config/elvish/rc.elv\n  knotless completions powershell >> $PROFILE"
    )]
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the man page (roff).
    #[command(
        after_help = "Examples:\n  knotless man > ~/.local/share/man/man1/knotless.1\n  knotless man | man -l -"
    )]
    Man,
    /// One short line for status bars: the session's step and time left, or the next break.
    #[command(after_help = STATUS_HELP)]
    Status {
        /// Fill a template instead: {text} {state} {session} {step} {side} {left} {phase}
        /// {next_break} {reminders} {owner} {attached}; `{{` for a literal brace.
        #[arg(long, value_name = "TEMPLATE", conflicts_with = "json")]
        format: Option<String>,
        /// Print the merged state as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Where config.toml lives, every setting with its source, a commented default.
    #[command(
        subcommand_required = true,
        after_help = "Examples:\n  knotless config path\n  knotless config show --every 30m\n  knotless config default > ~/.config/knotless/config.toml\n  knotless config edit\n\nExit status: 0 ok, 1 the config file has an error, 2 usage error."
    )]
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Help on a topic (`sessions`, `config`) or on a command.
    #[command(
        after_help = "Examples:\n  knotless help sessions\n  knotless help config\n  knotless help remind"
    )]
    Help {
        /// `sessions`, `config`, or a command's name; nothing for the overview.
        topic: Option<String>,
    },
    /// Install the launcher entry, icons, completions and man page for you (no root).
    #[command(after_help = SETUP_HELP)]
    Setup {
        /// Also start the movement-break reminders at login.
        #[arg(long)]
        autostart: bool,
        /// Take away exactly what setup installed.
        #[arg(long)]
        remove: bool,
        /// List what would be written or removed; change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Replace (or with --remove, delete) files that setup did not write or that were
        /// changed since.
        #[arg(long)]
        force: bool,
    },
}

// `knotless config ACTION`. (Not a doc comment, as for `RunFlags`.)
#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Where each file lives and whether it exists.
    #[command(after_help = "Examples:\n  knotless config path")]
    Path,
    /// The effective configuration, each value with where it came from.
    #[command(
        after_help = "Examples:\n  knotless config show\n  knotless config show --every 30m --theme mono"
    )]
    Show {
        #[command(flatten)]
        flags: RunFlags,
    },
    /// A complete, commented config.toml with the built-in defaults.
    #[command(
        after_help = "Examples:\n  knotless config default\n  knotless config default > ~/.config/knotless/config.toml"
    )]
    Default,
    /// Open config.toml in $VISUAL or $EDITOR (else vi), then check it.
    #[command(after_help = "Examples:\n  knotless config edit\n  EDITOR=nano knotless config edit")]
    Edit,
    /// Check config.toml; prints `PATH: ok` or a located error.
    #[command(
        after_help = "Examples:\n  knotless config check\n\nExit status: 0 valid (or no file), 1 invalid, 2 usage error."
    )]
    Check,
}

const SETUP_HELP: &str = "\
Examples:
  knotless setup --dry-run         list what it would write
  knotless setup --autostart       and start reminders at login
  knotless setup --remove          take it all away again

Writes under $XDG_DATA_HOME (~/.local/share) and $XDG_CONFIG_HOME (~/.config) only. With
--autostart: a systemd user unit, enabled with `systemctl --user`, when a systemd user
instance runs; otherwise an XDG autostart entry. What it writes is listed, with hashes, in
$XDG_STATE_HOME/knotless/setup.json; running it again changes nothing.
Exit status: 0 done, 1 something could not be written (or is not setup's to replace).";
