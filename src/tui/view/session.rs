//! The session screens: the intro here, the countdown in `running`, the summary in
//! `summary`; and the labels they share.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::runner::Mode;
use crate::session::{Phase, Session};
use crate::text::sanitize;
use crate::tui::state::{App, SessionState};
use crate::tui::view::home::{render_header, session_outline};
use crate::tui::view::widgets::render_hints;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(state) = app.session() else {
        return;
    };
    let (session, runner) = (state.session(), state.runner());
    let [header, body, footer] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    render_header(app, header, buf);
    match runner.mode() {
        Mode::Intro => render_intro(app, session, body, footer, buf),
        Mode::Running | Mode::Paused => {
            super::running::render_running(app, session, runner, body, footer, buf)
        }
        Mode::Finished => super::summary::render_summary(app, session, runner, body, footer, buf),
    }
}

/// The session's frame: its title, and on the right the position (with "voice" while the
/// voice is on).
pub(super) fn frame<'a>(app: &App, title: String, right: String) -> Block<'a> {
    let right = if app.voice_on() {
        format!("{right} · voice")
    } else {
        right
    };
    Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme().muted)
        .title(Line::styled(format!(" {title} "), app.theme().title))
        .title(Line::styled(format!(" {right} "), app.theme().muted).right_aligned())
}

pub(super) fn checkin_line(app: &App, rating: Option<u8>, question: &str) -> Line<'static> {
    let answer = rating.map_or_else(|| "–".to_string(), |r| r.to_string());
    Line::from(vec![
        Span::styled(question.to_string(), app.theme().text),
        Span::styled(format!(" {answer} "), app.theme().selected),
        Span::styled("  0–9, + for 10, Tab to skip", app.theme().muted),
    ])
}

fn render_intro(app: &App, session: &Session, body: Rect, footer: Rect, buf: &mut Buffer) {
    let block = frame(
        app,
        sanitize(&session.title),
        crate::text::count_of(session.steps.len(), "step"),
    );
    let mut lines = session_outline(app, session);
    lines.push(Line::raw(""));
    if app.prefs().checkin {
        lines.push(checkin_line(
            app,
            app.session().and_then(SessionState::pain_before),
            "How much does your back hurt right now (0–10)?",
        ));
        lines.push(Line::raw(""));
    }
    lines.push(Line::from(vec![
        Span::styled("Press ", app.theme().text),
        Span::styled("Enter", app.theme().key),
        Span::styled(" or ", app.theme().text),
        Span::styled("Space", app.theme().key),
        Span::styled(" to start.", app.theme().text),
    ]));
    for notice in app.audio_notices() {
        lines.push(Line::styled(notice.to_string(), app.theme().caution));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block)
        .render(body, buf);
    render_hints(
        &[
            ("Enter", "start"),
            ("q", "back"),
            ("!", "safety"),
            ("?", "help"),
        ],
        app.theme(),
        footer,
        buf,
    );
}

/// "Left · rep 2 of 3", or "" when the step has neither sides nor reps.
pub(super) fn position_label(session: &Session, phase: &Phase) -> String {
    let step = &session.steps[phase.step];
    let mut parts = Vec::new();
    if let Some(side) = step.side_words(phase.side) {
        parts.push(capitalise(&side));
    }
    if step.reps > 1 {
        parts.push(format!("rep {} of {}", phase.rep, step.reps));
    }
    parts.join(" · ")
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}
