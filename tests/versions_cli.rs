//! `siegel questionnaires --diff`: the difference of two versions of a questionnaire as the
//! auditor reads it, golden on the shipped versions, and the refusals.

use std::path::Path;
use std::process::{Command, Output};

fn siegel(args: &[&str], home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_siegel"))
        .args(args)
        .env("SIEGEL_DATA_DIR", home)
        .env("SIEGEL_CONFIG_DIR", home)
        .env_remove("SIEGEL_LANG")
        .env_remove("SIEGEL_TZ")
        .output()
        .expect("siegel runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn the_shipped_versions_differ_as_the_revision_says() {
    let home = tempfile::tempdir().unwrap();
    for lang in ["de", "en"] {
        let output = siegel(
            &[
                "--lang",
                lang,
                "questionnaires",
                "--diff",
                "fgk-kreis@2025.1",
                "fgk-kreis@2028.1",
            ],
            home.path(),
        );
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
        insta::assert_snapshot!(format!("diff-2025.1-2028.1-{lang}"), text(&output.stdout));
    }
    // A file names a version as well as its key.
    let by_file = siegel(
        &[
            "questionnaires",
            "--diff",
            "questionnaires/fgk-kreis-2025.1.json",
            "fgk-kreis@2028.1",
        ],
        home.path(),
    );
    assert!(
        text(&by_file.stdout)
            .contains("umbenannt, andere Art  HF6.T3.F01 → HF6.T3.F01a: ja/nein → Einfachauswahl")
    );
}

#[test]
fn a_version_compared_with_itself_has_no_differences() {
    let home = tempfile::tempdir().unwrap();
    let output = siegel(
        &[
            "--lang",
            "en",
            "questionnaires",
            "--diff",
            "fgk-kreis@2028.1",
            "fgk-kreis@2028.1",
        ],
        home.path(),
    );
    assert_eq!(
        text(&output.stdout),
        "Questionnaire fgk-kreis: version 2028.1 → 2028.1\nNo differences in questions, scale, quality parameters and rules.\n"
    );
}

#[test]
fn unknown_reversed_and_broken_versions_are_refused() {
    let home = tempfile::tempdir().unwrap();
    let cases = [
        (
            vec!["fgk-kreis@2028.1", "fgk-kreis@2025.1"],
            "siegel: version 2028.1 does not precede 2025.1 (give the older version first)\n",
        ),
        (
            vec!["fgk-kreis@2025.1", "fgk-kreis@1999.1"],
            "siegel: \"fgk-kreis@1999.1\" is not a known version (id@version or a file); known: fgk-kreis@2025.1, fgk-kreis@2028.1\n",
        ),
        (
            vec![
                "fgk-kreis@2025.1",
                "tests/fixtures/valid/mini-definition.json",
            ],
            "siegel: fgk-kreis and mini are different questionnaires; only versions of one questionnaire are compared\n",
        ),
    ];
    for (pair, expected) in cases {
        let mut args = vec!["--lang", "en", "questionnaires", "--diff"];
        args.extend(pair);
        let output = siegel(&args, home.path());
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(text(&output.stderr), expected);
        assert_eq!(text(&output.stdout), "");
    }
    // A migration that forgets a question: named with the version and the question.
    let mut broken: serde_json::Value =
        serde_json::from_str(siegel::questionnaires::SHIPPED_DEFINITIONS[1].1).unwrap();
    broken["version"] = "2028.2".into();
    let removed = broken["migration"]["removed"].as_array_mut().unwrap();
    removed.retain(|id| id != "HF3.T4.F02");
    let file = home.path().join("fgk-kreis-2028.2.json");
    std::fs::write(&file, serde_json::to_string(&broken).unwrap()).unwrap();
    let output = siegel(
        &[
            "--lang",
            "en",
            "questionnaires",
            "--diff",
            "fgk-kreis@2025.1",
            file.to_str().unwrap(),
        ],
        home.path(),
    );
    assert_eq!(output.status.code(), Some(1));
    // Refused as the file is read, with its position, before any comparison.
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with(&format!("{}:1:", file.display()))
            && stderr.ends_with(": error at /migration: the migration does not say what became of question \"HF3.T4.F02\": compared with version 2025.1 it is neither kept nor named under renamed, removed or added\n"),
        "{stderr}"
    );
    assert_eq!(text(&output.stdout), "");
}
