//! The stats screen: this week's totals, the streak and breaks, a bar chart of minutes per day
//! for the last 14 days and paired bars of pain before and after each rated session.
//! Pure: it draws a `Stats` value; the numbers under every bar keep it legible without colour.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Paragraph, Widget, Wrap};

use crate::history::stats::{DayMinutes, PainPoint, Stats, format_change};
use crate::tui::theme::Theme;
use crate::tui::view::split;

/// Wide enough to put the two charts side by side.
const SIDE_BY_SIDE_WIDTH: u16 = 120;
/// Columns per pain group: two bars of 3, a gap of 1 between them and 2 after the group.
const PAIN_BAR_WIDTH: u16 = 3;
const PAIN_GROUP_GAP: u16 = 2;
const PAIN_GROUP_WIDTH: u16 = 2 * PAIN_BAR_WIDTH + 1 + PAIN_GROUP_GAP;

/// A chart's borders and the three rows it needs to draw anything (bars, values, days).
const CHART_ROWS: u16 = 5;

/// Draws the stats screen into `area`.
pub fn render_stats(stats: &Stats, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    if stats.is_empty() {
        render_empty(stats, theme, area, buf);
        return;
    }
    let lines = summary_lines(stats, theme, usize::from(area.width));
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let [summary, charts] = split::rows(area, [Constraint::Length(height), Constraint::Fill(1)]);
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(summary, buf);
    // No empty frames: a chart draws nothing with fewer rows than this.
    if charts.height < CHART_ROWS {
        return;
    }
    let side_by_side = charts.width >= SIDE_BY_SIDE_WIDTH;
    if !side_by_side && charts.height < 2 * CHART_ROWS {
        // Room for one of the two stacked: the minutes, and a word on the pain chart left
        // out (when there are ratings to chart and a row to say it on).
        let note = !stats.pain.is_empty() && charts.height > CHART_ROWS + 1;
        let [minutes, rest] = split::rows(
            charts,
            [Constraint::Fill(1), Constraint::Length(u16::from(note))],
        );
        render_minutes(stats, theme, minutes, buf);
        Paragraph::new(Line::styled(
            " The pain chart needs a taller window.",
            theme.muted,
        ))
        .render(rest, buf);
        return;
    }
    let direction = if side_by_side {
        Direction::Horizontal
    } else {
        Direction::Vertical
    };
    let [minutes, pain] = charts.layout(&Layout::new(
        direction,
        [Constraint::Fill(1), Constraint::Fill(1)],
    ));
    render_minutes(stats, theme, minutes, buf);
    render_pain(&stats.pain, theme, pain, buf);
}

