//! The comparison of a Bilanzierung with the last audit, built once for every output: the
//! lines of `siegel compare`, the section "Entwicklung seit dem letzten Audit" of the Markdown
//! and HTML reports, the typed JSON (`siegel compare --format json` and the JSON export), the
//! workbook's sheet and the CSV part. Built from `domain::compare`; the words come from the
//! catalog.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::Serialize;

use super::answer_text;
use super::score_text;
use crate::catalog::Lang;
use crate::catalog::report::{self, left_out_short};
use crate::catalog::versions::{self as words, AnswerChangeKind};
use crate::domain::assessment::{Assessment, Rating};
use crate::domain::compare::{AnswerChange, CellSince, Comparison, FieldComparison};
use crate::domain::definition::{FieldOfAction, Question, Rules};
use crate::domain::scoring::{LeftOut, round_half_away};

/// Longest answer in a line of `siegel compare`.
const LINE_ANSWER: usize = 60;
/// Longest answer in a report's table of changed answers.
pub const REPORT_ANSWER: usize = 200;

/// The two audits compared: the older one first.
pub struct Compared<'a> {
    pub then: &'a Assessment,
    pub now: &'a Assessment,
    pub comparison: &'a Comparison,
    pub lang: Lang,
}

/// A field's (or the overall) row in the table of scores: label, then, now, change.
pub struct ScoreRow {
    pub label: String,
    pub then: String,
    pub now: String,
    pub change: String,
}

/// A changed answer as a report lists it.
pub struct AnswerRow {
    /// "HF1.T1.F03", or "HF6.T3.F01 → HF6.T3.F01a" for a renamed question.
    pub ids: String,
    /// New, gone or of another kind; `None` for an answer that changed.
    pub kind: Option<AnswerChangeKind>,
    /// The question's text (today's, or the last audit's for one no longer asked).
    pub question: String,
    pub then: String,
    pub now: String,
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

pub fn rating_short(rating: Option<Rating>, lang: Lang) -> String {
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
    let change = round_half_away(change, rules.score_decimals);
    let amount = score_text(change.abs(), rules, lang);
    if change > 0.0 {
        format!("▲ +{amount}")
    } else if change < 0.0 {
        format!("▼ −{amount}")
    } else {
        format!("= {amount}")
    }
}

/// An answer's value lines (`questions`: the assessment's questions by id); one line saying
/// "nicht beantwortet" when there is none.
fn answer_lines(
    assessment: &Assessment,
    questions: &HashMap<&str, &Question>,
    id: &str,
    lang: Lang,
) -> Vec<String> {
    let Some(question) = questions.get(id) else {
        return Vec::new();
    };
    let text = answer_text::render(question, assessment.answers.answer(id), lang);
    if text.lines.is_empty() {
        vec![text.value(lang)]
    } else {
        text.lines
    }
}

/// Lines in one line of at most `limit` characters.
fn one_line(lines: &[String], limit: usize) -> String {
    let value = lines.join(" · ").replace('\n', " ");
    match value.char_indices().nth(limit) {
        Some((cut, _)) => format!("{} …", value[..cut].trim_end()),
        None => value,
    }
}

/// Two answers of many lines (records, table rows) shown by the lines that differ, so that a
/// changed row is seen and not hidden behind the unchanged first one.
fn differing(then: Vec<String>, now: Vec<String>) -> (Vec<String>, Vec<String>) {
    if then.len() < 2 && now.len() < 2 {
        return (then, now);
    }
    let then_set: std::collections::HashSet<&String> = then.iter().collect();
    let now_set: std::collections::HashSet<&String> = now.iter().collect();
    let only_then: Vec<String> = (then.iter())
        .filter(|l| !now_set.contains(l))
        .cloned()
        .collect();
    let only_now: Vec<String> = (now.iter())
        .filter(|l| !then_set.contains(l))
        .cloned()
        .collect();
    (only_then, only_now)
}

/// "HF6.T3.F01 → HF6.T3.F01a", or the id alone when it stayed.
fn ids(old: &str, new: &str) -> String {
    if old == new {
        new.to_string()
    } else {
        format!("{old} → {new}")
    }
}

impl<'a> Compared<'a> {
    pub fn then_year(&self) -> &'a str {
        year(self.then)
    }

