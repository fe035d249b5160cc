//! The cost of committing one change with `synchronous=FULL`, beside a bare rusqlite insert
//! with the same pragmas, and of listing 1,000 assessments.

use criterion::{Criterion, criterion_group, criterion_main};
use rusqlite::Connection;
use siegel::domain::assessment::Rating;
use siegel::domain::validate::{self, ValidAnswers};
use siegel::questionnaires::{SAMPLE_ANSWERS, shipped};
use siegel::store::{Edit, OpenMode, Store};

fn sample() -> ValidAnswers {
    validate::validate_answers(SAMPLE_ANSWERS.1.as_bytes(), &shipped())
        .answers
        .expect("the sample is valid")
}

/// On the project's disk, not a RAM-backed /tmp, so that fsync costs what it costs.
fn bench_dir() -> tempfile::TempDir {
    tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap()
}

fn store(c: &mut Criterion) {
    let dir = bench_dir();
    let mut store = Store::open(&dir.path().join("bench.db")).unwrap();
    let id = store.import(&sample(), "Bench").unwrap();
    let (mut session, _) = store.open_session(id, "Bench", OpenMode::Edit).unwrap();
    let mut level = 0;
    c.bench_function("commit one rating change (synchronous=FULL)", |b| {
        b.iter(|| {
            level = (level + 1) % 5;
            store
                .apply(
                    &mut session,
                    Edit::SetRating {
                        field: "HF2".into(),
                        parameter: "QP-BED".into(),
                        rating: Some(Rating::Level(level)),
                    },
                )
                .unwrap();
        })
    });

    let bare = Connection::open(dir.path().join("bare.db")).unwrap();
    bare.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;
         CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL);",
    )
    .unwrap();
    let mut value = 0;
    c.bench_function("bare rusqlite insert (synchronous=FULL)", |b| {
        b.iter(|| {
            value += 1;
            bare.execute("INSERT INTO t (v) VALUES (?1)", [value])
                .unwrap();
        })
    });

    let many = bench_dir();
    let mut listed = Store::open(&many.path().join("many.db")).unwrap();
    let answers = sample();
    for _ in 0..1000 {
        listed.import(&answers, "Bench").unwrap();
    }
    c.bench_function("list 1,000 assessments", |b| {
        b.iter(|| listed.list().unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = store
}
criterion_main!(benches);
