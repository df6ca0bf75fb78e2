//! How far the running screen's instructions (or the summary) are scrolled: an offset that
//! belongs to one phase, so a new phase starts at the top without anyone resetting it.

use crate::runner::Mode;
use crate::tui::keymap::Action;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PhaseScroll {
    phase: usize,
    offset: u16,
}

impl PhaseScroll {
    /// The offset for `phase`: 0 for any phase but the one last scrolled.
    #[must_use]
    pub fn offset(self, phase: usize) -> u16 {
        if self.phase == phase { self.offset } else { 0 }
    }

    /// Up or Down on `phase`, kept within `limit` rows (the view clamps to what it shows;
    /// the limit keeps a held key from running far past the end).
    pub fn step(&mut self, action: Action, phase: usize, limit: u16) {
        let offset = self.offset(phase);
        let offset = match action {
            Action::Up => offset.saturating_sub(1),
            Action::Down => offset.saturating_add(1).min(limit),
            _ => offset,
        };
        *self = PhaseScroll { phase, offset };
    }

    /// No further than `max`, as far as the view could scroll the text it drew.
    pub fn fit(&mut self, max: u16) {
        self.offset = self.offset.min(max);
    }
}

impl super::App {
    /// Up or Down on the running screen (the instructions scroll, at most a row a word) or
    /// on the summary (the closing words and notices, when the window is too short).
    pub(super) fn scroll_running(&mut self, action: Action) {
        let Some(s) = &self.session else { return };
        let (runner, session) = (s.runner(), s.session());
        let words = if runner.mode() == Mode::Finished {
            // A row for each word of the closing, and room for the summary's own lines and
            // notices; after each frame the view's own limit applies (`fit_scroll`).
            session
                .closing
                .as_deref()
                .map_or(0, |t| t.split_whitespace().count())
                + 60
        } else {
            let Some(phase) = runner.current() else {
                return;
            };
            // A caution too long to pin scrolls ahead of the instructions.
            let step = &session.steps[phase.step];
            [step.instructions.as_deref(), step.caution.as_deref()]
                .into_iter()
                .flatten()
                .map(|t| t.split_whitespace().count())
                .sum()
        };
        let limit = u16::try_from(words).unwrap_or(u16::MAX);
        self.running_scroll.step(action, scroll_key(s), limit);
    }
}

/// Which offset of the session's scroll applies now: the phase's in a countdown; on the
/// summary one of its own (the runner still points at the last phase), so the summary starts
/// at the top.
pub(super) fn scroll_key(session: &super::SessionState) -> usize {
    let runner = session.runner();
    if runner.mode() == Mode::Finished {
        usize::MAX
    } else {
        runner.index()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolls_within_the_limit_and_starts_at_the_top_on_a_new_phase() {
        let mut s = PhaseScroll::default();
        s.step(Action::Down, 2, 2);
        s.step(Action::Down, 2, 2);
        s.step(Action::Down, 2, 2);
        assert_eq!(s.offset(2), 2);
        s.step(Action::Up, 2, 2);
        assert_eq!(s.offset(2), 1);
        assert_eq!(s.offset(3), 0, "another phase starts at the top");
        s.step(Action::Down, 3, 5);
        assert_eq!(s.offset(3), 1);
        assert_eq!(s.offset(2), 0);
    }
}
