//! The Bilanzierung's comparison with the last audit: per field of action the score then and
//! now, the cells whose level changed and the answers that changed, across questionnaire
//! versions through the question map. What cannot be compared is said, with the reason, instead
//! of comparing unlike numbers.

use super::assessment::{Assessment, Rating};
use std::collections::HashMap;

use super::definition::{Definition, Question};
use super::scoring::{Scores, score};
use super::versions::QuestionMap;

/// Why a score of the last audit cannot be set beside today's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incomparable {
    /// The rating scale's levels differ between the versions.
    Scale,
    /// The field of action did not exist in the older version.
    NewField,
    /// The field rates other quality parameters now.
    Parameters {
        added: Vec<String>,
        removed: Vec<String>,
    },
}

/// A cell rated differently then and now (same field and parameter ids).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellChange {
    pub parameter: String,
    pub then: Option<Rating>,
    pub now: Option<Rating>,
}

/// A question whose answer is not the same as in the last audit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerChange {
    /// The same question (maybe under a new id) answered differently.
    Changed { old_id: String, new_id: String },
    /// A new question, or one not answered then.
    New { new_id: String },
    /// Answered then, and no longer asked (removed) or not answered now.
    Gone { old_id: String },
    /// Renamed with another kind of answer: the two answers are not compared.
    OtherKind { old_id: String, new_id: String },
}

/// One field of action then and now.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldComparison {
    pub field_id: String,
    /// The field's score in the last audit, as computed then.
    pub then: Option<f64>,
    /// The last audit's cells scored by today's rules and weights: the number set beside
    /// today's score. `None` when not comparable.
    pub then_by_current_rules: Option<f64>,
    pub now: Option<f64>,
    pub incomparable: Option<Incomparable>,
    pub cells: Vec<CellChange>,
    pub answers: Vec<AnswerChange>,
}

impl FieldComparison {
    /// Now minus then (by today's rules), where both exist and are comparable.
    pub fn change(&self) -> Option<f64> {
        Some(self.now? - self.then_by_current_rules?)
    }
}

/// How a question's answer stands against the last audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// Answered the same (or not answered either time).
    Same,
    /// Answered differently.
    Changed,
    /// A new question, or one not answered then.
    New,
    /// Renamed with another kind of answer: not compared.
    OtherKind,
    /// Answered then, not now.
    Unanswered,
}

impl Since {
    /// The mark in the outline; a symbol, so it does not depend on colour.
    pub fn mark(self) -> char {
        match self {
            Since::Same => ' ',
            Since::Changed => '≠',
            Since::New => '+',
            Since::OtherKind => '⇄',
            Since::Unanswered => '−',
        }
    }

    /// Whether the jump to the next difference stops here.
    pub fn differs(self) -> bool {
        self != Since::Same
    }
}

/// How a cell's rating stands against the last audit's, for a mark that does not rest on
/// colour: ▲ up, ▼ down, = the same, ≠ otherwise changed (a mark such as n.z. on either side).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellSince {
    /// Not rated today (yet): nothing to compare.
    Unrated,
    Same,
    Up(i32, i32),
    Down(i32, i32),
    Other,
}

impl CellSince {
    pub fn of(then: Option<Rating>, now: Option<Rating>) -> CellSince {
        match (then, now) {
            (_, None) => CellSince::Unrated,
            (then, now) if then == now => CellSince::Same,
            (Some(Rating::Level(a)), Some(Rating::Level(b))) if b > a => CellSince::Up(a, b),
            (Some(Rating::Level(a)), Some(Rating::Level(b))) => CellSince::Down(a, b),
            _ => CellSince::Other,
        }
    }

    pub fn mark(self) -> char {
        match self {
            CellSince::Unrated => ' ',
            CellSince::Same => '=',
            CellSince::Up(..) => '▲',
            CellSince::Down(..) => '▼',
            CellSince::Other => '≠',
        }
    }
}

/// The comparison of an assessment with the one it follows.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub fields: Vec<FieldComparison>,
    pub overall_then: Option<f64>,
    pub overall_then_by_current_rules: Option<f64>,
    pub overall_now: Option<f64>,
    /// The overall score cannot be compared when the scale changed or any field cannot.
    pub overall_comparable: bool,
    /// Weights, bands or rules differ: "then" is shown as computed then and by today's rules.
    pub rules_differ: bool,
}

