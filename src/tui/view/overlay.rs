//! Overlays drawn over any screen: help, the quit confirmation, and safety guidance.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::tui::keymap::{self, Footer, help};
use crate::tui::state::App;
use crate::tui::view::home::render_header;
use crate::tui::view::safety::{render_safety, safety_max_scroll};
use crate::tui::view::split;
use crate::tui::view::stats::render_stats;
use crate::tui::view::widgets::{
    centered, edge_hints, hang, render_footer, scroll_marker, word_wrapped,
};

/// Where the help goes in `area` (over the screen, not over its first and last rows: the
/// footer under it says what the keys do here), and whether it has two columns.
fn help_rect(area: Rect) -> (Rect, bool) {
    let two_columns = area.width >= 70;
    let height = area.height.saturating_sub(2).max(3);
    let rect = if two_columns {
        centered(area, 76, height.min(22))
    } else {
        centered(area, 40, height.min(34))
    };
    (rect, two_columns)
}

/// The help's columns, each key's words wrapped under themselves to the column's width
/// (on a very narrow window they would be cut).
fn help_columns(app: &App, rect: Rect, two_columns: bool) -> Vec<Vec<Line<'static>>> {
    let groups = help();
    let inner = rect.width.saturating_sub(2);
    if two_columns {
        let width = inner / 2;
        vec![
            help_lines(app, &groups[..2], width),
            help_lines(app, &groups[2..], width),
        ]
    } else {
        vec![help_lines(app, &groups, inner)]
    }
}

/// The bottom edge for `columns` scrolled to `scroll`: how far they scroll, the marker
/// first (hidden keys are what the help is for), the keys that close the help on the right
/// in the room left, and the room left after both.
fn help_edge(columns: &[Vec<Line>], rect: Rect, scroll: u16) -> (u16, &'static str, String, usize) {
    let max = help_max_scroll(columns, rect);
    let marker = scroll_marker(scroll.min(max), max);
    let marker_width = u16::try_from(marker.width()).unwrap_or(u16::MAX);
    let hints = edge_hints(Footer::Help, rect.width.saturating_sub(marker_width));
    let room =
        usize::from(rect.width.saturating_sub(2 + marker_width)).saturating_sub(hints.width());
    (max, marker, hints, room)
}

/// Scrolled no further than the longest column needs.
fn help_max_scroll(columns: &[Vec<Line>], rect: Rect) -> u16 {
    let height = usize::from(rect.height.saturating_sub(2));
    let longest = columns.iter().map(Vec::len).max().unwrap_or(0);
    u16::try_from(longest.saturating_sub(height)).unwrap_or(u16::MAX)
}

/// Where the safety notes and the guide go in `area`, and the text inside their frame.
fn notes_rect(area: Rect) -> (Rect, Rect) {
    let rect = centered(area, 84, area.height.saturating_sub(2).max(3));
    (rect, rect.inner(Margin::new(2, 1)))
}

/// Draws the help; returns how far it can scroll as drawn.
pub fn render_help(app: &App, area: Rect, buf: &mut Buffer) -> u16 {
    let (rect, two_columns) = help_rect(area);
    Clear.render(rect, buf);
    let mut columns = help_columns(app, rect, two_columns);
    // Where natural breaks come from (a locked screen, an idle session), once known: on the
    // bottom edge where there is room for it, else as the help's last row.
    let natural = app.reminders().natural_breaks().map(|sources| {
        let from = if sources.is_empty() {
            "none found".to_string()
        } else {
            sources.join(", ")
        };
        format!(" natural breaks: {from} ")
    });
    let (mut max, mut marker, mut hints, room) = help_edge(&columns, rect, app.help_scroll());
    let natural = match natural {
        Some(line) if line.width() >= room => {
            if let Some(last) = columns.last_mut() {
                last.extend([Line::raw(""), Line::styled(line, app.theme().muted)]);
            }
            (max, marker, hints, _) = help_edge(&columns, rect, app.help_scroll());
            None
        }
        other => other,
    };
    let scroll = app.help_scroll().min(max);
    let mut block = Block::new()
        .borders(Borders::ALL)
        .title(Line::styled(" Keys ", app.theme().title))
        .title_bottom(Line::styled(hints, app.theme().muted).right_aligned())
        .border_style(app.theme().accent);
    if !marker.is_empty() {
        block = block.title_bottom(Line::styled(marker, app.theme().caution).left_aligned());
    }
    if let Some(line) = natural {
        block = block.title_bottom(Line::styled(line, app.theme().muted).left_aligned());
    }
    let inner = block.inner(rect);
    block.render(rect, buf);
    let areas = if two_columns {
        inner
            .layout::<2>(&Layout::horizontal([
                Constraint::Fill(1),
                Constraint::Fill(1),
            ]))
            .to_vec()
    } else {
        vec![inner]
    };
    for (lines, column) in columns.into_iter().zip(areas) {
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .render(column, buf);
    }
    max
}

