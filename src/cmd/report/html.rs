//! The report as one self-contained HTML page: no scripts, no external resources, inline SVG
//! charts with a table of the same numbers beside each, a print stylesheet for A4 and Letter.
//! Every string from the history was made safe as it was read (`SafeText`); here it is escaped.

use std::fmt::Write as _;

use jiff::ZonedDateTime;
use jiff::civil::Date;

use super::escape::esc;
use super::svg::{self, Column, PainMark, Segment};
use crate::history::advice::Advisory;
use crate::history::report::{Day, Report};
use crate::history::stats::format_change;
use crate::history::{Outcome, OutcomeCounts};

/// What the page says besides the history's numbers.
pub struct Context {
    pub made_at: ZonedDateTime,
    pub advisory: Option<Advisory>,
}

const STYLE: &str = include_str!("report.css");

fn day(date: Date) -> String {
    date.strftime("%a %-d %b %Y").to_string()
}

fn plural(n: u32, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The whole page.
#[must_use]
pub fn page(report: &Report, ctx: &Context) -> String {
    let period = format!("{} to {}", day(report.first_day), day(report.last_day));
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'\">\n\
         <title>knotless report: {}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<header>\n\
         <h1>Back care report</h1>\n<p class=\"period\">Sessions, movement breaks and pain \
         check-ins recorded by knotless from <strong>{}</strong> ({}). Made on {}.</p>\n\
         </header>\n<main>\n",
        esc(&period),
        esc(&period),
        plural(u32::try_from(report.days.len()).unwrap_or(u32::MAX), "day"),
        esc(&ctx.made_at.strftime("%-d %b %Y at %H:%M").to_string()),
    );
    if let Some(advisory) = &ctx.advisory {
        advisory_note(&mut out, advisory);
    }
    if report.is_empty() {
        out.push_str(
            "<section aria-labelledby=\"empty\">\n<h2 id=\"empty\">Nothing recorded yet</h2>\n\
             <p>knotless has no sessions or movement breaks for this period. Run a session \
             (for example <code>knotless run knot-relief</code>) or keep <code>knotless \
             remind</code> running, and this report fills in.</p>\n</section>\n",
        );
    } else {
        summary(&mut out, report);
        sessions(&mut out, report);
        pain(&mut out, report, ctx);
        breaks(&mut out, report);
    }
    safety(&mut out);
    out.push_str(
        "</main>\n<footer>\n<p>knotless records what was done; it gives general self-care \
         information and does not diagnose. Times are local.</p>\n</footer>\n</body>\n</html>\n",
    );
    out
}

fn advisory_note(out: &mut String, a: &Advisory) {
    let _ = write!(
        out,
        "<section class=\"advisory\" aria-labelledby=\"advisory\">\n<h2 id=\"advisory\">Pain has \
         stayed high</h2>\n<p>Pain was rated 4 or more on {} days between {} and {}, without a \
         clear downward trend. knotless suggests seeing a healthcare provider about it (see \
         “When to seek help” below).</p>\n</section>\n",
        a.high_days,
        esc(&day(a.first_high_day)),
        esc(&day(a.last_high_day)),
    );
}

/// The outcome columns: one per way a run ended, and "Running" when a run of the period is
/// still under way in a knotless open now (the store calls it cut short until it ends).
fn outcome_cells(o: OutcomeCounts, running: bool) -> String {
    let mut cells: String = Outcome::ALL
        .iter()
        .map(|&k| format!("<td>{}</td>", o.get(k)))
        .collect();
    if running {
        let _ = write!(cells, "<td>{}</td>", o.running);
    }
    cells
}

fn outcome_heads(running: bool) -> String {
    let mut heads: String = Outcome::ALL
        .iter()
        .map(|k| {
            let label = crate::text::capitalised(k.label());
            format!("<th scope=\"col\">{label}</th>")
        })
        .collect();
    if running {
        heads.push_str("<th scope=\"col\">Running</th>");
    }
    heads
}

