//! Every change the auditor makes: one transaction each, checked against the revision it was
//! based on, recorded in the trail, committed before the call returns.

use std::sync::Arc;

use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::session::Session;
use super::trail::{self, Entry};
use super::{Failure, Result, SecondRefusal, Store, StoreError};
use crate::domain::answers::Answers;
use crate::domain::assessment::{AssessmentId, FindingKind, FollowUpStatus, Rating, Status};
use crate::domain::definition::Definition;
use crate::domain::scoring::{Missing, completeness};
use crate::domain::validate::ValidAnswers;

/// One change to an assessment.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    SetReviewed {
        question: String,
        reviewed: bool,
    },
    SetNote {
        question: String,
        note: String,
    },
    /// Marks a note as internal (for the association only) or for the county's copy too.
    SetNoteInternal {
        question: String,
        internal: bool,
    },
    AddFollowUp {
        question: String,
        text: String,
    },
    EditFollowUp {
        id: i64,
        text: String,
    },
    SetFollowUpStatus {
        id: i64,
        status: FollowUpStatus,
    },
    /// `None` clears the rating.
    SetRating {
        field: String,
        parameter: String,
        rating: Option<Rating>,
    },
    SetRationale {
        field: String,
        parameter: String,
        text: String,
    },
    /// Keeps a rating after the county's answers changed.
    ConfirmRating {
        field: String,
        parameter: String,
    },
    /// Takes over the rating of the same cell in the previous audit (`from`, the assessment
    /// this one follows), recorded as taken over. `rating` is what the auditor saw there; the
    /// store checks it still is.
    AdoptRating {
        field: String,
        parameter: String,
        from: AssessmentId,
        rating: Rating,
    },
    AddFinding {
        field: String,
        kind: FindingKind,
        text: String,
    },
    EditFinding {
        id: i64,
        text: String,
    },
    /// Moves a finding one place up (or down) among those of its field and kind.
    MoveFinding {
        id: i64,
        up: bool,
    },
    DeleteFinding {
        id: i64,
    },
    SetOverall {
        text: String,
    },
    /// The achievement of a goal of the last audit's Zielvereinbarung ("musterland-2025/Z1.1");
    /// `None` clears it.
    RateGoal {
        goal: String,
        achievement: Option<crate::domain::goals::Achievement>,
    },
    SetGoalRationale {
        goal: String,
        text: String,
    },
    /// Settles a cell the submitted second rating differs on: the agreed rating becomes the
    /// cell's, both original ratings are kept.
    SetConsensus {
        field: String,
        parameter: String,
        rating: Rating,
    },
    /// The rationale of a settled cell's consensus.
    SetConsensusRationale {
        field: String,
        parameter: String,
        text: String,
    },
    /// Locks the assessment and stores the hash of its content. Refused while anything is
    /// missing; open follow-up questions block unless allowed, and the allowance is recorded.
    Finalize {
        allow_open_follow_ups: bool,
    },
    /// Unlocks a finalised assessment.
    Reopen,
}

/// What importing corrected answers changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReimportOutcome {
    /// Number of this import (the first import is 1).
    pub seq: i64,
    /// Questions whose answer changed, in questionnaire order.
    pub changed: Vec<String>,
    /// Fields of action whose ratings must be confirmed again.
    pub fields_to_reconfirm: Vec<String>,
}

type Step<T> = std::result::Result<T, Failure>;

fn bool_text(value: bool) -> String {
    value.to_string()
}

pub(super) fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

impl Store {
    /// The parsed definition an assessment uses (parsed once, then cached).
    pub(super) fn definition_for(&mut self, id: AssessmentId) -> Result<Arc<Definition>> {
        let sha = self.definition_sha(id)?;
        self.definition_by_sha(&sha)
    }

