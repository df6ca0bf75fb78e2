//! The session screens: the intro here, the countdown in `running`, the summary in
//! `summary`; the pieces they share are in `session_parts`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::session_parts::{checkin_line, frame};

use crate::runner::Mode;
use crate::session::Session;
use crate::tui::keymap::Footer;
use crate::tui::state::{App, SessionState};
use crate::tui::view::home::{render_header, session_outline};
use crate::tui::view::widgets::render_footer;

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

fn render_intro(app: &App, session: &Session, body: Rect, footer: Rect, buf: &mut Buffer) {
    let block = frame(
        app,
        session.title.to_string(),
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
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block)
        .render(body, buf);
    render_footer(
        Footer::Intro,
        |_, word| Some(word),
        app.theme(),
        footer,
        buf,
    );
}
