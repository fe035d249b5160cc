//! The JSON export: everything about an assessment for other programs. Its JSON Schema
//! (`assets/export.schema.json`) is generated from these types; docs/exports.md describes it.

use schemars::JsonSchema;
use serde::Serialize;

use super::Report;
use crate::domain::answers::{AnswersStatus, CountyKind, Evidence, ProcedureKind};
use crate::domain::assessment::{FindingKind, FollowUpStatus, Rating, Status};
use crate::domain::definition::{BandColor, Kind};
use crate::domain::scoring::{self, LeftOut, Missing, Outcome};

/// Version of the export's structure; a change that breaks readers raises it.
pub const EXPORT_FORMAT: u32 = 1;
pub const EXPORT_SCHEMA_FILE: &str = "assets/export.schema.json";

/// An assessment of the audit familiengerechte Kommune / familiengerechter Kreis as siegel
/// exports it: the questionnaire it uses, the county, every rating, the scores with their
/// computation, the auditor's findings, notes and follow-up questions, and how complete it is.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "siegel assessment export")]
pub struct ExportDocument {
    /// Version of this structure; currently 1.
    pub format: u32,
    /// The assessment's number in the siegel database it was exported from.
    pub assessment_id: i64,
    pub questionnaire: QuestionnaireInfo,
    pub answers: AnswersInfo,
    pub county: CountyInfo,
    pub procedure: ProcedureInfo,
    /// The date the county's answers describe, YYYY-MM-DD.
    pub reporting_date: String,
    /// Who the assessment belongs to.
    pub auditor: String,
    pub status: AssessmentStatus,
    /// Content hash taken at finalisation; null while in progress.
    pub final_hash: Option<String>,
    /// When the assessment was created (UTC, RFC 3339).
    pub created_at: String,
    /// When it was last changed (UTC, RFC 3339).
    pub updated_at: String,
    /// Hash of the last row of the audit trail: names the exact state exported. `siegel log`
    /// and `siegel verify` show the trail.
    pub trail_head: Option<String>,
    pub scale: ScaleInfo,
    pub rules: RulesInfo,
    /// Every field of action × quality parameter, in questionnaire order, rated or not.
    pub cells: Vec<CellExport>,
    /// The fields of action in questionnaire order, with scores and findings.
    pub fields: Vec<FieldExport>,
    pub overall: OverallExport,
    /// Every question in questionnaire order, with the county's answer and the auditor's review.
    pub questions: Vec<QuestionExport>,
    /// Follow-up questions to the county (Rückfragen), oldest first.
    pub follow_ups: Vec<FollowUpExport>,
    pub completeness: CompletenessExport,
    /// A Bilanzierung linked to the audit it follows: the development since then (as
    /// `siegel compare --format json` prints it); null otherwise.
    pub development: Option<super::compare::ComparisonExport>,
    /// The Zielvereinbarungen that concern the assessment (attached to it, or for a
    /// Bilanzierung those of the audit it follows, with the achievement of each goal), as
    /// `siegel goals --format json` prints them; empty without one.
    pub goals: Vec<super::goals::GoalsExport>,
    /// The submitted second rating (Zweitprüfung): who rated, the agreement figures and the
    /// cells settled by consensus; null without one.
    pub second_rating: Option<SecondRatingExport>,
    /// For a finalised assessment: each auditor who signs, and their sign-off of the final
    /// hash (sshsig PEM, verifiable with `ssh-keygen -Y verify -n siegel-signoff`).
    pub signoffs: Vec<SignOffExport>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SignOffExport {
    pub auditor: String,
    pub signed: bool,
    pub content_hash: Option<String>,
    pub signature: Option<String>,
    pub public_key: Option<String>,
    /// UTC, RFC 3339.
    pub signed_at: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SecondRatingExport {
    /// As `siegel agreement --format json` prints it.
    pub agreement: super::agreement::AgreementExport,
    /// When the second rating was submitted (UTC, RFC 3339).
    pub submitted_at: String,
    pub consensus: Vec<ConsensusExport>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ConsensusExport {
    pub field_id: String,
    pub parameter_id: String,
    /// The first and the second auditor's ratings and the agreed one, in storage form ("3",
    /// "not_applicable", "not_assessable"); null for unrated.
    pub first: Option<String>,
    pub second: Option<String>,
    pub agreed: String,
    pub rationale: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct QuestionnaireInfo {
    pub id: String,
    pub version: String,
    pub title: String,
    /// Two-letter code of the content's language.
    pub language: String,
    /// Content hash of the definition (see docs/formats.md).
    pub sha256: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct AnswersInfo {
    /// sha256 of the county's answers as last imported (canonical form).
    pub sha256: String,
    /// How many answer files were imported (1, more after corrected answers).
    pub imports: u32,
    /// The status the county gave its answers.
    pub status: AnswersStatus,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct CountyInfo {
    pub name: String,
    /// Amtlicher Gemeindeschlüssel or Kreisschlüssel.
    pub ags: String,
    pub kind: CountyKind,
    pub population: Option<u64>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ProcedureInfo {
    pub kind: ProcedureKind,
    /// For a Bilanzierung: the audit it follows.
    pub previous: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AssessmentStatus {
    /// in Bearbeitung
    InProgress,
    /// abgeschlossen: locked, content hash stored
    Finalized,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ScaleInfo {
    pub levels: Vec<LevelInfo>,
    /// Label of the mark "nicht zutreffend".
    pub not_applicable: String,
    /// Label of the mark "nicht bewertbar".
    pub not_assessable: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct LevelInfo {
    pub value: i32,
    pub label: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct RulesInfo {
    /// A score whose rated share (by weight) is below this is "nicht bewertbar".
    pub min_rated_share: f64,
    /// Scores are rounded to this many decimals before they are put in a band.
    pub score_decimals: u32,
    /// Whether "nicht zutreffend" is left out or counts as the highest level.
    pub not_applicable: NotApplicableRule,
    /// The Ampel, ascending.
    pub bands: Vec<BandInfo>,
    /// Shown with every Ampel: it is orientation, not a verdict.
    pub bands_note: String,
}

#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotApplicableRule {
    Exclude,
    CountAsHighest,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct BandInfo {
    /// Inclusive upper limit.
    pub up_to: f64,
    pub label: String,
    pub color: BandColor,
}

#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MarkExport {
    /// nicht zutreffend
    NotApplicable,
    /// nicht bewertbar
    NotAssessable,
}

/// One field of action × quality parameter.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CellExport {
    pub field_id: String,
    pub parameter_id: String,
    /// The level of the scale; null when unrated or marked.
    pub level: Option<i32>,
    /// A mark instead of a level; null when unrated or rated with a level.
    pub mark: Option<MarkExport>,
    /// Label of the level or mark in the questionnaire's language; null when unrated.
    pub label: Option<String>,
    /// The auditor's rationale; empty when none was written.
    pub rationale: String,
    /// Whether the rules want a rationale for this rating.
    pub rationale_required: bool,
    /// The county's answers in this field changed since the rating was set.
    pub needs_reconfirmation: bool,
}

#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeExport {
    /// A number came out.
    Scored,
    /// The rated share is below the minimum.
    NotAssessable,
    /// Every part is "nicht zutreffend".
    NotApplicable,
}

/// A score and the computation behind it (the data `siegel explain` prints).
#[derive(Debug, Serialize, JsonSchema)]
pub struct ScoreExport {
    pub outcome: OutcomeExport,
    /// Unrounded weighted mean; null without a score.
    pub raw: Option<f64>,
    /// Rounded to the rules' decimals; null without a score.
    pub score: Option<f64>,
    /// The Ampel band of the rounded score.
    pub band: Option<BandRef>,
    /// Rated weight / weight that counts ("nicht zutreffend" left out), 0–1.
    pub rated_share: f64,
    /// Σ weight × value over what was rated.
    pub numerator: f64,
    /// Σ weight over what was rated.
    pub denominator: f64,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct BandRef {
    /// Position in rules.bands, from 0.
    pub index: usize,
    pub label: String,
    pub color: BandColor,
}

/// A cell's part in its field's score.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CellTermExport {
    pub parameter_id: String,
    pub weight: f64,
    /// The value that entered the mean; null when left out.
    pub value: Option<f64>,
    pub left_out: Option<LeftOut>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FieldExport {
    pub id: String,
    pub number: u32,
    pub label: String,
    /// Weight in the overall score.
    pub weight: f64,
    pub score: ScoreExport,
    /// One term per quality parameter rated for the field, in its order.
    pub terms: Vec<CellTermExport>,
    /// Stärken, in the auditor's order.
    pub strengths: Vec<String>,
    /// Herausforderungen, in the auditor's order.
    pub challenges: Vec<String>,
    /// Empfehlungen, in the auditor's order.
    pub recommendations: Vec<String>,
}

/// A field's part in the overall score.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FieldTermExport {
    pub field_id: String,
    pub weight: f64,
    /// The field's unrounded score, when it entered the mean.
    pub value: Option<f64>,
    pub left_out: Option<LeftOut>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct OverallExport {
    pub score: ScoreExport,
    pub terms: Vec<FieldTermExport>,
    /// The auditor's overall assessment (Gesamteinschätzung).
    pub text: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct QuestionExport {
    pub id: String,
    pub field_id: String,
    pub topic_id: String,
    pub kind: Kind,
    pub text: String,
    /// The county's answer; null when not answered.
    pub answer: Option<AnswerExport>,
    /// The auditor has looked at the answer.
    pub reviewed: bool,
    /// The auditor's note; empty when none, and in the county's copy when it is internal.
    pub note: String,
    /// In the association's copy (`siegel export --internal`): the note is internal. The
    /// county's copy carries no internal note and says false.
    pub note_internal: bool,
    /// The answer changed with the last import of corrected answers.
    pub changed_since_import: bool,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct AnswerExport {
    /// The value as the county gave it, typed by the question's kind (see docs/formats.md).
    pub value: serde_json::Value,
    /// The value in words (labels, units, dates), in the report's language.
    pub text: String,
    /// Reference date (Stichtag), YYYY-MM-DD.
    pub as_of: Option<String>,
    pub source: Option<String>,
    /// The county's comment.
    pub comment: Option<String>,
    /// The county ticked "Handlungsbedarf".
    pub need_for_action: bool,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FollowUpExport {
    pub id: i64,
    pub question_id: String,
    pub text: String,
    pub status: FollowUpStatus,
    /// UTC, RFC 3339.
    pub created_at: String,
}

/// How far the assessment is, and what stands between it and finalisation.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CompletenessExport {
    pub questions: usize,
    pub reviewed: usize,
    pub cells: usize,
    pub rated: usize,
    pub rationales_missing: usize,
    pub open_follow_ups: usize,
    pub to_reconfirm: usize,
    /// Whether `siegel finalize` would succeed (without --allow-open).
    pub can_finalize: bool,
    /// In questionnaire order: cells first, then open follow-up questions.
    pub missing: Vec<Missing>,
}

#[allow(clippy::too_many_arguments)]
fn score_export(
    report: &Report,
    outcome: Outcome,
    raw: Option<f64>,
    score: Option<f64>,
    band: Option<usize>,
    rated_share: f64,
    numerator: f64,
    denominator: f64,
) -> ScoreExport {
    ScoreExport {
        outcome: match outcome {
            Outcome::Scored => OutcomeExport::Scored,
            Outcome::NotAssessable { .. } => OutcomeExport::NotAssessable,
            Outcome::NotApplicable => OutcomeExport::NotApplicable,
        },
        raw,
        score,
        band: band.and_then(|index| {
            report.band(Some(index)).map(|b| BandRef {
                index,
                label: b.label.clone(),
                color: b.color,
            })
        }),
        rated_share,
        numerator,
        denominator,
    }
}

/// Builds the export document of a report.
pub fn document(report: &Report) -> ExportDocument {
    let assessment = report.assessment;
    let definition = report.definition();
    let answers = &assessment.answers;
    let rules = &definition.rules;

    let cells = assessment
        .matrix()
        .map(|(field, parameter)| {
            let cell = assessment.cell(&field.id, &parameter.id);
            let rating = cell.and_then(|c| c.rating);
            CellExport {
                field_id: field.id.clone(),
                parameter_id: parameter.id.clone(),
                level: match rating {
                    Some(Rating::Level(level)) => Some(level),
                    _ => None,
                },
                mark: match rating {
                    Some(Rating::NotApplicable) => Some(MarkExport::NotApplicable),
                    Some(Rating::NotAssessable) => Some(MarkExport::NotAssessable),
                    _ => None,
                },
                label: rating.map(|r| match r {
                    Rating::Level(level) => definition
                        .scale
                        .levels
                        .iter()
                        .find(|l| l.value == level)
                        .map_or_else(|| level.to_string(), |l| l.label.clone()),
                    Rating::NotApplicable => definition.scale.not_applicable.label.clone(),
                    Rating::NotAssessable => definition.scale.not_assessable.label.clone(),
                }),
                rationale: cell.map_or_else(String::new, |c| c.rationale.clone()),
                rationale_required: rating
                    .is_some_and(|r| scoring::rationale_required(definition, r)),
                needs_reconfirmation: cell.is_some_and(|c| c.needs_reconfirmation),
            }
        })
        .collect();

    let findings = |field_id: &str, kind: FindingKind| -> Vec<String> {
        assessment
            .findings_of(field_id, kind)
            .map(|f| f.text.clone())
            .collect()
    };
    let fields = definition
        .fields_of_action
        .iter()
        .filter_map(|field| {
            let s = report.field_score(&field.id)?;
            Some(FieldExport {
                id: field.id.clone(),
                number: field.number,
                label: field.label.clone(),
                weight: field.weight,
                score: score_export(
                    report,
                    s.outcome,
                    s.raw,
                    s.score,
                    s.band,
                    s.rated_share,
                    s.numerator,
                    s.denominator,
                ),
                terms: s
                    .terms
                    .iter()
                    .map(|t| CellTermExport {
                        parameter_id: t.parameter_id.clone(),
                        weight: t.weight,
                        value: t.value,
                        left_out: t.left_out,
                    })
                    .collect(),
                strengths: findings(&field.id, FindingKind::Strength),
                challenges: findings(&field.id, FindingKind::Challenge),
                recommendations: findings(&field.id, FindingKind::Recommendation),
            })
        })
        .collect();

    let o = &report.scores.overall;
    let overall = OverallExport {
        score: score_export(
            report,
            o.outcome,
            o.raw,
            o.score,
            o.band,
            o.rated_share,
            o.numerator,
            o.denominator,
        ),
        terms: o
            .terms
            .iter()
            .map(|t| FieldTermExport {
                field_id: t.field_id.clone(),
                weight: t.weight,
                value: t.value,
                left_out: t.left_out,
            })
            .collect(),
        text: assessment.overall.clone(),
    };

    let questions = definition
        .questions()
        .map(|(f, t, question)| {
            let field = &definition.fields_of_action[f];
            let review = assessment.review(&question.id);
            let answer = answers.answer(&question.id).map(|a| AnswerExport {
                value: a.value.clone(),
                text: report.answer_text(question).value(report.lang),
                as_of: a.as_of.clone(),
                source: a.source.clone(),
                comment: a.comment.clone(),
                need_for_action: a.need_for_action,
                evidence: a.evidence.clone(),
            });
            QuestionExport {
                id: question.id.clone(),
                field_id: field.id.clone(),
                topic_id: field.topics[t].id.clone(),
                kind: question.kind,
                text: question.text.clone(),
                answer,
                reviewed: review.is_some_and(|r| r.reviewed),
                note: report.note(&question.id).to_string(),
                // The county's copy does not even say that there is an internal note.
                note_internal: report.internal && review.is_some_and(|r| r.internal),
                changed_since_import: review.is_some_and(|r| r.changed_since_import),
            }
        })
        .collect();

    let follow_ups = assessment
        .follow_ups
        .iter()
        .map(|f| FollowUpExport {
            id: f.id,
            question_id: f.question_id.clone(),
            text: f.text.clone(),
            status: f.status,
            created_at: f.created_at.clone(),
        })
        .collect();

    let c = &report.completeness;
    let completeness = CompletenessExport {
        questions: c.questions,
        reviewed: c.reviewed,
        cells: c.cells,
        rated: c.rated,
        rationales_missing: c.rationales_missing,
        open_follow_ups: c.open_follow_ups,
        to_reconfirm: c.to_reconfirm,
        can_finalize: c.can_finalize(false),
        missing: c.missing.clone(),
    };

    ExportDocument {
        format: EXPORT_FORMAT,
        assessment_id: assessment.id,
        questionnaire: QuestionnaireInfo {
            id: definition.id.clone(),
            version: definition.version.clone(),
            title: definition.title.clone(),
            language: definition.language.clone(),
            sha256: assessment.definition_sha256.clone(),
        },
        answers: AnswersInfo {
            sha256: assessment.answers_sha256.clone(),
            imports: assessment.imports,
            status: answers.status,
        },
        county: CountyInfo {
            name: answers.county.name.clone(),
            ags: answers.county.ags.clone(),
            kind: answers.county.kind,
            population: answers.county.population,
        },
        procedure: ProcedureInfo {
            kind: answers.procedure.kind,
            previous: answers.procedure.previous.clone(),
        },
        reporting_date: answers.reporting_date.clone(),
        auditor: assessment.auditor.clone(),
        status: match assessment.status {
            Status::InProgress => AssessmentStatus::InProgress,
            Status::Finalized => AssessmentStatus::Finalized,
        },
        final_hash: assessment.final_hash.clone(),
        created_at: assessment.created_at.clone(),
        updated_at: assessment.updated_at.clone(),
        trail_head: report.trail_head.clone(),
        scale: ScaleInfo {
            levels: definition
                .scale
                .levels
                .iter()
                .map(|l| LevelInfo {
                    value: l.value,
                    label: l.label.clone(),
                })
                .collect(),
            not_applicable: definition.scale.not_applicable.label.clone(),
            not_assessable: definition.scale.not_assessable.label.clone(),
        },
        rules: RulesInfo {
            min_rated_share: rules.min_rated_share,
            score_decimals: rules.score_decimals,
            not_applicable: match rules.not_applicable {
                crate::domain::definition::NotApplicablePolicy::Exclude => {
                    NotApplicableRule::Exclude
                }
                crate::domain::definition::NotApplicablePolicy::CountAsHighest => {
                    NotApplicableRule::CountAsHighest
                }
            },
            bands: rules
                .bands
                .iter()
                .map(|b| BandInfo {
                    up_to: b.up_to,
                    label: b.label.clone(),
                    color: b.color,
                })
                .collect(),
            bands_note: rules.bands_note.clone(),
        },
        cells,
        fields,
        overall,
        questions,
        follow_ups,
        completeness,
        development: report.compared().map(|c| c.export()),
        signoffs: (report.signoffs.iter())
            .filter(|_| assessment.status == Status::Finalized)
            .map(|state| match state {
                crate::store::SignOffState::Signed(s) => SignOffExport {
                    auditor: s.auditor.clone(),
                    signed: true,
                    content_hash: Some(s.content_hash.clone()),
                    signature: s.signature.clone(),
                    public_key: s.public_key.clone(),
                    signed_at: Some(s.signed_at.clone()),
                },
                crate::store::SignOffState::Open { auditor } => SignOffExport {
                    auditor: auditor.clone(),
                    signed: false,
                    content_hash: None,
                    signature: None,
                    public_key: None,
                    signed_at: None,
                },
            })
            .collect(),
        second_rating: report.second.map(|second| {
            let ratings = super::agreement::Ratings {
                first: report.assessment,
                second,
            };
            SecondRatingExport {
                agreement: ratings.export(report.lang),
                submitted_at: second.updated_at.clone(),
                consensus: (report.assessment.consensus.iter())
                    .map(|((field, parameter), c)| ConsensusExport {
                        field_id: field.clone(),
                        parameter_id: parameter.clone(),
                        first: c.first.map(Rating::to_storage),
                        second: c.second.map(Rating::to_storage),
                        agreed: c.agreed.to_storage(),
                        rationale: c.rationale.clone(),
                    })
                    .collect(),
            }
        }),
        goals: (report.progress())
            .map(|(stored, progress, ratings)| {
                super::goals::export(&progress, &stored.valid.sha256, ratings)
            })
            .collect(),
    }
}

/// The export as pretty-printed JSON with a final newline.
pub fn render(report: &Report) -> Result<String, serde_json::Error> {
    let mut text = crate::text::json_pretty(&document(report))?;
    text.push('\n');
    Ok(text)
}

/// The schema as the types describe it today, for `assets/` and its drift test.
pub fn generated_schema() -> String {
    let schema = schemars::schema_for!(ExportDocument);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_schemas_match_the_export_types() {
        // Regenerate with: SIEGEL_WRITE_SCHEMAS=1 cargo test committed_schemas
        let path = format!("{}/{EXPORT_SCHEMA_FILE}", env!("CARGO_MANIFEST_DIR"));
        let generated = generated_schema();
        if std::env::var_os("SIEGEL_WRITE_SCHEMAS").is_some() {
            std::fs::write(&path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{EXPORT_SCHEMA_FILE} differs from the Rust export types; run SIEGEL_WRITE_SCHEMAS=1 cargo test committed_schemas"
        );
    }
}
