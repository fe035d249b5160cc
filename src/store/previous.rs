//! The county's previous audit: which assessment a Bilanzierung follows, found by the
//! Amtlicher Gemeindeschlüssel or named, and kept as a link beside the assessment.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Failure, Result, Store, StoreError};
use crate::domain::answers::Answers;
use crate::domain::assessment::{Assessment, AssessmentId, Status};

/// An earlier assessment of the same county.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: AssessmentId,
    /// `erstaudit` or `bilanzierung`.
    pub procedure: String,
    pub reporting_date: String,
    /// `id@version` of its questionnaire.
    pub questionnaire: String,
    pub status: Status,
}

/// Which earlier assessment a Bilanzierung follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Previous {
    /// None of this county is earlier.
    None,
    One(Candidate),
    /// Several could be meant; the auditor chooses. Finalised ones first, newest first.
    Several(Vec<Candidate>),
}

impl Previous {
    /// A finalised assessment is preferred; one candidate of either kind is taken; several
    /// finalised ones, or several unfinalised ones without a finalised one, are ambiguous.
    fn choose(candidates: Vec<Candidate>) -> Previous {
        let finalized: Vec<&Candidate> = candidates
            .iter()
            .filter(|c| c.status == Status::Finalized)
            .collect();
        match (finalized.as_slice(), candidates.as_slice()) {
            ([one], _) => Previous::One((*one).clone()),
            ([], []) => Previous::None,
            ([], [one]) => Previous::One(one.clone()),
            _ => Previous::Several(candidates),
        }
    }
}

impl Store {
    /// The assessments of the answers' county (same AGS) with an earlier reporting date, and
    /// which of them the answers follow.
    pub fn previous_for(&self, answers: &Answers) -> Result<Previous> {
        let candidates = self.query_all(
            "SELECT a.id, a.procedure, a.reporting_date, d.id || '@' || d.version, a.status
             FROM assessment a JOIN definition d ON d.sha256 = a.definition_sha256
             WHERE a.ags = ?1 AND a.reporting_date < ?2
               AND a.second_of IS NULL AND a.bundle_origin IS NULL
             ORDER BY a.status = 'finalized' DESC, a.reporting_date DESC, a.id DESC",
            params![answers.county.ags, answers.reporting_date],
            |r| {
                let status: String = r.get(4)?;
                Ok(Candidate {
                    id: r.get(0)?,
                    procedure: r.get(1)?,
                    reporting_date: r.get(2)?,
                    questionnaire: r.get(3)?,
                    status: if status == Status::Finalized.as_str() {
                        Status::Finalized
                    } else {
                        Status::InProgress
                    },
                })
            },
        )?;
        Ok(Previous::choose(candidates))
    }

    /// The assessment this one follows, if it is linked to one.
    pub fn previous(&self, id: AssessmentId) -> Result<Option<AssessmentId>> {
        self.conn
            .query_row(
                "SELECT previous_id FROM assessment WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.error(e))?
            .ok_or(StoreError::NoSuchAssessment(id))
    }

    /// The assessment `id` follows, loaded, if it is linked to one.
    pub fn last_audit(&mut self, id: AssessmentId) -> Result<Option<Assessment>> {
        match self.previous(id)? {
            Some(previous) => self.load(previous).map(Some),
            None => Ok(None),
        }
    }
}

/// Links a new assessment to the one it follows, after checking that it is of the same county
/// and earlier. The previous assessment is only read.
pub(super) fn link(
    tx: &Transaction,
    id: AssessmentId,
    previous: AssessmentId,
    answers: &Answers,
) -> std::result::Result<(), Failure> {
    let (ags, reporting_date, second): (String, String, bool) = tx
        .query_row(
            "SELECT ags, reporting_date, second_of IS NOT NULL OR bundle_origin IS NOT NULL
             FROM assessment WHERE id = ?1",
            [previous],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or(StoreError::NoSuchAssessment(previous))?;
    // A Bilanzierung follows the audit itself, not its second rating.
    if second {
        let refusal = crate::store::SecondRefusal::OfASecond { id: previous };
        return Err(StoreError::Second(refusal).into());
    }
    if ags != answers.county.ags {
        return Err(StoreError::PreviousOfOtherCounty {
            previous,
            ags: answers.county.ags.clone(),
        }
        .into());
    }
    if reporting_date >= answers.reporting_date {
        return Err(StoreError::PreviousNotEarlier {
            previous,
            reporting_date: answers.reporting_date.clone(),
        }
        .into());
    }
    tx.execute(
        "UPDATE assessment SET previous_id = ?2 WHERE id = ?1",
        params![id, previous],
    )?;
    Ok(())
}