/// Compares `new` with `old`, the questions related by `map`.
pub fn compare(old: &Assessment, new: &Assessment, map: &QuestionMap) -> Comparison {
    let (old_def, new_def) = (&*old.definition, &*new.definition);
    let then = score(old_def, &old.cells);
    let now = score(new_def, &new.cells);
    let scale_differs = levels(old_def) != levels(new_def);
    // The last audit's cells under today's definition: only meaningful where nothing but
    // weights or rules differ.
    let then_now_rules = score(new_def, &old.cells);
    let old_questions = old_def.questions_by_id();
    let mut fields = Vec::new();
    for field in &new_def.fields_of_action {
        let before = old_def.fields_of_action.iter().find(|f| f.id == field.id);
        let incomparable = match before {
            _ if scale_differs => Some(Incomparable::Scale),
            None => Some(Incomparable::NewField),
            Some(b) if b.quality_parameters != field.quality_parameters => {
                let missing = |from: &[String], other: &[String]| -> Vec<String> {
                    from.iter()
                        .filter(|p| !other.contains(p))
                        .cloned()
                        .collect()
                };
                Some(Incomparable::Parameters {
                    added: missing(&field.quality_parameters, &b.quality_parameters),
                    removed: missing(&b.quality_parameters, &field.quality_parameters),
                })
            }
            Some(_) => None,
        };
        let cells = field
            .quality_parameters
            .iter()
            .filter_map(|parameter| {
                let key = (field.id.clone(), parameter.clone());
                let then = old.cells.get(&key).and_then(|c| c.rating);
                let now = new.cells.get(&key).and_then(|c| c.rating);
                let rated_then = before.is_some_and(|b| b.quality_parameters.contains(parameter));
                // A cell not rated today has not changed its level; it waits for a rating.
                (rated_then && now.is_some() && then != now).then(|| CellChange {
                    parameter: parameter.clone(),
                    then,
                    now,
                })
            })
            .collect();
        let field_score = |scores: &Scores| scores.field(&field.id).and_then(|f| f.score);
        fields.push(FieldComparison {
            field_id: field.id.clone(),
            then: before.and_then(|b| then.field(&b.id)).and_then(|f| f.score),
            then_by_current_rules: incomparable
                .is_none()
                .then(|| field_score(&then_now_rules))
                .flatten(),
            now: field_score(&now),
            answers: answer_changes(old, new, map, &old_questions, &field.id),
            incomparable,
            cells,
        });
    }
    let overall_comparable = !scale_differs && fields.iter().all(|f| f.incomparable.is_none());
    Comparison {
        overall_then: then.overall.score,
        overall_then_by_current_rules: overall_comparable
            .then_some(then_now_rules.overall.score)
            .flatten(),
        overall_now: now.overall.score,
        overall_comparable,
        rules_differ: then.overall.score != then_now_rules.overall.score
            || fields
                .iter()
                .any(|f| f.then != f.then_by_current_rules && f.incomparable.is_none()),
        fields,
    }
}

fn levels(definition: &Definition) -> Vec<(i32, &str)> {
    (definition.scale.levels.iter())
        .map(|l| (l.value, l.label.as_str()))
        .collect()
}

