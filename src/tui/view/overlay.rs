//! Overlays drawn over any screen: help, the quit confirmation, and safety guidance.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use crate::tui::app::App;
use crate::tui::input::HELP;
use crate::tui::view::widgets::centered;

pub fn render_help(app: &App, area: Rect, buf: &mut Buffer) {
    let rect = centered(area, 72, 30);
    Clear.render(rect, buf);
    let mut lines = Vec::new();
    for (group, keys) in HELP {
        lines.push(Line::styled(*group, app.theme.title));
        for (key, what) in *keys {
            lines.push(Line::from(vec![
                Span::styled(format!("  {key:<14}"), app.theme.key),
                Span::raw(*what),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        "Press ! for when to seek help. Esc or ? closes this.",
        app.theme.muted,
    ));
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Line::styled(" Keys ", app.theme.title))
        .border_style(app.theme.accent);
    Paragraph::new(lines)
        .block(block)
        .scroll((app.help_scroll, 0))
        .render(rect, buf);
}

pub fn render_confirm_quit(app: &App, area: Rect, buf: &mut Buffer) {
    let rect = centered(area, 44, 5);
    Clear.render(rect, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Line::styled(" Leave the session? ", app.theme.caution))
        .border_style(app.theme.caution);
    let lines = vec![
        Line::raw("It will be saved as not completed."),
        Line::from(vec![
            Span::styled("y", app.theme.key),
            Span::raw(" leave   "),
            Span::styled("n", app.theme.key),
            Span::raw(" keep going"),
        ]),
    ];
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(block)
        .render(rect, buf);
}

pub fn render_safety_placeholder(app: &App, area: Rect, buf: &mut Buffer) {
    let rect = centered(area, 72, 20);
    Clear.render(rect, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(" When to seek help ")
        .border_style(app.theme.caution);
    Paragraph::new("knotless gives general information, not a diagnosis.")
        .block(block)
        .render(rect, buf);
}

pub fn render_stats_placeholder(app: &App, area: Rect, buf: &mut Buffer) {
    let block = Block::new()
        .borders(Borders::ALL)
        .title(" Stats ")
        .border_style(app.theme.muted);
    Paragraph::new("No history yet.")
        .block(block)
        .render(area, buf);
}