fn render_empty(stats: &Stats, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let mut lines = vec![
        Line::styled("No sessions yet.", theme.title),
        Line::raw(""),
        Line::styled(
            "Finish a session and your minutes per day, streak and pain check-ins will show \
             up here.",
            theme.text,
        ),
    ];
    // Runs that are not sessions still took time, and one may be under way elsewhere: say
    // so, as `knotless stats` does, rather than leave the week looking untouched.
    let mut groups = Vec::new();
    if let Some(runs) = stats.outcomes_this_week.not_counted() {
        let minutes = format!("{} min", stats.minutes_this_week);
        groups.push(vec![
            dot(
                theme,
                vec![label("This week", theme), value(minutes, theme)],
            ),
            dot(
                theme,
                vec![Span::styled(format!("not counted: {runs}"), theme.muted)],
            ),
        ]);
    }
    if !stats.breaks_this_week.is_empty() {
        groups.push(breaks_items(stats, theme));
    }
    if !groups.is_empty() {
        lines.push(Line::raw(""));
        lines.extend(pack(groups, usize::from(area.width)));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

fn label(text: &str, theme: &Theme) -> Span<'static> {
    Span::styled(format!("{text} "), theme.muted)
}

fn value(text: String, theme: &Theme) -> Span<'static> {
    Span::styled(text, theme.accent)
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A group of spans that is never split across lines, and what separates it from the item
/// before it on the same line.
struct Item {
    gap: Span<'static>,
    spans: Vec<Span<'static>>,
}

fn width(spans: &[Span<'_>]) -> usize {
    spans.iter().map(Span::width).sum()
}

/// Packs items into lines of at most `max` columns, starting a new line for each group. An
/// item wider than a line gets a line of its own (cut only there, at the screen's edge).
fn pack(groups: Vec<Vec<Item>>, max: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for group in groups {
        let mut line: Vec<Span<'static>> = Vec::new();
        for item in group {
            if !line.is_empty() && width(&line) + item.gap.width() + width(&item.spans) > max {
                lines.push(Line::from(std::mem::take(&mut line)));
            }
            if !line.is_empty() {
                line.push(item.gap);
            }
            line.extend(item.spans);
        }
        if !line.is_empty() {
            lines.push(Line::from(line));
        }
    }
    lines
}

fn dot(theme: &Theme, spans: Vec<Span<'static>>) -> Item {
    Item {
        gap: Span::styled(" · ", theme.muted),
        spans,
    }
}

fn space(spans: Vec<Span<'static>>) -> Item {
    Item {
        gap: Span::raw(" "),
        spans,
    }
}

fn summary_lines(stats: &Stats, theme: &Theme, max: usize) -> Vec<Line<'static>> {
    let skips = stats.outcomes_this_week.finished_with_skips;
    let mut week = vec![
        label("This week", theme),
        value(
            plural(stats.sessions_this_week, "session", "sessions"),
            theme,
        ),
    ];
    if skips > 0 {
        week.push(Span::styled(format!(" ({skips} with skips)"), theme.muted));
    }
    let mut streak = vec![
        label("Streak", theme),
        value(plural(stats.streak_days, "day", "days"), theme),
    ];
    // As `knotless stats` says it: "(4 sessions, 2 with skips)"; the skips alone would read
    // as days.
    if let Some(words) = stats.streak_words() {
        streak.push(Span::styled(format!(" ({words})"), theme.muted));
    }
    let minutes = vec![value(format!("{} min", stats.minutes_this_week), theme)];
    let mut first = vec![dot(theme, week), dot(theme, minutes)];
    // As `knotless stats` says it: the minutes include runs the session count leaves out.
    if let Some(runs) = stats.outcomes_this_week.not_counted() {
        let text = format!("not counted: {runs}");
        first.push(dot(theme, vec![Span::styled(text, theme.muted)]));
    }
    first.push(dot(theme, streak));
    let pain = match stats.pain_change {
        Some(change) => vec![
            space(vec![
                label("Pain after a session", theme),
                value(format_change(change.average), theme),
            ]),
            space(vec![Span::styled(
                format!(
                    "on average ({})",
                    plural(change.runs, "rated session", "rated sessions")
                ),
                theme.muted,
            )]),
        ],
        None => vec![
            space(vec![label("Pain", theme)]),
            space(vec![Span::styled("rate it before and after", theme.muted)]),
            space(vec![Span::styled(
                "a session to see the change",
                theme.muted,
            )]),
        ],
    };
    // Pain before the break counts: on a small window, whether sessions help stays.
    pack(vec![first, pain, breaks_items(stats, theme)], max)
}

fn breaks_items(stats: &Stats, theme: &Theme) -> Vec<Item> {
    let b = stats.breaks_this_week;
    let muted = |text: String| Span::styled(text, theme.muted);
    vec![
        dot(
            theme,
            vec![
                label("Breaks this week", theme),
                value(format!("{} taken", b.taken), theme),
            ],
        ),
        dot(theme, vec![value(format!("{} snoozed", b.snoozed), theme)]),
        dot(theme, vec![muted(format!("{} dismissed", b.dismissed))]),
        dot(theme, vec![muted(format!("{} ignored", b.unanswered()))]),
        dot(theme, vec![muted(plural(b.fired, "reminder", "reminders"))]),
    ]
}

/// The first title that fits in `width` columns with the borders, else the last.
fn fit_title(options: &[String], width: u16) -> String {
    let room = usize::from(width.saturating_sub(2));
    options
        .iter()
        .find(|t| Span::raw(t.as_str()).width() <= room)
        .or(options.last())
        .cloned()
        .unwrap_or_default()
}

fn chart_block<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_style(theme.muted)
        .title(Span::styled(title, theme.title))
}

