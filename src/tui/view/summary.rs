//! The summary after a session: what was done, and the pain check-in after it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::session::{checkin_line, frame};
use crate::runner::Runner;
use crate::session::Session;
use crate::session::timing::format_clock;
use crate::text::sanitize;
use crate::tui::state::App;
use crate::tui::view::widgets::render_hints;

pub(super) fn render_summary(
    app: &App,
    session: &Session,
    runner: &Runner,
    body: Rect,
    footer: Rect,
    buf: &mut Buffer,
) {
    let summary = runner.summary(app.now());
    let block = frame(app, sanitize(&session.title), "done".to_string());
    let mut lines = vec![
        Line::raw(""),
        Line::styled("  Session complete", app.theme().title),
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
            Span::raw(format_clock(summary.active)),
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
    lines.push(Line::styled(
        "  Well done. Get up slowly and move gently for a moment.",
        app.theme().text,
    ));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block)
        .render(body, buf);
    let back = if app.single_session() { "quit" } else { "home" };
    render_hints(
        &[
            ("q", "quit"),
            ("Enter", back),
            ("!", "safety"),
            ("?", "help"),
        ],
        app.theme(),
        footer,
        buf,
    );
}
