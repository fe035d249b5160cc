//! Where definitions come from: the ones compiled into the binary, `--questionnaires DIR`, and
//! the user's questionnaire directory.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::domain::diagnostic::{Problem, Source};
use crate::domain::validate::{
    self, DocumentKind, KnownDefinition, MAX_FILE_SIZE, Report, detect_kind, read_json,
};
use crate::domain::validate_goals::ValidAgreement;

/// The shipped definitions: file name and content, compiled in so siegel works from any directory.
pub const SHIPPED_DEFINITIONS: &[(&str, &str)] = &[
    (
        "fgk-kreis-2025.1.json",
        include_str!("../questionnaires/fgk-kreis-2025.1.json"),
    ),
    (
        "fgk-kreis-2028.1.json",
        include_str!("../questionnaires/fgk-kreis-2028.1.json"),
    ),
];

/// The sample county's Bilanzierung three years later, answering `fgk-kreis@2028.1`.
pub const SAMPLE_BILANZIERUNG: (&str, &str) = (
    "musterland-2028-bilanzierung.json",
    include_str!("../questionnaires/samples/musterland-2028-bilanzierung.json"),
);

/// The shipped sample county (Landkreis Musterland), answering the shipped questionnaire.
pub const SAMPLE_ANSWERS: (&str, &str) = (
    "musterland-2025-erstaudit.json",
    include_str!("../questionnaires/samples/musterland-2025-erstaudit.json"),
);

/// The sample county's Zielvereinbarung of 2025, following its Erstaudit.
pub const SAMPLE_AGREEMENT: (&str, &str) = (
    "musterland-2025-zielvereinbarung.json",
    include_str!("../questionnaires/samples/musterland-2025-zielvereinbarung.json"),
);

/// The sample county's Jahresberichte on that Zielvereinbarung, oldest first.
pub const SAMPLE_REPORTS: [(&str, &str); 2] = [
    (
        "musterland-2026-jahresbericht.json",
        include_str!("../questionnaires/samples/musterland-2026-jahresbericht.json"),
    ),
    (
        "musterland-2027-jahresbericht.json",
        include_str!("../questionnaires/samples/musterland-2027-jahresbericht.json"),
    ),
];

/// The shipped Zielvereinbarungen, parsed and hashed: a Jahresbericht on one of them is
/// checked fully even when it is validated alone.
pub fn shipped_agreements() -> Vec<ValidAgreement> {
    validate::validate(SAMPLE_AGREEMENT.1.as_bytes(), &shipped())
        .agreement
        .into_iter()
        .collect()
}

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
            match definition_files(dir) {
                Ok(files) => {
                    for (file, _) in files {
                        if let Some(known) = read_definition(&file, &mut registry) {
                            registry.push_unique(known);
                        }
                    }
                }
                Err(skipped) => registry.skipped.extend(skipped),
            }
        }
        registry.sort();
        registry
    }

    /// Adds a definition unless the same one (id, version, hash) is known already.
    fn push_unique(&mut self, known: KnownDefinition) {
        let duplicate = self.known.iter().any(|k| {
            k.definition.id == known.definition.id
                && k.definition.version == known.definition.version
                && k.sha256 == known.sha256
        });
        if !duplicate {
            self.known.push(known);
        }
    }

    fn sort(&mut self) {
        self.known.sort_by(|a, b| {
            (&a.definition.id, &a.definition.version)
                .cmp(&(&b.definition.id, &b.definition.version))
        });
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

/// The definitions an interface session needs, read only when an import needs them: the
/// directories are looked at again each time, and only files that changed (by size and
/// modification time) are read and validated again.
pub struct Definitions {
    dirs: Vec<PathBuf>,
    shipped: Vec<KnownDefinition>,
    /// Per file: its size and modification time, and what reading it gave.
    files: std::collections::HashMap<PathBuf, (FileStamp, Option<KnownDefinition>)>,
    registry: Option<Registry>,
    /// A registry given whole (tests, one-off runs): never read again.
    fixed: bool,
}

type FileStamp = (u64, Option<std::time::SystemTime>);

impl From<Registry> for Definitions {
    fn from(registry: Registry) -> Definitions {
        Definitions {
            dirs: Vec::new(),
            shipped: Vec::new(),
            files: std::collections::HashMap::new(),
            registry: Some(registry),
            fixed: true,
        }
    }
}

impl Definitions {
    pub fn lazy(dirs: Vec<PathBuf>) -> Definitions {
        Definitions {
            dirs,
            shipped: Vec::new(),
            files: std::collections::HashMap::new(),
            registry: None,
            fixed: false,
        }
    }

    /// The definitions as the directories hold them now.
    pub fn get(&mut self) -> &Registry {
        if self.fixed {
            return self.registry.get_or_insert_with(Registry::default);
        }
        if self.shipped.is_empty() {
            self.shipped = shipped();
        }
        let mut registry = Registry {
            known: self.shipped.clone(),
            skipped: Vec::new(),
        };
        let mut seen = std::collections::HashSet::new();
        for dir in &self.dirs {
            let files = match definition_files(dir) {
                Ok(files) => files,
                Err(skipped) => {
                    registry.skipped.extend(skipped);
                    continue;
                }
            };
            for (file, stamp) in files {
                seen.insert(file.clone());
                let fresh = self.files.get(&file).is_some_and(|(s, _)| *s == stamp);
                if !fresh {
                    let read = read_definition(&file, &mut registry);
                    self.files.insert(file.clone(), (stamp, read));
                }
                if let Some((_, Some(known))) = self.files.get(&file) {
                    registry.push_unique(known.clone());
                }
            }
        }
        self.files.retain(|file, _| seen.contains(file));
        registry.sort();
        self.registry.insert(registry)
    }
}

/// The JSON files of a directory with their stamps; a missing directory has none.
fn definition_files(dir: &Path) -> Result<Vec<(PathBuf, FileStamp)>, Option<Skipped>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(None),
        Err(e) => {
            return Err(Some(Skipped::Unreadable {
                dir: dir.to_path_buf(),
                reason: e.to_string(),
            }));
        }
    };
    let mut files: Vec<(PathBuf, FileStamp)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let path = e.path();
            let metadata = e.metadata().ok()?;
            (metadata.is_file() && path.extension().is_some_and(|x| x == "json"))
                .then(|| (path, (metadata.len(), metadata.modified().ok())))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Reads one file: a valid definition, nothing for other files, a note for broken definitions.
