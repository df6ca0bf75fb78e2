//! The `[[steps]]` tables of a session file: each step's keys checked, with located
//! diagnostics. Pure.

use std::ops::Range;
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use super::{Diag, MAX_LONG, MAX_MEDIUM, MAX_PHASES, MAX_REPS, MAX_SHORT, MAX_STEPS, MULTI};
use super::{Text, Validator};
use crate::session::pace::{MAX_BREATH, Pace};
use crate::session::timing::{self, Timing};
use crate::session::{Basis, Step};
use crate::text::{SafeText, echo};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStep {
    name: Option<Text>,
    duration: Option<Text>,
    reps: Option<Spanned<i64>>,
    sides: Option<Spanned<Vec<Text>>>,
    rest: Option<Text>,
    instructions: Option<Text>,
    caution: Option<Text>,
    cue: Option<Text>,
    art: Option<Text>,
    basis: Option<Text>,
    breathe_in: Option<Text>,
    breathe_out: Option<Text>,
}

impl Validator<'_> {
    pub(super) fn steps(
        &self,
        steps: Option<Spanned<Vec<Spanned<RawStep>>>>,
    ) -> Result<Vec<Step>, Diag> {
        const ADD: &str = "add at least one `[[steps]]` table with a `name` and a `duration`";
        let Some(steps) = steps else {
            return Err(self.whole("the session has no steps", ADD));
        };
        let span = steps.span();
        let steps = steps.into_inner();
        if steps.is_empty() {
            return Err(self.at(span, "`steps` is empty".into(), ADD));
        }
        let mut out = Vec::with_capacity(steps.len().min(MAX_STEPS));
        let mut phases = 0usize;
        for (index, raw) in steps.into_iter().enumerate() {
            let span = raw.span();
            if index == MAX_STEPS {
                return Err(self.at(
                    span,
                    format!("too many steps: the most allowed is {MAX_STEPS}"),
                    "split the session into several files",
                ));
            }
            let reps_span = raw.get_ref().reps.as_ref().map(Spanned::span);
            let step = self.step(index + 1, span.clone(), raw.into_inner())?;
            phases = phases.saturating_add(step.phase_count());
            if phases > MAX_PHASES {
                return Err(self.at(
                    reps_span.unwrap_or(span),
                    format!(
                        "with this step the session has {phases} phases; the most allowed is {MAX_PHASES}"
                    ),
                    "use fewer reps or sides, or split the session into several files",
                ));
            }
            out.push(step);
        }
        Ok(out)
    }

    fn step(&self, number: usize, span: Range<usize>, raw: RawStep) -> Result<Step, Diag> {
        let what = format!("step {number}");
        let name = self.required_text(raw.name, "name", MAX_SHORT, Some((span.clone(), &what)))?;
        let Some(duration) = raw.duration else {
            return Err(self.at(
                span,
                format!("{what} (\"{}\") has no `duration`", name.trim()),
                "add a line like `duration = \"30s\"` or `duration = \"30s..60s\"`",
            ));
        };
        let timing = self.timing(&duration)?;
        let reps = match raw.reps {
            None => 1,
            Some(reps) => self.reps(&reps)?,
        };
        let sides = match raw.sides {
            None => Vec::new(),
            Some(sides) if sides.get_ref().is_empty() => {
                return Err(self.at(
                    sides.span(),
                    "`sides` is empty".into(),
                    "list the sides, like `sides = [\"left\", \"right\"]`, or remove the key",
                ));
            }
            Some(sides) => self.names(&sides, "side", true)?,
        };
        let rest = match raw.rest {
            None => None,
            Some(rest) => Some(self.rest(&rest)?),
        };
        let basis = raw.basis.map(|b| self.basis(&b)).transpose()?;
        let pace = self.pace(raw.breathe_in, raw.breathe_out)?;
        Ok(Step {
            name,
            timing,
            reps,
            sides,
            rest,
            instructions: self.optional_text(raw.instructions, "instructions", MAX_LONG, MULTI)?,
            caution: self.optional_text(raw.caution, "caution", MAX_MEDIUM, MULTI)?,
            cue: self.optional_text(raw.cue, "cue", MAX_MEDIUM, MULTI)?,
            art: self.optional_text(raw.art, "art", MAX_SHORT, SafeText::new)?,
            basis,
            pace,
        })
    }

    fn timing(&self, duration: &Text) -> Result<Timing, Diag> {
        let text = duration.get_ref();
        if text.trim().is_empty() {
            return Err(self.at(
                duration.span(),
                "`duration` is blank".into(),
                "write a duration like \"30s\", \"20m\" or \"1m 30s\", or a range like \"30s..60s\"",
            ));
        }
        timing::parse_timing(text)
            .map_err(|e| self.at(duration.span(), e.to_string(), e.hint_for(text)))
    }

    fn reps(&self, reps: &Spanned<i64>) -> Result<u32, Diag> {
        let n = *reps.get_ref();
        match u32::try_from(n) {
            Ok(n) if (1..=MAX_REPS).contains(&i64::from(n)) => Ok(n),
            _ => Err(self.at(
                reps.span(),
                format!("`reps` is {n}; it must be from 1 to {MAX_REPS}"),
                "write a whole number from 1 to 100, or remove `reps` for a single rep",
            )),
        }
    }

    fn basis(&self, basis: &Text) -> Result<Basis, Diag> {
        let text = basis.get_ref().trim();
        Basis::from_name(text).ok_or_else(|| {
            let message = format!("`basis` is \"{}\"; it must be {}", echo(text), Basis::NAMES);
            self.at(basis.span(), message, Basis::HINT)
        })
    }

    fn rest(&self, rest: &Text) -> Result<Duration, Diag> {
        let text = rest.get_ref();
        if text.contains("..") {
            return Err(self.at(
                rest.span(),
                format!("`rest` cannot be a range (`{}`)", echo(text)),
                "write one duration, like \"10s\"",
            ));
        }
        timing::parse_one(text).map_err(|e| self.at(rest.span(), e.to_string(), e.hint()))
    }
}

impl Validator<'_> {
    /// `breathe_in` and `breathe_out`: both or neither, each whole seconds up to
    /// [`MAX_BREATH`], since the pacer moves in one-second steps.
    fn pace(&self, inhale: Option<Text>, exhale: Option<Text>) -> Result<Option<Pace>, Diag> {
        let (inhale, exhale) = match (inhale, exhale) {
            (None, None) => return Ok(None),
            (Some(inhale), Some(exhale)) => (inhale, exhale),
            (Some(one), None) | (None, Some(one)) => {
                return Err(self.at(
                    one.span(),
                    "a breathing pace needs both `breathe_in` and `breathe_out`".into(),
                    "add the other one, like `breathe_in = \"4s\"` and `breathe_out = \"6s\"`",
                ));
            }
        };
        Ok(Some(Pace {
            inhale: self.breath(&inhale, "breathe_in")?,
            exhale: self.breath(&exhale, "breathe_out")?,
        }))
    }

    fn breath(&self, value: &Text, key: &str) -> Result<Duration, Diag> {
        let hint = format!("write whole seconds from 1s to 30s, like `{key} = \"4s\"`");
        let d = timing::parse_one(value.get_ref())
            .map_err(|e| self.at(value.span(), e.to_string(), hint.clone()))?;
        let problem = if d > MAX_BREATH {
            format!("`{key}` is longer than 30s")
        } else if d.subsec_nanos() != 0 {
            format!("`{key}` is not a whole number of seconds")
        } else {
            return Ok(d);
        };
        Err(self.at(value.span(), problem, hint))
    }
}
