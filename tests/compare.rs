//! `siegel compare`: the shipped Bilanzierung beside the rated Erstaudit, golden in text and
//! JSON, and what cannot be compared.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{AUDITOR, RATINGS};
use siegel::domain::assessment::Rating;
use siegel::domain::validate;
use siegel::questionnaires::{SAMPLE_BILANZIERUNG, shipped};
use siegel::store::{Edit, OpenMode};

/// The Erstaudit rated as in the export tests, and the Bilanzierung three years on rated the
/// same but for visible progress in some cells and setbacks in others.
fn database(db: &Path) {
    let (mut store, erstaudit) = common::rated_sample(db);
    let valid = validate::validate_answers(SAMPLE_BILANZIERUNG.1.as_bytes(), &shipped())
        .answers
        .expect("the shipped Bilanzierung is valid");
    let id = store
        .import_after(&valid, AUDITOR, Some(erstaudit))
        .unwrap();
    let (mut session, _) = store.open_session(id, AUDITOR, OpenMode::Edit).unwrap();
    let changed = [
        ("HF1", "QP-STR", Rating::Level(4)),
        ("HF1", "QP-BED", Rating::Level(3)),
        ("HF3", "QP-NAC", Rating::Level(1)),
        ("HF5", "QP-ZUG", Rating::Level(1)),
        ("HF6", "QP-BET", Rating::Level(3)),
    ];
    for (field, parameter, rating, _) in RATINGS {
        let rating = changed
            .iter()
            .find(|(f, p, _)| f == field && p == parameter)
            .map_or(*rating, |(_, _, r)| *r);
        let edit = Edit::SetRating {
            field: field.to_string(),
            parameter: parameter.to_string(),
            rating: Some(rating),
        };
        store.apply(&mut session, edit).unwrap();
    }
    store.close_session(&session).unwrap();
}

fn siegel(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_siegel"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("SIEGEL_LANG")
        .output()
        .expect("siegel runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn the_bilanzierung_compared_with_the_erstaudit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    database(&db);
    let german = siegel(&db, &["compare", "2"]);
    assert_eq!(german.status.code(), Some(0), "{}", text(&german.stderr));
    insta::assert_snapshot!("compare-musterland-de", text(&german.stdout));
    let english = siegel(&db, &["--lang", "en", "compare", "2"]);
    insta::assert_snapshot!("compare-musterland-en", text(&english.stdout));
    let json = siegel(&db, &["compare", "2", "--format", "json"]);
    insta::assert_snapshot!("compare-musterland-json", text(&json.stdout));

    // Named the other way round, the older audit is still "then".
    let reversed = siegel(&db, &["compare", "1", "--with", "2"]);
    assert_eq!(text(&reversed.stdout), text(&german.stdout));
    let itself = siegel(&db, &["--lang", "en", "compare", "2", "--with", "2"]);
    assert_eq!(itself.status.code(), Some(1));
    assert_eq!(
        text(&itself.stderr),
        "siegel: assessment 2 cannot be compared with itself\n"
    );
    // The Erstaudit follows nothing.
    let alone = siegel(&db, &["--lang", "en", "compare", "1"]);
    assert_eq!(alone.status.code(), Some(1));
    assert_eq!(
        text(&alone.stderr),
        "siegel: assessment 1 is not linked to an earlier assessment; --with ID names the one to compare with\n"
    );
}
