//! The home screen: the session list and the selected session's details.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap,
};

use unicode_width::UnicodeWidthStr;

use crate::tui::keymap::Footer;
use crate::tui::state::App;
use crate::tui::view::bordered::render_bordered;
use crate::tui::view::outline::fitted_outline;
use crate::tui::view::split;
use crate::tui::view::widgets::{
    hung, render_footer, render_rows, truncate, truncate_line, wrapped_rows,
};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    // Pain that has stayed high (history's advisory rule): a calm line above the keys, on
    // two rows when the terminal is too narrow for one.
    let advisory = app
        .advisory()
        .map(|note| Line::styled(format!(" {note}"), app.theme().accent));
    let advisory_rows = advisory.as_ref().map_or(0, |line| {
        wrapped_rows(std::slice::from_ref(line), area.width).min(2)
    });
    // A file that failed to reload, or a break that could not open: what and why, on two
    // rows when one is too narrow (the why comes last). News (whose break schedule this is)
    // has no mark; nor has a word on the key just pressed, shown over them until the next.
    let hint = app.home().hint().map(|text| (text, true));
    let notice = app
        .home()
        .notice()
        .map(|text| (text, app.home().notice_is_news()));
    let notice = hint.or(notice).map_or_else(Vec::new, |(text, news)| {
        // A second row goes under the text, not under the mark.
        let (line, indent) = if news {
            (Line::styled(format!(" {text}"), app.theme().muted), 1)
        } else {
            (Line::styled(format!(" ✗ {text}"), app.theme().caution), 3)
        };
        let mut rows = hung(&line, area.width, indent);
        // Two rows at most; where it goes on, the second ends with "…".
        if rows.len() > 2 {
            rows.truncate(2);
            let last = rows.pop().unwrap_or_default();
            let width = usize::from(area.width);
            let last = if last.width() < width {
                let mut last = last;
                last.push_span(Span::raw("…"));
                last
            } else {
                truncate_line(last, width)
            };
            rows.push(last);
        }
        rows
    });
    let notice_rows = wrapped_rows(&notice, area.width).min(2);
    let [header, body, notice_area, advice, footer] = split::rows(
        area,
        [
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(notice_rows),
            Constraint::Length(advisory_rows),
            Constraint::Length(1),
        ],
    );
    render_header(app, header, buf);
    // Still wrapped: a word wider than the row (a long path) breaks as before.
    Paragraph::new(notice)
        .wrap(Wrap { trim: false })
        .render(notice_area, buf);
    if let Some(line) = advisory {
        Paragraph::new(line)
            .wrap(Wrap { trim: true })
            .render(advice, buf);
    }
    let [list, details] = split::columns(
        body,
        [
            Constraint::Length(list_width(app, body.width)),
            Constraint::Fill(1),
        ],
    );
    render_list(app, list, buf);
    render_details(app, details, buf);
    render_footer(Footer::Home, |_, word| Some(word), app.theme(), footer, buf);
}

/// The app's name on the left, the reminder status on the right. When the row is too narrow
/// for both, the status wins (it says something the user may act on), cut to fit.
pub fn render_header(app: &App, area: Rect, buf: &mut Buffer) {
    const NAME: &str = " knotless";
    let width = usize::from(area.width);
    let status = app.status_text().map(|s| format!("{s} "));
    let room_for_both = |s: &str| NAME.width() + 1 + s.width() <= width;
    if status.as_deref().is_none_or(room_for_both) {
        let left = Span::styled(NAME, app.theme().title);
        Paragraph::new(Line::from(left)).render(area, buf);
    }
    if let Some(status) = status {
        Paragraph::new(Line::styled(truncate(&status, width), app.theme().muted))
            .right_aligned()
            .render(area, buf);
    }
}

/// The list takes 42% of the width, or more where that lets every name keep its length in
/// whole minutes beside it (the borders and the "› " marker take 4 columns): up to half the
/// width, while the preview keeps 44 columns.
fn list_width(app: &App, width: u16) -> u16 {
    let share = (u32::from(width) * 42).div_ceil(100);
    let share = u16::try_from(share).unwrap_or(width);
    let widest = (width / 2).min(width.saturating_sub(44)).max(share);
    let needed = app
        .library()
        .sessions
        .iter()
        .map(|s| s.title.to_string().width() + 1 + s.total_short().width() + 4)
        .max()
        .unwrap_or(0);
    let needed = u16::try_from(needed).unwrap_or(u16::MAX);
    needed.clamp(share, widest)
}

fn render_list(app: &App, area: Rect, buf: &mut Buffer) {
    let block = Block::new()
        .borders(Borders::ALL)
        .title(" Sessions ")
        .border_style(app.theme().muted);
    let inner_width = usize::from(area.width.saturating_sub(4));
    let mut items: Vec<ListItem> = app
        .library()
        .sessions
        .iter()
        .map(|s| {
            let title = s.title.to_string();
            // Names before durations: on a narrow list the length turns to whole minutes,
            // then goes (the preview still shows it), and only a name too long for the
            // whole row is cut.
            let fits = |total: &String| title.width() + 1 + total.width() <= inner_width;
            let total = [s.total_words(), s.total_short()]
                .into_iter()
                .find(fits)
                .unwrap_or_default();
            let room = inner_width.saturating_sub(total.width() + usize::from(!total.is_empty()));
            let title = truncate(&title, room);
            let pad = inner_width.saturating_sub(title.width() + total.width());
            ListItem::new(Line::from(vec![
                Span::raw(title),
                Span::raw(" ".repeat(pad)),
                Span::styled(total, app.theme().muted),
            ]))
        })
        .collect();
    items.extend(app.library().broken.iter().map(|b| {
        ListItem::new(Line::from(vec![
            Span::styled("✗ ", app.theme().caution),
            Span::raw(truncate(&b.id, inner_width.saturating_sub(11))),
            Span::styled(" (broken)", app.theme().caution),
        ]))
    }));
    let list = List::new(items)
        .highlight_style(app.theme().selected)
        .highlight_symbol("› ");
    let mut state = ListState::default().with_selected(Some(app.home().selected()));
    let inner = block.inner(area);
    render_bordered(block, app.theme().muted, area, buf);
    StatefulWidget::render(list, inner, buf, &mut state);
}

fn render_details(app: &App, area: Rect, buf: &mut Buffer) {
    let sessions = &app.library().sessions;
    if let Some(session) = sessions.get(app.home().selected()) {
        let block = Block::new()
            .borders(Borders::ALL)
            .title(format!(" {} ", session.title))
            .title_style(app.theme().title)
            .border_style(app.theme().muted);
        let inner = block.inner(area);
        render_bordered(block, app.theme().muted, area, buf);
        let outline = fitted_outline(app, session, inner.width, inner.height);
        render_rows(&outline, inner, buf);
    } else if let Some(broken) = app
        .library()
        .broken
        .get(app.home().selected() - sessions.len().min(app.home().selected()))
    {
        let block = Block::new()
            .borders(Borders::ALL)
            .title(" This file has a problem ")
            .title_style(app.theme().caution)
            .border_style(app.theme().muted);
        let mut lines = vec![Line::raw("")];
        // The error's text is safe: its path, id and diagnostic were made safe in it.
        lines.extend(
            broken
                .error
                .to_string()
                .lines()
                .map(|l| Line::raw(l.to_string())),
        );
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "Fix the file: knotless picks up the change by itself. `knotless check` checks it too.",
            app.theme().muted,
        ));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block)
            .render(area, buf);
    } else {
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(app.theme().muted);
        Paragraph::new("No sessions found.")
            .block(block)
            .render(area, buf);
    }
}
