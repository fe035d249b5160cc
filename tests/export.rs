//! The exports of the rated sample county: snapshots of Markdown, JSON and CSV, well-formed
//! HTML with its chart, a workbook with four sheets, byte-identical output on every run, and
//! the explain tree.

mod common;

use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use siegel::catalog::Lang;
use siegel::domain::assessment::{Assessment, AssessmentId};
use siegel::domain::scoring::score;
use siegel::export::{self, Format, Options, Part, Report, explain};
use siegel::store::Store;

fn load(store: &mut Store, id: AssessmentId) -> (Assessment, Option<String>) {
    let assessment = store.load(id).unwrap();
    let head = store.log(id, None).unwrap().pop().map(|r| r.hash);
    (assessment, head)
}

fn render(store: &mut Store, id: AssessmentId, format: Format, options: &Options) -> Vec<u8> {
    let (assessment, head) = load(store, id);
    let signoffs = store.signoff_states(id).unwrap();
    let report = Report::new(&assessment, head, Lang::De).with_signoffs(&signoffs);
    export::export(&report, format, options).unwrap()
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap()
}

fn sample() -> (tempfile::TempDir, Store, AssessmentId) {
    let dir = tempfile::tempdir().unwrap();
    let (store, id) = common::rated_sample(&dir.path().join("siegel.db"));
    (dir, store, id)
}

fn csv_options(part: Part) -> Options {
    Options {
        part,
        ..Options::default()
    }
}

#[test]
fn markdown_report_snapshot() {
    let (_dir, mut store, id) = sample();
    let markdown = text(render(
        &mut store,
        id,
        Format::Markdown,
        &Options::default(),
    ));
    insta::assert_snapshot!("markdown", markdown);
}

#[test]
fn json_export_snapshot_and_schema_shape() {
    let (_dir, mut store, id) = sample();
    let json = text(render(&mut store, id, Format::Json, &Options::default()));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["format"], 1);
    assert_eq!(value["questionnaire"]["id"], "fgk-kreis");
    assert_eq!(value["cells"].as_array().unwrap().len(), 42);
    assert_eq!(value["questions"].as_array().unwrap().len(), 110);
    assert_eq!(
        value["trail_head"],
        store.log(id, None).unwrap().pop().unwrap().hash.as_str()
    );
    insta::assert_snapshot!("json", json);
}

#[test]
fn csv_exports_snapshots() {
    let (_dir, mut store, id) = sample();
    let cells = text(render(
        &mut store,
        id,
        Format::Csv,
        &csv_options(Part::Cells),
    ));
    assert!(cells.starts_with('\u{feff}'), "a byte-order mark for Excel");
    assert!(cells.contains("\r\n"), "records end with CR LF");
    assert_eq!(cells.lines().count(), 43, "a header and 42 cells");
    insta::assert_snapshot!("csv_cells", cells);
    let answers = text(render(
        &mut store,
        id,
        Format::Csv,
        &csv_options(Part::Answers),
    ));
    insta::assert_snapshot!("csv_answers", answers);
}

#[test]
fn csv_separator_and_formula_defusing() {
    let (_dir, mut store, id) = sample();
    let comma = text(render(
        &mut store,
        id,
        Format::Csv,
        &Options {
            part: Part::Answers,
            separator: ',',
        },
    ));
    let header = comma.lines().next().unwrap();
    assert_eq!(
        header,
        "\u{feff}Handlungsfeld,Thema,Frage-ID,Frage,Antwort,Kommentar des Kreises,Handlungsbedarf,gesichtet,Notiz,Rückfragen"
    );
    // The note that starts with "=" is text, not a formula.
    assert!(comma.contains(",'=Prüfen: Seniorenbeirat laut Presse 2024 gegründet?,"));
    assert!(!comma.contains(",=Prüfen"));
}

