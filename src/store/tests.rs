use std::os::unix::fs::PermissionsExt;

use super::*;
use crate::domain::assessment::{AssessmentId, FindingKind, FollowUpStatus, Rating, Status};
use crate::domain::validate::{self, KnownDefinition, ValidAnswers};

const MINI_DEFINITION: &str = include_str!("../../tests/fixtures/valid/mini-definition.json");
const MINI_ANSWERS: &str = include_str!("../../tests/fixtures/valid/mini-answers.json");

fn fixed_clock() -> String {
    "2025-04-01T09:00:00Z".into()
}

fn mini() -> KnownDefinition {
    validate::validate_definition(MINI_DEFINITION.as_bytes(), &[])
        .definition
        .expect("mini definition is valid")
}

fn answers(text: &str) -> ValidAnswers {
    let report = validate::validate_answers(text.as_bytes(), &[mini()]);
    report
        .answers
        .unwrap_or_else(|| panic!("{:?}", report.diagnostics))
}

struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
    store: Store,
    id: AssessmentId,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("siegel.db");
    let mut store = Store::open(&path).unwrap();
    store.set_clock(fixed_clock);
    let id = store.import(&answers(MINI_ANSWERS), "A. Prüferin").unwrap();
    Fixture {
        _dir: dir,
        path,
        store,
        id,
    }
}

fn edit(f: &mut Fixture) -> Session {
    f.store
        .open_session(f.id, "A. Prüferin", OpenMode::Edit)
        .unwrap()
        .0
}

fn rate(field: &str, parameter: &str, rating: Option<Rating>) -> Edit {
    Edit::SetRating {
        field: field.into(),
        parameter: parameter.into(),
        rating,
    }
}

