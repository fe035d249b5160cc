//! The Zweitprüfung: a second auditor rates the sample county blind, submits, and the
//! agreement of the two ratings is measured.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{AUDITOR, RATINGS};
use siegel::domain::assessment::Rating;
use siegel::store::{Edit, OpenMode, SecondRefusal, Store, StoreError};

const SECOND: &str = "Bernd Zweit";

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

/// The second auditor's ratings: the first's, but for a few cells a level up or down, one two
/// apart, one a mark where the first gave a level, and HF6/QP-NAC (unrated by the first).
fn second_ratings() -> Vec<(&'static str, &'static str, Rating, String)> {
    let changed = [
        ("HF1", "QP-BED", Rating::Level(3)),
        ("HF2", "QP-VER", Rating::Level(3)),
        ("HF3", "QP-NAC", Rating::Level(4)),
        ("HF4", "QP-ZUG", Rating::NotApplicable),
        ("HF6", "QP-BET", Rating::Level(1)),
    ];
    let mut ratings: Vec<(&str, &str, Rating, String)> = RATINGS
        .iter()
        .map(|(field, parameter, rating, _)| {
            let rating = changed
                .iter()
                .find(|(f, p, _)| f == field && p == parameter)
                .map_or(*rating, |(_, _, r)| *r);
            (
                *field,
                *parameter,
                rating,
                format!("Zweitprüfung: {field}/{parameter}"),
            )
        })
        .collect();
    ratings.push((
        "HF6",
        "QP-NAC",
        Rating::Level(2),
        "Zweitprüfung: HF6/QP-NAC".into(),
    ));
    ratings
}

#[test]
fn a_blind_second_rating_is_submitted_and_its_agreement_measured() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    let (mut store, first) = common::rated_sample(&db);
    let second = store.start_second_rating(first, SECOND, AUDITOR).unwrap();

    // Blind: the second auditor cannot open the first rating, not even to look.
    for mode in [OpenMode::Edit, OpenMode::ReadOnly] {
        assert_eq!(
            store.open_session(first, SECOND, mode).unwrap_err(),
            StoreError::Second(SecondRefusal::Blind { id: first, second })
        );
    }
    // Nor read it from the command line.
    for command in [
        vec!["export", "1", "--format", "md"],
        vec!["log", "1"],
        vec!["explain", "1"],
    ] {
        let mut args = vec!["--lang", "en", "--auditor", SECOND];
        args.extend(command);
        let refused = siegel(&db, &args);
        assert_eq!(refused.status.code(), Some(1));
        assert_eq!(
            text(&refused.stderr),
            "siegel: assessment 1 stays hidden until your second rating 2 is submitted\n"
        );
    }
    // What they open holds the answers and nothing of the first auditor's work.
    let (mut session, blind) = store.open_session(second, SECOND, OpenMode::Edit).unwrap();
    assert_eq!(
        blind.answers_sha256,
        store.load(first).unwrap().answers_sha256
    );
    assert!(blind.cells.is_empty() && blind.reviews.is_empty() && blind.findings.is_empty());
    assert!(blind.overall.is_empty() && blind.follow_ups.is_empty());

    for (field, parameter, rating, rationale) in second_ratings() {
        for edit in [
            Edit::SetRating {
                field: field.into(),
                parameter: parameter.into(),
                rating: Some(rating),
            },
            Edit::SetRationale {
                field: field.into(),
                parameter: parameter.into(),
                text: rationale,
            },
        ] {
            store.apply(&mut session, edit).unwrap();
        }
    }
    // The agreement waits for the submission.
    let early = siegel(&db, &["--lang", "en", "agreement", "1"]);
    assert_eq!(early.status.code(), Some(1));
    assert_eq!(
        text(&early.stderr),
        "siegel: the second rating (assessment 2) is not submitted yet; the agreement follows\n"
    );
    store
        .apply(
            &mut session,
            Edit::Finalize {
                allow_open_follow_ups: false,
            },
        )
        .unwrap();
    store.close_session(&session).unwrap();
    // Submitted: the first rating is open to them now, and neither rating changed the other.
    let (session, _) = store
        .open_session(first, SECOND, OpenMode::ReadOnly)
        .unwrap();
    store.close_session(&session).unwrap();
    let first_cells = store.load(first).unwrap().cells;
    assert_eq!(
        first_cells[&("HF1".to_string(), "QP-BED".to_string())].rating,
        Some(Rating::Level(2))
    );
    assert!(store.verify(second, None).unwrap().problems.is_empty());
    assert!(store.verify(first, None).unwrap().problems.is_empty());

    // A consensus on one cell, then the reports carry the Zweitprüfung.
    let (mut session, _) = store.open_session(first, AUDITOR, OpenMode::Edit).unwrap();
    for edit in [
        Edit::SetConsensus {
            field: "HF1".into(),
            parameter: "QP-BED".into(),
            rating: Rating::Level(3),
        },
        Edit::SetConsensusRationale {
            field: "HF1".into(),
            parameter: "QP-BED".into(),
            text: "Der Bedarfsplan gilt für alle Gemeinden.".into(),
        },
    ] {
        store.apply(&mut session, edit).unwrap();
    }
    store.close_session(&session).unwrap();
    let markdown = text(&siegel(&db, &["export", "1", "--format", "md"]).stdout);
    let start = markdown.find("## Zweitprüfung").expect("the section");
    let end = markdown[start..]
        .find("\n## Handlungsfeld")
        .map_or(markdown.len(), |e| e + start);
    insta::assert_snapshot!("second-markdown", &markdown[start..end]);
    let json: serde_json::Value =
        serde_json::from_slice(&siegel(&db, &["export", "1", "--format", "json"]).stdout).unwrap();
    let second_rating = &json["second_rating"];
    assert_eq!(second_rating["agreement"]["second_auditor"], SECOND);
    assert_eq!(second_rating["consensus"][0]["first"], "2");
    assert_eq!(second_rating["consensus"][0]["second"], "3");
    assert_eq!(second_rating["consensus"][0]["agreed"], "3");
    let html = text(&siegel(&db, &["export", "1", "--format", "html"]).stdout);
    common::parse_html(&html);
    assert!(html.contains("<section class=\"second\">"));

    let german = siegel(&db, &["agreement", "1"]);
    assert_eq!(german.status.code(), Some(0), "{}", text(&german.stderr));
    insta::assert_snapshot!("agreement-de", text(&german.stdout));
    let json = siegel(&db, &["agreement", "2", "--format", "json"]);
    insta::assert_snapshot!("agreement-json", text(&json.stdout));
}

