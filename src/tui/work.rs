//! The open assessment and what is derived from it (scores, completeness, the question index,
//! the search index) in one place. An applied edit updates only what it touched: a note
//! changes one question's search text, a rating the scores; nothing is rebuilt per question.

use std::collections::HashMap;

use crate::catalog::Lang;
use crate::catalog::tui::Ui;
use crate::domain::assessment::{Assessment, Status};
use crate::domain::definition::{Definition, Question};
use crate::domain::scoring::{self, Completeness, Scores};
use crate::store::{AssessmentState, Draft, Edit};
use crate::tui::widgets::answer;

/// Where a question stands: field, topic and question indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Place {
    pub field: usize,
    pub topic: usize,
    pub question: usize,
}

pub struct Work {
    pub assessment: Assessment,
    /// Opened read-only, or the lease was lost: nothing can be changed here.
    pub read_only: bool,
    pub lease_lost: bool,
    pub scores: Scores,
    pub completeness: Completeness,
    /// Every question in questionnaire order.
    places: Vec<Place>,
    index: HashMap<String, usize>,
    /// Lower-case searchable text per question (id, text, help, answer, comment, note), made
    /// on the first search: opening does not pay for it.
    haystacks: std::cell::OnceCell<Vec<String>>,
    lang: Lang,
    /// The auditor's unsaved editor texts, by `EditTarget::draft_key`.
    pub drafts: HashMap<String, Draft>,
    /// For a Bilanzierung: the audit it follows, shown beside today's answers.
    pub last_audit: Option<super::last_audit::LastAudit>,
    /// The Zielvereinbarungen that concern the assessment (attached to it, or to the audit a
    /// Bilanzierung follows) with their Jahresberichte.
    pub goals: Vec<crate::store::StoredAgreement>,
    /// The assessment this one is the second rating of (Zweitprüfung).
    pub second_of: Option<crate::domain::assessment::AssessmentId>,
    /// This assessment's second rating, once submitted, and how far the two agree.
    second: Option<Assessment>,
    pub agreement: Option<crate::domain::agreement::Agreement>,
}

impl Work {
    pub fn new(assessment: Assessment, read_only: bool, lang: Lang) -> Work {
        let places: Vec<Place> = assessment
            .definition
            .fields_of_action
            .iter()
            .enumerate()
            .flat_map(|(field, f)| {
                f.topics.iter().enumerate().flat_map(move |(topic, t)| {
                    (0..t.questions.len()).map(move |question| Place {
                        field,
                        topic,
                        question,
                    })
                })
            })
            .collect();
        let mut work = Work {
            scores: scoring::score(&assessment.definition, &assessment.cells),
            completeness: scoring::completeness(&assessment),
            index: HashMap::with_capacity(places.len()),
            haystacks: std::cell::OnceCell::new(),
            places,
            assessment,
            read_only,
            lease_lost: false,
            lang,
            drafts: HashMap::new(),
            last_audit: None,
            goals: Vec::new(),
            second_of: None,
            second: None,
            agreement: None,
        };
        for i in 0..work.places.len() {
            let id = work.question(i).id.clone();
            work.index.insert(id, i);
        }
        work
    }

    /// How a score comes about (the overall one, or a field's), and in a Bilanzierung how the
    /// last audit's score beside it does. The comparison is made afresh, as today's ratings
    /// may have changed since the assessment opened.
    pub fn explanation(&self, field: Option<&str>, lang: Lang) -> Vec<String> {
        use crate::export::{compare, explain};
        let mut lines =
            explain::lines(&self.assessment, &self.scores, field, lang).unwrap_or_default();
        if let Some(last) = &self.last_audit {
            let comparison =
                crate::domain::compare::compare(&last.assessment, &self.assessment, &last.map);
            let compared = compare::Compared {
                then: &last.assessment,
                now: &self.assessment,
                comparison: &comparison,
                lang,
            };
            lines.push(String::new());
            lines.extend(explain::compared_lines(&compared, field).unwrap_or_default());
        }
        lines
    }

    /// Keeps the submitted second rating and measures the agreement with it.
    pub fn set_second(&mut self, second: Option<Assessment>) {
        self.second = second;
        self.agreement = self.measure_agreement();
    }

    fn measure_agreement(&self) -> Option<crate::domain::agreement::Agreement> {
        let second = self.second.as_ref()?;
        let ratings = crate::export::agreement::Ratings {
            first: &self.assessment,
            second,
        };
        Some(ratings.overall())
    }

    pub fn definition(&self) -> &Definition {
        &self.assessment.definition
    }

    pub fn question_count(&self) -> usize {
        self.places.len()
    }

    pub fn place(&self, index: usize) -> Place {
        self.places[index]
    }

    pub fn question(&self, index: usize) -> &Question {
        let p = self.places[index];
        &self.assessment.definition.fields_of_action[p.field].topics[p.topic].questions[p.question]
    }

