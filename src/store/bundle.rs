//! Bundles in the store: the second rating going out (answers and questionnaire, nothing of
//! the first auditor's work), arriving as an assessment of its own on the other machine, and
//! its submitted ratings coming back into the second rating they stand for.

use rusqlite::{OptionalExtension, params};

use super::{OpenMode, Result, SecondRefusal, Store, StoreError};
use crate::domain::assessment::{AssessmentId, Rating, Status};
use crate::domain::bundle::{BUNDLE_FORMAT, Bundle, BundleCell, BundleKind, FirstRef, SecondRef};
use crate::domain::validate::ValidAnswers;
use crate::store::Edit;

fn refuse(refusal: SecondRefusal) -> StoreError {
    StoreError::Second(refusal)
}

impl Store {
    /// The bundle for the second rating of `first` by `auditor`: the second rating is started
    /// here if it was not (recorded as ever), and the bundle carries what the auditor needs.
    pub fn second_rating_bundle(
        &mut self,
        first: AssessmentId,
        auditor: &str,
        by: &str,
    ) -> Result<Bundle> {
        let second = match self.second_rating(first)? {
            Some(second) => {
                let existing = self.load(second)?;
                if existing.auditor != auditor {
                    return Err(refuse(SecondRefusal::Exists { id: first, second }));
                }
                if existing.status == Status::Finalized {
                    return Err(refuse(SecondRefusal::AlreadySubmitted { second }));
                }
                second
            }
            None => self.start_second_rating(first, auditor, by)?,
        };
        let assessment = self.load(first)?;
        let (definition, answers): (String, String) = self
            .conn
            .query_row(
                "SELECT d.json, s.json FROM assessment a
                 JOIN definition d ON d.sha256 = a.definition_sha256
                 JOIN answers_import i ON i.assessment_id = a.id
                 JOIN answers_snapshot s ON s.sha256 = i.sha256
                 WHERE a.id = ?1 ORDER BY i.seq DESC LIMIT 1",
                [first],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.error(e))?;
        let parse = |json: &str| {
            serde_json::from_str(json).map_err(|e| StoreError::Damaged {
                what: format!("snapshot of assessment {first}: {e}"),
            })
        };
        Ok(Bundle {
            format: BUNDLE_FORMAT,
            kind: BundleKind::SecondRating,
            first: FirstRef {
                assessment: first,
                county: assessment.answers.county.name.clone(),
                ags: assessment.answers.county.ags.clone(),
                answers_sha256: assessment.answers_sha256.clone(),
                definition_sha256: assessment.definition_sha256.clone(),
            },
            second: SecondRef {
                assessment: second,
                auditor: auditor.to_string(),
            },
            definition: Some(parse(&definition)?),
            answers: Some(parse(&answers)?),
            cells: Vec::new(),
            submitted_at: None,
            sha256: String::new(),
        })
    }

    /// Creates, from a bundle's answers (validated by the caller), the second rating on this
    /// machine: an assessment of the bundle's second auditor that knows where it came from.
    pub fn import_second_rating(
        &mut self,
        bundle: &Bundle,
        valid: &ValidAnswers,
    ) -> Result<(AssessmentId, bool)> {
        let auditor = &bundle.second.auditor;
        // Going the wrong way: this database holds the second rating the bundle stands for.
        let here: Option<AssessmentId> = self
            .conn
            .query_row(
                "SELECT a.id FROM assessment a JOIN answers_import i ON i.assessment_id = a.id
                 WHERE a.id = ?1 AND a.second_of = ?2 AND i.sha256 = ?3 LIMIT 1",
                params![
                    bundle.second.assessment,
                    bundle.first.assessment,
                    valid.sha256
                ],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.error(e))?;
        if let Some(second) = here {
            return Err(refuse(SecondRefusal::BundleGoesOut { second }));
        }
        // The same bundle again: the assessment it made.
        let origin = serde_json::json!({ "first": bundle.first, "second": bundle.second });
        let existing: Option<AssessmentId> = self
            .conn
            .query_row(
                "SELECT id FROM assessment WHERE bundle_origin = ?1",
                [origin.to_string()],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.error(e))?;
        if let Some(id) = existing {
            return Ok((id, true));
        }
        let id = self.import(valid, auditor)?;
        self.conn
            .execute(
                "UPDATE assessment SET bundle_origin = ?2 WHERE id = ?1",
                params![id, origin.to_string()],
            )
            .map_err(|e| self.error(e))?;
        Ok((id, false))
    }

