//! `siegel explain`, `finalize`, `reopen` and `export` as a user runs them, on the rated sample.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use siegel::catalog::Lang;
use siegel::domain::assessment::Rating;
use siegel::export::{self, Format, Options, Report};
use siegel::store::{Edit, OpenMode, Store, StoreError};

fn siegel(args: &[&str], home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_siegel"))
        .args(args)
        .env("SIEGEL_DATA_DIR", home)
        .env_remove("SIEGEL_DB")
        .env_remove("SIEGEL_LANG")
        .env_remove("SIEGEL_TZ")
        .env("SIEGEL_AUDITOR", common::AUDITOR)
        .output()
        .expect("siegel runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// A data directory holding the rated sample as assessment 1.
fn home() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    common::rated_sample(&home.path().join("siegel.db"));
    home
}

#[test]
fn explain_prints_the_tree_in_the_questionnaires_language() {
    let home = home();
    let output = siegel(&["explain", "1", "HF3"], home.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(
        out.starts_with("HF3 Bildung und Erziehung\n  Regel: "),
        "{out}"
    );
    assert!(out.contains("  QP-ZUG Zugänglichkeit und Inklusion: Gewicht 1, nicht zutreffend: bleibt außen vor (weder Zähler noch Nenner)\n"));
    assert!(out.contains("  Ampel: teilweise entwickelt (gelb, bis 2,5)\n"));

    let english = siegel(&["--lang", "en", "explain", "1"], home.path());
    let out = stdout(&english);
    assert!(out.starts_with("Overall score – Landkreis Musterland (fgk-kreis@2025.1)\n"));
    assert!(out.contains("\n    rule: weighted mean of the rated quality parameters\n"));
    assert!(out.ends_with("Note: Die Ampel dient nur der Orientierung und ist kein Prüfergebnis. Über das Zertifikat entscheidet die Begutachtung der vom Kreistag beschlossenen Zielvereinbarung, nicht ein Punktwert.\n"));

    let unknown = siegel(&["--lang", "en", "explain", "1", "HF9"], home.path());
    assert_eq!(unknown.status.code(), Some(1));
    assert_eq!(
        stderr(&unknown),
        "siegel: \"HF9\" is not a field of action of this questionnaire\n"
    );
}

#[test]
fn finalize_lists_exactly_what_is_missing_then_locks() {
    let home = home();
    let refused = siegel(&["--lang", "de", "finalize", "1"], home.path());
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        stdout(&refused),
        "HF6 Senioren und Generationen / QP-BET Beteiligung: Begründung fehlt (für „0 nicht vorhanden“ vorgeschrieben)\n\
         HF6 Senioren und Generationen / QP-NAC Nachhaltigkeit und Verstetigung: nicht bewertet\n\
         Rückfrage 1 zu Frage HF1.T2.F02 ist offen: Bitte den Stellenanteil der Familienbeauftragten ab 2026 angeben.\n\
         Rückfrage 3 zu Frage HF5.T2.F02 ist offen: Gibt es Daten zur Erreichbarkeit der Kitas mit dem ÖPNV?\n"
    );
    assert_eq!(
        stderr(&refused),
        "siegel: Bewertung 1 kann noch nicht abgeschlossen werden; offen: 4 Punkte (oben aufgeführt)\n"
    );

    // The auditor writes the rationale and rates the last cell.
    let db = home.path().join("siegel.db");
    {
        let mut store = Store::open(&db).unwrap();
        let (mut session, _) = store
            .open_session(1, common::AUDITOR, OpenMode::Edit)
            .unwrap();
        for edit in [
            Edit::SetRationale {
                field: "HF6".into(),
                parameter: "QP-BET".into(),
                text: "Keine Seniorenvertretung auf Kreisebene.".into(),
            },
            Edit::SetRating {
                field: "HF6".into(),
                parameter: "QP-NAC".into(),
                rating: Some(Rating::Level(2)),
            },
        ] {
            store.apply(&mut session, edit).unwrap();
        }
        store.close_session(&session).unwrap();
    }
    let open = siegel(&["--lang", "en", "finalize", "1"], home.path());
    assert_eq!(open.status.code(), Some(1));
    assert_eq!(stdout(&open).lines().count(), 2, "only the open follow-ups");
    assert!(stdout(&open).starts_with("follow-up question 1 on question HF1.T2.F02 is open: "));

    let finalized = siegel(
        &["--lang", "en", "finalize", "1", "--allow-open"],
        home.path(),
    );
    assert_eq!(finalized.status.code(), Some(0), "{}", stderr(&finalized));
    let out = stdout(&finalized);
    assert!(
        out.starts_with("assessment 1 finalised; content hash "),
        "{out}"
    );
    assert!(out.ends_with(
        "finalised with 2 open follow-up questions (--allow-open); recorded in the trail\n"
    ));
    let log = stdout(&siegel(&["log", "1"], home.path()));
    let last = log.lines().last().unwrap();
    assert!(last.contains("\tin_progress → finalized "), "{last}");
    assert!(last.ends_with(" allow_open_follow_ups=2"), "{last}");

    // Locked: a change is refused, the export says so.
    let mut store = Store::open(&db).unwrap();
    let (mut session, _) = store
        .open_session(1, common::AUDITOR, OpenMode::Edit)
        .unwrap();
    assert_eq!(
        store.apply(
            &mut session,
            Edit::SetOverall {
                text: "später".into()
            }
        ),
        Err(StoreError::Finalized(1))
    );
    store.close_session(&session).unwrap();
    let json = stdout(&siegel(&["export", "1", "--format", "json"], home.path()));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["status"], "finalized");
    assert_eq!(value["final_hash"].as_str().map(str::len), Some(64));

    let reopened = siegel(&["--lang", "en", "reopen", "1"], home.path());
    assert_eq!(reopened.status.code(), Some(0), "{}", stderr(&reopened));
    assert_eq!(
        stdout(&reopened),
        "assessment 1 reopened; recorded in the trail\n"
    );
    let log = stdout(&siegel(&["log", "1"], home.path()));
    assert!(
        log.lines()
            .last()
            .unwrap()
            .ends_with("\tfinalized → in_progress")
    );
    let again = siegel(&["--lang", "en", "reopen", "1"], home.path());
    assert_eq!(stderr(&again), "siegel: assessment 1 is not finalised\n");
}

