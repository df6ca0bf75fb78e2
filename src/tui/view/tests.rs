//! Snapshots of the stats screen (with data and empty) and the safety screen, plus styles.

use jiff::civil::date;
use jiff::tz::TimeZone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::safety::safety_max_scroll;
use super::*;
use crate::history::stats::Stats;
use crate::history::{Outcome, Reminder, ReminderOutcome, Run, RunId};
use crate::tui::theme::Theme;

/// A run of knot-relief at 08:00 UTC on a day of January 2026 that lasted `minutes` (none:
/// it never ended), one phase done, unrated.
fn run_on(day: i8, minutes: Option<i64>, outcome: Outcome) -> Run {
    let started_at = date(2026, 1, day)
        .at(8, 0, 0, 0)
        .to_zoned_datetime(TimeZone::UTC)
        .unwrap()
        .timestamp();
    Run {
        id: RunId(i64::from(day)),
        session: "knot-relief".into(),
        title: "Knot relief".into(),
        started_at,
        ended_at: minutes.map(|m| started_at + jiff::SignedDuration::from_mins(m)),
        outcome,
        phases_done: 1,
        phases_skipped: 0,
        pain_before: None,
        pain_after: None,
    }
}

fn sample_stats() -> Stats {
    let mut runs = Vec::new();
    let days = [
        (1, 20, (7, 5)),
        (2, 15, (6, 4)),
        (4, 25, (6, 3)),
        (7, 10, (5, 5)),
        (8, 22, (5, 2)),
        (9, 30, (4, 2)),
        (12, 18, (4, 3)),
        (13, 12, (3, 1)),
        (14, 20, (3, 1)),
    ];
    for (day, minutes, (before, after)) in days {
        runs.push(Run {
            phases_done: 6,
            pain_before: Some(before),
            pain_after: (day != 7).then_some(after),
            ..run_on(day, Some(minutes), Outcome::Completed)
        });
    }
    let reminders: Vec<Reminder> = [
        ReminderOutcome::Fired,
        ReminderOutcome::Taken,
        ReminderOutcome::Fired,
        ReminderOutcome::Snoozed,
        ReminderOutcome::Fired,
        ReminderOutcome::Taken,
    ]
    .into_iter()
    .map(|outcome| Reminder {
        at: "2026-01-13T10:00:00Z".parse().unwrap(),
        outcome,
    })
    .collect();
    Stats::compute(&runs, &reminders, date(2026, 1, 14), &TimeZone::UTC)
}

fn render(stats: &Stats, theme: &Theme, width: u16, height: u16) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
    render_stats(stats, theme, buf.area, &mut buf);
    buf
}

fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        for x in 0..buf.area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The cell has the style's colours and at least its modifiers.
fn assert_styled(buf: &Buffer, at: (u16, u16), style: ratatui::style::Style) {
    let cell = &buf[at];
    let reset = ratatui::style::Color::Reset;
    assert_eq!(cell.fg, style.fg.unwrap_or(reset), "fg at {at:?}");
    assert_eq!(cell.bg, style.bg.unwrap_or(reset), "bg at {at:?}");
    assert!(
        cell.modifier.contains(style.add_modifier),
        "modifiers at {at:?}: {:?}",
        cell.modifier
    );
}

fn find(buf: &Buffer, needle: &str) -> (u16, u16) {
    for (y, line) in text(buf).lines().enumerate() {
        if let Some(byte) = line.find(needle) {
            let x = line[..byte].chars().count();
            return (u16::try_from(x).unwrap(), u16::try_from(y).unwrap());
        }
    }
    panic!("{needle:?} not on screen:\n{}", text(buf));
}

#[test]
fn stats_with_data_at_80x24() {
    let theme = Theme::colour();
    let buf = render(&sample_stats(), &theme, 80, 24);
    insta::assert_snapshot!(text(&buf));
    let (x, y) = find(&buf, "Minutes per day");
    assert_styled(&buf, (x, y), theme.title);
    let (x, y) = find(&buf, "3 sessions");
    assert_eq!(buf[(x, y)].style().fg, theme.accent.fg);
    let (x, y) = find(&buf, "█");
    assert_eq!(
        buf[(x, y)].style().fg,
        theme.accent.fg,
        "minutes bars in the accent colour"
    );
}

/// Every word of the summary is whole on screen, and the pain chart has bars.
#[test]
fn stats_at_60x18_cut_no_word_and_show_the_pain_chart() {
    let theme = Theme::mono();
    let buf = render(&sample_stats(), &theme, 60, 18);
    let screen = text(&buf);
    insta::assert_snapshot!(screen);
    for phrase in [
        "This week 3 sessions",
        "50 min",
        "Streak 3 days",
        "Breaks this week 2 taken",
        "1 snoozed",
        "0 dismissed",
        "0 ignored",
        "3 reminders",
        "Pain after a session −2.1 points",
        "on average (8 rated sessions)",
    ] {
        assert!(
            screen.contains(phrase),
            "{phrase:?} cut or missing:\n{screen}"
        );
    }
    let pain_top = find(&buf, "Pain").1;
    let below: String = screen.lines().skip(usize::from(pain_top) + 1).collect();
    assert!(
        below.contains(['█', '▇', '▆', '▅', '▄', '▃', '▂', '▁']),
        "pain bars drawn:\n{screen}"
    );
    for line in screen.lines() {
        assert!(line.chars().count() <= 60, "{line}");
    }
}

