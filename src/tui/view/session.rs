//! The session screens: intro, countdown (work, rest, paused) and summary.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Gauge, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::runner::{Mode, Runner};
use crate::session::library::art;
use crate::session::timing::format_clock;
use crate::session::{Phase, PhaseKind, Session};
use crate::text::sanitize;
use crate::tui::state::{App, MessageKind, Overlay, SessionState};
use crate::tui::view::home::{render_header, session_outline};
use crate::tui::view::widgets::{render_countdown, render_hints};

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
        Mode::Running | Mode::Paused => render_running(app, session, runner, body, footer, buf),
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
fn position_label(session: &Session, phase: &Phase) -> String {
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

/// What comes after the current phase: "Rest 10s", "Right side", "Pelvic tilt (1m)".
fn next_label(session: &Session, runner: &Runner) -> Option<String> {
    let next = runner.phases().get(runner.index() + 1)?;
    let step = &session.steps[next.step];
    let current = runner.current()?;
    Some(match next.kind {
        PhaseKind::Rest => format!("Rest {}", next.timing),
        PhaseKind::Work if next.step == current.step => {
            let pos = position_label(session, next);
            if pos.is_empty() {
                format!("{} again", sanitize(&step.name))
            } else {
                pos
            }
        }
        PhaseKind::Work => format!("{} ({})", sanitize(&step.name), next.timing),
    })
}

fn render_running(
    app: &App,
    session: &Session,
    runner: &Runner,
    body: Rect,
    footer: Rect,
    buf: &mut Buffer,
) {
    let now = app.now();
    let Some(phase) = runner.current() else {
        return;
    };
    let step = &session.steps[phase.step];
    let paused = runner.mode() == Mode::Paused;
    let resting = phase.kind == PhaseKind::Rest;
    let left = runner.remaining(now).unwrap_or_default();
    let progress = format!(
        "phase {} of {} · {} left",
        runner.index() + 1,
        runner.phases().len(),
        format_clock(runner.session_remaining(now))
    );
    let block = frame(app, sanitize(&session.title), progress);
    let inner = block.inner(body);
    block.render(body, buf);

    let accent = if resting {
        app.theme().rest
    } else {
        app.theme().accent
    };
    let heading = if resting {
        let next =
            next_label(session, runner).map_or_else(String::new, |n| format!(" · next: {n}"));
        let after = runner
            .phases()
            .get(runner.index() + 1)
            .map(|p| position_label(session, p));
        let next = match after {
            Some(pos) if !pos.is_empty() => format!(" · next: {pos}"),
            _ => next,
        };
        format!("Rest{next}")
    } else {
        sanitize(&step.name)
    };
    let position = if resting {
        String::new()
    } else {
        position_label(session, phase)
    };

    let notice = runner
        .notice()
        .map(|n| away_text(session, runner, n.phase, now.saturating_since(n.ended_at)));
    let message = if paused && notice.is_none() {
        let words = match app.overlay().filter(|_| app.paused_by_overlay()) {
            Some(Overlay::Help) => "Paused while help is open",
            Some(Overlay::Safety) => "Paused while the safety notes are open",
            Some(Overlay::Guide) => "Paused while the guide is open",
            Some(Overlay::ConfirmQuit) => "Paused while you decide",
            None => "Paused · press Space to resume",
        };
        Some(Line::styled(words, app.theme().caution))
    } else if let Some(text) = &notice {
        Some(Line::styled(text.clone(), app.theme().banner))
    } else {
        app.session()
            .and_then(SessionState::message)
            .map(|m| match m.kind {
                MessageKind::Cue => {
                    Line::styled(format!("✓ {}", sanitize(&m.text)), app.theme().rest)
                }
                MessageKind::Hint => Line::styled(sanitize(&m.text), app.theme().caution),
            })
    };
    let range_hint = runner
        .hold_hint(now)
        .map(|hint| Line::styled(hint.words(), app.theme().muted));

    let width = usize::from(inner.width.max(1));
    let message_rows = message
        .as_ref()
        .map_or(0, |m| m.width().div_ceil(width).max(1));
    let text_rows = u16::try_from(message_rows).unwrap_or(1) + u16::from(range_hint.is_some()) + 1;
    let [head, big, gauge_row, info, rest_rows] = inner.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Max(10),
        Constraint::Length(1),
        Constraint::Length(text_rows),
        Constraint::Fill(1),
    ]));

    // Heading: step (or rest) on the left, side and rep on the right.
    Paragraph::new(Line::styled(
        format!(" {heading}"),
        accent.add_modifier(Modifier::BOLD),
    ))
    .render(head, buf);
    if !position.is_empty() {
        Paragraph::new(Line::styled(format!("{position} "), app.theme().title))
            .right_aligned()
            .render(head, buf);
    }

    let clock = format_clock(left);
    let big_style = if paused { app.theme().muted } else { accent };
    render_countdown(&clock, big_style, big, buf);

    let total = phase.timing.max().as_secs_f64();
    let ratio = if total > 0.0 {
        (runner.spent(now).as_secs_f64() / total).clamp(0.0, 1.0)
    } else {
        1.0
    };
    let label = if paused {
        format!("{clock} left · paused")
    } else {
        format!("{clock} left")
    };
    Gauge::default()
        .gauge_style(if resting {
            app.theme().rest
        } else {
            app.theme().gauge
        })
        .ratio(ratio)
        .label(Span::styled(
            label,
            Style::new().add_modifier(Modifier::BOLD),
        ))
        .use_unicode(true)
        .render(gauge_row, buf);

    let mut info_lines = Vec::new();
    if let Some(line) = message {
        info_lines.push(line);
    }
    if let Some(line) = range_hint {
        info_lines.push(line);
    }
    if let Some(next) = next_label(session, runner) {
        info_lines.push(Line::from(vec![
            Span::styled("Next: ", app.theme().muted),
            Span::raw(next),
        ]));
    } else {
        info_lines.push(Line::styled(
            "Last one: the session ends after this.",
            app.theme().muted,
        ));
    }
    Paragraph::new(info_lines)
        .wrap(Wrap { trim: true })
        .render(info, buf);

    if !resting {
        render_instructions(app, step, rest_rows, buf);
    }

    let mut hints = vec![("Space", if paused { "resume" } else { "pause" })];
    if phase.timing.is_range() {
        hints.push(("Enter", "move on"));
    }
    hints.extend([
        ("n", "next"),
        ("p", "previous"),
        ("r", "restart"),
        ("q", "quit"),
        ("?", "help"),
    ]);
    render_hints(&hints, app.theme(), footer, buf);
}

