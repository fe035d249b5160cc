//! Commands on scores and results: explain, finalize, reopen, export.

use std::io::Write;
use std::path::Path;

use super::{Args, EXIT_INVALID, Outcome};
use crate::catalog::report::Text;
use crate::domain::assessment::{Assessment, AssessmentId};
use crate::domain::compare::Comparison;
use crate::domain::versions::{ChainError, QuestionMap};
use crate::export::{self, Format, Options, Part, Report};
use crate::paths::Paths;
use crate::store::{Edit, OpenMode, Store, StoreError};
use crate::text::sanitize;

/// Exit code of wrong usage, as clap gives it.
pub(super) const EXIT_USAGE: u8 = 2;

fn open_mode(take_over: bool) -> OpenMode {
    if take_over {
        OpenMode::TakeOver
    } else {
        OpenMode::Edit
    }
}

pub(super) fn explain(
    args: &Args,
    paths: &Paths,
    id: AssessmentId,
    field: Option<&str>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Outcome {
    let mut store = Store::open_existing(&paths.db)?;
    store.check_blind(id, &args.auditor())?;
    let assessment = store.load(id)?;
    let lang = export::report_lang(&assessment.definition, args.lang);
    let scores = crate::domain::scoring::score(&assessment.definition, &assessment.cells);
    let lines = export::explain::lines(&assessment, &scores, field, lang)
        .map_err(|unknown| StoreError::UnknownField(unknown.0))?;
    for line in lines {
        writeln!(out, "{}", sanitize(&line))?;
    }
    // A Bilanzierung's score is set beside the last audit's: how that one comes about.
    if let Some((then, comparison)) = last_audit(args, paths, &mut store, &assessment, err)? {
        let compared = export::compare::Compared {
            then: &then,
            now: &assessment,
            comparison: &comparison,
            lang,
        };
        let lines = export::explain::compared_lines(&compared, field)
            .map_err(|unknown| StoreError::UnknownField(unknown.0))?;
        writeln!(out)?;
        for line in lines {
            writeln!(out, "{}", sanitize(&line))?;
        }
    }
    Ok(0)
}

/// How the questions of `then`'s questionnaire map to `now`'s; the known definitions are read
/// only when the two versions are not adjacent.
fn question_map(
    args: &Args,
    paths: &Paths,
    then: &Assessment,
    now: &Assessment,
) -> Result<QuestionMap, ChainError> {
    let mut registry = None;
    crate::domain::versions::map_between(&then.definition, &now.definition, || {
        let registry = registry.insert(crate::questionnaires::Registry::load(
            &args.definition_dirs(paths),
        ));
        registry.known.iter().map(|k| &*k.definition).collect()
    })
}

/// The audit `now` follows and the comparison with it, if it follows one. When the two
/// questionnaires do not chain, a note says that the comparison is left out.
fn last_audit(
    args: &Args,
    paths: &Paths,
    store: &mut Store,
    now: &Assessment,
    err: &mut dyn Write,
) -> Result<Option<(Assessment, Comparison)>, super::Failure> {
    use crate::catalog::versions as words;
    let Some(then) = store.last_audit(now.id)? else {
        return Ok(None);
    };
    match question_map(args, paths, &then, now) {
        Ok(map) => {
            let comparison = crate::domain::compare::compare(&then, now, &map);
            Ok(Some((then, comparison)))
        }
        Err(e) => {
            let lang = args.lang();
            let reason = words::chain_error(&e, lang);
            let note = words::comparison_left_out(&reason, lang);
            writeln!(err, "siegel: {}", sanitize(&note))?;
            Ok(None)
        }
    }
}

/// `siegel compare`: the assessment beside the one it follows, or beside `with`.
pub(super) fn compare(
    args: &Args,
    paths: &Paths,
    id: AssessmentId,
    with: Option<AssessmentId>,
    json: bool,
    out: &mut dyn Write,
) -> Outcome {
    use crate::catalog::versions as words;
    let mut store = Store::open_existing(&paths.db)?;
    store.check_blind(id, &args.auditor())?;
    let assessment = store.load(id)?;
    let lang = export::report_lang(&assessment.definition, args.lang);
    let Some(other) = with.or(store.previous(id)?) else {
        return Err(super::Failure::Message(words::no_previous(id, lang)));
    };
    if other == id {
        return Err(super::Failure::Message(words::with_itself(id, lang)));
    }
    let other = store.load(other)?;
    if other.answers.county.ags != assessment.answers.county.ags {
        return Err(super::Failure::Message(words::other_county(
            id, other.id, lang,
        )));
    }
    // The older audit is "then", whichever was named first.
    let (then, now) = if other.answers.reporting_date <= assessment.answers.reporting_date {
        (&other, &assessment)
    } else {
        (&assessment, &other)
    };
    let map = question_map(args, paths, then, now)
        .map_err(|e| super::Failure::Message(words::chain_error(&e, lang)))?;
    let comparison = crate::domain::compare::compare(then, now, &map);
    let compared = export::compare::Compared {
        then,
        now,
        comparison: &comparison,
        lang,
    };
    if json {
        let text = crate::text::json_pretty(&compared.export()).map_err(std::io::Error::other)?;
        writeln!(out, "{text}")?;
    } else {
        for line in compared.lines() {
            writeln!(out, "{}", sanitize(&line))?;
        }
    }
    Ok(0)
}

/// `siegel goals`: the Zielvereinbarungen that concern an assessment and where they stand.
pub(super) fn goals(
    args: &Args,
    paths: &Paths,
    id: AssessmentId,
    json: bool,
    out: &mut dyn Write,
) -> Outcome {
    use crate::domain::progress::Progress;
    let mut store = Store::open_existing(&paths.db)?;
    store.check_blind(id, &args.auditor())?;
    let assessment = store.load(id)?;
    let lang = export::report_lang(&assessment.definition, args.lang);
    let agreements = store.agreements(id)?;
    if agreements.is_empty() {
        let message = crate::catalog::goals::no_agreement(id, lang);
        return Err(super::Failure::Message(message));
    }
    let mut exports = Vec::new();
    for (index, stored) in agreements.iter().enumerate() {
        let reports: Vec<_> = stored.reports.iter().map(|r| &r.report).collect();
        let progress = Progress::new(stored.agreement(), &reports);
        // The Bilanzierung judges the goals of the audit it follows.
        let ratings = (stored.assessment != id).then_some(&assessment.goal_ratings);
        if json {
            exports.push(export::goals::export(
                &progress,
                &stored.valid.sha256,
                ratings,
            ));
            continue;
        }
        if index > 0 {
            writeln!(out)?;
        }
        let dates: Vec<(i32, String)> = (stored.reports.iter())
            .map(|r| (r.year, r.report.reporting_date.clone()))
            .collect();
        for line in export::goals::lines(&progress, &assessment.definition, &dates, ratings, lang) {
            writeln!(out, "{}", sanitize(&line))?;
        }
    }
    if json {
        let text = crate::text::json_pretty(&exports).map_err(std::io::Error::other)?;
        writeln!(out, "{text}")?;
    }
    Ok(0)
}

/// The submitted second rating of an assessment, loaded, if there is one.
fn submitted_second(store: &mut Store, id: AssessmentId) -> Result<Option<Assessment>, StoreError> {
    let Some(second) = store.second_rating(id)? else {
        return Ok(None);
    };
    let second = store.load(second)?;
    Ok((second.status == crate::domain::assessment::Status::Finalized).then_some(second))
}

/// `siegel goals --draft`: a Zielvereinbarung skeleton from the recommendations.
pub(super) fn draft_goals(
    args: &Args,
    paths: &Paths,
    id: AssessmentId,
    output: Option<&Path>,
    force: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Outcome {
    let lang = args.lang();
    let mut store = Store::open_existing(&paths.db)?;
    store.check_blind(id, &args.auditor())?;
    let assessment = store.load(id)?;
    let draft = crate::domain::goals::draft_agreement(&assessment, &assessment.answers_sha256);
    let mut text = crate::text::json_pretty(&draft).map_err(std::io::Error::other)?;
    text.push('\n');
    let Some(file) = output else {
        out.write_all(text.as_bytes())?;
        return Ok(0);
    };
    let name = file.display().to_string();
    match export::write_file(file, text.as_bytes(), force) {
        Ok(()) => {
            let line = crate::catalog::goals::draft_written(&name, draft.goals.len(), lang);
            writeln!(out, "{}", sanitize(&line))?;
            Ok(0)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            writeln!(
                err,
                "siegel: {}",
                sanitize(&Text::FileExists { file: &name }.text(lang))
            )?;
            Ok(EXIT_INVALID)
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) fn finalize(
    args: &Args,
    paths: &Paths,
    id: AssessmentId,
    allow_open: bool,
    take_over: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Outcome {
    let lang = args.lang();
    let mut store = Store::open_existing(&paths.db)?;
    let (mut session, assessment) =
        store.open_session(id, &args.auditor(), open_mode(take_over))?;
    let result = store.apply(
        &mut session,
        Edit::Finalize {
            allow_open_follow_ups: allow_open,
        },
    );
    store.close_session(&session)?;
    match result {
        Ok(_) => {
            let finalized = store.load(id)?;
            let hash = finalized.final_hash.clone().unwrap_or_default();
            writeln!(out, "{}", Text::Finalized { id, hash: &hash }.text(lang))?;
            let open = finalized.open_follow_ups();
            if allow_open && open > 0 {
                writeln!(
                    out,
                    "{}",
                    Text::FinalizedWithOpenFollowUps { count: open }.text(lang)
                )?;
            }
            Ok(0)
        }
        Err(StoreError::Incomplete(missing)) => {
            let report = Report::new(&assessment, None, lang);
            for line in report.missing_lines(&missing) {
                writeln!(out, "{}", sanitize(&line))?;
            }
            writeln!(
                err,
                "siegel: {}",
                Text::FinalizeRefused {
                    id,
                    count: missing.len()
                }
                .text(lang)
            )?;
            Ok(EXIT_INVALID)
        }
        Err(other) => Err(other.into()),
    }
}

pub(super) fn reopen(
    args: &Args,
    paths: &Paths,
    id: AssessmentId,
    take_over: bool,
    out: &mut dyn Write,
) -> Outcome {
    let mut store = Store::open_existing(&paths.db)?;
    let (mut session, _) = store.open_session(id, &args.auditor(), open_mode(take_over))?;
    let result = store.apply(&mut session, Edit::Reopen);
    store.close_session(&session)?;
    result?;
    writeln!(out, "{}", Text::Reopened { id }.text(args.lang()))?;
    Ok(0)
}

/// What `siegel export` was asked for.
pub(super) struct ExportRequest<'a> {
    pub id: AssessmentId,
    pub format: Format,
    pub output: Option<&'a Path>,
    /// Replace an existing output file.
    pub force: bool,
    pub part: Option<Part>,
    pub separator: Option<char>,
    /// The association's copy, with internal notes.
    pub internal: bool,
    /// An appendix with every answer.
    pub answers: bool,
}

pub(super) fn export(
    args: &Args,
    paths: &Paths,
    request: &ExportRequest,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Outcome {
    let lang = args.lang();
    let usage = |err: &mut dyn Write, text: Text| -> Outcome {
        writeln!(err, "siegel: {}", text.text(lang))?;
        Ok(EXIT_USAGE)
    };
    if request.format != Format::Csv {
        if request.part.is_some() {
            return usage(err, Text::CsvOnlyOption { option: "--part" });
        }
        if request.separator.is_some() {
            return usage(
                err,
                Text::CsvOnlyOption {
                    option: "--separator",
                },
            );
        }
    }
    let report_format = matches!(
        request.format,
        Format::Pdf | Format::Html | Format::Markdown
    );
    if request.answers && !report_format {
        return usage(
            err,
            Text::ReportOnlyOption {
                option: "--answers",
            },
        );
    }
    if request.format.is_binary() && request.output.is_none() {
        return usage(err, Text::XlsxNeedsOutput);
    }

    let mut store = Store::open_existing(&paths.db)?;
    store.check_blind(request.id, &args.auditor())?;
    let assessment = store.load(request.id)?;
    let trail_head = store.log(request.id, None)?.pop().map(|row| row.hash);
    let report_lang = export::report_lang(&assessment.definition, args.lang);
    let mut report =
        Report::new(&assessment, trail_head, report_lang).with_internal(request.internal);
    report.all_answers = request.answers;
    // A Bilanzierung's report shows the development since the audit it follows.
    let last_audit = last_audit(args, paths, &mut store, &assessment, err)?;
    if let Some((then, comparison)) = last_audit.as_ref() {
        report = report.with_last_audit(then, comparison.clone());
    }
    let goals = store.agreements(request.id)?;
    report = report.with_goals(&goals);
    let second = submitted_second(&mut store, request.id)?;
    if let Some(second) = &second {
        report = report.with_second(second);
    }
    let signoffs = store.signoff_states(request.id)?;
    report = report.with_signoffs(&signoffs);
    if request.part == Some(Part::Comparison) && report.last_audit.is_none() {
        let message = crate::catalog::versions::no_comparison(request.id, lang);
        return Err(super::Failure::Message(message));
    }
    let defaults = Options::default();
    let options = Options {
        part: request.part.unwrap_or(defaults.part),
        separator: request.separator.unwrap_or(defaults.separator),
    };
    let bytes = match export::export(&report, request.format, &options) {
        Ok(bytes) => bytes,
        Err(e) => {
            let reason = e.to_string();
            writeln!(
                err,
                "siegel: {}",
                sanitize(&Text::ExportFailed { reason: &reason }.text(lang))
            )?;
            return Ok(EXIT_INVALID);
        }
    };
    // A directory gets the file under the name the interface proposes.
    let in_directory = request.output.filter(|path| path.is_dir()).map(|dir| {
        dir.join(export::default_file_name(
            &assessment,
            request.format,
            options.part,
        ))
    });
    match in_directory.as_deref().or(request.output) {
        None => out.write_all(&bytes)?,
        Some(file) => {
            if let Err(e) = export::write_file(file, &bytes, request.force) {
                let name = file.display().to_string();
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    writeln!(
                        err,
                        "siegel: {}",
                        sanitize(&Text::FileExists { file: &name }.text(lang))
                    )?;
                    return Ok(EXIT_INVALID);
                }
                let reason = crate::catalog::io_problem(&name, e.kind(), &e.to_string(), lang);
                writeln!(
                    err,
                    "siegel: {}",
                    sanitize(&Text::ExportFailed { reason: &reason }.text(lang))
                )?;
                return Ok(EXIT_INVALID);
            }
            let name = file.display().to_string();
            writeln!(
                out,
                "{}",
                sanitize(&Text::Written { file: &name }.text(lang))
            )?;
        }
    }
    Ok(0)
}

/// `;` or `,` as given on the command line.
pub(super) fn separator(text: &str) -> Result<char, String> {
    match text {
        ";" => Ok(';'),
        "," => Ok(','),
        other => Err(format!("\"{other}\": ';' or ','")),
    }
}
