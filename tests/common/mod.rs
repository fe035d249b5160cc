//! The rated sample: Landkreis Musterland with a fixed set of ratings, rationales, notes,
//! follow-up questions and findings, written with a fixed clock. Shared by the export tests and
//! the export benchmark.

#![allow(dead_code)]

pub mod cli;
pub mod harness;
pub mod scale;
pub mod ssh;
pub mod tmux;

use std::path::Path;

use siegel::domain::assessment::{AssessmentId, FindingKind, FollowUpStatus, Rating};
use siegel::domain::validate::{self, ValidAnswers};
use siegel::questionnaires::{SAMPLE_ANSWERS, shipped};
use siegel::store::{Edit, OpenMode, Session, Store};

pub const AUDITOR: &str = "Dr. Anna Prüfer";

pub fn fixed_clock() -> String {
    "2025-04-01T09:00:00Z".into()
}

pub fn sample_answers() -> ValidAnswers {
    validate::validate_answers(SAMPLE_ANSWERS.1.as_bytes(), &shipped())
        .answers
        .expect("the sample is valid")
}

use Rating::{Level, NotApplicable, NotAssessable};

/// Field × parameter ratings, with a rationale where the rules ask for one (but HF6/QP-BET,
/// which stays without, and HF6/QP-NAC, which stays unrated, so the gate has something to say).
pub const RATINGS: &[(&str, &str, Rating, &str)] = &[
    ("HF1", "QP-BED", Level(2), ""),
    ("HF1", "QP-STR", Level(3), ""),
    (
        "HF1",
        "QP-BET",
        Level(1),
        "Beteiligung bisher punktuell (Jugendforum 2023); Familien werden nicht verbindlich beteiligt.",
    ),
    ("HF1", "QP-VER", Level(3), ""),
    ("HF1", "QP-NAC", Level(2), ""),
    ("HF1", "QP-TRA", Level(2), ""),
    ("HF1", "QP-ZUG", Level(2), ""),
    ("HF2", "QP-BED", Level(3), ""),
    ("HF2", "QP-STR", Level(3), ""),
    ("HF2", "QP-BET", Level(2), ""),
    (
        "HF2",
        "QP-VER",
        Level(4),
        "Kita-Bedarfsplanung mit allen Gemeinden abgestimmt, jährlich fortgeschrieben und im Jugendhilfeausschuss berichtet.",
    ),
    ("HF2", "QP-NAC", Level(3), ""),
    ("HF2", "QP-TRA", Level(3), ""),
    ("HF2", "QP-ZUG", Level(2), ""),
    ("HF3", "QP-BED", Level(2), ""),
    ("HF3", "QP-STR", Level(2), ""),
    (
        "HF3",
        "QP-BET",
        Level(1),
        "Eltern und Jugendliche werden bei Übergängen nicht einbezogen.",
    ),
    ("HF3", "QP-VER", Level(3), ""),
    ("HF3", "QP-NAC", Level(2), ""),
    ("HF3", "QP-TRA", Level(2), ""),
    (
        "HF3",
        "QP-ZUG",
        NotApplicable,
        "Schulträger sind die Gemeinden; der Kreis hat hier keine Zuständigkeit.",
    ),
    ("HF4", "QP-BED", Level(3), ""),
    ("HF4", "QP-STR", Level(2), ""),
    ("HF4", "QP-BET", Level(2), ""),
    ("HF4", "QP-VER", Level(3), ""),
    ("HF4", "QP-NAC", Level(2), ""),
    ("HF4", "QP-TRA", Level(3), ""),
    (
        "HF4",
        "QP-ZUG",
        Level(1),
        "Außensprechstunden nur in drei von 14 Gemeinden; der Süden ist ohne Angebot.",
    ),
    ("HF5", "QP-BED", NotAssessable, ""),
    ("HF5", "QP-STR", NotAssessable, ""),
    ("HF5", "QP-BET", NotAssessable, ""),
    ("HF5", "QP-VER", Level(2), ""),
    ("HF5", "QP-NAC", NotAssessable, ""),
    ("HF5", "QP-TRA", Level(2), ""),
    (
        "HF5",
        "QP-ZUG",
        Level(1),
        "ÖPNV-Takt im Süden stündlich oder seltener; \"Rufbus\" nur werktags.",
    ),
    ("HF6", "QP-BED", Level(2), ""),
    (
        "HF6",
        "QP-STR",
        Level(1),
        "Pflegestrukturplanung von 2018, seither nicht fortgeschrieben.",
    ),
    ("HF6", "QP-BET", Level(0), ""),
    ("HF6", "QP-VER", Level(2), ""),
    ("HF6", "QP-TRA", Level(2), ""),
    ("HF6", "QP-ZUG", Level(3), ""),
];

