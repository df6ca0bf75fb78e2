//! "Why and how": what the source material says about why lower-back knots form and how to
//! keep new ones away, as structured text for the TUI screen and `knotless guide`. It follows
//! `shared/source/lower-back-knots.txt` in our own words and adds no medical claims; the signs
//! that call for a clinician live in [`crate::safety`], which the last section points to. Pure.

/// One topic: a heading and its points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Topic {
    pub heading: &'static str,
    pub points: &'static [&'static str],
    /// A built-in session that puts the topic into practice, if one does.
    pub session: Option<&'static str>,
}

/// The whole guide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Guide {
    pub title: &'static str,
    pub intro: &'static str,
    pub topics: &'static [Topic],
}

const GUIDE: Guide = Guide {
    title: "Why knots form, and how to keep them away",
    intro: "A knot in the lower back, which clinicians call a myofascial trigger point, is a \
            hard, sore spot in a band of tight muscle: fibres that have stayed contracted \
            instead of letting go. It can limit how far you move and send pain into the \
            buttocks or legs.",
    topics: &[
        Topic {
            heading: "What causes them",
            points: &[
                "Poor posture, above all long hours of sitting: slumping leaves the muscles that \
                 keep your pelvis and spine upright working until they tire and spasm.",
                "Overuse or strain, especially lifting heavy things with poor form: swinging the \
                 load, or letting the small back muscles do the work of the stronger core, makes \
                 the lower back tighten to protect itself.",
                "Ongoing stress: it keeps muscles half-tensed, which cuts their blood supply and \
                 lets waste build up in the tissue.",
                "Too little water, or too little magnesium or potassium: short of fluid, muscle \
                 fibres get irritable and stick together; short of these minerals, they go into \
                 painful spasm more easily.",
            ],
            session: None,
        },
        Topic {
            heading: "Posture and the chair",
            points: &[
                "If you spend long hours in a chair, getting your set-up right is fundamental: a chair that supports the \
                 curve of your lower back, both feet flat on the floor, and a spine that keeps \
                 its natural curve rather than slumping.",
            ],
            session: Some("desk-break"),
        },
        Topic {
            heading: "Movement breaks",
            points: &[
                "Holding one position, sitting or standing, tires muscles and lets them tighten. \
                 Every 30 to 60 minutes, get up and walk about or stretch: the change of \
                 position stops strain from adding up and keeps the blood moving. knotless's \
                 reminders are there for this.",
            ],
            session: Some("desk-break"),
        },
        Topic {
            heading: "Core strength",
            points: &[
                "A strong core carries much of the spine's load, so the smaller back muscles do \
                 not have to make up for it. Work the deep stomach, back and buttock muscles, \
                 with planks or bird-dogs for example: a steady spine is less likely to go into \
                 protective spasm.",
            ],
            session: Some("core-stability"),
        },
        Topic {
            heading: "Water, magnesium and potassium",
            points: &[
                "Drink enough water: well-watered muscle fibres stay supple and are less likely \
                 to seize up from friction.",
                "Magnesium works as a natural muscle relaxant: it helps a muscle let go after it \
                 contracts.",
                "Potassium works with the other electrolytes to carry nerve signals and keep \
                 your fluids in balance, so muscles work smoothly.",
                "Food rich in both minerals helps your muscles tighten and relax as they should.",
            ],
            session: None,
        },
        Topic {
            heading: "Stress and breathing",
            points: &[
                "Everyday stress shows up as muscle tension. Mindful breathing or meditation \
                 lowers that constant bracing, which leaves knots less to grow from.",
            ],
            session: Some("unwind"),
        },
        Topic {
            heading: "When to get help",
            points: &[
                "Most knots ease with heat, stretching and self-massage. Some signs mean you \
                 should see a clinician, and a few need emergency care: the safety screen (press \
                 ! in knotless) lists them.",
            ],
            session: None,
        },
    ],
};

/// The guide.
#[must_use]
pub fn guide() -> &'static Guide {
    &GUIDE
}

impl Topic {
    /// "Try it: knotless run desk-break", for topics a built-in session practises.
    #[must_use]
    pub fn try_line(&self) -> Option<String> {
        self.session.map(|id| format!("Try it: knotless run {id}"))
    }
}

/// The guide as plain text, wrapped to `width` columns: what `knotless guide` prints.
#[must_use]
pub fn plain_text(width: usize) -> String {
    let g = guide();
    let mut out = String::new();
    push_wrapped(&mut out, g.title, width, "", "");
    out.push('\n');
    push_wrapped(&mut out, g.intro, width, "", "");
    for topic in g.topics {
        out.push('\n');
        push_wrapped(&mut out, topic.heading, width, "", "");
        for point in topic.points {
            push_wrapped(&mut out, point, width, "  - ", "    ");
        }
        if let Some(line) = topic.try_line() {
            push_wrapped(&mut out, &line, width, "  ", "  ");
        }
    }
    out
}

/// Greedy word wrap by characters (the guide is plain ASCII apart from punctuation).
fn push_wrapped(out: &mut String, text: &str, width: usize, first: &str, rest: &str) {
    let mut line = String::from(first);
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && line.chars().count() + 1 + word.chars().count() > width {
            out.push_str(&line);
            out.push('\n');
            line = String::from(rest);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(&line);
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_text() -> String {
        let g = guide();
        let mut parts = vec![g.title, g.intro];
        for t in g.topics {
            parts.push(t.heading);
            parts.extend(t.points.iter().copied());
        }
        parts.join(" ")
    }

    #[test]
    fn covers_every_cause_and_prevention_point_of_the_source() {
        let all = all_text();
        for needle in [
            "posture",
            "sitting",
            "lifting heavy things with poor form",
            "stress",
            "water",
            "magnesium",
            "potassium",
            "natural muscle relaxant",
            "electrolytes",
            "nerve signals",
            "lower back",
            "feet flat on the floor",
            "natural curve",
            "30 to 60 minutes",
            "planks",
            "bird-dogs",
            "Mindful breathing or meditation",
            "safety screen",
        ] {
            assert!(all.contains(needle), "missing {needle:?}");
        }
    }

    #[test]
    fn the_sections_the_screen_promises_are_there_in_order() {
        let headings: Vec<&str> = guide().topics.iter().map(|t| t.heading).collect();
        assert_eq!(
            headings,
            [
                "What causes them",
                "Posture and the chair",
                "Movement breaks",
                "Core strength",
                "Water, magnesium and potassium",
                "Stress and breathing",
                "When to get help",
            ]
        );
    }

    #[test]
    fn plain_text_wraps_within_the_width_and_keeps_every_word() {
        let text = plain_text(60);
        for line in text.lines() {
            assert!(line.chars().count() <= 60, "{line:?}");
        }
        let words = |s: &str| s.split_whitespace().count();
        let expected: usize = words(&all_text())
            + guide()
                .topics
                .iter()
                .filter_map(Topic::try_line)
                .map(|l| words(&l))
                .sum::<usize>()
            + guide().topics.iter().map(|t| t.points.len()).sum::<usize>();
        assert_eq!(
            words(&text),
            expected,
            "every word once, plus one dash per point"
        );
        assert!(text.starts_with("Why knots form"));
        assert!(text.contains("\nWhen to get help\n"));
    }
}