#[test]
fn a_second_rating_is_started_once_and_by_another_auditor() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    drop(common::rated_sample(&db));
    let same = siegel(
        &db,
        &["--lang", "en", "second-rating", "1", "--for", AUDITOR],
    );
    assert_eq!(same.status.code(), Some(1));
    assert_eq!(
        text(&same.stderr),
        format!(
            "siegel: {AUDITOR} made the first rating; the second rating is made by someone else\n"
        )
    );
    let started = siegel(
        &db,
        &["--lang", "en", "second-rating", "1", "--for", SECOND],
    );
    assert_eq!(started.status.code(), Some(0), "{}", text(&started.stderr));
    assert_eq!(text(&started.stdout).lines().last(), Some("2"));
    let again = siegel(
        &db,
        &["--lang", "en", "second-rating", "1", "--for", "Carla Dritt"],
    );
    assert_eq!(
        text(&again.stderr),
        "siegel: assessment 1 already has a second rating (assessment 2)\n"
    );
    let of_second = siegel(
        &db,
        &["--lang", "en", "second-rating", "2", "--for", "Carla Dritt"],
    );
    assert_eq!(
        text(&of_second.stderr),
        "siegel: assessment 2 is itself a second rating\n"
    );
    let none = siegel(&db, &["--lang", "en", "agreement", "3"]);
    assert_eq!(none.status.code(), Some(1));
    // The trail of both records the link.
    let mut store = Store::open(&db).unwrap();
    let first_log = store.log(1, None).unwrap();
    assert_eq!(first_log.last().unwrap().entity, "second_rating");
    let second_log = store.log(2, None).unwrap();
    assert_eq!(second_log[1].entity, "second_of");
    assert!(store.verify(2, None).unwrap().problems.is_empty());
}
