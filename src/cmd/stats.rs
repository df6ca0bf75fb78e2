//! `knotless stats [--json]`: the figures of the stats screen, as text or one JSON object.
//! The store is opened read-only and answers in SQL over indexed ranges, so this takes the
//! same few milliseconds with ten years of history as with none.

use std::process::ExitCode;

use jiff::ZonedDateTime;

use crate::history::stats::{Stats, format_change};
use crate::history::{OutcomeCounts, ReminderCounts, Store};

#[must_use]
pub fn run_stats(json: bool) -> ExitCode {
    let now = ZonedDateTime::now();
    let (today, tz) = (now.date(), now.time_zone().clone());
    let mut stats = match Store::open_default_read() {
        Ok(Some(store)) => store.stats(today, &tz),
        Ok(None) => Ok(Stats::compute(&[], &[], today, &tz)),
        Err(e) => Err(e),
    };
    if let Ok(stats) = &mut stats {
        stats.mark_running(&crate::status::file::live_run_starts(), &tz);
    }
    match stats {
        Ok(stats) if json => super::print(format!("{}\n", stats_json(&stats)).as_bytes()),
        Ok(stats) => super::print(stats_text(&stats).as_bytes()),
        Err(e) => super::history::history_unavailable(&e),
    }
}

fn plural(n: u32, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// "(1 with skips)" when some sessions had skips.
fn with_skips(n: u32) -> String {
    if n == 0 {
        String::new()
    } else {
        format!(" ({n} with skips)")
    }
}

/// The plain-text totals `knotless stats` prints.
#[must_use]
pub fn stats_text(stats: &Stats) -> String {
    let b = stats.breaks_this_week;
    let o = stats.outcomes_this_week;
    let pain = match stats.pain_change {
        Some(c) => format!(
            "{} (after minus before, over {})",
            format_change(c.average),
            plural(c.runs, "rated session")
        ),
        None => "no sessions rated before and after yet".to_string(),
    };
    let left = o
        .not_counted()
        .map(|runs| format!("; not counted: {runs}"))
        .unwrap_or_default();
    let streak = match stats.streak_words() {
        None => "0 days".to_string(),
        Some(words) => format!("{} ({words})", plural(stats.streak_days, "day")),
    };
    format!(
        "This week (since {}): {}{}, {} min{left}\nStreak: {streak}\nBreaks this week: {} \
         taken, {} snoozed, {} dismissed, {} ignored ({})\nAverage pain change: {pain}\n",
        stats.week_start.strftime("%a %-d %b"),
        plural(stats.sessions_this_week, "session"),
        with_skips(o.finished_with_skips),
        stats.minutes_this_week,
        b.taken,
        b.snoozed,
        b.dismissed,
        b.unanswered(),
        plural(b.fired, "reminder"),
    )
}

fn outcomes_json(o: OutcomeCounts) -> serde_json::Value {
    serde_json::json!({
        "completed": o.completed,
        "finished_with_skips": o.finished_with_skips,
        "stopped": o.stopped,
        "cut_short": o.cut_short,
        "running": o.running,
    })
}

fn breaks_json(b: ReminderCounts) -> serde_json::Value {
    serde_json::json!({
        "reminders": b.fired,
        "taken": b.taken,
        "snoozed": b.snoozed,
        "dismissed": b.dismissed,
        "ignored": b.unanswered(),
    })
}

/// The stats as one JSON object: the same figures as the stats screen.
#[must_use]
pub fn stats_json(stats: &Stats) -> serde_json::Value {
    let days: Vec<_> = stats
        .minutes_per_day
        .iter()
        .map(|d| serde_json::json!({ "date": d.date.to_string(), "minutes": d.minutes }))
        .collect();
    let pain: Vec<_> = stats
        .pain
        .iter()
        .map(|p| {
            serde_json::json!({
                "started_at": p.started_at.to_string(),
                "date": p.date.to_string(),
                "before": p.before,
                "after": p.after,
            })
        })
        .collect();
    serde_json::json!({
        "today": stats.today.to_string(),
        "week_start": stats.week_start.to_string(),
        "this_week": {
            "sessions": stats.sessions_this_week,
            "with_skips": stats.outcomes_this_week.finished_with_skips,
            "minutes": stats.minutes_this_week,
            "outcomes": outcomes_json(stats.outcomes_this_week),
            "breaks": breaks_json(stats.breaks_this_week),
        },
        "streak": {
            "days": stats.streak_days,
            "sessions": stats.streak_sessions,
            "with_skips": stats.streak_with_skips,
        },
        "minutes_per_day": days,
        "pain": pain,
        "pain_change": stats.pain_change.map(|c| serde_json::json!({
            "average": (c.average * 100.0).round() / 100.0,
            "runs": c.runs,
        })),
        "total_sessions": stats.total_sessions,
    })
}