#[test]
fn html_is_well_formed_self_contained_and_has_the_chart() {
    let (_dir, mut store, id) = sample();
    let html = text(render(&mut store, id, Format::Html, &Options::default()));
    let document = common::parse_html(&html);
    let svg_ns = "http://www.w3.org/2000/svg";
    let svg = document
        .descendants()
        .find(|n| n.has_tag_name((svg_ns, "svg")))
        .expect("an SVG radar chart");
    assert!(
        svg.descendants()
            .any(|n| n.has_tag_name((svg_ns, "circle")))
    );
    let axis_labels: String = svg
        .descendants()
        .filter(|n| n.has_tag_name((svg_ns, "tspan")))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        axis_labels.contains("6 Senioren und Generationen"),
        "{axis_labels}"
    );
    assert!(
        axis_labels.contains("(nicht bewertbar)"),
        "HF5 has no score"
    );
    // Nothing is loaded from elsewhere and nothing runs.
    for tag in ["script", "link", "img", "iframe"] {
        assert!(
            !document.descendants().any(|n| n.tag_name().name() == tag),
            "<{tag}> in a self-contained report"
        );
    }
    assert!(html.contains("@page { size: A4"));
    // Every printed page names the county, says it is a draft, and counts pages.
    assert!(html.contains("@page { @top-left { content: \"Landkreis Musterland\"; font: 8pt"));
    assert!(html.contains("@top-right { content: \"Entwurf\";"));
    assert!(
        html.contains(
            "@bottom-right { content: \"Seite \" counter(page) \" von \" counter(pages);"
        )
    );
    // The Ampel zones are told apart without colour too: a dashed line where each one ends.
    assert_eq!(html.matches("class=\"zone-edge\"").count(), 2);
    // County and auditor text is escaped, never markup.
    assert!(
        html.contains(
            "Taktung &lt;30 min&gt; nur in *Musterstadt* | Rest [stündlich] &amp; seltener"
        )
    );
    // The heat map reads without colour: digit and word.
    assert!(html.contains("<span class=\"digit\">3</span><span class=\"word\">weitgehend</span>"));
    assert_eq!(html.matches("<section class=\"field\"").count(), 6);
}

#[test]
fn workbook_has_its_sheets_the_matrix_and_every_finding() {
    let (dir, mut store, id) = sample();
    let bytes = render(&mut store, id, Format::Xlsx, &Options::default());
    let path = dir.path().join("bericht.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let mut workbook: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        [
            "Übersicht",
            "Befunde",
            "Bewertung",
            "Begründungen",
            "Antworten und Notizen",
            "Rückfragen"
        ]
    );
    let overview = workbook.worksheet_range("Übersicht").unwrap();
    assert_eq!(
        overview.get_value((0, 0)),
        Some(&Data::String(
            "Auswertung der Ist-Analyse: Landkreis Musterland".into()
        ))
    );
    // Dates are dates: the reporting date, and when a follow-up question was asked.
    let reporting_row = (0..overview.height() as u32)
        .find(|&r| overview.get_value((r, 0)) == Some(&Data::String("Stichtag der Angaben".into())))
        .unwrap();
    assert!(
        matches!(
            overview.get_value((reporting_row, 1)),
            Some(Data::DateTime(_))
        ),
        "{:?}",
        overview.get_value((reporting_row, 1))
    );
    // The overall assessment beside its label.
    let assessment = store.load(id).unwrap();
    let overall_row = (0..overview.height() as u32)
        .find(|&r| overview.get_value((r, 0)) == Some(&Data::String("Gesamteinschätzung".into())))
        .unwrap();
    assert_eq!(
        overview.get_value((overall_row, 1)),
        Some(&Data::String(assessment.overall.trim().into()))
    );
    // Every finding, field by field, under a header row.
    let findings = workbook.worksheet_range("Befunde").unwrap();
    assert_eq!(findings.height(), assessment.findings.len() + 1);
    assert_eq!(
        findings.get_value((0, 1)),
        Some(&Data::String("Art".into()))
    );
    assert_eq!(
        findings.get_value((1, 0)),
        Some(&Data::String(
            "1 Steuerung, Vernetzung, Nachhaltigkeit".into()
        ))
    );
    // The rationales on a sheet of their own: a header and every cell of the matrix.
    let rationales = workbook.worksheet_range("Begründungen").unwrap();
    assert_eq!(rationales.height(), 43);
    assert_eq!(
        rationales.get_value((0, 3)),
        Some(&Data::String("Begründung".into()))
    );
    let ratings = workbook.worksheet_range("Bewertung").unwrap();
    assert!(
        (0..ratings.height() as u32)
            .all(|r| ratings.get_value((r, 3)) != Some(&Data::String("Begründung".into()))),
        "the matrix sheet has no rationale list under it"
    );
    assert_eq!(
        ratings.get_value((0, 1)),
        Some(&Data::String("Bedarfsorientierung".into()))
    );
    // HF2 × Vernetzung und Kooperation is level 4, stored as a number.
    assert_eq!(ratings.get_value((2, 4)), Some(&Data::Float(4.0)));
    assert_eq!(
        ratings.get_value((3, 7)),
        Some(&Data::String("nicht zutreffend".into()))
    );
    let answers = workbook.worksheet_range("Antworten und Notizen").unwrap();
    assert_eq!(answers.height(), 111, "a header and 110 questions");
    let follow_ups = workbook.worksheet_range("Rückfragen").unwrap();
    assert_eq!(follow_ups.height(), 4, "a header and three follow-ups");
    assert_eq!(
        follow_ups.get_value((1, 5)),
        Some(&Data::String("offen".into()))
    );
    match follow_ups.get_value((1, 6)) {
        Some(Data::DateTime(at)) => assert!(at.as_f64() > 45_000.0, "{at:?}"),
        other => panic!("not a date: {other:?}"),
    }
}