#[test]
fn a_new_file_is_private_and_configured() {
    let f = fixture();
    let mode = std::fs::metadata(&f.path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let pragma = |name: &str| -> String {
        f.store
            .conn
            .query_row(&format!("PRAGMA {name}"), [], |r| {
                r.get::<_, rusqlite::types::Value>(0)
            })
            .map(|v| format!("{v:?}"))
            .unwrap()
    };
    assert_eq!(pragma("journal_mode"), "Text(\"wal\")");
    assert_eq!(pragma("synchronous"), "Integer(2)");
    assert_eq!(pragma("foreign_keys"), "Integer(1)");
    assert_eq!(
        pragma("application_id"),
        format!("Integer({APPLICATION_ID})")
    );
    assert_eq!(f.store.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn import_keeps_exact_snapshots() {
    let mut f = fixture();
    let assessment = f.store.load(f.id).unwrap();
    assert_eq!(assessment.definition_sha256, mini().sha256);
    assert_eq!(assessment.answers.county.name, "Landkreis Testland");
    assert_eq!(assessment.status, Status::InProgress);
    assert_eq!(assessment.imports, 1);
    let report = f.store.verify(f.id, None).unwrap();
    assert!(report.problems.is_empty(), "{report:?}");
    let list = f.store.list().unwrap();
    assert_eq!(
        list,
        vec![AssessmentSummary {
            id: f.id,
            county: "Landkreis Testland".into(),
            questionnaire: "mini@1.0".into(),
            auditor: "A. Prüferin".into(),
            reviewed: 0,
            questions: 16,
            rated: 0,
            cells: 2,
            status: "in_progress".into(),
            updated_at: "2025-04-01T09:00:00Z".into(),
        }]
    );
}

#[test]
fn every_edit_is_stored_and_recorded() {
    let mut f = fixture();
    let mut session = edit(&mut f);
    let q = || "Q-YN".to_string();
    f.store
        .apply(
            &mut session,
            Edit::SetReviewed {
                question: q(),
                reviewed: true,
            },
        )
        .unwrap();
    f.store
        .apply(
            &mut session,
            Edit::SetNote {
                question: q(),
                note: "Leitbild von 2019.\nFortschreibung offen.".into(),
            },
        )
        .unwrap();
    let follow_up = f
        .store
        .apply(
            &mut session,
            Edit::AddFollowUp {
                question: q(),
                text: "Bitte Beschluss nachreichen.".into(),
            },
        )
        .unwrap()
        .unwrap();
    f.store
        .apply(
            &mut session,
            Edit::EditFollowUp {
                id: follow_up,
                text: "Bitte Kreistagsbeschluss nachreichen.".into(),
            },
        )
        .unwrap();
    f.store
        .apply(
            &mut session,
            Edit::SetFollowUpStatus {
                id: follow_up,
                status: FollowUpStatus::Answered,
            },
        )
        .unwrap();
    f.store
        .apply(&mut session, rate("HF1", "QP-A", Some(Rating::Level(3))))
        .unwrap();
    f.store
        .apply(
            &mut session,
            rate("HF1", "QP-B", Some(Rating::NotApplicable)),
        )
        .unwrap();
    f.store
        .apply(
            &mut session,
            Edit::SetRationale {
                field: "HF1".into(),
                parameter: "QP-B".into(),
                text: "Keine Beteiligung vorgesehen.".into(),
            },
        )
        .unwrap();
    let first = f
        .store
        .apply(
            &mut session,
            Edit::AddFinding {
                field: "HF1".into(),
                kind: FindingKind::Strength,
                text: "Leitbild".into(),
            },
        )
        .unwrap()
        .unwrap();
    let second = f
        .store
        .apply(
            &mut session,
            Edit::AddFinding {
                field: "HF1".into(),
                kind: FindingKind::Strength,
                text: "Netzwerk".into(),
            },
        )
        .unwrap()
        .unwrap();
    f.store
        .apply(
            &mut session,
            Edit::MoveFinding {
                id: second,
                up: true,
            },
        )
        .unwrap();
    f.store
        .apply(
            &mut session,
            Edit::EditFinding {
                id: first,
                text: "Leitbild 2019".into(),
            },
        )
        .unwrap();
    let third = f
        .store
        .apply(
            &mut session,
            Edit::AddFinding {
                field: "HF1".into(),
                kind: FindingKind::Challenge,
                text: "Fortschreibung".into(),
            },
        )
        .unwrap()
        .unwrap();
    f.store
        .apply(&mut session, Edit::DeleteFinding { id: third })
        .unwrap();
    f.store
        .apply(
            &mut session,
            Edit::SetOverall {
                text: "Solide Grundlage.".into(),
            },
        )
        .unwrap();

    let a = f.store.load(f.id).unwrap();
    assert_eq!(a.revision, session.revision);
    assert_eq!(a.revision, 15);
    let review = a.review("Q-YN").unwrap();
    assert!(review.reviewed);
    assert_eq!(review.note, "Leitbild von 2019.\nFortschreibung offen.");
    assert_eq!(a.follow_ups.len(), 1);
    assert_eq!(
        a.follow_ups[0].text,
        "Bitte Kreistagsbeschluss nachreichen."
    );
    assert_eq!(a.follow_ups[0].status, FollowUpStatus::Answered);
    assert_eq!(
        a.cell("HF1", "QP-A").unwrap().rating,
        Some(Rating::Level(3))
    );
    let b = a.cell("HF1", "QP-B").unwrap();
    assert_eq!(
        (b.rating, b.rationale.as_str()),
        (Some(Rating::NotApplicable), "Keine Beteiligung vorgesehen.")
    );
    let strengths: Vec<&str> = a
        .findings_of("HF1", FindingKind::Strength)
        .map(|f| f.text.as_str())
        .collect();
    assert_eq!(strengths, vec!["Netzwerk", "Leitbild 2019"]);
    assert_eq!(a.findings_of("HF1", FindingKind::Challenge).count(), 0);
    assert_eq!(a.overall, "Solide Grundlage.");

    let log = f.store.log(f.id, None).unwrap();
    assert_eq!(log.len(), 16, "import and fifteen changes");
    assert_eq!(log[1].entity, "reviewed");
    assert_eq!(
        (log[1].old.as_deref(), log[1].new.as_deref()),
        (Some("false"), Some("true"))
    );
    assert_eq!(log[6].key, "HF1/QP-A");
    assert_eq!(log[6].auditor, "A. Prüferin");
    assert_eq!(f.store.verify(f.id, None).unwrap().problems, vec![]);
    let list = &f.store.list().unwrap()[0];
    assert_eq!((list.reviewed, list.rated), (1, 2));
}

#[test]
fn an_unchanged_value_is_not_a_change() {
    let mut f = fixture();
    let mut session = edit(&mut f);
    f.store
        .apply(&mut session, rate("HF1", "QP-A", Some(Rating::Level(2))))
        .unwrap();
    f.store
        .apply(&mut session, rate("HF1", "QP-A", Some(Rating::Level(2))))
        .unwrap();
    f.store
        .apply(
            &mut session,
            Edit::SetNote {
                question: "Q-SC".into(),
                note: String::new(),
            },
        )
        .unwrap();
    assert_eq!(session.revision, 1);
    assert_eq!(f.store.log(f.id, None).unwrap().len(), 2);
}

#[test]
fn bad_references_are_refused() {
    let mut f = fixture();
    let mut session = edit(&mut f);
    let cases = [
        (
            Edit::SetNote {
                question: "Q-NOPE".into(),
                note: "x".into(),
            },
            StoreError::UnknownQuestion("Q-NOPE".into()),
        ),
        (
            rate("HF1", "QP-Z", Some(Rating::Level(1))),
            StoreError::UnknownCell {
                field: "HF1".into(),
                parameter: "QP-Z".into(),
            },
        ),
        (
            rate("HF1", "QP-A", Some(Rating::Level(7))),
            StoreError::NotALevel(7),
        ),
        (
            Edit::SetFollowUpStatus {
                id: 99,
                status: FollowUpStatus::Done,
            },
            StoreError::NoSuchFollowUp(99),
        ),
        (
            Edit::DeleteFinding { id: 42 },
            StoreError::NoSuchFinding(42),
        ),
        (
            Edit::AddFinding {
                field: "HF9".into(),
                kind: FindingKind::Strength,
                text: "x".into(),
            },
            StoreError::UnknownField("HF9".into()),
        ),
        (Edit::Reopen, StoreError::NotFinalized(f.id)),
    ];
    for (edit, expected) in cases {
        assert_eq!(f.store.apply(&mut session, edit), Err(expected));
    }
    assert_eq!(session.revision, 0, "nothing was written");
    assert_eq!(f.store.log(f.id, None).unwrap().len(), 1);
}

#[test]
fn a_stale_revision_is_refused_and_the_loser_is_told() {
    let mut f = fixture();
    let mut first = edit(&mut f);
    let mut second = first.clone();
    f.store
        .apply(&mut first, rate("HF1", "QP-A", Some(Rating::Level(1))))
        .unwrap();
    let refused = f
        .store
        .apply(&mut second, rate("HF1", "QP-A", Some(Rating::Level(4))));
    assert_eq!(
        refused,
        Err(StoreError::Stale {
            based_on: 0,
            current: 1,
            by: "A. Prüferin".into(),
            at: "2025-04-01T09:00:00Z".into()
        })
    );
    let a = f.store.load(f.id).unwrap();
    assert_eq!(
        a.cell("HF1", "QP-A").unwrap().rating,
        Some(Rating::Level(1))
    );
}

#[test]
fn read_only_sessions_cannot_write() {
    let mut f = fixture();
    let (mut session, assessment) = f
        .store
        .open_session(f.id, "Gast", OpenMode::ReadOnly)
        .unwrap();
    assert_eq!(assessment.id, f.id);
    assert_eq!(
        f.store
            .apply(&mut session, rate("HF1", "QP-A", Some(Rating::Level(2)))),
        Err(StoreError::ReadOnlySession)
    );
    assert_eq!(f.store.lease(f.id).unwrap(), None);
}

#[test]
fn one_editor_at_a_time() {
    let mut f = fixture();
    let mut holder = edit(&mut f);
    // Another live editor: pretend the lease belongs to this host's init process.
    f.store
        .conn
        .execute(
            "UPDATE lease SET pid = 1, auditor = 'B. Kollege' WHERE assessment_id = ?1",
            [f.id],
        )
        .unwrap();
    let refused = f.store.open_session(f.id, "C. Dritte", OpenMode::Edit);
    match refused {
        Err(StoreError::LeaseHeld { auditor, pid, .. }) => {
            assert_eq!((auditor.as_str(), pid), ("B. Kollege", 1))
        }
        other => panic!("expected LeaseHeld, got {other:?}"),
    }
    let (mut taker, _) = f
        .store
        .open_session(f.id, "C. Dritte", OpenMode::TakeOver)
        .unwrap();
    let log = f.store.log(f.id, None).unwrap();
    assert_eq!(log.last().unwrap().entity, "lease");
    assert!(
        log.last()
            .unwrap()
            .old
            .as_deref()
            .unwrap()
            .starts_with("B. Kollege@")
    );
    // The previous holder is told at its next write.
    match f
        .store
        .apply(&mut holder, rate("HF1", "QP-A", Some(Rating::Level(2))))
    {
        Err(StoreError::LeaseLost { auditor, .. }) => assert_eq!(auditor, "C. Dritte"),
        other => panic!("expected LeaseLost, got {other:?}"),
    }
    f.store
        .apply(&mut taker, rate("HF1", "QP-A", Some(Rating::Level(3))))
        .unwrap();
    f.store.close_session(&taker).unwrap();
    assert_eq!(f.store.lease(f.id).unwrap(), None);
}

#[test]
fn a_dead_editors_lease_is_reclaimed() {
    let mut f = fixture();
    let _ = edit(&mut f);
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = i64::from(child.id());
    child.wait().unwrap();
    f.store
        .conn
        .execute(
            "UPDATE lease SET pid = ?2, auditor = 'Abgestürzt' WHERE assessment_id = ?1",
            [f.id, dead],
        )
        .unwrap();
    let (session, _) = f
        .store
        .open_session(f.id, "A. Prüferin", OpenMode::Edit)
        .unwrap();
    assert!(!session.read_only);
    assert_eq!(f.store.lease(f.id).unwrap().unwrap().auditor, "A. Prüferin");
}

/// Rates every cell of the mini definition at a level that needs no rationale.
fn rate_everything(f: &mut Fixture, session: &mut Session) {
    for parameter in ["QP-A", "QP-B"] {
        f.store
            .apply(session, rate("HF1", parameter, Some(Rating::Level(3))))
            .unwrap();
    }
}

const FINALIZE: Edit = Edit::Finalize {
    allow_open_follow_ups: false,
};

#[test]
fn finalising_locks_until_reopened() {
    let mut f = fixture();
    let mut session = edit(&mut f);
    rate_everything(&mut f, &mut session);
    f.store.apply(&mut session, FINALIZE).unwrap();
    let a = f.store.load(f.id).unwrap();
    assert_eq!(a.status, Status::Finalized);
    assert_eq!(a.final_hash.as_deref(), Some(a.content_hash().as_str()));
    assert_eq!(
        f.store
            .apply(&mut session, rate("HF1", "QP-A", Some(Rating::Level(4)))),
        Err(StoreError::Finalized(f.id))
    );
    assert!(f.store.verify(f.id, None).unwrap().problems.is_empty());
    f.store.apply(&mut session, Edit::Reopen).unwrap();
    f.store
        .apply(&mut session, rate("HF1", "QP-A", Some(Rating::Level(4))))
        .unwrap();
    let statuses: Vec<String> = f
        .store
        .log(f.id, None)
        .unwrap()
        .into_iter()
        .filter(|r| r.entity == "status")
        .map(|r| r.new.unwrap())
        .collect();
    assert_eq!(statuses.len(), 2);
    assert!(statuses[0].starts_with("finalized "));
    assert!(!statuses[0].contains("allow_open"));
    assert_eq!(statuses[1], "in_progress");
}

#[test]
fn finalising_is_refused_with_everything_that_is_missing() {
    use crate::domain::scoring::Missing;
    let mut f = fixture();
    let mut session = edit(&mut f);
    f.store
        .apply(&mut session, rate("HF1", "QP-B", Some(Rating::Level(4))))
        .unwrap();
    let follow_up = f
        .store
        .apply(
            &mut session,
            Edit::AddFollowUp {
                question: "Q-YN".into(),
                text: "Seit wann?".into(),
            },
        )
        .unwrap()
        .unwrap();
    let revision = session.revision;
    assert_eq!(
        f.store.apply(&mut session, FINALIZE),
        Err(StoreError::Incomplete(vec![
            Missing::Unrated {
                field_id: "HF1".into(),
                parameter_id: "QP-A".into()
            },
            Missing::Rationale {
                field_id: "HF1".into(),
                parameter_id: "QP-B".into()
            },
            Missing::OpenFollowUp {
                follow_up,
                question_id: "Q-YN".into()
            },
        ]))
    );
    // Allowing open follow-ups drops them from the list, not the rest.
    assert_eq!(
        f.store.apply(
            &mut session,
            Edit::Finalize {
                allow_open_follow_ups: true
            }
        ),
        Err(StoreError::Incomplete(vec![
            Missing::Unrated {
                field_id: "HF1".into(),
                parameter_id: "QP-A".into()
            },
            Missing::Rationale {
                field_id: "HF1".into(),
                parameter_id: "QP-B".into()
            },
        ]))
    );
    assert_eq!(session.revision, revision, "a refusal writes nothing");
    assert_eq!(f.store.load(f.id).unwrap().status, Status::InProgress);
}

#[test]
fn open_follow_ups_block_unless_allowed_and_the_allowance_is_recorded() {
    let mut f = fixture();
    let mut session = edit(&mut f);
    rate_everything(&mut f, &mut session);
    f.store
        .apply(
            &mut session,
            Edit::AddFollowUp {
                question: "Q-YN".into(),
                text: "Beleg?".into(),
            },
        )
        .unwrap();
    assert!(matches!(
        f.store.apply(&mut session, FINALIZE),
        Err(StoreError::Incomplete(missing)) if missing.len() == 1
    ));
    f.store
        .apply(
            &mut session,
            Edit::Finalize {
                allow_open_follow_ups: true,
            },
        )
        .unwrap();
    let last = f.store.log(f.id, None).unwrap().pop().unwrap();
    assert_eq!(last.entity, "status");
    let hash = f.store.load(f.id).unwrap().final_hash.unwrap();
    assert_eq!(
        last.new.as_deref(),
        Some(format!("finalized {hash} allow_open_follow_ups=1").as_str())
    );
}

#[test]
fn corrected_answers_mark_changes_and_ask_for_reconfirmation() {
    let mut f = fixture();
    let mut session = edit(&mut f);
    f.store
        .apply(&mut session, rate("HF1", "QP-A", Some(Rating::Level(2))))
        .unwrap();
    f.store
        .apply(
            &mut session,
            Edit::SetReviewed {
                question: "Q-INT".into(),
                reviewed: true,
            },
        )
        .unwrap();
    let corrected = MINI_ANSWERS
        .replace("\"value\": 410", "\"value\": 455")
        .replace("\"status\": \"submitted\"", "\"status\": \"corrected\"");
    let outcome = f
        .store
        .reimport(&mut session, &answers(&corrected))
        .unwrap();
    assert_eq!(
        outcome,
        ReimportOutcome {
            seq: 2,
            changed: vec!["Q-INT".into()],
            fields_to_reconfirm: vec!["HF1".into()],
        }
    );
    let a = f.store.load(f.id).unwrap();
    assert_eq!(a.imports, 2);
    assert_eq!(a.answers.answers["Q-INT"].value, serde_json::json!(455));
    let review = a.review("Q-INT").unwrap();
    assert!(review.changed_since_import && !review.reviewed);
    assert!(a.cell("HF1", "QP-A").unwrap().needs_reconfirmation);

    assert_eq!(
        f.store.reimport(&mut session, &answers(&corrected)),
        Err(StoreError::SameAnswers)
    );

    f.store
        .apply(
            &mut session,
            Edit::ConfirmRating {
                field: "HF1".into(),
                parameter: "QP-A".into(),
            },
        )
        .unwrap();
    f.store
        .apply(
            &mut session,
            Edit::SetReviewed {
                question: "Q-INT".into(),
                reviewed: true,
            },
        )
        .unwrap();
    let a = f.store.load(f.id).unwrap();
    assert!(!a.cell("HF1", "QP-A").unwrap().needs_reconfirmation);
    assert!(!a.review("Q-INT").unwrap().changed_since_import);
    assert!(f.store.verify(f.id, None).unwrap().problems.is_empty());
    assert_eq!(f.store.log(f.id, Some("HF1")).unwrap().len(), 5);
}

#[test]
fn corrected_answers_to_another_definition_are_refused() {
    let mut f = fixture();
    let mut session = edit(&mut f);
    let shipped = crate::questionnaires::shipped();
    let sample =
        validate::validate_answers(crate::questionnaires::SAMPLE_ANSWERS.1.as_bytes(), &shipped)
            .answers
            .unwrap();
    match f.store.reimport(&mut session, &sample) {
        Err(StoreError::OtherDefinition {
            assessment,
            answers,
        }) => {
            assert!(assessment.starts_with("mini@1.0@"));
            assert!(answers.starts_with("fgk-kreis@2025.1@"));
        }
        other => panic!("expected OtherDefinition, got {other:?}"),
    }
}

#[test]
fn verify_names_the_first_tampered_row_and_snapshot() {
    let mut f = fixture();
    let mut session = edit(&mut f);
    for level in 0..4 {
        f.store
            .apply(
                &mut session,
                rate("HF1", "QP-A", Some(Rating::Level(level))),
            )
            .unwrap();
    }
    let conn = &f.store.conn;
    conn.execute_batch(
        "DROP TRIGGER trail_is_append_only_update; DROP TRIGGER trail_is_append_only_delete;",
    )
    .unwrap();
    conn.execute(
        "UPDATE trail SET new = '4' WHERE assessment_id = ?1 AND n = 3",
        [f.id],
    )
    .unwrap();
    conn.execute(
        "UPDATE answers_snapshot SET json = replace(json, '410', '999')
         WHERE sha256 IN (SELECT sha256 FROM answers_import WHERE assessment_id = ?1)",
        [f.id],
    )
    .unwrap();
    let report = f.store.verify(f.id, None).unwrap();
    assert_eq!(
        report.problems,
        vec![
            VerifyProblem::TrailRow { n: 3 },
            VerifyProblem::AnswersSnapshot { seq: 1 }
        ]
    );
    f.store
        .conn
        .execute(
            "DELETE FROM trail WHERE assessment_id = ?1 AND n = 2",
            [f.id],
        )
        .unwrap();
    assert_eq!(
        f.store.verify(f.id, None).unwrap().problems[0],
        VerifyProblem::TrailGap {
            expected: 2,
            found: 3
        }
    );
}

#[test]
fn the_trail_cannot_be_edited_through_sql() {
    let f = fixture();
    let update = f.store.conn.execute("UPDATE trail SET auditor = 'x'", []);
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = f.store.conn.execute("DELETE FROM trail", []);
    assert!(delete.unwrap_err().to_string().contains("append-only"));
}

#[test]
fn changed_content_after_finalisation_is_found() {
    let mut f = fixture();
    let mut session = edit(&mut f);
    rate_everything(&mut f, &mut session);
    f.store.apply(&mut session, FINALIZE).unwrap();
    f.store
        .conn
        .execute(
            "UPDATE assessment SET overall = 'nachträglich' WHERE id = ?1",
            [f.id],
        )
        .unwrap();
    assert_eq!(
        f.store.verify(f.id, None).unwrap().problems,
        vec![
            VerifyProblem::FinalContent,
            VerifyProblem::State {
                entity: "overall".into(),
                key: String::new(),
                trail: None,
                table: Some("nachträglich".into()),
            }
        ]
    );
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let f = fixture();
    let path = f.path.clone();
    f.store
        .conn
        .pragma_update(None, "user_version", 99)
        .unwrap();
    f.store
        .conn
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    drop(f.store);
    let before = std::fs::read(&path).unwrap();
    assert_eq!(
        Store::open(&path).unwrap_err(),
        StoreError::NewerSchema {
            path: path.clone(),
            found: 99,
            supported: SCHEMA_VERSION
        }
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn foreign_and_junk_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE kunden (name TEXT)")
        .unwrap();
    drop(conn);
    assert_eq!(
        Store::open(&other).unwrap_err(),
        StoreError::NotSiegel {
            path: other.clone()
        }
    );

    let junk = dir.path().join("junk.db");
    std::fs::write(
        &junk,
        b"SQLite format 2\0 this is not a database at all, just bytes".repeat(40),
    )
    .unwrap();
    let before = std::fs::read(&junk).unwrap();
    assert_eq!(
        Store::open(&junk).unwrap_err(),
        StoreError::NotSiegel { path: junk.clone() }
    );
    assert_eq!(std::fs::read(&junk).unwrap(), before);

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "Notizen").unwrap();
    assert!(matches!(
        Store::open(&text).unwrap_err(),
        StoreError::NotSiegel { .. }
    ));
}

#[test]
fn migrations_back_up_first_and_roll_back_on_failure() {
    let f = fixture();
    let path = f.path.clone();
    let id = f.id;
    drop(f.store);
    let current = SCHEMA_VERSION;
    let mut next = MIGRATIONS.to_vec();
    next.push(Migration {
        version: current + 1,
        sql: "ALTER TABLE assessment ADD COLUMN colour TEXT;",
    });
    let mut store = Store::open_with(&path, &next).unwrap();
    assert_eq!(store.schema_version().unwrap(), current + 1);
    assert_eq!(
        store.load(id).unwrap().answers.county.name,
        "Landkreis Testland"
    );
    let backups: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".bak"))
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert!(backups[0].starts_with(&format!("siegel.db.v{current}-before-v{}-", current + 1)));
    drop(store);

    let mut broken = next.clone();
    broken.push(Migration {
        version: current + 2,
        sql: "CREATE TABLE x (a); SELECT no_such_function();",
    });
    match Store::open_with(&path, &broken).unwrap_err() {
        StoreError::Migration { version, .. } => assert_eq!(version, current + 2),
        other => panic!("expected Migration, got {other:?}"),
    }
    let store = Store::open_with(&path, &next).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        current + 1,
        "the failed migration left nothing behind"
    );
}

