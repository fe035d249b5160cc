//! Scores from ratings, by the rules the questionnaire definition writes down, and the
//! computation behind every number.
//!
//! Per field of action: the weighted mean of the levels of its rated quality parameters.
//! *nicht zutreffend* is left out of numerator and denominator (or counts as the highest level,
//! if the rules say so); *nicht bewertbar* and unrated cells count as missing. A field whose
//! rated share (by weight) is below the rules' minimum is itself *nicht bewertbar*. Overall: the
//! weighted mean of the fields' unrounded scores, with the same minimum share. Scores are rounded
//! half away from zero to `score_decimals` before they are put in an Ampel band.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::assessment::{Assessment, Cell, FollowUpStatus, Rating};
use crate::domain::definition::{Definition, NotApplicablePolicy, Rules};

/// Why a cell or field was left out of a mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LeftOut {
    /// nicht zutreffend: out of numerator and denominator.
    NotApplicable,
    /// nicht bewertbar: counts as missing.
    NotAssessable,
    /// Not rated yet: counts as missing.
    Unrated,
}

/// One cell's part in its field's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellTerm {
    pub parameter_id: String,
    pub weight: f64,
    pub rating: Option<Rating>,
    /// The value that entered the mean, if it did.
    pub value: Option<f64>,
    pub left_out: Option<LeftOut>,
}

/// Whether a number came out, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum Outcome {
    Scored,
    /// Too little was rated: the share is below the minimum.
    NotAssessable {
        rated_share: f64,
        min_share: f64,
    },
    /// Every part is *nicht zutreffend*.
    NotApplicable,
}

/// The score of one field of action with its computation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldScore {
    pub field_id: String,
    pub weight: f64,
    pub outcome: Outcome,
    /// Unrounded weighted mean.
    pub raw: Option<f64>,
    /// Rounded to the rules' decimals.
    pub score: Option<f64>,
    /// Index of the Ampel band in the rules.
    pub band: Option<usize>,
    /// Rated weight / weight that counts (N/A left out), 0–1.
    pub rated_share: f64,
    /// Σ weight × value over the rated cells.
    pub numerator: f64,
    /// Σ weight over the rated cells.
    pub denominator: f64,
    /// Σ weight over the cells that count (all but those left out as N/A).
    pub counted_weight: f64,
    pub terms: Vec<CellTerm>,
}

/// A field's part in the overall score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldTerm {
    pub field_id: String,
    pub weight: f64,
    pub value: Option<f64>,
    pub left_out: Option<LeftOut>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverallScore {
    pub outcome: Outcome,
    pub raw: Option<f64>,
    pub score: Option<f64>,
    pub band: Option<usize>,
    pub rated_share: f64,
    pub numerator: f64,
    pub denominator: f64,
    /// Σ weight over the fields that count.
    pub counted_weight: f64,
    pub terms: Vec<FieldTerm>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    pub fields: Vec<FieldScore>,
    pub overall: OverallScore,
}

impl Scores {
    pub fn field(&self, field_id: &str) -> Option<&FieldScore> {
        self.fields.iter().find(|f| f.field_id == field_id)
    }
}

/// Rounds half away from zero; values within a hair of the half are taken as the half, so that
/// 1.45 (stored as 1.4499999…) rounds to 1.5 as a person would round it.
pub fn round_half_away(value: f64, decimals: u32) -> f64 {
    let factor = 10f64.powi(decimals.min(9) as i32);
    let scaled = value * factor;
    let nudged = scaled + scaled.signum() * 1e-9 * scaled.abs().max(1.0);
    nudged.round() / factor
}

/// The Ampel band of a rounded score: the first whose upper limit it does not exceed.
pub fn band_of(rules: &Rules, score: f64) -> Option<usize> {
    rules.bands.iter().position(|b| score <= b.up_to)
}

/// Weighted mean with the minimum-share rule; shared by fields and the overall score.
struct Mean {
    numerator: f64,
    denominator: f64,
    /// Weight of everything that counts (rated or missing), i.e. all but the left-out N/A.
    counted_weight: f64,
}

impl Mean {
    fn new() -> Self {
        Mean {
            numerator: 0.0,
            denominator: 0.0,
            counted_weight: 0.0,
        }
    }

    fn add(&mut self, weight: f64, value: f64) {
        self.numerator += weight * value;
        self.denominator += weight;
        self.counted_weight += weight;
    }

