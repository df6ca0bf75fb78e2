//! The summary after a session: the last step's cue, what was done, the pain check-in after
//! it, and the session's closing words.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Widget};

use super::session_parts::{checkin_lines, frame};
use crate::duration;
use crate::history::Outcome;
use crate::narrate::{Narration, phase_cue};
use crate::runner::{Outcome as PhaseOutcome, Runner, Summary};
use crate::session::Session;
use crate::text::SafeText;
use crate::tui::keymap::{Action, Footer};
use crate::tui::state::App;
use crate::tui::view::widgets::{
    paragraph_rows, render_footer, scroll_marker, word_wrapped, wrapped_rows,
};

/// Draws the summary; returns how far it can scroll, when it does not all fit.
pub(super) fn render_summary(
    app: &App,
    session: &Session,
    runner: &Runner,
    body: Rect,
    footer: Rect,
    buf: &mut Buffer,
) -> Option<u16> {
    let summary = runner.summary(app.now());
    let title = summary.ending();
    let generic = if summary.outcome() == Outcome::Completed {
        "Well done. Get up slowly and move gently for a moment."
    } else {
        "Get up slowly and move gently for a moment."
    };
    let block = frame(
        app,
        session.title.to_string(),
        "done".to_string(),
        body.width,
    )
    // A blank row under the border when there is room for it.
    .padding(Padding::new(2, 2, u16::from(body.height > 16), 0));
    let width = block.inner(body).width;
    let mut lines = vec![Line::styled(title, app.theme().title)];
    // The last step's cue right under the heading, in the running screen's cue style, so
    // the last thing the session asks ("Ease off the ball slowly.") is seen, not replaced.
    if let Some(cue) = last_cue(session, runner) {
        lines.push(Line::styled(format!("✓ {}", cue.text), app.theme().rest));
    }
    lines.push(Line::raw(""));
    lines.extend(figures(app, &summary));
    lines.push(Line::raw(""));
    if app.prefs().checkin {
        let pains = app.session().map(|s| (s.pain_before(), s.pain_after()));
        let (pain_before, pain_after) = pains.unwrap_or_default();
        lines.extend(checkin_lines(
            app,
            pain_after,
            "How does your back feel now (0–10)?",
            pain_before.map(|before| format!("(before: {before})")),
            width,
        ));
        lines.push(Line::raw(""));
    }
    // The session's own closing words; the generic line only when it has none.
    let closing = session
        .closing
        .as_ref()
        .map_or_else(|| generic.to_string(), SafeText::reflowed);
    lines.extend(paragraph_rows(&closing, app.theme().text, width));
    notices(app, &mut lines);
    let max = render_scrolled(app, lines, block, body, buf);
    let single = app.single_session();
    // Started on this one session, Enter quits too: one "quit" on the line is enough, and
    // it is `q`'s, as on every screen.
    let word = |action, word| match action {
        Action::Select if single => None,
        Action::Down if max == 0 => None,
        _ => Some(word),
    };
    render_footer(Footer::Summary, word, app.theme(), footer, buf);
    (max > 0).then_some(max)
}

/// `lines` in `block`, from the scroll offset on. On a window too short for them all, the
/// blank lines give way before any words; what still does not fit scrolls, with a marker on
/// the bottom edge. How far they scroll (0 when they fit).
fn render_scrolled(
    app: &App,
    lines: Vec<Line<'static>>,
    mut block: Block<'static>,
    body: Rect,
    buf: &mut Buffer,
) -> u16 {
    // Wrapped here, so the rows counted are the rows drawn.
    let inner = block.inner(body);
    let mut lines = word_wrapped(lines, inner.width);
    if wrapped_rows(&lines, inner.width) > inner.height {
        lines.retain(|l| l.width() > 0);
    }
    let max = wrapped_rows(&lines, inner.width).saturating_sub(inner.height);
    let scroll = app.running_scroll().min(max);
    let marker = scroll_marker(scroll, max);
    if !marker.is_empty() {
        block = block.title_bottom(Line::styled(marker, app.theme().key).left_aligned());
    }
    Paragraph::new(lines)
        .scroll((scroll, 0))
        .block(block)
        .render(body, buf);
    max
}

/// Why the voice or the sounds stopped, if they did; whose break schedule this is, when no
/// home screen says it.
fn notices(app: &App, lines: &mut Vec<Line<'static>>) {
    let audio = app
        .audio_notices()
        .map(|notice| Line::styled(notice.to_string(), app.theme().caution));
    let news = app
        .schedule_news()
        .map(|news| Line::styled(super::session_parts::as_sentence(news), app.theme().muted));
    for line in audio.chain(news) {
        lines.extend([Line::raw(""), line]);
    }
}

/// Phases done and skipped, and the time spent.
fn figures(app: &App, summary: &Summary) -> [Line<'static>; 3] {
    let row = |label: &'static str, value: String| {
        Line::from(vec![
            Span::styled(label, app.theme().muted),
            Span::raw(value),
        ])
    };
    [
        row(
            "Phases done     ",
            format!("{} of {}", summary.done, summary.total),
        ),
        row("Phases skipped  ", summary.skipped.to_string()),
        row("Time spent      ", duration::clock(summary.active)),
    ]
}

/// The last phase's cue, when it ended as done (not skipped, not left early).
fn last_cue(session: &Session, runner: &Runner) -> Option<Narration> {
    let (phase, outcome) = (runner.phases().last()?, runner.outcomes().last()?);
    phase_cue(session, phase, *outcome == PhaseOutcome::Done)
}