#[test]
fn every_format_is_byte_identical_on_every_run_and_after_reopening() {
    let (dir, mut store, id) = sample();
    let formats = [
        (Format::Markdown, Options::default()),
        (Format::Html, Options::default()),
        (Format::Json, Options::default()),
        (Format::Csv, csv_options(Part::Cells)),
        (Format::Csv, csv_options(Part::Answers)),
        (Format::Xlsx, Options::default()),
    ];
    let first: Vec<Vec<u8>> = formats
        .iter()
        .map(|(f, o)| render(&mut store, id, *f, o))
        .collect();
    let second: Vec<Vec<u8>> = formats
        .iter()
        .map(|(f, o)| render(&mut store, id, *f, o))
        .collect();
    drop(store);
    let mut reopened = Store::open(&dir.path().join("siegel.db")).unwrap();
    let third: Vec<Vec<u8>> = formats
        .iter()
        .map(|(f, o)| render(&mut reopened, id, *f, o))
        .collect();
    for (index, (format, _)) in formats.iter().enumerate() {
        assert!(
            first[index] == second[index],
            "{format:?} differs between two runs"
        );
        assert!(
            first[index] == third[index],
            "{format:?} differs after reopening"
        );
    }
}

fn explain_lines(field: Option<&str>, lang: Lang) -> Vec<String> {
    let (_dir, mut store, id) = sample();
    let assessment = store.load(id).unwrap();
    let scores = score(&assessment.definition, &assessment.cells);
    explain::lines(&assessment, &scores, field, lang).unwrap()
}

#[test]
fn explain_a_field_by_hand() {
    // HF1: (1.5·2 + 1.5·3 + 1 + 3 + 2 + 2 + 2) / (1.5 + 1.5 + 5) = 17.5 / 8 = 2.1875 → 2.2.
    assert_eq!(
        explain_lines(Some("HF1"), Lang::De),
        [
            "HF1 Steuerung, Vernetzung, Nachhaltigkeit",
            "  Regel: gewichteter Mittelwert der bewerteten Qualitätsparameter",
            "  QP-BED Bedarfsorientierung: 2 teilweise; Gewicht 1,5 × 2 = 3",
            "  QP-STR Strategische Verankerung: 3 weitgehend; Gewicht 1,5 × 3 = 4,5",
            "  QP-BET Beteiligung: 1 Ansätze; Gewicht 1 × 1 = 1",
            "  QP-VER Vernetzung und Kooperation: 3 weitgehend; Gewicht 1 × 3 = 3",
            "  QP-NAC Nachhaltigkeit und Verstetigung: 2 teilweise; Gewicht 1 × 2 = 2",
            "  QP-TRA Transparenz und Information: 2 teilweise; Gewicht 1 × 2 = 2",
            "  QP-ZUG Zugänglichkeit und Inklusion: 2 teilweise; Gewicht 1 × 2 = 2",
            "  Summe Gewicht × Wert = 17,5; Summe der Gewichte = 8",
            "  bewerteter Anteil 100 % (Gewicht 8 von 8), Mindestanteil 60 %: erreicht",
            "  Wert ungerundet 2,1875, gerundet auf 1 Nachkommastelle 2,2",
            "  Ampel: teilweise entwickelt (gelb, bis 2,5)",
            "Hinweis: Die Ampel dient nur der Orientierung und ist kein Prüfergebnis. Über das Zertifikat entscheidet die Begutachtung der vom Kreistag beschlossenen Zielvereinbarung, nicht ein Punktwert.",
        ]
    );
}