    pub fn now_year(&self) -> &'a str {
        year(self.now)
    }

    /// "Landkreis Musterland: Bilanzierung 2028 (…) verglichen mit Erstaudit 2025 (…)".
    pub fn heading(&self) -> String {
        words::compare_heading(
            &self.now.answers.county.name,
            &audit(self.now, self.lang),
            &audit(self.then, self.lang),
            self.lang,
        )
    }

    /// "Erstaudit 2025 (Bewertung 1, fgk-kreis@2025.1)".
    pub fn audit_then(&self) -> String {
        audit(self.then, self.lang)
    }

    /// "Entwicklung seit dem letzten Audit (Erstaudit 2025)".
    pub fn section_title(&self) -> String {
        words::development_heading(
            report::procedure(self.then.answers.procedure.kind, self.lang),
            self.then_year(),
            self.lang,
        )
    }

    /// The fields of action of today's questionnaire with their comparison.
    pub fn fields(&self) -> impl Iterator<Item = (&'a FieldOfAction, &'a FieldComparison)> {
        (self.now.definition.fields_of_action.iter()).zip(&self.comparison.fields)
    }

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

    /// "▲ +0,4", or the unrated mark when there is no change to give.
    pub fn change_text(&self, change: Option<f64>) -> String {
        let rules = &self.now.definition.rules;
        change.map_or_else(
            || left_out_short(LeftOut::Unrated, self.lang).to_string(),
            |c| direction(c, rules, self.lang),
        )
    }

    /// The header of the table of scores: field of action, then's year, now's year, change.
    pub fn columns(&self) -> [String; 4] {
        words::compare_columns(self.then_year(), self.now_year(), self.lang)
    }

    /// The table of scores: one row per field of action, then the overall score.
    pub fn score_rows(&self) -> Vec<ScoreRow> {
        let c = self.comparison;
        let mut rows: Vec<ScoreRow> = self
            .fields()
            .map(|(field, f)| ScoreRow {
                label: format!("{} {}", field.id, field.label),
                then: self.then_score(f.then_by_current_rules, f.then),
                now: self.score(f.now),
                change: match &f.incomparable {
                    Some(reason) => words::incomparable(reason, self.lang),
                    None => self.change_text(f.change()),
                },
            })
            .collect();
        let overall_change = c
            .overall_now
            .zip(c.overall_then_by_current_rules)
            .map(|(now, then)| now - then);
        rows.push(ScoreRow {
            label: words::overall(self.lang).to_string(),
            then: self.then_score(c.overall_then_by_current_rules, c.overall_then),
            now: self.score(c.overall_now),
            change: self.change_text(overall_change),
        });
        rows
    }

    /// The note under the table when the last audit's scores were recomputed.
    pub fn rescored_note(&self) -> Option<String> {
        self.comparison.rules_differ.then(|| {
            words::rescored(
                &self.then.definition.version,
                &self.now.definition.version,
                self.lang,
            )
        })
    }

    /// A cell's rating then and now; `None` then when the field did not rate the parameter.
    fn cell(&self, field: &str, parameter: &str) -> (Option<Option<Rating>>, Option<Rating>) {
        let rating = |a: &Assessment| a.cell(field, parameter).and_then(|c| c.rating);
        let rated_then = (self.then.definition.fields_of_action.iter())
            .find(|f| f.id == field)
            .is_some_and(|f| f.quality_parameters.iter().any(|p| p == parameter));
        (rated_then.then(|| rating(self.then)), rating(self.now))
    }

    /// A cell of the matrix of changes: "2→3 ▲", "3 =", "n.z. ≠", "+ 2" (not rated then), or
    /// `None` where the field does not rate the parameter today.
    pub fn cell_text(&self, field: &FieldOfAction, parameter: &str) -> Option<String> {
        if !field.quality_parameters.iter().any(|p| p == parameter) {
            return None;
        }
        let (then, now) = self.cell(&field.id, parameter);
        let Some(then) = then else {
            let mark = if now.is_some() { "+ " } else { "" };
            return Some(format!("{mark}{}", rating_short(now, self.lang)));
        };
        let since = CellSince::of(then, now);
        Some(match since {
            CellSince::Up(a, b) | CellSince::Down(a, b) => format!("{a}→{b} {}", since.mark()),
            CellSince::Unrated => rating_short(now, self.lang),
            CellSince::Same => format!("{} =", rating_short(now, self.lang)),
            CellSince::Other => format!(
                "{}→{} {}",
                rating_short(then, self.lang),
                rating_short(now, self.lang),
                since.mark()
            ),
        })
    }

    /// The cells of a field whose rating changed: "QP-BED Bedarfsorientierung 2 → 3 ▲".
    pub fn cell_changes(&self, field: &FieldComparison) -> Vec<String> {
        let definition = &self.now.definition;
        (field.cells.iter())
            .map(|cell| {
                let since = CellSince::of(cell.then, cell.now);
                let mark = match since {
                    CellSince::Up(..) | CellSince::Down(..) => format!(" {}", since.mark()),
                    _ => String::new(),
                };
                format!(
                    "{} {} {} → {}{mark}",
                    cell.parameter,
                    definition.parameter_label(&cell.parameter),
                    rating_short(cell.then, self.lang),
                    rating_short(cell.now, self.lang)
                )
            })
            .collect()
    }

    /// The answers of a field that changed, each shortened to `limit` characters.
    pub fn answer_rows(&self, field: &FieldComparison, limit: usize) -> Vec<AnswerRow> {
        let lang = self.lang;
        let then_questions = self.then.definition.questions_by_id();
        let now_questions = self.now.definition.questions_by_id();
        let then_lines = |id: &str| answer_lines(self.then, &then_questions, id, lang);
        let now_lines = |id: &str| answer_lines(self.now, &now_questions, id, lang);
        let then_answer = |id: &str| one_line(&then_lines(id), limit);
        let now_answer = |id: &str| one_line(&now_lines(id), limit);
        let text = |questions: &HashMap<&str, &Question>, id: &str| {
            questions
                .get(id)
                .map_or_else(String::new, |q| q.text.clone())
        };
        (field.answers.iter())
            .map(|change| match change {
                AnswerChange::Changed { old_id, new_id } => {
                    let (then, now) = differing(then_lines(old_id), now_lines(new_id));
                    AnswerRow {
                        ids: ids(old_id, new_id),
                        kind: None,
                        question: text(&now_questions, new_id),
                        then: one_line(&then, limit),
                        now: one_line(&now, limit),
                    }
                }
                AnswerChange::New { new_id } => AnswerRow {
                    ids: new_id.clone(),
                    kind: Some(AnswerChangeKind::New),
                    question: text(&now_questions, new_id),
                    then: String::new(),
                    now: now_answer(new_id),
                },
                AnswerChange::Gone { old_id } => AnswerRow {
                    ids: old_id.clone(),
                    kind: Some(AnswerChangeKind::Gone),
                    question: text(&then_questions, old_id),
                    then: then_answer(old_id),
                    now: String::new(),
                },
                AnswerChange::OtherKind { old_id, new_id } => AnswerRow {
                    ids: ids(old_id, new_id),
                    kind: Some(AnswerChangeKind::OtherKind),
                    question: text(&now_questions, new_id),
                    then: then_answer(old_id),
                    now: now_answer(new_id),
                },
            })
            .collect()
    }

    /// The cells' ratings and the fields' scores then and now, one row per field of action ×
    /// quality parameter of today's questionnaire, with a header row: the CSV part and the
    /// workbook's table.
    pub fn cell_table(&self) -> Vec<Vec<String>> {
        let lang = self.lang;
        let mut rows = vec![words::cell_table_header(
            self.then_year(),
            self.now_year(),
            &self.then.definition.version,
            &self.now.definition.version,
            lang,
        )];
        let plain = |value: Option<f64>| {
            value.map_or_else(String::new, |v| {
                score_text(v, &self.now.definition.rules, lang)
            })
        };
        for (field, f) in self.fields() {
            let change = f.change().map_or_else(String::new, |c| {
                let c = round_half_away(c, self.now.definition.rules.score_decimals);
                let sign = if c > 0.0 { "+" } else { "" };
                format!("{sign}{}", plain(Some(c)))
            });
            let reason = (f.incomparable.as_ref())
                .map_or_else(String::new, |r| words::incomparable(r, lang));
            for parameter in &field.quality_parameters {
                let (then, now) = self.cell(&field.id, parameter);
                let since = match then {
                    Some(then) => Some(CellSince::of(then, now)),
                    None if now.is_none() => Some(CellSince::Unrated),
                    None => None,
                };
                let then_text = then.map_or_else(String::new, |then| rating_short(then, lang));
                let mark = words::cell_change(since, lang).to_string();
                rows.push(vec![
                    field.id.clone(),
                    field.label.clone(),
                    parameter.clone(),
                    self.now.definition.parameter_label(parameter).to_string(),
                    then_text,
                    rating_short(now, lang),
                    mark,
                    plain(f.then_by_current_rules),
                    plain(f.then),
                    plain(f.now),
                    change.clone(),
                    reason.clone(),
                ]);
            }
        }
        rows
    }

    /// Every changed answer in full, with a header row: the workbook's second table.
    pub fn answer_table(&self) -> Vec<Vec<String>> {
        let lang = self.lang;
        let mut rows = vec![words::answer_table_header(
            self.then_year(),
            self.now_year(),
            lang,
        )];
        for (field, f) in self.fields() {
            for row in self.answer_rows(f, usize::MAX) {
                let kind = row.kind.map_or(words::changed(lang), |kind| {
                    words::answer_change(kind, lang)
                });
                rows.push(vec![
                    format!("{} {}", field.id, field.label),
                    row.ids,
                    row.question,
                    kind.to_string(),
                    row.then,
                    row.now,
                ]);
            }
        }
        rows
    }

    /// The comparison as lines: the heading, the table of fields, then per field what changed.
    pub fn lines(&self) -> Vec<String> {
        let lang = self.lang;
        let mut out = vec![self.heading(), String::new()];
        // The table: field, then, now, change; columns padded to their widest entry.
        let mut rows: Vec<[String; 4]> = vec![self.columns()];
        rows.extend((self.score_rows().into_iter()).map(|r| [r.label, r.then, r.now, r.change]));
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
        if let Some(note) = self.rescored_note() {
            out.push(String::new());
            out.push(note);
        }
        for (field, f) in self.fields() {
            if f.cells.is_empty() && f.answers.is_empty() {
                continue;
            }
            out.push(String::new());
            out.push(format!("{} {}", field.id, field.label));
            if !f.cells.is_empty() {
                out.push(format!(
                    "  {}: {}",
                    words::cells_changed(lang),
                    self.cell_changes(f).join("; ")
                ));
            }
            if !f.answers.is_empty() {
                out.push(format!("  {}:", words::answers_changed(lang)));
            }
            for row in self.answer_rows(f, LINE_ANSWER) {
                let line = match row.kind {
                    None => format!("{}: {} → {}", row.ids, row.then, row.now),
                    Some(kind) => {
                        let value = match kind {
                            AnswerChangeKind::New => row.now,
                            AnswerChangeKind::Gone => row.then,
                            AnswerChangeKind::OtherKind => format!("{} | {}", row.then, row.now),
                        };
                        format!(
                            "{} ({}): {value}",
                            row.ids,
                            words::answer_change(kind, lang)
                        )
                    }
                };
                out.push(format!("    {line}"));
            }
        }
        out
    }

    /// The comparison for machines.
    pub fn export(&self) -> ComparisonExport {
        let c = self.comparison;
        let decimals = self.now.definition.rules.score_decimals;
        let audit = |a: &Assessment| AuditExport {
            assessment: a.id,
            questionnaire: a.definition.key(),
            procedure: a.answers.procedure.kind,
            reporting_date: a.answers.reporting_date.clone(),
        };
        let fields = self
            .fields()
            .map(|(_, f)| {
                let answers = (f.answers.iter())
                    .zip(self.answer_rows(f, usize::MAX))
                    .map(|(change, row)| {
                        let (change, then, now) = match change {
                            AnswerChange::Changed { old_id, new_id } => {
                                (ChangeExport::Changed, Some(old_id), Some(new_id))
                            }
                            AnswerChange::New { new_id } => (ChangeExport::New, None, Some(new_id)),
                            AnswerChange::Gone { old_id } => {
                                (ChangeExport::Gone, Some(old_id), None)
                            }
                            AnswerChange::OtherKind { old_id, new_id } => {
                                (ChangeExport::OtherKind, Some(old_id), Some(new_id))
                            }
                        };
                        AnswerChangeExport {
                            change,
                            then: then.cloned(),
                            now: now.cloned(),
                            question: row.question,
                            then_answer: then.map(|_| row.then),
                            now_answer: now.map(|_| row.now),
                        }
                    })
                    .collect();
                FieldComparisonExport {
                    field: f.field_id.clone(),
                    then: f.then,
                    then_by_current_rules: f.then_by_current_rules,
                    now: f.now,
                    change: f.change().map(|c| round_half_away(c, decimals)),
                    not_comparable: (f.incomparable.as_ref())
                        .map(|r| words::incomparable(r, self.lang)),
                    cells: (f.cells.iter())
                        .map(|cell| CellChangeExport {
                            parameter: cell.parameter.clone(),
                            then: cell.then.map(Rating::to_storage),
                            now: cell.now.map(Rating::to_storage),
                        })
                        .collect(),
                    answers,
                }
            })
            .collect();
        ComparisonExport {
            county: self.now.answers.county.name.clone(),
            ags: self.now.answers.county.ags.clone(),
            then: audit(self.then),
            now: audit(self.now),
            rules_differ: c.rules_differ,
            overall: OverallComparisonExport {
                then: c.overall_then,
                then_by_current_rules: c.overall_then_by_current_rules,
                now: c.overall_now,
                comparable: c.overall_comparable,
            },
            fields,
        }
    }
}

