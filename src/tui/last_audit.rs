//! The audit a Bilanzierung follows, as the interface shows it beside today's answers: the
//! earlier assessment, how its questions map to today's, and per question what changed.

use std::collections::HashMap;

use crate::domain::assessment::{Assessment, Rating};
use crate::domain::compare::{AnswerChange, Comparison, Since, compare};
use crate::domain::definition::Question;
use crate::domain::versions::QuestionMap;

pub struct LastAudit {
    pub assessment: Assessment,
    pub map: QuestionMap,
    /// Made when the assessment opens. What the interface reads from it does not change with
    /// today's ratings: comparability, the last audit's scores and the answers' changes.
    pub comparison: Comparison,
    /// The last audit's questions by id (field, topic, question), so that a frame finds one
    /// without scanning the questionnaire.
    places: HashMap<String, (usize, usize, usize)>,
    /// Today's question id → how it stands; questions not listed are the same.
    since: HashMap<String, Since>,
    /// Questions answered then that are no longer asked, by today's field id.
    gone: HashMap<String, Vec<String>>,
}

impl LastAudit {
    pub fn new(assessment: Assessment, map: QuestionMap, now: &Assessment) -> LastAudit {
        let comparison = compare(&assessment, now, &map);
        let mut since = HashMap::new();
        let mut gone: HashMap<String, Vec<String>> = HashMap::new();
        for field in &comparison.fields {
            for change in &field.answers {
                match change {
                    AnswerChange::Changed { new_id, .. } => {
                        since.insert(new_id.clone(), Since::Changed);
                    }
                    AnswerChange::New { new_id } => {
                        since.insert(new_id.clone(), Since::New);
                    }
                    AnswerChange::OtherKind { new_id, .. } => {
                        since.insert(new_id.clone(), Since::OtherKind);
                    }
                    AnswerChange::Gone { old_id } => match map.successor(old_id) {
                        Some(new_id) => {
                            since.insert(new_id.to_string(), Since::Unanswered);
                        }
                        None => gone
                            .entry(field.field_id.clone())
                            .or_default()
                            .push(old_id.clone()),
                    },
                }
            }
        }
        let places = (assessment.definition.fields_of_action.iter().enumerate())
            .flat_map(|(f, field)| {
                field.topics.iter().enumerate().flat_map(move |(t, topic)| {
                    (topic.questions.iter().enumerate())
                        .map(move |(q, question)| (question.id.clone(), (f, t, q)))
                })
            })
            .collect();
        LastAudit {
            assessment,
            map,
            comparison,
            places,
            since,
            gone,
        }
    }

    /// A question of the last audit's questionnaire.
    pub fn question(&self, id: &str) -> Option<&Question> {
        let &(f, t, q) = self.places.get(id)?;
        let field = &self.assessment.definition.fields_of_action[f];
        Some(&field.topics[t].questions[q])
    }

    pub fn since(&self, question: &str) -> Since {
        self.since.get(question).copied().unwrap_or(Since::Same)
    }

    /// The questions of a field answered then and no longer asked.
    pub fn gone(&self, field: &str) -> &[String] {
        self.gone.get(field).map_or(&[], Vec::as_slice)
    }

    /// The last audit's rating of a cell, where the field rated the parameter then and the
    /// field is comparable (same parameters, same scale).
    pub fn previous_rating(&self, field: &str, parameter: &str) -> Option<Rating> {
        let comparable = self
            .comparison
            .fields
            .iter()
            .any(|f| f.field_id == field && f.incomparable.is_none());
        if !comparable {
            return None;
        }
        self.assessment.cell(field, parameter)?.rating
    }

    /// The last audit's rationale for a cell, if it wrote one.
    pub fn previous_rationale(&self, field: &str, parameter: &str) -> Option<&str> {
        let cell = self.assessment.cell(field, parameter)?;
        (!cell.rationale.trim().is_empty()).then_some(cell.rationale.as_str())
    }

    /// "2025", the year of the last audit's reporting date.
    pub fn year(&self) -> &str {
        self.assessment
            .answers
            .reporting_date
            .get(..4)
            .unwrap_or("")
    }
}
