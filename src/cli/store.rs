//! Commands on the database: import, list, log, verify, paths.

use std::io::{self, Write};
use std::path::Path;

use super::{Args, EXIT_INVALID, Outcome};
use crate::catalog::{self, Cli as Text, Lang};
use crate::domain::assessment::AssessmentId;
use crate::domain::validate::Report;
use crate::paths::Paths;
use crate::questionnaires::{self, Registry};
use crate::store::{OpenMode, Store};
use crate::text::sanitize;

pub(super) fn print_paths(paths: &Paths, lang: Lang, out: &mut dyn Write) -> io::Result<u8> {
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
pub(super) fn print_report(
    name: &str,
    report: &Report,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    for diagnostic in &report.diagnostics {
        writeln!(out, "{}", catalog::diagnostic_line(name, diagnostic, lang))?;
    }
    Ok(())
}

/// Where imported answers go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    /// A new assessment, following the previous one named (or found, for a Bilanzierung).
    New(Option<AssessmentId>),
    /// Corrected answers into an assessment; `true` takes it over.
    Into(AssessmentId, bool),
}

/// The previous assessment a new one follows: named, found for a Bilanzierung, or none. `Err`
/// carries the exit code when several could be meant (they are listed).
fn previous_of(
    store: &Store,
    valid: &crate::domain::validate::ValidAnswers,
    named: Option<AssessmentId>,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<Option<AssessmentId>, super::Failure> {
    use crate::domain::answers::ProcedureKind;
    use crate::store::Previous;
    if named.is_some() || valid.answers.procedure.kind != ProcedureKind::Bilanzierung {
        return Ok(named);
    }
    match store.previous_for(&valid.answers)? {
        Previous::One(candidate) => Ok(Some(candidate.id)),
        Previous::None => {
            let ags = &valid.answers.county.ags;
            writeln!(out, "{}", sanitize(&Text::NoPrevious { ags }.text(lang)))?;
            Ok(None)
        }
        Previous::Several(candidates) => {
            writeln!(out, "{}", Text::SeveralPrevious.text(lang))?;
            for c in &candidates {
                let status = Text::Status(c.status.as_str()).text(lang);
                writeln!(
                    out,
                    "{}	{}	{}	{}	{status}",
                    c.id,
                    sanitize(&c.procedure),
                    c.reporting_date,
                    sanitize(&c.questionnaire)
                )?;
            }
            writeln!(out, "{}", Text::NotImported.text(lang))?;
            Err(super::Failure::Exit(EXIT_INVALID))
        }
    }
}

pub(super) fn import(
    args: &Args,
    paths: &Paths,
    file: &Path,
    target: Target,
    out: &mut dyn Write,
) -> Outcome {
    use crate::domain::validate::DocumentKind;
    let lang = args.lang();
    let registry = Registry::load(&args.definition_dirs(paths));
    let mut report = questionnaires::validate_file(file, &registry.known, &[]);
    if let Some(kind @ (DocumentKind::Agreement | DocumentKind::AnnualReport)) = report.kind {
        if target != Target::New(None) {
            return Err(super::Failure::Message(
                catalog::goals::answers_only_option(lang).into(),
            ));
        }
        if kind == DocumentKind::AnnualReport && paths.db.exists() {
            // Checked against the Zielvereinbarungen stored.
            let agreements = Store::open_existing(&paths.db)?.stored_agreements()?;
            report = questionnaires::validate_file(file, &registry.known, &agreements);
        }
    }
    let name = file.display().to_string();
    print_report(&name, &report, lang, out)?;
    if report.agreement.is_some() || report.annual_report.is_some() {
        return import_goals(args, paths, report, out);
    }
    let counts = catalog::counts(report.error_count(), report.warning_count(), lang);
    let Some(valid) = report.answers else {
        let status = format!("{name}: {}: {counts}", Text::Invalid.text(lang));
        writeln!(out, "{}", sanitize(&status))?;
        writeln!(out, "{}", Text::NothingStored.text(lang))?;
        return Ok(EXIT_INVALID);
    };
    let auditor = args.auditor();
    let mut store = Store::open(&paths.db)?;
    let id = match target {
        Target::New(named) => {
            let previous = previous_of(&store, &valid, named, lang, out)?;
            let id = store.import_after(&valid, &auditor, previous)?;
            let line = Text::Imported {
                county: &valid.answers.county.name,
                key: &valid.definition.definition.key(),
                id,
            }
            .text(lang);
            writeln!(out, "{}", sanitize(&line))?;
            if let Some(previous) = previous {
                writeln!(out, "{}", Text::Follows { id, previous }.text(lang))?;
            }
            id
        }
        Target::Into(id, take_over) => {
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

/// Stores a valid Zielvereinbarung or Jahresbericht; prints the assessment it is attached to
/// on the last line.
fn import_goals(
    args: &Args,
    paths: &Paths,
    report: crate::domain::validate::Report,
    out: &mut dyn Write,
) -> Outcome {
    use crate::catalog::goals as words;
    let lang = args.lang();
    let auditor = args.auditor();
    // Goals attach to an audit already in the database.
    if !paths.db.exists() {
        return Err(super::Failure::Message(
            words::answers_first(report.annual_report.is_some(), lang).into(),
        ));
    }
    let mut store = Store::open_existing(&paths.db)?;
    let assessment = match (&report.agreement, &report.annual_report) {
        (Some(valid), _) => {
            let imported = store.import_agreement(valid, &auditor)?;
            let a = &valid.agreement;
            let line = words::agreement_imported(
                &a.id,
                imported.assessment,
                a.goals.len(),
                a.measures().count(),
                imported.existed,
                lang,
            );
            writeln!(out, "{}", sanitize(&line))?;
            imported.assessment
        }
        (None, Some(valid)) => {
            let imported = store.import_annual_report(valid, &auditor)?;
            let line = words::report_imported(
                imported.year,
                &valid.report.zielvereinbarung.id,
                imported.assessment,
                imported.replaced.as_deref(),
                imported.existed,
                lang,
            );
            writeln!(out, "{}", sanitize(&line))?;
            imported.assessment
        }
        (None, None) => return Ok(EXIT_INVALID),
    };
    writeln!(out, "{assessment}")?;
    Ok(0)
}

pub(super) fn list(paths: &Paths, json: bool, lang: Lang, out: &mut dyn Write) -> Outcome {
    let store = Store::open_existing(&paths.db)?;
    let rows = store.list()?;
    if json {
        let text = crate::text::json_pretty(&rows).map_err(io::Error::other)?;
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

pub(super) fn log(
    args: &Args,
    paths: &Paths,
    id: AssessmentId,
    field: Option<&str>,
    out: &mut dyn Write,
) -> Outcome {
    let lang = args.lang();
    let mut store = Store::open_existing(&paths.db)?;
    store.check_blind(id, &args.auditor())?;
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

/// A trail state as `verify --head` takes it: hex, at least 12 digits of the 64.
pub(super) fn trail_state(text: &str) -> Result<String, String> {
    let text = text.trim().to_ascii_lowercase();
    if (12..=64).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(text)
    } else {
        Err(format!("\"{}\": 12 to 64 hex digits", sanitize(&text)))
    }
}

pub(super) fn verify(
    paths: &Paths,
    id: AssessmentId,
    head: Option<&str>,
    lang: Lang,
    out: &mut dyn Write,
) -> Outcome {
    let mut store = Store::open_existing(&paths.db)?;
    let report = store.verify(id, head)?;
    if report.problems.is_empty() {
        let verified = Text::Verified {
            id,
            rows: report.rows,
            imports: report.imports,
        };
        writeln!(out, "{}", verified.text(lang))?;
        if let Some(n) = report.anchored_at {
            let anchored = Text::Anchored {
                n,
                rows: report.rows,
            };
            writeln!(out, "{}", anchored.text(lang))?;
        }
        if let Some(head) = &report.head {
            writeln!(out, "{}", Text::TrailHead { head }.text(lang))?;
        }
        return Ok(0);
    }
    for problem in &report.problems {
        writeln!(out, "{}", catalog::verify_problem(id, problem, lang))?;
    }
    Ok(EXIT_INVALID)
}
