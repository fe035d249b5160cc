//! The real binary on a given database, as the command-line tests run it.

use std::path::Path;
use std::process::{Command, Output};

/// `siegel --db DB ARGS…`, without the caller's language or time zone settings.
pub fn siegel(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_siegel"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("SIEGEL_LANG")
        .env_remove("SIEGEL_TZ")
        .output()
        .expect("siegel runs")
}

/// Output bytes as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The text of a PDF, as a reader copying it out would get it (poppler's pdftotext).
pub fn pdftotext(file: &Path) -> String {
    let output = Command::new("pdftotext")
        .arg(file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(output.status.success(), "{}", text(&output.stderr));
    text(&output.stdout)
}

/// `siegel export ID --format pdf -o FILE EXTRA…`, which must succeed.
pub fn export_pdf(db: &Path, id: &str, file: &Path, extra: &[&str]) {
    let file = file.to_str().unwrap();
    let mut args = vec!["export", id, "--format", "pdf", "-o", file];
    args.extend(extra);
    let output = siegel(db, &args);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
}
