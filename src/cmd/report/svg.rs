//! The report's charts as inline SVG: bars per day (stacked when there are several kinds) and
//! pain before/after as points joined by lines. Every shape has a `<title>` with its numbers,
//! every chart a `<title>` and `role="img"`, and the page puts a table of the same numbers
//! beside it, so nothing depends on seeing the picture.
//!
//! Class names are the contract the browser test reads back: `bar` on each bar segment (one
//! per non-zero value), `point before` / `point after` on each pain rating.

use std::fmt::Write as _;

use super::escape::esc;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 36.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 28.0;

/// One stack of a bar chart: its label under the axis (may be empty) and its segments.
pub struct Column {
    pub label: String,
    /// Spoken on hover and by screen readers: "Mon 5 Jan: 20 min".
    pub title: String,
    pub segments: Vec<Segment>,
}

pub struct Segment {
    pub value: u32,
    /// A CSS class naming the kind (`minutes`, `taken`, …).
    pub class: &'static str,
}

/// A vertical axis from 0 to a round number at or above `max`.
fn axis_max(max: u32) -> u32 {
    // Even, so the middle tick is a whole number.
    match max {
        0..=4 => 4,
        5..=10 => 10,
        _ => max.div_ceil(20) * 20,
    }
}

fn open(out: &mut String, id: &str, title: &str) {
    let _ = write!(
        out,
        "<svg id=\"{id}\" class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" \
         aria-label=\"{title}\"><title>{title}</title>",
        title = esc(title)
    );
}

fn y_axis(out: &mut String, max: u32, unit: &str) {
    let plot = HEIGHT - TOP - BOTTOM;
    for step in 0..=2 {
        let value = max * step / 2;
        let y = TOP + plot - plot * f64::from(value) / f64::from(max);
        let _ = write!(
            out,
            "<line class=\"grid\" x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/>\
             <text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{value}{unit}</text>",
            WIDTH - RIGHT,
            LEFT - 4.0,
            y + 4.0
        );
    }
}

/// Stacked bars, one column per entry.
#[must_use]
pub fn bars(id: &str, title: &str, unit: &str, columns: &[Column]) -> String {
    let mut out = String::new();
    open(&mut out, id, title);
    let max = columns
        .iter()
        .map(|c| c.segments.iter().map(|s| s.value).sum::<u32>())
        .max()
        .unwrap_or(0);
    let max = axis_max(max);
    y_axis(&mut out, max, unit);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    #[allow(clippy::cast_precision_loss)]
    let slot = plot_w / columns.len().max(1) as f64;
    let bar_w = (slot * 0.8).max(1.0);
    // At most 8 labels under the axis, whatever the number of days.
    let every = columns.len().div_ceil(8).max(1);
    for (i, column) in columns.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let x = LEFT + slot * i as f64 + (slot - bar_w) / 2.0;
        let mut base = TOP + plot_h;
        for segment in column.segments.iter().filter(|s| s.value > 0) {
            let h = plot_h * f64::from(segment.value) / f64::from(max);
            base -= h;
            let _ = write!(
                out,
                "<rect class=\"bar {}\" x=\"{x:.1}\" y=\"{base:.1}\" width=\"{bar_w:.1}\" \
                 height=\"{h:.1}\"><title>{}: {} {}</title></rect>",
                segment.class,
                esc(&column.title),
                segment.value,
                segment.class
            );
        }
        if i % every == 0 && !column.label.is_empty() {
            let _ = write!(
                out,
                "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                x + bar_w / 2.0,
                HEIGHT - BOTTOM + 16.0,
                esc(&column.label)
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// One rated run on the pain chart.
pub struct PainMark {
    pub title: String,
    pub before: Option<u8>,
    pub after: Option<u8>,
}

/// Pain 0–10 over the rated runs in time order: before and after as two series of points,
/// each joined by a line.
#[must_use]
pub fn pain(id: &str, title: &str, marks: &[PainMark]) -> String {
    let mut out = String::new();
    open(&mut out, id, title);
    y_axis(&mut out, 10, "");
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    #[allow(clippy::cast_precision_loss)]
    let step = plot_w / marks.len().max(1) as f64;
    let at = |i: usize, p: u8| {
        #[allow(clippy::cast_precision_loss)]
        let x = LEFT + step * (i as f64 + 0.5);
        (x, TOP + plot_h - plot_h * f64::from(p) / 10.0)
    };
    for (class, pick) in [
        (
            "before",
            (|m: &PainMark| m.before) as fn(&PainMark) -> Option<u8>,
        ),
        ("after", |m: &PainMark| m.after),
    ] {
        let points: Vec<String> = marks
            .iter()
            .enumerate()
            .filter_map(|(i, m)| pick(m).map(|p| at(i, p)))
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect();
        if points.len() > 1 {
            let _ = write!(
                out,
                "<polyline class=\"line {class}\" points=\"{}\"/>",
                points.join(" ")
            );
        }
        for (i, mark) in marks.iter().enumerate() {
            let Some(p) = pick(mark) else { continue };
            let (x, y) = at(i, p);
            let _ = write!(
                out,
                "<circle class=\"point {class}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4\">\
                 <title>{}: pain {class} {p}</title></circle>",
                esc(&mark.title)
            );
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rect_per_non_zero_segment_and_one_circle_per_rating() {
        let column = |a, b| Column {
            label: "1".into(),
            title: "Mon <1>".into(),
            segments: vec![
                Segment {
                    value: a,
                    class: "taken",
                },
                Segment {
                    value: b,
                    class: "ignored",
                },
            ],
        };
        let svg = bars(
            "b",
            "Breaks",
            "",
            &[column(1, 0), column(0, 0), column(2, 3)],
        );
        assert_eq!(svg.matches("<rect class=\"bar").count(), 3);
        assert!(svg.contains("Mon &lt;1&gt;: 2 taken"), "{svg}");
        let marks = [
            PainMark {
                title: "a".into(),
                before: Some(6),
                after: Some(3),
            },
            PainMark {
                title: "b".into(),
                before: Some(5),
                after: None,
            },
        ];
        let svg = pain("p", "Pain", &marks);
        assert_eq!(svg.matches("class=\"point before\"").count(), 2);
        assert_eq!(svg.matches("class=\"point after\"").count(), 1);
        assert_eq!(svg.matches("<polyline").count(), 1, "one point is no line");
    }
}
