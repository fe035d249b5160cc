//! `siegel import`, `list`, `log`, `verify` and `paths` as a user runs them.

use std::path::Path;
use std::process::{Command, Output};

const SAMPLE: &str = "questionnaires/samples/musterland-2025-erstaudit.json";

fn siegel(args: &[&str], home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_siegel"))
        .args(args)
        .env("SIEGEL_DATA_DIR", home)
        .env_remove("SIEGEL_DB")
        .env_remove("SIEGEL_LANG")
        .env_remove("SIEGEL_TZ")
        .env("SIEGEL_AUDITOR", "Dr. Anna Prüfer")
        .output()
        .expect("siegel runs")
}

fn text(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn error_text(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn import_prints_the_id_last_and_list_shows_it() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("elsewhere/audit.db");
    let db = db.to_str().unwrap();
    let output = siegel(&["--lang", "en", "import", SAMPLE, "--db", db], home.path());
    assert_eq!(output.status.code(), Some(0), "{}", error_text(&output));
    let out = text(&output);
    assert_eq!(out.lines().last(), Some("1"));
    assert!(out.contains("imported Landkreis Musterland (fgk-kreis@2025.1) as assessment 1\n"));
    assert!(Path::new(db).exists());
    assert!(
        !home.path().join("siegel.db").exists(),
        "--db after the command counts"
    );

    // --db before the command, and SIEGEL_DB, name the same file.
    let second = siegel(&["--db", db, "import", SAMPLE], home.path());
    assert_eq!(text(&second).lines().last(), Some("2"));
    let listed = Command::new(env!("CARGO_BIN_EXE_siegel"))
        .args(["--lang", "en", "list"])
        .env("SIEGEL_DATA_DIR", home.path())
        .env("SIEGEL_DB", db)
        .output()
        .unwrap();
    let lines: Vec<String> = text(&listed).lines().map(str::to_string).collect();
    assert_eq!(
        lines[0],
        "ID\tCOUNTY\tQUESTIONNAIRE\tAUDITOR\tREVIEWED\tRATED\tSTATUS\tCHANGED"
    );
    assert_eq!(lines.len(), 3);
    assert!(lines[1].starts_with(
        "2\tLandkreis Musterland\tfgk-kreis@2025.1\tDr. Anna Prüfer\t0/110\t0/42\tin progress\t"
    ));

    let json = siegel(&["list", "--json", "--db", db], home.path());
    let rows: serde_json::Value = serde_json::from_str(&text(&json)).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 2);
    assert_eq!(rows[0]["questionnaire"], "fgk-kreis@2025.1");
    assert_eq!(rows[0]["cells"], 42);
}

#[test]
fn invalid_answers_store_nothing() {
    let home = tempfile::tempdir().unwrap();
    let output = siegel(
        &[
            "--lang",
            "en",
            "import",
            "tests/fixtures/broken/ans-unknown-version.json",
        ],
        home.path(),
    );
    assert_eq!(output.status.code(), Some(1));
    let out = text(&output);
    assert!(
        out.contains("error at /questionnaire/id: questionnaire \"mini\" is unknown"),
        "{out}"
    );
    assert!(out.ends_with("nothing stored: the file has errors\n"));
    assert!(!home.path().join("siegel.db").exists());
}

