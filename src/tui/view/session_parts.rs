//! The pieces the session screens (intro, running, summary) share: the frame, the pain
//! check-in line and the side/rep label. A leaf: it uses no other view module.

use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use crate::session::{Phase, Session};
use crate::text::capitalised;
use crate::tui::state::App;

/// The session's frame: its title, and on the right the position (with "voice" while the
/// voice is on).
pub(super) fn frame<'a>(app: &App, title: String, right: String) -> Block<'a> {
    let right = frame_right(app, right);
    Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme().muted)
        .title(Line::styled(format!(" {title} "), app.theme().title))
        .title(Line::styled(format!(" {right} "), app.theme().muted).right_aligned())
}

/// What the frame writes on its right for `right`.
pub(super) fn frame_right(app: &App, right: String) -> String {
    if app.voice_on() {
        format!("{right} · voice")
    } else {
        right
    }
}

pub(super) fn checkin_line(app: &App, rating: Option<u8>, question: &str) -> Line<'static> {
    let answer = rating.map_or_else(|| "–".to_string(), |r| r.to_string());
    Line::from(vec![
        Span::styled(question.to_string(), app.theme().text),
        Span::styled(format!(" {answer} "), app.theme().selected),
        Span::styled("  0–9, + for 10, Tab to skip", app.theme().muted),
    ])
}

/// "Left · rep 2 of 3", or "" when the step has neither sides nor reps.
pub(super) fn position_label(session: &Session, phase: &Phase) -> String {
    let step = &session.steps[phase.step];
    let mut parts = Vec::new();
    if let Some(side) = step.side_words(phase.side) {
        parts.push(capitalised(&side));
    }
    if step.reps > 1 {
        parts.push(format!("rep {} of {}", phase.rep, step.reps));
    }
    parts.join(" · ")
}

/// A notice written for home's notice line, as a sentence of its own.
pub(super) fn as_sentence(notice: &str) -> String {
    format!("{}.", capitalised(notice))
}
