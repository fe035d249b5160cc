//! Validation of a Zielvereinbarung and of a Jahresbericht: every problem in one run, each with
//! its place in the file, as for definitions and answers.

use std::collections::{HashMap, HashSet};

use super::definition::Definition;
use super::diagnostic::{IdKind, Problem};
use super::goals::{AGREEMENT_FORMAT, AnnualReport, GoalAgreement, REPORT_FORMAT};
use super::hash::{is_sha256_hex, sha256_hex};
use super::json::Spanned;
use super::schema;
use super::validate::{
    DocumentKind, IdRegister, KnownDefinition, Report, Sink, decode, finish, is_ags, is_valid_id,
};

/// A Zielvereinbarung without errors, with its content hash.
#[derive(Debug, Clone)]
pub struct ValidAgreement {
    pub agreement: GoalAgreement,
    pub sha256: String,
    /// The file in canonical form (whose sha256 is `sha256`), for snapshots.
    pub canonical: String,
}

/// A Jahresbericht without errors, with its content hash.
#[derive(Debug, Clone)]
pub struct ValidAnnualReport {
    pub report: AnnualReport,
    pub sha256: String,
    pub canonical: String,
}

fn check_format(found: u32, supported: u32, sink: &mut Sink) {
    if found != supported {
        sink.error(
            "/format".into(),
            Problem::UnsupportedFormat { found, supported },
        );
    }
}

fn check_county(name: &str, ags: &str, sink: &mut Sink) {
    sink.non_empty("/county/name".into(), name);
    if !is_ags(ags, &[5, 8]) {
        sink.error(
            "/county/ags".into(),
            Problem::InvalidAgs {
                found: ags.to_string(),
            },
        );
    }
}

/// Checks a date and, when it is one, that it is not before `after`.
fn date_not_before(sink: &mut Sink, pointer: String, date: &str, after: &str) {
    sink.date(pointer.clone(), date);
    // ISO dates compare as text.
    if super::values::is_valid_date(date) && super::values::is_valid_date(after) && date < after {
        sink.error(
            pointer,
            Problem::DateBefore {
                date: date.to_string(),
                before: after.to_string(),
            },
        );
    }
}

fn within_period(sink: &mut Sink, pointer: String, date: &str, agreement: &GoalAgreement) {
    let period = &agreement.period;
    let valid = super::values::is_valid_date;
    if valid(date)
        && valid(&period.start)
        && valid(&period.end)
        // A reversed period is an error of its own; every date would fall outside it.
        && period.start <= period.end
        && (date < period.start.as_str() || date > period.end.as_str())
    {
        sink.warning(
            pointer,
            Problem::OutsidePeriod {
                date: date.to_string(),
                start: period.start.clone(),
                end: period.end.clone(),
            },
        );
    }
}

/// The definition `key` ("id@version") names, among those known.
fn definition<'a>(key: &str, known: &'a [KnownDefinition]) -> Option<&'a Definition> {
    let (id, version) = key.split_once('@')?;
    known
        .iter()
        .map(|k| &*k.definition)
        .find(|d| d.id == id && d.version == version)
}

pub(super) fn validate_agreement_tree(root: &Spanned, known: &[KnownDefinition]) -> Report {
    let mut sink = Sink::new(root);
    let Some(agreement) = decode::<GoalAgreement>(root, schema::agreement_schema(), &mut sink)
    else {
        return finish(sink, DocumentKind::Agreement);
    };
    check_agreement(&agreement, known, &mut sink);
    let valid = !sink.has_errors();
    let mut report = finish(sink, DocumentKind::Agreement);
    if valid {
        let canonical = super::json_de::canonical_text(root);
        report.agreement = Some(ValidAgreement {
            sha256: sha256_hex(canonical.as_bytes()),
            canonical,
            agreement,
        });
    }
    report
}

