//! A breathing pace on a step (`breathe_in = "4s"`, `breathe_out = "6s"`): where in the
//! breath a moment falls, in whole seconds, so a pacer that shows it changes at most once a
//! second, on the countdown's own second. Pure.

use std::time::Duration;

/// The longest breath in or out a file may ask for.
pub const MAX_BREATH: Duration = Duration::from_secs(30);

/// Breathe in for `inhale`, then out for `exhale`, over and over. Both whole seconds, from
/// 1 s to [`MAX_BREATH`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pace {
    pub inhale: Duration,
    pub exhale: Duration,
}

/// Where a moment falls in the breath.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Breath {
    pub inhaling: bool,
    /// The second of this half of the breath, from 1 to `of`.
    pub second: u64,
    /// How many seconds this half lasts.
    pub of: u64,
}

impl Breath {
    /// "Breathe in" or "Breathe out".
    #[must_use]
    pub fn words(self) -> &'static str {
        if self.inhaling {
            "Breathe in"
        } else {
            "Breathe out"
        }
    }
}

impl Pace {
    /// Where `spent` (time into the phase) falls: the phase starts on a breath in.
    #[must_use]
    pub fn at(self, spent: Duration) -> Breath {
        let inhale = self.inhale.as_secs().max(1);
        let exhale = self.exhale.as_secs().max(1);
        let within = spent.as_secs() % (inhale + exhale);
        if within < inhale {
            Breath {
                inhaling: true,
                second: within + 1,
                of: inhale,
            }
        } else {
            Breath {
                inhaling: false,
                second: within - inhale + 1,
                of: exhale,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_whole_seconds_through_in_then_out() {
        let pace = Pace {
            inhale: Duration::from_secs(4),
            exhale: Duration::from_secs(6),
        };
        let at = |ms: u64| pace.at(Duration::from_millis(ms));
        let b = |inhaling, second, of| Breath {
            inhaling,
            second,
            of,
        };
        assert_eq!(at(0), b(true, 1, 4));
        assert_eq!(at(999), b(true, 1, 4));
        assert_eq!(at(3_000), b(true, 4, 4));
        assert_eq!(at(4_000), b(false, 1, 6));
        assert_eq!(at(9_999), b(false, 6, 6));
        assert_eq!(at(10_000), b(true, 1, 4));
        assert_eq!(at(10_000).words(), "Breathe in");
        assert_eq!(at(4_000).words(), "Breathe out");
    }
}
