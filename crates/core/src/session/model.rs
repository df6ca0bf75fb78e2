//! The session model: what a validated session file means, and its expansion into phases.
//! Pure: no file system, no terminal.

use std::path::PathBuf;
use std::time::Duration;

use super::Timing;
use crate::text::SafeText;

/// Where a session came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    BuiltIn,
    /// From the user's sessions directory.
    User(PathBuf),
    /// Named on the command line.
    File(PathBuf),
}

impl Source {
    /// `built-in`, `user` or `file`, as `list` prints it.
    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Source::BuiltIn => "built-in",
            Source::User(_) => "user",
            Source::File(_) => "file",
        }
    }
}

/// A validated session. Its text was made safe as the file was read: show it as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// The file's stem.
    pub id: SafeText,
    pub title: SafeText,
    /// Several lines.
    pub summary: Option<SafeText>,
    pub tags: Vec<SafeText>,
    /// What to have at hand ("heating pad", "tennis ball"): the intro's "You'll need".
    pub equipment: Vec<SafeText>,
    pub steps: Vec<Step>,
    /// Said on the summary (and by plain mode) after the last phase, instead of the
    /// generic closing line. Several lines.
    pub closing: Option<SafeText>,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub name: SafeText,
    pub timing: Timing,
    /// 1 to 100.
    pub reps: u32,
    /// Distinct and not empty when present; empty means "no sides".
    pub sides: Vec<SafeText>,
    pub rest: Option<Duration>,
    /// Several lines, as are `caution` and `cue`.
    pub instructions: Option<SafeText>,
    pub caution: Option<SafeText>,
    pub cue: Option<SafeText>,
    pub art: Option<SafeText>,
    /// Where the step's `duration` comes from; `None` when the file does not say.
    pub basis: Option<Basis>,
    /// A breathing pacer shown while the step runs.
    pub pace: Option<super::Pace>,
}

/// Where a step's length comes from, so the intro can say which numbers are a choice.
/// Rests have no basis of their own: the source material gives no rest lengths, so a rest
/// in a step that states its basis is always shown as chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// The length is the one the source material gives for this treatment.
    Source,
    /// The source gives no length; the session's author chose this one.
    Choice,
}

impl Basis {
    /// The accepted values, as an error message lists them.
    pub const NAMES: &'static str = "\"source\" or \"choice\"";
    /// What to write instead of a wrong value.
    pub const HINT: &'static str = "write `basis = \"source\"` when the source material gives this \
                                    length, `basis = \"choice\"` when it does not, or remove the key";

    /// The value written in a session file, if it is one.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Basis> {
        [Basis::Source, Basis::Choice]
            .into_iter()
            .find(|b| b.as_str() == name)
    }

    /// The value as written in a session file.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Source => "source",
            Basis::Choice => "choice",
        }
    }
}

impl Step {
    /// Whether the intro marks the step's duration as chosen.
    #[must_use]
    pub fn duration_chosen(&self) -> bool {
        self.basis == Some(Basis::Choice)
    }

    /// Whether the intro marks the step's rest as chosen: any rest, once the step states
    /// a basis (the source material gives no rest lengths).
    #[must_use]
    pub fn rest_chosen(&self) -> bool {
        self.rest.is_some() && self.basis.is_some()
    }

    /// Whether the intro marks the step's breathing pace as chosen: any pace, once the step
    /// states a basis (the source material gives no breathing pace).
    #[must_use]
    pub fn pace_chosen(&self) -> bool {
        self.pace.is_some() && self.basis.is_some()
    }
}

impl Session {
    /// Whether any step's numbers are marked as chosen (the intro then shows the legend).
    #[must_use]
    pub fn has_chosen_numbers(&self) -> bool {
        self.steps
            .iter()
            .any(|s| s.duration_chosen() || s.rest_chosen() || s.pace_chosen())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhaseKind {
    Work,
    Rest,
}

/// One countdown: a rep of a step on one side, or the rest between two of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phase {
    pub kind: PhaseKind,
    /// Index into `Session::steps`.
    pub step: usize,
    /// 1-based rep of this work phase (for a rest: of the work phase that follows).
    pub rep: u32,
    /// Index into the step's `sides` (for a rest: of the work phase that follows).
    pub side: Option<usize>,
    pub timing: Timing,
}

impl Session {
    /// Expands the steps: for each rep, for each side (or once), a work phase, with a rest
    /// phase between consecutive work phases of the same step when `rest` is set.
    #[must_use]
    pub fn phases(&self) -> Vec<Phase> {
        let mut phases = Vec::new();
        for (index, step) in self.steps.iter().enumerate() {
            step.push_phases(index, &mut phases);
        }
        phases
    }

    /// How many phases `phases()` yields, without building them.
    #[must_use]
    pub fn phase_count(&self) -> usize {
        self.steps.iter().map(Step::phase_count).sum()
    }

    /// Shortest and longest total time (they differ when a step has a range).
    #[must_use]
    pub fn total(&self) -> (Duration, Duration) {
        self.steps
            .iter()
            .fold((Duration::ZERO, Duration::ZERO), |(lo, hi), s| {
                let (a, b) = s.total();
                (lo + a, hi + b)
            })
    }

