//! "When to seek help": the safety guidance as structured text. The text follows
//! `shared/source/lower-back-knots.txt` in our own words and adds no medical claims. Pure:
//! the remembered "it has been read" flag lives in the binary's `safety` module.

/// How urgent a group of signs is; the screen styles each differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Urgency {
    /// Go to emergency care now.
    Emergency,
    /// Book a visit with a clinician.
    SeeClinician,
    /// Professional options worth knowing about.
    Options,
    /// How to use the sessions safely.
    About,
}

/// One heading and its points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Section {
    pub urgency: Urgency,
    pub heading: &'static str,
    pub items: &'static [&'static str],
}

/// The whole safety screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Guidance {
    pub title: &'static str,
    pub intro: &'static str,
    pub sections: &'static [Section],
}

const GUIDANCE: Guidance = Guidance {
    title: "When to seek help",
    intro: "knotless gives general self-care information; it cannot examine you and does not \
            diagnose anything. Most muscle knots ease with heat, gentle stretching and \
            self-massage, but some signs mean it is time to stop treating your back yourself \
            and have it looked at.",
    sections: &[
        Section {
            urgency: Urgency::Emergency,
            heading: "Get emergency care now if back pain comes with:",
            items: &[
                "a fever",
                "weight loss you cannot explain",
                "losing control of your bladder or bowels",
            ],
        },
        Section {
            urgency: Urgency::SeeClinician,
            heading: "See a doctor or other healthcare provider if:",
            items: &[
                "one or both legs go numb, tingle or feel weak, above all below the knee (a \
                 sign that a nerve may be irritated or pressed on, as in sciatica)",
                "the pain is severe or stops you doing everyday things",
                "the pain does not ease with rest, or gets worse at night",
                "the pain has lasted more than a week even with regular care at home",
            ],
        },
        Section {
            urgency: Urgency::Options,
            heading: "If knots keep limiting your daily life:",
            items: &[
                "physical therapy or targeted massage can help; a physical therapist can find \
                 where muscles are out of balance and show you exercises to strengthen and \
                 stretch them",
                "knots that sit deep may need hands-on release, for example by dry needling \
                 of the trigger point or by therapeutic massage",
            ],
        },
        Section {
            urgency: Urgency::About,
            heading: "During a session:",
            items: &[
                "stretches are meant to be gentle: ease into them slowly",
                "pressure on a knot should be firm but bearable; ease off at once if it brings \
                 sharp pain or pain that shoots outward",
            ],
        },
    ],
};

/// The safety guidance.
#[must_use]
pub fn guidance() -> &'static Guidance {
    &GUIDANCE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guidance_covers_every_sign_from_the_source() {
        let all: String = std::iter::once(guidance().intro)
            .chain(
                guidance()
                    .sections
                    .iter()
                    .flat_map(|s| std::iter::once(s.heading).chain(s.items.iter().copied())),
            )
            .collect::<Vec<_>>()
            .join(" ");
        for needle in [
            "emergency",
            "fever",
            "weight loss",
            "bladder or bowels",
            "numb",
            "tingle",
            "weak",
            "below the knee",
            "sciatica",
            "severe",
            "rest",
            "at night",
            "more than a week",
            "physical therapist",
            "massage",
            "dry needling",
            "does not diagnose",
        ] {
            assert!(all.contains(needle), "missing {needle:?}");
        }
        assert_eq!(guidance().sections[0].urgency, Urgency::Emergency);
    }
}
