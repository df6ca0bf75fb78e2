//! The outline of a session (its summary, what you'll need, the numbered steps with their
//! lengths, the total), shared by the home screen's preview and the intro, and fitted to the
//! rows a window has.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::duration;
use crate::session::Session;
use crate::text::count_of;
use crate::tui::state::App;
use crate::tui::view::widgets::{hang, hung, paragraph_rows, truncate_line, wrapped_rows};

/// Marks a length the session chose: a step's with `basis = "choice"`, and the rest or the
/// breathing pace of a step that states any basis (the source material gives neither).
pub const CHOSEN_MARK: &str = "*";
/// The one line under the outline that explains [`CHOSEN_MARK`].
pub const CHOSEN_LEGEND: &str = "* a chosen length: the source material gives none for this";

/// The outline in at most `rows` rows `width` wide: whole; else brief (no blank lines, and
/// only as much of the summary as there is room for); else brief with the steps that do not
/// fit said in one line ("… 22 more steps"), so the total stays in view however long the
/// session. Where that leaves no step, the legend of `*` gives way, then what you'll need.
/// On a window too small even for the total, the brief outline, cut where the rows end, its
/// last row ending in "…" so the cut shows.
#[must_use]
pub fn fitted_outline<'a>(app: &App, session: &'a Session, width: u16, rows: u16) -> Vec<Line<'a>> {
    let whole = session_outline(app, session, width, false);
    if wrapped_rows(&whole, width) <= rows {
        return whole;
    }
    let mut parts = parts(app, session, width, true);
    let steps = parts.steps.len();
    let mut kept = steps_that_fit(&parts, width, rows);
    if kept == Some(steps) {
        return with_summary(session, parts.joined(steps, None), width, rows);
    }
    // The legend first (the tail's line after the total), then the head.
    if kept.is_none_or(|k| k == 0) && parts.tail.len() > 1 {
        parts.tail.truncate(1);
        kept = steps_that_fit(&parts, width, rows);
    }
    if kept.is_none_or(|k| k == 0) && !parts.head.is_empty() {
        parts.head.clear();
        kept = steps_that_fit(&parts, width, rows);
    }
    let kept = match kept {
        Some(k) if k == steps => return parts.joined(steps, None),
        Some(k) => k,
        None => {
            return cut_to(
                session_outline(app, session, width, true),
                width,
                rows.into(),
            );
        }
    };
    // One row, as counted: under the steps where it fits, else at the edge, cut to fit.
    let more = format!("… {}", count_of(steps - kept, "more step"));
    let indent = if more.width() + 4 <= usize::from(width) {
        "    "
    } else {
        ""
    };
    let more = Line::styled(format!("{indent}{more}"), app.theme().muted);
    parts.joined(kept, Some(truncate_line(more, usize::from(width))))
}

/// `lines` (rows already) cut to `rows`, the last row kept ending in "…" where rows are cut;
/// its spans keep their styles.
fn cut_to(mut lines: Vec<Line<'_>>, width: u16, rows: usize) -> Vec<Line<'_>> {
    if lines.len() <= rows {
        return lines;
    }
    lines.truncate(rows);
    if let Some(mut last) = lines.pop() {
        while last
            .spans
            .last()
            .is_some_and(|s| s.content.trim_end().is_empty())
        {
            last.spans.pop();
        }
        if let Some(span) = last.spans.last_mut() {
            span.content = span.content.trim_end().to_string().into();
        }
        last.spans.push(Span::raw(" …"));
        lines.push(truncate_line(last, usize::from(width)));
    }
    lines
}

/// `brief` with as much of the session's summary above it as `rows` leaves room for, its
/// last row ending in "…" where the summary is cut; `brief` alone with under two rows free.
fn with_summary<'a>(
    session: &Session,
    brief: Vec<Line<'a>>,
    width: u16,
    rows: u16,
) -> Vec<Line<'a>> {
    let free = usize::from(rows.saturating_sub(wrapped_rows(&brief, width)));
    let Some(summary) = session.summary.as_ref().filter(|_| free >= 2) else {
        return brief;
    };
    let mut lines = paragraph_rows(&summary.reflowed(), Style::default(), width);
    if lines.len() < free {
        lines.push(Line::raw(""));
    } else {
        lines = cut_to(lines, width, free);
    }
    lines.extend(brief);
    lines
}

