//! The countdown screen (work, rest, paused): text first. The layout (see
//! `running_layout`) gives the caution and instructions their rows before the digits and
//! the figure get any; the caution is pinned and the instructions scroll when they must.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Widget};
use unicode_width::UnicodeWidthStr;

use super::bordered::render_bordered;
use super::running_layout::{self, Figure, Needs, Plan};
use super::running_status::status_lines;
use super::running_words::{Words, render_scrolled, rows, words};
use super::session_parts::{frame, frame_right, position_label};
use crate::clock::Moment;
use crate::duration;
use crate::runner::{Mode, Runner};
use crate::session::library::art;
use crate::session::{Phase, PhaseKind, Session, Step};
use crate::tui::keymap::{Action, Footer};
use crate::tui::state::App;
use crate::tui::view::split;
use crate::tui::view::widgets::{self, render_digits};

/// "phase 3 of 8 · 12:40 left" on the frame's right; "3/8 · 12:40" where those words would
/// be cut from the left (a right-aligned title) in a frame `width` wide.
fn progress_title(app: &App, runner: &Runner, now: Moment, width: u16) -> String {
    let (index, phases) = (runner.index() + 1, runner.phases().len());
    let total = duration::clock(runner.session_remaining(now));
    let words = format!("phase {index} of {phases} · {total} left");
    // The frame's corners and the spaces around its right title take four columns.
    if frame_right(app, words.clone()).chars().count() + 4 > usize::from(width) {
        format!("{index}/{phases} · {total}")
    } else {
        words
    }
}

/// Draws the countdown; returns how far its instructions can scroll as drawn.
pub(super) fn render_running(
    app: &App,
    session: &Session,
    runner: &Runner,
    body: Rect,
    footer: Rect,
    buf: &mut Buffer,
) -> u16 {
    let now = app.now();
    let Some(phase) = runner.current() else {
        return 0;
    };
    let step = &session.steps[phase.step];
    let paused = runner.mode() == Mode::Paused;
    let resting = phase.kind == PhaseKind::Rest;
    let progress = progress_title(app, runner, now, body.width);
    let block = frame(app, session.title.to_string(), progress, body.width);
    let inner = block.inner(body);
    render_bordered(block, app.theme().muted, body, buf);

    // The caution whole and a few rows of the instructions (one between the scroll
    // markers) come before the status lines: on a short window those give way, the least
    // needed first. Wrapped by words before they are counted: counted by width alone, a
    // notice whose words wrap onto a row more (a socket path) would push "Next: …" out.
    let body_words = words(app, step, resting, inner.width);
    let minimum = rows(&body_words.caution) + rows(&body_words.instructions).min(3);
    let status_room = inner.height.saturating_sub(2 + minimum);
    let (status, status_rows, margin) =
        status_lines(app, session, runner).fit(inner.width, status_room);
    let clock = duration::clock(runner.remaining(now).unwrap_or_default());
    let figure = (!resting)
        .then(|| step.art.as_deref().and_then(art))
        .flatten();
    let needs = Needs {
        width: inner.width,
        height: inner.height.saturating_sub(2 + status_rows),
        clock_chars: u16::try_from(clock.chars().count()).unwrap_or(u16::MAX),
        figure: figure.map(figure_size),
    };
    let rewrap = |w| move || words(app, step, resting, w);
    let plan = running_layout::plan(needs, |w| body_words.rows_at(w, rewrap(w)));
    let [head, top, gauge_row, info, text] = split::rows(
        inner,
        [
            Constraint::Length(1),
            Constraint::Length(plan.top_rows),
            Constraint::Length(1),
            Constraint::Length(status_rows),
            Constraint::Fill(1),
        ],
    );

    render_heading(app, session, runner, phase, head, buf);
    let accent = if resting {
        app.theme().rest
    } else {
        app.theme().accent
    };
    let digits_style = if paused { app.theme().muted } else { accent };
    render_top(&clock, digits_style, plan, figure, app, top, buf);
    render_gauge(app, runner, phase, &clock, gauge_row, buf);
    // Wrapped to rows already by `fit`.
    widgets::render_rows(&status, info.inner(Margin::new(margin, 0)), buf);
    // A rest has no words to show.
    let scroll_limit = (!resting)
        .then(|| render_text(app, step, body_words, plan, figure, text, buf))
        .flatten();
    render_footer(
        app,
        runner.timing().is_range(),
        paused,
        scroll_limit.is_some(),
        footer,
        buf,
    );
    scroll_limit.unwrap_or(0)
}

/// Step (or rest) on the left, side and rep on the right.
fn render_heading(
    app: &App,
    session: &Session,
    runner: &Runner,
    phase: &Phase,
    area: Rect,
    buf: &mut Buffer,
) {
    if area.is_empty() {
        return;
    }
    let resting = phase.kind == PhaseKind::Rest;
    let (heading, style) = if resting {
        (
            super::running_status::rest_heading(session, runner),
            app.theme().rest,
        )
    } else {
        (
            session.steps[phase.step].name.to_string(),
            app.theme().accent,
        )
    };
    let position = (!resting)
        .then(|| position_label(session, phase))
        .filter(|p| !p.is_empty())
        .map(|p| format!("{p} "));
    // The side and rep keep their columns (they say what to do now); a long name is cut
    // short of them, with a gap, rather than drawn under them.
    let room =
        usize::from(area.width).saturating_sub(position.as_deref().map_or(0, |p| p.width() + 1));
    let heading = widgets::truncate(&format!(" {heading}"), room);
    buf.set_stringn(
        area.x,
        area.y,
        heading,
        usize::from(area.width),
        style.add_modifier(Modifier::BOLD),
    );
    if let Some(position) = position {
        let position = widgets::truncate(&position, usize::from(area.width));
        let width = u16::try_from(position.width()).unwrap_or(u16::MAX);
        let x = area.right().saturating_sub(width).max(area.x);
        let width = usize::from(area.right() - x);
        buf.set_stringn(x, area.y, position, width, app.theme().title);
    }
}