#[test]
fn stats_empty_at_80x24() {
    let theme = Theme::colour();
    let stats = Stats::compute(&[], &[], date(2026, 1, 14), &TimeZone::UTC);
    let buf = render(&stats, &theme, 80, 24);
    insta::assert_snapshot!(text(&buf));
    let (x, y) = find(&buf, "No sessions yet");
    assert_styled(&buf, (x, y), theme.title);
}

/// A week whose only runs are not sessions (one stopped early, one under way elsewhere).
#[test]
fn stats_without_sessions_still_names_the_runs_it_does_not_count() {
    let theme = Theme::colour();
    let runs = [
        run_on(13, Some(7), Outcome::Stopped),
        run_on(14, None, Outcome::CutShort),
    ];
    let mut stats = Stats::compute(&runs, &[], date(2026, 1, 14), &TimeZone::UTC);
    stats.mark_running(&[runs[1].started_at], &TimeZone::UTC);
    let screen = text(&render(&stats, &theme, 80, 24));
    assert!(screen.contains("No sessions yet."), "{screen}");
    assert!(
        screen.contains("This week 7 min · not counted: 1 stopped early, 1 running"),
        "{screen}"
    );
    // Narrow: the two items wrap whole rather than being cut.
    let screen = text(&render(&stats, &theme, 40, 12));
    assert!(
        screen.contains("not counted: 1 stopped early, 1 running"),
        "{screen}"
    );
}

#[test]
fn stats_wide_and_monochrome() {
    let buf = render(&sample_stats(), &Theme::mono(), 140, 30);
    let screen = text(&buf);
    assert!(
        screen.contains("Minutes per day") && screen.contains("Pain 0–10"),
        "{screen}"
    );
    // Side by side: both chart titles on one row.
    assert_eq!(find(&buf, "Minutes per day").1, find(&buf, "Pain 0–10").1);
}

#[test]
fn stats_never_panic_at_small_sizes() {
    let stats = sample_stats();
    let empty = Stats::compute(&[], &[], date(2026, 1, 14), &TimeZone::UTC);
    for (w, h) in [
        (0, 0),
        (1, 1),
        (20, 5),
        (5, 20),
        (13, 9),
        (40, 8),
        (80, 6),
        (200, 3),
    ] {
        render(&stats, &Theme::colour(), w, h);
        render(&empty, &Theme::mono(), w, h);
    }
}

#[test]
fn safety_at_80x24() {
    let theme = Theme::colour();
    let mut buf = Buffer::empty(Rect::new(0, 0, 80, 24));
    render_safety(&theme, buf.area, &mut buf, 0);
    insta::assert_snapshot!(text(&buf));
    let (x, y) = find(&buf, "Get emergency care now");
    assert_styled(&buf, (x, y), theme.caution);
    let (x, y) = find(&buf, "When to seek help");
    assert_styled(&buf, (x, y), theme.title);
}

#[test]
fn safety_scrolls_and_survives_small_sizes() {
    let theme = Theme::mono();
    let mut buf = Buffer::empty(Rect::new(0, 0, 80, 10));
    render_safety(&theme, buf.area, &mut buf, 3);
    let screen = text(&buf);
    // The heading stays while the text under it scrolls.
    assert!(
        screen.trim_start().starts_with("When to seek help"),
        "{screen}"
    );
    let mut top = Buffer::empty(Rect::new(0, 0, 80, 10));
    render_safety(&theme, top.area, &mut top, 0);
    let second = |s: &str| s.lines().nth(2).unwrap_or_default().trim().to_string();
    assert_ne!(second(&screen), second(&text(&top)), "the text moved");
    for (w, h, scroll) in [(0, 0, 0), (1, 1, 0), (20, 5, 2), (80, 24, u16::MAX)] {
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        render_safety(&theme, buf.area, &mut buf, scroll);
    }
}

#[test]
fn safety_scrolled_to_the_end_shows_the_last_page() {
    let theme = Theme::colour();
    let area = Rect::new(0, 0, 80, 24);
    let max = safety_max_scroll(&theme, area);
    assert!(max > 0);
    for scroll in [max, u16::MAX] {
        let mut buf = Buffer::empty(area);
        render_safety(&theme, area, &mut buf, scroll);
        let screen = text(&buf);
        assert!(screen.contains("pain that shoots outward"), "{screen}");
        assert!(!screen.contains("↓ more"), "{screen}");
    }
}