    /// The sha256 of the definition an assessment uses.
    pub(super) fn definition_sha(&self, id: AssessmentId) -> Result<String> {
        self.conn
            .query_row(
                "SELECT definition_sha256 FROM assessment WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.error(e))?
            .ok_or(StoreError::NoSuchAssessment(id))
    }

    pub(super) fn definition_by_sha(&mut self, sha: &str) -> Result<Arc<Definition>> {
        if let Some(definition) = self.definitions.get(sha) {
            return Ok(Arc::clone(definition));
        }
        let json: String = self
            .conn
            .query_row(
                "SELECT json FROM definition WHERE sha256 = ?1",
                [sha],
                |r| r.get(0),
            )
            .map_err(|e| self.error(e))?;
        let definition: Definition =
            serde_json::from_str(&json).map_err(|e| StoreError::Damaged {
                what: format!("definition {sha}: {e}"),
            })?;
        let definition = Arc::new(definition);
        self.definitions
            .insert(sha.to_string(), Arc::clone(&definition));
        Ok(definition)
    }

    /// Creates an assessment from validated answers; returns its id.
    pub fn import(&mut self, valid: &ValidAnswers, auditor: &str) -> Result<AssessmentId> {
        self.import_after(valid, auditor, None)
    }

    /// Creates an assessment that follows `previous`, the county's last audit (for a
    /// Bilanzierung): the link is stored and recorded; the previous assessment is not touched.
    pub fn import_after(
        &mut self,
        valid: &ValidAnswers,
        auditor: &str,
        previous: Option<AssessmentId>,
    ) -> Result<AssessmentId> {
        let now = (self.clock)();
        let result = (|| -> Step<AssessmentId> {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let known = &valid.definition;
            let definition = &known.definition;
            tx.execute(
                "INSERT OR IGNORE INTO definition (sha256, id, version, json) VALUES (?1, ?2, ?3, ?4)",
                params![known.sha256, definition.id, definition.version, &*known.canonical],
            )?;
            let answers = &valid.answers;
            let cell_total: usize = definition
                .fields_of_action
                .iter()
                .map(|f| f.quality_parameters.len())
                .sum();
            tx.execute(
                "INSERT INTO assessment (county, ags, procedure, reporting_date, auditor,
                   definition_sha256, status, revision, created_at, updated_at,
                   question_total, cell_total)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'in_progress', 0, ?7, ?7, ?8, ?9)",
                params![
                    answers.county.name,
                    answers.county.ags,
                    procedure_text(answers),
                    answers.reporting_date,
                    auditor,
                    known.sha256,
                    now,
                    definition.question_count() as i64,
                    cell_total as i64
                ],
            )?;
            let id = tx.last_insert_rowid();
            store_snapshot(&tx, &valid.sha256, &valid.canonical)?;
            tx.execute(
                "INSERT INTO answers_import (assessment_id, seq, sha256, imported_at, auditor)
                 VALUES (?1, 1, ?2, ?3, ?4)",
                params![id, valid.sha256, now, auditor],
            )?;
            trail::append(
                &tx,
                id,
                &now,
                auditor,
                &Entry {
                    entity: "import",
                    key: "1".into(),
                    old: None,
                    new: Some(valid.sha256.clone()),
                },
            )?;
            if let Some(previous) = previous {
                super::previous::link(&tx, id, previous, answers)?;
                let entry = Entry {
                    entity: "previous",
                    key: String::new(),
                    old: None,
                    new: Some(previous.to_string()),
                };
                trail::append(&tx, id, &now, auditor, &entry)?;
            }
            tx.commit()?;
            Ok(id)
        })();
        result.map_err(|f| self.fail(f))
    }

    /// Brings in the county's corrected answers: the history is kept, changed questions are
    /// marked, and the ratings of the fields they belong to wait for re-confirmation.
    pub fn reimport(
        &mut self,
        session: &mut Session,
        valid: &ValidAnswers,
    ) -> Result<ReimportOutcome> {
        let id = session.assessment_id;
        let definition = self.definition_for(id)?;
        let now = (self.clock)();
        let result = (|| -> Step<ReimportOutcome> {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            check_writable(&tx, session, false)?;
            let (sha, seq, previous_sha, previous_json): (String, i64, String, String) = tx
                .query_row(
                    "SELECT a.definition_sha256, i.seq, i.sha256, s.json
                 FROM assessment a JOIN answers_import i ON i.assessment_id = a.id
                 JOIN answers_snapshot s ON s.sha256 = i.sha256
                 WHERE a.id = ?1 ORDER BY i.seq DESC LIMIT 1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )?;
            if valid.definition.sha256 != sha {
                return Err(StoreError::OtherDefinition {
                    assessment: format!("{}@{}", definition.key(), &sha[..12.min(sha.len())]),
                    answers: format!(
                        "{}@{}",
                        valid.definition.definition.key(),
                        &valid.definition.sha256[..12]
                    ),
                }
                .into());
            }
            if previous_sha == valid.sha256 {
                return Err(StoreError::SameAnswers.into());
            }
            let previous: Answers =
                serde_json::from_str(&previous_json).map_err(|e| StoreError::Damaged {
                    what: format!("answers of assessment {id}: {e}"),
                })?;
            let changed: Vec<String> = definition
                .questions()
                .map(|(_, _, q)| q.id.clone())
                .filter(|q| previous.answers.get(q) != valid.answers.answers.get(q))
                .collect();
            let seq = seq + 1;
            store_snapshot(&tx, &valid.sha256, &valid.canonical)?;
            tx.execute(
                "INSERT INTO answers_import (assessment_id, seq, sha256, imported_at, auditor)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, seq, valid.sha256, now, session.auditor],
            )?;
            let county = &valid.answers.county;
            tx.execute(
                "UPDATE assessment SET county = ?2, ags = ?3, procedure = ?4, reporting_date = ?5
                 WHERE id = ?1",
                params![
                    id,
                    county.name,
                    county.ags,
                    procedure_text(&valid.answers),
                    valid.answers.reporting_date
                ],
            )?;
            let mut entries = vec![Entry {
                entity: "import",
                key: seq.to_string(),
                old: None,
                new: Some(valid.sha256.clone()),
            }];
            let mut fields: Vec<String> = Vec::new();
            for question in &changed {
                tx.execute(
                    "INSERT INTO question_review (assessment_id, question_id, reviewed, changed_in_import)
                     VALUES (?1, ?2, 0, ?3)
                     ON CONFLICT (assessment_id, question_id)
                     DO UPDATE SET reviewed = 0, changed_in_import = excluded.changed_in_import",
                    params![id, question, seq],
                )?;
                entries.push(Entry {
                    entity: "answer_changed",
                    key: question.clone(),
                    old: None,
                    new: Some(seq.to_string()),
                });
                if let Some((f, _, _)) = definition.questions().find(|(_, _, q)| &q.id == question)
                {
                    let field = &definition.fields_of_action[f].id;
                    if !fields.contains(field) {
                        fields.push(field.clone());
                    }
                }
            }
            for field in &fields {
                tx.execute(
                    "UPDATE cell SET needs_reconfirmation = 1
                     WHERE assessment_id = ?1 AND field_id = ?2 AND rating IS NOT NULL",
                    params![id, field],
                )?;
            }
            finish_write(&tx, session, &now, &entries)?;
            tx.commit()?;
            Ok(ReimportOutcome {
                seq,
                changed,
                fields_to_reconfirm: fields,
            })
        })();
        match result {
            Ok(outcome) => {
                session.revision += 1;
                Ok(outcome)
            }
            Err(f) => Err(self.fail(f)),
        }
    }

    /// Applies one change. Returns the id of a new follow-up question or finding.
    pub fn apply(&mut self, session: &mut Session, edit: Edit) -> Result<Option<i64>> {
        if session.read_only {
            return Err(StoreError::ReadOnlySession);
        }
        let definition = self.definition_for(session.assessment_id)?;
        let now = (self.clock)();
        let reopening = edit == Edit::Reopen;
        let result = (|| -> Step<(bool, Option<i64>)> {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            check_writable(&tx, session, reopening)?;
            let (entries, new_id) =
                apply_edit(&tx, session.assessment_id, &definition, &now, edit)?;
            if entries.is_empty() {
                return Ok((false, new_id)); // nothing changed; nothing to record
            }
            finish_write(&tx, session, &now, &entries)?;
            tx.commit()?;
            Ok((true, new_id))
        })();
        match result {
            Ok((changed, new_id)) => {
                if changed {
                    session.revision += 1;
                }
                Ok(new_id)
            }
            Err(f) => Err(self.fail(f)),
        }
    }
}