/// The help overlay's rows for `groups`, `width` wide: each group's title, then its keys.
fn help_lines(
    app: &App,
    groups: &[(&'static str, Vec<(&'static str, &'static str)>)],
    width: u16,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (group, keys) in groups {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(*group, app.theme().title));
        for (key, what) in keys {
            let row = [
                Span::styled(format!(" {key:<8}"), app.theme().key),
                Span::raw(*what),
            ];
            lines.extend(hang(&row, width, 9));
        }
    }
    lines
}

pub fn render_confirm_quit(app: &App, area: Rect, buf: &mut Buffer) {
    let rect = centered(area, 44, 5);
    Clear.render(rect, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Line::styled(" Leave the session? ", app.theme().caution))
        .border_style(app.theme().caution);
    let lines = vec![
        Line::raw("It will be saved as not completed."),
        Line::from(
            keymap::footer(Footer::Confirm)
                .iter()
                .enumerate()
                .flat_map(|(i, h)| {
                    let gap = if i == 0 { "" } else { "   " };
                    [
                        Span::raw(gap),
                        Span::styled(h.keys, app.theme().key),
                        Span::raw(format!(" {}", h.word)),
                    ]
                })
                .collect::<Vec<_>>(),
        ),
    ];
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(block)
        .render(rect, buf);
}

/// Draws the safety notes; returns how far they can scroll as drawn.
pub fn render_safety_overlay(app: &App, area: Rect, buf: &mut Buffer) -> u16 {
    let (rect, inner) = notes_rect(area);
    Clear.render(rect, buf);
    notes_block(app.theme().caution, Footer::Safety, rect, area, app.theme()).render(rect, buf);
    let max = safety_max_scroll(app.theme(), inner);
    render_safety(app.theme(), inner, buf, app.safety_scroll().min(max));
    max
}

/// The frame of the safety notes or the guide. The key line under it says what the keys do
/// (`view::render` draws it for every overlay: q closes these notes, as Enter and Esc do);
/// only where the frame covers that line does its bottom edge say it instead.
fn notes_block<'a>(
    border: ratatui::style::Style,
    footer: Footer,
    rect: Rect,
    area: Rect,
    theme: &crate::tui::theme::Theme,
) -> Block<'a> {
    let block = Block::new().borders(Borders::ALL).border_style(border);
    if rect.bottom() < area.bottom() {
        return block;
    }
    block.title_bottom(Line::styled(edge_hints(footer, rect.width), theme.muted).right_aligned())
}

/// "Why and how", over whatever is behind it; returns how far it can scroll as drawn.
pub fn render_guide_overlay(app: &App, area: Rect, buf: &mut Buffer) -> u16 {
    let (rect, inner) = notes_rect(area);
    Clear.render(rect, buf);
    notes_block(app.theme().accent, Footer::Guide, rect, area, app.theme()).render(rect, buf);
    let max = crate::tui::view::guide_max_scroll(app.theme(), inner);
    crate::tui::view::render_guide(app.theme(), inner, buf, app.help_scroll().min(max));
    max
}

pub fn render_stats_screen(app: &App, area: Rect, buf: &mut Buffer) {
    let [header, body, footer] = split::rows(
        area,
        [
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ],
    );
    render_header(app, header, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Line::styled(" Stats ", app.theme().title))
        .border_style(app.theme().muted);
    let inner = block.inner(body);
    block.render(body, buf);
    match (app.stats(), app.history_off()) {
        (Some(stats), _) => render_stats(stats, app.theme(), inner, buf),
        (None, Some(reason)) => {
            Paragraph::new(vec![
                Line::styled(
                    "History is off, so there is nothing to chart.",
                    app.theme().caution,
                ),
                Line::raw(""),
                Line::raw(reason.to_string()),
            ])
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        }
        (None, None) => Paragraph::new("Loading…").render(inner, buf),
    }
    render_footer(
        Footer::Stats,
        |_, word| Some(word),
        app.theme(),
        footer,
        buf,
    );
}

/// The movement-break banner, over the top of any screen but a running session. Its text is
/// wrapped by words first, so the box is as tall as the rows it needs.
pub fn render_banner(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(banner) = app.reminders().banner() else {
        return;
    };
    let lines = vec![
        Line::from(vec![
            Span::styled(banner.summary.to_string(), app.theme().title),
            Span::raw("  "),
            Span::raw(banner.body.to_string()),
        ]),
        Line::from(vec![
            Span::styled("b", app.theme().key),
            Span::raw(" take a break now   "),
            Span::styled("z", app.theme().key),
            Span::raw(" snooze   "),
            Span::styled("Esc", app.theme().key),
            Span::raw(" dismiss"),
        ]),
    ];
    let width = area.width.saturating_sub(2).max(1);
    let mut lines = word_wrapped(lines, width);
    // Why there is no desktop notification comes last, shorter or not at all where the
    // reminder and its keys need the rows.
    if app.reminders().desktop_unavailable().is_some() {
        let room = usize::from(area.height.saturating_sub(3));
        let notice = [
            "No desktop notifications here: reminders show in this window.",
            "No desktop notifications here.",
        ]
        .into_iter()
        .map(|text| word_wrapped(vec![Line::styled(text, app.theme().muted)], width))
        .find(|rows| lines.len() + rows.len() <= room);
        lines.extend(notice.unwrap_or_default());
    }
    let rows = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let rect = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        rows.min(area.height.saturating_sub(1)),
    );
    if rect.height == 0 {
        return;
    }
    Clear.render(rect, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme().banner)
        .title(Line::styled(" Movement break ", app.theme().banner));
    Paragraph::new(lines).block(block).render(rect, buf);
}
