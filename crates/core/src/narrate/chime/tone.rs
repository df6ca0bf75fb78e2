//! The chimes' waveforms, made here (no sound files): short sine notes with a soft attack and
//! an exponential fade, mono signed 16-bit at [`RATE`]. The notes and lengths are knotless's
//! choice: a falling pair for a phase's end, a quick repeated note for "switch sides", a
//! rising triad for the session's end, and a quiet low tick for the count-in.

use super::Chime;

/// Samples per second.
pub const RATE: u32 = 44_100;

/// One note: its pitch (Hz), length (ms) and loudness (0 to 1).
struct Note(f32, u32, f32);

fn notes(chime: Chime) -> &'static [Note] {
    match chime {
        Chime::PhaseEnd => &[Note(880.0, 160, 0.45), Note(659.3, 260, 0.45)],
        Chime::Switch => &[
            Note(784.0, 110, 0.45),
            Note(784.0, 110, 0.0),
            Note(784.0, 200, 0.45),
        ],
        Chime::SessionEnd => &[
            Note(523.3, 160, 0.45),
            Note(659.3, 160, 0.45),
            Note(784.0, 420, 0.45),
        ],
        Chime::CountIn => &[Note(440.0, 70, 0.2)],
    }
}

/// The chime's samples.
#[must_use]
pub fn samples(chime: Chime) -> Vec<i16> {
    let mut out = Vec::new();
    for &Note(pitch, ms, loudness) in notes(chime) {
        let len = RATE * ms / 1000;
        let attack = (RATE / 200).min(len / 4).max(1); // 5 ms
        #[allow(clippy::cast_precision_loss)]
        for i in 0..len {
            let t = i as f32 / RATE as f32;
            let fade_in = (i as f32 / attack as f32).min(1.0);
            let fade_out = libm::expf(-4.0 * i as f32 / len as f32);
            let wave = libm::sinf(2.0 * std::f32::consts::PI * pitch * t);
            let value = wave * fade_in * fade_out * loudness * f32::from(i16::MAX);
            #[allow(clippy::cast_possible_truncation)]
            out.push(value as i16);
        }
    }
    out
}

/// The samples as little-endian bytes, as a playback stream takes them.
#[must_use]
pub fn bytes(chime: Chime) -> Vec<u8> {
    samples(chime)
        .iter()
        .flat_map(|s| s.to_le_bytes())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chimes_are_short_audible_and_distinct() {
        let peak = |c| samples(c).iter().map(|s| s.unsigned_abs()).max().unwrap();
        for chime in Chime::ALL {
            let len = samples(chime).len();
            assert!(
                len > 0 && len < RATE as usize,
                "{chime:?} is under a second"
            );
        }
        assert!(peak(Chime::PhaseEnd) > 10_000);
        assert!(
            peak(Chime::CountIn) < peak(Chime::PhaseEnd),
            "the count-in is soft"
        );
        assert_ne!(samples(Chime::PhaseEnd), samples(Chime::Switch));
        assert_ne!(samples(Chime::Switch), samples(Chime::SessionEnd));
        assert_eq!(
            bytes(Chime::CountIn).len(),
            samples(Chime::CountIn).len() * 2
        );
    }
}
