//! The summary after a session: what was done, and the pain check-in after it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::session_parts::{checkin_line, frame};
use crate::duration;
use crate::history::Outcome;
use crate::runner::Runner;
use crate::session::Session;
use crate::tui::keymap::{Action, Footer};
use crate::tui::state::App;
use crate::tui::view::widgets::render_footer;

pub(super) fn render_summary(
    app: &App,
    session: &Session,
    runner: &Runner,
    body: Rect,
    footer: Rect,
    buf: &mut Buffer,
) {
    let summary = runner.summary(app.now());
    let skipped = u32::try_from(summary.skipped).unwrap_or(u32::MAX);
    let (title, closing) = ending(Outcome::of_ended(summary.completed, skipped));
    let block = frame(app, session.title.to_string(), "done".to_string());
    let mut lines = vec![
        Line::raw(""),
        Line::styled(format!("  {title}"), app.theme().title),
        Line::raw(""),
        Line::from(vec![
            Span::styled("  Phases done     ", app.theme().muted),
            Span::raw(format!("{} of {}", summary.done, summary.total)),
        ]),
        Line::from(vec![
            Span::styled("  Phases skipped  ", app.theme().muted),
            Span::raw(summary.skipped.to_string()),
        ]),
        Line::from(vec![
            Span::styled("  Time spent      ", app.theme().muted),
            Span::raw(duration::clock(summary.active)),
        ]),
        Line::raw(""),
    ];
    if app.prefs().checkin {
        let pains = app.session().map(|s| (s.pain_before(), s.pain_after()));
        let (pain_before, pain_after) = pains.unwrap_or_default();
        let mut line = checkin_line(app, pain_after, "  How does your back feel now (0–10)?");
        if let Some(before) = pain_before {
            line.push_span(Span::styled(
                format!("  (before: {before})"),
                app.theme().muted,
            ));
        }
        lines.push(line);
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(format!("  {closing}"), app.theme().text));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block)
        .render(body, buf);
    let single = app.single_session();
    let word = |action, word| match action {
        Action::Select if single => Some("quit"),
        _ => Some(word),
    };
    render_footer(Footer::Summary, word, app.theme(), footer, buf);
}

/// The summary's title and last line, by how the run ended (the outcome history records):
/// only a run with every phase done is greeted as complete.
fn ending(outcome: Outcome) -> (&'static str, &'static str) {
    const MOVE: &str = "Get up slowly and move gently for a moment.";
    match outcome {
        Outcome::Completed => (
            "Session complete",
            "Well done. Get up slowly and move gently for a moment.",
        ),
        Outcome::FinishedWithSkips => ("Session finished, with some steps skipped", MOVE),
        Outcome::Stopped | Outcome::CutShort => ("Session stopped early", MOVE),
    }
}
