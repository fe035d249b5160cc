//! The Zweitprüfung: a second auditor rates an assessment independently. The second rating is
//! an assessment of its own (the same answers and questionnaire snapshots, empty work, linked
//! by `second_of`), so that it has its own cells, lease and trail and neither rating touches
//! the other. Until it is submitted (finalised), its auditor may not open the first rating.

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::trail::{self, Entry};
use super::{Failure, Result, SecondRefusal, Store, StoreError};
use crate::domain::assessment::{AssessmentId, Cell, Cells, Rating, Status};

impl Store {
    /// Starts the second rating of `first` for `auditor`; returns its id. `by` is who starts
    /// it (the first auditor or the association's office), as the trail records it.
    pub fn start_second_rating(
        &mut self,
        first: AssessmentId,
        auditor: &str,
        by: &str,
    ) -> Result<AssessmentId> {
        let now = (self.clock)();
        let result = (|| -> std::result::Result<AssessmentId, Failure> {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let row: Option<(String, Option<AssessmentId>)> = tx
                .query_row(
                    "SELECT auditor, second_of FROM assessment WHERE id = ?1",
                    [first],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let (first_auditor, second_of) = row.ok_or(StoreError::NoSuchAssessment(first))?;
            let refuse = |refusal| Failure::Store(StoreError::Second(refusal));
            if second_of.is_some() {
                return Err(refuse(SecondRefusal::OfASecond { id: first }));
            }
            if first_auditor.trim() == auditor.trim() {
                return Err(refuse(SecondRefusal::SameAuditor {
                    auditor: auditor.to_string(),
                }));
            }
            if let Some(second) = second_rating(&tx, first)? {
                return Err(refuse(SecondRefusal::Exists { id: first, second }));
            }
            tx.execute(
                "INSERT INTO assessment (county, ags, procedure, reporting_date, auditor,
                   definition_sha256, status, revision, created_at, updated_at,
                   question_total, cell_total, second_of)
                 SELECT county, ags, procedure, reporting_date, ?2, definition_sha256,
                   'in_progress', 0, ?3, ?3, question_total, cell_total, id
                 FROM assessment WHERE id = ?1",
                params![first, auditor, now],
            )?;
            let second = tx.last_insert_rowid();
            // The answers as the first rating has them now; the snapshot is shared.
            tx.execute(
                "INSERT INTO answers_import (assessment_id, seq, sha256, imported_at, auditor)
                 SELECT ?2, 1, sha256, ?3, ?4 FROM answers_import
                 WHERE assessment_id = ?1 ORDER BY seq DESC LIMIT 1",
                params![first, second, now, by],
            )?;
            let sha256: String = tx.query_row(
                "SELECT sha256 FROM answers_import WHERE assessment_id = ?1",
                [second],
                |r| r.get(0),
            )?;
            let entries = [
                (
                    second,
                    Entry {
                        entity: "import",
                        key: "1".into(),
                        old: None,
                        new: Some(sha256),
                    },
                ),
                (
                    second,
                    Entry {
                        entity: "second_of",
                        key: String::new(),
                        old: None,
                        new: Some(first.to_string()),
                    },
                ),
                (
                    first,
                    Entry {
                        entity: "second_rating",
                        key: auditor.to_string(),
                        old: None,
                        new: Some(second.to_string()),
                    },
                ),
            ];
            for (id, entry) in &entries {
                trail::append(&tx, *id, &now, by, entry)?;
            }
            tx.commit()?;
            Ok(second)
        })();
        result.map_err(|f| self.fail(f))
    }

    /// The second rating of an assessment, if one was started.
    pub fn second_rating(&self, first: AssessmentId) -> Result<Option<AssessmentId>> {
        second_rating(&self.conn, first).map_err(|e| self.error(e))
    }