pub(crate) fn procedure_text(answers: &Answers) -> &'static str {
    answers.procedure.kind.as_str()
}

/// Refuses writes from a session that lost its lease, is behind, or to a locked assessment.
fn check_writable(tx: &Transaction, session: &Session, reopening: bool) -> Step<()> {
    let id = session.assessment_id;
    let (status, revision, owner, second): (String, i64, String, bool) = tx
        .query_row(
            "SELECT status, revision, auditor,
                    second_of IS NOT NULL OR bundle_origin IS NOT NULL
             FROM assessment WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or(StoreError::NoSuchAssessment(id))?;
    // A second rating is its auditor's alone, and once submitted it stays as submitted: the
    // agreement measures what was rated blind.
    if second && session.auditor != owner {
        return Err(
            StoreError::Second(SecondRefusal::NotTheSecondAuditor { auditor: owner }).into(),
        );
    }
    if second && reopening {
        return Err(StoreError::Second(SecondRefusal::SubmittedStays { id }).into());
    }
    let lease: Option<(String, String, String)> = tx
        .query_row(
            "SELECT token, auditor, host FROM lease WHERE assessment_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match lease {
        Some((token, _, _)) if token == session.token => {}
        Some((_, auditor, host)) => return Err(StoreError::LeaseLost { auditor, host }.into()),
        // Nobody holds it (a dead editor's lease was cleared): the revision check decides.
        None => {}
    }
    if revision != session.revision {
        let (by, at): (String, String) = tx
            .query_row(
                "SELECT auditor, at FROM trail WHERE assessment_id = ?1 ORDER BY n DESC LIMIT 1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .unwrap_or_default();
        return Err(StoreError::Stale {
            based_on: session.revision,
            current: revision,
            by,
            at,
        }
        .into());
    }
    let finalized = Status::parse(&status) == Some(Status::Finalized);
    if finalized && !reopening {
        return Err(StoreError::Finalized(id).into());
    }
    if !finalized && reopening {
        return Err(StoreError::NotFinalized(id).into());
    }
    Ok(())
}

fn finish_write(tx: &Transaction, session: &Session, now: &str, entries: &[Entry]) -> Step<()> {
    tx.execute(
        "UPDATE assessment SET revision = revision + 1, updated_at = ?2 WHERE id = ?1",
        params![session.assessment_id, now],
    )?;
    for entry in entries {
        trail::append(tx, session.assessment_id, now, &session.auditor, entry)?;
    }
    Ok(())
}

fn check_question(definition: &Definition, question: &str) -> Step<()> {
    match definition.question(question) {
        Some(_) => Ok(()),
        None => Err(StoreError::UnknownQuestion(question.to_string()).into()),
    }
}

fn check_cell(definition: &Definition, field: &str, parameter: &str) -> Step<()> {
    let applies = definition
        .fields_of_action
        .iter()
        .any(|f| f.id == field && f.quality_parameters.iter().any(|p| p == parameter));
    if applies {
        Ok(())
    } else {
        Err(StoreError::UnknownCell {
            field: field.to_string(),
            parameter: parameter.to_string(),
        }
        .into())
    }
}

/// A level must be one of the scale's; the marks always are.
fn check_level(definition: &Definition, rating: Rating) -> Step<()> {
    match rating {
        Rating::Level(level) if !definition.scale.levels.iter().any(|l| l.value == level) => {
            Err(StoreError::NotALevel(level).into())
        }
        _ => Ok(()),
    }
}

/// Sets a cell's rating (in storage form, `None` clears it); a rating set is confirmed.
fn store_rating(
    tx: &Transaction,
    id: AssessmentId,
    field: &str,
    parameter: &str,
    rating: Option<&str>,
) -> Step<()> {
    tx.execute(
        "INSERT INTO cell (assessment_id, field_id, parameter_id, rating) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (assessment_id, field_id, parameter_id)
         DO UPDATE SET rating = excluded.rating, needs_reconfirmation = 0",
        params![id, field, parameter, rating],
    )?;
    Ok(())
}

fn cell_key(field: &str, parameter: &str) -> String {
    format!("{field}/{parameter}")
}

/// Reads one column of a review row, or its default when the row does not exist yet.
/// Sets one column of a question's review, making the row if there is none. `column` is
/// one of the table's own names, never input.
fn set_review_value(
    tx: &Transaction,
    id: AssessmentId,
    question: &str,
    column: &str,
    value: &dyn rusqlite::ToSql,
) -> Step<()> {
    tx.execute(
        &format!(
            "INSERT INTO question_review (assessment_id, question_id, {column}) VALUES (?1, ?2, ?3)
             ON CONFLICT (assessment_id, question_id) DO UPDATE SET {column} = excluded.{column}"
        ),
        params![id, question, value],
    )?;
    Ok(())
}

fn review_value<T: rusqlite::types::FromSql + Default>(
    tx: &Transaction,
    id: AssessmentId,
    question: &str,
    column: &str,
) -> Step<T> {
    Ok(tx
        .query_row(
            &format!(
                "SELECT {column} FROM question_review WHERE assessment_id = ?1 AND question_id = ?2"
            ),
            params![id, question],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_default())
}

type CellRow = (Option<String>, String, bool);

fn cell_row(tx: &Transaction, id: AssessmentId, field: &str, parameter: &str) -> Step<CellRow> {
    Ok(tx
        .query_row(
            "SELECT rating, rationale, needs_reconfirmation FROM cell
             WHERE assessment_id = ?1 AND field_id = ?2 AND parameter_id = ?3",
            params![id, field, parameter],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .unwrap_or_default())
}

fn follow_up(tx: &Transaction, id: AssessmentId, follow_up: i64) -> Step<(String, String, String)> {
    tx.query_row(
        "SELECT question_id, text, status FROM follow_up WHERE id = ?1 AND assessment_id = ?2",
        params![follow_up, id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?
    .ok_or_else(|| StoreError::NoSuchFollowUp(follow_up).into())
}

fn finding(
    tx: &Transaction,
    id: AssessmentId,
    finding: i64,
) -> Step<(String, String, i64, String)> {
    tx.query_row(
        "SELECT field_id, kind, position, text FROM finding WHERE id = ?1 AND assessment_id = ?2",
        params![finding, id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
    .optional()?
    .ok_or_else(|| StoreError::NoSuchFinding(finding).into())
}

/// Performs an edit inside the transaction; returns the trail entries (empty: no change).
fn apply_edit(
    tx: &Transaction,
    id: AssessmentId,
    definition: &Arc<Definition>,
    now: &str,
    edit: Edit,
) -> Step<(Vec<Entry>, Option<i64>)> {
    let mut entries = Vec::new();
    let mut new_id = None;
    match edit {
        Edit::SetReviewed { question, reviewed } => {
            check_question(definition, &question)?;
            let old: bool = review_value(tx, id, &question, "reviewed")?;
            if old != reviewed {
                // Reviewing a changed answer clears its "changed since import" mark.
                tx.execute(
                    "INSERT INTO question_review (assessment_id, question_id, reviewed) VALUES (?1, ?2, ?3)
                     ON CONFLICT (assessment_id, question_id) DO UPDATE SET reviewed = excluded.reviewed,
                       changed_in_import = CASE WHEN excluded.reviewed THEN NULL ELSE changed_in_import END",
                    params![id, question, reviewed],
                )?;
                entries.push(Entry {
                    entity: "reviewed",
                    key: question,
                    old: Some(bool_text(old)),
                    new: Some(bool_text(reviewed)),
                });
            }
        }
        Edit::SetNote { question, note } => {
            check_question(definition, &question)?;
            let old: String = review_value(tx, id, &question, "note")?;
            if old != note {
                set_review_value(tx, id, &question, "note", &note)?;
                entries.push(Entry {
                    entity: "note",
                    key: question,
                    old: non_empty(old),
                    new: non_empty(note),
                });
            }
        }
        Edit::SetNoteInternal { question, internal } => {
            check_question(definition, &question)?;
            let old: bool = review_value(tx, id, &question, "internal")?;
            if old != internal {
                set_review_value(tx, id, &question, "internal", &internal)?;
                entries.push(Entry {
                    entity: "note_internal",
                    key: question,
                    old: Some(bool_text(old)),
                    new: Some(bool_text(internal)),
                });
            }
        }
        Edit::AddFollowUp { question, text } => {
            check_question(definition, &question)?;
            tx.execute(
                "INSERT INTO follow_up (assessment_id, question_id, text, status, created_at)
                 VALUES (?1, ?2, ?3, 'open', ?4)",
                params![id, question, text, now],
            )?;
            let follow_up = tx.last_insert_rowid();
            new_id = Some(follow_up);
            entries.push(Entry {
                entity: "follow_up",
                key: format!("{question}#{follow_up}"),
                old: None,
                new: Some(text),
            });
        }
        Edit::EditFollowUp {
            id: follow_up_id,
            text,
        } => {
            let (question, old, _) = follow_up(tx, id, follow_up_id)?;
            if old != text {
                tx.execute(
                    "UPDATE follow_up SET text = ?2 WHERE id = ?1",
                    params![follow_up_id, text],
                )?;
                entries.push(Entry {
                    entity: "follow_up",
                    key: format!("{question}#{follow_up_id}"),
                    old: Some(old),
                    new: Some(text),
                });
            }
        }
        Edit::SetFollowUpStatus {
            id: follow_up_id,
            status,
        } => {
            let (question, _, old) = follow_up(tx, id, follow_up_id)?;
            if old != status.as_str() {
                tx.execute(
                    "UPDATE follow_up SET status = ?2 WHERE id = ?1",
                    params![follow_up_id, status.as_str()],
                )?;
                entries.push(Entry {
                    entity: "follow_up_status",
                    key: format!("{question}#{follow_up_id}"),
                    old: Some(old),
                    new: Some(status.as_str().into()),
                });
            }
        }
        Edit::SetRating {
            field,
            parameter,
            rating,
        } => {
            check_cell(definition, &field, &parameter)?;
            if let Some(rating) = rating {
                check_level(definition, rating)?;
            }
            let (old, _, needs) = cell_row(tx, id, &field, &parameter)?;
            let new = rating.map(Rating::to_storage);
            if old != new || needs {
                store_rating(tx, id, &field, &parameter, new.as_deref())?;
                entries.push(Entry {
                    entity: if old == new { "confirmation" } else { "rating" },
                    key: cell_key(&field, &parameter),
                    old,
                    new,
                });
            }
        }
        Edit::SetRationale {
            field,
            parameter,
            text,
        } => {
            check_cell(definition, &field, &parameter)?;
            let (_, old, _) = cell_row(tx, id, &field, &parameter)?;
            if old != text {
                tx.execute(
                    "INSERT INTO cell (assessment_id, field_id, parameter_id, rationale) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (assessment_id, field_id, parameter_id) DO UPDATE SET rationale = excluded.rationale",
                    params![id, field, parameter, text],
                )?;
                entries.push(Entry {
                    entity: "rationale",
                    key: cell_key(&field, &parameter),
                    old: non_empty(old),
                    new: non_empty(text),
                });
            }
        }
        Edit::ConfirmRating { field, parameter } => {
            check_cell(definition, &field, &parameter)?;
            let (rating, _, needs) = cell_row(tx, id, &field, &parameter)?;
            if needs {
                tx.execute(
                    "UPDATE cell SET needs_reconfirmation = 0
                     WHERE assessment_id = ?1 AND field_id = ?2 AND parameter_id = ?3",
                    params![id, field, parameter],
                )?;
                entries.push(Entry {
                    entity: "confirmation",
                    key: cell_key(&field, &parameter),
                    old: rating.clone(),
                    new: rating,
                });
            }
        }
        Edit::AdoptRating {
            field,
            parameter,
            from,
            rating,
        } => {
            check_cell(definition, &field, &parameter)?;
            let previous: Option<AssessmentId> = tx.query_row(
                "SELECT previous_id FROM assessment WHERE id = ?1",
                [id],
                |r| r.get(0),
            )?;
            let (then, _, _) = cell_row(tx, from, &field, &parameter)?;
            let stored = Some(rating.to_storage());
            if previous != Some(from) || then != stored {
                return Err(StoreError::NotThePreviousRating { from }.into());
            }
            check_level(definition, rating)?;
            let (old, _, _) = cell_row(tx, id, &field, &parameter)?;
            store_rating(tx, id, &field, &parameter, stored.as_deref())?;
            let key = cell_key(&field, &parameter);
            if old != stored {
                entries.push(Entry {
                    entity: "rating",
                    key: key.clone(),
                    old,
                    new: stored.clone(),
                });
            }
            // What the rating came from, so that the trail tells a taken-over rating apart.
            entries.push(Entry {
                entity: "adopted",
                key,
                old: None,
                new: Some(format!("{from}:{}", rating.to_storage())),
            });
        }
        Edit::AddFinding { field, kind, text } => {
            if !definition.fields_of_action.iter().any(|f| f.id == field) {
                return Err(StoreError::UnknownField(field).into());
            }
            let position: i64 = tx.query_row(
                "SELECT coalesce(max(position), 0) + 1 FROM finding
                 WHERE assessment_id = ?1 AND field_id = ?2 AND kind = ?3",
                params![id, field, kind.as_str()],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO finding (assessment_id, field_id, kind, position, text)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, field, kind.as_str(), position, text],
            )?;
            let finding_id = tx.last_insert_rowid();
            new_id = Some(finding_id);
            entries.push(Entry {
                entity: "finding",
                key: format!("{field}/{}#{finding_id}", kind.as_str()),
                old: None,
                new: Some(text),
            });
        }
        Edit::EditFinding {
            id: finding_id,
            text,
        } => {
            let (field, kind, _, old) = finding(tx, id, finding_id)?;
            if old != text {
                tx.execute(
                    "UPDATE finding SET text = ?2 WHERE id = ?1",
                    params![finding_id, text],
                )?;
                entries.push(Entry {
                    entity: "finding",
                    key: format!("{field}/{kind}#{finding_id}"),
                    old: Some(old),
                    new: Some(text),
                });
            }
        }
        Edit::MoveFinding { id: finding_id, up } => {
            let (field, kind, position, _) = finding(tx, id, finding_id)?;
            let neighbour: Option<(i64, i64)> = tx
                .query_row(
                    &format!(
                        "SELECT id, position FROM finding
                         WHERE assessment_id = ?1 AND field_id = ?2 AND kind = ?3 AND position {} ?4
                         ORDER BY position {} LIMIT 1",
                        if up { "<" } else { ">" },
                        if up { "DESC" } else { "ASC" }
                    ),
                    params![id, field, kind, position],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((other, other_position)) = neighbour {
                tx.execute(
                    "UPDATE finding SET position = ?2 WHERE id = ?1",
                    params![finding_id, other_position],
                )?;
                tx.execute(
                    "UPDATE finding SET position = ?2 WHERE id = ?1",
                    params![other, position],
                )?;
                entries.push(Entry {
                    entity: "finding_order",
                    key: format!("{field}/{kind}#{finding_id}"),
                    old: Some(position.to_string()),
                    new: Some(other_position.to_string()),
                });
            }
        }
        Edit::DeleteFinding { id: finding_id } => {
            let (field, kind, _, old) = finding(tx, id, finding_id)?;
            tx.execute("DELETE FROM finding WHERE id = ?1", [finding_id])?;
            entries.push(Entry {
                entity: "finding",
                key: format!("{field}/{kind}#{finding_id}"),
                old: Some(old),
                new: None,
            });
        }
        Edit::SetOverall { text } => {
            let old: String =
                tx.query_row("SELECT overall FROM assessment WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
            if old != text {
                tx.execute(
                    "UPDATE assessment SET overall = ?2 WHERE id = ?1",
                    params![id, text],
                )?;
                entries.push(Entry {
                    entity: "overall",
                    key: String::new(),
                    old: non_empty(old),
                    new: non_empty(text),
                });
            }
        }
        Edit::RateGoal { goal, achievement } => {
            let achievement = achievement.map(|a| a.as_str().to_string());
            entries.extend(super::goals::set_goal_value(tx, id, &goal, achievement)?);
        }
        Edit::SetGoalRationale { goal, text } => {
            entries.extend(super::goals::set_goal_rationale(tx, id, &goal, text)?);
        }
        Edit::SetConsensus {
            field,
            parameter,
            rating,
        } => {
            check_cell(definition, &field, &parameter)?;
            check_level(definition, rating)?;
            let (current, _, _) = cell_row(tx, id, &field, &parameter)?;
            let agreed = rating.to_storage();
            entries.extend(super::second::set_consensus(
                tx,
                id,
                (&field, &parameter),
                current.as_deref(),
                &agreed,
            )?);
            if current.as_deref() != Some(agreed.as_str()) {
                store_rating(tx, id, &field, &parameter, Some(&agreed))?;
                entries.push(Entry {
                    entity: "rating",
                    key: cell_key(&field, &parameter),
                    old: current,
                    new: Some(agreed),
                });
            }
        }
        Edit::SetConsensusRationale {
            field,
            parameter,
            text,
        } => {
            check_cell(definition, &field, &parameter)?;
            entries.extend(super::second::set_consensus_rationale(
                tx,
                id,
                (&field, &parameter),
                text,
            )?);
        }
        Edit::Finalize {
            allow_open_follow_ups,
        } => {
            let assessment = super::read::load(tx, id, Arc::clone(definition))?;
            // The gate is checked inside the transaction, so no change can slip in between.
            let completeness = completeness(&assessment);
            if !completeness.can_finalize(allow_open_follow_ups) {
                let blocking = completeness
                    .missing
                    .into_iter()
                    .filter(|m| {
                        !(allow_open_follow_ups && matches!(m, Missing::OpenFollowUp { .. }))
                    })
                    .collect();
                return Err(StoreError::Incomplete(blocking).into());
            }
            let hash = assessment.content_hash();
            tx.execute(
                "UPDATE assessment SET status = 'finalized', final_hash = ?2 WHERE id = ?1",
                params![id, hash],
            )?;
            let mut new = format!("{} {hash}", Status::Finalized.as_str());
            if allow_open_follow_ups {
                new.push_str(&format!(
                    " allow_open_follow_ups={}",
                    completeness.open_follow_ups
                ));
            }
            entries.push(Entry {
                entity: "status",
                key: String::new(),
                old: Some(Status::InProgress.as_str().into()),
                new: Some(new),
            });
        }
        Edit::Reopen => {
            tx.execute(
                "UPDATE assessment SET status = 'in_progress', final_hash = NULL WHERE id = ?1",
                [id],
            )?;
            entries.push(Entry {
                entity: "status",
                key: String::new(),
                old: Some(Status::Finalized.as_str().into()),
                new: Some(Status::InProgress.as_str().into()),
            });
        }
    }
    Ok((entries, new_id))
}

/// Keeps an answers snapshot once: a file imported again names the snapshot already stored.
fn store_snapshot(tx: &rusqlite::Transaction, sha256: &str, json: &str) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO answers_snapshot (sha256, json) VALUES (?1, ?2)",
        params![sha256, json],
    )?;
    Ok(())
}
