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
use crate::tui::view::widgets::{render_hints, wrapped_rows};

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

pub(super) fn frame<'a>(app: &App, title: String, right: String) -> Block<'a> {
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
    let inner = block.inner(body);
    block.render(body, buf);
    // What to do next stays at the bottom; the outline takes the rows above it, brief (no
    // summary, no blank lines) when the whole one would not fit.
    let mut start = Vec::new();
    if app.prefs().checkin {
        start.push(checkin_line(
            app,
            app.session().and_then(SessionState::pain_before),
            "How much does your back hurt right now (0–10)?",
        ));
    }
    start.push(Line::from(vec![
        Span::styled("Press ", app.theme().text),
        Span::styled("Enter", app.theme().key),
        Span::styled(" or ", app.theme().text),
        Span::styled("Space", app.theme().key),
        Span::styled(" to start.", app.theme().text),
    ]));
    let start_rows = wrapped_rows(&start, inner.width);
    let room = inner.height.saturating_sub(start_rows + 1);
    let mut outline = session_outline(app, session, false);
    if wrapped_rows(&outline, inner.width) > room {
        outline = session_outline(app, session, true);
    }
    let outline_rows = wrapped_rows(&outline, inner.width).min(room);
    let [top, _, bottom] = inner.layout(&Layout::vertical([
        Constraint::Length(outline_rows),
        Constraint::Length(1),
        Constraint::Length(start_rows),
    ]));
    Paragraph::new(outline)
        .wrap(Wrap { trim: false })
        .render(top, buf);
    Paragraph::new(start)
        .wrap(Wrap { trim: false })
        .render(bottom, buf);
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