#[test]
fn a_full_disk_is_a_sentence_and_nothing_half_written() {
    let mut f = fixture();
    let mut session = edit(&mut f);
    let pages: i64 = f
        .store
        .conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    f.store
        .conn
        .pragma_update(None, "max_page_count", pages)
        .unwrap();
    let long = "x".repeat(64 * 1024);
    let refused = f.store.apply(&mut session, Edit::SetOverall { text: long });
    assert_eq!(
        refused,
        Err(StoreError::DiskFull {
            path: f.path.clone()
        })
    );
    assert_eq!(session.revision, 0);
    assert_eq!(f.store.load(f.id).unwrap().overall, "");
    assert!(f.store.verify(f.id, None).unwrap().problems.is_empty());
}

#[test]
fn a_database_locked_by_another_program_is_a_sentence() {
    let mut f = fixture();
    let mut session = edit(&mut f);
    let other = rusqlite::Connection::open(&f.path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    f.store.set_busy_timeout(Duration::from_millis(50)).unwrap();
    assert_eq!(
        f.store
            .apply(&mut session, rate("HF1", "QP-A", Some(Rating::Level(1)))),
        Err(StoreError::Locked {
            path: f.path.clone()
        })
    );
    other.execute_batch("ROLLBACK").unwrap();
    f.store
        .apply(&mut session, rate("HF1", "QP-A", Some(Rating::Level(1))))
        .unwrap();
}

#[test]
fn the_same_answers_imported_twice_are_stored_once() {
    let mut f = fixture();
    let first = f.store.load(f.id).unwrap();
    let valid = answers(MINI_ANSWERS);
    let second = f.store.import(&valid, "B").unwrap();
    assert_ne!(second, f.id);
    let snapshots: i64 = f
        .store
        .conn
        .query_row("SELECT count(*) FROM answers_snapshot", [], |r| r.get(0))
        .unwrap();
    assert_eq!(snapshots, 1);
    assert_eq!(f.store.load(second).unwrap().answers, first.answers);
    assert!(f.store.verify(second, None).unwrap().problems.is_empty());
}

/// Changes made with SQL beside siegel, each reported by verify with what differs.
#[test]
fn verify_finds_state_changed_outside_siegel() {
    let tampered = |sql: &str| {
        let mut f = fixture();
        let mut session = edit(&mut f);
        for change in [
            rate("HF1", "QP-A", Some(Rating::Level(3))),
            Edit::SetReviewed {
                question: "Q-YN".into(),
                reviewed: true,
            },
            Edit::SetNote {
                question: "Q-YN".into(),
                note: "Leitbild 2019".into(),
            },
        ] {
            f.store.apply(&mut session, change).unwrap();
        }
        assert!(f.store.verify(f.id, None).unwrap().problems.is_empty());
        f.store
            .conn
            .execute_batch("DROP TRIGGER trail_is_append_only_delete;")
            .unwrap();
        f.store.conn.execute_batch(sql).unwrap();
        f.store.verify(f.id, None).unwrap().problems
    };
    assert_eq!(
        tampered("UPDATE cell SET rating = '4'"),
        vec![VerifyProblem::State {
            entity: "rating".into(),
            key: "HF1/QP-A".into(),
            trail: Some("3".into()),
            table: Some("4".into()),
        }]
    );
    assert_eq!(
        tampered(
            "INSERT INTO question_review (assessment_id, question_id, reviewed) VALUES (1, 'Q-INT', 1)"
        ),
        vec![VerifyProblem::State {
            entity: "reviewed".into(),
            key: "Q-INT".into(),
            trail: Some("false".into()),
            table: Some("true".into()),
        }]
    );
    assert_eq!(
        tampered("UPDATE question_review SET note = 'anders'"),
        vec![VerifyProblem::State {
            entity: "note".into(),
            key: "Q-YN".into(),
            trail: Some("Leitbild 2019".into()),
            table: Some("anders".into()),
        }]
    );
    assert_eq!(
        tampered("UPDATE assessment SET county = 'Landkreis Anderswo'"),
        vec![VerifyProblem::County]
    );
    assert_eq!(
        tampered("UPDATE assessment SET status = 'finalized'"),
        vec![
            VerifyProblem::FinalizedWithoutHash,
            VerifyProblem::State {
                entity: "status".into(),
                key: String::new(),
                trail: Some("in_progress".into()),
                table: Some("finalized".into()),
            }
        ]
    );
    assert_eq!(
        tampered("DELETE FROM trail WHERE n = (SELECT max(n) FROM trail)"),
        vec![VerifyProblem::TrailHead]
    );
}

#[test]
fn verify_replays_follow_ups_findings_their_order_and_the_overall_text() {
    let tampered = |sql: &str| {
        let mut f = fixture();
        let mut session = edit(&mut f);
        let changes = [
            Edit::AddFollowUp {
                question: "Q-YN".into(),
                text: "Seit wann?".into(),
            },
            Edit::AddFinding {
                field: "HF1".into(),
                kind: FindingKind::Strength,
                text: "Leitbild".into(),
            },
            Edit::AddFinding {
                field: "HF1".into(),
                kind: FindingKind::Strength,
                text: "Netzwerk".into(),
            },
            Edit::AddFinding {
                field: "HF1".into(),
                kind: FindingKind::Strength,
                text: "Bericht".into(),
            },
            Edit::SetOverall {
                text: "Solide".into(),
            },
        ];
        for change in changes {
            f.store.apply(&mut session, change).unwrap();
        }
        let findings = f.store.load(f.id).unwrap().findings;
        let (first, last) = (findings[0].id, findings[2].id);
        // Moving the last one up twice and deleting the first: the order the trail must replay.
        for change in [
            Edit::MoveFinding { id: last, up: true },
            Edit::MoveFinding { id: last, up: true },
            Edit::DeleteFinding { id: first },
            Edit::SetFollowUpStatus {
                id: 1,
                status: FollowUpStatus::Answered,
            },
        ] {
            f.store.apply(&mut session, change).unwrap();
        }
        assert_eq!(f.store.verify(f.id, None).unwrap().problems, vec![]);
        f.store.conn.execute_batch(sql).unwrap();
        f.store.verify(f.id, None).unwrap().problems
    };
    let state =
        |entity: &str, key: &str, trail: Option<&str>, table: Option<&str>| VerifyProblem::State {
            entity: entity.into(),
            key: key.into(),
            trail: trail.map(Into::into),
            table: table.map(Into::into),
        };
    assert_eq!(
        tampered("UPDATE follow_up SET text = 'Wer?'"),
        vec![state(
            "follow_up",
            "Q-YN#1",
            Some("Seit wann?"),
            Some("Wer?")
        )]
    );
    assert_eq!(
        tampered("UPDATE follow_up SET status = 'done'"),
        vec![state(
            "follow_up_status",
            "Q-YN#1",
            Some("answered"),
            Some("done")
        )]
    );
    assert_eq!(
        tampered("UPDATE finding SET text = 'Anders' WHERE id = 2"),
        vec![state(
            "finding",
            "HF1/strength#2",
            Some("Netzwerk"),
            Some("Anders")
        )]
    );
    assert_eq!(
        tampered("UPDATE finding SET position = 10 - position"),
        vec![state(
            "finding_order",
            "HF1/strength",
            Some("#3, #2"),
            Some("#2, #3")
        )]
    );
    assert_eq!(
        tampered(
            "INSERT INTO finding (assessment_id, field_id, kind, position, text) VALUES (1, 'HF1', 'challenge', 1, 'erfunden')"
        ),
        vec![
            state("finding", "HF1/challenge#4", None, Some("erfunden")),
            state("finding_order", "HF1/challenge", None, Some("#4")),
        ]
    );
    assert_eq!(
        tampered("UPDATE assessment SET overall = ''"),
        vec![state("overall", "", Some("Solide"), None)]
    );
}

#[test]
fn verify_checks_a_trail_state_recorded_elsewhere() {
    let mut f = fixture();
    let mut session = edit(&mut f);
    f.store
        .apply(&mut session, rate("HF1", "QP-A", Some(Rating::Level(3))))
        .unwrap();
    let exported = f.store.verify(f.id, None).unwrap().head.unwrap();
    f.store
        .apply(&mut session, rate("HF1", "QP-A", Some(Rating::Level(2))))
        .unwrap();
    let report = f.store.verify(f.id, Some(&exported[..12])).unwrap();
    assert_eq!((report.problems, report.anchored_at), (vec![], Some(2)));

    // The rows after the import rewritten, with the head in the assessment row to match.
    f.store
        .conn
        .execute_batch(
            "DROP TRIGGER trail_is_append_only_delete;
             DELETE FROM trail WHERE n > 1;
             UPDATE assessment SET trail_head = (SELECT hash FROM trail WHERE n = 1);
             DELETE FROM cell;",
        )
        .unwrap();
    assert_eq!(
        f.store.verify(f.id, Some(&exported)).unwrap().problems,
        vec![VerifyProblem::Anchor { head: exported }]
    );
}

#[test]
fn a_link_to_the_previous_audit_is_kept_checked_and_verified() {
    let mut f = fixture();
    let later = answers(&MINI_ANSWERS.replace(
        "\"reporting_date\": \"2025-03-31\"",
        "\"reporting_date\": \"2028-03-31\"",
    ));
    let bilanzierung = f
        .store
        .import_after(&later, "A. Prüferin", Some(f.id))
        .unwrap();
    assert_eq!(f.store.previous(bilanzierung).unwrap(), Some(f.id));
    assert_eq!(f.store.previous(f.id).unwrap(), None);
    // The previous assessment is untouched: its trail still has the import only.
    assert_eq!(f.store.log(f.id, None).unwrap().len(), 1);
    assert_eq!(f.store.verify(bilanzierung, None).unwrap().problems, vec![]);
    match f.store.previous_for(&later.answers).unwrap() {
        Previous::One(candidate) => assert_eq!(candidate.id, f.id),
        other => panic!("{other:?}"),
    }
    // Not earlier: refused, nothing stored.
    let count = f.store.list().unwrap().len();
    assert_eq!(
        f.store
            .import_after(&later, "A. Prüferin", Some(bilanzierung)),
        Err(StoreError::PreviousNotEarlier {
            previous: bilanzierung,
            reporting_date: "2028-03-31".into()
        })
    );
    assert_eq!(f.store.list().unwrap().len(), count);
    // Changed with SQL: verify names it.
    f.store
        .conn
        .execute(
            "UPDATE assessment SET previous_id = NULL WHERE id = ?1",
            [bilanzierung],
        )
        .unwrap();
    assert_eq!(
        f.store.verify(bilanzierung, None).unwrap().problems,
        vec![VerifyProblem::State {
            entity: "previous".into(),
            key: String::new(),
            trail: Some(f.id.to_string()),
            table: None,
        }]
    );
}

#[test]
fn a_rating_of_the_previous_audit_is_taken_over_only_as_it_was() {
    let mut f = fixture();
    let mut session = edit(&mut f);
    f.store
        .apply(&mut session, rate("HF1", "QP-A", Some(Rating::Level(3))))
        .unwrap();
    f.store.close_session(&session).unwrap();
    let later = answers(&MINI_ANSWERS.replace(
        "\"reporting_date\": \"2025-03-31\"",
        "\"reporting_date\": \"2028-03-31\"",
    ));
    let now = f
        .store
        .import_after(&later, "A. Prüferin", Some(f.id))
        .unwrap();
    let (mut session, _) = f
        .store
        .open_session(now, "A. Prüferin", OpenMode::Edit)
        .unwrap();
    let adopt = |rating| Edit::AdoptRating {
        field: "HF1".into(),
        parameter: "QP-A".into(),
        from: f.id,
        rating,
    };
    // Not what the previous audit holds: refused.
    assert_eq!(
        f.store.apply(&mut session, adopt(Rating::Level(2))),
        Err(StoreError::NotThePreviousRating { from: f.id })
    );
    f.store
        .apply(&mut session, adopt(Rating::Level(3)))
        .unwrap();
    let cell = f.store.load(now).unwrap().cells[&("HF1".into(), "QP-A".into())].clone();
    assert_eq!(cell.rating, Some(Rating::Level(3)));
    let log = f.store.log(now, None).unwrap();
    let last: Vec<(&str, Option<&str>)> = log[log.len() - 2..]
        .iter()
        .map(|r| (r.entity.as_str(), r.new.as_deref()))
        .collect();
    assert_eq!(last, vec![("rating", Some("3")), ("adopted", Some("1:3"))]);
    assert_eq!(f.store.verify(now, None).unwrap().problems, vec![]);
    // From an assessment that is not the previous one: refused.
    let other = Edit::AdoptRating {
        field: "HF1".into(),
        parameter: "QP-A".into(),
        from: now,
        rating: Rating::Level(3),
    };
    assert_eq!(
        f.store.apply(&mut session, other),
        Err(StoreError::NotThePreviousRating { from: now })
    );
}