#[test]
fn corrected_answers_go_into_the_assessment() {
    let home = tempfile::tempdir().unwrap();
    siegel(&["import", SAMPLE], home.path());
    let original = std::fs::read_to_string(SAMPLE).unwrap();
    let corrected = original.replacen("\"status\": \"submitted\"", "\"status\": \"corrected\"", 1);
    assert_ne!(original, corrected);
    let file = home.path().join("corrected.json");
    std::fs::write(&file, corrected).unwrap();
    let output = siegel(
        &[
            "--lang",
            "en",
            "import",
            file.to_str().unwrap(),
            "--into",
            "1",
        ],
        home.path(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", error_text(&output));
    let out = text(&output);
    assert!(out.contains("corrected answers stored as import 2 of assessment 1; changed questions: none; ratings to re-confirm in: none"), "{out}");
    assert_eq!(out.lines().last(), Some("1"));

    let again = siegel(
        &[
            "--lang",
            "en",
            "import",
            file.to_str().unwrap(),
            "--into",
            "1",
        ],
        home.path(),
    );
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(
        error_text(&again),
        "siegel: these answers are the same as the last import; nothing to do\n"
    );
}

#[test]
fn log_and_verify() {
    let home = tempfile::tempdir().unwrap();
    siegel(&["import", SAMPLE], home.path());
    let log = siegel(&["--lang", "en", "log", "1"], home.path());
    let out = text(&log);
    assert_eq!(out.lines().count(), 1);
    assert!(out.starts_with("1\t"));
    assert!(out.contains("\tDr. Anna Prüfer\timport\t1\t+ "));
    let filtered = siegel(&["log", "1", "--field", "HF2"], home.path());
    assert_eq!(text(&filtered), "");
    let unknown = siegel(&["--lang", "en", "log", "1", "--field", "HF9"], home.path());
    assert_eq!(
        error_text(&unknown),
        "siegel: \"HF9\" is not a field of action of this questionnaire\n"
    );

    let verify = siegel(&["--lang", "en", "verify", "1"], home.path());
    let out = text(&verify);
    let (verified, head) = out.split_once('\n').unwrap();
    assert_eq!(
        verified,
        "assessment 1: trail of 1 change complete and unchanged; questionnaire and 1 answers import match their hashes"
    );
    let head = head
        .strip_prefix("trail state (as exports record it): ")
        .unwrap()
        .trim();
    assert_eq!(head.len(), 64);

    // The state an export records is checked against the trail.
    let export = siegel(&["export", "1", "--format", "json"], home.path());
    let exported: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    assert_eq!(exported["trail_head"], head);
    let anchored = siegel(
        &["--lang", "en", "verify", "1", "--head", &head[..12]],
        home.path(),
    );
    assert_eq!(anchored.status.code(), Some(0));
    assert!(
        text(&anchored)
            .contains("\nthe trail state given is row 1 of 1; everything up to it is unchanged\n")
    );
    let foreign = siegel(
        &["--lang", "en", "verify", "1", "--head", "0123456789abcdef"],
        home.path(),
    );
    assert_eq!(foreign.status.code(), Some(1));
    assert_eq!(
        text(&foreign),
        "assessment 1: the trail state 0123456789ab (from an export, say) is not in the trail; rows were deleted or rewritten since\n"
    );
    let malformed = siegel(&["verify", "1", "--head", "abc"], home.path());
    assert_eq!(malformed.status.code(), Some(2));
    let missing = siegel(&["--lang", "en", "verify", "9"], home.path());
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(
        error_text(&missing),
        "siegel: there is no assessment 9 (siegel list shows them all)\n"
    );
}

#[test]
fn paths_names_every_location() {
    let home = tempfile::tempdir().unwrap();
    let output = siegel(
        &["--lang", "en", "paths", "--db", "/srv/siegel/audit.db"],
        home.path(),
    );
    let h = home.path().display();
    assert_eq!(
        text(&output),
        format!(
            "database\t/srv/siegel/audit.db\nconfig\t{}\nlog\t{h}/siegel.log\nquestionnaires\t{h}/questionnaires\n",
            siegel::paths::Paths::resolve(None).config_dir.display()
        )
    );
}

#[test]
fn a_foreign_database_is_refused_with_a_sentence() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("notes.db");
    std::fs::write(&db, "not a database, just notes".repeat(100)).unwrap();
    let output = siegel(
        &["--lang", "en", "list", "--db", db.to_str().unwrap()],
        home.path(),
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        error_text(&output),
        format!("siegel: {} is not a siegel database\n", db.display())
    );
}

/// Every file below a directory, to see that nothing appeared.
fn files_below(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        out.push(path.display().to_string());
        if path.is_dir() && !path.is_symlink() {
            out.extend(files_below(&path));
        }
    }
    out.sort();
    out
}

#[test]
fn commands_that_only_read_never_create_a_database() {
    let home = tempfile::tempdir().unwrap();
    let before = files_below(home.path());
    let missing = home.path().join("fehlt/ordner/audit.db");
    let missing = missing.to_str().unwrap();
    let output = siegel(&["--lang", "en", "list", "--db", missing], home.path());
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        error_text(&output),
        format!("siegel: there is no database at {missing} (siegel import creates one)\n")
    );
    for command in [&["verify", "1"][..], &["log", "1"], &["explain", "1"]] {
        let mut args = vec!["--db", missing];
        args.extend_from_slice(command);
        assert_eq!(
            siegel(&args, home.path()).status.code(),
            Some(1),
            "{command:?}"
        );
    }
    // A link pointing nowhere: its target is not created.
    let link = home.path().join("link.db");
    std::os::unix::fs::symlink(home.path().join("ziel.db"), &link).unwrap();
    let output = siegel(&["list", "--db", link.to_str().unwrap()], home.path());
    assert_eq!(output.status.code(), Some(1));
    // An empty file is refused, and no journal files appear beside it.
    let empty = home.path().join("leer.db");
    std::fs::write(&empty, b"").unwrap();
    let output = siegel(
        &["--lang", "en", "list", "--db", empty.to_str().unwrap()],
        home.path(),
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        error_text(&output).contains("is not a siegel database"),
        "{output:?}"
    );
    let mut expected = before;
    expected.extend([empty.display().to_string(), link.display().to_string()]);
    expected.sort();
    assert_eq!(files_below(home.path()), expected);
}