/// The answers of one field (by today's questionnaire) that are not what they were.
fn answer_changes(
    old: &Assessment,
    new: &Assessment,
    map: &QuestionMap,
    old_questions: &HashMap<&str, &Question>,
    field_id: &str,
) -> Vec<AnswerChange> {
    let (old_def, new_def) = (&*old.definition, &*new.definition);
    let mut changes = Vec::new();
    for (f, _, question) in new_def.questions() {
        if new_def.fields_of_action[f].id != field_id {
            continue;
        }
        let now = new.answers.answer(&question.id);
        let predecessor = map
            .predecessor(&question.id)
            .and_then(|id| old_questions.get(id).copied());
        let change = match predecessor {
            None => now.map(|_| AnswerChange::New {
                new_id: question.id.clone(),
            }),
            Some(before) if before.kind != question.kind => Some(AnswerChange::OtherKind {
                old_id: before.id.clone(),
                new_id: question.id.clone(),
            }),
            Some(before) => match (old.answers.answer(&before.id), now) {
                (None, None) => None,
                (None, Some(_)) => Some(AnswerChange::New {
                    new_id: question.id.clone(),
                }),
                (Some(_), None) => Some(AnswerChange::Gone {
                    old_id: before.id.clone(),
                }),
                (Some(a), Some(b)) => (a.value != b.value).then(|| AnswerChange::Changed {
                    old_id: before.id.clone(),
                    new_id: question.id.clone(),
                }),
            },
        };
        changes.extend(change);
    }
    // Answered then, in this field, and removed since.
    for (f, _, question) in old_def.questions() {
        if old_def.fields_of_action[f].id == field_id
            && map.successor(&question.id).is_none()
            && old.answers.answer(&question.id).is_some()
        {
            changes.push(AnswerChange::Gone {
                old_id: question.id.clone(),
            });
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::Arc;

    use super::*;
    use crate::domain::answers::Answers;
    use crate::domain::assessment::{AssessmentState, Cell, Status};
    use crate::domain::versions::chain;
    use crate::questionnaires::{SAMPLE_ANSWERS, shipped};

    fn assessment(id: i64, definition: Definition, ratings: &[(&str, &str, i32)]) -> Assessment {
        let answers: Answers = serde_json::from_str(SAMPLE_ANSWERS.1).unwrap();
        let cells = ratings
            .iter()
            .map(|(f, p, level)| {
                let cell = Cell {
                    rating: Some(Rating::Level(*level)),
                    ..Cell::default()
                };
                ((f.to_string(), p.to_string()), cell)
            })
            .collect();
        let state = AssessmentState {
            auditor: "Test".into(),
            status: Status::InProgress,
            revision: 0,
            created_at: String::new(),
            updated_at: String::new(),
            overall: String::new(),
            final_hash: None,
            reviews: BTreeMap::new(),
            follow_ups: Vec::new(),
            cells,
            findings: Vec::new(),
            goal_ratings: BTreeMap::new(),
            consensus: BTreeMap::new(),
        };
        let definition = Arc::new(definition);
        Assessment::from_parts(
            id,
            definition,
            String::new(),
            answers,
            String::new(),
            1,
            state,
        )
    }

    #[test]
    fn a_field_that_rates_another_parameter_now_is_not_compared() {
        let known = shipped();
        let old_def = (*known[0].definition).clone();
        let mut new_def = (*known[1].definition).clone();
        let mut added = new_def.quality_parameters[0].clone();
        added.id = "QP-DIG".into();
        added.label = "Digitale Zugänge".into();
        new_def.quality_parameters.push(added);
        new_def.fields_of_action[1]
            .quality_parameters
            .push("QP-DIG".into());
        let ratings = [("HF1", "QP-STR", 2), ("HF2", "QP-BED", 3)];
        let old = assessment(1, old_def.clone(), &ratings);
        let new = assessment(
            2,
            new_def.clone(),
            &[("HF1", "QP-STR", 3), ("HF2", "QP-BED", 3)],
        );
        let map = QuestionMap::along(&chain(&old_def, &new_def, &[]).unwrap()).unwrap();
        let comparison = compare(&old, &new, &map);
        let hf2 = &comparison.fields[1];
        assert_eq!(
            hf2.incomparable,
            Some(Incomparable::Parameters {
                added: vec!["QP-DIG".into()],
                removed: vec![]
            })
        );
        assert_eq!((hf2.then_by_current_rules, hf2.change()), (None, None));
        assert!(!comparison.overall_comparable);
        assert_eq!(comparison.overall_then_by_current_rules, None);
        // HF1 still compares, its cell change named.
        let hf1 = &comparison.fields[0];
        assert_eq!(hf1.incomparable, None);
        assert_eq!(
            hf1.cells,
            vec![CellChange {
                parameter: "QP-STR".into(),
                then: Some(Rating::Level(2)),
                now: Some(Rating::Level(3)),
            }]
        );
        // A changed scale makes nothing comparable.
        let mut rescaled = new_def.clone();
        rescaled.scale.levels[0].label = "fehlt".into();
        let other = assessment(3, rescaled.clone(), &[]);
        let map = QuestionMap::along(&chain(&old_def, &rescaled, &[]).unwrap()).unwrap();
        let comparison = compare(&old, &other, &map);
        assert!(
            comparison
                .fields
                .iter()
                .all(|f| f.incomparable == Some(Incomparable::Scale))
        );
    }
}
