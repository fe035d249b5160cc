//! Reading assessments back: the full state, the list, the trail and its verification.

use std::collections::BTreeMap;
use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::{Failure, Result, Store, StoreError};
use crate::domain::answers::Answers;
use crate::domain::assessment::{
    Assessment, AssessmentId, AssessmentState, Cell, Consensus, Finding, FindingKind, FollowUp,
    FollowUpStatus, QuestionReview, Rating, Status,
};
use crate::domain::definition::Definition;
use crate::domain::goals::{Achievement, GoalRating};

/// One line of `siegel list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssessmentSummary {
    pub id: AssessmentId,
    pub county: String,
    pub questionnaire: String,
    pub auditor: String,
    pub reviewed: i64,
    pub questions: i64,
    pub rated: i64,
    pub cells: i64,
    pub status: String,
    pub updated_at: String,
}

/// One change in the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrailRow {
    pub n: i64,
    pub at: String,
    pub auditor: String,
    pub entity: String,
    pub key: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub hash: String,
}

fn damaged(what: String) -> Failure {
    Failure::Store(StoreError::Damaged { what })
}

/// What changes while the auditor works: everything but the snapshots.
fn load_work(conn: &Connection, id: AssessmentId) -> std::result::Result<AssessmentState, Failure> {
    let (auditor, status, revision, created_at, updated_at, overall, final_hash) = conn
        .query_row(
            "SELECT auditor, status, revision, created_at, updated_at, overall, final_hash
             FROM assessment WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            },
        )
        .optional()?
        .ok_or(Failure::Store(StoreError::NoSuchAssessment(id)))?;
    let status = Status::parse(&status).ok_or_else(|| damaged(format!("status \"{status}\"")))?;

    let mut reviews = BTreeMap::new();
    let mut statement = conn.prepare_cached(
        "SELECT question_id, reviewed, note, changed_in_import, internal FROM question_review WHERE assessment_id = ?1",
    )?;
    let rows = statement.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            QuestionReview {
                reviewed: r.get(1)?,
                note: r.get(2)?,
                changed_since_import: r.get::<_, Option<i64>>(3)?.is_some(),
                internal: r.get(4)?,
            },
        ))
    })?;
    for row in rows {
        let (question, review) = row?;
        reviews.insert(question, review);
    }

    let mut follow_ups = Vec::new();
    let mut statement = conn.prepare_cached(
        "SELECT id, question_id, text, status, created_at FROM follow_up WHERE assessment_id = ?1 ORDER BY id",
    )?;
    let rows = statement.query_map([id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    for row in rows {
        let (follow_up, question_id, text, status, created_at) = row?;
        let status = FollowUpStatus::parse(&status)
            .ok_or_else(|| damaged(format!("follow-up status \"{status}\"")))?;
        follow_ups.push(FollowUp {
            id: follow_up,
            question_id,
            text,
            status,
            created_at,
        });
    }

    let mut cells = BTreeMap::new();
    let mut statement = conn.prepare_cached(
        "SELECT field_id, parameter_id, rating, rationale, needs_reconfirmation FROM cell WHERE assessment_id = ?1",
    )?;
    let rows = statement.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, bool>(4)?,
        ))
    })?;
    for row in rows {
        let (field, parameter, rating, rationale, needs_reconfirmation) = row?;
        let rating = match rating {
            None => None,
            Some(text) => Some(
                Rating::from_storage(&text).ok_or_else(|| damaged(format!("rating \"{text}\"")))?,
            ),
        };
        cells.insert(
            (field, parameter),
            Cell {
                rating,
                rationale,
                needs_reconfirmation,
            },
        );
    }

    let mut findings = Vec::new();
    let mut statement = conn.prepare_cached(
        "SELECT id, field_id, kind, text FROM finding WHERE assessment_id = ?1
         ORDER BY field_id, kind, position",
    )?;
    let rows = statement.query_map([id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    for row in rows {
        let (finding, field_id, kind, text) = row?;
        let kind =
            FindingKind::parse(&kind).ok_or_else(|| damaged(format!("finding kind \"{kind}\"")))?;
        findings.push(Finding {
            id: finding,
            field_id,
            kind,
            text,
        });
    }
    let mut goal_ratings = BTreeMap::new();
    let mut statement = conn.prepare_cached(
        "SELECT goal, achievement, rationale FROM goal_rating WHERE assessment_id = ?1",
    )?;
    let rows = statement.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (goal, achievement, rationale) = row?;
        let achievement = match achievement {
            Some(text) => Some(
                Achievement::parse(&text)
                    .ok_or_else(|| damaged(format!("goal achievement \"{text}\"")))?,
            ),
            None => None,
        };
        goal_ratings.insert(
            goal,
            GoalRating {
                achievement,
                rationale,
            },
        );
    }
    let mut consensus = BTreeMap::new();
    let mut statement = conn.prepare_cached(
        "SELECT field_id, parameter_id, first, second, agreed, rationale FROM consensus
         WHERE assessment_id = ?1",
    )?;
    let rows = statement.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    for row in rows {
        let (field, parameter, first, second, agreed, rationale) = row?;
        let rating = |text: Option<String>| -> std::result::Result<Option<Rating>, Failure> {
            match text {
                Some(text) => Rating::from_storage(&text)
                    .map(Some)
                    .ok_or_else(|| damaged(format!("consensus rating \"{text}\""))),
                None => Ok(None),
            }
        };
        let agreed =
            rating(Some(agreed))?.ok_or_else(|| damaged("consensus without a level".into()))?;
        consensus.insert(
            (field, parameter),
            Consensus {
                first: rating(first)?,
                second: rating(second)?,
                agreed,
                rationale,
            },
        );
    }
    Ok(AssessmentState {
        consensus,
        goal_ratings,
        auditor,
        status,
        revision,
        created_at,
        updated_at,
        overall,
        final_hash,
        reviews,
        follow_ups,
        cells,
        findings,
    })
}

