//! `siegel compare`: the shipped Bilanzierung beside the rated Erstaudit, golden in text and
//! JSON, and what cannot be compared.

mod common;

use common::cli::{siegel, text};

use std::path::Path;

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

#[test]
fn the_bilanzierung_reports_the_development_since_the_erstaudit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    database(&db);
    let markdown = siegel(&db, &["export", "2", "--format", "md"]);
    assert_eq!(
        markdown.status.code(),
        Some(0),
        "{}",
        text(&markdown.stderr)
    );
    let markdown = text(&markdown.stdout);
    let start = markdown
        .find("## Entwicklung seit dem letzten Audit")
        .expect("the section is there");
    let end = markdown[start..].find("\n## Handlungsfeld").unwrap() + start;
    insta::assert_snapshot!("development-markdown", &markdown[start..end]);
}

#[test]
fn the_bilanzierung_html_overlays_both_audits_in_the_radar() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    database(&db);
    let html = siegel(&db, &["export", "2", "--format", "html"]);
    assert_eq!(html.status.code(), Some(0), "{}", text(&html.stderr));
    let html = text(&html.stdout);
    let document = common::parse_html(&html);
    let section = document
        .descendants()
        .find(|n| n.attribute("class") == Some("development"))
        .expect("the section on the development");
    let svg_ns = "http://www.w3.org/2000/svg";
    let svg = section
        .descendants()
        .find(|n| n.has_tag_name((svg_ns, "svg")))
        .expect("a radar in the section");
    // The last audit dashed with hollow dots, today solid with filled ones: told apart
    // without colour. HF5 has no score in either, so both outlines are broken lines.
    let earlier: Vec<_> = svg
        .descendants()
        .filter(|n| n.attribute("class") == Some("earlier"))
        .collect();
    assert!(!earlier.is_empty());
    assert!(
        earlier
            .iter()
            .all(|n| n.attribute("stroke-dasharray") == Some("7 5"))
    );
    let hollow = svg
        .descendants()
        .filter(|n| n.has_tag_name((svg_ns, "circle")) && n.attribute("fill") == Some("#fff"))
        .count();
    assert_eq!(
        hollow,
        5 + 1,
        "five fields scored in 2025, one in the legend"
    );
    let legend: Vec<&str> = svg
        .descendants()
        .filter(|n| n.has_tag_name((svg_ns, "text")))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        legend.contains(&"2025") && legend.contains(&"2028"),
        "{legend:?}"
    );
    let section_text: String = section
        .descendants()
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("|");
    for expected in [
        "Entwicklung seit dem letzten Audit (Erstaudit 2025)",
        "2,1 (2,2)",
        "▲ +0,4",
        "2→1 ▼",
        "0→3 ▲",
        "HF6.T3.F01 → HF6.T3.F01a (andere Antwortart, nicht verglichen)",
    ] {
        assert!(
            section_text.contains(expected),
            "{expected} in {section_text}"
        );
    }
    // An Erstaudit's report has no such section.
    let first = text(&siegel(&db, &["export", "1", "--format", "html"]).stdout);
    assert!(!first.contains("class=\"development\""));
}

