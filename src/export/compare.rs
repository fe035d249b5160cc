//! The comparison of a Bilanzierung with the last audit, as text lines (for `siegel compare`)
//! and as JSON for machines. Built from `domain::compare`; the words come from the catalog.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::answer_text;
use super::score_text;
use crate::catalog::Lang;
use crate::catalog::report::{self, left_out_short};
use crate::catalog::versions::{self as words, AnswerChangeKind};
use crate::domain::assessment::{Assessment, Rating};
use crate::domain::compare::{AnswerChange, Comparison};
use crate::domain::definition::{Question, Rules};
use crate::domain::scoring::LeftOut;

/// The two audits compared: the older one first.
pub struct Compared<'a> {
    pub then: &'a Assessment,
    pub now: &'a Assessment,
    pub comparison: &'a Comparison,
    pub lang: Lang,
}

fn year(assessment: &Assessment) -> &str {
    assessment.answers.reporting_date.get(..4).unwrap_or("")
}

fn audit(assessment: &Assessment, lang: Lang) -> String {
    words::audit_label(
        report::procedure(assessment.answers.procedure.kind, lang),
        year(assessment),
        assessment.id,
        &assessment.definition.key(),
        lang,
    )
}

fn rating(rating: Option<Rating>, lang: Lang) -> String {
    match rating {
        Some(Rating::Level(level)) => level.to_string(),
        Some(Rating::NotApplicable) => left_out_short(LeftOut::NotApplicable, lang).into(),
        Some(Rating::NotAssessable) => left_out_short(LeftOut::NotAssessable, lang).into(),
        None => left_out_short(LeftOut::Unrated, lang).into(),
    }
}

/// "▲ +0,7", "▼ −0,3", "= 0,0": the direction as a mark, not only as a colour.
fn direction(change: f64, rules: &Rules, lang: Lang) -> String {
    // Rounded first, so that a difference of rounding noise reads as none.
    let change = crate::domain::scoring::round_half_away(change, rules.score_decimals);
    let amount = score_text(change.abs(), rules, lang);
    if change > 0.0 {
        format!("▲ +{amount}")
    } else if change < 0.0 {
        format!("▼ −{amount}")
    } else {
        format!("= {amount}")
    }
}

/// An answer's value in one short line (`questions`: the assessment's questions by id).
fn short_answer(
    assessment: &Assessment,
    questions: &HashMap<&str, &Question>,
    id: &str,
    lang: Lang,
) -> String {
    let Some(question) = questions.get(id) else {
        return String::new();
    };
    let text = answer_text::render(question, assessment.answers.answer(id), lang);
    let mut value = text.value(lang);
    if text.lines.len() > 1 {
        value = format!("{} …", text.lines[0]);
    }
    let value = value.replace('\n', " ");
    match value.char_indices().nth(60) {
        Some((cut, _)) => format!("{} …", &value[..cut]),
        None => value,
    }
}