#[test]
fn export_writes_what_the_library_renders_and_the_same_every_time() {
    let home = home();
    let db = home.path().join("siegel.db");
    let expected = {
        let mut store = Store::open(&db).unwrap();
        let assessment = store.load(1).unwrap();
        let head = store.log(1, None).unwrap().pop().map(|r| r.hash);
        let report = Report::new(&assessment, head, Lang::De);
        export::export(&report, Format::Markdown, &Options::default()).unwrap()
    };
    // Without --lang, the report is in the questionnaire's language whatever SIEGEL_LANG says.
    let first = Command::new(env!("CARGO_BIN_EXE_siegel"))
        .args(["export", "1", "--format", "md"])
        .env("SIEGEL_DATA_DIR", home.path())
        .env_remove("SIEGEL_DB")
        .env("SIEGEL_LANG", "en")
        .output()
        .unwrap();
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(first.stdout == expected, "the CLI and the library differ");
    let second = siegel(&["export", "1", "--format", "md"], home.path());
    assert!(first.stdout == second.stdout);

    let english = siegel(
        &["export", "1", "--format", "md", "--lang", "en"],
        home.path(),
    );
    assert!(
        stdout(&english).starts_with("# Assessment of the Ist-Analyse: Landkreis Musterland\n")
    );

    let csv = siegel(
        &[
            "export",
            "1",
            "--format",
            "csv",
            "--part",
            "answers",
            "--separator",
            ",",
        ],
        home.path(),
    );
    assert!(stdout(&csv).starts_with("\u{feff}Handlungsfeld,Thema,Frage-ID,"));

    let file = home.path().join("bericht.xlsx");
    let xlsx = siegel(
        &[
            "--lang",
            "en",
            "export",
            "1",
            "--format",
            "xlsx",
            "-o",
            file.to_str().unwrap(),
        ],
        home.path(),
    );
    assert_eq!(xlsx.status.code(), Some(0), "{}", stderr(&xlsx));
    assert_eq!(stdout(&xlsx), format!("written: {}\n", file.display()));
    let first_bytes = std::fs::read(&file).unwrap();
    assert!(first_bytes.starts_with(b"PK"), "a zip container");
    siegel(
        &[
            "--lang",
            "en",
            "export",
            "1",
            "--format",
            "xlsx",
            "-o",
            file.to_str().unwrap(),
        ],
        home.path(),
    );
    assert!(
        std::fs::read(&file).unwrap() == first_bytes,
        "the workbook is byte-identical"
    );
    assert!(
        std::fs::read_dir(home.path()).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".partial")),
        "no partial file is left behind"
    );
}