    fn missing(&mut self, weight: f64) {
        self.counted_weight += weight;
    }

    fn rated_share(&self) -> f64 {
        if self.counted_weight > 0.0 {
            self.denominator / self.counted_weight
        } else {
            0.0
        }
    }

    fn finish(&self, rules: &Rules) -> (Outcome, Option<f64>, Option<f64>, Option<usize>) {
        if self.counted_weight == 0.0 {
            return (Outcome::NotApplicable, None, None, None);
        }
        let share = self.rated_share();
        // The share is compared with a little tolerance: 3 of 5 equal weights is 0.6 exactly.
        if self.denominator == 0.0 || share + 1e-9 < rules.min_rated_share {
            return (
                Outcome::NotAssessable {
                    rated_share: share,
                    min_share: rules.min_rated_share,
                },
                None,
                None,
                None,
            );
        }
        let raw = self.numerator / self.denominator;
        let score = round_half_away(raw, rules.score_decimals);
        (
            Outcome::Scored,
            Some(raw),
            Some(score),
            band_of(rules, score),
        )
    }
}

/// Scores every field of action and the whole from the cells.
pub fn score(definition: &Definition, cells: &BTreeMap<(String, String), Cell>) -> Scores {
    let rules = &definition.rules;
    let highest = definition.scale.highest();
    let fields: Vec<FieldScore> = definition
        .fields_of_action
        .iter()
        .map(|field| {
            let mut mean = Mean::new();
            let mut terms = Vec::with_capacity(field.quality_parameters.len());
            for parameter_id in &field.quality_parameters {
                let weight = definition
                    .quality_parameters
                    .iter()
                    .find(|p| &p.id == parameter_id)
                    .map_or(1.0, |p| p.weight);
                let rating = cells
                    .get(&(field.id.clone(), parameter_id.clone()))
                    .and_then(|c| c.rating);
                let (value, left_out) = match rating {
                    Some(Rating::Level(level)) => (Some(f64::from(level)), None),
                    Some(Rating::NotApplicable) => match rules.not_applicable {
                        NotApplicablePolicy::Exclude => (None, Some(LeftOut::NotApplicable)),
                        NotApplicablePolicy::CountAsHighest => (Some(f64::from(highest)), None),
                    },
                    Some(Rating::NotAssessable) => (None, Some(LeftOut::NotAssessable)),
                    None => (None, Some(LeftOut::Unrated)),
                };
                match (value, left_out) {
                    (Some(value), _) => mean.add(weight, value),
                    (None, Some(LeftOut::NotApplicable)) => {}
                    (None, _) => mean.missing(weight),
                }
                terms.push(CellTerm {
                    parameter_id: parameter_id.clone(),
                    weight,
                    rating,
                    value,
                    left_out,
                });
            }
            let (outcome, raw, score, band) = mean.finish(rules);
            FieldScore {
                field_id: field.id.clone(),
                weight: field.weight,
                outcome,
                raw,
                score,
                band,
                rated_share: mean.rated_share(),
                numerator: mean.numerator,
                denominator: mean.denominator,
                counted_weight: mean.counted_weight,
                terms,
            }
        })
        .collect();

    let mut mean = Mean::new();
    let terms = fields
        .iter()
        .map(|field| {
            let left_out = match field.outcome {
                Outcome::Scored => None,
                Outcome::NotApplicable => Some(LeftOut::NotApplicable),
                Outcome::NotAssessable { .. } => Some(LeftOut::NotAssessable),
            };
            match (field.raw, left_out) {
                (Some(raw), None) => mean.add(field.weight, raw),
                (_, Some(LeftOut::NotApplicable)) => {}
                _ => mean.missing(field.weight),
            }
            FieldTerm {
                field_id: field.field_id.clone(),
                weight: field.weight,
                value: field.raw,
                left_out,
            }
        })
        .collect();
    let (outcome, raw, score, band) = mean.finish(rules);
    Scores {
        fields,
        overall: OverallScore {
            outcome,
            raw,
            score,
            band,
            rated_share: mean.rated_share(),
            numerator: mean.numerator,
            denominator: mean.denominator,
            counted_weight: mean.counted_weight,
            terms,
        },
    }
}