pub const NOTES: &[(&str, &str)] = &[
    (
        "HF1.T1.F01",
        "Leitbild nur vom Jugendhilfeausschuss beschlossen; ein Kreistagsbeschluss fehlt.",
    ),
    (
        "HF1.T4.F02",
        "Familienbericht 2016 ist veraltet; Monitoring im Workshop ansprechen.",
    ),
    (
        "HF2.T1.F04",
        "Quote U3 im Süden deutlich unter dem Kreisdurchschnitt (Grünthal 30,1 %).",
    ),
    (
        "HF5.T2.F01",
        "Taktung <30 min> nur in *Musterstadt* | Rest [stündlich] & seltener",
    ),
    (
        "HF6.T3.F01",
        "=Prüfen: Seniorenbeirat laut Presse 2024 gegründet?",
    ),
];

pub const FOLLOW_UPS: &[(&str, &str, FollowUpStatus)] = &[
    (
        "HF1.T2.F02",
        "Bitte den Stellenanteil der Familienbeauftragten ab 2026 angeben.",
        FollowUpStatus::Open,
    ),
    (
        "HF2.T1.F05",
        "Worauf beruht die Betreuungsquote U3 (Stichtag, Quelle)?",
        FollowUpStatus::Answered,
    ),
    (
        "HF5.T2.F02",
        "Gibt es Daten zur Erreichbarkeit der Kitas mit dem ÖPNV?",
        FollowUpStatus::Open,
    ),
];

pub const FINDINGS: &[(&str, FindingKind, &str)] = &[
    (
        "HF1",
        FindingKind::Strength,
        "Kreistagsbeschluss zur Teilnahme am Audit (KT-2024/087) und Familienbeauftragte seit 2024.",
    ),
    (
        "HF1",
        FindingKind::Strength,
        "Steuerungsgruppe der Fachämter tagt regelmäßig.",
    ),
    (
        "HF1",
        FindingKind::Challenge,
        "Kein aktuelles Familienmonitoring; der Familienbericht stammt von 2016.",
    ),
    (
        "HF1",
        FindingKind::Recommendation,
        "Familienmonitoring mit jährlichen Kennzahlen aufbauen und im Kreistag berichten.",
    ),
    (
        "HF2",
        FindingKind::Strength,
        "Kita-Bedarfsplanung mit allen Gemeinden abgestimmt.",
    ),
    (
        "HF2",
        FindingKind::Challenge,
        "U3-Versorgung im Süden des Kreises unter 35 %.",
    ),
    (
        "HF2",
        FindingKind::Recommendation,
        "Ausbauprogramm U3 für die südlichen Gemeinden mit Zeitplan.",
    ),
    (
        "HF4",
        FindingKind::Challenge,
        "Beratung ist in der Fläche schwer erreichbar.",
    ),
    (
        "HF4",
        FindingKind::Recommendation,
        "Außensprechstunden in den Familienzentren der Gemeinden.",
    ),
    (
        "HF5",
        FindingKind::Challenge,
        "Zu wenige Angaben zu Wohnen und Mobilität für eine Einstufung.",
    ),
    (
        "HF6",
        FindingKind::Strength,
        "Pflegestützpunkt mit Außenstellen.",
    ),
];

