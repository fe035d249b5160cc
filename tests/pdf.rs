//! The PDF report through `siegel export --format pdf`: read back with poppler's pdftotext and
//! pdfinfo (title, county, page numbers, every field of action, the closing block), the same
//! bytes on every export, PDF/A-2b declared, and the options and refusals of the command.

mod common;

use std::path::Path;
use std::process::Command;

use common::cli::{export_pdf, pdftotext, siegel, text};

fn pages(file: &Path) -> usize {
    let output = Command::new("pdfinfo")
        .arg(file)
        .output()
        .expect("pdfinfo runs");
    let info = text(&output.stdout);
    let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap();
    line["Pages:".len()..].trim().parse().unwrap()
}

const FIELDS: [&str; 6] = [
    "Handlungsfeld 1: Steuerung, Vernetzung, Nachhaltigkeit",
    "Handlungsfeld 2: Familie und Arbeitswelt, Betreuung",
    "Handlungsfeld 3: Bildung und Erziehung",
    "Handlungsfeld 4: Beratung und Unterstützung",
    "Handlungsfeld 5: Wohnumfeld und Lebensqualität",
    "Handlungsfeld 6: Senioren und Generationen",
];

#[test]
fn a_draft_reads_back_with_every_field_page_numbers_and_the_draft_mark_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    drop(common::rated_sample(&db));
    let first = dir.path().join("bericht.pdf");
    export_pdf(&db, "1", &first, &[]);
    let bytes = std::fs::read(&first).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    // PDF/A-2b, declared in the document's metadata.
    let metadata = String::from_utf8_lossy(&bytes);
    assert!(metadata.contains("<pdfaid:part>2</pdfaid:part>"));
    assert!(metadata.contains("<pdfaid:conformance>B</pdfaid:conformance>"));

    let n = pages(&first);
    assert!((8..=16).contains(&n), "{n} pages");
    let content = pdftotext(&first);
    for expected in [
        "Auswertung der Ist-Analyse: Landkreis Musterland",
        "Landkreis Musterland · audit familiengerechter Kreis",
        "Inhalt",
        "Bewertungsmatrix",
        "Gesamtwert",
        &format!("Seite 1 von {n}"),
        &format!("Seite {n} von {n}"),
    ] {
        assert!(content.contains(expected), "{expected}\n{content}");
    }
    for field in FIELDS {
        // In the table of contents and as the section's heading.
        assert!(content.matches(field).count() >= 2, "{field}");
    }
    // "Entwurf" in the running header of every page, beside the notice on the first.
    assert_eq!(content.matches("Entwurf").count(), n + 1);

    // The same state gives the same bytes.
    let second = dir.path().join("nochmal.pdf");
    export_pdf(&db, "1", &second, &[]);
    assert!(bytes == std::fs::read(&second).unwrap());

    // An existing file is not replaced without --force.
    let refused = siegel(
        &db,
        &[
            "export",
            "1",
            "--format",
            "pdf",
            "-o",
            first.to_str().unwrap(),
        ],
    );
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused.stderr));
    assert!(bytes == std::fs::read(&first).unwrap());
}

#[test]
fn a_finalised_report_has_its_closing_block_and_can_carry_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    let (mut store, id) = common::rated_sample(&db);
    common::finalise(&mut store, id);
    drop(store);
    let file = dir.path().join("final.pdf");
    export_pdf(&db, "1", &file, &[]);
    let content = pdftotext(&file);
    assert!(!content.contains("Entwurf"));
    for expected in [
        "Freigabe",
        "Ort, Datum",
        "Unterschrift Dr. Anna Prüfer",
        "abgeschlossen am 01.04.2025",
    ] {
        assert!(content.contains(expected), "{expected}");
    }
    assert!(!content.contains("Anhang: alle Antworten des Kreises"));

    let with_answers = dir.path().join("mit-antworten.pdf");
    export_pdf(&db, "1", &with_answers, &["--answers"]);
    let appendix = pdftotext(&with_answers);
    assert!(appendix.contains("Anhang: alle Antworten des Kreises"));
    // A question no report section quotes, with its answer.
    assert!(appendix.contains("HF3.T1.F01"), "{appendix}");
    assert!(pages(&with_answers) > pages(&file));
}

#[test]
fn the_command_refuses_what_a_pdf_cannot_do() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("siegel.db");
    drop(common::rated_sample(&db));
    // A PDF goes to a file, never to a terminal.
    let to_stdout = siegel(&db, &["export", "1", "--format", "pdf"]);
    assert_eq!(to_stdout.status.code(), Some(2));
    assert!(to_stdout.stdout.is_empty());
    let csv = siegel(&db, &["export", "1", "--format", "csv", "--answers"]);
    assert_eq!(csv.status.code(), Some(2));
    assert_eq!(
        text(&csv.stderr),
        "siegel: --answers gilt nur für die Berichte (--format pdf, html, md)\n"
    );
}
