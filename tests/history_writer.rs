//! The history writer (`knotless __history-writer`), the process a running knotless hands its
//! history to: driven here the way the history thread drives it, one request a line, each
//! answered before the next, with a real database in a temporary home.
#![allow(clippy::unwrap_used)]

mod support;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdout, Stdio};

use jiff::Timestamp;
use knotless::history::writer::{ARG, Reply, Request};
use support::TempHome;

struct Writer {
    child: Child,
    output: BufReader<ChildStdout>,
}

impl Writer {
    fn start(home: &TempHome) -> Writer {
        let mut child = home
            .command(&[ARG])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let output = BufReader::new(child.stdout.take().unwrap());
        Writer { child, output }
    }

    fn send_line(&mut self, line: &str) -> Option<Reply> {
        let input = self.child.stdin.as_mut().unwrap();
        writeln!(input, "{line}").unwrap();
        input.flush().unwrap();
        let mut reply = String::new();
        (self.output.read_line(&mut reply).unwrap() > 0)
            .then(|| serde_json::from_str(&reply).unwrap())
    }

    fn ask(&mut self, request: &Request) -> Reply {
        self.send_line(&serde_json::to_string(request).unwrap())
            .expect("a reply")
    }

    /// Closes its input and returns its exit code.
    fn finish(mut self) -> Option<i32> {
        drop(self.child.stdin.take());
        self.child.wait().unwrap().code()
    }
}

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

#[test]
fn the_writer_records_a_run_as_it_goes_and_exits_when_its_input_ends() {
    let home = TempHome::new("writer");
    let mut writer = Writer::start(&home);
    let Reply::Started(run) = writer.ask(&Request::StartRun {
        session: "desk-break".into(),
        title: "Desk break".into(),
        at: at("2026-12-08T09:00:00Z"),
        pain: Some(6),
    }) else {
        panic!("a run start is answered with its id");
    };
    let progress = Request::Progress {
        run,
        done: 2,
        skipped: 1,
    };
    assert_eq!(writer.ask(&progress), Reply::Done);
    assert_eq!(writer.finish(), Some(0), "no more input: a clean exit");

    // Written before the writer was let go: what a killed front end leaves behind.
    let runs = home.history_json();
    assert_eq!(runs[0]["session"], "desk-break", "{runs}");
    assert_eq!(runs[0]["phases_done"], 2, "{runs}");
    assert_eq!(runs[0]["phases_skipped"], 1, "{runs}");
    assert_eq!(runs[0]["pain_before"], 6, "{runs}");
    assert_eq!(runs[0]["outcome"], "cut_short", "{runs}");

    // A later writer carries on with the same run, as the next burst of jobs does.
    let mut writer = Writer::start(&home);
    let finish = Request::FinishRun {
        run,
        at: at("2026-12-08T09:03:00Z"),
        completed: true,
        done: 3,
        skipped: 1,
    };
    assert_eq!(writer.ask(&finish), Reply::Done);
    let pain = Request::PainAfter {
        run,
        rating: Some(3),
    };
    assert_eq!(writer.ask(&pain), Reply::Done);
    let reminder = Request::Reminder {
        at: at("2026-12-08T10:00:00Z"),
        outcome: "taken".into(),
    };
    assert_eq!(writer.ask(&reminder), Reply::Done);
    let today = "2026-12-08".parse().unwrap();
    let Reply::Stats(stats) = writer.ask(&Request::Stats { today }) else {
        panic!("statistics are answered with statistics");
    };
    assert_eq!(stats.total_sessions, 1);
    assert_eq!(stats.outcomes_this_week.finished_with_skips, 1);
    assert_eq!(stats.breaks_this_week.taken, 1);
    assert_eq!(stats.today, today);
    assert_eq!(writer.finish(), Some(0));

    let runs = home.history_json();
    assert_eq!(runs[0]["outcome"], "finished_with_skips", "{runs}");
    assert_eq!(runs[0]["pain_after"], 3, "{runs}");
}

#[test]
fn a_request_the_writer_cannot_read_turns_history_off_and_ends_it() {
    let home = TempHome::new("writer-garbage");
    let mut writer = Writer::start(&home);
    let Some(Reply::Off(reason)) = writer.send_line("{\"job\":\"rewrite_history\"}") else {
        panic!("history off, with the reason");
    };
    assert!(reason.contains("cannot read"), "{reason}");
    assert_eq!(writer.finish(), Some(1));
}

#[test]
fn a_database_the_writer_cannot_use_is_one_answer_naming_the_file() {
    let home = TempHome::new("writer-corrupt");
    let db = home.write("data/knotless/history.db", "not a database, but a note\n");
    let mut writer = Writer::start(&home);
    let today = "2026-12-08".parse().unwrap();
    let Reply::Off(reason) = writer.ask(&Request::Advisory { today }) else {
        panic!("history off, with the reason");
    };
    assert!(reason.contains(&db.display().to_string()), "{reason}");
    assert!(reason.contains("move it aside"), "{reason}");
    assert_eq!(writer.finish(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&db).unwrap(),
        "not a database, but a note\n",
        "the file is left as it was"
    );
}