const BILANZIERUNG: &str = "questionnaires/samples/musterland-2028-bilanzierung.json";

#[test]
fn a_bilanzierung_follows_the_countys_last_audit() {
    let home = tempfile::tempdir().unwrap();
    let en = |args: &[&str]| {
        let mut all = vec!["--lang", "en"];
        all.extend_from_slice(args);
        siegel(&all, home.path())
    };
    // No earlier audit of the county: imported on its own, and said so.
    let alone = en(&["import", BILANZIERUNG]);
    assert_eq!(alone.status.code(), Some(0));
    assert!(text(&alone).starts_with(
        "no earlier assessment of this county (AGS 16099000) in the database: the Bilanzierung is imported without a comparison\n"
    ));

    // The Erstaudit first: the Bilanzierung finds it by AGS, and the link is in the trail.
    assert_eq!(text(&en(&["import", SAMPLE])).lines().last(), Some("2"));
    let linked = en(&["import", BILANZIERUNG]);
    assert_eq!(
        text(&linked),
        "imported Landkreis Musterland (fgk-kreis@2028.1) as assessment 3\nassessment 3 follows assessment 2 (compared with the last audit)\n3\n"
    );
    let log = text(&en(&["log", "3"]));
    assert!(
        log.lines()
            .nth(1)
            .unwrap()
            .ends_with("\tprevious assessment\t\t+ 2"),
        "{log}"
    );
    assert_eq!(en(&["verify", "3"]).status.code(), Some(0));

    // Two Erstaudits in progress: which one is meant is asked, and nothing is stored.
    en(&["import", SAMPLE]);
    let several = en(&["import", BILANZIERUNG]);
    assert_eq!(several.status.code(), Some(1));
    assert_eq!(
        text(&several),
        "Several earlier assessments of this county could be meant; name one with --previous ID:\n\
         4\terstaudit\t2025-03-31\tfgk-kreis@2025.1\tin progress\n\
         2\terstaudit\t2025-03-31\tfgk-kreis@2025.1\tin progress\n\
         nothing stored\n"
    );
    assert_eq!(
        text(&en(&["list"])).lines().count(),
        5,
        "header and four assessments"
    );
    // Named: taken, if it is the county's and earlier.
    let named = en(&["import", BILANZIERUNG, "--previous", "4"]);
    assert!(text(&named).contains("assessment 5 follows assessment 4"));
    let later = en(&["import", BILANZIERUNG, "--previous", "3"]);
    assert_eq!(later.status.code(), Some(1));
    assert_eq!(
        error_text(&later),
        "siegel: assessment 3 is not earlier than the answers (reporting date 2028-03-31); a Bilanzierung follows only an earlier assessment\n"
    );
    let missing = en(&["import", BILANZIERUNG, "--previous", "99"]);
    assert_eq!(
        error_text(&missing),
        "siegel: there is no assessment 99 (siegel list shows them all)\n"
    );
    let both = en(&["import", BILANZIERUNG, "--previous", "2", "--into", "3"]);
    assert_eq!(
        both.status.code(),
        Some(2),
        "--previous and --into exclude each other"
    );
}

#[test]
fn a_previous_assessment_of_another_county_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let other = home.path().join("anderswo.json");
    let sample = std::fs::read_to_string(SAMPLE).unwrap();
    std::fs::write(&other, sample.replace("\"16099000\"", "\"16088000\"")).unwrap();
    siegel(&["import", other.to_str().unwrap()], home.path());
    let refused = siegel(
        &["--lang", "en", "import", BILANZIERUNG, "--previous", "1"],
        home.path(),
    );
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        error_text(&refused),
        "siegel: assessment 1 belongs to another county than the answers (AGS 16099000); a Bilanzierung follows only an assessment of the same county\n"
    );
    assert_eq!(text(&siegel(&["list"], home.path())).lines().count(), 2);
}
