//! The session screens: the intro here, the countdown in `running`, the summary in
//! `summary`; the pieces they share are in `session_parts`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};

use super::bordered::render_bordered;
use super::session_parts::{as_sentence, checkin_lines, frame};

use crate::runner::Mode;
use crate::session::Session;
use crate::tui::keymap::{Action, Footer};
use crate::tui::state::{App, SessionState};
use crate::tui::view::home::render_header;
use crate::tui::view::outline::{fitted_outline, session_outline};
use crate::tui::view::split;
use crate::tui::view::widgets::{render_footer, render_rows, word_wrapped, wrapped_rows};

/// Draws the session screen; returns how far the countdown's instructions, or the summary,
/// can scroll.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) -> Option<u16> {
    let state = app.session()?;
    let (session, runner) = (state.session(), state.runner());
    let [header, body, footer] = split::rows(
        area,
        [
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ],
    );
    render_header(app, header, buf);
    match runner.mode() {
        Mode::Intro => {
            render_intro(app, session, body, footer, buf);
            None
        }
        Mode::Running | Mode::Paused => Some(super::running::render_running(
            app, session, runner, body, footer, buf,
        )),
        Mode::Finished => super::summary::render_summary(app, session, runner, body, footer, buf),
    }
}

/// The pain question, the prompt to start and why the voice or sounds stopped. Where they
/// would not all fit, the question gives way to the prompt (its keys still work).
fn start_lines(app: &App, inner: Rect) -> Vec<Line<'static>> {
    let mut start = Vec::new();
    if app.prefs().checkin {
        start.extend(checkin_lines(
            app,
            app.session().and_then(SessionState::pain_before),
            "How much does your back hurt right now (0–10)?",
            None,
            inner.width,
        ));
    }
    let checkin_rows = start.len();
    start.push(Line::from(vec![
        Span::styled("Press ", app.theme().text),
        Span::styled("Enter", app.theme().key),
        Span::styled(" or ", app.theme().text),
        Span::styled("Space", app.theme().key),
        Span::styled(" to start.", app.theme().text),
    ]));
    start.extend(
        app.audio_notices()
            .map(|n| Line::styled(n.to_string(), app.theme().caution)),
    );
    if wrapped_rows(&start, inner.width) > inner.height {
        start.drain(..checkin_rows);
    }
    start
}

fn render_intro(app: &App, session: &Session, body: Rect, footer: Rect, buf: &mut Buffer) {
    let block = frame(
        app,
        session.title.to_string(),
        crate::text::count_of(session.steps.len(), "step"),
        body.width,
    );
    let inner = block.inner(body);
    render_bordered(block, app.theme().muted, body, buf);
    // What to do next stays at the bottom; the outline takes the rows above it, brief (no
    // blank lines, the summary as far as it fits) when the whole one would not fit.
    let mut start = start_lines(app, inner);
    // Whose break schedule this is comes last, and only where it leaves the brief outline
    // its rows: the steps matter more.
    let brief = || session_outline(app, session, inner.width, true);
    if let Some(news) = app.schedule_news() {
        let news = Line::styled(as_sentence(news), app.theme().muted);
        let rows = wrapped_rows(&start, inner.width)
            + wrapped_rows(std::slice::from_ref(&news), inner.width)
            + 1
            + wrapped_rows(&brief(), inner.width);
        if rows <= inner.height {
            start.push(news);
        }
    }
    // Wrapped here, so the rows counted are the rows drawn (a count by width alone can be a
    // row too many or too few where words wrap).
    let start = word_wrapped(start, inner.width);
    let start_rows = wrapped_rows(&start, inner.width);
    let room = inner.height.saturating_sub(start_rows + 1);
    let outline = fitted_outline(app, session, inner.width, room);
    let outline_rows = wrapped_rows(&outline, inner.width).min(room);
    let [top, _, bottom] = split::rows(
        inner,
        [
            Constraint::Length(outline_rows),
            // No gap above the prompt when there is no outline to set it apart from.
            Constraint::Length(u16::from(outline_rows > 0)),
            Constraint::Length(start_rows),
        ],
    );
    render_rows(&outline, top, buf);
    render_rows(&start, bottom, buf);
    // Started on this one session (`knotless run`), there is no home to go back to.
    let single = app.single_session();
    let word = |action, word| match action {
        Action::Quit if single => Some("quit"),
        _ => Some(word),
    };
    render_footer(Footer::Intro, word, app.theme(), footer, buf);
}