/// How many of `parts`' steps fit in `rows` beside its head and tail, with a row for
/// "… N more steps" when some are left out; `None` when not even that row fits.
fn steps_that_fit(parts: &Parts, width: u16, rows: u16) -> Option<usize> {
    let steps = parts.steps.len();
    let mut used = wrapped_rows(&parts.head, width) + wrapped_rows(&parts.tail, width);
    // Each step's lines are rows already (hung to the width); one row more for the marker.
    let mut kept = 0;
    for step in &parts.steps {
        let more = u16::try_from(step.len()).unwrap_or(u16::MAX);
        let marker = u16::from(kept + 1 < steps);
        if used.saturating_add(more).saturating_add(marker) > rows {
            break;
        }
        used += more;
        kept += 1;
    }
    (kept == steps || used < rows).then_some(kept)
}

/// The summary and the numbered steps with their durations. Steps are wrapped to `width`
/// with their continuation under the step's name. `brief` leaves out the summary and the
/// blank lines, for a window too short for them.
#[must_use]
pub fn session_outline<'a>(
    app: &App,
    session: &'a Session,
    width: u16,
    brief: bool,
) -> Vec<Line<'a>> {
    let parts = parts(app, session, width, brief);
    let steps = parts.steps.len();
    parts.joined(steps, None)
}

/// An outline in its three parts: what comes before the steps, each step's rows, the total.
struct Parts<'a> {
    head: Vec<Line<'a>>,
    steps: Vec<Vec<Line<'a>>>,
    tail: Vec<Line<'a>>,
}

impl<'a> Parts<'a> {
    /// The head, the first `kept` steps, then `more` (the steps left out), then the tail.
    fn joined(self, kept: usize, more: Option<Line<'a>>) -> Vec<Line<'a>> {
        let mut lines = self.head;
        lines.extend(self.steps.into_iter().take(kept).flatten());
        lines.extend(more);
        lines.extend(self.tail);
        lines
    }
}

fn parts<'a>(app: &App, session: &'a Session, width: u16, brief: bool) -> Parts<'a> {
    let gap = |lines: &mut Vec<Line>| {
        if !brief {
            lines.push(Line::raw(""));
        }
    };
    let mut summary = Vec::new();
    if let (Some(text), false) = (&session.summary, brief) {
        summary = paragraph_rows(&text.reflowed(), Style::default(), width);
        summary.push(Line::raw(""));
    }
    let mut head = Vec::new();
    if !session.equipment.is_empty() {
        head.push(Line::from(vec![
            Span::styled("You'll need: ", app.theme().muted),
            Span::raw(session.equipment.join(", ")),
        ]));
        gap(&mut head);
    }
    let steps = session
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let item = [
                Span::styled(format!("{:>2}. ", i + 1), app.theme().muted),
                Span::styled(
                    step.name.as_str(),
                    app.theme().text.add_modifier(Modifier::BOLD),
                ),
                Span::styled(format!("  {}", step_detail(step)), app.theme().muted),
            ];
            hang(&item, width, 4)
        })
        .collect();
    let mut tail = Vec::new();
    gap(&mut tail);
    tail.push(Line::from(vec![
        Span::styled("Total ", app.theme().muted),
        Span::raw(session.total_words()),
        Span::styled(
            format!(" · {}", count_of(session.phase_count(), "phase")),
            app.theme().muted,
        ),
    ]));
    if session.has_chosen_numbers() {
        tail.push(Line::styled(CHOSEN_LEGEND, app.theme().muted));
    }
    // Wrapped here like the steps and the summary, so the rows counted are the rows drawn.
    let rows = |lines: Vec<Line<'a>>| -> Vec<Line<'a>> {
        lines.iter().flat_map(|line| hung(line, width, 0)).collect()
    };
    summary.extend(rows(head));
    Parts {
        head: summary,
        steps,
        tail: rows(tail),
    }
}