fn read_definition(file: &Path, registry: &mut Registry) -> Option<KnownDefinition> {
    let bytes = read_file(file).ok()?;
    // Answers files may lie beside definitions; only definitions count here.
    match read_json(&bytes) {
        Ok(root) if detect_kind(&root) == Some(DocumentKind::Definition) => {}
        _ => return None,
    }
    let report = validate::validate_definition(&bytes, &[]);
    match report.definition {
        Some(mut known) => {
            known.source = Source::File(file.display().to_string());
            Some(known)
        }
        None => {
            registry.skipped.push(Skipped::Invalid {
                file: file.to_path_buf(),
                errors: report.error_count(),
            });
            None
        }
    }
}

/// Reads a file of untrusted input: a regular file only (a symlink is followed to check), and
/// never more than the limit and one byte, whatever size the file reports. A device, a FIFO or
/// a socket is refused before it is opened; opening never blocks (`O_NONBLOCK`), and the file
/// opened is checked again, in case it was swapped meanwhile.
pub fn read_file(path: &Path) -> Result<Vec<u8>, Problem> {
    let to_problem = |e: io::Error| match e.kind() {
        io::ErrorKind::NotFound => Problem::FileNotFound,
        io::ErrorKind::PermissionDenied => Problem::PermissionDenied,
        io::ErrorKind::IsADirectory => Problem::IsDirectory,
        _ => Problem::Unreadable {
            reason: e.to_string(),
        },
    };
    let kind = |metadata: &fs::Metadata| {
        if metadata.is_dir() {
            Err(Problem::IsDirectory)
        } else if !metadata.is_file() {
            Err(Problem::NotARegularFile)
        } else if metadata.len() > MAX_FILE_SIZE {
            Err(Problem::TooLarge {
                size: metadata.len(),
                limit: MAX_FILE_SIZE,
            })
        } else {
            Ok(())
        }
    };
    kind(&fs::metadata(path).map_err(to_problem)?)?;
    use std::os::unix::fs::OpenOptionsExt;
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(to_problem)?;
    kind(&file.metadata().map_err(to_problem)?)?;
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut io::Read::take(file, MAX_FILE_SIZE + 1), &mut bytes)
        .map_err(to_problem)?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(Problem::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_SIZE,
        });
    }
    Ok(bytes)
}

/// Validates a file on disk; reading problems become the report's only diagnostic.
pub fn validate_file(
    path: &Path,
    known: &[KnownDefinition],
    agreements: &[ValidAgreement],
) -> Report {
    match read_file(path) {
        Ok(bytes) => validate::validate_with_agreements(&bytes, known, agreements),
        Err(problem) => Report::fail(problem, None),
    }
}
