//! The voice's part of the app's state: on or off for this run (`v`), and why it stopped
//! when speech-dispatcher cannot speak. The words come from the session's narrator
//! (`SessionState`); this decides only whether they are said.

use super::App;
use crate::narrate::{Utterances, VoiceDetail};
use crate::tui::effects::Effect;
use crate::tui::state::Prefs;

#[derive(Clone, Debug, Default)]
pub(super) struct VoiceState {
    on: bool,
    /// Why the voice went quiet, shown once on the running screen until `v` again.
    notice: Option<String>,
}

impl VoiceState {
    pub(super) fn new(prefs: &Prefs) -> VoiceState {
        VoiceState {
            on: prefs.voice,
            notice: None,
        }
    }
}

impl App {
    /// Whether the voice speaks now.
    #[must_use]
    pub fn voice_on(&self) -> bool {
        self.voice.on
    }

    /// Why the voice stopped ("speech-dispatcher is not running ..."), if it did.
    #[must_use]
    pub fn voice_notice(&self) -> Option<&str> {
        self.voice.notice.as_deref()
    }

    /// How much the voice says, while it is on.
    pub(super) fn voice_detail(&self) -> Option<VoiceDetail> {
        self.voice.on.then_some(self.prefs.voice_says)
    }

    /// `v`: on says "Voice on" (and tries speech-dispatcher again); off stops speech at once.
    pub(super) fn toggle_voice(&mut self, out: &mut Vec<Effect>) {
        self.voice.on = !self.voice.on;
        self.voice.notice = None;
        out.push(if self.voice.on {
            Effect::Speak(Utterances::just("Voice on"))
        } else {
            Effect::Silence
        });
    }

    /// speech-dispatcher cannot speak: the voice turns off, and the screen says why.
    pub(super) fn voice_failed(&mut self, reason: &str) {
        if self.voice.on {
            self.voice.on = false;
            self.voice.notice = Some(format!("Voice off: {}", crate::text::sanitize(reason)));
        }
    }

    /// A reloaded config that turns the voice on or off decides; otherwise `v`'s choice holds.
    pub(super) fn voice_reloaded(&mut self, old: &Prefs, out: &mut Vec<Effect>) {
        if old.voice != self.prefs.voice && self.voice.on != self.prefs.voice {
            self.toggle_voice(out);
        }
    }
}
