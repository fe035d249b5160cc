//! The store across processes: writers killed with SIGKILL at random moments lose nothing they
//! reported, and two writers on one assessment never lose an update.
//!
//! The child processes are this test binary itself, started with `--ignored --exact child` and
//! told what to do through the environment and standard input.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use siegel::domain::assessment::Rating;
use siegel::domain::validate;
use siegel::store::{Edit, OpenMode, Store};

const MINI_DEFINITION: &str = include_str!("fixtures/valid/mini-definition.json");
const MINI_ANSWERS: &str = include_str!("fixtures/valid/mini-answers.json");
const QUESTIONS: [&str; 4] = ["Q-YN", "Q-SC", "Q-INT", "Q-LONG"];

fn new_assessment(path: &Path) -> i64 {
    let known = validate::validate_definition(MINI_DEFINITION.as_bytes(), &[])
        .definition
        .unwrap();
    let answers = validate::validate_answers(MINI_ANSWERS.as_bytes(), &[known])
        .answers
        .unwrap();
    Store::open(path).unwrap().import(&answers, "Test").unwrap()
}

fn spawn_child(mode: &str, db: &Path) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "child",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("SIEGEL_CHILD", mode)
        .env("SIEGEL_CHILD_DB", db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The child's side. Does nothing when run as an ordinary (ignored) test.
#[test]
#[ignore = "started by the other tests as their child process"]
fn child() {
    let (Ok(mode), Ok(db)) = (
        std::env::var("SIEGEL_CHILD"),
        std::env::var("SIEGEL_CHILD_DB"),
    ) else {
        return;
    };
    let mut store = Store::open(Path::new(&db)).unwrap();
    match mode.as_str() {
        "crash" => crash_child(&mut store),
        "writer" => writer_child(&mut store),
        other => panic!("unknown child mode {other}"),
    }
}

/// Writes notes in a loop and reports each one after its commit, until it is killed.
fn crash_child(store: &mut Store) {
    let (mut session, _) = store.open_session(1, "Absturz", OpenMode::Edit).unwrap();
    // Every committed change is one trail row after the import: go on from there.
    let mut seq = store.log(1, None).unwrap().len();
    let stdout = std::io::stdout();
    loop {
        seq += 1;
        let question = QUESTIONS[seq % QUESTIONS.len()];
        store
            .apply(
                &mut session,
                Edit::SetNote {
                    question: question.into(),
                    note: format!("n={seq}"),
                },
            )
            .unwrap();
        let mut out = stdout.lock();
        writeln!(out, "committed {seq}").unwrap();
        out.flush().unwrap();
    }
}

/// Follows commands from standard input and answers each with one line.
fn writer_child(store: &mut Store) {
    let mut session = None;
    let stdout = std::io::stdout();
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        let words: Vec<&str> = line.split_whitespace().collect();
        let result = match words.as_slice() {
            ["open", mode] => {
                let mode = if *mode == "takeover" {
                    OpenMode::TakeOver
                } else {
                    OpenMode::Edit
                };
                store
                    .open_session(1, "Schreiber", mode)
                    .map(|(s, _)| session = Some(s))
                    .map(|()| String::new())
            }
            ["rate", level] => store
                .apply(
                    session.as_mut().unwrap(),
                    Edit::SetRating {
                        field: "HF1".into(),
                        parameter: "QP-A".into(),
                        rating: Some(Rating::Level(level.parse().unwrap())),
                    },
                )
                .map(|_| String::new()),
            _ => break,
        };
        let mut out = stdout.lock();
        match result {
            Ok(_) => writeln!(out, "reply ok").unwrap(),
            Err(e) => writeln!(
                out,
                "reply err {}",
                siegel::catalog::store_error(&e, siegel::catalog::Lang::En)
            )
            .unwrap(),
        }
        out.flush().unwrap();
    }
}

/// xorshift: enough randomness for kill timings, with a seed printed for reruns.
struct Random(u64);

