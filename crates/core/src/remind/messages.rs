//! What a reminder says: short advice taken from the source material (regular movement
//! breaks, stretching, posture, water and minerals, easing tension), in our own words. Pure.

use crate::text::SafeText;

/// One reminder's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reminder {
    pub summary: SafeText,
    pub body: SafeText,
}

/// `(summary, body)` pairs, shown in turn.
pub const MESSAGES: [(&str, &str); 6] = [
    (
        "Time to stand up",
        "Get up and walk around for a minute or two. Changing position keeps your back muscles \
         from tiring and tightening.",
    ),
    (
        "Stretch break",
        "Stand and stretch gently. A slow, easy stretch lets tight muscles lengthen after a \
         long stretch of sitting.",
    ),
    (
        "Posture check",
        "Feet flat on the floor, your lower back against the chair's support, spine in its \
         natural curve — no slouching.",
    ),
    (
        "Drink some water",
        "Have a glass of water: it keeps muscles supple. Food rich in magnesium and potassium \
         helps them contract and relax smoothly.",
    ),
    (
        "Relax and breathe",
        "Let your shoulders drop and take a few slow, mindful breaths. Easing tension helps your \
         muscles stop bracing.",
    ),
    (
        "Move a little",
        "Stand, walk a few steps, and come back. A change of position every 30 to 60 minutes \
         keeps the blood flowing.",
    ),
];

/// The `index`-th message, wrapping around.
#[must_use]
pub fn message(index: usize) -> Reminder {
    let (summary, body) = MESSAGES[index % MESSAGES.len()];
    Reminder {
        summary: SafeText::new(summary),
        body: SafeText::new(body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotates_and_wraps() {
        assert_eq!(message(0).summary, "Time to stand up");
        assert_eq!(message(MESSAGES.len()), message(0));
        let all: std::collections::HashSet<_> = (0..MESSAGES.len())
            .map(message)
            .collect::<Vec<_>>()
            .into_iter()
            .map(|m| m.summary)
            .collect();
        assert_eq!(all.len(), MESSAGES.len());
    }

    #[test]
    fn the_water_reminder_mentions_the_minerals() {
        let (_, body) = MESSAGES[3];
        assert!(body.contains("magnesium") && body.contains("potassium"));
    }

    #[test]
    fn texts_are_plain_and_short() {
        for (summary, body) in MESSAGES {
            assert!(summary.len() <= 40 && body.len() <= 160, "{summary}");
            assert_eq!(crate::text::sanitize(body), body);
        }
    }
}
