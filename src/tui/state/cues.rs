//! The cues' part of the app's state: the voice on or off for this run (`v`), whether the
//! sound server failed (then the bell rings instead), the one notice that says why either
//! stopped, and whether the terminal has focus (a long phase that ends while it has not is
//! told on the desktop). The words and chimes come from the session's narrator and chimer
//! (`SessionState`); this decides only whether they are said, played or sent.

use super::App;
use crate::narrate::{Chime, ChimeSet, Utterances, VoiceDetail};
use crate::tui::effects::Effect;
use crate::tui::state::{Input, Prefs};

#[derive(Clone, Debug, Default)]
pub(super) struct CueState {
    voice: bool,
    sound_failed: bool,
    /// As the terminal last reported; `None` until it does (it may not know how).
    focused: Option<bool>,
    /// Why the voice stopped, shown on the session screens until `v` again.
    voice_notice: Option<String>,
    /// Why sounds stopped, shown on the session screens from then on.
    sound_notice: Option<String>,
}

impl CueState {
    pub(super) fn new(prefs: &Prefs) -> CueState {
        CueState {
            voice: prefs.voice,
            ..CueState::default()
        }
    }
}

impl App {
    /// What the session screen needs for one key or tick: the clocks, the check-in and the
    /// bell, and the cues (the voice, the chimes, the away alerts) as they stand now.
    pub(super) fn session_ctx(&self) -> super::session::Ctx {
        super::session::Ctx {
            now: self.now,
            wall: self.wall,
            checkin: self.prefs.checkin,
            quiet: self.prefs.quiet,
            voice: self.voice_detail(),
            chimes: self.chimes(),
            away_after: self.away_after(),
            alerts: self.prefs.alerts,
        }
    }

    /// Whether the voice speaks now.
    #[must_use]
    pub fn voice_on(&self) -> bool {
        self.cues.voice
    }

    /// Why the voice or the sounds stopped ("Voice off: speech-dispatcher is not running"),
    /// for those that did.
    pub fn audio_notices(&self) -> impl Iterator<Item = &str> {
        let notices = [&self.cues.voice_notice, &self.cues.sound_notice];
        notices.into_iter().flatten().map(String::as_str)
    }

    /// How much the voice says, while it is on.
    fn voice_detail(&self) -> Option<VoiceDetail> {
        self.cues.voice.then_some(self.prefs.voice_says)
    }

    /// The inputs about cues: the voice or the sound server failed, the focus changed.
    pub(super) fn cue_input(&mut self, input: Input, out: &mut Vec<Effect>) {
        match input {
            Input::VoiceFailed(reason) => self.voice_failed(&reason),
            Input::SoundFailed(chime, reason) => self.sound_failed(chime, &reason, out),
            Input::Focus(focused) => self.cues.focused = Some(focused),
            _ => {}
        }
    }

    /// The shortest phase told on the desktop when it ends now: `None` while the terminal
    /// says it has focus (the user is looking). A terminal that never reported focus may not
    /// know how, so it counts as away.
    fn away_after(&self) -> Option<std::time::Duration> {
        (self.cues.focused != Some(true)).then_some(self.prefs.away_after)
    }

    /// Which chimes play, while sounds are on and the server works.
    pub(super) fn chimes(&self) -> Option<ChimeSet> {
        self.prefs.sound.filter(|_| !self.cues.sound_failed)
    }

    /// `v`: on says "Voice on" (and tries speech-dispatcher again); off stops speech at once.
    pub(super) fn toggle_voice(&mut self, out: &mut Vec<Effect>) {
        self.cues.voice = !self.cues.voice;
        self.cues.voice_notice = None;
        out.push(if self.cues.voice {
            Effect::Speak(Utterances::just("Voice on"))
        } else {
            Effect::Silence
        });
    }

    /// speech-dispatcher cannot speak: the voice turns off, and the screen says why.
    fn voice_failed(&mut self, reason: &str) {
        if self.cues.voice {
            self.cues.voice = false;
            self.cues.voice_notice = Some(format!("Voice off: {}", crate::text::sanitize(reason)));
        }
    }

    /// The sound server cannot play: the bell rings for a phase's end that was missed and
    /// at each one from now on (never for a count-in tick: the phase has seconds to go), and
    /// the screen says so once.
    fn sound_failed(&mut self, chime: Chime, reason: &str, out: &mut Vec<Effect>) {
        if std::mem::replace(&mut self.cues.sound_failed, true) {
            return;
        }
        self.cues.sound_notice = Some(format!(
            "Sounds off: {}; the terminal bell rings instead",
            crate::text::sanitize(reason)
        ));
        if !self.prefs.quiet && chime != Chime::CountIn {
            out.push(Effect::Bell);
        }
    }

    /// A reloaded config's preferences. One that turns the voice on or off decides;
    /// otherwise `v`'s choice holds.
    pub(super) fn set_prefs(&mut self, prefs: Prefs, out: &mut Vec<Effect>) {
        let old = std::mem::replace(&mut self.prefs, prefs);
        if old.voice != self.prefs.voice && self.cues.voice != self.prefs.voice {
            self.toggle_voice(out);
        }
    }
}
