//! The voice's and the sounds' part of the app's state: the voice on or off for this run
//! (`v`), whether the sound server failed (then the bell rings instead), and the one notice
//! that says why either stopped. The words and chimes come from the session's narrator and
//! chimer (`SessionState`); this decides only whether they are said or played.

use super::App;
use crate::narrate::{ChimeSet, Utterances, VoiceDetail};
use crate::tui::effects::Effect;
use crate::tui::state::Prefs;

#[derive(Clone, Debug, Default)]
pub(super) struct AudioState {
    voice: bool,
    sound_failed: bool,
    /// Why the voice or the sounds stopped, shown on the session screen until `v` again.
    notice: Option<String>,
}

impl AudioState {
    pub(super) fn new(prefs: &Prefs) -> AudioState {
        AudioState {
            voice: prefs.voice,
            ..AudioState::default()
        }
    }
}

impl App {
    /// Whether the voice speaks now.
    #[must_use]
    pub fn voice_on(&self) -> bool {
        self.audio.voice
    }

    /// Why the voice or the sounds stopped ("Voice off: speech-dispatcher is not running"),
    /// if one did.
    #[must_use]
    pub fn audio_notice(&self) -> Option<&str> {
        self.audio.notice.as_deref()
    }

    /// How much the voice says, while it is on.
    pub(super) fn voice_detail(&self) -> Option<VoiceDetail> {
        self.audio.voice.then_some(self.prefs.voice_says)
    }

    /// Which chimes play, while sounds are on and the server works.
    pub(super) fn chimes(&self) -> Option<ChimeSet> {
        self.prefs.sound.filter(|_| !self.audio.sound_failed)
    }

    /// `v`: on says "Voice on" (and tries speech-dispatcher again); off stops speech at once.
    pub(super) fn toggle_voice(&mut self, out: &mut Vec<Effect>) {
        self.audio.voice = !self.audio.voice;
        self.audio.notice = None;
        out.push(if self.audio.voice {
            Effect::Speak(Utterances::just("Voice on"))
        } else {
            Effect::Silence
        });
    }

    /// speech-dispatcher cannot speak: the voice turns off, and the screen says why.
    pub(super) fn voice_failed(&mut self, reason: &str) {
        if self.audio.voice {
            self.audio.voice = false;
            self.audio.notice = Some(format!("Voice off: {}", crate::text::sanitize(reason)));
        }
    }

    /// The sound server cannot play: the bell rings for the chime that was missed and from
    /// now on, and the screen says so once.
    pub(super) fn sound_failed(&mut self, reason: &str, out: &mut Vec<Effect>) {
        if std::mem::replace(&mut self.audio.sound_failed, true) {
            return;
        }
        self.audio.notice = Some(format!(
            "Sounds off: {}; the terminal bell rings instead",
            crate::text::sanitize(reason)
        ));
        if !self.prefs.quiet {
            out.push(Effect::Bell);
        }
    }

    /// A reloaded config that turns the voice on or off decides; otherwise `v`'s choice holds.
    pub(super) fn voice_reloaded(&mut self, old: &Prefs, out: &mut Vec<Effect>) {
        if old.voice != self.prefs.voice && self.audio.voice != self.prefs.voice {
            self.toggle_voice(out);
        }
    }
}
