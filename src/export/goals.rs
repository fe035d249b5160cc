//! A Zielvereinbarung and where it stands, for `siegel goals`: as lines of text (goals by field
//! of action, each measure's status over the years, overdue ones marked, indicators against
//! their targets) and as JSON for machines. Built from `domain::progress`.

use schemars::JsonSchema;
use serde::Serialize;

use std::collections::BTreeMap;

use crate::catalog::Lang;
use crate::catalog::goals as words;
use crate::catalog::report;
use crate::domain::definition::Definition;
use crate::domain::goals::{Achievement, GoalRating, Indicator, MeasureStatus, goal_key};
use crate::domain::progress::{GoalProgress, MeasureProgress, Progress, StatusCounts};

/// "38,6 %", "1.210 Fälle": a value with the indicator's unit.
pub fn value_text(value: f64, indicator: &Indicator, lang: Lang) -> String {
    let number = report::decimal(value, 2, false, lang);
    match indicator.unit.as_deref() {
        Some(unit) if !unit.is_empty() => format!("{number} {unit}"),
        _ => number,
    }
}

/// "2026 begonnen → 2027 umgesetzt".
pub fn timeline(progress: &Progress, measure: &MeasureProgress, lang: Lang) -> String {
    let steps: Vec<String> = (progress.years.iter().zip(&measure.statuses))
        .map(|(year, status)| {
            let word = status.map_or(words::not_reported(lang), |s| words::status(s, lang));
            format!("{year} {word}")
        })
        .collect();
    if steps.is_empty() {
        words::not_reported(lang).to_string()
    } else {
        steps.join(" → ")
    }
}

/// The indicator's line of a goal, if it has one.
pub fn indicator_text(progress: &Progress, goal: &GoalProgress, lang: Lang) -> Option<String> {
    let indicator = goal.goal.indicator.as_ref()?;
    let values: Vec<(i32, String)> = (progress.years.iter().zip(&goal.values))
        .filter_map(|(year, value)| Some((*year, value_text((*value)?, indicator, lang))))
        .collect();
    Some(words::indicator_line(
        &indicator.name,
        indicator
            .baseline
            .map(|b| value_text(b, indicator, lang))
            .as_deref(),
        &values,
        &value_text(indicator.target, indicator, lang),
        &report::date(&indicator.target_date, lang),
        lang,
    ))
}

/// The heading lines: the agreement and its reports.
pub fn heading(progress: &Progress, report_dates: &[(i32, String)], lang: Lang) -> [String; 2] {
    let dates: Vec<(i32, String)> = (report_dates.iter())
        .map(|(year, date)| (*year, report::date(date, lang)))
        .collect();
    [
        words::agreement_heading(progress.agreement, lang),
        words::reports_line(&dates, lang),
    ]
}

/// The agreement as lines: heading, then per field of action its goals and their measures.
/// `report_dates` are the years reported and the dates of their reports.
pub fn lines(
    progress: &Progress,
    definition: &Definition,
    report_dates: &[(i32, String)],
    ratings: Option<&Ratings>,
    lang: Lang,
) -> Vec<String> {
    let mut out: Vec<String> = heading(progress, report_dates, lang).into();
    let mut fields: Vec<(&str, String)> = (definition.fields_of_action.iter())
        .map(|f| (f.id.as_str(), format!("{} {}", f.id, f.label)))
        .collect();
    // A field the questionnaire does not name still shows its goals.
    for goal in &progress.goals {
        if !fields.iter().any(|(id, _)| *id == goal.goal.field) {
            fields.push((goal.goal.field.as_str(), goal.goal.field.clone()));
        }
    }
    for (field, label) in fields {
        let mut goals = progress.goals_of(field).peekable();
        if goals.peek().is_none() {
            continue;
        }
        out.push(String::new());
        out.push(label);
        for goal in goals {
            out.push(format!("  {} {}", goal.goal.id, goal.goal.title));
            if let Some(line) = indicator_text(progress, goal, lang) {
                out.push(format!("    {line}"));
            }
            if let Some(ratings) = ratings {
                let key = goal_key(&progress.agreement.id, &goal.goal.id);
                out.push(format!("    {}", achievement_text(ratings.get(&key), lang)));
            }
            for measure in &goal.measures {
                let m = measure.measure;
                let mut line = format!(
                    "    {} {} ({}, {}): {}",
                    m.id,
                    m.title,
                    m.responsible,
                    words::deadline(&report::date(&m.deadline, lang), lang),
                    timeline(progress, measure, lang)
                );
                if measure.overdue {
                    line.push_str(&format!(" · {}", words::overdue(lang)));
                }
                out.push(line);
            }
        }
    }
    out.push(String::new());
    if let Some(ratings) = ratings {
        out.push(achievement_summary(progress, ratings, lang));
    }
    out.push(words::counts_line(&progress.counts(None), lang));
    out
}

