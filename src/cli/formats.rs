//! Commands on files: validate, questionnaires.

use std::io::{self, Write};
use std::path::PathBuf;

use super::EXIT_INVALID;
use crate::catalog::{self, Cli as Text, Lang};
use crate::domain::validate::{DocumentKind, Report};
use crate::questionnaires::{self, Registry, Skipped};
use crate::text::sanitize;

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