/// One thing missing before an assessment can be finalised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Missing {
    /// A cell without a rating.
    Unrated {
        field_id: String,
        parameter_id: String,
    },
    /// A rating the rules want a written rationale for.
    Rationale {
        field_id: String,
        parameter_id: String,
    },
    /// A rating set before the county's answers changed.
    Reconfirm {
        field_id: String,
        parameter_id: String,
    },
    /// A follow-up question still open.
    OpenFollowUp { follow_up: i64, question_id: String },
    /// A goal of the last audit's Zielvereinbarung whose achievement is not rated
    /// ("musterland-2025/Z1.1").
    GoalUnrated { goal: String },
    /// A goal's achievement without its rationale.
    GoalRationale { goal: String },
    /// A cell the submitted second rating differs on, not settled by consensus.
    Consensus {
        field_id: String,
        parameter_id: String,
    },
}

/// How far an assessment is, and what stands between it and finalisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Completeness {
    pub questions: usize,
    pub reviewed: usize,
    pub cells: usize,
    pub rated: usize,
    pub rationales_missing: usize,
    pub open_follow_ups: usize,
    pub to_reconfirm: usize,
    /// Goals of the last audit's Zielvereinbarung to judge, and how many are.
    pub goals: usize,
    pub goals_rated: usize,
    /// In questionnaire order: cells first (field by field), then follow-up questions, then
    /// goals.
    pub missing: Vec<Missing>,
}

impl Completeness {
    /// Whether the finalisation gate opens; open follow-ups block unless allowed.
    pub fn can_finalize(&self, allow_open_follow_ups: bool) -> bool {
        self.missing
            .iter()
            .all(|m| allow_open_follow_ups && matches!(m, Missing::OpenFollowUp { .. }))
    }
}

/// Whether the rules want a rationale for this rating.
pub fn rationale_required(definition: &Definition, rating: Rating) -> bool {
    let required = &definition.rules.rationale_required;
    match rating {
        Rating::Level(level) => required.levels.contains(&level),
        Rating::NotApplicable => required.not_applicable,
        Rating::NotAssessable => required.not_assessable,
    }
}

pub fn completeness(assessment: &Assessment) -> Completeness {
    let definition = &assessment.definition;
    let mut missing = Vec::new();
    let (mut cells, mut rated, mut rationales, mut reconfirm) = (0, 0, 0, 0);
    for (field, parameter) in assessment.matrix() {
        cells += 1;
        let ids = || (field.id.clone(), parameter.id.clone());
        let cell = assessment.cell(&field.id, &parameter.id);
        match cell.and_then(|c| c.rating) {
            None => {
                let (field_id, parameter_id) = ids();
                missing.push(Missing::Unrated {
                    field_id,
                    parameter_id,
                });
            }
            Some(rating) => {
                rated += 1;
                let cell = cell.expect("a rating comes from a cell");
                if rationale_required(definition, rating) && cell.rationale.trim().is_empty() {
                    rationales += 1;
                    let (field_id, parameter_id) = ids();
                    missing.push(Missing::Rationale {
                        field_id,
                        parameter_id,
                    });
                }
                if cell.needs_reconfirmation {
                    reconfirm += 1;
                    let (field_id, parameter_id) = ids();
                    missing.push(Missing::Reconfirm {
                        field_id,
                        parameter_id,
                    });
                }
            }
        }
    }
    let mut open = 0;
    for follow_up in &assessment.follow_ups {
        if follow_up.status == FollowUpStatus::Open {
            open += 1;
            missing.push(Missing::OpenFollowUp {
                follow_up: follow_up.id,
                question_id: follow_up.question_id.clone(),
            });
        }
    }
    // With a submitted second rating, every difference is settled before finalising.
    for difference in assessment.differences() {
        if difference.settled.is_none() {
            missing.push(Missing::Consensus {
                field_id: difference.field.id.clone(),
                parameter_id: difference.parameter.id.clone(),
            });
        }
    }
    // Every goal gets an achievement and a rationale: the report states why.
    let (mut goals, mut goals_rated) = (0, 0);
    for (key, _, rating) in assessment.goals() {
        goals += 1;
        match rating {
            Some(rating) if rating.achievement.is_some() => {
                goals_rated += 1;
                if rating.rationale.trim().is_empty() {
                    missing.push(Missing::GoalRationale { goal: key });
                }
            }
            _ => missing.push(Missing::GoalUnrated { goal: key }),
        }
    }
    Completeness {
        questions: definition.question_count(),
        reviewed: assessment.reviewed_count(),
        cells,
        rated,
        rationales_missing: rationales,
        open_follow_ups: open,
        to_reconfirm: reconfirm,
        goals,
        goals_rated,
        missing,
    }
}