/// The achievement of the goals a Bilanzierung judges, by `goal_key`.
pub type Ratings = BTreeMap<String, GoalRating>;

/// "Zielerreichung: teilweise erreicht – rationale", or that it is not rated yet.
pub fn achievement_text(rating: Option<&GoalRating>, lang: Lang) -> String {
    let achieved = rating
        .and_then(|r| r.achievement)
        .map_or(words::not_rated_yet(lang), |a| words::achievement(a, lang));
    let mut text = format!("{}: {achieved}", words::achievement_label(lang));
    if let Some(rationale) = rating.map(|r| r.rationale.trim()).filter(|r| !r.is_empty()) {
        text.push_str(&format!(" – {}", rationale.replace('\n', " ")));
    }
    text
}

/// "16 Ziele: 5 erreicht, 6 teilweise erreicht, …".
pub fn achievement_summary(progress: &Progress, ratings: &Ratings, lang: Lang) -> String {
    let mut counts: Vec<(Option<Achievement>, usize)> = Achievement::ALL
        .iter()
        .map(|a| (Some(*a), 0))
        .chain([(None, 0)])
        .collect();
    for goal in &progress.goals {
        let key = goal_key(&progress.agreement.id, &goal.goal.id);
        let achievement = ratings.get(&key).and_then(|r| r.achievement);
        if let Some(entry) = counts.iter_mut().find(|(a, _)| *a == achievement) {
            entry.1 += 1;
        }
    }
    words::achievement_counts(&counts, progress.goals.len(), lang)
}

/// One row per measure with its goal, the goal's achievement and the status of each year,
/// under a header row: the workbook's sheet.
pub fn measure_table(
    progress: &Progress,
    definition: &Definition,
    ratings: Option<&Ratings>,
    lang: Lang,
) -> Vec<Vec<String>> {
    let mut rows = vec![words::measure_columns(&progress.years, lang)];
    for goal in &progress.goals {
        let field = (definition.fields_of_action.iter())
            .find(|f| f.id == goal.goal.field)
            .map_or_else(
                || goal.goal.field.clone(),
                |f| format!("{} {}", f.id, f.label),
            );
        let rating = ratings.and_then(|r| r.get(&goal_key(&progress.agreement.id, &goal.goal.id)));
        let achieved = rating
            .and_then(|r| r.achievement)
            .map_or("", |a| words::achievement(a, lang));
        let rationale = rating.map_or("", |r| r.rationale.as_str());
        for measure in &goal.measures {
            let m = measure.measure;
            let mut row = vec![
                field.clone(),
                goal.goal.id.clone(),
                goal.goal.title.clone(),
                achieved.to_string(),
                rationale.to_string(),
                m.id.clone(),
                m.title.clone(),
                m.responsible.clone(),
                report::date(&m.deadline, lang),
            ];
            row.extend(
                (measure.statuses.iter())
                    .map(|s| s.map_or(String::new(), |s| words::status(s, lang).to_string())),
            );
            row.push(if measure.overdue {
                words::overdue(lang).to_string()
            } else {
                String::new()
            });
            rows.push(row);
        }
    }
    rows
}

