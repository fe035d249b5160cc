//! Commands on files: validate, questionnaires and the difference of two versions.

use std::io::{self, Write};
use std::path::PathBuf;

use super::EXIT_INVALID;
use crate::catalog::versions::{self as words, Change};
use crate::catalog::{self, Cli as Text, Lang};
use crate::domain::definition::{Definition, Question};
use crate::domain::validate::{DocumentKind, KnownDefinition, Report};
use crate::domain::versions::{self, Aspect, QuestionChange};
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
    let mut agreements = questionnaires::shipped_agreements();
    let mut reports: Vec<Option<Report>> = files.iter().map(|_| None).collect();
    // Definitions first, then what refers to them (answers and Zielvereinbarungen), and last
    // the Jahresberichte, so that each is checked against what is named in the same call.
    let deferred = [
        DocumentKind::Answers,
        DocumentKind::Agreement,
        DocumentKind::AnnualReport,
    ];
    for (index, file) in files.iter().enumerate() {
        let report = questionnaires::validate_file(file, &registry.known, &agreements);
        if let Some(known) = &report.definition {
            registry.add(known.clone(), file);
        }
        if !report.kind.is_some_and(|kind| deferred.contains(&kind)) {
            reports[index] = Some(report);
        }
    }
    for last in [false, true] {
        for (index, file) in files.iter().enumerate() {
            if reports[index].is_some() {
                continue;
            }
            let report = questionnaires::validate_file(file, &registry.known, &agreements);
            if report.kind == Some(DocumentKind::AnnualReport) && !last {
                continue;
            }
            if let Some(valid) = &report.agreement {
                // A file named here stands before a shipped one of the same id.
                agreements.retain(|a| a.agreement.id != valid.agreement.id);
                agreements.push(valid.clone());
            }
            reports[index] = Some(report);
        }
    }
    let mut invalid = 0;
    for (file, report) in files.iter().zip(reports.iter().flatten()) {
        let name = file.display().to_string();
        for diagnostic in &report.diagnostics {
            writeln!(out, "{}", catalog::diagnostic_line(&name, diagnostic, lang))?;
        }
        let mut status = match (&report.definition, &report.answers) {
            _ if report.agreement.is_some() || report.annual_report.is_some() => {
                goals_status(report, lang)
            }
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

/// A version named on the command line: `id@version` among the known ones, or a file.
fn resolve(
    name: &str,
    registry: &mut Registry,
    lang: Lang,
    err: &mut dyn Write,
) -> io::Result<Option<KnownDefinition>> {
    let path = std::path::Path::new(name);
    if name.ends_with(".json") || path.is_file() {
        let report = questionnaires::validate_file(path, &registry.known, &[]);
        for diagnostic in &report.diagnostics {
            writeln!(err, "{}", catalog::diagnostic_line(name, diagnostic, lang))?;
        }
        if let Some(known) = &report.definition {
            registry.add(known.clone(), path);
        }
        return Ok(report.definition);
    }
    if let Some(known) = registry.known.iter().find(|k| k.definition.key() == name) {
        return Ok(Some(known.clone()));
    }
    let keys: Vec<String> = registry.known.iter().map(|k| k.definition.key()).collect();
    let line = words::unknown_version(name, &keys.join(", "), lang);
    writeln!(err, "siegel: {}", sanitize(&line))?;
    Ok(None)
}

/// A question's bounds, "0–" or "–2025".
fn range(question: &Question, lang: Lang) -> String {
    let bound = |b: Option<f64>| b.map(|b| catalog::number(b, lang)).unwrap_or_default();
    match question.max_length {
        Some(length) => format!("≤ {length}"),
        None => format!("{}–{}", bound(question.min), bound(question.max)),
    }
}

/// One line per question change: the label, the ids, what changed and the text.
fn question_lines(change: &QuestionChange, lang: Lang) -> (Change, Vec<String>) {
    let one = |text: &str| sanitize(&text.replace('\n', " ")).into_owned();
    match change {
        QuestionChange::Added(q) => (Change::Added, vec![format!("{}: {}", q.id, one(&q.text))]),
        QuestionChange::Removed(q) => {
            (Change::Removed, vec![format!("{}: {}", q.id, one(&q.text))])
        }
        QuestionChange::Changed { old, new, aspects } => {
            let renamed = aspects.contains(&Aspect::Renamed);
            let label = match (renamed, aspects.contains(&Aspect::Kind)) {
                (true, true) => Change::RenamedOtherKind,
                (true, false) => Change::Renamed,
                (false, _) if aspects == &[Aspect::Text] => Change::Reworded,
                (false, _) => Change::Changed,
            };
            let ids = if renamed {
                format!("{} → {}", old.id, new.id)
            } else {
                new.id.clone()
            };
            let mut details: Vec<String> = aspects
                .iter()
                .filter(|a| **a != Aspect::Renamed)
                .map(|a| match a {
                    Aspect::Kind => format!(
                        "{} → {} ({})",
                        catalog::tui::kind_label(old.kind, lang),
                        catalog::tui::kind_label(new.kind, lang),
                        words::not_comparable(lang)
                    ),
                    Aspect::Range => format!(
                        "{} {} → {}",
                        words::aspect(Aspect::Range, lang),
                        range(old, lang),
                        range(new, lang)
                    ),
                    Aspect::Options => {
                        let labels = |from: &Question, without: &Question| -> Vec<String> {
                            from.options
                                .iter()
                                .filter(|o| !without.options.iter().any(|w| w.id == o.id))
                                .map(|o| one(&o.label))
                                .collect()
                        };
                        let (added, removed) = (labels(new, old), labels(old, new));
                        let mut text = words::aspect(Aspect::Options, lang).to_string();
                        for (sign, list) in [("+", added), ("−", removed)] {
                            if !list.is_empty() {
                                text.push_str(&format!(" {sign} {}", list.join(", ")));
                            }
                        }
                        text
                    }
                    other => words::aspect(*other, lang).to_string(),
                })
                .collect();
            if details.is_empty() {
                details.push(one(&new.text));
            }
            let mut lines = vec![format!("{ids}: {}", details.join("; "))];
            if aspects.contains(&Aspect::Text) {
                let (before, now) = (words::before(lang), words::now(lang));
                let width = before.chars().count().max(now.chars().count()) + 1;
                lines.push(format!(
                    "    {:<width$} {}",
                    format!("{before}:"),
                    one(&old.text)
                ));
                lines.push(format!(
                    "    {:<width$} {}",
                    format!("{now}:"),
                    one(&new.text)
                ));
            }
            (label, lines)
        }
    }
}

/// `siegel questionnaires --diff OLD NEW`: what changed between two versions, field by field.
pub fn diff_questionnaires(
    pair: &[String],
    dirs: &[PathBuf],
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let mut registry = Registry::load(dirs);
    let (Some(old_name), Some(new_name)) = (pair.first(), pair.get(1)) else {
        return Ok(EXIT_INVALID);
    };
    let Some(old) = resolve(old_name, &mut registry, lang, err)? else {
        return Ok(EXIT_INVALID);
    };
    let Some(new) = resolve(new_name, &mut registry, lang, err)? else {
        return Ok(EXIT_INVALID);
    };
    let known: Vec<&Definition> = registry.known.iter().map(|k| &*k.definition).collect();
    let map = versions::chain(&old.definition, &new.definition, &known).and_then(|chain| {
        // The versions between the two, if any.
        let inner = chain.len().saturating_sub(2);
        let via: Vec<String> = (chain.iter().skip(1).take(inner))
            .map(|d| d.version.clone())
            .collect();
        Ok((versions::QuestionMap::along(&chain)?, via))
    });
    let (map, via) = match map {
        Ok(found) => found,
        Err(e) => {
            writeln!(err, "siegel: {}", sanitize(&words::chain_error(&e, lang)))?;
            return Ok(EXIT_INVALID);
        }
    };
    let diff = versions::diff(&old.definition, &new.definition, &map);
    let via: Vec<&str> = via.iter().map(String::as_str).collect();
    let (o, n) = (&old.definition, &new.definition);
    writeln!(
        out,
        "{}",
        sanitize(&words::heading(&o.id, &o.version, &n.version, &via, lang))
    )?;
    if diff.is_empty() {
        writeln!(out, "{}", words::no_changes(lang))?;
        return Ok(0);
    }
    if diff.scale_changed || diff.rules_changed || !diff.parameters.is_empty() {
        writeln!(out, "{}", words::scoring_heading(lang))?;
        if diff.scale_changed {
            writeln!(out, "  {}", words::scale_changed(lang))?;
        }
        if diff.rules_changed {
            writeln!(out, "  {}", words::rules_changed(lang))?;
        }
        for p in &diff.parameters {
            let line =
                words::parameter(p.id, p.label, p.old_weight, p.new_weight, p.reworded, lang);
            writeln!(out, "  {}", sanitize(&line))?;
        }
    }
    let mut counts = [0usize; 5];
    for field in &diff.fields {
        writeln!(
            out,
            "{}",
            sanitize(&format!("{} {}", field.id, field.label))
        )?;
        if let Some((old, new)) = field.parameters {
            writeln!(
                out,
                "  {}",
                sanitize(&words::field_parameters(old, new, lang))
            )?;
        }
        if let Some((old, new)) = field.weight {
            writeln!(out, "  {}", words::field_weight(old, new, lang))?;
        }
        for (id, old, new) in &field.topics {
            writeln!(out, "  {}", sanitize(&words::topic(id, *old, *new, lang)))?;
        }
        for change in &field.questions {
            let (label, lines) = question_lines(change, lang);
            let slot = match label {
                Change::Added => 0,
                Change::Removed => 1,
                Change::Renamed => 2,
                Change::RenamedOtherKind => 3,
                Change::Reworded | Change::Changed => 4,
            };
            counts[slot] += 1;
            let mut lines = lines.into_iter();
            if let Some(first) = lines.next() {
                writeln!(out, "  {:<22} {first}", words::change(label, lang))?;
            }
            for line in lines {
                writeln!(out, "  {:<22} {line}", "")?;
            }
        }
    }
    let [added, removed, renamed, other_kind, changed] = counts;
    let summary = words::summary(
        added,
        removed,
        renamed + other_kind,
        other_kind,
        changed,
        lang,
    );
    writeln!(out, "{summary}")?;
    Ok(0)
}

/// `validate`'s line for a valid Zielvereinbarung or Jahresbericht.
fn goals_status(report: &Report, lang: Lang) -> String {
    use crate::catalog::goals as words;
    match (&report.agreement, &report.annual_report) {
        (Some(valid), _) => {
            let a = &valid.agreement;
            words::valid_agreement(
                &a.county.name,
                &a.id,
                a.goals.len(),
                a.measures().count(),
                lang,
            )
        }
        (None, Some(valid)) => {
            let r = &valid.report;
            words::valid_report(
                &r.county.name,
                r.year,
                &r.zielvereinbarung.id,
                r.measures.len(),
                lang,
            )
        }
        (None, None) => String::new(),
    }
}
