//! Databases written by earlier versions of siegel open in this one with nothing lost.

use std::path::Path;

use siegel::domain::assessment::{FindingKind, FollowUpStatus, Rating, Status};
use siegel::domain::validate;
use siegel::store::{Edit, OpenMode, SCHEMA_VERSION, Store};

const FIXTURE_V1: &str = "tests/fixtures/db/schema-v1.db";

fn fixed_clock() -> String {
    "2025-04-02T10:30:00Z".into()
}

/// Writes the schema-1 fixture. It is kept as it is once written: later schema versions must
/// open it, so regenerating it with a newer schema would defeat its purpose.
#[test]
#[ignore = "writes tests/fixtures/db/schema-v1.db; run once, with schema version 1"]
fn write_schema_v1_fixture() {
    assert_eq!(SCHEMA_VERSION, 1, "the fixture is of schema version 1");
    let path = Path::new(FIXTURE_V1);
    let _ = std::fs::remove_file(path);
    let known =
        validate::validate_definition(include_bytes!("fixtures/valid/mini-definition.json"), &[])
            .definition
            .unwrap();
    let answers =
        validate::validate_answers(include_bytes!("fixtures/valid/mini-answers.json"), &[known])
            .answers
            .unwrap();
    let mut store = Store::open(path).unwrap();
    store.set_clock(fixed_clock);
    let id = store.import(&answers, "A. Prüferin").unwrap();
    let (mut session, _) = store
        .open_session(id, "A. Prüferin", OpenMode::Edit)
        .unwrap();
    let edits = [
        Edit::SetReviewed {
            question: "Q-YN".into(),
            reviewed: true,
        },
        Edit::SetNote {
            question: "Q-YN".into(),
            note: "Leitbild 2019, Fortschreibung offen.".into(),
        },
        Edit::AddFollowUp {
            question: "Q-INT".into(),
            text: "Stichtag der Platzzahl?".into(),
        },
        Edit::SetRating {
            field: "HF1".into(),
            parameter: "QP-A".into(),
            rating: Some(Rating::Level(3)),
        },
        Edit::SetRationale {
            field: "HF1".into(),
            parameter: "QP-A".into(),
            text: "Bedarfsplanung jährlich.".into(),
        },
        Edit::SetRating {
            field: "HF1".into(),
            parameter: "QP-B".into(),
            rating: Some(Rating::NotAssessable),
        },
        Edit::AddFinding {
            field: "HF1".into(),
            kind: FindingKind::Strength,
            text: "Stabsstelle Familie".into(),
        },
        Edit::AddFinding {
            field: "HF1".into(),
            kind: FindingKind::Recommendation,
            text: "Familienbericht fortschreiben".into(),
        },
        Edit::SetOverall {
            text: "Gute Grundlagen, Beteiligung ausbauen.".into(),
        },
    ];
    for edit in edits {
        store.apply(&mut session, edit).unwrap();
    }
    store.close_session(&session).unwrap();
}

#[test]
fn a_schema_v1_database_opens_with_everything_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    std::fs::copy(FIXTURE_V1, &path).unwrap();
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(store.verify(1, None).unwrap().problems.is_empty());
    let a = store.load(1).unwrap();
    assert_eq!(a.status, Status::InProgress);
    assert_eq!(a.answers.county.name, "Landkreis Testland");
    assert_eq!(
        a.review("Q-YN").unwrap().note,
        "Leitbild 2019, Fortschreibung offen."
    );
    assert_eq!(a.follow_ups[0].status, FollowUpStatus::Open);
    let cell = a.cell("HF1", "QP-A").unwrap();
    assert_eq!(
        (cell.rating, cell.rationale.as_str()),
        (Some(Rating::Level(3)), "Bedarfsplanung jährlich.")
    );
    assert_eq!(
        a.cell("HF1", "QP-B").unwrap().rating,
        Some(Rating::NotAssessable)
    );
    assert_eq!(a.findings.len(), 2);
    assert_eq!(a.overall, "Gute Grundlagen, Beteiligung ausbauen.");
    assert_eq!(store.log(1, None).unwrap().len(), 10);

    // And work goes on in it.
    let (mut session, _) = store
        .open_session(1, "B. Nachfolger", OpenMode::Edit)
        .unwrap();
    store
        .apply(
            &mut session,
            Edit::SetRating {
                field: "HF1".into(),
                parameter: "QP-B".into(),
                rating: Some(Rating::Level(2)),
            },
        )
        .unwrap();
    assert!(store.verify(1, None).unwrap().problems.is_empty());
}
