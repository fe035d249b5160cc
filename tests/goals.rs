//! Zielvereinbarung and Jahresberichte as a user imports them: attached to the audit they
//! follow, checked against the stored agreement, a corrected report replacing its year's, the
//! trail and `verify` covering them.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SAMPLES: &str = "questionnaires/samples/";

fn sample(name: &str) -> String {
    format!("{SAMPLES}{name}")
}

fn siegel(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_siegel"))
        .arg("--db")
        .arg(db)
        .args(["--lang", "en"])
        .args(args)
        .env("SIEGEL_AUDITOR", "Dr. Anna Prüfer")
        .env_remove("SIEGEL_LANG")
        .env_remove("SIEGEL_TZ")
        .output()
        .expect("siegel runs")
}

fn text(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn error_text(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// A copy of a sample with `from` replaced by `to`, in `dir`.
fn edited(dir: &Path, name: &str, from: &str, to: &str) -> PathBuf {
    let content = std::fs::read_to_string(sample(name)).unwrap();
    assert!(content.contains(from), "{from} in {name}");
    let path = dir.join(name);
    std::fs::write(&path, content.replacen(from, to, 1)).unwrap();
    path
}

#[test]
fn goals_attach_to_the_audit_they_follow_and_reports_to_their_agreement() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    let agreement = sample("musterland-2025-zielvereinbarung.json");
    let report_2026 = sample("musterland-2026-jahresbericht.json");

    // Nothing to attach to yet: refused, and no database is made for it.
    let early = siegel(&db, &["import", &agreement]);
    assert_eq!(early.status.code(), Some(1));
    assert!(!db.exists());

    siegel(&db, &["import", &sample("musterland-2025-erstaudit.json")]);
    let early = siegel(&db, &["import", &agreement]);
    assert_eq!(early.status.code(), Some(0), "{}", error_text(&early));
    assert_eq!(
        text(&early),
        "goal agreement \"musterland-2025\" attached to assessment 1: 16 goals, 32 measures\n1\n"
    );
    let again = siegel(&db, &["import", &agreement]);
    assert!(text(&again).contains("attached to assessment 1 already; nothing changed"));

    let stored = siegel(&db, &["import", &report_2026]);
    assert_eq!(stored.status.code(), Some(0), "{}", error_text(&stored));
    assert_eq!(
        text(&stored),
        "annual report 2026 on goal agreement \"musterland-2025\" stored (assessment 1)\n1\n"
    );

    // A corrected report for 2026 replaces the first; the trail names both.
    let corrected = edited(
        dir.path(),
        "musterland-2026-jahresbericht.json",
        "\"status\": \"geplant\"",
        "\"status\": \"begonnen\"",
    );
    let replaced = siegel(&db, &["import", corrected.to_str().unwrap()]);
    assert_eq!(replaced.status.code(), Some(0), "{}", error_text(&replaced));
    assert!(
        text(&replaced).starts_with("corrected annual report 2026 on goal agreement \"musterland-2025\" stored (assessment 1); it replaces the earlier one (sha256 "),
        "{}",
        text(&replaced)
    );
    let log = text(&siegel(&db, &["log", "1"]));
    let rows: Vec<&str> = log.lines().collect();
    assert_eq!(rows.len(), 4, "{log}");
    assert!(
        rows[1].contains("\tgoal agreement\tmusterland-2025\t+ "),
        "{log}"
    );
    assert!(
        rows[2].contains("\tannual report\tmusterland-2025/2026\t+ "),
        "{log}"
    );
    assert!(
        rows[3].contains("\tannual report\tmusterland-2025/2026\t"),
        "{log}"
    );
    assert!(
        rows[3].contains(" → "),
        "a replacement names old and new: {log}"
    );
    let verified = siegel(&db, &["verify", "1"]);
    assert_eq!(verified.status.code(), Some(0), "{}", text(&verified));

    // The current report of 2026 taken out with SQL: verify finds it.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("DELETE FROM annual_report WHERE seq = 2", [])
        .unwrap();
    let damaged = siegel(&db, &["verify", "1"]);
    assert_eq!(damaged.status.code(), Some(1));
    assert!(
        text(&damaged).contains("annual report musterland-2025/2026"),
        "{}",
        text(&damaged)
    );
}

#[test]
fn a_report_is_checked_against_the_stored_agreement_when_it_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    siegel(&db, &["import", &sample("musterland-2025-erstaudit.json")]);
    // Before its agreement is stored, a report cannot be stored.
    let alone = siegel(
        &db,
        &["import", &sample("musterland-2027-jahresbericht.json")],
    );
    assert_eq!(alone.status.code(), Some(1));
    assert_eq!(
        error_text(&alone),
        "siegel: goal agreement \"musterland-2025\" (this version) is not in the database; import it first\n"
    );
    siegel(
        &db,
        &["import", &sample("musterland-2025-zielvereinbarung.json")],
    );
    let unknown = edited(
        dir.path(),
        "musterland-2027-jahresbericht.json",
        "\"measure\": \"M1.1.1\"",
        "\"measure\": \"M1.1.9\"",
    );
    let refused = siegel(&db, &["import", unknown.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    let out = text(&refused);
    assert!(
        out.contains("error at /measures/0/measure: the goal agreement has no measure \"M1.1.9\""),
        "{out}"
    );
    assert!(
        out.contains("warning at /measures: measure \"M1.1.1\" is missing from the report"),
        "{out}"
    );
    assert!(
        out.ends_with("nothing stored: the file has errors\n"),
        "{out}"
    );
}

#[test]
fn an_agreement_by_procedure_and_year_needs_one_audit_to_follow() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    let erstaudit = sample("musterland-2025-erstaudit.json");
    siegel(&db, &["import", &erstaudit]);
    siegel(&db, &["import", &erstaudit]);
    let content = std::fs::read_to_string(sample("musterland-2025-zielvereinbarung.json")).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&content).unwrap();
    value["follows"]
        .as_object_mut()
        .unwrap()
        .remove("answers_sha256");
    let path = dir.path().join("zv.json");
    std::fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    let refused = siegel(&db, &["import", path.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        error_text(&refused),
        "siegel: goal agreement \"musterland-2025\": several assessments could be meant (1, 2); answers_sha256 in follows names the one\n"
    );
    let options = siegel(&db, &["import", path.to_str().unwrap(), "--previous", "1"]);
    assert_eq!(
        error_text(&options),
        "siegel: --previous and --into are for answers, not for goal agreements and annual reports\n"
    );
}

/// The sample county with its Erstaudit, Zielvereinbarung, two Jahresberichte and Bilanzierung.
fn county(db: &Path) {
    for name in [
        "musterland-2025-erstaudit.json",
        "musterland-2025-zielvereinbarung.json",
        "musterland-2026-jahresbericht.json",
        "musterland-2027-jahresbericht.json",
        "musterland-2028-bilanzierung.json",
    ] {
        let imported = siegel(db, &["import", &sample(name)]);
        assert_eq!(
            imported.status.code(),
            Some(0),
            "{name}: {}",
            error_text(&imported)
        );
    }
}

#[test]
fn siegel_goals_shows_each_measure_over_the_years() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    county(&db);
    // The Bilanzierung shows the last audit's goals; German, as the questionnaire is.
    let german = Command::new(env!("CARGO_BIN_EXE_siegel"))
        .arg("--db")
        .arg(&db)
        .args(["goals", "2"])
        .env_remove("SIEGEL_LANG")
        .env_remove("SIEGEL_TZ")
        .output()
        .unwrap();
    assert_eq!(german.status.code(), Some(0), "{}", error_text(&german));
    insta::assert_snapshot!("goals-musterland-de", text(&german));
    // The Erstaudit shows the same goals, without achievement: it does not judge them.
    let first = text(&siegel(&db, &["goals", "1"]));
    let second = text(&siegel(&db, &["goals", "2"]));
    assert_eq!(first.lines().next(), second.lines().next());
    assert!(
        second.contains("    Achievement: not rated yet\n"),
        "{second}"
    );
    assert!(!first.contains("Achievement"), "{first}");
    let json = siegel(&db, &["goals", "2", "--format", "json"]);
    insta::assert_snapshot!("goals-musterland-json", text(&json));

    let empty = dir.path().join("empty.db");
    siegel(
        &empty,
        &["import", &sample("musterland-2025-erstaudit.json")],
    );
    let none = siegel(&empty, &["goals", "1"]);
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(
        error_text(&none),
        "siegel: assessment 1 has no goal agreement (siegel import AGREEMENT.json attaches one to the assessment it follows)\n"
    );
}