#[test]
fn explain_names_what_was_left_out_and_why() {
    let hf5 = explain_lines(Some("HF5"), Lang::En);
    assert!(hf5.contains(
        &"  QP-BED Bedarfsorientierung: weight 1.5, not assessable: missing: counts only against the rated share".to_string()
    ));
    // Rated: VER, TRA, ZUG = weight 3 of 1.5 + 1.5 + 5 = 8: 37.5 % < 60 %.
    assert!(
        hf5.contains(
            &"  rated share 37.5 % (weight 3 of 8), minimum 60 %: not reached".to_string()
        )
    );
    assert!(hf5.contains(&"  not assessable: too little is rated".to_string()));

    let hf3 = explain_lines(Some("HF3"), Lang::De);
    assert!(hf3.contains(
        &"  QP-ZUG Zugänglichkeit und Inklusion: Gewicht 1, nicht zutreffend: bleibt außen vor (weder Zähler noch Nenner)".to_string()
    ));
    let hf6 = explain_lines(Some("HF6"), Lang::De);
    assert!(hf6.contains(
        &"  QP-NAC Nachhaltigkeit und Verstetigung: Gewicht 1, unbewertet: fehlt: zählt nur beim bewerteten Anteil".to_string()
    ));

    let overall = explain_lines(None, Lang::De);
    assert_eq!(
        overall[0],
        "Gesamtwert – Landkreis Musterland (fgk-kreis@2025.1)"
    );
    assert!(overall.contains(
        &"  HF5 Wohnumfeld und Lebensqualität: Gewicht 1, nicht bewertbar: fehlt: zählt nur beim bewerteten Anteil".to_string()
    ));
    assert!(overall.contains(
        &"  HF1 Steuerung, Vernetzung, Nachhaltigkeit: Gewicht 1 × 2,1875 = 2,1875".to_string()
    ));
    assert!(overall.iter().any(|l| l.starts_with("  Ampel: ")));

    let (_dir, mut store, id) = sample();
    let assessment = store.load(id).unwrap();
    let scores = score(&assessment.definition, &assessment.cells);
    assert_eq!(
        explain::lines(&assessment, &scores, Some("HF9"), Lang::De),
        Err(explain::UnknownField("HF9".into()))
    );
}