    /// The position of a question in questionnaire order.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The index of the first question at or after a place (field and topic).
    pub fn first_at(&self, field: usize, topic: Option<usize>) -> Option<usize> {
        let start = self
            .places
            .partition_point(|p| (p.field, p.topic) < (field, topic.unwrap_or(0)));
        (start < self.places.len() && self.places[start].field == field).then_some(start)
    }

    /// Why nothing can be changed now, if so.
    pub fn locked(&self) -> Option<Ui> {
        self.locked_for(None)
    }

    /// Why this change cannot be made now, if so: a finalised assessment takes a reopening.
    pub fn locked_for(&self, edit: Option<&Edit>) -> Option<Ui> {
        if self.lease_lost {
            Some(Ui::LeaseLostReadOnly)
        } else if self.read_only {
            Some(Ui::ReadOnlyRefused)
        } else if self.assessment.status == Status::Finalized && edit != Some(&Edit::Reopen) {
            Some(Ui::FinalizedRefused)
        } else {
            None
        }
    }

    pub fn is_reviewed(&self, id: &str) -> bool {
        self.assessment.review(id).is_some_and(|r| r.reviewed)
    }

    /// The indices of the questions whose text, answer or note contains `query`, in order.
    pub fn search(&self, query: &str) -> Vec<usize> {
        let needle = query.to_lowercase();
        self.haystacks
            .get_or_init(|| (0..self.places.len()).map(|i| self.haystack(i)).collect())
            .iter()
            .enumerate()
            .filter(|(_, h)| h.contains(&needle))
            .map(|(i, _)| i)
            .collect()
    }

    /// Takes the state the store read back after `edit`, and updates what the edit touched.
    pub fn apply(&mut self, state: AssessmentState, edit: &Edit) {
        self.assessment.set_state(state);
        if let Edit::SetNote { question, .. } = edit
            && let Some(i) = self.index_of(question)
            && self.haystacks.get().is_some()
        {
            let haystack = self.haystack(i);
            if let Some(haystacks) = self.haystacks.get_mut() {
                haystacks[i] = haystack;
            }
        }
        if matches!(
            edit,
            Edit::SetRating { .. }
                | Edit::AdoptRating { .. }
                | Edit::SetRationale { .. }
                | Edit::ConfirmRating { .. }
                | Edit::SetConsensus { .. }
                | Edit::Finalize { .. }
                | Edit::Reopen
        ) {
            self.scores = scoring::score(&self.assessment.definition, &self.assessment.cells);
            self.agreement = self.measure_agreement();
        }
        self.completeness = scoring::completeness(&self.assessment);
    }

    fn haystack(&self, index: usize) -> String {
        let question = self.question(index);
        let mut text = format!(
            "{} {} {}",
            question.id,
            question.text,
            question.help.as_deref().unwrap_or("")
        );
        if let Some(answer) = self.assessment.answers.answers.get(&question.id) {
            text.push(' ');
            text.push_str(&answer::plain_text(
                question,
                answer,
                &self.assessment.answers,
                self.lang,
            ));
            for part in [&answer.comment, &answer.source].into_iter().flatten() {
                text.push(' ');
                text.push_str(part);
            }
        }
        if let Some(review) = self.assessment.review(&question.id) {
            text.push(' ');
            text.push_str(&review.note);
        }
        // Searches are typed with plain spaces.
        text.replace('\u{a0}', " ").to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Work {
        let registry = crate::questionnaires::Registry::load(&[]);
        let report = crate::domain::validate::validate_answers(
            crate::questionnaires::SAMPLE_ANSWERS.1.as_bytes(),
            &registry.known,
        );
        let valid = report.answers.expect("the sample is valid");
        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::store::Store::open(&dir.path().join("s.db")).unwrap();
        let id = store.import(&valid, "Test").unwrap();
        Work::new(store.load(id).unwrap(), false, Lang::De)
    }

    #[test]
    fn questions_are_found_by_id_and_by_place() {
        let work = sample();
        let last = work.question_count() - 1;
        let id = work.question(last).id.clone();
        assert_eq!(work.index_of(&id), Some(last));
        assert_eq!(work.first_at(0, None), Some(0));
        let second_field = work.first_at(1, None).unwrap();
        assert_eq!(work.place(second_field).field, 1);
        assert_eq!(work.place(second_field - 1).field, 0);
        let topic = work.first_at(1, Some(2)).unwrap();
        assert_eq!((work.place(topic).field, work.place(topic).topic), (1, 2));
    }

    #[test]
    fn a_note_changes_only_its_question_in_the_search() {
        let mut work = sample();
        assert!(work.search("querverweis-notiz").is_empty());
        let id = work.question(3).id.clone();
        let mut state = work.assessment.state();
        state.reviews.entry(id.clone()).or_default().note = "Querverweis-Notiz".into();
        work.apply(
            state,
            &Edit::SetNote {
                question: id,
                note: "Querverweis-Notiz".into(),
            },
        );
        assert_eq!(work.search("querverweis-notiz"), vec![3]);
    }
}
