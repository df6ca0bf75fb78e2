//! The status lines of the running screen: a pause, away or cue message, the hold hint,
//! and what comes next; and the rest's heading.

use std::time::Duration;

use ratatui::text::{Line, Span};

use super::session_parts::position_label;
use crate::runner::{Mode, Runner};

use crate::session::{PhaseKind, Session};
use crate::tui::state::{App, Overlay, SessionState};
use crate::tui::view::widgets::{word_wrapped, wrapped_rows};

/// "Breathe in  ●●○○": a paced step's breath, the bar filling one dot a second (the
/// countdown's own second, so it costs no extra wake-up).
fn pacer_line(app: &App, session: &Session, runner: &Runner) -> Option<Line<'static>> {
    let phase = runner.current().filter(|p| p.kind == PhaseKind::Work)?;
    let pace = session.steps.get(phase.step)?.pace?;
    let breath = pace.at(runner.spent(app.now()));
    let filled = usize::try_from(breath.second).unwrap_or(0);
    let empty = usize::try_from(breath.of.saturating_sub(breath.second)).unwrap_or(0);
    Some(Line::from(vec![
        Span::styled(format!("{:<13}", breath.words()), app.theme().title),
        Span::styled("●".repeat(filled), app.theme().accent),
        Span::styled("○".repeat(empty), app.theme().muted),
    ]))
}

/// "Rest · next: Right", "Rest · next: Pelvic tilt (1m)".
pub(super) fn rest_heading(session: &Session, runner: &Runner) -> String {
    let next = next_label(session, runner).map_or_else(String::new, |n| format!(" · next: {n}"));
    let after = runner
        .phases()
        .get(runner.index() + 1)
        .map(|p| position_label(session, p));
    let next = match after {
        Some(pos) if !pos.is_empty() => format!(" · next: {pos}"),
        _ => next,
    };
    format!("Rest{next}")
}

/// The status lines in their order on screen, each with its rank: on a window too short
/// for them and the step's words, the higher ranks give way first.
pub(super) struct Status {
    lines: Vec<(Rank, Line<'static>)>,
}

/// What gives way first, last to first: why the voice or sounds are off, then what comes
/// next, the hold hint, the breath pacer, and last the message (paused, away, the last cue).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Message,
    Pacer,
    HoldHint,
    Next,
    AudioNotice,
}

impl Status {
    /// The lines wrapped for a body `width` wide in at most `rows` rows (the lines of the
    /// highest rank left out until they fit), the rows they take, and their margin.
    pub(super) fn fit(&self, width: u16, rows: u16) -> (Vec<Line<'static>>, u16, u16) {
        let mut kept: Vec<&(Rank, Line<'static>)> = self.lines.iter().collect();
        loop {
            let lines = kept.iter().map(|(_, line)| line.clone()).collect();
            let column = status_column(lines, width);
            if column.1 <= rows {
                return column;
            }
            let Some(highest) = kept.iter().map(|(rank, _)| *rank).max() else {
                return column;
            };
            kept.retain(|(rank, _)| *rank != highest);
        }
    }
}

/// The status lines wrapped for a body `width` wide, the rows they take, and their margin:
/// in the same column as the heading and the instructions, a space in from the border,
/// unless that wraps them onto more rows (a narrow window needs its rows for the text).
fn status_column(lines: Vec<Line<'static>>, width: u16) -> (Vec<Line<'static>>, u16, u16) {
    let narrower = width.saturating_sub(2);
    let padded = word_wrapped(lines.clone(), narrower);
    let p = wrapped_rows(&padded, narrower);
    // A row per line is the fewest there can be: no need to try without the margin.
    if usize::from(p) <= lines.len() {
        return (padded, p, 1);
    }
    let flush = word_wrapped(lines, width);
    let f = wrapped_rows(&flush, width);
    if p <= f {
        (padded, p, 1)
    } else {
        (flush, f, 0)
    }
}

/// The status lines, ranked: audio notices, the message (paused, away, the last cue), the
/// breath pacer, the hold hint, and "Next: …".
pub(super) fn status_lines(app: &App, session: &Session, runner: &Runner) -> Status {
    let now = app.now();
    let mut lines = Vec::new();
    if runner.current().is_none() {
        return Status { lines };
    }
    let paused = runner.mode() == Mode::Paused;
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
    } else if let Some(text) = notice {
        Some(Line::styled(text, app.theme().banner))
    } else {
        app.session()
            .and_then(SessionState::message)
            .map(|m| Line::styled(format!("✓ {}", m.text), app.theme().rest))
    };
    let notices = app.audio_notices();
    lines.extend(notices.map(|t| {
        let line = Line::styled(t.to_string(), app.theme().caution);
        (Rank::AudioNotice, line)
    }));
    lines.extend(message.map(|line| (Rank::Message, line)));
    lines.extend(pacer_line(app, session, runner).map(|line| (Rank::Pacer, line)));
    lines.extend(runner.hold_hint(now).map(|hint| {
        let line = Line::styled(hint.words(), app.theme().muted);
        (Rank::HoldHint, line)
    }));
    // A rest's heading already says what comes next ("Rest · next: Right").
    if runner.current().is_some_and(|p| p.kind == PhaseKind::Rest) {
        return Status { lines };
    }
    let next = if let Some(next) = next_label(session, runner) {
        Line::from(vec![
            Span::styled("Next: ", app.theme().muted),
            Span::raw(next),
        ])
    } else {
        Line::styled("Last one: the session ends after this.", app.theme().muted)
    };
    lines.push((Rank::Next, next));
    Status { lines }
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
                format!("{} again", step.name)
            } else {
                pos
            }
        }
        PhaseKind::Work => format!("{} ({})", step.name, next.timing),
    })
}

fn away_text(session: &Session, runner: &Runner, phase: usize, ago: Duration) -> String {
    let Some(p) = runner.phases().get(phase) else {
        return String::new();
    };
    let step = &session.steps[p.step];
    let name = if p.kind == PhaseKind::Rest {
        "The rest".to_string()
    } else {
        step.name.to_string()
    };
    let ago = crate::duration::ago(ago);
    let cue = step.cue.as_ref().map_or_else(String::new, |c| {
        format!(": {}", c.one_line().trim_end_matches('.'))
    });
    format!("{name} ended {ago}{cue}. Press Space to go on.")
}