fn summary(out: &mut String, r: &Report) {
    let o = r.outcomes;
    let change = r.pain_change.map_or_else(
        || "not enough check-ins (a session rated before and after)".to_string(),
        |c| {
            format!(
                "{} per session (after minus before, over {})",
                format_change(c.average),
                plural(c.runs, "session")
            )
        },
    );
    let b = r.reminders;
    let _ = write!(
        out,
        "<section aria-labelledby=\"summary\">\n<h2 id=\"summary\">Summary</h2>\n<ul>\n\
         <li><strong>{}</strong> ({} completed, {} finished with some steps skipped), \
         {} in all.</li>\n<li>Also {} stopped early and {} cut short (closed or interrupted){}; \
         these are not counted as sessions.</li>\n<li>Average pain change: {}.</li>\n\
         <li>Movement-break reminders: {}; {} taken, {} snoozed, {} dismissed, {} ignored.</li>\n\
         </ul>\n</section>\n",
        plural(o.sessions(), "session"),
        o.completed,
        o.finished_with_skips,
        minutes_text(r.minutes()),
        o.stopped,
        o.cut_short,
        match o.running {
            0 => String::new(),
            n => format!(", and {n} still running in a knotless open now"),
        },
        esc(&change),
        b.fired,
        b.taken,
        b.snoozed,
        b.dismissed,
        b.unanswered(),
    );
}

fn minutes_text(m: u32) -> String {
    plural(m, "minute")
}

fn short(date: Date) -> String {
    date.strftime("%-d %b").to_string()
}

fn active(d: &Day) -> bool {
    d.outcomes.total() > 0
}

