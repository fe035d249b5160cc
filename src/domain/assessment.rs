//! The auditor's work on one county: reviews, notes, follow-up questions, ratings, findings.
//! Plain data; the store keeps it, scoring and exports read it.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::domain::answers::Answers;
use crate::domain::definition::{Definition, FieldOfAction, QualityParameter};
use crate::domain::goals::{Goal, GoalAgreement, GoalRating, goal_key};

pub type AssessmentId = i64;

/// Cells by (field id, parameter id).
pub type Cells = BTreeMap<(String, String), Cell>;

/// A rated cell: a level of the scale or one of the two marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "level")]
pub enum Rating {
    Level(i32),
    /// "nicht zutreffend": left out of the aggregation.
    NotApplicable,
    /// "nicht bewertbar": information missing.
    NotAssessable,
}

impl Rating {
    /// Stored form: the level's number, or the mark's name.
    pub fn to_storage(self) -> String {
        match self {
            Rating::Level(level) => level.to_string(),
            Rating::NotApplicable => "not_applicable".into(),
            Rating::NotAssessable => "not_assessable".into(),
        }
    }

    pub fn from_storage(text: &str) -> Option<Rating> {
        match text {
            "not_applicable" => Some(Rating::NotApplicable),
            "not_assessable" => Some(Rating::NotAssessable),
            level => level.parse().ok().map(Rating::Level),
        }
    }
}

/// One field of action × quality parameter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub rating: Option<Rating>,
    pub rationale: String,
    /// The county's answers in this field changed since the rating was set.
    pub needs_reconfirmation: bool,
}

/// Where the first and the second rating of a cell differed: both, and the level the two
/// auditors agreed on (which is the cell's rating now), with its rationale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Consensus {
    pub first: Option<Rating>,
    pub second: Option<Rating>,
    pub agreed: Rating,
    pub rationale: String,
}

/// A cell the two ratings disagree on, for the consensus pass.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference<'a> {
    pub field: &'a FieldOfAction,
    pub parameter: &'a QualityParameter,
    /// The first auditor's original rating.
    pub first: Option<Rating>,
    pub second: Option<Rating>,
    /// Levels apart; a mark or a missing rating against anything else counts as the whole
    /// scale and one more, so that those come first.
    pub gap: i32,
    pub settled: Option<&'a Consensus>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpStatus {
    /// offen
    Open,
    /// beantwortet
    Answered,
    /// erledigt
    Done,
}

impl FollowUpStatus {
    pub const ALL: [FollowUpStatus; 3] = [
        FollowUpStatus::Open,
        FollowUpStatus::Answered,
        FollowUpStatus::Done,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FollowUpStatus::Open => "open",
            FollowUpStatus::Answered => "answered",
            FollowUpStatus::Done => "done",
        }
    }

    pub fn parse(text: &str) -> Option<FollowUpStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// A follow-up question to the county (Rückfrage).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    pub id: i64,
    pub question_id: String,
    pub text: String,
    pub status: FollowUpStatus,
    pub created_at: String,
}

/// The auditor's work on one question.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct QuestionReview {
    pub reviewed: bool,
    pub note: String,
    /// The note is for the association only: the county's copy of a report leaves it out.
    /// Left out of the content hash while false, so that earlier hashes still hold.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub internal: bool,
    /// The county's answer changed with the last import of corrected answers.
    pub changed_since_import: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// Stärke
    Strength,
    /// Herausforderung
    Challenge,
    /// Empfehlung
    Recommendation,
}

impl FindingKind {
    pub const ALL: [FindingKind; 3] = [
        FindingKind::Strength,
        FindingKind::Challenge,
        FindingKind::Recommendation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Strength => "strength",
            FindingKind::Challenge => "challenge",
            FindingKind::Recommendation => "recommendation",
        }
    }

    pub fn parse(text: &str) -> Option<FindingKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// A strength, challenge or recommendation of a field of action, in the auditor's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub id: i64,
    pub field_id: String,
    pub kind: FindingKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// in Bearbeitung
    InProgress,
    /// abgeschlossen
    Finalized,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::InProgress => "in_progress",
            Status::Finalized => "finalized",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        match text {
            "in_progress" => Some(Status::InProgress),
            "finalized" => Some(Status::Finalized),
            _ => None,
        }
    }
}