#[test]
fn the_bilanzierung_json_csv_and_workbook_carry_the_comparison() {
    use calamine::{Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    database(&db);
    let json = siegel(&db, &["export", "2", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let development = &json["development"];
    assert_eq!(development["then"]["assessment"], 1);
    assert_eq!(development["fields"][0]["change"], 0.4);
    let compared = siegel(&db, &["compare", "2", "--format", "json"]);
    let compared: serde_json::Value = serde_json::from_slice(&compared.stdout).unwrap();
    assert_eq!(development, &compared, "one model for both");
    let first = siegel(&db, &["export", "1", "--format", "json"]);
    let first: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    assert!(first["development"].is_null());

    let csv = siegel(
        &db,
        &["export", "2", "--format", "csv", "--part", "comparison"],
    );
    assert_eq!(csv.status.code(), Some(0), "{}", text(&csv.stderr));
    insta::assert_snapshot!("comparison-csv", text(&csv.stdout));
    let none = siegel(
        &db,
        &[
            "--lang",
            "en",
            "export",
            "1",
            "--format",
            "csv",
            "--part",
            "comparison",
        ],
    );
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(
        text(&none.stderr),
        "siegel: assessment 1 follows no earlier audit: --part comparison is for a Bilanzierung linked to the last audit\n"
    );

    let path = dir.path().join("bilanzierung.xlsx");
    let written = siegel(
        &db,
        &[
            "export",
            "2",
            "--format",
            "xlsx",
            "-o",
            path.to_str().unwrap(),
        ],
    );
    assert_eq!(written.status.code(), Some(0), "{}", text(&written.stderr));
    let mut workbook: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let names = workbook.sheet_names();
    assert_eq!(&names[6..], ["Vergleich", "Geänderte Antworten"]);
    let sheet = workbook.worksheet_range("Vergleich").unwrap();
    assert_eq!(
        sheet.get_value((0, 0)),
        Some(&Data::String(
            "Entwicklung seit dem letzten Audit (Erstaudit 2025)".into()
        ))
    );
    // Header on row 5, then HF1 × QP-BED: 2 then, 3 now, numbers as numbers.
    assert_eq!(
        sheet.get_value((4, 4)),
        Some(&Data::String("Bewertung 2025".into()))
    );
    assert_eq!(
        sheet.get_value((5, 2)),
        Some(&Data::String("QP-BED".into()))
    );
    assert_eq!(sheet.get_value((5, 4)), Some(&Data::Float(2.0)));
    assert_eq!(sheet.get_value((5, 5)), Some(&Data::Float(3.0)));
    assert_eq!(sheet.get_value((5, 6)), Some(&Data::String("höher".into())));
    assert_eq!(sheet.get_value((5, 10)), Some(&Data::Float(0.4)));
    let answers = workbook.worksheet_range("Geänderte Antworten").unwrap();
    assert_eq!(
        answers.get_value((1, 1)),
        Some(&Data::String("HF1.T1.F01".into()))
    );
    assert_eq!(
        answers.get_value((1, 4)),
        Some(&Data::String("teilweise".into()))
    );
    // The Erstaudit's workbook keeps its four sheets.
    let path = dir.path().join("erstaudit.xlsx");
    siegel(
        &db,
        &[
            "export",
            "1",
            "--format",
            "xlsx",
            "-o",
            path.to_str().unwrap(),
        ],
    );
    let workbook: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(workbook.sheet_names().len(), 6);
}

#[test]
fn explain_shows_which_cells_of_which_version_a_compared_score_uses() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    database(&db);
    let field = siegel(&db, &["explain", "2", "HF6"]);
    assert_eq!(field.status.code(), Some(0), "{}", text(&field.stderr));
    insta::assert_snapshot!("explain-compared-hf6", text(&field.stdout));
    let english = siegel(&db, &["--lang", "en", "explain", "2"]);
    let english = text(&english.stdout);
    let tail = &english[english.find("Comparison with the last audit").unwrap()..];
    assert!(
        tail.contains(
            "Score 2025: the ratings of assessment 1 (version 2025.1), computed with the weights and rules of version 2028.1"
        ),
        "{tail}"
    );
    assert!(tail.ends_with("Change: 2.1 → 2.3: ▲ +0.2\n"), "{tail}");
    // The Erstaudit follows nothing: no comparison.
    let first = text(&siegel(&db, &["explain", "1"]).stdout);
    assert!(!first.contains("Vergleich mit dem letzten Audit"));
}

/// `SIEGEL_EXPORT_SAMPLES=DIR cargo test write_bilanzierung_exports` writes the Bilanzierung's
/// reports to DIR, to look at them (headless Chromium, a spreadsheet).
#[test]
fn write_bilanzierung_exports() {
    let Some(out) = std::env::var_os("SIEGEL_EXPORT_SAMPLES") else {
        return;
    };
    let out = Path::new(&out);
    std::fs::create_dir_all(out).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    database(&db);
    for (format, name) in [
        ("md", "bilanzierung.md"),
        ("html", "bilanzierung.html"),
        ("json", "bilanzierung.json"),
        ("xlsx", "bilanzierung.xlsx"),
    ] {
        let file = out.join(name);
        let file = file.to_str().unwrap();
        let written = siegel(
            &db,
            &["export", "2", "--format", format, "-o", file, "--force"],
        );
        assert_eq!(written.status.code(), Some(0), "{}", text(&written.stderr));
    }
}
