//! Hostile and wide text in rendered TUI buffers: no cell holds an escape or control
//! character, and CJK/emoji text leaves every border where plain text puts it.
#![allow(clippy::unwrap_used)]

mod unsafe_chars;

use std::path::{Path, PathBuf};

use knotless::clock::Moment;
use knotless::session::library::{Broken, Library, LoadError};
use knotless::session::parse::parse_str;
use knotless::session::{Session, Source};
use knotless::tui::app::App;
use knotless::tui::keymap::Action;
use knotless::tui::theme::Theme;
use knotless::tui::view;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;
use unsafe_chars::is_unsafe;

/// Every class of hostile text, TOML-escaped.
const HOSTILE: &str = r"\u001b[31m\u001b[2J\u001b]0;pwned\u0007\u001b]52;c;aGk=\u0007\u001bPq\u001b\\\u0000\u0008\r\u007f\u0085\u009b2J\u202e\u200b\ufeff";

fn session_text(word: &str) -> String {
    let t = |tag: &str| format!("{tag}{HOSTILE}{word}");
    format!(
        "title = \"{}\"\nsummary = \"{}\"\ntags = [\"{}\"]\n\n[[steps]]\nname = \"{}\"\n\
         duration = \"30s\"\nreps = 2\nsides = [\"{}\", \"{}\"]\nrest = \"5s\"\n\
         instructions = \"\"\"\n{}\nline two\"\"\"\ncaution = \"{}\"\ncue = \"{}\"\nart = \"plank\"\n\n\
         [[steps]]\nname = \"{}\"\nduration = \"10s..20s\"\n",
        t("T"),
        t("S"),
        t("G"),
        t("N"),
        t("L"),
        t("R"),
        t("I"),
        t("C"),
        t("Q"),
        t("M"),
    )
}

fn library(word: &str) -> Library {
    let path = Path::new("hostile.toml");
    let session = parse_str(path, &session_text(word), Source::BuiltIn).unwrap();
    // A broken user file whose offending line is hostile and raw.
    let raw = "title = \"x\u{1b}]0;t\u{7}\u{9b}2J\u{202e}\"\n";
    let diag = parse_str(Path::new("broken\u{1b}[2J.toml"), raw, Source::BuiltIn).unwrap_err();
    Library {
        sessions: vec![session],
        broken: vec![Broken {
            id: "broken".into(),
            path: PathBuf::from("broken\u{1b}[2J.toml"),
            error: LoadError::Invalid(diag),
        }],
    }
}

fn draw(app: &App, width: u16, height: u16) -> Buffer {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    view::render(app, area, &mut buf);
    buf
}

/// Every screen reachable by keys, in order: home, intro, work phase, help, quit-confirm,
/// rest, summary.
fn screens(lib: &Library) -> Vec<(String, App)> {
    let at = Moment::from_secs;
    let new = || App::new(lib.clone(), Theme::colour(), Moment::ZERO);
    let mut out = vec![("home".to_string(), new())];
    let mut a = new();
    a.handle(Action::Select, at(0));
    out.push(("intro".into(), a));
    let mut a = new();
    a.handle(Action::Select, at(0));
    a.handle(Action::Select, at(0));
    a.tick(at(3));
    out.push(("work".into(), a));
    let mut a = new();
    a.handle(Action::Select, at(0));
    a.handle(Action::Select, at(0));
    a.handle(Action::Help, at(1));
    out.push(("help".into(), a));
    let mut a = new();
    a.handle(Action::Select, at(0));
    a.handle(Action::Select, at(0));
    a.handle(Action::Quit, at(1));
    out.push(("quit".into(), a));
    let mut a = new();
    a.handle(Action::Select, at(0));
    a.handle(Action::Select, at(0));
    a.handle(Action::Next, at(1));
    a.tick(at(2));
    out.push(("rest".into(), a));
    let mut a = new();
    a.handle(Action::Select, at(0));
    a.handle(Action::Select, at(0));
    for i in 0..20 {
        a.handle(Action::Next, at(i));
    }
    out.push(("summary".into(), a));
    out
}