/// Everything about one assessment.
#[derive(Debug, Clone)]
pub struct Assessment {
    pub id: AssessmentId,
    pub auditor: String,
    pub status: Status,
    /// Counts every change; a write based on an older revision is refused.
    pub revision: i64,
    pub created_at: String,
    pub updated_at: String,
    pub definition: Arc<Definition>,
    pub definition_sha256: String,
    pub answers: Answers,
    pub answers_sha256: String,
    /// How many answer files were imported (1 for the first).
    pub imports: u32,
    pub reviews: BTreeMap<String, QuestionReview>,
    pub follow_ups: Vec<FollowUp>,
    /// Keyed by (field id, parameter id).
    pub cells: BTreeMap<(String, String), Cell>,
    pub findings: Vec<Finding>,
    /// The achievement of goals, by `goals::goal_key`.
    pub goal_ratings: BTreeMap<String, GoalRating>,
    /// Cells settled with the second auditor, keyed by (field id, parameter id).
    pub consensus: BTreeMap<(String, String), Consensus>,
    /// The cells of the submitted second rating (ratings and rationales), read with the
    /// assessment.
    pub second_cells: Option<Cells>,
    /// The Zielvereinbarungen whose goals this assessment judges (a Bilanzierung: those of
    /// the audit it follows); read with the assessment, not changed by it.
    pub agreements: Vec<Arc<GoalAgreement>>,
    pub overall: String,
    /// Hash of the content at finalisation.
    pub final_hash: Option<String>,
}

/// What the auditor's work changes in an assessment: everything but its snapshots.
#[derive(Debug, Clone, PartialEq)]
pub struct AssessmentState {
    pub auditor: String,
    pub status: Status,
    pub revision: i64,
    pub created_at: String,
    pub updated_at: String,
    pub overall: String,
    pub final_hash: Option<String>,
    pub reviews: BTreeMap<String, QuestionReview>,
    pub follow_ups: Vec<FollowUp>,
    pub cells: BTreeMap<(String, String), Cell>,
    pub findings: Vec<Finding>,
    /// In a Bilanzierung: the achievement of each goal of the last audit's Zielvereinbarung,
    /// by `goals::goal_key`.
    pub goal_ratings: BTreeMap<String, GoalRating>,
    /// Cells settled with the second auditor.
    pub consensus: BTreeMap<(String, String), Consensus>,
}

impl Assessment {
    pub fn from_parts(
        id: AssessmentId,
        definition: Arc<Definition>,
        definition_sha256: String,
        answers: Answers,
        answers_sha256: String,
        imports: u32,
        state: AssessmentState,
    ) -> Assessment {
        Assessment {
            id,
            auditor: state.auditor,
            status: state.status,
            revision: state.revision,
            created_at: state.created_at,
            updated_at: state.updated_at,
            definition,
            definition_sha256,
            answers,
            answers_sha256,
            imports,
            reviews: state.reviews,
            follow_ups: state.follow_ups,
            cells: state.cells,
            findings: state.findings,
            goal_ratings: state.goal_ratings,
            consensus: state.consensus,
            second_cells: None,
            agreements: Vec::new(),
            overall: state.overall,
            final_hash: state.final_hash,
        }
    }

    /// The Zielvereinbarungen whose goals this assessment judges (a Bilanzierung: those of
    /// the audit it follows).
    pub fn set_agreements(&mut self, agreements: Vec<Arc<GoalAgreement>>) {
        self.agreements = agreements;
    }

    /// Every goal this assessment judges, with its key and its rating (if any).
    pub fn goals(&self) -> impl Iterator<Item = (String, &Goal, Option<&GoalRating>)> {
        self.agreements.iter().flat_map(move |agreement| {
            agreement.goals.iter().map(move |goal| {
                let key = goal_key(&agreement.id, &goal.id);
                let rating = self.goal_ratings.get(&key);
                (key, goal, rating)
            })
        })
    }

    /// Replaces the auditor's work with a state read back from the store.
    pub fn set_state(&mut self, state: AssessmentState) {
        self.auditor = state.auditor;
        self.status = state.status;
        self.revision = state.revision;
        self.created_at = state.created_at;
        self.updated_at = state.updated_at;
        self.overall = state.overall;
        self.final_hash = state.final_hash;
        self.reviews = state.reviews;
        self.follow_ups = state.follow_ups;
        self.cells = state.cells;
        self.findings = state.findings;
        self.goal_ratings = state.goal_ratings;
        self.consensus = state.consensus;
    }

    /// The first auditor's own rating of a cell: before a consensus changed it, if one did.
    pub fn original_rating(&self, field: &str, parameter: &str) -> Option<Rating> {
        let key = (field.to_string(), parameter.to_string());
        match self.consensus.get(&key) {
            Some(consensus) => consensus.first,
            None => self.cells.get(&key).and_then(|c| c.rating),
        }
    }

