//! Auditors and their sign-offs: the first and the second auditor sign a finalised assessment
//! (its content hash); with a registered SSH key the sign-off carries an sshsig signature that
//! is checked before it is kept and again by `verify`. A sign-off holds for the finalisation it
//! signed: after a reopen it is due again.

use rusqlite::{OptionalExtension, params};

use super::trail::{self, Entry};
use super::{Failure, Result, SecondRefusal, Store, StoreError};
use crate::domain::assessment::{AssessmentId, Status};

/// A sign-off as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOff {
    pub auditor: String,
    pub content_hash: String,
    /// The trail row that finalised the assessment signed: a reopen and a new finalisation
    /// make a new one, even within the same second.
    pub finalisation: i64,
    /// sshsig PEM; `None` for an auditor without a key.
    pub signature: Option<String>,
    pub public_key: Option<String>,
    pub signed_at: String,
}

/// Where each auditor who signs stands, for the reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignOffState {
    /// Signed the current final hash.
    Signed(SignOff),
    /// Not (or not since the last finalisation) signed.
    Open { auditor: String },
}

fn refuse(refusal: SecondRefusal) -> StoreError {
    StoreError::Second(refusal)
}

impl Store {
    /// Registers an auditor's SSH public key (OpenSSH format), or replaces it.
    pub fn set_auditor_key(&mut self, name: &str, public_key: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO auditor (name, public_key) VALUES (?1, ?2)
                 ON CONFLICT (name) DO UPDATE SET public_key = excluded.public_key",
                params![name, public_key],
            )
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Every registered auditor with their key, by name.
    pub fn auditors(&self) -> Result<Vec<(String, Option<String>)>> {
        self.query_all(
            "SELECT name, public_key FROM auditor ORDER BY name",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// An auditor's registered public key.
    pub fn auditor_key(&self, name: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT public_key FROM auditor WHERE name = ?1",
                [name],
                |r| r.get::<_, Option<String>>(0),
            )
            .optional()
            .map_err(|e| self.error(e))?
            .flatten())
    }

    /// Who signs an assessment: its auditor and, if it has one, its second auditor.
    pub fn signers(&self, id: AssessmentId) -> Result<Vec<String>> {
        self.query_all(
            "SELECT auditor FROM assessment WHERE id = ?1
             UNION ALL SELECT auditor FROM assessment WHERE second_of = ?1",
            [id],
            |r| r.get(0),
        )
    }

    /// The final hash an auditor would sign now: the assessment must be finalised and the
    /// auditor one of its signers.
    pub fn hash_to_sign(&mut self, id: AssessmentId, auditor: &str) -> Result<String> {
        Ok(self.finalisation(id, auditor)?.0)
    }

    /// The final hash and the trail row that finalised it, for a signer of a finalised
    /// assessment.
    fn finalisation(&mut self, id: AssessmentId, auditor: &str) -> Result<(String, i64)> {
        let assessment = self.load(id)?;
        let (Status::Finalized, Some(hash)) = (assessment.status, assessment.final_hash) else {
            return Err(refuse(SecondRefusal::NotFinalized { id }));
        };
        let finalisation = self.last_status_change(id)?;
        let signers = self.signers(id)?;
        if !signers.iter().any(|s| s == auditor) {
            return Err(refuse(SecondRefusal::NotASigner {
                auditor: auditor.to_string(),
                signers,
            }));
        }
        Ok((hash, finalisation))
    }

    /// Records an auditor's sign-off of the final hash; a signature is checked against the
    /// auditor's registered key first, and an auditor with a key must sign.
    pub fn sign_off(
        &mut self,
        id: AssessmentId,
        auditor: &str,
        signature: Option<&str>,
    ) -> Result<String> {
        let (hash, finalisation) = self.finalisation(id, auditor)?;
        let key = self.auditor_key(auditor)?;
        match (&key, signature) {
            (Some(key), Some(signature)) => {
                let checked = crate::signoff::public_key(key)
                    .and_then(|public| crate::signoff::verify(&public, hash.as_bytes(), signature));
                if checked.is_err() {
                    return Err(refuse(SecondRefusal::BadSignature {
                        auditor: auditor.to_string(),
                    }));
                }
            }
            (Some(_), None) | (None, Some(_)) => {
                return Err(refuse(SecondRefusal::BadSignature {
                    auditor: auditor.to_string(),
                }));
            }
            (None, None) => {}
        }
        let now = (self.clock)();
        let result = (|| -> std::result::Result<(), Failure> {
            let tx = self.conn.transaction()?;
            tx.execute(
                "INSERT OR REPLACE INTO signoff
                   (assessment_id, auditor, content_hash, finalisation, signature, public_key,
                    signed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, auditor, hash, finalisation, signature, key, now],
            )?;
            let entry = Entry {
                entity: "signoff",
                key: auditor.to_string(),
                old: None,
                new: Some(hash.clone()),
            };
            trail::append(&tx, id, &now, auditor, &entry)?;
            tx.commit()?;
            Ok(())
        })();
        result.map_err(|f| self.fail(f))?;
        Ok(hash)
    }

    /// The trail row of the assessment's last change of status (0 if it never changed).
    fn last_status_change(&self, id: AssessmentId) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT COALESCE(MAX(n), 0) FROM trail
                 WHERE assessment_id = ?1 AND entity = 'status'",
                [id],
                |r| r.get(0),
            )
            .map_err(|e| self.error(e))
    }

    /// Every sign-off of an assessment, oldest first.
    pub fn signoffs(&self, id: AssessmentId) -> Result<Vec<SignOff>> {
        self.query_all(
            "SELECT auditor, content_hash, finalisation, signature, public_key, signed_at
             FROM signoff WHERE assessment_id = ?1 ORDER BY signed_at, auditor",
            [id],
            |r| {
                Ok(SignOff {
                    auditor: r.get(0)?,
                    content_hash: r.get(1)?,
                    finalisation: r.get(2)?,
                    signature: r.get(3)?,
                    public_key: r.get(4)?,
                    signed_at: r.get(5)?,
                })
            },
        )
    }

    /// Each signer with their sign-off of the current final hash, or open.
    pub fn signoff_states(&mut self, id: AssessmentId) -> Result<Vec<SignOffState>> {
        let assessment = self.load(id)?;
        let finalized = assessment.status == Status::Finalized;
        let final_hash = assessment.final_hash;
        let finalisation = self.last_status_change(id)?;
        let signoffs = self.signoffs(id)?;
        Ok(self
            .signers(id)?
            .into_iter()
            .map(|auditor| {
                // Signed in this finalisation: a reopen ended earlier ones.
                let current = signoffs.iter().find(|s| {
                    finalized
                        && s.auditor == auditor
                        && Some(&s.content_hash) == final_hash.as_ref()
                        && s.finalisation == finalisation
                });
                match current {
                    Some(signoff) => SignOffState::Signed(signoff.clone()),
                    None => SignOffState::Open { auditor },
                }
            })
            .collect())
    }
}