#[test]
fn the_store_keeps_goal_ratings_only_for_the_goals_a_bilanzierung_judges() {
    use siegel::domain::goals::Achievement;
    use siegel::store::{Edit, GoalsRefusal, OpenMode, Store, StoreError};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    county(&db);
    let mut store = Store::open(&db).unwrap();
    let rate = |store: &mut Store, id: i64, goal: &str| {
        let (mut session, _) = store.open_session(id, "Test", OpenMode::Edit).unwrap();
        let result = store.apply(
            &mut session,
            Edit::RateGoal {
                goal: goal.into(),
                achievement: Some(Achievement::Erreicht),
            },
        );
        store.close_session(&session).unwrap();
        result
    };
    // The Erstaudit does not judge its own goals; an unknown goal is refused too.
    for (id, goal) in [
        (1, "musterland-2025/Z1.1"),
        (2, "musterland-2025/Z9.9"),
        (2, "Z1.1"),
    ] {
        assert_eq!(
            rate(&mut store, id, goal).unwrap_err(),
            StoreError::Goals(GoalsRefusal::UnknownGoal { goal: goal.into() })
        );
    }
    rate(&mut store, 2, "musterland-2025/Z1.1").unwrap();
    assert!(store.verify(2, None).unwrap().problems.is_empty());
    // Changed with SQL, outside siegel: verify names it.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE goal_rating SET achievement = 'nicht_erreicht'", [])
        .unwrap();
    let problems = store.verify(2, None).unwrap().problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        format!("{problems:?}").contains("goal_rating"),
        "{problems:?}"
    );
}