/// A Bilanzierung beside the audit it follows: scores then and now per field of action, the
/// cells whose rating changed, the answers that changed. Scores are the unrounded values.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ComparisonExport {
    pub county: String,
    /// Amtlicher Gemeindeschlüssel, the same for both audits.
    pub ags: String,
    /// The earlier audit.
    pub then: AuditExport,
    /// The later audit.
    pub now: AuditExport,
    /// Weights, bands or rules differ between the two questionnaire versions: the earlier
    /// scores are also given as recomputed by today's rules (`then_by_current_rules`).
    pub rules_differ: bool,
    pub overall: OverallComparisonExport,
    /// Today's fields of action in questionnaire order.
    pub fields: Vec<FieldComparisonExport>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct AuditExport {
    /// The assessment's number in the database.
    pub assessment: i64,
    /// "id@version" of its questionnaire.
    pub questionnaire: String,
    pub procedure: crate::domain::answers::ProcedureKind,
    /// YYYY-MM-DD.
    pub reporting_date: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct OverallComparisonExport {
    /// The earlier overall score as computed then.
    pub then: Option<f64>,
    /// The earlier cells scored by today's rules; null when not comparable.
    pub then_by_current_rules: Option<f64>,
    pub now: Option<f64>,
    /// False when the scale changed or any field of action cannot be compared.
    pub comparable: bool,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FieldComparisonExport {
    pub field: String,
    pub then: Option<f64>,
    pub then_by_current_rules: Option<f64>,
    pub now: Option<f64>,
    /// now − then_by_current_rules, where both exist, rounded as the scores are.
    pub change: Option<f64>,
    /// Why the scores are not set side by side; null when they are.
    pub not_comparable: Option<String>,
    /// Cells rated differently then and now.
    pub cells: Vec<CellChangeExport>,
    /// Answers that are not what they were.
    pub answers: Vec<AnswerChangeExport>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct CellChangeExport {
    pub parameter: String,
    /// A level as text ("3"), "nz" (nicht zutreffend), "nb" (nicht bewertbar), or null
    /// (unrated).
    pub then: Option<String>,
    pub now: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeExport {
    /// The same question (maybe renamed) answered differently.
    Changed,
    /// A new question, or one not answered then.
    New,
    /// Answered then; no longer asked, or not answered now.
    Gone,
    /// Renamed with another kind of answer: not compared.
    OtherKind,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct AnswerChangeExport {
    pub change: ChangeExport,
    /// The question's id in the earlier questionnaire.
    pub then: Option<String>,
    /// The question's id today.
    pub now: Option<String>,
    /// The question's text.
    pub question: String,
    /// The earlier answer as the reports show it.
    pub then_answer: Option<String>,
    /// Today's answer as the reports show it.
    pub now_answer: Option<String>,
}