    /// The cells where the submitted second rating differs from the first auditor's original
    /// rating, largest gaps first (then in matrix order); settled ones with their consensus.
    pub fn differences(&self) -> Vec<Difference<'_>> {
        let Some(second) = &self.second_cells else {
            return Vec::new();
        };
        let levels = &self.definition.scale.levels;
        let span = levels.iter().map(|l| l.value).max().unwrap_or(0)
            - levels.iter().map(|l| l.value).min().unwrap_or(0);
        let mut differences: Vec<Difference> = self
            .matrix()
            .filter_map(|(field, parameter)| {
                let key = (field.id.clone(), parameter.id.clone());
                let settled = self.consensus.get(&key);
                let first = self.original_rating(&field.id, &parameter.id);
                let second = second.get(&key).and_then(|c| c.rating);
                if first == second {
                    return None;
                }
                let gap = match (first, second) {
                    (Some(Rating::Level(a)), Some(Rating::Level(b))) => (a - b).abs(),
                    _ => span + 1,
                };
                Some(Difference {
                    field,
                    parameter,
                    first,
                    second,
                    gap,
                    settled,
                })
            })
            .collect();
        // Stable: equal gaps keep the matrix order.
        differences.sort_by_key(|d| std::cmp::Reverse(d.gap));
        differences
    }

    /// A copy of the auditor's work.
    pub fn state(&self) -> AssessmentState {
        AssessmentState {
            auditor: self.auditor.clone(),
            status: self.status,
            revision: self.revision,
            created_at: self.created_at.clone(),
            updated_at: self.updated_at.clone(),
            overall: self.overall.clone(),
            final_hash: self.final_hash.clone(),
            reviews: self.reviews.clone(),
            follow_ups: self.follow_ups.clone(),
            cells: self.cells.clone(),
            findings: self.findings.clone(),
            goal_ratings: self.goal_ratings.clone(),
            consensus: self.consensus.clone(),
        }
    }

    pub fn review(&self, question_id: &str) -> Option<&QuestionReview> {
        self.reviews.get(question_id)
    }

    pub fn cell(&self, field_id: &str, parameter_id: &str) -> Option<&Cell> {
        self.cells
            .get(&(field_id.to_string(), parameter_id.to_string()))
    }

    /// The cells the definition asks for, in questionnaire order.
    pub fn matrix(&self) -> impl Iterator<Item = (&FieldOfAction, &QualityParameter)> {
        self.definition
            .fields_of_action
            .iter()
            .flat_map(move |field| {
                field.quality_parameters.iter().filter_map(move |id| {
                    self.definition
                        .quality_parameters
                        .iter()
                        .find(|p| &p.id == id)
                        .map(|p| (field, p))
                })
            })
    }

    pub fn reviewed_count(&self) -> usize {
        self.reviews.values().filter(|r| r.reviewed).count()
    }

    pub fn rated_count(&self) -> usize {
        self.cells.values().filter(|c| c.rating.is_some()).count()
    }

    pub fn open_follow_ups(&self) -> usize {
        self.follow_ups
            .iter()
            .filter(|f| f.status == FollowUpStatus::Open)
            .count()
    }

    pub fn findings_of(&self, field_id: &str, kind: FindingKind) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(move |f| f.field_id == field_id && f.kind == kind)
    }

    /// What the auditor decided, in a canonical form: the basis of the finalisation hash.
    pub fn content(&self) -> AssessmentContent<'_> {
        AssessmentContent {
            id: self.id,
            definition_sha256: &self.definition_sha256,
            answers_sha256: &self.answers_sha256,
            reviews: &self.reviews,
            follow_ups: &self.follow_ups,
            cells: self
                .cells
                .iter()
                .map(|((f, p), cell)| (format!("{f}/{p}"), cell))
                .collect(),
            findings: &self.findings,
            overall: &self.overall,
            goal_ratings: &self.goal_ratings,
            consensus: self
                .consensus
                .iter()
                .map(|((f, p), c)| (format!("{f}/{p}"), c))
                .collect(),
        }
    }

    pub fn content_hash(&self) -> String {
        let value = serde_json::to_value(self.content()).unwrap_or_default();
        crate::domain::hash::content_hash(&value)
    }
}

#[derive(Debug, Serialize)]
pub struct AssessmentContent<'a> {
    pub id: AssessmentId,
    pub definition_sha256: &'a str,
    pub answers_sha256: &'a str,
    pub reviews: &'a BTreeMap<String, QuestionReview>,
    pub follow_ups: &'a [FollowUp],
    pub cells: BTreeMap<String, &'a Cell>,
    pub findings: &'a [Finding],
    pub overall: &'a str,
    /// Left out when empty, so that the hash of an assessment without goals stays as it was.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub goal_ratings: &'a BTreeMap<String, GoalRating>,
    /// Left out when empty, likewise.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub consensus: BTreeMap<String, &'a Consensus>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_round_trip_through_storage() {
        for rating in [
            Rating::Level(0),
            Rating::Level(4),
            Rating::NotApplicable,
            Rating::NotAssessable,
        ] {
            assert_eq!(Rating::from_storage(&rating.to_storage()), Some(rating));
        }
        assert_eq!(Rating::from_storage("vier"), None);
    }
}
