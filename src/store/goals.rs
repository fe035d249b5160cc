//! Zielvereinbarungen and Jahresberichte in the store: kept as hashed snapshots, attached to
//! the audit the goals follow, recorded in that audit's trail. A corrected Jahresbericht
//! replaces the earlier one for its year; both stay, and the trail records the change.

use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::trail::{self, Entry};
use super::{Failure, GoalsRefusal, Result, Store, StoreError};
use crate::domain::assessment::AssessmentId;
use crate::domain::goals::{AnnualReport, GoalAgreement};
use crate::domain::validate::{self, DocumentKind};
use crate::domain::validate_goals::{ValidAgreement, ValidAnnualReport};

/// A Zielvereinbarung as stored, with the current Jahresbericht of each year, oldest first.
#[derive(Debug, Clone)]
pub struct StoredAgreement {
    /// The agreement's row.
    pub row: i64,
    /// The audit it follows.
    pub assessment: AssessmentId,
    pub valid: ValidAgreement,
    pub imported_at: String,
    pub reports: Vec<StoredReport>,
}

#[derive(Debug, Clone)]
pub struct StoredReport {
    pub year: i32,
    /// 1, or more after corrected reports.
    pub seq: i64,
    pub sha256: String,
    pub report: AnnualReport,
    pub imported_at: String,
}

impl StoredAgreement {
    pub fn agreement(&self) -> &GoalAgreement {
        &self.valid.agreement
    }
}

/// What importing a Zielvereinbarung did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementImported {
    pub assessment: AssessmentId,
    /// The same content was attached already; nothing changed.
    pub existed: bool,
}

/// What importing a Jahresbericht did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportImported {
    pub assessment: AssessmentId,
    pub year: i32,
    /// The hash of the report it replaced, for a corrected report.
    pub replaced: Option<String>,
    /// The same content is the current report of its year already; nothing changed.
    pub existed: bool,
}

fn store_snapshot(tx: &Transaction, sha256: &str, json: &str) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO goals_snapshot (sha256, json) VALUES (?1, ?2)",
        params![sha256, json],
    )?;
    Ok(())
}

/// A snapshot read back and checked again: a damaged database gives an error, not a panic.
fn reread(json: &str, agreements: &[ValidAgreement], what: &str) -> Result<validate::Report> {
    let report = validate::validate_with_agreements(json.as_bytes(), &[], agreements);
    if report.kind.is_none() || !report.is_valid() {
        return Err(StoreError::Damaged {
            what: what.to_string(),
        });
    }
    Ok(report)
}

impl Store {
    /// Attaches a Zielvereinbarung to the assessment it follows: found by the answers' hash,
    /// or by the county, the procedure and the year.
    pub fn import_agreement(
        &mut self,
        valid: &ValidAgreement,
        auditor: &str,
    ) -> Result<AgreementImported> {
        let now = (self.clock)();
        let result = (|| -> std::result::Result<AgreementImported, Failure> {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let agreement = &valid.agreement;
            let assessment = follows(&tx, agreement)?;
            let stored: Option<String> = tx
                .query_row(
                    "SELECT sha256 FROM agreement WHERE assessment_id = ?1 AND name = ?2",
                    params![assessment, agreement.id],
                    |r| r.get(0),
                )
                .optional()?;
            match stored {
                Some(sha256) if sha256 == valid.sha256 => {
                    return Ok(AgreementImported {
                        assessment,
                        existed: true,
                    });
                }
                Some(_) => {
                    return Err(StoreError::Goals(GoalsRefusal::OtherContent {
                        agreement: agreement.id.clone(),
                        assessment,
                    })
                    .into());
                }
                None => {}
            }
            store_snapshot(&tx, &valid.sha256, &valid.canonical)?;
            tx.execute(
                "INSERT INTO agreement (assessment_id, name, sha256, imported_at, auditor)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![assessment, agreement.id, valid.sha256, now, auditor],
            )?;
            let entry = Entry {
                entity: "agreement",
                key: agreement.id.clone(),
                old: None,
                new: Some(valid.sha256.clone()),
            };
            trail::append(&tx, assessment, &now, auditor, &entry)?;
            tx.commit()?;
            Ok(AgreementImported {
                assessment,
                existed: false,
            })
        })();
        result.map_err(|f| self.fail(f))
    }