/// The sample county with a few goals of the Zielvereinbarung rated in the Bilanzierung.
fn rated_goals(db: &Path) {
    use siegel::domain::goals::Achievement;
    use siegel::store::{Edit, OpenMode, Store};
    county(db);
    let mut store = Store::open(db).unwrap();
    let (mut session, _) = store
        .open_session(2, "Dr. Anna Prüfer", OpenMode::Edit)
        .unwrap();
    for (goal, achievement, rationale) in [
        (
            "Z1.1",
            Achievement::TeilweiseErreicht,
            "Gesamtkonzept beschlossen; die Steuerungsgruppe wurde nicht erweitert.",
        ),
        (
            "Z1.2",
            Achievement::Erreicht,
            "Familienbericht 2026 erschienen, Fortschreibung alle fünf Jahre beschlossen.",
        ),
        (
            "Z3.1",
            Achievement::NichtErreicht,
            "Schulsozialarbeit an 17 statt 25 Schulen; das Kreisprogramm ist verschoben.",
        ),
        (
            "Z3.2",
            Achievement::Entfallen,
            "Das Elternmobil ist entfallen, der Träger hat sich zurückgezogen.",
        ),
    ] {
        let goal = format!("musterland-2025/{goal}");
        let edits = [
            Edit::RateGoal {
                goal: goal.clone(),
                achievement: Some(achievement),
            },
            Edit::SetGoalRationale {
                goal,
                text: rationale.into(),
            },
        ];
        for edit in edits {
            store.apply(&mut session, edit).unwrap();
        }
    }
    store.close_session(&session).unwrap();
}

