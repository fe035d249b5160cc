//! The command line: argument parsing and the commands that need no terminal UI.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::catalog::{self, Cli as Text, Lang};
use crate::domain::assessment::AssessmentId;
use crate::domain::validate::{DocumentKind, Report};
use crate::paths::Paths;
use crate::questionnaires::{self, Registry, Skipped};
use crate::store::{OpenMode, Store, StoreError};
use crate::text::sanitize;

/// Exit code of a run whose input was invalid (clap uses 2 for usage errors).
pub const EXIT_INVALID: u8 = 1;

#[derive(Debug, Parser)]
#[command(
    name = "siegel",
    version,
    about = "The auditor's tool for the audit familiengerechter Kreis / familiengerechte Kommune",
    long_about = None
)]
pub struct Args {
    /// Language of messages: de or en (default: SIEGEL_LANG, then LANG; German otherwise).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,

    /// Another directory of questionnaire definitions (may be given more than once).
    #[arg(long = "questionnaires", global = true, value_name = "DIR")]
    pub questionnaire_dirs: Vec<PathBuf>,

    /// The database file (default: SIEGEL_DB, then siegel.db in the data directory).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Your name as the trail records it (default: SIEGEL_AUDITOR, then the login name).
    #[arg(long, global = true, value_name = "NAME")]
    pub auditor: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check questionnaire definitions and county answers; report every problem.
    Validate {
        /// Files to check; definitions among them are known to the answers checked with them.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// List the questionnaire definitions siegel knows.
    Questionnaires,
    /// Import a county's answers as a new assessment (prints its id on the last line), or
    /// corrected answers into an existing one.
    Import {
        #[arg(value_name = "ANSWERS.json")]
        file: PathBuf,
        /// The assessment that receives corrected answers.
        #[arg(long, value_name = "ID")]
        into: Option<AssessmentId>,
        /// With --into: take the assessment over from whoever edits it now.
        #[arg(long, requires = "into")]
        take_over: bool,
    },
    /// List the assessments in the database.
    List {
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Show the history of an assessment.
    Log {
        id: AssessmentId,
        /// Only the changes concerning this field of action (e.g. HF2).
        #[arg(long, value_name = "FIELD")]
        field: Option<String>,
    },
    /// Check an assessment's trail and stored snapshots.
    Verify { id: AssessmentId },
    /// Print where siegel keeps its files.
    Paths,
}

impl Args {
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or_else(Lang::from_env)
    }

    /// `--auditor`, else `SIEGEL_AUDITOR`, else the login name.
    pub fn auditor(&self) -> String {
        self.auditor
            .clone()
            .or_else(|| std::env::var("SIEGEL_AUDITOR").ok())
            .or_else(|| std::env::var("USER").ok())
            .filter(|name| !name.trim().is_empty())
            .unwrap_or_else(|| "unbekannt".into())
    }

    /// The definition directories in search order: `--questionnaires`, then the user's.
    pub fn definition_dirs(&self, paths: &Paths) -> Vec<PathBuf> {
        let mut dirs = self.questionnaire_dirs.clone();
        dirs.push(paths.questionnaires_dir.clone());
        dirs
    }
}

/// Runs a command and returns the process exit code. Errors of the store are reported to
/// `err` as sentences.
pub fn run(args: &Args, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let paths = Paths::resolve(args.db.as_deref());
    let lang = args.lang();
    let dirs = args.definition_dirs(&paths);
    let result = match &args.command {
        Command::Validate { files } => return validate(files, &dirs, lang, out),
        Command::Questionnaires => return list_questionnaires(&dirs, lang, out),
        Command::Paths => return print_paths(&paths, lang, out),
        Command::Import {
            file,
            into,
            take_over,
        } => import(args, &paths, file, *into, *take_over, out),
        Command::List { json } => list(&paths, *json, lang, out),
        Command::Log { id, field } => log(&paths, *id, field.as_deref(), lang, out),
        Command::Verify { id } => verify(&paths, *id, lang, out),
    };
    match result {
        Ok(code) => Ok(code),
        Err(Failure::Io(e)) => Err(e),
        Err(Failure::Store(e)) => {
            writeln!(err, "siegel: {}", sanitize(&catalog::store_error(&e, lang)))?;
            Ok(EXIT_INVALID)
        }
    }
}

/// What ends a command early.
enum Failure {
    Io(io::Error),
    Store(StoreError),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Store(e)
    }
}

type Outcome = Result<u8, Failure>;