    /// The assessment this one is the second rating of.
    pub fn second_of(&self, id: AssessmentId) -> Result<Option<AssessmentId>> {
        self.conn
            .query_row(
                "SELECT second_of FROM assessment WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.error(e))?
            .ok_or(StoreError::NoSuchAssessment(id))
    }

    /// Whether `id` is a second rating (here or from a bundle) of another auditor than
    /// `auditor`.
    pub(super) fn second_rating_of_another(&self, id: AssessmentId, auditor: &str) -> Result<bool> {
        let owner: Option<String> = self
            .conn
            .query_row(
                "SELECT auditor FROM assessment
                 WHERE id = ?1 AND (second_of IS NOT NULL OR bundle_origin IS NOT NULL)",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.error(e))?;
        Ok(owner.is_some_and(|owner| owner != auditor))
    }

    /// Refuses `auditor` the first rating while their own second rating of it is not
    /// submitted: the second rating is blind.
    pub fn check_blind(&self, id: AssessmentId, auditor: &str) -> Result<()> {
        let pending: Option<AssessmentId> = self
            .conn
            .query_row(
                "SELECT id FROM assessment WHERE second_of = ?1 AND auditor = ?2 AND status <> ?3",
                params![id, auditor, Status::Finalized.as_str()],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.error(e))?;
        match pending {
            Some(second) => Err(StoreError::Second(SecondRefusal::Blind { id, second })),
            None => Ok(()),
        }
    }
}

/// Records the agreed rating of a cell the two ratings differ on; the trail entry. `current`
/// is the cell's rating now (the first auditor's, or an earlier consensus).
pub(super) fn set_consensus(
    tx: &rusqlite::Transaction,
    id: AssessmentId,
    (field, parameter): (&str, &str),
    current: Option<&str>,
    agreed: &str,
) -> std::result::Result<Option<Entry>, Failure> {
    let refuse = |refusal| Failure::Store(StoreError::Second(refusal));
    let second: Option<(AssessmentId, String)> = tx
        .query_row(
            "SELECT id, status FROM assessment WHERE second_of = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let second = match second {
        None => return Err(refuse(SecondRefusal::NoSecond { id })),
        Some((second, status)) if status != Status::Finalized.as_str() => {
            return Err(refuse(SecondRefusal::NotSubmitted { second }));
        }
        Some((second, _)) => second,
    };
    let second_rating: Option<String> = tx
        .query_row(
            "SELECT rating FROM cell WHERE assessment_id = ?1 AND field_id = ?2 AND parameter_id = ?3",
            params![second, field, parameter],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let earlier: Option<(Option<String>, String)> = tx
        .query_row(
            "SELECT first, agreed FROM consensus
             WHERE assessment_id = ?1 AND field_id = ?2 AND parameter_id = ?3",
            params![id, field, parameter],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    // The first auditor's original rating: as the first consensus kept it, or the cell's.
    let first = match &earlier {
        Some((first, _)) => first.clone(),
        None => current.map(str::to_string),
    };
    if first == second_rating {
        return Err(refuse(SecondRefusal::NoDifference {
            cell: format!("{field}/{parameter}"),
        }));
    }
    if earlier.as_ref().is_some_and(|(_, old)| old == agreed) {
        return Ok(None);
    }
    tx.execute(
        "INSERT INTO consensus (assessment_id, field_id, parameter_id, first, second, agreed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (assessment_id, field_id, parameter_id) DO UPDATE SET agreed = excluded.agreed",
        params![id, field, parameter, first, second_rating, agreed],
    )?;
    Ok(Some(Entry {
        entity: "consensus",
        key: format!("{field}/{parameter}"),
        old: earlier.map(|(_, agreed)| agreed),
        new: Some(agreed.to_string()),
    }))
}

/// Sets the rationale of a settled cell's consensus; the trail entry, if it changed.
pub(super) fn set_consensus_rationale(
    tx: &rusqlite::Transaction,
    id: AssessmentId,
    (field, parameter): (&str, &str),
    text: String,
) -> std::result::Result<Option<Entry>, Failure> {
    let old: Option<String> = tx
        .query_row(
            "SELECT rationale FROM consensus
             WHERE assessment_id = ?1 AND field_id = ?2 AND parameter_id = ?3",
            params![id, field, parameter],
            |r| r.get(0),
        )
        .optional()?;
    let Some(old) = old else {
        return Err(Failure::Store(StoreError::Second(
            SecondRefusal::NoConsensus {
                cell: format!("{field}/{parameter}"),
            },
        )));
    };
    if old == text {
        return Ok(None);
    }
    tx.execute(
        "UPDATE consensus SET rationale = ?4
         WHERE assessment_id = ?1 AND field_id = ?2 AND parameter_id = ?3",
        params![id, field, parameter, text],
    )?;
    Ok(Some(Entry {
        entity: "consensus_rationale",
        key: format!("{field}/{parameter}"),
        old: super::write::non_empty(old),
        new: super::write::non_empty(text),
    }))
}

/// The cells of the submitted second rating of `first`, if there is one.
pub(super) fn submitted_cells(
    conn: &rusqlite::Connection,
    first: AssessmentId,
) -> std::result::Result<Option<Cells>, Failure> {
    let second: Option<AssessmentId> = conn
        .query_row(
            "SELECT id FROM assessment WHERE second_of = ?1 AND status = ?2",
            params![first, Status::Finalized.as_str()],
            |r| r.get(0),
        )
        .optional()?;
    let Some(second) = second else {
        return Ok(None);
    };
    let mut statement = conn.prepare_cached(
        "SELECT field_id, parameter_id, rating, rationale FROM cell WHERE assessment_id = ?1",
    )?;
    let rows = statement.query_map([second], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut cells = BTreeMap::new();
    for row in rows {
        let (field, parameter, rating, rationale) = row?;
        let rating = match rating {
            Some(text) => Some(Rating::from_storage(&text).ok_or_else(|| {
                Failure::Store(StoreError::Damaged {
                    what: format!("rating \"{text}\" of assessment {second}"),
                })
            })?),
            None => None,
        };
        let cell = Cell {
            rating,
            rationale,
            needs_reconfirmation: false,
        };
        cells.insert((field, parameter), cell);
    }
    Ok(Some(cells))
}

fn second_rating(
    conn: &rusqlite::Connection,
    first: AssessmentId,
) -> rusqlite::Result<Option<AssessmentId>> {
    conn.query_row(
        "SELECT id FROM assessment WHERE second_of = ?1",
        [first],
        |r| r.get(0),
    )
    .optional()
}