/// "30s* each: left, right × 2 reps, rest 10s*": a step's lengths after its name.
fn step_detail(step: &crate::session::Step) -> String {
    let mut detail = step.timing.to_string();
    if step.duration_chosen() {
        detail.push_str(CHOSEN_MARK);
    }
    if !step.sides.is_empty() {
        detail.push_str(&format!(" each: {}", step.sides_words()));
    }
    if step.reps > 1 {
        detail.push_str(&format!(" × {} reps", step.reps));
    }
    // A rest comes between a step's phases: said wherever there is one, marked when chosen.
    if let (Some(rest), true) = (step.rest, step.work_count() > 1) {
        let mark = if step.rest_chosen() { CHOSEN_MARK } else { "" };
        detail.push_str(&format!(", rest {}{mark}", duration::compact(rest)));
    }
    if let Some(pace) = step.pace {
        let mark = if step.pace_chosen() { CHOSEN_MARK } else { "" };
        detail.push_str(&format!(
            ", breathe in {} out {}{mark}",
            duration::compact(pace.inhale),
            duration::compact(pace.exhale)
        ));
    }
    detail
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::{Paragraph, Widget, Wrap};

    use super::{fitted_outline, step_detail};
    use crate::clock::Moment;
    use crate::session::library::Library;
    use crate::tui::state::App;
    use crate::tui::theme::Theme;
    use crate::tui::view::widgets::render_rows;

    /// The outline's lines are rows already: drawn one to a row, every built-in's outline
    /// fills the same cells, styles included, as a wrapping `Paragraph` drew it, at every
    /// width and height (whole, brief, steps left out, cut).
    #[test]
    fn outline_rows_draw_as_the_wrapping_paragraph_did() {
        let app = App::new(Library::load(None), Theme::default(), Moment::ZERO);
        for session in &app.library().sessions {
            for width in [8, 13, 20, 29, 40, 57, 80, 118] {
                for height in [1, 3, 6, 10, 16, 28] {
                    let area = Rect::new(0, 0, width, height);
                    let lines = fitted_outline(&app, session, width, height);
                    for l in &lines {
                        assert!(
                            l.width() <= usize::from(width),
                            "{} at {width}x{height}: {l:?}",
                            session.id
                        );
                    }
                    let mut rows = Buffer::empty(area);
                    render_rows(&lines, area, &mut rows);
                    let mut wrapped = Buffer::empty(area);
                    Paragraph::new(lines)
                        .wrap(Wrap { trim: false })
                        .render(area, &mut wrapped);
                    assert_eq!(rows, wrapped, "{} at {width}x{height}", session.id);
                }
            }
        }
    }

    /// A step's rest is in its outline whether or not the step states a basis; only a
    /// chosen one is marked. A step of one phase has nothing for a rest to come between,
    /// so its rest is not said.
    #[test]
    fn a_rest_is_said_with_or_without_a_basis() {
        let step = |extra: &str| {
            let toml =
                format!("title = \"T\"\n[[steps]]\nname = \"S\"\nduration = \"20s\"\n{extra}");
            let path = std::path::Path::new("t.toml");
            let source = crate::session::Source::File(path.to_path_buf());
            let session = crate::session::parse::parse_str(path, &toml, source).unwrap();
            step_detail(&session.steps[0])
        };
        let sides = "sides = [\"left\", \"right\"]\nrest = \"10s\"\n";
        assert_eq!(step(sides), "20s each: left, right, rest 10s");
        let chosen = format!("{sides}basis = \"choice\"\n");
        assert_eq!(step(&chosen), "20s* each: left, right, rest 10s*");
        assert_eq!(step("rest = \"10s\"\n"), "20s");
    }
}