fn assert_clean(name: &str, buf: &Buffer) {
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let symbol = buf[(x, y)].symbol();
            assert!(
                !symbol.chars().any(is_unsafe),
                "{name}: cell ({x}, {y}) holds {symbol:?}"
            );
        }
    }
}

/// Each row spans exactly the buffer's width on a terminal: a wide symbol is followed by the
/// cell it covers, and no symbol has zero or unknown width.
fn assert_row_widths(name: &str, buf: &Buffer) {
    for y in 0..buf.area.height {
        let mut x = 0;
        let mut columns = 0;
        while x < buf.area.width {
            let symbol = buf[(x, y)].symbol();
            let w = symbol.width().max(1);
            assert!(w <= 2, "{name}: ({x}, {y}) {symbol:?} is {w} columns wide");
            columns += w;
            x += u16::try_from(w).unwrap();
        }
        assert_eq!(columns, usize::from(buf.area.width), "{name}: row {y}");
    }
}

const BORDERS: &[char] = &['│', '─', '┌', '┐', '└', '┘', '╭', '╮', '╰', '╯', '├', '┤'];

/// Where the vertical borders are, row by row.
fn border_columns(buf: &Buffer) -> Vec<Vec<u16>> {
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .filter(|&x| {
                    let s = buf[(x, y)].symbol();
                    s.chars()
                        .next()
                        .is_some_and(|c| BORDERS.contains(&c) && c != '─')
                })
                .collect()
        })
        .collect()
}

#[test]
fn hostile_text_never_reaches_a_cell() {
    let lib = library("plain");
    for (name, app) in screens(&lib) {
        for (w, h) in [(80, 24), (120, 40), (40, 12), (20, 5), (2, 2)] {
            let buf = draw(&app, w, h);
            assert_clean(&format!("{name} at {w}x{h}"), &buf);
        }
    }
}

#[test]
fn wide_text_keeps_borders_aligned() {
    let plain = screens(&library(
        "Plain text that is about as long as the other one",
    ));
    let wide = screens(&library(
        "膝を胸に引き寄せる🧘‍♀️ストレッチ🙆🏽とても長い説明です",
    ));
    for ((name, a), (_, b)) in plain.iter().zip(&wide) {
        for (w, h) in [(80, 24), (61, 17)] {
            let (pa, pb) = (draw(a, w, h), draw(b, w, h));
            let label = format!("{name} at {w}x{h}");
            assert_row_widths(&label, &pb);
            assert_clean(&label, &pb);
            let (ba, bb) = (border_columns(&pa), border_columns(&pb));
            for (y, (ra, rb)) in ba.iter().zip(&bb).enumerate() {
                // Every border the plain render has on this row is still there, same column.
                for x in ra {
                    assert!(
                        rb.contains(x),
                        "{label}: row {y} lost its border at column {x}"
                    );
                }
            }
        }
    }
}

/// The view also holds when text skipped the parser (a session built in code, as a future
/// source might): its text is `SafeText`, made safe as it is made, so each class must still
/// not reach a cell.
#[test]
fn raw_text_built_in_code_never_reaches_a_cell() {
    let mut lib = library("plain");
    let raw = "R\u{1b}]52;c;aGk=\u{7}\u{1b}[2J\u{9b}1m\u{202e}\u{200b}\r\u{8}x";
    let s: &mut Session = &mut lib.sessions[0];
    s.title = raw.into();
    s.summary = Some(raw.into());
    for step in &mut s.steps {
        step.name = raw.into();
        step.instructions = Some(raw.into());
        step.caution = Some(raw.into());
        step.cue = Some(raw.into());
        if !step.sides.is_empty() {
            step.sides = vec![raw.into(), format!("{raw}2").into()];
        }
    }
    for (name, app) in screens(&lib) {
        assert_clean(&format!("{name} (raw)"), &draw(&app, 80, 24));
    }
}