fn check_agreement(agreement: &GoalAgreement, known: &[KnownDefinition], sink: &mut Sink) {
    check_format(agreement.format, AGREEMENT_FORMAT, sink);
    if !is_valid_id(&agreement.id) {
        sink.error(
            "/id".into(),
            Problem::InvalidId {
                what: IdKind::Agreement,
                found: agreement.id.clone(),
            },
        );
    }
    check_county(&agreement.county.name, &agreement.county.ags, sink);

    let follows = &agreement.follows;
    let definition = match follows.questionnaire.split_once('@') {
        Some((id, version)) if !id.is_empty() && !version.is_empty() => {
            let found = definition(&follows.questionnaire, known);
            if found.is_none() {
                sink.warning(
                    "/follows/questionnaire".into(),
                    Problem::GoalsQuestionnaireUnknown {
                        key: follows.questionnaire.clone(),
                    },
                );
            }
            found
        }
        _ => {
            sink.error(
                "/follows/questionnaire".into(),
                Problem::InvalidQuestionnaireKey {
                    found: follows.questionnaire.clone(),
                },
            );
            None
        }
    };
    match &follows.answers_sha256 {
        Some(hash) if !is_sha256_hex(hash) => sink.error(
            "/follows/answers_sha256".into(),
            Problem::InvalidHash {
                found: hash.clone(),
            },
        ),
        Some(_) => {}
        None if follows.procedure.is_none() || follows.year.is_none() => {
            sink.error("/follows".into(), Problem::FollowsIncomplete);
        }
        None => {}
    }

    let resolution = &agreement.resolution;
    sink.non_empty("/resolution/body".into(), &resolution.body);
    sink.non_empty("/resolution/number".into(), &resolution.number);
    sink.date("/resolution/date".into(), &resolution.date);
    let period = &agreement.period;
    sink.date("/period/start".into(), &period.start);
    date_not_before(sink, "/period/end".into(), &period.end, &period.start);

    if agreement.goals.is_empty() {
        sink.error("/goals".into(), Problem::EmptyList);
    }
    let fields: Option<Vec<String>> =
        definition.map(|d| d.fields_of_action.iter().map(|f| f.id.clone()).collect());
    let questions: Option<HashSet<&str>> =
        definition.map(|d| d.questions().map(|(_, _, q)| q.id.as_str()).collect());
    let mut goal_ids = IdRegister::new(IdKind::Goal);
    let mut measure_ids = IdRegister::new(IdKind::Measure);
    for (g, goal) in agreement.goals.iter().enumerate() {
        let base = format!("/goals/{g}");
        goal_ids.add(sink, format!("{base}/id"), &goal.id);
        sink.non_empty(format!("{base}/title"), &goal.title);
        if let Some(fields) = &fields
            && !fields.contains(&goal.field)
        {
            sink.error(
                format!("{base}/field"),
                Problem::UnknownFieldOfAction {
                    found: goal.field.clone(),
                    allowed: fields.clone(),
                },
            );
        }
        if let Some(questions) = &questions {
            for (q, id) in goal.questions.iter().enumerate() {
                if !questions.contains(id.as_str()) {
                    sink.error(
                        format!("{base}/questions/{q}"),
                        Problem::UnknownQuestion {
                            found: id.clone(),
                            suggestion: None,
                        },
                    );
                }
            }
        }
        if let Some(indicator) = &goal.indicator {
            sink.non_empty(format!("{base}/indicator/name"), &indicator.name);
            let pointer = format!("{base}/indicator/target_date");
            sink.date(pointer.clone(), &indicator.target_date);
            within_period(sink, pointer, &indicator.target_date, agreement);
        }
        if goal.measures.is_empty() {
            sink.error(format!("{base}/measures"), Problem::EmptyList);
        }
        for (m, measure) in goal.measures.iter().enumerate() {
            let base = format!("{base}/measures/{m}");
            measure_ids.add(sink, format!("{base}/id"), &measure.id);
            sink.non_empty(format!("{base}/title"), &measure.title);
            sink.non_empty(format!("{base}/responsible"), &measure.responsible);
            sink.date(format!("{base}/start"), &measure.start);
            let pointer = format!("{base}/deadline");
            date_not_before(sink, pointer.clone(), &measure.deadline, &measure.start);
            within_period(sink, pointer, &measure.deadline, agreement);
        }
    }
}