#[test]
fn export_refuses_what_makes_no_sense() {
    let home = home();
    let binary = siegel(
        &["--lang", "en", "export", "1", "--format", "xlsx"],
        home.path(),
    );
    assert_eq!(binary.status.code(), Some(2));
    assert_eq!(
        stderr(&binary),
        "siegel: xlsx is a binary format: write it to a file with -o FILE.xlsx\n"
    );
    assert!(binary.stdout.is_empty());
    let part = siegel(
        &[
            "--lang", "en", "export", "1", "--format", "md", "--part", "answers",
        ],
        home.path(),
    );
    assert_eq!(part.status.code(), Some(2));
    assert_eq!(
        stderr(&part),
        "siegel: --part applies to --format csv only\n"
    );
    let separator = siegel(
        &["export", "1", "--format", "csv", "--separator", "|"],
        home.path(),
    );
    assert_eq!(separator.status.code(), Some(2));
    let missing = siegel(
        &["--lang", "en", "export", "7", "--format", "json"],
        home.path(),
    );
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(
        stderr(&missing),
        "siegel: there is no assessment 7 (siegel list shows them all)\n"
    );
    let nowhere = siegel(
        &[
            "--lang",
            "en",
            "export",
            "1",
            "--format",
            "md",
            "-o",
            "/nonexistent/dir/r.md",
        ],
        home.path(),
    );
    assert_eq!(nowhere.status.code(), Some(1));
    assert!(stderr(&nowhere).starts_with("siegel: export failed: /nonexistent/dir/r.md: "));
}

#[test]
fn export_never_replaces_a_file_without_force() {
    let home = home();
    let file = home.path().join("bericht.md");
    std::fs::write(&file, "Bericht von Hand ergänzt").unwrap();
    let name = file.display().to_string();
    let refused = siegel(
        &["--lang", "en", "export", "1", "--format", "md", "-o", &name],
        home.path(),
    );
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        stderr(&refused),
        format!("siegel: {name} exists already; --force replaces it\n")
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "Bericht von Hand ergänzt"
    );
    let forced = siegel(
        &["export", "1", "--format", "md", "-o", &name, "--force"],
        home.path(),
    );
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("Landkreis Musterland")
    );
}

#[test]
fn export_into_a_directory_takes_the_proposed_name() {
    let home = home();
    let dir = home.path().join("berichte");
    std::fs::create_dir(&dir).unwrap();
    let name = dir.display().to_string();
    let args = ["--lang", "en", "export", "1", "--format", "md", "-o", &name];
    let written = siegel(&args, home.path());
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    let file = dir.join("musterland-2025-erstaudit-nr1-entwurf.md");
    assert_eq!(
        String::from_utf8_lossy(&written.stdout),
        format!("written: {}\n", file.display())
    );
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("Landkreis Musterland")
    );
    // The second time, the file in it is not replaced without --force.
    let again = siegel(&args, home.path());
    assert_eq!(
        stderr(&again),
        format!(
            "siegel: {} exists already; --force replaces it\n",
            file.display()
        )
    );
}

#[test]
fn an_unknown_auditor_is_named_in_the_language_asked_for() {
    let home = tempfile::tempdir().unwrap();
    let sample = siegel::questionnaires::SAMPLE_ANSWERS;
    let file = home.path().join("antworten.json");
    std::fs::write(&file, sample.1).unwrap();
    let import = Command::new(env!("CARGO_BIN_EXE_siegel"))
        .args(["--lang", "en", "import", &file.display().to_string()])
        .env("SIEGEL_DATA_DIR", home.path())
        .env_remove("SIEGEL_DB")
        .env_remove("SIEGEL_AUDITOR")
        .env_remove("USER")
        .output()
        .unwrap();
    assert_eq!(import.status.code(), Some(0), "{}", stderr(&import));
    let list = siegel(&["list", "--json"], home.path());
    assert!(
        stdout(&list).contains("\"auditor\": \"unknown\""),
        "{}",
        stdout(&list)
    );
}

#[test]
fn export_internal_is_the_associations_copy() {
    use siegel::store::{Edit, OpenMode, Store};
    let home = home();
    let mut store = Store::open(&home.path().join("siegel.db")).unwrap();
    let (mut session, _) = store
        .open_session(1, common::AUDITOR, OpenMode::Edit)
        .unwrap();
    let internal = Edit::SetNoteInternal {
        question: "HF1.T1.F01".into(),
        internal: true,
    };
    store.apply(&mut session, internal).unwrap();
    store.close_session(&session).unwrap();
    let note = "Leitbild nur vom Jugendhilfeausschuss beschlossen";
    let county = siegel(&["export", "1", "--format", "md"], home.path());
    assert!(!stdout(&county).contains(note));
    let association = siegel(
        &["export", "1", "--format", "md", "--internal"],
        home.path(),
    );
    assert!(stdout(&association).contains(note));
}
