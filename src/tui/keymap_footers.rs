//! Every footer: which keys it shows, in what order, with which word. The keys are bound in
//! `keymap_table.rs`; the tests check that each key a footer names works where it is shown.
//! A new key joins a footer by a line here.

use super::{Action, Footer, Hint};

use Action as A;

const fn hint(action: Action, keys: &'static str, word: &'static str) -> Hint {
    Hint { action, keys, word }
}

/// Every footer, its entries in the order shown: a short line keeps the first ones, so the
/// most needed go first. Keys are written as the footer shows them; the tests check each
/// one works in the footer's context.
pub const FOOTERS: &[(Footer, &[Hint])] = &[
    (
        Footer::Home,
        &[
            hint(A::Up, "↑↓", "choose"),
            hint(A::Select, "Enter", "open"),
            hint(A::Help, "?", "help"),
            hint(A::Safety, "!", "safety"),
            hint(A::Guide, "w", "why & how"),
            hint(A::Stats, "s", "stats"),
            hint(A::Quit, "q", "quit"),
        ],
    ),
    (
        Footer::Intro,
        &[
            hint(A::Select, "Enter", "start"),
            hint(A::Quit, "q", "back"),
            hint(A::Safety, "!", "safety"),
            hint(A::Help, "?", "help"),
        ],
    ),
    (
        Footer::Running,
        &[
            // "resume" while paused.
            hint(A::TogglePause, "Space", "pause"),
            // Only on a hold with a range, for its whole length: Enter ends it once its
            // minimum has passed; before that, the hold line above says how long is left.
            hint(A::Select, "Enter", "move on"),
            // Only when the instructions do not fit.
            hint(A::Down, "j/k", "scroll"),
            hint(A::Next, "n", "next"),
            hint(A::Previous, "p", "previous"),
            // Before quit and help, so a hold's footer at 80 columns still shows it (a heat
            // phase is where people want more time); restart gives way first.
            hint(A::MoreTime, "+/-", "time"),
            hint(A::Quit, "q", "quit"),
            hint(A::Help, "?", "help"),
            hint(A::Restart, "r", "restart"),
        ],
    ),
    (
        Footer::Summary,
        &[
            hint(A::Quit, "q", "quit"),
            // "quit" when knotless was started on this one session.
            hint(A::Select, "Enter", "home"),
            // Only when the summary does not fit.
            hint(A::Down, "j/k", "scroll"),
            hint(A::Safety, "!", "safety"),
            hint(A::Help, "?", "help"),
        ],
    ),
    (
        Footer::Stats,
        &[
            // Both go back here: one entry, not "back" twice.
            hint(A::Quit, "Esc/q", "back"),
            hint(A::Safety, "!", "safety"),
            hint(A::Help, "?", "help"),
        ],
    ),
    (
        Footer::Help,
        &[
            hint(A::Safety, "!", "safety"),
            hint(A::Back, "Esc", "closes"),
        ],
    ),
    (
        Footer::Safety,
        &[
            hint(A::Up, "↑↓", "scroll"),
            hint(A::Select, "Enter, q or Esc:", "I understand"),
        ],
    ),
    (
        Footer::Guide,
        &[hint(A::Up, "↑↓", "scroll"), hint(A::Back, "Esc", "closes")],
    ),
    (
        Footer::Confirm,
        &[hint(A::Yes, "y", "leave"), hint(A::No, "n", "keep going")],
    ),
    (
        Footer::Plain,
        &[
            hint(A::TogglePause, "Space", "pause"),
            hint(A::Select, "Enter", "move on"),
            hint(A::Next, "n", "next"),
            hint(A::Previous, "p", "previous"),
            hint(A::Restart, "r", "restart"),
            hint(A::MoreTime, "+", "more time"),
            hint(A::LessTime, "-", "less time"),
            hint(A::ToggleVoice, "v", "voice"),
            hint(A::Help, "?", "these keys"),
            hint(A::Quit, "q", "quit"),
        ],
    ),
];