pub const OVERALL: &str = "Der Landkreis Musterland hat mit dem Kreistagsbeschluss und der Stelle der Familienbeauftragten die Grundlagen gelegt. Stärken liegen in der Kindertagesbetreuung und der Vernetzung der Fachämter.\n\nHandlungsbedarf besteht bei Beteiligung, Monitoring und der Erreichbarkeit der Angebote im Süden des Kreises.";

fn apply(store: &mut Store, session: &mut Session, edit: Edit) -> Option<i64> {
    store.apply(session, edit).expect("the sample edit applies")
}

/// Imports the sample into a new database at `db` and rates it; returns the store and the id.
pub fn rated_sample(db: &Path) -> (Store, AssessmentId) {
    let mut store = Store::open(db).expect("the store opens");
    store.set_clock(fixed_clock);
    let id = store.import(&sample_answers(), AUDITOR).expect("import");
    let (mut session, assessment) = store
        .open_session(id, AUDITOR, OpenMode::Edit)
        .expect("session");
    for (field, parameter, rating, rationale) in RATINGS {
        apply(
            &mut store,
            &mut session,
            Edit::SetRating {
                field: field.to_string(),
                parameter: parameter.to_string(),
                rating: Some(*rating),
            },
        );
        if !rationale.is_empty() {
            apply(
                &mut store,
                &mut session,
                Edit::SetRationale {
                    field: field.to_string(),
                    parameter: parameter.to_string(),
                    text: rationale.to_string(),
                },
            );
        }
    }
    // The questions of the first two fields are reviewed.
    let reviewed: Vec<String> = assessment
        .definition
        .questions()
        .filter(|(f, _, _)| *f < 2)
        .map(|(_, _, q)| q.id.clone())
        .collect();
    for question in reviewed {
        apply(
            &mut store,
            &mut session,
            Edit::SetReviewed {
                question,
                reviewed: true,
            },
        );
    }
    for (question, note) in NOTES {
        apply(
            &mut store,
            &mut session,
            Edit::SetNote {
                question: question.to_string(),
                note: note.to_string(),
            },
        );
    }
    for (question, text, status) in FOLLOW_UPS {
        let follow_up = apply(
            &mut store,
            &mut session,
            Edit::AddFollowUp {
                question: question.to_string(),
                text: text.to_string(),
            },
        )
        .expect("a follow-up gets an id");
        apply(
            &mut store,
            &mut session,
            Edit::SetFollowUpStatus {
                id: follow_up,
                status: *status,
            },
        );
    }
    for (field, kind, text) in FINDINGS {
        apply(
            &mut store,
            &mut session,
            Edit::AddFinding {
                field: field.to_string(),
                kind: *kind,
                text: text.to_string(),
            },
        );
    }
    apply(
        &mut store,
        &mut session,
        Edit::SetOverall {
            text: OVERALL.to_string(),
        },
    );
    store.close_session(&session).expect("close");
    (store, id)
}

/// A report's HTML parsed as XML: it must be well-formed.
pub fn parse_html(html: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse_with_options(
        html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("the HTML is not well-formed XML: {e}"))
}

/// The rated sample completed (the missing rationale and rating) and finalised, with its two
/// follow-up questions still open.
pub fn finalise(store: &mut Store, id: AssessmentId) {
    let (mut session, _) = store.open_session(id, AUDITOR, OpenMode::Edit).unwrap();
    let field = "HF6".to_string();
    let edits = [
        Edit::SetRationale {
            field: field.clone(),
            parameter: "QP-BET".into(),
            text: "Keine Beteiligungsformate für Ältere.".into(),
        },
        Edit::SetRating {
            field,
            parameter: "QP-NAC".into(),
            rating: Some(Rating::Level(2)),
        },
        Edit::Finalize {
            allow_open_follow_ups: true,
        },
    ];
    for edit in edits {
        store.apply(&mut session, edit).unwrap();
    }
    store.close_session(&session).unwrap();
}