#[test]
fn the_bilanzierung_reports_the_achievement_of_the_goals() {
    use calamine::{Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    rated_goals(&db);
    let german = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_siegel"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("SIEGEL_LANG")
            .env_remove("SIEGEL_TZ")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", error_text(&output));
        text(&output)
    };
    let markdown = german(&["export", "2", "--format", "md"]);
    let start = markdown.find("## Zielerreichung").expect("the section");
    let end = markdown[start..].find("\n## Handlungsfeld").unwrap() + start;
    insta::assert_snapshot!("achievement-markdown", &markdown[start..end]);
    // The Erstaudit's report has no such section: it does not judge its own goals.
    assert!(!german(&["export", "1", "--format", "md"]).contains("## Zielerreichung"));

    let html = german(&["export", "2", "--format", "html"]);
    let start = html
        .find("<section class=\"achievement\"")
        .expect("the section");
    let section = &html[start..html[start..].find("</section>").unwrap() + start];
    assert!(section.contains("16 Ziele: 1 erreicht, 1 teilweise erreicht, 1 nicht erreicht, 1 entfallen, 12 nicht bewertet"), "{section}");
    assert!(
        section.contains("Schulsozialarbeit an 17 statt 25 Schulen"),
        "{section}"
    );
    assert!(section.contains("überfällig"), "{section}");

    let json: serde_json::Value =
        serde_json::from_str(&german(&["export", "2", "--format", "json"])).unwrap();
    let goals = &json["goals"][0];
    assert_eq!(goals["id"], "musterland-2025");
    assert_eq!(goals["goals"][0]["achievement"], "teilweise_erreicht");
    assert_eq!(goals["goals"][2]["achievement"], serde_json::Value::Null);
    let first: serde_json::Value =
        serde_json::from_str(&german(&["export", "1", "--format", "json"])).unwrap();
    assert_eq!(
        first["goals"][0]["goals"][0]["achievement"],
        serde_json::Value::Null,
        "the Erstaudit rates nothing"
    );

    // The PDF has the same sections, with the development since the Erstaudit.
    let pdf = dir.path().join("bilanzierung.pdf");
    german(&[
        "export",
        "2",
        "--format",
        "pdf",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    if let Some(samples) = std::env::var_os("SIEGEL_EXPORT_SAMPLES") {
        std::fs::copy(
            &pdf,
            std::path::Path::new(&samples).join("bilanzierung.pdf"),
        )
        .unwrap();
    }
    let content = common::cli::pdftotext(&pdf);
    for expected in [
        "Entwicklung seit dem letzten Audit",
        "Bewertungen damals und heute",
        "Zielerreichung",
        "16 Ziele: 1 erreicht, 1 teilweise erreicht",
    ] {
        assert!(content.contains(expected), "{expected}\n{content}");
    }

    let path = dir.path().join("bilanzierung.xlsx");
    german(&[
        "export",
        "2",
        "--format",
        "xlsx",
        "-o",
        path.to_str().unwrap(),
    ]);
    let mut workbook: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(
        workbook.sheet_names().last().map(String::as_str),
        Some("Zielerreichung")
    );
    let sheet = workbook.worksheet_range("Zielerreichung").unwrap();
    assert_eq!(sheet.height(), 33, "a header and 32 measures");
    assert_eq!(
        sheet.get_value((0, 9)),
        Some(&Data::String("Stand 2026".into()))
    );
    assert_eq!(
        sheet.get_value((1, 3)),
        Some(&Data::String("teilweise erreicht".into()))
    );
    assert_eq!(
        sheet.get_value((1, 5)),
        Some(&Data::String("M1.1.1".into()))
    );
    assert_eq!(
        sheet.get_value((2, 10)),
        Some(&Data::String("entfallen".into()))
    );
}

#[test]
fn a_draft_for_the_next_period_takes_the_recommendations_as_goals() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    drop(common::rated_sample(&db));
    let file = dir.path().join("zv.json");
    let file = file.to_str().unwrap();
    let written = siegel(&db, &["goals", "1", "--draft", "-o", file]);
    assert_eq!(written.status.code(), Some(0), "{}", error_text(&written));
    assert!(text(&written).starts_with(&format!("draft goal agreement written: {file} (3 goals")));
    let again = siegel(&db, &["goals", "1", "--draft", "-o", file]);
    assert_eq!(
        again.status.code(),
        Some(1),
        "never replaced without --force"
    );
    let draft: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert_eq!(draft["follows"]["procedure"], "erstaudit");
    assert_eq!(draft["goals"][0]["id"], "Z1.1");
    assert_eq!(draft["goals"][0]["field"], "HF1");
    // The schema holds; what remains is the county's to fill in, and validate names it.
    let checked = siegel(&db, &["validate", file]);
    let out = text(&checked);
    let errors: Vec<&str> = out.lines().filter(|l| l.contains(": error at ")).collect();
    let places: Vec<&str> = errors
        .iter()
        .map(|l| {
            l.split(": error at ")
                .nth(1)
                .unwrap()
                .split(':')
                .next()
                .unwrap()
        })
        .collect();
    assert_eq!(
        places,
        [
            "/resolution/date",
            "/resolution/number",
            "/period/start",
            "/period/end",
            "/goals/0/measures",
            "/goals/1/measures",
            "/goals/2/measures"
        ],
        "{out}"
    );
}