pub(super) fn validate_report_tree(root: &Spanned, agreements: &[ValidAgreement]) -> Report {
    let mut sink = Sink::new(root);
    let Some(report) = decode::<AnnualReport>(root, schema::report_schema(), &mut sink) else {
        return finish(sink, DocumentKind::AnnualReport);
    };
    check_report(&report, agreements, &mut sink);
    let valid = !sink.has_errors();
    let mut result = finish(sink, DocumentKind::AnnualReport);
    if valid {
        let canonical = super::json_de::canonical_text(root);
        result.annual_report = Some(ValidAnnualReport {
            sha256: sha256_hex(canonical.as_bytes()),
            canonical,
            report,
        });
    }
    result
}

fn check_report(report: &AnnualReport, agreements: &[ValidAgreement], sink: &mut Sink) {
    check_format(report.format, REPORT_FORMAT, sink);
    check_county(&report.county.name, &report.county.ags, sink);
    sink.date("/reporting_date".into(), &report.reporting_date);
    let reference = &report.zielvereinbarung;
    if !is_sha256_hex(&reference.sha256) {
        sink.error(
            "/zielvereinbarung/sha256".into(),
            Problem::InvalidHash {
                found: reference.sha256.clone(),
            },
        );
    }
    // Entries named twice, whether or not the agreement is known.
    let mut measures = IdRegister::new(IdKind::Measure);
    for (index, entry) in report.measures.iter().enumerate() {
        measures.add(sink, format!("/measures/{index}/measure"), &entry.measure);
    }
    let mut goals = IdRegister::new(IdKind::Goal);
    for (index, entry) in report.indicators.iter().enumerate() {
        goals.add(sink, format!("/indicators/{index}/goal"), &entry.goal);
    }

    let Some(valid) = agreements.iter().find(|a| a.agreement.id == reference.id) else {
        sink.warning(
            "/zielvereinbarung/id".into(),
            Problem::AgreementUnknown {
                id: reference.id.clone(),
            },
        );
        return;
    };
    let agreement = &valid.agreement;
    if is_sha256_hex(&reference.sha256) && reference.sha256 != valid.sha256 {
        sink.error(
            "/zielvereinbarung/sha256".into(),
            Problem::AgreementHashMismatch {
                id: reference.id.clone(),
                reported: reference.sha256.clone(),
                known: valid.sha256.clone(),
            },
        );
    }
    if report.county.ags != agreement.county.ags {
        sink.error(
            "/county/ags".into(),
            Problem::OtherCounty {
                found: report.county.ags.clone(),
                expected: agreement.county.ags.clone(),
            },
        );
    }
    let first_year = agreement.period.start.get(..4).and_then(|y| y.parse().ok());
    let last_year = agreement.period.end.get(..4).and_then(|y| y.parse().ok());
    if let (Some(first), Some(last)) = (first_year, last_year)
        && !(first..=last).contains(&report.year)
    {
        sink.error(
            "/year".into(),
            Problem::YearOutsidePeriod {
                year: report.year,
                start: agreement.period.start.clone(),
                end: agreement.period.end.clone(),
            },
        );
    }
    let known_measures: HashSet<&str> = agreement.measures().map(|(_, m)| m.id.as_str()).collect();
    for (index, entry) in report.measures.iter().enumerate() {
        if !known_measures.contains(entry.measure.as_str()) {
            sink.error(
                format!("/measures/{index}/measure"),
                Problem::UnknownMeasure {
                    found: entry.measure.clone(),
                },
            );
        }
    }
    let reported: HashSet<&str> = report.measures.iter().map(|e| e.measure.as_str()).collect();
    for (_, measure) in agreement.measures() {
        if !reported.contains(measure.id.as_str()) {
            sink.warning(
                "/measures".into(),
                Problem::MeasureNotReported {
                    measure: measure.id.clone(),
                },
            );
        }
    }
    let goals_by_id: HashMap<&str, bool> = (agreement.goals.iter())
        .map(|g| (g.id.as_str(), g.indicator.is_some()))
        .collect();
    for (index, entry) in report.indicators.iter().enumerate() {
        let pointer = format!("/indicators/{index}/goal");
        match goals_by_id.get(entry.goal.as_str()) {
            None => sink.error(
                pointer,
                Problem::UnknownGoal {
                    found: entry.goal.clone(),
                },
            ),
            Some(false) => sink.error(
                pointer,
                Problem::GoalWithoutIndicator {
                    goal: entry.goal.clone(),
                },
            ),
            Some(true) => {}
        }
    }
}