fn render_minutes(stats: &Stats, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let days = &stats.minutes_per_day;
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return;
    };
    let title = fit_title(
        &[
            format!(
                " Minutes per day · {} – {} ",
                first.date.strftime("%-d %b"),
                last.date.strftime("%-d %b")
            ),
            " Minutes per day ".to_string(),
            " Minutes ".to_string(),
        ],
        area.width,
    );
    let block = chart_block(title, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height < 3 || inner.width < 14 {
        return;
    }
    let n = u16::try_from(days.len()).unwrap_or(u16::MAX).max(1);
    let bar_width = ((inner.width + 1) / n).saturating_sub(1).clamp(1, 6);
    let bars: Vec<Bar> = days
        .iter()
        .map(|d| minutes_bar(d, stats.today == d.date, theme))
        .collect();
    BarChart::default()
        .data(BarGroup::new(bars))
        .bar_width(bar_width)
        .bar_gap(1)
        .bar_style(theme.accent)
        .value_style(theme.accent.add_modifier(Modifier::REVERSED))
        .label_style(theme.muted)
        .render(inner, buf);
}

fn minutes_bar<'a>(day: &DayMinutes, today: bool, theme: &Theme) -> Bar<'a> {
    let style = if today { theme.title } else { theme.muted };
    Bar::new(u64::from(day.minutes)).label(Line::styled(day.date.strftime("%d").to_string(), style))
}

fn render_pain(points: &[PainPoint], theme: &Theme, area: Rect, buf: &mut Buffer) {
    let title = fit_title(
        &[
            " Pain 0–10 · left bar before, right bar after ".to_string(),
            " Pain 0–10 · left before, right after ".to_string(),
            " Pain · before, after ".to_string(),
            " Pain ".to_string(),
        ],
        area.width,
    );
    let block = chart_block(title, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    if points.is_empty() {
        Paragraph::new(Line::styled(
            "No pain check-ins yet. Rate your pain before and after a session to see it here.",
            theme.muted,
        ))
        .wrap(Wrap { trim: true })
        .render(inner, buf);
        return;
    }
    if inner.height < 3 || inner.width < PAIN_GROUP_WIDTH {
        return;
    }
    let fits = usize::from((inner.width + PAIN_GROUP_GAP) / PAIN_GROUP_WIDTH).max(1);
    let shown = &points[points.len().saturating_sub(fits)..];
    let mut chart = BarChart::default()
        .bar_width(PAIN_BAR_WIDTH)
        .bar_gap(1)
        .group_gap(PAIN_GROUP_GAP)
        .max(10)
        .label_style(theme.muted);
    for point in shown {
        let group = BarGroup::new([
            pain_bar(point.before, theme.caution),
            pain_bar(point.after, theme.rest),
        ])
        .label(Line::styled(
            point.date.strftime("%-d %b").to_string(),
            theme.muted,
        ));
        chart = chart.data(group);
    }
    chart.render(inner, buf);
}

/// A pain bar labelled with its rating ("–" when not rated); the label carries the number so
/// the chart reads the same without colour.
fn pain_bar<'a>(pain: Option<u8>, style: Style) -> Bar<'a> {
    let text = pain.map_or_else(|| "–".to_string(), |p| p.to_string());
    Bar::new(u64::from(pain.unwrap_or(0)))
        .style(style)
        .text_value("")
        .label(Line::styled(text, style))
}