impl Compared<'_> {
    fn score(&self, value: Option<f64>) -> String {
        let rules = &self.now.definition.rules;
        value.map_or_else(
            || left_out_short(LeftOut::Unrated, self.lang).to_string(),
            |v| score_text(v, rules, self.lang),
        )
    }

    /// "2,1" or, when today's rules give another number than the rules then, "2,1 (2,0)".
    fn then_score(&self, by_current: Option<f64>, as_then: Option<f64>) -> String {
        match (by_current, as_then) {
            (Some(now_rules), Some(then_rules)) if now_rules != then_rules => format!(
                "{} ({})",
                self.score(Some(now_rules)),
                self.score(Some(then_rules))
            ),
            (Some(now_rules), _) => self.score(Some(now_rules)),
            (None, as_then) => self.score(as_then),
        }
    }

    fn change(&self, change: Option<f64>) -> String {
        let rules = &self.now.definition.rules;
        change.map_or_else(
            || left_out_short(LeftOut::Unrated, self.lang).to_string(),
            |c| direction(c, rules, self.lang),
        )
    }

    /// The comparison as lines: the heading, the table of fields, then per field what changed.
    pub fn lines(&self) -> Vec<String> {
        let lang = self.lang;
        let c = self.comparison;
        let county = &self.now.answers.county.name;
        let mut out = vec![
            words::compare_heading(
                county,
                &audit(self.now, lang),
                &audit(self.then, lang),
                lang,
            ),
            String::new(),
        ];
        let definition = &self.now.definition;
        let then_questions = self.then.definition.questions_by_id();
        let now_questions = definition.questions_by_id();
        // The table: field, then, now, change; columns padded to their widest entry.
        let mut rows: Vec<[String; 4]> = vec![words::compare_columns(
            year(self.then),
            year(self.now),
            lang,
        )];
        for (field, f) in definition.fields_of_action.iter().zip(&c.fields) {
            let change = match &f.incomparable {
                Some(reason) => words::incomparable(reason, lang),
                None => self.change(f.change()),
            };
            rows.push([
                format!("{} {}", field.id, field.label),
                self.then_score(f.then_by_current_rules, f.then),
                self.score(f.now),
                change,
            ]);
        }
        let overall_change = c
            .overall_now
            .zip(c.overall_then_by_current_rules)
            .map(|(now, then)| now - then);
        rows.push([
            words::overall(lang).to_string(),
            self.then_score(c.overall_then_by_current_rules, c.overall_then),
            self.score(c.overall_now),
            self.change(overall_change),
        ]);
        let width = |column: usize| {
            rows.iter()
                .map(|r| r[column].chars().count())
                .max()
                .unwrap_or(0)
        };
        let (w0, w1, w2) = (width(0), width(1), width(2));
        for [name, then, now, change] in &rows {
            out.push(format!("{name:<w0$}  {then:>w1$}  {now:>w2$}  {change}"));
        }
        if c.rules_differ {
            out.push(String::new());
            out.push(words::rescored(
                &self.then.definition.version,
                &definition.version,
                lang,
            ));
        }
        for (field, f) in definition.fields_of_action.iter().zip(&c.fields) {
            if f.cells.is_empty() && f.answers.is_empty() {
                continue;
            }
            out.push(String::new());
            out.push(format!("{} {}", field.id, field.label));
            if !f.cells.is_empty() {
                let cells: Vec<String> = f
                    .cells
                    .iter()
                    .map(|cell| {
                        let mark = match (cell.then, cell.now) {
                            (Some(Rating::Level(a)), Some(Rating::Level(b))) if b > a => " ▲",
                            (Some(Rating::Level(a)), Some(Rating::Level(b))) if b < a => " ▼",
                            _ => "",
                        };
                        format!(
                            "{} {} {} → {}{mark}",
                            cell.parameter,
                            definition.parameter_label(&cell.parameter),
                            rating(cell.then, lang),
                            rating(cell.now, lang)
                        )
                    })
                    .collect();
                out.push(format!(
                    "  {}: {}",
                    words::cells_changed(lang),
                    cells.join("; ")
                ));
            }
            if !f.answers.is_empty() {
                out.push(format!("  {}:", words::answers_changed(lang)));
            }
            for change in &f.answers {
                let label = |kind| words::answer_change(kind, lang);
                let line = match change {
                    AnswerChange::Changed { old_id, new_id } => format!(
                        "{}: {} → {}",
                        ids(old_id, new_id),
                        short_answer(self.then, &then_questions, old_id, lang),
                        short_answer(self.now, &now_questions, new_id, lang)
                    ),
                    AnswerChange::New { new_id } => format!(
                        "{new_id} ({}): {}",
                        label(AnswerChangeKind::New),
                        short_answer(self.now, &now_questions, new_id, lang)
                    ),
                    AnswerChange::Gone { old_id } => format!(
                        "{old_id} ({}): {}",
                        label(AnswerChangeKind::Gone),
                        short_answer(self.then, &then_questions, old_id, lang)
                    ),
                    AnswerChange::OtherKind { old_id, new_id } => format!(
                        "{} ({}): {} | {}",
                        ids(old_id, new_id),
                        label(AnswerChangeKind::OtherKind),
                        short_answer(self.then, &then_questions, old_id, lang),
                        short_answer(self.now, &now_questions, new_id, lang)
                    ),
                };
                out.push(format!("    {line}"));
            }
        }
        out
    }

    /// The comparison for machines.
    pub fn json(&self) -> Value {
        let c = self.comparison;
        let audit = |a: &Assessment| {
            json!({
                "assessment": a.id,
                "questionnaire": a.definition.key(),
                "procedure": a.answers.procedure.kind,
                "reporting_date": a.answers.reporting_date,
            })
        };
        let rating = |r: Option<Rating>| r.map(Rating::to_storage);
        let fields: Vec<Value> = c
            .fields
            .iter()
            .map(|f| {
                let answers: Vec<Value> = f
                    .answers
                    .iter()
                    .map(|a| match a {
                        AnswerChange::Changed { old_id, new_id } => {
                            json!({"change": "changed", "then": old_id, "now": new_id})
                        }
                        AnswerChange::New { new_id } => json!({"change": "new", "now": new_id}),
                        AnswerChange::Gone { old_id } => json!({"change": "gone", "then": old_id}),
                        AnswerChange::OtherKind { old_id, new_id } => {
                            json!({"change": "other_kind", "then": old_id, "now": new_id})
                        }
                    })
                    .collect();
                json!({
                    "field": f.field_id,
                    "then": f.then,
                    "then_by_current_rules": f.then_by_current_rules,
                    "now": f.now,
                    "change": f.change(),
                    "not_comparable": f.incomparable.as_ref().map(|r| words::incomparable(r, self.lang)),
                    "cells": f.cells.iter().map(|cell| json!({
                        "parameter": cell.parameter,
                        "then": rating(cell.then),
                        "now": rating(cell.now),
                    })).collect::<Vec<_>>(),
                    "answers": answers,
                })
            })
            .collect();
        json!({
            "county": self.now.answers.county.name,
            "ags": self.now.answers.county.ags,
            "then": audit(self.then),
            "now": audit(self.now),
            "rules_differ": c.rules_differ,
            "overall": {
                "then": c.overall_then,
                "then_by_current_rules": c.overall_then_by_current_rules,
                "now": c.overall_now,
                "comparable": c.overall_comparable,
            },
            "fields": fields,
        })
    }
}

/// "HF6.T3.F01 → HF6.T3.F01a", or the id alone when it stayed.
fn ids(old: &str, new: &str) -> String {
    if old == new {
        new.to_string()
    } else {
        format!("{old} → {new}")
    }
}
