//! The `siegel` binary as a user runs it: exit codes, languages, files that cannot be read,
//! and definitions found in directories.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn siegel(args: &[&str], data_dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_siegel"))
        .args(args)
        .env("SIEGEL_DATA_DIR", data_dir)
        .env_remove("SIEGEL_LANG")
        .env_remove("SIEGEL_TZ")
        .output()
        .expect("siegel runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

const SHIPPED: &str = "questionnaires/fgk-kreis-2025.1.json";
const SAMPLE: &str = "questionnaires/samples/musterland-2025-erstaudit.json";

#[test]
fn shipped_files_are_valid() {
    let home = tempfile::tempdir().unwrap();
    let output = siegel(&["--lang", "en", "validate", SHIPPED, SAMPLE], home.path());
    let text = stdout(&output);
    let sha = &siegel::questionnaires::shipped()[0].sha256[..12];
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        vec![
            format!(
                "{SHIPPED}: valid questionnaire definition fgk-kreis@2025.1: 6 fields of action, 30 topics, 110 questions, sha256 {sha}"
            ),
            format!(
                "{SAMPLE}:85:14: warning at /answers/HF5.T2.F02: required question HF5.T2.F02 has no answer"
            ),
            format!(
                "{SAMPLE}:85:14: warning at /answers/HF6.T2.F02: required question HF6.T2.F02 has no answer"
            ),
            format!(
                "{SAMPLE}: valid answers of Landkreis Musterland to fgk-kreis@2025.1: 104 of 110 questions answered; 2 warnings"
            ),
            "2 files checked, 0 invalid".to_string(),
        ]
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn german_is_the_default_and_lang_switches() {
    let home = tempfile::tempdir().unwrap();
    let file = "tests/fixtures/broken/def-version-number.json";
    let output = siegel(&["validate", file], home.path());
    assert_eq!(
        stdout(&output),
        format!(
            "{file}:5:14: Fehler bei /version: erwartet wurde eine Zeichenkette, gefunden eine Zahl\n\
             {file}: ungültig: 1 Fehler, 0 Warnungen\n"
        )
    );
    assert_eq!(output.status.code(), Some(1));
    let output = siegel(
        &[
            "validate",
            "tests/fixtures/broken/truncated.json",
            "--lang",
            "de",
        ],
        home.path(),
    );
    assert_eq!(
        stdout(&output).lines().next().unwrap(),
        "tests/fixtures/broken/truncated.json:6:1: Fehler: Datei endet mitten im JSON \
         (fehlt eine schließende Klammer oder ein Anführungszeichen?)"
    );
}

#[test]
fn german_messages_for_answers() {
    let home = tempfile::tempdir().unwrap();
    let mini = "tests/fixtures/valid/mini-definition.json";
    let file = "tests/fixtures/broken/ans-wrong-values.json";
    let output = siegel(&["validate", mini, file], home.path());
    let text = stdout(&output);
    for expected in [
        format!(
            "{file}:38:16: Fehler bei /answers/Q-YN/value: eine Antwort der Art yes_no muss true oder false sein, gefunden eine Zeichenkette"
        ),
        format!(
            "{file}:70:16: Fehler bei /answers/Q-PCT/value: 120 % liegt über dem Maximum 100 %"
        ),
        format!(
            "{file}:49:16: Warnung bei /answers/Q-YPN/value: Q-YPN ist beantwortet, obwohl die Bedingung auf Q-YN nicht erfüllt ist"
        ),
        "2 Dateien geprüft, 1 ungültig".to_string(),
    ] {
        assert!(
            text.lines().any(|l| l == expected),
            "missing {expected:?} in\n{text}"
        );
    }
}

#[test]
fn usage_errors_exit_with_2() {
    let home = tempfile::tempdir().unwrap();
    assert_eq!(siegel(&["validate"], home.path()).status.code(), Some(2));
    assert_eq!(siegel(&["frobnicate"], home.path()).status.code(), Some(2));
    assert_eq!(
        siegel(&["--lang", "fr", "questionnaires"], home.path())
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn unreadable_files_are_named() {
    let home = tempfile::tempdir().unwrap();
    let big = home.path().join("big.json");
    let file = fs::File::create(&big).unwrap();
    file.set_len(21 * 1024 * 1024).unwrap();
    let missing = home.path().join("missing.json");
    let output = siegel(
        &[
            "--lang",
            "en",
            "validate",
            big.to_str().unwrap(),
            missing.to_str().unwrap(),
            home.path().to_str().unwrap(),
        ],
        home.path(),
    );
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    let (b, m, d) = (big.display(), missing.display(), home.path().display());
    assert_eq!(
        lines,
        vec![
            format!("{b}: error: file is too large (22 MB); siegel reads at most 20 MB"),
            format!("{b}: invalid: 1 error, 0 warnings"),
            format!("{m}: error: file not found"),
            format!("{m}: invalid: 1 error, 0 warnings"),
            format!("{d}: error: is a directory, not a file"),
            format!("{d}: invalid: 1 error, 0 warnings"),
            "3 files checked, 3 invalid".to_string(),
        ]
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn devices_pipes_and_links_to_them_are_refused_at_once() {
    let home = tempfile::tempdir().unwrap();
    let fifo = home.path().join("pipe.json");
    let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates the node.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    let link = home.path().join("antworten.json");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    let started = std::time::Instant::now();
    let output = siegel(
        &[
            "--lang",
            "en",
            "validate",
            "/dev/zero",
            fifo.to_str().unwrap(),
            link.to_str().unwrap(),
        ],
        home.path(),
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "it did not block"
    );
    let text = stdout(&output);
    let refused = "error: is not a regular file (a device, a pipe or a socket)";
    assert_eq!(text.matches(refused).count(), 3, "{text}");
    assert_eq!(output.status.code(), Some(1));
    let import = siegel(&["import", link.to_str().unwrap()], home.path());
    assert_eq!(import.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&import.stdout).contains("keine gewöhnliche Datei")
            || String::from_utf8_lossy(&import.stderr).contains("keine gewöhnliche Datei"),
        "{import:?}"
    );
}

#[test]
fn a_bom_is_tolerated() {
    let home = tempfile::tempdir().unwrap();
    let output = siegel(
        &[
            "--lang",
            "en",
            "--questionnaires",
            "tests/fixtures/valid",
            "validate",
            "tests/fixtures/valid/mini-answers-bom.json",
        ],
        home.path(),
    );
    assert_eq!(
        stdout(&output),
        "tests/fixtures/valid/mini-answers-bom.json: valid answers of Landkreis Testland to mini@1.0: 16 of 16 questions answered\n"
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn questionnaires_lists_shipped_and_installed_definitions() {
    let home = tempfile::tempdir().unwrap();
    let installed = home.path().join("questionnaires");
    fs::create_dir_all(&installed).unwrap();
    fs::copy(
        "tests/fixtures/valid/mini-definition.json",
        installed.join("mini-1.0.json"),
    )
    .unwrap();
    fs::copy(
        "tests/fixtures/broken/def-scale-and-rules.json",
        installed.join("broken.json"),
    )
    .unwrap();
    fs::copy(
        "tests/fixtures/valid/mini-answers.json",
        installed.join("answers-are-skipped.json"),
    )
    .unwrap();
    let output = siegel(&["--lang", "en", "questionnaires"], home.path());
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    let broken = installed.join("broken.json");
    assert_eq!(
        lines[0],
        format!(
            "skipped: {} has 11 errors (siegel validate {})",
            broken.display(),
            broken.display()
        )
    );
    assert_eq!(
        lines[1],
        "ID\tVERSION\tTITLE\tLANGUAGE\tFIELDS\tTOPICS\tQUESTIONS\tSHA256\tSOURCE"
    );
    assert!(lines[2].starts_with(
        "fgk-kreis\t2025.1\tIst-Analyse audit familiengerechter Kreis\tde\t6\t30\t110\t"
    ));
    assert!(lines[2].ends_with("\tshipped"));
    assert!(lines[3].starts_with(
        "fgk-kreis\t2028.1\tIst-Analyse audit familiengerechter Kreis – Überprüfungsverfahren (Bilanzierung)\tde\t6\t30\t110\t"
    ));
    assert!(lines[3].ends_with("\tshipped"));
    assert_eq!(
        lines[4],
        format!(
            "mini\t1.0\tMini-Fragebogen für Tests\tde\t1\t2\t16\t587399fdbb2f\t{}",
            installed.join("mini-1.0.json").display()
        )
    );
    assert_eq!(lines.len(), 5);

    // Answers find the installed definition without naming it.
    let output = siegel(
        &[
            "--lang",
            "en",
            "validate",
            "tests/fixtures/valid/mini-answers.json",
        ],
        home.path(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn the_hash_ignores_layout_and_key_order() {
    let home = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(SHIPPED).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let compact = home.path().join("compact.json");
    fs::write(&compact, serde_json::to_string(&value).unwrap()).unwrap();
    let output = siegel(
        &["--lang", "en", "validate", compact.to_str().unwrap()],
        home.path(),
    );
    let sha = &siegel::questionnaires::shipped()[0].sha256[..12];
    assert!(stdout(&output).ends_with(&format!("sha256 {sha}\n")));
    assert!(
        !stdout(&output).contains("warning"),
        "same content, no warning"
    );
}

#[test]
fn escape_sequences_in_files_never_reach_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("evil.json");
    fs::write(
        &file,
        "{\"questionnaire\": {}, \"\\u001b]0;pwned\\u0007\\u001b[2J\": 1}",
    )
    .unwrap();
    let output = siegel(
        &["--lang", "en", "validate", file.to_str().unwrap()],
        home.path(),
    );
    let text = stdout(&output);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("unknown key \"␛]0;pwned␇␛[2J\""), "{text}");
    let hostile_name = home.path().join("a\u{1b}[31mb.json");
    fs::write(&hostile_name, "").unwrap();
    let output = siegel(&["validate", hostile_name.to_str().unwrap()], home.path());
    assert!(!stdout(&output).contains('\u{1b}'));
}
