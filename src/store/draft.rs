//! Drafts: editor text not saved yet, kept per auditor and field so that nothing typed is lost
//! to a kill, a lost terminal or a take-over. A draft never changes the assessment.

use rusqlite::params;

use super::{Result, Store};
use crate::domain::assessment::AssessmentId;

/// Text an auditor typed for a field and has not saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Which field: a key like `note:HF1.T1.F01` or `rationale:HF2/QP-A`.
    pub target: String,
    pub text: String,
    pub saved_at: String,
}

impl Store {
    /// The auditor's drafts for an assessment.
    pub fn drafts(&self, id: AssessmentId, auditor: &str) -> Result<Vec<Draft>> {
        self.query_all(
            "SELECT target, text, saved_at FROM draft
             WHERE assessment_id = ?1 AND auditor = ?2 ORDER BY target",
            params![id, auditor],
            |r| {
                Ok(Draft {
                    target: r.get(0)?,
                    text: r.get(1)?,
                    saved_at: r.get(2)?,
                })
            },
        )
    }

    /// Keeps the text as the auditor's draft for the field, replacing an earlier one.
    pub fn save_draft(
        &mut self,
        id: AssessmentId,
        auditor: &str,
        target: &str,
        text: &str,
    ) -> Result<Draft> {
        let saved_at = (self.clock)();
        self.conn
            .execute(
                "INSERT INTO draft (assessment_id, target, auditor, text, saved_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (assessment_id, auditor, target)
                 DO UPDATE SET text = excluded.text, saved_at = excluded.saved_at",
                params![id, target, auditor, text, saved_at],
            )
            .map_err(|e| self.error(e))?;
        Ok(Draft {
            target: target.to_string(),
            text: text.to_string(),
            saved_at,
        })
    }

    /// Drops the draft once its text is saved, or when the auditor discards it.
    pub fn discard_draft(&mut self, id: AssessmentId, auditor: &str, target: &str) -> Result<()> {
        self.conn
            .execute(
                "DELETE FROM draft WHERE assessment_id = ?1 AND auditor = ?2 AND target = ?3",
                params![id, auditor, target],
            )
            .map_err(|e| self.error(e))?;
        Ok(())
    }
}
