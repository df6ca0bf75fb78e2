//! What a voice says of the narration: how chatty it is ([`VoiceDetail`]) and which lines
//! replace speech still in progress ([`Utterances`]). Pure: the speech service outside
//! carries the result to speech-dispatcher.

use super::{Narration, NarrationKind};

/// How much the voice says: the cues alone, or the cues with each step's instructions and
/// caution (said once per step, as plain mode prints them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum VoiceDetail {
    #[default]
    Cues,
    All,
}

impl VoiceDetail {
    pub const ALL: [VoiceDetail; 2] = [VoiceDetail::Cues, VoiceDetail::All];

    /// The name as written in the config file.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            VoiceDetail::Cues => "cues",
            VoiceDetail::All => "all",
        }
    }

    #[must_use]
    pub fn parse(name: &str) -> Option<VoiceDetail> {
        VoiceDetail::ALL.into_iter().find(|d| d.as_str() == name)
    }

    fn says(self, kind: NarrationKind) -> bool {
        match kind {
            NarrationKind::Instructions | NarrationKind::Caution => self == VoiceDetail::All,
            _ => true,
        }
    }
}

/// One moment's speech: its lines in order, and whether they replace what is still being
/// said (a new phase, a pause, the end: what was being said no longer applies).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Utterances {
    pub interrupt: bool,
    pub lines: Vec<String>,
}

impl Utterances {
    /// The lines of `narration` this detail says; `None` when there is nothing to say.
    #[must_use]
    pub fn of(narration: &[Narration], detail: VoiceDetail) -> Option<Utterances> {
        let lines: Vec<String> = narration
            .iter()
            .filter(|n| detail.says(n.kind))
            .map(|n| spoken(&n.text))
            .collect();
        if lines.is_empty() {
            return None;
        }
        let interrupt = narration.iter().any(|n| {
            matches!(
                n.kind,
                NarrationKind::PhaseStarted
                    | NarrationKind::Rest
                    | NarrationKind::Paused
                    | NarrationKind::SessionEnded
            )
        });
        Some(Utterances { interrupt, lines })
    }

    /// Words said by themselves ("Voice on"), replacing nothing.
    #[must_use]
    pub fn just(text: &str) -> Utterances {
        Utterances {
            interrupt: false,
            lines: vec![text.to_string()],
        }
    }
}

/// One line for speech: paragraphs joined, so a synthesiser reads on without a break mid-step.
fn spoken(text: &str) -> String {
    let parts: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(kind: NarrationKind, text: &str) -> Narration {
        Narration {
            kind,
            text: text.into(),
        }
    }

    #[test]
    fn cues_leave_out_instructions_and_a_new_phase_interrupts() {
        use NarrationKind as K;
        let said = [
            n(K::PhaseCue, "Back to the middle."),
            n(K::Switch, "Switch to the right side"),
            n(K::PhaseStarted, "Reach, right side: 30 seconds"),
            n(K::Instructions, "Reach up.\nBreathe out."),
            n(K::Caution, "Caution: gently."),
        ];
        let cues = Utterances::of(&said, VoiceDetail::Cues).unwrap();
        assert!(cues.interrupt);
        assert_eq!(
            cues.lines,
            [
                "Back to the middle.",
                "Switch to the right side",
                "Reach, right side: 30 seconds"
            ]
        );
        let all = Utterances::of(&said, VoiceDetail::All).unwrap();
        assert_eq!(all.lines[3], "Reach up. Breathe out.");
        assert_eq!(all.lines.len(), 5);
        let warning = Utterances::of(&[n(K::TimeWarning, "10 seconds left")], VoiceDetail::Cues);
        assert!(!warning.unwrap().interrupt);
        assert_eq!(
            Utterances::of(&[n(K::Instructions, "x")], VoiceDetail::Cues),
            None
        );
        assert_eq!(VoiceDetail::parse("all"), Some(VoiceDetail::All));
        assert_eq!(VoiceDetail::parse("some"), None);
    }
}