fn print_paths(paths: &Paths, lang: Lang, out: &mut dyn Write) -> io::Result<u8> {
    for (label, path) in [
        (Text::PathDatabase, &paths.db),
        (Text::PathConfig, &paths.config_dir),
        (Text::PathLog, &paths.log_file),
        (Text::PathQuestionnaires, &paths.questionnaires_dir),
    ] {
        writeln!(
            out,
            "{}\t{}",
            label.text(lang),
            sanitize(&path.display().to_string())
        )?;
    }
    Ok(0)
}

/// Prints a validation report the way `siegel validate` does.
fn print_report(name: &str, report: &Report, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    for diagnostic in &report.diagnostics {
        writeln!(out, "{}", catalog::diagnostic_line(name, diagnostic, lang))?;
    }
    Ok(())
}

fn import(
    args: &Args,
    paths: &Paths,
    file: &Path,
    into: Option<AssessmentId>,
    take_over: bool,
    out: &mut dyn Write,
) -> Outcome {
    let lang = args.lang();
    let registry = Registry::load(&args.definition_dirs(paths));
    let report = questionnaires::validate_file(file, &registry.known);
    let name = file.display().to_string();
    print_report(&name, &report, lang, out)?;
    let counts = catalog::counts(report.error_count(), report.warning_count(), lang);
    let Some(valid) = report.answers else {
        let status = format!("{name}: {}: {counts}", Text::Invalid.text(lang));
        writeln!(out, "{}", sanitize(&status))?;
        writeln!(out, "{}", Text::NothingStored.text(lang))?;
        return Ok(EXIT_INVALID);
    };
    let auditor = args.auditor();
    let mut store = Store::open(&paths.db)?;
    let id = match into {
        None => {
            let id = store.import(&valid, &auditor)?;
            let line = Text::Imported {
                county: &valid.answers.county.name,
                key: &valid.definition.definition.key(),
                id,
            }
            .text(lang);
            writeln!(out, "{}", sanitize(&line))?;
            id
        }
        Some(id) => {
            let mode = if take_over {
                OpenMode::TakeOver
            } else {
                OpenMode::Edit
            };
            let (mut session, _) = store.open_session(id, &auditor, mode)?;
            let outcome = store.reimport(&mut session, &valid);
            store.close_session(&session)?;
            let outcome = outcome?;
            let line = Text::Reimported {
                id,
                seq: outcome.seq,
                changed: &outcome.changed,
                fields: &outcome.fields_to_reconfirm,
            }
            .text(lang);
            writeln!(out, "{}", sanitize(&line))?;
            id
        }
    };
    writeln!(out, "{id}")?;
    Ok(0)
}

fn list(paths: &Paths, json: bool, lang: Lang, out: &mut dyn Write) -> Outcome {
    let store = Store::open(&paths.db)?;
    let rows = store.list()?;
    if json {
        let text = serde_json::to_string_pretty(&rows).map_err(io::Error::other)?;
        writeln!(out, "{text}")?;
        return Ok(0);
    }
    if rows.is_empty() {
        writeln!(out, "{}", Text::NoAssessments.text(lang))?;
        return Ok(0);
    }
    writeln!(out, "{}", Text::ListHeader.text(lang))?;
    for row in rows {
        let status = Text::Status(&row.status).text(lang);
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}/{}\t{}/{}\t{}\t{}",
            row.id,
            sanitize(&row.county),
            sanitize(&row.questionnaire),
            sanitize(&row.auditor),
            row.reviewed,
            row.questions,
            row.rated,
            row.cells,
            status,
            row.updated_at
        )?;
    }
    Ok(0)
}

fn log(
    paths: &Paths,
    id: AssessmentId,
    field: Option<&str>,
    lang: Lang,
    out: &mut dyn Write,
) -> Outcome {
    let mut store = Store::open(&paths.db)?;
    for row in store.log(id, field)? {
        let change = match (&row.old, &row.new) {
            (Some(old), Some(new)) => format!("{old} → {new}"),
            (None, Some(new)) => format!("+ {new}"),
            (Some(old), None) => format!("− {old}"),
            (None, None) => String::new(),
        };
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}",
            row.n,
            row.at,
            sanitize(&row.auditor),
            catalog::trail_entity(&row.entity, lang),
            sanitize(&row.key),
            sanitize(&change)
        )?;
    }
    Ok(0)
}

