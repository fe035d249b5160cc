//! `siegel verify`: the trail's hash chain, the snapshots, and whether replaying the trail gives
//! what the tables hold.

use std::collections::BTreeMap;

use super::read::TrailRow;
use super::trail::row_hash;
use super::{Result, Store};
use crate::domain::assessment::{Assessment, AssessmentId, Rating, Status};
use crate::domain::hash::sha256_hex;

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
    /// A sign-off whose signature does not check out against the key it names.
    Signature {
        auditor: String,
    },
    /// A stored Zielvereinbarung or Jahresbericht ("Zielvereinbarung musterland-2025",
    /// "Jahresbericht musterland-2025/2026") whose content no longer matches its hash.
    GoalsSnapshot {
        what: String,
    },
    /// The content of a finalised assessment no longer matches the hash taken at finalisation.
    FinalContent,
    /// The chain ends elsewhere than the assessment says: its last rows were deleted.
    TrailHead,
    /// Marked finalised without the hash that finalising takes.
    FinalizedWithoutHash,
    /// A head recorded elsewhere (in an export) that is not in the chain.
    Anchor {
        head: String,
    },
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
    /// The hash of the last row, which exports record.
    pub head: Option<String>,
    /// The row whose hash is the anchor given, if one was given and found.
    pub anchored_at: Option<i64>,
    pub imports: usize,
    pub problems: Vec<VerifyProblem>,
}