fn away_text(session: &Session, runner: &Runner, phase: usize, ago: Duration) -> String {
    let Some(p) = runner.phases().get(phase) else {
        return String::new();
    };
    let step = &session.steps[p.step];
    let name = if p.kind == PhaseKind::Rest {
        "The rest".to_string()
    } else {
        sanitize(&step.name)
    };
    let ago = if ago < Duration::from_secs(60) {
        "just now".to_string()
    } else {
        format!("{} min ago", ago.as_secs() / 60)
    };
    let cue = step.cue.as_deref().map_or_else(String::new, |c| {
        format!(": {}", sanitize(c).trim_end_matches('.'))
    });
    format!("{name} ended {ago}{cue}. Press Space to go on.")
}

fn render_instructions(app: &App, step: &crate::session::Step, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let figure = step.art.as_deref().and_then(art);
    let figure_width = figure.map_or(0, |f| {
        f.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
    });
    let figure_height = figure.map_or(0, |f| f.lines().count());
    let show_figure = figure.is_some()
        && usize::from(area.width) >= figure_width * 2 + 4
        && usize::from(area.height) >= figure_height.min(6);
    let (text_area, art_area) = if show_figure {
        let w = u16::try_from(figure_width + 2).unwrap_or(area.width);
        let [t, a] = area.layout(&Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(w),
        ]));
        (t, Some(a))
    } else {
        (area, None)
    };
    let mut lines = Vec::new();
    if let Some(caution) = &step.caution {
        lines.push(Line::from(vec![
            Span::styled("⚠ ", app.theme().caution),
            Span::styled(sanitize(caution), app.theme().caution),
        ]));
    }
    if let Some(text) = &step.instructions {
        lines.extend(
            crate::text::paragraphs(text)
                .lines()
                .map(|l| Line::styled(l.to_string(), app.theme().text)),
        );
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(text_area.inner(ratatui::layout::Margin::new(1, 0)), buf);
    if let (Some(area), Some(figure)) = (art_area, figure) {
        let lines: Vec<Line> = figure
            .lines()
            .map(|l| Line::styled(l.to_string(), app.theme().muted))
            .collect();
        Paragraph::new(lines).render(area, buf);
    }
}