/// A Zielvereinbarung and where it stands, for machines.
#[derive(Debug, Serialize, JsonSchema)]
pub struct GoalsExport {
    pub id: String,
    /// sha256 of the Zielvereinbarung (canonical form).
    pub sha256: String,
    pub county: String,
    pub ags: String,
    /// The years reported on, ascending.
    pub years: Vec<i32>,
    /// The date of the latest report: what "overdue" is measured against.
    pub as_of: String,
    pub goals: Vec<GoalExport>,
    pub counts: CountsExport,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct GoalExport {
    pub id: String,
    pub field: String,
    pub title: String,
    pub indicator: Option<IndicatorExport>,
    pub measures: Vec<MeasureExport>,
    /// In a Bilanzierung: how far the goal was reached, as the auditor judges it.
    pub achievement: Option<Achievement>,
    pub rationale: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct IndicatorExport {
    pub name: String,
    pub unit: Option<String>,
    pub baseline: Option<f64>,
    pub target: f64,
    pub target_date: String,
    /// Per year in `years`, the value reported (null where none was).
    pub values: Vec<Option<f64>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct MeasureExport {
    pub id: String,
    pub title: String,
    pub responsible: String,
    pub deadline: String,
    /// Per year in `years`, the status reported (null where none was).
    pub statuses: Vec<Option<MeasureStatus>>,
    pub last: Option<MeasureStatus>,
    pub overdue: bool,
    /// The latest comment reported.
    pub comment: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct CountsExport {
    pub total: usize,
    pub unreported: usize,
    pub geplant: usize,
    pub begonnen: usize,
    pub umgesetzt: usize,
    pub verschoben: usize,
    pub entfallen: usize,
    pub overdue: usize,
}

impl From<StatusCounts> for CountsExport {
    fn from(c: StatusCounts) -> Self {
        CountsExport {
            total: c.total,
            unreported: c.unreported,
            geplant: c.geplant,
            begonnen: c.begonnen,
            umgesetzt: c.umgesetzt,
            verschoben: c.verschoben,
            entfallen: c.entfallen,
            overdue: c.overdue,
        }
    }
}

pub fn export(progress: &Progress, sha256: &str, ratings: Option<&Ratings>) -> GoalsExport {
    let a = progress.agreement;
    GoalsExport {
        id: a.id.clone(),
        sha256: sha256.to_string(),
        county: a.county.name.clone(),
        ags: a.county.ags.clone(),
        years: progress.years.clone(),
        as_of: progress.as_of.clone(),
        goals: (progress.goals.iter())
            .map(|g| {
                let rating = ratings.and_then(|r| r.get(&goal_key(&a.id, &g.goal.id)));
                GoalExport {
                    achievement: rating.and_then(|r| r.achievement),
                    rationale: rating
                        .map(|r| r.rationale.clone())
                        .filter(|r| !r.trim().is_empty()),
                    id: g.goal.id.clone(),
                    field: g.goal.field.clone(),
                    title: g.goal.title.clone(),
                    indicator: g.goal.indicator.as_ref().map(|i| IndicatorExport {
                        name: i.name.clone(),
                        unit: i.unit.clone(),
                        baseline: i.baseline,
                        target: i.target,
                        target_date: i.target_date.clone(),
                        values: g.values.clone(),
                    }),
                    measures: (g.measures.iter())
                        .map(|m| MeasureExport {
                            id: m.measure.id.clone(),
                            title: m.measure.title.clone(),
                            responsible: m.measure.responsible.clone(),
                            deadline: m.measure.deadline.clone(),
                            statuses: m.statuses.clone(),
                            last: m.last,
                            overdue: m.overdue,
                            comment: m.comment.map(str::to_string),
                        })
                        .collect(),
                }
            })
            .collect(),
        counts: progress.counts(None).into(),
    }
}