    /// Stores a Jahresbericht for its Zielvereinbarung (found by id and hash). A report of a
    /// year already reported replaces that one; the trail names both.
    pub fn import_annual_report(
        &mut self,
        valid: &ValidAnnualReport,
        auditor: &str,
    ) -> Result<ReportImported> {
        let now = (self.clock)();
        let result = (|| -> std::result::Result<ReportImported, Failure> {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let report = &valid.report;
            let reference = &report.zielvereinbarung;
            let (row, assessment): (i64, AssessmentId) = tx
                .query_row(
                    "SELECT id, assessment_id FROM agreement WHERE name = ?1 AND sha256 = ?2
                     ORDER BY id LIMIT 1",
                    params![reference.id, reference.sha256],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .ok_or_else(|| {
                    StoreError::Goals(GoalsRefusal::NoAgreement {
                        agreement: reference.id.clone(),
                    })
                })?;
            let current: Option<(i64, String)> = tx
                .query_row(
                    "SELECT seq, sha256 FROM annual_report WHERE agreement_id = ?1 AND year = ?2
                     ORDER BY seq DESC LIMIT 1",
                    params![row, report.year],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((_, sha256)) = &current
                && *sha256 == valid.sha256
            {
                return Ok(ReportImported {
                    assessment,
                    year: report.year,
                    replaced: None,
                    existed: true,
                });
            }
            store_snapshot(&tx, &valid.sha256, &valid.canonical)?;
            let seq = current.as_ref().map_or(1, |(seq, _)| seq + 1);
            tx.execute(
                "INSERT INTO annual_report (agreement_id, year, seq, sha256, imported_at, auditor)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![row, report.year, seq, valid.sha256, now, auditor],
            )?;
            let replaced = current.map(|(_, sha256)| sha256);
            let entry = Entry {
                entity: "annual_report",
                key: format!("{}/{}", reference.id, report.year),
                old: replaced.clone(),
                new: Some(valid.sha256.clone()),
            };
            trail::append(&tx, assessment, &now, auditor, &entry)?;
            tx.commit()?;
            Ok(ReportImported {
                assessment,
                year: report.year,
                replaced,
                existed: false,
            })
        })();
        result.map_err(|f| self.fail(f))
    }

    /// Every Zielvereinbarung in the database, for checking a Jahresbericht against the one it
    /// names.
    pub fn stored_agreements(&self) -> Result<Vec<ValidAgreement>> {
        let rows = self.query_all(
            "SELECT DISTINCT s.json FROM agreement a JOIN goals_snapshot s ON s.sha256 = a.sha256
             ORDER BY a.id",
            [],
            |r| r.get::<_, String>(0),
        )?;
        rows.iter()
            .map(|json| {
                reread(json, &[], "Zielvereinbarung")?
                    .agreement
                    .ok_or_else(|| StoreError::Damaged {
                        what: "Zielvereinbarung".into(),
                    })
            })
            .collect()
    }

    /// The Zielvereinbarungen that concern an assessment, with their current Jahresberichte:
    /// those attached to it and, for a Bilanzierung, those of the audit it follows.
    pub fn agreements(&self, id: AssessmentId) -> Result<Vec<StoredAgreement>> {
        let previous = self.previous(id)?;
        let rows = self.query_all(
            "SELECT a.id, a.assessment_id, s.json, a.imported_at
             FROM agreement a JOIN goals_snapshot s ON s.sha256 = a.sha256
             WHERE a.assessment_id = ?1 OR a.assessment_id = ?2
             ORDER BY a.id",
            params![id, previous],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, AssessmentId>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            },
        )?;
        let mut agreements = Vec::new();
        for (row, assessment, json, imported_at) in rows {
            let damaged = || StoreError::Damaged {
                what: format!("Zielvereinbarung {row}"),
            };
            let valid = reread(&json, &[], "Zielvereinbarung")?
                .agreement
                .ok_or_else(damaged)?;
            let reports = self.current_reports(row, &valid)?;
            agreements.push(StoredAgreement {
                row,
                assessment,
                valid,
                imported_at,
                reports,
            });
        }
        Ok(agreements)
    }

    /// The latest report of each year for an agreement, oldest year first.
    fn current_reports(&self, row: i64, agreement: &ValidAgreement) -> Result<Vec<StoredReport>> {
        let rows = self.query_all(
            "SELECT r.year, r.seq, r.sha256, s.json, r.imported_at
             FROM annual_report r JOIN goals_snapshot s ON s.sha256 = r.sha256
             WHERE r.agreement_id = ?1
               AND r.seq = (SELECT max(seq) FROM annual_report o
                            WHERE o.agreement_id = r.agreement_id AND o.year = r.year)
             ORDER BY r.year",
            [row],
            |r| {
                Ok((
                    r.get::<_, i32>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            },
        )?;
        let agreements = std::slice::from_ref(agreement);
        rows.into_iter()
            .map(|(year, seq, sha256, json, imported_at)| {
                let checked = reread(&json, agreements, "Jahresbericht")?;
                let report = match (checked.kind, checked.annual_report) {
                    (Some(DocumentKind::AnnualReport), Some(valid)) => valid.report,
                    _ => {
                        return Err(StoreError::Damaged {
                            what: format!("Jahresbericht {year}"),
                        });
                    }
                };
                Ok(StoredReport {
                    year,
                    seq,
                    sha256,
                    report,
                    imported_at,
                })
            })
            .collect()
    }
}

/// The Zielvereinbarungen whose goals an assessment judges: those attached to the audit it
/// follows.
pub(super) fn judged_agreements(
    conn: &rusqlite::Connection,
    id: AssessmentId,
) -> std::result::Result<Vec<std::sync::Arc<GoalAgreement>>, Failure> {
    let mut statement = conn.prepare_cached(
        "SELECT s.json FROM assessment b JOIN agreement a ON a.assessment_id = b.previous_id
         JOIN goals_snapshot s ON s.sha256 = a.sha256 WHERE b.id = ?1 ORDER BY a.id",
    )?;
    let rows = statement.query_map([id], |r| r.get::<_, String>(0))?;
    let mut agreements = Vec::new();
    for json in rows {
        let agreement = reread(&json?, &[], "Zielvereinbarung")?
            .agreement
            .ok_or_else(|| StoreError::Damaged {
                what: "Zielvereinbarung".into(),
            })?;
        agreements.push(std::sync::Arc::new(agreement.agreement));
    }
    Ok(agreements)
}

/// Refuses a goal key ("agreement/goal") that is not a goal of the Zielvereinbarungen of the
/// audit the assessment follows. Looked up in the stored JSON, without parsing it all.
fn check_goal(tx: &Transaction, id: AssessmentId, key: &str) -> std::result::Result<(), Failure> {
    let unknown = || {
        StoreError::Goals(GoalsRefusal::UnknownGoal {
            goal: key.to_string(),
        })
    };
    let (agreement, goal) = key.split_once('/').ok_or_else(unknown)?;
    let found: bool = tx.query_row(
        "SELECT EXISTS (
           SELECT 1 FROM assessment b JOIN agreement a ON a.assessment_id = b.previous_id
           JOIN goals_snapshot s ON s.sha256 = a.sha256, json_each(s.json, '$.goals') g
           WHERE b.id = ?1 AND a.name = ?2 AND json_extract(g.value, '$.id') = ?3)",
        params![id, agreement, goal],
        |r| r.get(0),
    )?;
    if found { Ok(()) } else { Err(unknown().into()) }
}

/// The stored achievement and rationale of a goal.
fn goal_row(
    tx: &Transaction,
    id: AssessmentId,
    key: &str,
) -> rusqlite::Result<(Option<String>, String)> {
    Ok(tx
        .query_row(
            "SELECT achievement, rationale FROM goal_rating WHERE assessment_id = ?1 AND goal = ?2",
            params![id, key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or_default())
}

/// Sets (or clears) a goal's achievement; the trail entry, if anything changed.
pub(super) fn set_goal_value(
    tx: &Transaction,
    id: AssessmentId,
    key: &str,
    achievement: Option<String>,
) -> std::result::Result<Option<Entry>, Failure> {
    check_goal(tx, id, key)?;
    let (old, _) = goal_row(tx, id, key)?;
    if old == achievement {
        return Ok(None);
    }
    tx.execute(
        "INSERT INTO goal_rating (assessment_id, goal, achievement) VALUES (?1, ?2, ?3)
         ON CONFLICT (assessment_id, goal) DO UPDATE SET achievement = excluded.achievement",
        params![id, key, achievement],
    )?;
    Ok(Some(Entry {
        entity: "goal_rating",
        key: key.to_string(),
        old,
        new: achievement,
    }))
}

/// Sets a goal's rationale; the trail entry, if anything changed.
pub(super) fn set_goal_rationale(
    tx: &Transaction,
    id: AssessmentId,
    key: &str,
    text: String,
) -> std::result::Result<Option<Entry>, Failure> {
    check_goal(tx, id, key)?;
    let (_, old) = goal_row(tx, id, key)?;
    if old == text {
        return Ok(None);
    }
    tx.execute(
        "INSERT INTO goal_rating (assessment_id, goal, rationale) VALUES (?1, ?2, ?3)
         ON CONFLICT (assessment_id, goal) DO UPDATE SET rationale = excluded.rationale",
        params![id, key, text],
    )?;
    Ok(Some(Entry {
        entity: "goal_rationale",
        key: key.to_string(),
        old: super::write::non_empty(old),
        new: super::write::non_empty(text),
    }))
}

/// The assessment a Zielvereinbarung follows, of the same county: by the answers' hash, else
/// by procedure and year.
fn follows(
    tx: &Transaction,
    agreement: &GoalAgreement,
) -> std::result::Result<AssessmentId, Failure> {
    let follows = &agreement.follows;
    let candidates: Vec<AssessmentId> = match &follows.answers_sha256 {
        Some(sha256) => {
            let mut statement = tx.prepare(
                "SELECT DISTINCT a.id FROM answers_import i JOIN assessment a ON a.id = i.assessment_id
                 WHERE i.sha256 = ?1 AND a.ags = ?2
                   AND a.second_of IS NULL AND a.bundle_origin IS NULL ORDER BY a.id",
            )?;
            statement
                .query_map(params![sha256, agreement.county.ags], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        }
        None => {
            let procedure = follows.procedure.map(|p| p.as_str());
            let mut statement = tx.prepare(
                "SELECT id FROM assessment
                 WHERE ags = ?1 AND procedure = ?2 AND substr(reporting_date, 1, 4) = ?3
                   AND second_of IS NULL AND bundle_origin IS NULL
                 ORDER BY id",
            )?;
            let year = follows.year.map(|y| format!("{y:04}"));
            statement
                .query_map(params![agreement.county.ags, procedure, year], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        }
    };
    match candidates.as_slice() {
        [one] => Ok(*one),
        [] => Err(StoreError::Goals(GoalsRefusal::NoAssessment {
            agreement: agreement.id.clone(),
        })
        .into()),
        _ => Err(StoreError::Goals(GoalsRefusal::Ambiguous {
            agreement: agreement.id.clone(),
            candidates,
        })
        .into()),
    }
}
