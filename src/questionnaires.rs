//! Where definitions come from: the ones compiled into the binary, `--questionnaires DIR`, and
//! the user's questionnaire directory.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::domain::diagnostic::{Problem, Source};
use crate::domain::validate::{
    self, DocumentKind, KnownDefinition, MAX_FILE_SIZE, Report, detect_kind, read_json,
};

/// The shipped definitions: file name and content, compiled in so siegel works from any directory.
pub const SHIPPED_DEFINITIONS: &[(&str, &str)] = &[(
    "fgk-kreis-2025.1.json",
    include_str!("../questionnaires/fgk-kreis-2025.1.json"),
)];

/// The shipped sample county (Landkreis Musterland), answering the shipped questionnaire.
pub const SAMPLE_ANSWERS: (&str, &str) = (
    "musterland-2025-erstaudit.json",
    include_str!("../questionnaires/samples/musterland-2025-erstaudit.json"),
);

/// All definitions found, and the files that looked like definitions but were not valid.
#[derive(Debug, Default)]
pub struct Registry {
    pub known: Vec<KnownDefinition>,
    pub skipped: Vec<Skipped>,
}

#[derive(Debug)]
pub enum Skipped {
    /// A definition file with errors.
    Invalid { file: PathBuf, errors: usize },
    /// A directory that exists but cannot be listed.
    Unreadable { dir: PathBuf, reason: String },
}

/// The shipped definitions, parsed and hashed.
pub fn shipped() -> Vec<KnownDefinition> {
    SHIPPED_DEFINITIONS
        .iter()
        .filter_map(|(_, text)| validate::validate_definition(text.as_bytes(), &[]).definition)
        .collect()
}

impl Registry {
    /// Shipped definitions first, then every valid definition in `dirs` (missing dirs are fine).
    pub fn load(dirs: &[PathBuf]) -> Registry {
        let mut registry = Registry {
            known: shipped(),
            skipped: Vec::new(),
        };
        for dir in dirs {
            registry.scan(dir);
        }
        registry.known.sort_by(|a, b| {
            (&a.definition.id, &a.definition.version)
                .cmp(&(&b.definition.id, &b.definition.version))
        });
        registry
    }

    fn scan(&mut self, dir: &Path) {
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return,
            Err(e) => {
                self.skipped.push(Skipped::Unreadable {
                    dir: dir.to_path_buf(),
                    reason: e.to_string(),
                });
                return;
            }
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        for file in files {
            let Ok(bytes) = read_file(&file) else {
                continue;
            };
            // Answers files may lie beside definitions; only definitions count here.
            match read_json(&bytes) {
                Ok(root) if detect_kind(&root) == Some(DocumentKind::Definition) => {}
                _ => continue,
            }
            let report = validate::validate_definition(&bytes, &self.known);
            match report.definition {
                Some(mut known) => {
                    let duplicate = self.known.iter().any(|k| {
                        k.definition.id == known.definition.id
                            && k.definition.version == known.definition.version
                            && k.sha256 == known.sha256
                    });
                    if !duplicate {
                        known.source = Source::File(file.display().to_string());
                        self.known.push(known);
                    }
                }
                None => self.skipped.push(Skipped::Invalid {
                    file,
                    errors: report.error_count(),
                }),
            }
        }
    }

    /// Adds a definition validated in this run (e.g. named on the command line).
    pub fn add(&mut self, mut known: KnownDefinition, file: &Path) {
        known.source = Source::File(file.display().to_string());
        self.known.push(known);
    }

    pub fn find(&self, id: &str, version: &str) -> Option<&KnownDefinition> {
        self.known
            .iter()
            .find(|k| k.definition.id == id && k.definition.version == version)
    }
}

/// Reads a file of untrusted input, refusing large ones before reading them.
pub fn read_file(path: &Path) -> Result<Vec<u8>, Problem> {
    let to_problem = |e: io::Error| match e.kind() {
        io::ErrorKind::NotFound => Problem::FileNotFound,
        io::ErrorKind::PermissionDenied => Problem::PermissionDenied,
        io::ErrorKind::IsADirectory => Problem::IsDirectory,
        _ => Problem::Unreadable {
            reason: e.to_string(),
        },
    };
    let metadata = fs::metadata(path).map_err(to_problem)?;
    if metadata.is_dir() {
        return Err(Problem::IsDirectory);
    }
    if metadata.len() > MAX_FILE_SIZE {
        return Err(Problem::TooLarge {
            size: metadata.len(),
            limit: MAX_FILE_SIZE,
        });
    }
    fs::read(path).map_err(to_problem)
}

/// Validates a file on disk; reading problems become the report's only diagnostic.
pub fn validate_file(path: &Path, known: &[KnownDefinition]) -> Report {
    match read_file(path) {
        Ok(bytes) => validate::validate(&bytes, known),
        Err(problem) => Report::fail(problem, None),
    }
}