    /// The total as `list`, the home list and the outline show it: "19m 30s", or
    /// "18m 25s–23m 55s" when a step has a range.
    #[must_use]
    pub fn total_words(&self) -> String {
        let (lo, hi) = self.total();
        if lo == hi {
            crate::duration::compact(lo)
        } else {
            format!(
                "{}–{}",
                crate::duration::compact(lo),
                crate::duration::compact(hi)
            )
        }
    }

    /// The length in whole minutes, for a narrow list: "18–24m" (the short end to the
    /// nearest minute but never 0, the long end rounded up); a fixed length as in
    /// [`Session::total_words`].
    #[must_use]
    pub fn total_short(&self) -> String {
        let (lo, hi) = self.total();
        if lo == hi {
            return crate::duration::compact(lo);
        }
        let lo = ((lo.as_secs() + 30) / 60).max(1);
        format!("{lo}–{}m", hi.as_secs().div_ceil(60))
    }
}

impl Step {
    /// Work phases: each side of each rep. Rests come between them.
    #[must_use]
    pub fn work_count(&self) -> usize {
        self.reps as usize * self.sides.len().max(1)
    }

    #[must_use]
    pub fn phase_count(&self) -> usize {
        let work = self.work_count();
        if self.rest.is_some() {
            work * 2 - 1
        } else {
            work
        }
    }

    /// Shortest and longest time this step takes, rests included.
    #[must_use]
    pub fn total(&self) -> (Duration, Duration) {
        let work = u32::try_from(self.work_count()).unwrap_or(u32::MAX);
        let rest = self
            .rest
            .map_or(Duration::ZERO, |r| r * work.saturating_sub(1));
        (
            self.timing.min() * work + rest,
            self.timing.max() * work + rest,
        )
    }

    fn push_phases(&self, index: usize, phases: &mut Vec<Phase>) {
        let sides: Vec<Option<usize>> = if self.sides.is_empty() {
            vec![None]
        } else {
            (0..self.sides.len()).map(Some).collect()
        };
        let mut first = true;
        for rep in 1..=self.reps {
            for &side in &sides {
                if let (Some(rest), false) = (self.rest, first) {
                    phases.push(Phase {
                        kind: PhaseKind::Rest,
                        step: index,
                        rep,
                        side,
                        timing: Timing::Fixed(rest),
                    });
                }
                first = false;
                phases.push(Phase {
                    kind: PhaseKind::Work,
                    step: index,
                    rep,
                    side,
                    timing: self.timing,
                });
            }
        }
    }

    /// The side's name as shown, if the phase has one: see [`side_words`].
    #[must_use]
    pub fn side_words(&self, side: Option<usize>) -> Option<String> {
        self.side_name(side).map(side_words)
    }

    /// Every side as shown, in order: "left, right" or, for sides naming two limbs,
    /// "right arm + left leg, left arm + right leg".
    #[must_use]
    pub fn sides_words(&self) -> String {
        let sides: Vec<String> = self.sides.iter().map(side_words).collect();
        sides.join(", ")
    }

    /// The side's name, if the phase has one.
    #[must_use]
    pub fn side_name(&self, side: Option<usize>) -> Option<&SafeText> {
        side.and_then(|i| self.sides.get(i))
    }
}

/// A side as shown: a side that names two limbs ("right arm, left leg") as one pair
/// ("right arm + left leg"), so a list of sides never reads as more sides.
#[must_use]
pub fn side_words(side: &SafeText) -> String {
    let parts: Vec<&str> = side
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.join(" + ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(reps: u32, sides: &[&str], rest: Option<u64>) -> Step {
        Step {
            name: "s".into(),
            timing: Timing::Fixed(Duration::from_secs(30)),
            reps,
            sides: sides.iter().map(|&s| s.into()).collect(),
            rest: rest.map(Duration::from_secs),
            instructions: None,
            caution: None,
            cue: None,
            art: None,
            basis: None,
            pace: None,
        }
    }

    #[test]
    fn sides_naming_two_limbs_read_as_pairs() {
        let s = step(3, &["right arm, left leg", "left arm + right leg"], None);
        assert_eq!(
            s.sides_words(),
            "right arm + left leg, left arm + right leg"
        );
        assert_eq!(
            s.side_words(Some(0)).as_deref(),
            Some("right arm + left leg")
        );
        assert_eq!(
            step(1, &["left", "right"], None).sides_words(),
            "left, right"
        );
    }

    #[test]
    fn expands_reps_sides_and_rests_between_only() {
        let s = step(2, &["left", "right"], Some(10));
        let mut phases = Vec::new();
        s.push_phases(0, &mut phases);
        let kinds: Vec<(PhaseKind, u32, Option<usize>)> =
            phases.iter().map(|p| (p.kind, p.rep, p.side)).collect();
        use PhaseKind::{Rest, Work};
        assert_eq!(
            kinds,
            vec![
                (Work, 1, Some(0)),
                (Rest, 1, Some(1)),
                (Work, 1, Some(1)),
                (Rest, 2, Some(0)),
                (Work, 2, Some(0)),
                (Rest, 2, Some(1)),
                (Work, 2, Some(1)),
            ]
        );
        assert_eq!(s.phase_count(), 7);
        assert_eq!(s.total().0, Duration::from_secs(4 * 30 + 3 * 10));
    }
}
