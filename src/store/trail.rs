//! The audit trail: every change, who made it and when, chained by hashes so that an edited or
//! deleted row is found.

use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::json;

use crate::domain::assessment::AssessmentId;
use crate::domain::hash::{canonical_json, sha256_hex};

/// One change: what was changed (entity and key) from what to what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub entity: &'static str,
    pub key: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The hash of a row: sha256 over the previous row's hash and the row's content in canonical
/// JSON. The first row of an assessment chains to the empty string.
#[allow(clippy::too_many_arguments)]
pub fn row_hash(
    previous: &str,
    assessment_id: AssessmentId,
    n: i64,
    at: &str,
    auditor: &str,
    entity: &str,
    key: &str,
    old: Option<&str>,
    new: Option<&str>,
) -> String {
    let content = json!({
        "assessment": assessment_id,
        "n": n,
        "at": at,
        "auditor": auditor,
        "entity": entity,
        "key": key,
        "old": old,
        "new": new,
    });
    sha256_hex(format!("{previous}\n{}", canonical_json(&content)).as_bytes())
}

pub fn append(
    tx: &Transaction,
    assessment_id: AssessmentId,
    at: &str,
    auditor: &str,
    entry: &Entry,
) -> rusqlite::Result<()> {
    let last: Option<(i64, String)> = tx
        .query_row(
            "SELECT n, hash FROM trail WHERE assessment_id = ?1 ORDER BY n DESC LIMIT 1",
            [assessment_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (n, previous) = last.map_or((1, String::new()), |(n, hash)| (n + 1, hash));
    let hash = row_hash(
        &previous,
        assessment_id,
        n,
        at,
        auditor,
        entry.entity,
        &entry.key,
        entry.old.as_deref(),
        entry.new.as_deref(),
    );
    tx.execute(
        "INSERT INTO trail (assessment_id, n, at, auditor, entity, key, old, new, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            assessment_id,
            n,
            at,
            auditor,
            entry.entity,
            entry.key,
            entry.old,
            entry.new,
            hash
        ],
    )?;
    tx.execute(
        "UPDATE assessment SET trail_head = ?2 WHERE id = ?1",
        params![assessment_id, hash],
    )?;
    Ok(())
}