fn verify(paths: &Paths, id: AssessmentId, lang: Lang, out: &mut dyn Write) -> Outcome {
    let mut store = Store::open(&paths.db)?;
    let report = store.verify(id)?;
    if report.problems.is_empty() {
        writeln!(
            out,
            "{}",
            Text::Verified {
                id,
                rows: report.rows,
                imports: report.imports
            }
            .text(lang)
        )?;
        return Ok(0);
    }
    for problem in &report.problems {
        writeln!(out, "{}", catalog::verify_problem(id, problem, lang))?;
    }
    Ok(EXIT_INVALID)
}

/// `siegel validate`: definitions first (so answers may use them), output in argument order.
pub fn validate(
    files: &[PathBuf],
    dirs: &[PathBuf],
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<u8> {
    let mut registry = Registry::load(dirs);
    let mut reports: Vec<Option<Report>> = files.iter().map(|_| None).collect();
    for (index, file) in files.iter().enumerate() {
        let report = questionnaires::validate_file(file, &registry.known);
        if report.kind == Some(DocumentKind::Answers) {
            continue; // checked below, once every definition named here is known
        }
        if let Some(known) = &report.definition {
            registry.add(known.clone(), file);
        }
        reports[index] = Some(report);
    }
    for (index, file) in files.iter().enumerate() {
        if reports[index].is_none() {
            reports[index] = Some(questionnaires::validate_file(file, &registry.known));
        }
    }
    let mut invalid = 0;
    for (file, report) in files.iter().zip(reports.iter().flatten()) {
        let name = file.display().to_string();
        for diagnostic in &report.diagnostics {
            writeln!(out, "{}", catalog::diagnostic_line(&name, diagnostic, lang))?;
        }
        let mut status = match (&report.definition, &report.answers) {
            (Some(known), _) => {
                let d = &known.definition;
                Text::ValidDefinition {
                    key: &d.key(),
                    fields: d.fields_of_action.len(),
                    topics: d.topic_count(),
                    questions: d.question_count(),
                    sha256: &known.sha256,
                }
                .text(lang)
            }
            (None, Some(valid)) => {
                let d = &valid.definition.definition;
                Text::ValidAnswers {
                    county: &valid.answers.county.name,
                    key: &d.key(),
                    answered: d
                        .questions()
                        .filter(|(_, _, q)| valid.answers.answer(&q.id).is_some())
                        .count(),
                    questions: d.question_count(),
                }
                .text(lang)
            }
            (None, None) => {
                invalid += 1;
                format!(
                    "{}: {}",
                    Text::Invalid.text(lang),
                    catalog::counts(report.error_count(), report.warning_count(), lang)
                )
            }
        };
        if report.is_valid() && report.warning_count() > 0 {
            status = format!(
                "{status}; {}",
                Text::WithWarnings(report.warning_count()).text(lang)
            );
        }
        writeln!(out, "{}", sanitize(&format!("{name}: {status}")))?;
    }
    if files.len() > 1 {
        writeln!(
            out,
            "{}",
            Text::Summary {
                files: files.len(),
                invalid
            }
            .text(lang)
        )?;
    }
    Ok(if invalid == 0 { 0 } else { EXIT_INVALID })
}

/// `siegel questionnaires`: one tab-separated line per definition.
pub fn list_questionnaires(dirs: &[PathBuf], lang: Lang, out: &mut dyn Write) -> io::Result<u8> {
    let registry = Registry::load(dirs);
    for skipped in &registry.skipped {
        let line = match skipped {
            Skipped::Invalid { file, errors } => Text::SkippedDefinition {
                file: &file.display().to_string(),
                errors: *errors,
            }
            .text(lang),
            Skipped::Unreadable { dir, reason } => Text::UnreadableDirectory {
                dir: &dir.display().to_string(),
                reason,
            }
            .text(lang),
        };
        writeln!(out, "{}", sanitize(&line))?;
    }
    if registry.known.is_empty() {
        writeln!(out, "{}", Text::NoQuestionnaires.text(lang))?;
        return Ok(0);
    }
    writeln!(out, "{}", Text::QuestionnairesHeader.text(lang))?;
    for known in &registry.known {
        let d = &known.definition;
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            sanitize(&d.id),
            sanitize(&d.version),
            sanitize(&d.title),
            sanitize(&d.language),
            d.fields_of_action.len(),
            d.topic_count(),
            d.question_count(),
            catalog::short(&known.sha256),
            sanitize(&catalog::source(&known.source, lang))
        )?;
    }
    Ok(0)
}