fn sessions(out: &mut String, r: &Report) {
    let running = r.outcomes.running > 0;
    let columns: Vec<Column> = r
        .days
        .iter()
        .map(|d| Column {
            label: short(d.date),
            title: day(d.date),
            segments: vec![Segment {
                value: d.minutes(),
                class: "minutes",
            }],
        })
        .collect();
    out.push_str(
        "<section aria-labelledby=\"sessions\">\n<h2 id=\"sessions\">Sessions and minutes per \
         day</h2>\n<figure>\n",
    );
    out.push_str(&svg::bars(
        "chart-minutes",
        "Minutes of sessions per day; the table below gives each day's numbers",
        "",
        &columns,
    ));
    let _ = write!(
        out,
        "\n<figcaption>Minutes per day, one bar per day with a session. Days not listed in the \
         table had none.</figcaption>\n</figure>\n<table>\n<caption>Runs per day by \
         outcome</caption>\n<thead><tr><th scope=\"col\">Day</th><th scope=\"col\">Minutes</th>\
         {}</tr></thead>\n<tbody>\n",
        outcome_heads(running)
    );
    for d in r.days.iter().filter(|d| active(d)) {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td>{}</tr>",
            esc(&day(d.date)),
            d.minutes(),
            outcome_cells(d.outcomes, running)
        );
    }
    let _ = write!(
        out,
        "</tbody>\n</table>\n<h3>By session</h3>\n<table>\n<caption>Runs of each session over \
         the period</caption>\n<thead><tr><th scope=\"col\">Session</th><th scope=\"col\">\
         Minutes</th>{}</tr></thead>\n<tbody>\n",
        outcome_heads(running)
    );
    for s in &r.sessions {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{} <span class=\"id\">({})</span></th><td>{}</td>{}</tr>",
            esc(&s.title),
            esc(&s.id),
            crate::history::stats::minutes(s.seconds),
            outcome_cells(s.outcomes, running)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn rating(p: Option<u8>) -> String {
    p.map_or_else(|| "–".to_string(), |p| p.to_string())
}

fn pain(out: &mut String, r: &Report, ctx: &Context) {
    out.push_str(
        "<section aria-labelledby=\"pain\">\n<h2 id=\"pain\">Pain before and after</h2>\n",
    );
    if r.pain.is_empty() {
        out.push_str("<p>No pain check-ins in this period.</p>\n</section>\n");
        return;
    }
    let marks: Vec<PainMark> = r
        .pain
        .iter()
        .map(|p| PainMark {
            title: day(p.date),
            before: p.before,
            after: p.after,
        })
        .collect();
    let _ = write!(
        out,
        "<p>Pain is rated from 0 (none) to 10 (worst) before and after a session. {}</p>\n\
         <figure>\n{}\n<figcaption><span class=\"key before\"></span> before and \
         <span class=\"key after\"></span> after each rated session (dashed line), oldest \
         first.</figcaption>\n</figure>\n<table>\n\
         <caption>Each rated session</caption>\n<thead><tr><th scope=\"col\">Started</th>\
         <th scope=\"col\">Before</th><th scope=\"col\">After</th><th scope=\"col\">Change</th>\
         </tr></thead>\n<tbody>\n",
        r.pain_change.map_or_else(String::new, |c| format!(
            "On average, pain changed by {} per session (over {} rated before and after).",
            esc(&format_change(c.average)),
            plural(c.runs, "session")
        )),
        svg::pain(
            "chart-pain",
            "Pain from 0 to 10 before and after each rated session",
            &marks
        ),
    );
    for p in &r.pain {
        let change = match (p.before, p.after) {
            (Some(b), Some(a)) => format!("{:+}", i32::from(a) - i32::from(b)),
            _ => "–".to_string(),
        };
        let at = p
            .started_at
            .to_zoned_datetime(ctx.made_at.time_zone().clone());
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&at.strftime("%a %-d %b %Y %H:%M").to_string()),
            rating(p.before),
            rating(p.after),
            esc(&change)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn breaks(out: &mut String, r: &Report) {
    out.push_str(
        "<section aria-labelledby=\"breaks\">\n<h2 id=\"breaks\">Movement breaks per day</h2>\n",
    );
    if r.reminders.is_empty() {
        out.push_str("<p>No movement-break reminders in this period.</p>\n</section>\n");
        return;
    }
    let columns: Vec<Column> = r
        .days
        .iter()
        .map(|d| {
            let b = d.reminders;
            Column {
                label: short(d.date),
                title: day(d.date),
                segments: [
                    (b.taken, "taken"),
                    (b.snoozed, "snoozed"),
                    (b.dismissed, "dismissed"),
                    (b.unanswered(), "ignored"),
                ]
                .into_iter()
                .map(|(value, class)| Segment { value, class })
                .collect(),
            }
        })
        .collect();
    let _ = write!(
        out,
        "<figure>\n{}\n<figcaption>Reminders per day, stacked from the bottom: <span class=\"key \
         taken\"></span> taken, <span class=\"key snoozed\"></span> snoozed, <span \
         class=\"key dismissed\"></span> dismissed, <span class=\"key ignored\"></span> \
         ignored (shown and not answered).</figcaption>\n</figure>\n<table>\n\
         <caption>Reminders per day</caption>\n<thead><tr><th scope=\"col\">Day</th>\
         <th scope=\"col\">Reminders</th><th scope=\"col\">Taken</th><th scope=\"col\">Snoozed\
         </th><th scope=\"col\">Dismissed</th><th scope=\"col\">Ignored</th></tr></thead>\n\
         <tbody>\n",
        svg::bars(
            "chart-breaks",
            "Movement-break reminders per day by what came of them",
            "",
            &columns
        )
    );
    for d in r.days.iter().filter(|d| !d.reminders.is_empty()) {
        let b = d.reminders;
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&day(d.date)),
            b.fired,
            b.taken,
            b.snoozed,
            b.dismissed,
            b.unanswered()
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn safety(out: &mut String) {
    let g = crate::safety::guidance();
    let _ = write!(
        out,
        "<section class=\"safety\" aria-labelledby=\"safety\">\n<h2 id=\"safety\">{}</h2>\n\
         <p>{}</p>\n",
        esc(g.title),
        esc(g.intro)
    );
    for s in g.sections {
        let _ = write!(out, "<h3>{}</h3>\n<ul>\n", esc(s.heading));
        for item in s.items {
            let _ = writeln!(out, "<li>{}</li>", esc(item));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}
