//! The section "Zielerreichung" of a Bilanzierung's report: the last audit's
//! Zielvereinbarung with its Jahresberichte, a summary, and per field of action each goal with
//! its indicator, the auditor's achievement rating and rationale, and its measures' latest
//! state.

use std::fmt::Write as _;

use super::Report;
use super::document::build::{columns, text};
use super::document::{Block, Cell, Section, Style, Table};
use super::goals::{Ratings, achievement_summary, heading, indicator_text};
use crate::catalog::goals as words;
use crate::catalog::report;
use crate::domain::goals::goal_key;
use crate::domain::progress::{GoalProgress, Progress};

/// One goal as a report row: the goal (with its indicator), the achievement, the measures.
struct Row {
    goal: String,
    indicator: Option<String>,
    achievement: String,
    rationale: String,
    measures: Vec<String>,
}

fn row(progress: &Progress, goal: &GoalProgress, ratings: &Ratings, report: &Report) -> Row {
    let lang = report.lang;
    let rating = ratings.get(&goal_key(&progress.agreement.id, &goal.goal.id));
    let measures = (goal.measures.iter())
        .map(|m| {
            let state = m
                .last
                .map_or(words::not_reported(lang), |s| words::status(s, lang));
            let deadline = words::deadline(&report::date(&m.measure.deadline, lang), lang);
            let mut text = format!("{} {} ({deadline}): {state}", m.measure.id, m.measure.title);
            if m.overdue {
                let _ = write!(text, " · {}", words::overdue(lang));
            }
            text
        })
        .collect();
    Row {
        goal: format!("{} {}", goal.goal.id, goal.goal.title),
        indicator: indicator_text(progress, goal, lang),
        achievement: rating
            .and_then(|r| r.achievement)
            .map_or(words::not_rated_yet(lang), |a| words::achievement(a, lang))
            .to_string(),
        rationale: rating.map_or_else(String::new, |r| r.rationale.trim().to_string()),
        measures,
    }
}

/// The fields of action with goals, in the questionnaire's order, and their rows.
fn fields(report: &Report, progress: &Progress, ratings: &Ratings) -> Vec<(String, Vec<Row>)> {
    (report.definition().fields_of_action.iter())
        .filter_map(|field| {
            let rows: Vec<Row> = (progress.goals_of(&field.id))
                .map(|goal| row(progress, goal, ratings, report))
                .collect();
            (!rows.is_empty()).then(|| (format!("{} {}", field.id, field.label), rows))
        })
        .collect()
}

fn report_dates(stored: &crate::store::StoredAgreement) -> Vec<(i32, String)> {
    (stored.reports.iter())
        .map(|r| (r.year, r.report.reporting_date.clone()))
        .collect()
}

/// One section per Zielvereinbarung whose goals this assessment rates.
pub fn sections(report: &Report) -> Vec<Section> {
    let lang = report.lang;
    let mut sections = Vec::new();
    for (stored, progress, ratings) in report.progress() {
        let Some(ratings) = ratings else {
            continue;
        };
        let [agreement, reports] = heading(&progress, &report_dates(stored), lang);
        let mut blocks = vec![
            text(format!("{agreement}\n{reports}"), Style::Small),
            text(achievement_summary(&progress, ratings, lang), Style::Strong),
            text(
                words::counts_line(&progress.counts(None), lang),
                Style::Plain,
            ),
        ];
        for (field, rows) in fields(report, &progress, ratings) {
            blocks.push(super::document::build::heading(field));
            blocks.push(Block::Table(Table {
                class: "goals",
                columns: columns(words::goal_columns(lang)),
                rows: (rows.into_iter())
                    .map(|row| super::document::Row {
                        cells: vec![
                            Cell::lead(row.goal, row.indicator.unwrap_or_default()),
                            Cell::lead(row.achievement, row.rationale),
                            Cell {
                                items: row.measures,
                                ..Cell::default()
                            },
                        ],
                        total: false,
                    })
                    .collect(),
                row_heads: false,
            }));
        }
        sections.push(Section {
            id: format!("achievement-{}", progress.agreement.id),
            title: words::achievement_heading(lang).into(),
            blocks,
        });
    }
    sections
}