/// The digits, with the figure beside them when the plan says so.
fn render_top(
    clock: &str,
    style: Style,
    plan: Plan,
    figure: Option<&str>,
    app: &App,
    area: Rect,
    buf: &mut Buffer,
) {
    match (plan.figure, figure) {
        (Figure::BesideDigits, Some(figure)) => {
            let [digits, fig] = beside_figure(area, figure);
            render_digits(clock, style, plan.digits, digits, buf);
            render_figure(app, figure, fig, buf);
        }
        _ => render_digits(clock, style, plan.digits, area, buf),
    }
}

/// `area` split into what goes left of the figure and the figure's own column, a gap apart.
fn beside_figure(area: Rect, figure: &str) -> [Rect; 2] {
    let [left, _, right] = split::columns(
        area,
        [
            Constraint::Fill(1),
            Constraint::Length(running_layout::GAP),
            Constraint::Length(figure_size(figure).0),
        ],
    );
    [left, right]
}

/// The figure's columns (plus one, to keep it off the frame) and rows.
fn figure_size(figure: &str) -> (u16, u16) {
    let w = figure
        .lines()
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
        + 1;
    let h = figure.lines().count();
    (
        u16::try_from(w).unwrap_or(u16::MAX),
        u16::try_from(h).unwrap_or(u16::MAX),
    )
}

fn render_figure(app: &App, figure: &str, area: Rect, buf: &mut Buffer) {
    let (_, h) = figure_size(figure);
    let top = area.y + area.height.saturating_sub(h) / 2;
    let area = Rect::new(area.x, top, area.width, h.min(area.height));
    let lines: Vec<Line> = figure
        .lines()
        .map(|l| Line::styled(l.to_string(), app.theme().muted))
        .collect();
    widgets::render_rows(&lines, area, buf);
}

fn render_gauge(
    app: &App,
    runner: &Runner,
    phase: &Phase,
    clock: &str,
    area: Rect,
    buf: &mut Buffer,
) {
    // As `+`/`-` left it, so the bar and the clock agree.
    let total = runner.timing().max().as_secs_f64();
    let ratio = if total > 0.0 {
        (runner.spent(app.now()).as_secs_f64() / total).clamp(0.0, 1.0)
    } else {
        1.0
    };
    let label = if runner.mode() == Mode::Paused {
        format!("{clock} left · paused")
    } else {
        format!("{clock} left")
    };
    Gauge::default()
        .gauge_style(if phase.kind == PhaseKind::Rest {
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
        .render(area, buf);
}

/// A work phase's caution, pinned, then the instructions from the scroll offset on, with a
/// marker above and below where text is hidden, from `words` wrapped for the body (again
/// for a narrower column). How far they scroll, when they do not all fit.
fn render_text(
    app: &App,
    step: &Step,
    words: Words,
    plan: Plan,
    figure: Option<&str>,
    area: Rect,
    buf: &mut Buffer,
) -> Option<u16> {
    if area.is_empty() {
        return None;
    }
    let (text_area, fig_area) = match (plan.figure, figure) {
        (Figure::BesideText, Some(f)) => {
            let [t, a] = beside_figure(area, f);
            (t, Some((a, f)))
        }
        _ => (area, None),
    };
    if let Some((a, f)) = fig_area {
        let (_, h) = figure_size(f);
        render_figure(
            app,
            f,
            Rect {
                height: h.min(a.height),
                ..a
            },
            buf,
        );
    }
    let words = words.at(text_area.width, || {
        self::words(app, step, false, text_area.width)
    });
    let column = text_area.inner(Margin::new(1, 0));
    // The caution is pinned where it fits whole; one longer than the column leads the
    // scrolled text instead, so that neither it nor the instructions are out of reach.
    let (pinned, scrolled) = if rows(&words.caution) <= column.height {
        (words.caution, words.instructions)
    } else {
        let mut all = words.caution;
        all.extend(words.instructions);
        (Vec::new(), all)
    };
    let [caution, rest] = split::rows(
        column,
        [Constraint::Length(rows(&pinned)), Constraint::Fill(1)],
    );
    widgets::render_rows(&pinned, caution, buf);
    let scroll = app.running_scroll();
    let max = render_scrolled(app, scrolled, scroll, rest, buf);
    // One row has no room for a marker beside the line: it goes on the frame's edge below.
    if let (Some(max), 1) = (max, rest.height) {
        let marker = widgets::scroll_marker(scroll.min(max), max);
        let width = usize::from(rest.width);
        buf.set_stringn(rest.x, rest.bottom(), marker, width, app.theme().key);
    }
    max
}

fn render_footer(app: &App, hold: bool, paused: bool, scrolls: bool, area: Rect, buf: &mut Buffer) {
    let word = |action, word| match action {
        Action::TogglePause if paused => Some("resume"),
        Action::Select if !hold => None,
        Action::Down if !scrolls => None,
        _ => Some(word),
    };
    widgets::render_footer(Footer::Running, word, app.theme(), area, buf);
}
