//! The folders depend on each other in one direction only: the domain on nothing, the store
//! on the domain, the catalog on both, exports on those three; only the interface and the
//! command line reach into everything. A `crate::…` path outside that order fails here.

use std::path::Path;

/// Each folder and the folders its code may name.
const ALLOWED: [(&str, &[&str]); 4] = [
    ("domain", &["domain"]),
    ("store", &["domain", "store"]),
    ("catalog", &["domain", "store", "catalog"]),
    ("export", &["domain", "store", "catalog", "export"]),
];

const FOLDERS: [&str; 7] = [
    "domain", "store", "catalog", "export", "tui", "cli", "serve",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn lower_layers_never_name_higher_ones() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut offences = Vec::new();
    for (folder, allowed) in ALLOWED {
        let mut files = Vec::new();
        rust_files(&root.join(folder), &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (number, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for other in FOLDERS.iter().filter(|f| !allowed.contains(f)) {
                    if code.contains(&format!("crate::{other}")) {
                        offences.push(format!(
                            "{}:{}: {}",
                            file.display(),
                            number + 1,
                            line.trim()
                        ));
                    }
                }
            }
        }
    }
    assert!(offences.is_empty(), "{}", offences.join("\n"));
}