impl Random {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

#[test]
fn killed_writers_lose_nothing_they_reported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    new_assessment(&db);
    let seed = std::env::var("SIEGEL_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    println!("seed {seed} (SIEGEL_CRASH_SEED={seed} repeats this run)");
    let mut random = Random(seed);
    let mut reported: Vec<usize> = Vec::new();
    const KILLS: usize = 60;
    for _ in 0..KILLS {
        let mut child = spawn_child("crash", &db);
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                // libtest prints "test child ... " before the child's first line.
                if let Some((_, seq)) = line.split_once("committed ") {
                    let _ = tx.send(seq.parse::<usize>().unwrap());
                }
            }
        });
        // Let it commit a few changes, then kill it at a random moment.
        let wanted = 1 + random.next(6) as usize;
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut seen = 0;
        while seen < wanted && Instant::now() < deadline {
            if let Ok(seq) = rx.recv_timeout(Duration::from_millis(100)) {
                reported.push(seq);
                seen += 1;
            }
        }
        assert!(seen > 0, "the child committed nothing within 20 s");
        std::thread::sleep(Duration::from_micros(random.next(4000)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.join().unwrap();
        reported.extend(rx.try_iter());
    }
    reported.sort_unstable();
    assert!(reported.len() >= KILLS);

    let mut store = Store::open(&db).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let report = store.verify(1, None).unwrap();
    assert!(report.problems.is_empty(), "{report:?}");
    let log = store.log(1, None).unwrap();
    for seq in &reported {
        let note = format!("n={seq}");
        assert!(
            log.iter()
                .any(|row| row.new.as_deref() == Some(note.as_str())),
            "change {seq} was reported committed but is missing (seed {seed})"
        );
    }
    // Nothing but notes was written, so the trail is the import plus one row per change.
    assert!(log.len() > *reported.last().unwrap() - 1);
}

struct Writer {
    child: Child,
    stdin: ChildStdin,
    replies: mpsc::Receiver<String>,
}

impl Writer {
    fn start(db: &Path) -> Writer {
        let mut child = spawn_child("writer", db);
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, replies) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some((_, reply)) = line.split_once("reply ") {
                    let _ = tx.send(reply.to_string());
                }
            }
        });
        Writer {
            child,
            stdin,
            replies,
        }
    }

    fn say(&mut self, command: &str) -> String {
        writeln!(self.stdin, "{command}").unwrap();
        self.stdin.flush().unwrap();
        self.replies.recv_timeout(Duration::from_secs(20)).unwrap()
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn two_writers_lose_no_update_and_the_loser_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("two.db");
    new_assessment(&db);
    let mut a = Writer::start(&db);
    let mut b = Writer::start(&db);

    assert_eq!(a.say("open edit"), "ok");
    let refused = b.say("open edit");
    assert!(
        refused.starts_with("err Schreiber has been editing this assessment since"),
        "{refused}"
    );
    assert_eq!(b.say("open takeover"), "ok");
    // Interleaved: A still believes it edits.
    let told = a.say("rate 1");
    assert!(told.starts_with("err Schreiber ("), "{told}");
    assert!(
        told.ends_with("has taken over editing; your change was not stored"),
        "{told}"
    );
    assert_eq!(b.say("rate 2"), "ok");
    assert_eq!(a.say("open takeover"), "ok");
    assert!(b.say("rate 3").starts_with("err "));
    assert_eq!(a.say("rate 4"), "ok");

    let mut store = Store::open(&db).unwrap();
    let assessment = store.load(1).unwrap();
    assert_eq!(
        assessment.cell("HF1", "QP-A").unwrap().rating,
        Some(Rating::Level(4))
    );
    let ratings: Vec<String> = store
        .log(1, None)
        .unwrap()
        .into_iter()
        .filter(|row| row.entity == "rating")
        .map(|row| format!("{:?}→{:?}", row.old, row.new))
        .collect();
    assert_eq!(
        ratings,
        vec!["None→Some(\"2\")", "Some(\"2\")→Some(\"4\")"],
        "every accepted change is kept and based on the one before"
    );
    assert!(store.verify(1, None).unwrap().problems.is_empty());
}
