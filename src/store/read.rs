//! Reading assessments back: the full state, the list, the trail and its verification.

use std::collections::BTreeMap;
use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::trail::row_hash;
use super::{Failure, Result, Store, StoreError};
use crate::domain::answers::Answers;
use crate::domain::assessment::{
    Assessment, AssessmentId, AssessmentState, Cell, Finding, FindingKind, FollowUp,
    FollowUpStatus, QuestionReview, Rating, Status,
};
use crate::domain::definition::Definition;
use crate::domain::hash::sha256_hex;

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

/// What `siegel verify` found wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyProblem {
    /// The first trail row whose hash does not match its content and predecessor.
    TrailRow {
        n: i64,
    },
    /// A row number is missing: a row was deleted.
    TrailGap {
        expected: i64,
        found: i64,
    },
    DefinitionSnapshot {
        sha256: String,
    },
    AnswersSnapshot {
        seq: i64,
    },
    /// The content of a finalised assessment no longer matches the hash taken at finalisation.
    FinalContent,
    /// The chain ends elsewhere than the assessment says: its last rows were deleted.
    TrailHead,
    /// Marked finalised without the hash that finalising takes.
    FinalizedWithoutHash,
    /// The county named in the assessment is not the one of its answers.
    County,
    /// A value in the tables that the trail does not lead to (changed outside siegel).
    State {
        entity: String,
        key: String,
        trail: Option<String>,
        table: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    pub rows: usize,
    pub imports: usize,
    pub problems: Vec<VerifyProblem>,
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
        "SELECT question_id, reviewed, note, changed_in_import FROM question_review WHERE assessment_id = ?1",
    )?;
    let rows = statement.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            QuestionReview {
                reviewed: r.get(1)?,
                note: r.get(2)?,
                changed_since_import: r.get::<_, Option<i64>>(3)?.is_some(),
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
    Ok(AssessmentState {
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
    Ok(Assessment::from_parts(
        id,
        definition,
        definition_sha256,
        answers,
        answers_sha256,
        u32::try_from(imports).unwrap_or(u32::MAX),
        state,
    ))
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

    fn trail_rows(&self, id: AssessmentId) -> Result<Vec<TrailRow>> {
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

    /// Checks the trail's hash chain, the stored snapshots against their hashes and, for a
    /// finalised assessment, its content against the hash taken at finalisation.
    pub fn verify(&mut self, id: AssessmentId) -> Result<VerifyReport> {
        let definition_sha = self.definition_sha(id)?;
        let mut problems = Vec::new();

        let rows = self.trail_rows(id)?;
        let mut previous = String::new();
        for (index, row) in rows.iter().enumerate() {
            let expected_n = index as i64 + 1;
            if row.n != expected_n {
                problems.push(VerifyProblem::TrailGap {
                    expected: expected_n,
                    found: row.n,
                });
                break;
            }
            let hash = row_hash(
                &previous,
                id,
                row.n,
                &row.at,
                &row.auditor,
                &row.entity,
                &row.key,
                row.old.as_deref(),
                row.new.as_deref(),
            );
            if hash != row.hash {
                problems.push(VerifyProblem::TrailRow { n: row.n });
                break;
            }
            previous = hash;
        }

        let definition_json: String = self
            .conn
            .query_row(
                "SELECT json FROM definition WHERE sha256 = ?1",
                [&definition_sha],
                |r| r.get(0),
            )
            .map_err(|e| self.error(e))?;
        if sha256_hex(definition_json.as_bytes()) != definition_sha {
            problems.push(VerifyProblem::DefinitionSnapshot {
                sha256: definition_sha.clone(),
            });
        }
        let imports: Vec<(i64, String, String)> = self.query_all(
            "SELECT i.seq, i.sha256, s.json FROM answers_import i
             JOIN answers_snapshot s ON s.sha256 = i.sha256
             WHERE i.assessment_id = ?1 ORDER BY i.seq",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        for (seq, sha, json) in &imports {
            if sha256_hex(json.as_bytes()) != *sha {
                problems.push(VerifyProblem::AnswersSnapshot { seq: *seq });
            }
        }
        let chain_intact = problems.is_empty();
        if chain_intact {
            let head: String = self
                .conn
                .query_row(
                    "SELECT trail_head FROM assessment WHERE id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .map_err(|e| self.error(e))?;
            if rows.last().map_or("", |r| r.hash.as_str()) != head {
                problems.push(VerifyProblem::TrailHead);
            }
        }
        if problems.is_empty() {
            let assessment = self.load(id)?;
            match &assessment.final_hash {
                Some(final_hash) if *final_hash != assessment.content_hash() => {
                    problems.push(VerifyProblem::FinalContent);
                }
                None if assessment.status == Status::Finalized => {
                    problems.push(VerifyProblem::FinalizedWithoutHash);
                }
                _ => {}
            }
            let county: (String, String, String, String) = self
                .conn
                .query_row(
                    "SELECT county, ags, procedure, reporting_date FROM assessment WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .map_err(|e| self.error(e))?;
            let answers = &assessment.answers;
            let expected = (
                answers.county.name.clone(),
                answers.county.ags.clone(),
                super::write::procedure_text(answers).to_string(),
                answers.reporting_date.clone(),
            );
            if county != expected {
                problems.push(VerifyProblem::County);
            }
            problems.extend(replay(&rows, &assessment));
        }
        Ok(VerifyReport {
            rows: rows.len(),
            imports: imports.len(),
            problems,
        })
    }
}

/// Replays the trail and compares what it leads to with the tables: reviews, notes, ratings and
/// rationales. A row changed, added or deleted outside siegel shows as a difference.
fn replay(rows: &[TrailRow], assessment: &Assessment) -> Vec<VerifyProblem> {
    use std::collections::BTreeMap;
    let mut trail: BTreeMap<(&str, &str), Option<&str>> = BTreeMap::new();
    for row in rows {
        let entity = match row.entity.as_str() {
            "reviewed" | "note" | "rating" | "rationale" => row.entity.as_str(),
            // Corrected answers set a question back to "not reviewed".
            "answer_changed" => {
                trail.insert(("reviewed", row.key.as_str()), Some("false"));
                continue;
            }
            _ => continue,
        };
        trail.insert((entity, row.key.as_str()), row.new.as_deref());
    }
    let mut tables: BTreeMap<(&str, String), Option<String>> = BTreeMap::new();
    for (question, review) in &assessment.reviews {
        tables.insert(
            ("reviewed", question.clone()),
            Some(review.reviewed.to_string()),
        );
        tables.insert(
            ("note", question.clone()),
            (!review.note.is_empty()).then(|| review.note.clone()),
        );
    }
    for ((field, parameter), cell) in &assessment.cells {
        let key = format!("{field}/{parameter}");
        tables.insert(("rating", key.clone()), cell.rating.map(Rating::to_storage));
        tables.insert(
            ("rationale", key),
            (!cell.rationale.is_empty()).then(|| cell.rationale.clone()),
        );
    }
    // What a missing row or entry means: not reviewed, no note, no rating, no rationale.
    let normal = |entity: &str, value: Option<&str>| match (entity, value) {
        ("reviewed", None) => Some("false".to_string()),
        (_, value) => value.map(str::to_string),
    };
    let mut keys: Vec<(String, String)> = trail
        .keys()
        .map(|(e, k)| (e.to_string(), k.to_string()))
        .chain(tables.keys().map(|(e, k)| (e.to_string(), k.clone())))
        .collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|(entity, key)| {
            let from_trail = normal(
                &entity,
                trail
                    .get(&(entity.as_str(), key.as_str()))
                    .copied()
                    .flatten(),
            );
            let in_table = normal(
                &entity,
                tables
                    .get(&(entity.as_str(), key.clone()))
                    .and_then(|v| v.as_deref()),
            );
            (from_trail != in_table).then_some(VerifyProblem::State {
                entity,
                key,
                trail: from_trail,
                table: in_table,
            })
        })
        .collect()
}