/// `SIEGEL_EXPORT_SAMPLES=DIR cargo test write_sample_exports` writes every format of the rated
/// sample to DIR, to look at them (in a browser, a spreadsheet, headless Chromium).
#[test]
fn write_sample_exports() {
    let Some(dir) = std::env::var_os("SIEGEL_EXPORT_SAMPLES") else {
        return;
    };
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir).unwrap();
    let (_tmp, mut store, id) = sample();
    for (format, options, name) in [
        (Format::Markdown, Options::default(), "musterland.md"),
        (Format::Html, Options::default(), "musterland.html"),
        (Format::Pdf, Options::default(), "musterland.pdf"),
        (Format::Json, Options::default(), "musterland.json"),
        (
            Format::Csv,
            csv_options(Part::Cells),
            "musterland-cells.csv",
        ),
        (
            Format::Csv,
            csv_options(Part::Answers),
            "musterland-answers.csv",
        ),
        (Format::Xlsx, Options::default(), "musterland.xlsx"),
    ] {
        std::fs::write(dir.join(name), render(&mut store, id, format, &options)).unwrap();
    }
    common::finalise(&mut store, id);
    for (format, name) in [
        (Format::Markdown, "musterland-final.md"),
        (Format::Html, "musterland-final.html"),
        (Format::Pdf, "musterland-final.pdf"),
    ] {
        let bytes = render(&mut store, id, format, &Options::default());
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

#[test]
fn a_finalised_report_leaves_out_empty_sections() {
    let (_dir, mut store, id) = sample();
    let draft = text(render(&mut store, id, Format::Html, &Options::default()));
    // A draft says for every field that no follow-up question is open (four fields here).
    assert_eq!(draft.matches("Keine offenen Rückfragen.").count(), 4);
    common::finalise(&mut store, id);
    for format in [Format::Html, Format::Markdown] {
        let finalised = text(render(&mut store, id, format, &Options::default()));
        assert!(
            !finalised.contains("Keine offenen Rückfragen."),
            "{format:?}"
        );
        assert_eq!(
            finalised.matches("Offene Rückfragen").count(),
            2,
            "{format:?}"
        );
        assert!(!finalised.contains("Entwurf"), "{format:?}");
        // The status says when; the report date is the finalisation's.
        assert!(
            finalised.contains("abgeschlossen am 01.04.2025 ("),
            "{format:?}"
        );
        // The auditor has not signed with a key: the closing block has lines to sign on.
        assert!(
            finalised.contains("Unterschrift Dr. Anna Prüfer"),
            "{format:?}"
        );
    }
}

#[test]
fn an_internal_note_stays_out_of_the_countys_copy() {
    use siegel::store::{Edit, OpenMode};
    let (_dir, mut store, id) = sample();
    let note = store.load(id).unwrap().reviews["HF1.T1.F01"].note.clone();
    assert!(!note.is_empty());
    let (mut session, _) = store
        .open_session(id, common::AUDITOR, OpenMode::Edit)
        .unwrap();
    let internal = Edit::SetNoteInternal {
        question: "HF1.T1.F01".into(),
        internal: true,
    };
    store.apply(&mut session, internal).unwrap();
    store.close_session(&session).unwrap();
    // Recorded in the trail, which verify replays; a flag changed with SQL is found.
    let last = store.log(id, None).unwrap().pop().unwrap();
    assert_eq!(
        (
            last.entity.as_str(),
            last.old.as_deref(),
            last.new.as_deref()
        ),
        ("note_internal", Some("false"), Some("true"))
    );
    assert!(store.verify(id, None).unwrap().problems.is_empty());

    let (assessment, head) = load(&mut store, id);
    let first_line = note.lines().next().unwrap();
    for format in [Format::Markdown, Format::Html, Format::Json, Format::Csv] {
        let options = match format {
            Format::Csv => csv_options(Part::Answers),
            _ => Options::default(),
        };
        let county = Report::new(&assessment, head.clone(), Lang::De);
        let county = text(export::export(&county, format, &options).unwrap());
        assert!(!county.contains(first_line), "{format:?}");
        let association = Report::new(&assessment, head.clone(), Lang::De).with_internal(true);
        let association = text(export::export(&association, format, &options).unwrap());
        assert!(association.contains(first_line), "{format:?}");
    }
    // The county's JSON does not even say that there is an internal note.
    let county = Report::new(&assessment, head, Lang::De);
    let json: serde_json::Value = serde_json::from_slice(
        &export::export(&county, Format::Json, &Options::default()).unwrap(),
    )
    .unwrap();
    let question = (json["questions"].as_array().unwrap().iter())
        .find(|q| q["id"] == "HF1.T1.F01")
        .unwrap();
    assert_eq!(
        (
            question["note"].as_str(),
            question["note_internal"].as_bool()
        ),
        (Some(""), Some(false))
    );

    let conn = rusqlite::Connection::open(_dir.path().join("siegel.db")).unwrap();
    conn.execute("UPDATE question_review SET internal = 0", [])
        .unwrap();
    let problems = store.verify(id, None).unwrap().problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
}

/// The report model's outline: every section and, in order, what it holds. Markdown, HTML and
/// PDF render this one model; their own tests check how.
#[test]
fn report_model_outline() {
    use siegel::export::document::{self, Block};
    let (_dir, mut store, id) = sample();
    let (assessment, head) = load(&mut store, id);
    let report = Report::new(&assessment, head, Lang::De);
    let model = document::build(&report, true);
    let mut outline = format!("{} [{}]\n", model.title, model.lang);
    for section in &model.sections {
        outline.push_str(&format!("\n## {} ({})\n", section.title, section.id));
        for block in &section.blocks {
            let line = match block {
                Block::Heading { text } => format!("### {text}"),
                Block::Text { style, text } => format!("text {style:?}: {} chars", text.len()),
                Block::Score(s) => format!("score {}: {:?}", s.label, s.number),
                Block::Matrix(m) => format!(
                    "matrix {} {}×{}, {} total rows",
                    m.class,
                    m.rows.len(),
                    m.fields.len(),
                    m.totals.len()
                ),
                Block::Table(t) => {
                    format!("table {} {}×{}", t.class, t.rows.len(), t.columns.len())
                }
                Block::List { items } => format!("list of {}", items.len()),
                Block::Findings { groups } => format!(
                    "findings {:?}",
                    groups.iter().map(|g| g.items.len()).collect::<Vec<_>>()
                ),
                Block::Answer(a) => format!("answer {} ({} entries)", a.id, a.entries.len()),
                Block::Figure { caption, .. } => format!("figure: {caption}"),
                Block::Signatures { signers } => format!("signatures of {}", signers.len()),
            };
            outline.push_str(&line);
            outline.push('\n');
        }
    }
    insta::assert_snapshot!("report-model-outline", outline);
}
