//! The pieces the session screens (intro, running, summary) share: the frame, the pain
//! check-in line and the side/rep label. It uses no other view module but `widgets`.

use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};
use unicode_width::UnicodeWidthStr;

use crate::session::{Phase, Session};
use crate::text::capitalised;
use crate::tui::state::App;
use crate::tui::view::widgets::truncate;

/// The session's frame, `width` wide: its title, and on the right the position (with
/// "voice" while the voice is on). Where both do not fit on the top edge, the title is cut
/// with "…" rather than run into the position.
pub(super) fn frame<'a>(app: &App, title: String, right: String, width: u16) -> Block<'a> {
    let right = frame_right(app, right);
    // The two corners and a space either side of each title.
    let room = usize::from(width).saturating_sub(right.width() + 6);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme().muted)
        .title(Line::styled(format!(" {right} "), app.theme().muted).right_aligned());
    // Under three columns a cut title would be just "…".
    if room < 3 {
        return block;
    }
    let title = truncate(&title, room);
    block.title(Line::styled(format!(" {title} "), app.theme().title))
}

/// What the frame writes on its right for `right`.
pub(super) fn frame_right(app: &App, right: String) -> String {
    if app.voice_on() {
        format!("{right} · voice")
    } else {
        right
    }
}

/// The pain check-in: the question, the answer so far, `extra` ("(before: 4)") and the keys.
/// Where they do not fit on one row of `width`, the keys take a row of their own rather than
/// wrap in the middle of their hint.
pub(super) fn checkin_lines(
    app: &App,
    rating: Option<u8>,
    question: &str,
    extra: Option<String>,
    width: u16,
) -> Vec<Line<'static>> {
    let answer = rating.map_or_else(|| "–".to_string(), |r| r.to_string());
    let mut line = Line::from(vec![
        Span::styled(question.to_string(), app.theme().text),
        Span::styled(format!(" {answer} "), app.theme().selected),
    ]);
    if let Some(extra) = extra {
        line.push_span(Span::styled(format!("  {extra}"), app.theme().muted));
    }
    let keys = "0–9, + for 10, Tab to skip";
    if line.width() + 2 + keys.width() <= usize::from(width) {
        line.push_span(Span::styled(format!("  {keys}"), app.theme().muted));
        vec![line]
    } else {
        // A trailing blank one column too wide would wrap onto a row of its own.
        if line.width() > usize::from(width)
            && let Some(last) = line.spans.last_mut()
        {
            last.content = last.content.trim_end().to_string().into();
        }
        vec![line, Line::styled(keys, app.theme().muted)]
    }
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