    /// Where a second rating imported from a bundle came from.
    pub fn bundle_origin(&self, id: AssessmentId) -> Result<Option<(FirstRef, SecondRef)>> {
        let origin: Option<String> = self
            .conn
            .query_row(
                "SELECT bundle_origin FROM assessment WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.error(e))?
            .ok_or(StoreError::NoSuchAssessment(id))?;
        let Some(origin) = origin else {
            return Ok(None);
        };
        #[derive(serde::Deserialize)]
        struct Origin {
            first: FirstRef,
            second: SecondRef,
        }
        let origin: Origin = serde_json::from_str(&origin).map_err(|e| StoreError::Damaged {
            what: format!("bundle origin of assessment {id}: {e}"),
        })?;
        Ok(Some((origin.first, origin.second)))
    }

    /// The bundle that takes a submitted second rating back to where it came from.
    pub fn result_bundle(&mut self, id: AssessmentId) -> Result<Bundle> {
        let Some((first, second)) = self.bundle_origin(id)? else {
            return Err(refuse(SecondRefusal::NoResult { id }));
        };
        let assessment = self.load(id)?;
        if assessment.status != Status::Finalized {
            return Err(refuse(SecondRefusal::NoResult { id }));
        }
        let cells = (assessment.cells.iter())
            .filter_map(|((field, parameter), cell)| {
                Some(BundleCell {
                    field: field.clone(),
                    parameter: parameter.clone(),
                    rating: cell.rating?.to_storage(),
                    rationale: cell.rationale.clone(),
                })
            })
            .collect();
        Ok(Bundle {
            format: BUNDLE_FORMAT,
            kind: BundleKind::SecondRatingResult,
            first,
            second,
            definition: None,
            answers: None,
            cells,
            submitted_at: Some(assessment.updated_at.clone()),
            sha256: String::new(),
        })
    }

    /// Brings a submitted second rating back into the second rating it stands for: its cells
    /// are rated as the second auditor rated them (the trail names them) and it is submitted.
    pub fn import_second_result(&mut self, bundle: &Bundle) -> Result<AssessmentId> {
        let second = bundle.second.assessment;
        let elsewhere = || refuse(SecondRefusal::BundleElsewhere { second });
        let row: Option<(Option<AssessmentId>, String, String)> = self
            .conn
            .query_row(
                "SELECT second_of, auditor, status FROM assessment WHERE id = ?1",
                [second],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(|e| self.error(e))?;
        let Some((Some(first), auditor, status)) = row else {
            return Err(elsewhere());
        };
        if first != bundle.first.assessment || auditor != bundle.second.auditor {
            return Err(elsewhere());
        }
        let target = self.load(second)?;
        if target.answers_sha256 != bundle.first.answers_sha256
            || target.definition_sha256 != bundle.first.definition_sha256
        {
            return Err(elsewhere());
        }
        if status == Status::Finalized.as_str() {
            return Err(refuse(SecondRefusal::AlreadySubmitted { second }));
        }
        // Every cell is checked before anything is written.
        for cell in &bundle.cells {
            let known = Rating::from_storage(&cell.rating).is_some()
                && target
                    .matrix()
                    .any(|(f, p)| f.id == cell.field && p.id == cell.parameter);
            if !known {
                return Err(StoreError::UnknownCell {
                    field: cell.field.clone(),
                    parameter: cell.parameter.clone(),
                });
            }
        }
        let (mut session, _) = self.open_session(second, &auditor, OpenMode::Edit)?;
        let mut result = Ok(());
        for cell in &bundle.cells {
            let Some(rating) = Rating::from_storage(&cell.rating) else {
                result = Err(StoreError::Damaged {
                    what: format!("rating \"{}\" in the bundle", cell.rating),
                });
                break;
            };
            let edits = [
                Edit::SetRating {
                    field: cell.field.clone(),
                    parameter: cell.parameter.clone(),
                    rating: Some(rating),
                },
                Edit::SetRationale {
                    field: cell.field.clone(),
                    parameter: cell.parameter.clone(),
                    text: cell.rationale.clone(),
                },
            ];
            for edit in edits {
                if let Err(e) = self.apply(&mut session, edit) {
                    result = Err(e);
                    break;
                }
            }
            if result.is_err() {
                break;
            }
        }
        if result.is_ok() {
            let finalize = Edit::Finalize {
                allow_open_follow_ups: true,
            };
            result = self.apply(&mut session, finalize).map(|_| ());
        }
        self.close_session(&session)?;
        result.map(|()| second)
    }
}
