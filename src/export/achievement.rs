//! The section "Zielerreichung" of a Bilanzierung's report, in Markdown and HTML: the last
//! audit's Zielvereinbarung with its Jahresberichte, a summary, and per field of action each
//! goal with its indicator, the auditor's achievement rating and rationale, and its measures'
//! latest state. Both render the same rows.

use std::fmt::Write as _;

use super::Report;
use super::escape::{html, html_lines, markdown};
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

pub fn markdown_section(report: &Report, out: &mut String) {
    let lang = report.lang;
    let inline = |text: &str| markdown(text, " ");
    let cell = |text: &str| markdown(text, "<br>");
    for (stored, progress, ratings) in report.progress() {
        let Some(ratings) = ratings else {
            continue;
        };
        let [agreement, reports] = heading(&progress, &report_dates(stored), lang);
        let _ = writeln!(
            out,
            "## {}\n\n{}  \n{}\n\n**{}**  \n{}\n",
            words::achievement_heading(lang),
            inline(&agreement),
            inline(&reports),
            inline(&achievement_summary(&progress, ratings, lang)),
            inline(&words::counts_line(&progress.counts(None), lang))
        );
        let [goal, achieved, measures] = words::goal_columns(lang);
        for (field, rows) in fields(report, &progress, ratings) {
            let _ = writeln!(
                out,
                "### {}\n\n| {goal} | {achieved} | {measures} |\n| --- | --- | --- |",
                inline(&field)
            );
            for row in rows {
                let mut goal = format!("**{}**", cell(&row.goal));
                if let Some(indicator) = &row.indicator {
                    let _ = write!(goal, "<br>{}", cell(indicator));
                }
                let mut achieved = format!("**{}**", cell(&row.achievement));
                if !row.rationale.is_empty() {
                    let _ = write!(achieved, "<br>{}", cell(&row.rationale));
                }
                let measures: Vec<String> = row.measures.iter().map(|m| cell(m)).collect();
                let _ = writeln!(out, "| {goal} | {achieved} | {} |", measures.join("<br>"));
            }
            out.push('\n');
        }
    }
}

pub fn html_section(report: &Report, out: &mut String) {
    let lang = report.lang;
    for (stored, progress, ratings) in report.progress() {
        let Some(ratings) = ratings else {
            continue;
        };
        let [agreement, reports] = heading(&progress, &report_dates(stored), lang);
        let _ = writeln!(
            out,
            "<section class=\"achievement\">\n<h2>{}</h2>\n<p class=\"small\">{}<br/>{}</p>\n<p><strong>{}</strong><br/>{}</p>",
            html(words::achievement_heading(lang)),
            html(&agreement),
            html(&reports),
            html(&achievement_summary(&progress, ratings, lang)),
            html(&words::counts_line(&progress.counts(None), lang))
        );
        let [goal, achieved, measures] = words::goal_columns(lang);
        for (field, rows) in fields(report, &progress, ratings) {
            let _ = writeln!(
                out,
                "<h3>{}</h3>\n<table class=\"goals\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
                html(&field),
                html(goal),
                html(achieved),
                html(measures)
            );
            for row in rows {
                let indicator = row
                    .indicator
                    .map(|i| format!("<span class=\"small\">{}</span>", html(&i)))
                    .unwrap_or_default();
                let rationale = if row.rationale.is_empty() {
                    String::new()
                } else {
                    format!("<br/>{}", html_lines(&row.rationale))
                };
                let measures: Vec<String> = (row.measures.iter())
                    .map(|m| format!("<li>{}</li>", html(m)))
                    .collect();
                let _ = writeln!(
                    out,
                    "<tr><td><strong>{}</strong><br/>{indicator}</td><td><strong>{}</strong>{rationale}</td><td><ul>{}</ul></td></tr>",
                    html(&row.goal),
                    html(&row.achievement),
                    measures.concat()
                );
            }
            out.push_str("</tbody></table>\n");
        }
        out.push_str("</section>\n");
    }
}