/// Loads an assessment with the given (already parsed) definition.
pub(super) fn load(
    conn: &Connection,
    id: AssessmentId,
    definition: Arc<Definition>,
) -> std::result::Result<Assessment, Failure> {
    let (definition_sha256, answers_json, answers_sha256, imports) = conn
        .query_row(
            "SELECT a.definition_sha256, s.json, i.sha256, i.seq
             FROM assessment a JOIN answers_import i ON i.assessment_id = a.id
             JOIN answers_snapshot s ON s.sha256 = i.sha256
             WHERE a.id = ?1 ORDER BY i.seq DESC LIMIT 1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            },
        )
        .optional()?
        .ok_or(Failure::Store(StoreError::NoSuchAssessment(id)))?;
    let answers: Answers = serde_json::from_str(&answers_json)
        .map_err(|e| damaged(format!("answers of assessment {id}: {e}")))?;
    let state = load_work(conn, id)?;
    let mut assessment = Assessment::from_parts(
        id,
        definition,
        definition_sha256,
        answers,
        answers_sha256,
        u32::try_from(imports).unwrap_or(u32::MAX),
        state,
    );
    assessment.set_agreements(super::goals::judged_agreements(conn, id)?);
    assessment.second_cells = super::second::submitted_cells(conn, id)?;
    Ok(assessment)
}

impl Store {
    /// The full state of an assessment.
    pub fn load(&mut self, id: AssessmentId) -> Result<Assessment> {
        let definition = self.definition_for(id)?;
        load(&self.conn, id, definition).map_err(|f| self.fail(f))
    }

    /// Reads the auditor's work on an assessment again, without its snapshots: cheap enough
    /// to follow every change.
    pub fn refresh(&mut self, assessment: &mut Assessment) -> Result<()> {
        let state = self.state(assessment.id)?;
        assessment.set_state(state);
        Ok(())
    }

    /// The auditor's work on an assessment as it is stored now.
    pub fn state(&mut self, id: AssessmentId) -> Result<AssessmentState> {
        load_work(&self.conn, id).map_err(|f| self.fail(f))
    }

    /// The assessment an answers file (by its sha256) was imported into first, if any.
    pub fn find_by_answers(&self, sha256: &str) -> Result<Option<AssessmentId>> {
        self.conn
            .query_row(
                "SELECT assessment_id FROM answers_import WHERE sha256 = ?1 ORDER BY assessment_id LIMIT 1",
                [sha256],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.error(e))
    }

    /// Every assessment, most recently changed first.
    pub fn list(&self) -> Result<Vec<AssessmentSummary>> {
        self.query_all(
            "SELECT a.id, a.county, d.id || '@' || d.version, a.auditor,
                   (SELECT count(*) FROM question_review r WHERE r.assessment_id = a.id AND r.reviewed),
                   a.question_total,
                   (SELECT count(*) FROM cell c WHERE c.assessment_id = a.id AND c.rating IS NOT NULL),
                   a.cell_total, a.status, a.updated_at
                 FROM assessment a JOIN definition d ON d.sha256 = a.definition_sha256
                 ORDER BY a.updated_at DESC, a.id DESC",
            [],
            |r| {
                Ok(AssessmentSummary {
                    id: r.get(0)?,
                    county: r.get(1)?,
                    questionnaire: r.get(2)?,
                    auditor: r.get(3)?,
                    reviewed: r.get(4)?,
                    questions: r.get(5)?,
                    rated: r.get(6)?,
                    cells: r.get(7)?,
                    status: r.get(8)?,
                    updated_at: r.get(9)?,
                })
            },
        )
    }

    /// The trail of an assessment, oldest first; with `field`, only the changes that concern
    /// that field of action (its cells, findings and questions).
    pub fn log(&mut self, id: AssessmentId, field: Option<&str>) -> Result<Vec<TrailRow>> {
        let definition = self.definition_for(id)?;
        let rows = self.trail_rows(id)?;
        let Some(field) = field else {
            return Ok(rows);
        };
        if !definition.fields_of_action.iter().any(|f| f.id == field) {
            return Err(StoreError::UnknownField(field.to_string()));
        }
        let field_of_question = |question: &str| {
            definition
                .questions()
                .find(|(_, _, q)| q.id == question)
                .map(|(f, _, _)| definition.fields_of_action[f].id.as_str())
        };
        Ok(rows
            .into_iter()
            .filter(|row| {
                let subject = row.key.split(['/', '#']).next().unwrap_or_default();
                subject == field || field_of_question(subject) == Some(field)
            })
            .collect())
    }

    pub(super) fn trail_rows(&self, id: AssessmentId) -> Result<Vec<TrailRow>> {
        self.query_all(
            "SELECT n, at, auditor, entity, key, old, new, hash FROM trail
                 WHERE assessment_id = ?1 ORDER BY n",
            [id],
            |r| {
                Ok(TrailRow {
                    n: r.get(0)?,
                    at: r.get(1)?,
                    auditor: r.get(2)?,
                    entity: r.get(3)?,
                    key: r.get(4)?,
                    old: r.get(5)?,
                    new: r.get(6)?,
                    hash: r.get(7)?,
                })
            },
        )
    }
}