impl Store {
    /// Checks the trail's hash chain, the stored snapshots against their hashes and, for a
    /// finalised assessment, its content against the hash taken at finalisation.
    ///
    /// `anchor` is a trail head recorded elsewhere (in an export), whole or its first digits: it
    /// must still be one of the chain's rows, or rows were removed or rewritten since.
    pub fn verify(&mut self, id: AssessmentId, anchor: Option<&str>) -> Result<VerifyReport> {
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
        for signoff in self.signoffs(id)? {
            let (Some(signature), Some(key)) = (&signoff.signature, &signoff.public_key) else {
                continue;
            };
            let holds = crate::signoff::public_key(key).and_then(|public| {
                crate::signoff::verify(&public, signoff.content_hash.as_bytes(), signature)
            });
            if holds.is_err() {
                problems.push(VerifyProblem::Signature {
                    auditor: signoff.auditor.clone(),
                });
            }
        }
        let goals = self.goals_values(id)?;
        for (what, sha, json) in &goals.snapshots {
            if sha256_hex(json.as_bytes()) != *sha {
                problems.push(VerifyProblem::GoalsSnapshot { what: what.clone() });
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
            let links = Links {
                previous: self.previous(id)?,
                second_of: self.second_of(id)?,
            };
            let mut current = goals.current;
            for signoff in self.signoffs(id)? {
                // Oldest first: the last of each auditor is the one the trail ends with.
                current.insert(
                    ("signoff".into(), signoff.auditor),
                    Some(signoff.content_hash),
                );
            }
            problems.extend(replay(&rows, &assessment, links, current));
        }
        let anchored_at =
            anchor.and_then(|hash| rows.iter().find(|r| r.hash.starts_with(hash)).map(|r| r.n));
        if let (Some(hash), None) = (anchor, anchored_at) {
            problems.push(VerifyProblem::Anchor {
                head: hash.to_string(),
            });
        }
        Ok(VerifyReport {
            rows: rows.len(),
            head: rows.last().map(|r| r.hash.clone()),
            anchored_at,
            imports: imports.len(),
            problems,
        })
    }
}

/// What replaying the trail leads to, keyed like the trail: (entity, key) → value.
type Values = BTreeMap<(String, String), Option<String>>;

/// Replays the trail and compares what it leads to with the tables: reviews, notes, ratings,
/// rationales, follow-up questions and their status, findings and their order, the overall text
/// and the status. A row changed, added or deleted outside siegel shows as a difference.
/// The assessments an assessment is linked to, as the table holds them.
struct Links {
    previous: Option<AssessmentId>,
    second_of: Option<AssessmentId>,
}

fn replay(
    rows: &[TrailRow],
    assessment: &Assessment,
    links: Links,
    goals: Values,
) -> Vec<VerifyProblem> {
    let mut trail = Values::new();
    // Findings' positions per field and kind, replayed as siegel assigns and swaps them.
    let mut positions: BTreeMap<String, BTreeMap<i64, i64>> = BTreeMap::new();
    for row in rows {
        let key = row.key.clone();
        match row.entity.as_str() {
            "reviewed"
            | "note"
            | "note_internal"
            | "rating"
            | "rationale"
            | "follow_up_status"
            | "overall"
            | "previous"
            | "second_of"
            | "agreement"
            | "annual_report"
            | "goal_rating"
            | "goal_rationale"
            | "consensus"
            | "consensus_rationale"
            | "signoff" => {
                trail.insert((row.entity.clone(), key), row.new.clone());
            }
            "follow_up" => {
                if row.old.is_none() {
                    trail.insert(
                        ("follow_up_status".into(), key.clone()),
                        Some("open".into()),
                    );
                }
                trail.insert(("follow_up".into(), key), row.new.clone());
            }
            "finding" => {
                if let Some((group, finding)) = finding_key(&key) {
                    let group = positions.entry(group.to_string()).or_default();
                    match (&row.old, &row.new) {
                        (None, Some(_)) => {
                            let next = group.values().max().map_or(1, |p| p + 1);
                            group.insert(finding, next);
                        }
                        (_, None) => {
                            group.remove(&finding);
                        }
                        _ => {}
                    }
                }
                trail.insert(("finding".into(), key), row.new.clone());
            }
            "finding_order" => {
                let target = row.new.as_deref().and_then(|p| p.parse::<i64>().ok());
                if let (Some((group, finding)), Some(target)) = (finding_key(&key), target) {
                    let group = positions.entry(group.to_string()).or_default();
                    let from = group.get(&finding).copied();
                    let neighbour = group.iter().find(|(_, p)| **p == target).map(|(id, _)| *id);
                    if let (Some(from), Some(neighbour)) = (from, neighbour) {
                        group.insert(neighbour, from);
                        group.insert(finding, target);
                    }
                }
            }
            "status" => {
                // "finalized HASH [allow_open_follow_ups=N]" or "in_progress".
                let status = row
                    .new
                    .as_deref()
                    .map(|s| s.split(' ').take(2).collect::<Vec<_>>().join(" "));
                trail.insert(("status".into(), String::new()), status);
            }
            // Corrected answers set a question back to "not reviewed".
            "answer_changed" => {
                trail.insert(("reviewed".into(), key), Some("false".into()));
            }
            _ => {}
        }
    }
    for (group, by_id) in positions.into_iter().filter(|(_, g)| !g.is_empty()) {
        let mut order: Vec<(i64, i64)> = by_id.into_iter().map(|(id, p)| (p, id)).collect();
        order.sort_unstable();
        trail.insert(
            ("finding_order".into(), group),
            Some(id_list(order.into_iter().map(|(_, id)| id))),
        );
    }
    let mut tables = tables(assessment);
    tables.extend(goals);
    tables.insert(
        ("previous".into(), String::new()),
        links.previous.map(|id| id.to_string()),
    );
    tables.insert(
        ("second_of".into(), String::new()),
        links.second_of.map(|id| id.to_string()),
    );
    compare(&trail, &tables)
}

/// The Zielvereinbarungen attached to an assessment and their Jahresberichte, as the store
/// holds them.
struct GoalsValues {
    /// What, hash and stored content of every snapshot, corrected reports included.
    snapshots: Vec<(String, String, String)>,
    /// ("agreement", id) and ("annual_report", "id/year") → the current hash, as the trail
    /// names them.
    current: Values,
}

impl Store {
    fn goals_values(&self, id: AssessmentId) -> Result<GoalsValues> {
        // Name, year and seq (none for the agreement itself), hash, content.
        type Row = (String, Option<i64>, Option<i64>, String, String);
        let rows: Vec<Row> = self.query_all(
            "SELECT a.name, NULL, NULL, a.sha256, s.json FROM agreement a
               JOIN goals_snapshot s ON s.sha256 = a.sha256 WHERE a.assessment_id = ?1
             UNION ALL
             SELECT a.name, r.year, r.seq, r.sha256, s.json FROM annual_report r
               JOIN agreement a ON a.id = r.agreement_id
               JOIN goals_snapshot s ON s.sha256 = r.sha256 WHERE a.assessment_id = ?1
             ORDER BY 1, 2, 3",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        let mut goals = GoalsValues {
            snapshots: Vec::new(),
            current: Values::new(),
        };
        for (name, year, seq, sha, json) in rows {
            let (entity, key, what) = match (year, seq) {
                (Some(year), Some(seq)) => (
                    "annual_report",
                    format!("{name}/{year}"),
                    format!("Jahresbericht {name}/{year} ({seq})"),
                ),
                _ => (
                    "agreement",
                    name.clone(),
                    format!("Zielvereinbarung {name}"),
                ),
            };
            // Ordered by seq: the last one of a year is the current one.
            goals
                .current
                .insert((entity.to_string(), key), Some(sha.clone()));
            goals.snapshots.push((what, sha, json));
        }
        Ok(goals)
    }
}

/// The same values as the tables hold them.
fn tables(assessment: &Assessment) -> Values {
    let mut tables = Values::new();
    let mut put = |entity: &str, key: String, value: Option<String>| {
        tables.insert((entity.to_string(), key), value);
    };
    let text = |text: &str| (!text.is_empty()).then(|| text.to_string());
    for (question, review) in &assessment.reviews {
        put(
            "reviewed",
            question.clone(),
            Some(review.reviewed.to_string()),
        );
        put("note", question.clone(), text(&review.note));
        put(
            "note_internal",
            question.clone(),
            Some(review.internal.to_string()),
        );
    }
    for ((field, parameter), cell) in &assessment.cells {
        let key = format!("{field}/{parameter}");
        put("rating", key.clone(), cell.rating.map(Rating::to_storage));
        put("rationale", key, text(&cell.rationale));
    }
    for follow_up in &assessment.follow_ups {
        let key = format!("{}#{}", follow_up.question_id, follow_up.id);
        put("follow_up", key.clone(), Some(follow_up.text.clone()));
        put(
            "follow_up_status",
            key,
            Some(follow_up.status.as_str().into()),
        );
    }
    // Findings come ordered by field, kind and position.
    let mut orders: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for finding in &assessment.findings {
        let group = format!("{}/{}", finding.field_id, finding.kind.as_str());
        put(
            "finding",
            format!("{group}#{}", finding.id),
            Some(finding.text.clone()),
        );
        orders.entry(group).or_default().push(finding.id);
    }
    for (group, ids) in orders {
        put("finding_order", group, Some(id_list(ids.into_iter())));
    }
    for ((field, parameter), consensus) in &assessment.consensus {
        let key = format!("{field}/{parameter}");
        put(
            "consensus",
            key.clone(),
            Some(consensus.agreed.to_storage()),
        );
        put("consensus_rationale", key, text(&consensus.rationale));
    }
    for (goal, rating) in &assessment.goal_ratings {
        let achievement = rating.achievement.map(|a| a.as_str().to_string());
        put("goal_rating", goal.clone(), achievement);
        put("goal_rationale", goal.clone(), text(&rating.rationale));
    }
    put("overall", String::new(), text(&assessment.overall));
    let status = match (&assessment.status, &assessment.final_hash) {
        (Status::Finalized, Some(hash)) => format!("{} {hash}", Status::Finalized.as_str()),
        (status, _) => status.as_str().to_string(),
    };
    put("status", String::new(), Some(status));
    tables
}

/// Every key either side names, with the values each side leads to.
fn compare(trail: &Values, tables: &Values) -> Vec<VerifyProblem> {
    // What a missing row or entry means: not reviewed, in progress, otherwise nothing.
    let normal = |(entity, _): &(String, String), value: Option<&Option<String>>| match (
        entity.as_str(),
        value.cloned().flatten(),
    ) {
        ("reviewed" | "note_internal", None) => Some("false".to_string()),
        ("status", None) => Some(Status::InProgress.as_str().to_string()),
        (_, value) => value,
    };
    let mut keys: Vec<&(String, String)> = trail.keys().chain(tables.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|key| {
            let from_trail = normal(key, trail.get(key));
            let in_table = normal(key, tables.get(key));
            (from_trail != in_table).then(|| VerifyProblem::State {
                entity: key.0.clone(),
                key: key.1.clone(),
                trail: from_trail,
                table: in_table,
            })
        })
        .collect()
}

/// "HF2/strength#7" → ("HF2/strength", 7).
fn finding_key(key: &str) -> Option<(&str, i64)> {
    let (group, id) = key.rsplit_once('#')?;
    Some((group, id.parse().ok()?))
}

fn id_list(ids: impl Iterator<Item = i64>) -> String {
    ids.map(|id| format!("#{id}"))
        .collect::<Vec<_>>()
        .join(", ")
}
