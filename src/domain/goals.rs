//! The Zielvereinbarung (the goals and measures a county agrees after the audit, adopted by the
//! Kreistag) and the Jahresbericht (the county's yearly report on each measure). The published
//! JSON Schemas (`assets/zielvereinbarung.schema.json`, `assets/jahresbericht.schema.json`) are
//! generated from these types.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub const AGREEMENT_FORMAT: u32 = 1;
pub const REPORT_FORMAT: u32 = 1;

/// A Zielvereinbarung of the audit familiengerechte Kommune / Kreis: the goals per field of
/// action and the measures per goal that the county agreed and its Kreistag adopted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "siegel Zielvereinbarung")]
pub struct GoalAgreement {
    /// For editors only; ignored by siegel.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Version of this file structure; currently 1.
    pub format: u32,
    /// Stable id of this Zielvereinbarung, e.g. "musterland-2025"; the Jahresberichte name it.
    pub id: String,
    pub county: CountyRef,
    /// The assessment the goals follow from.
    pub follows: Follows,
    /// The Kreistag's resolution that adopted the Zielvereinbarung.
    pub resolution: Resolution,
    /// The period the certificate holds and the Jahresberichte cover.
    pub period: Period,
    /// The goals, each in one field of action, in the order the county lists them.
    pub goals: Vec<Goal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CountyRef {
    pub name: String,
    /// Amtlicher Gemeindeschlüssel or Kreisschlüssel: 5 or 8 digits.
    pub ags: String,
}

/// The assessment a Zielvereinbarung follows from: the questionnaire's id and version, and
/// either the county answers' sha256 or the procedure and its year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Follows {
    /// "id@version", e.g. "fgk-kreis@2025.1".
    pub questionnaire: String,
    /// sha256 of the county's answers (canonical form), 64 lower-case hex digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers_sha256: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure: Option<crate::domain::answers::ProcedureKind>,
    /// The year of the audit's reporting date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    /// Usually "Kreistag".
    pub body: String,
    /// YYYY-MM-DD.
    pub date: String,
    /// The resolution's number, e.g. "KT/2025/041".
    pub number: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// YYYY-MM-DD.
    pub start: String,
    /// YYYY-MM-DD.
    pub end: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// Stable id, unique in the Zielvereinbarung, e.g. "Z1.1".
    pub id: String,
    /// The field of action's id in the questionnaire, e.g. "HF1".
    pub field: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// How reaching the goal is measured, when the county agreed a measure of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<Indicator>,
    /// Ids of the questions the goal answers to (optional), e.g. a weakness of the audit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<String>,
    pub measures: Vec<Measure>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// What is counted, e.g. "Versorgungsquote U3".
    pub name: String,
    /// E.g. "%", "Plätze", "Schulen".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The value when the goal was agreed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<f64>,
    pub target: f64,
    /// By when the target is to be reached, YYYY-MM-DD.
    pub target_date: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// Stable id, unique in the Zielvereinbarung, e.g. "M1.1.1".
    pub id: String,
    pub title: String,
    /// The office responsible, e.g. "Jugendamt".
    pub responsible: String,
    #[serde(default)]
    pub partners: Vec<String>,
    /// YYYY-MM-DD.
    pub start: String,
    /// YYYY-MM-DD.
    pub deadline: String,
    /// E.g. "Haushalt 2026, Produkt 36.3.01, 40.000 EUR".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<String>,
}

/// A Jahresbericht: the county's yearly report on each measure of its Zielvereinbarung.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "siegel Jahresbericht")]
pub struct AnnualReport {
    /// For editors only; ignored by siegel.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Version of this file structure; currently 1.
    pub format: u32,
    /// The year reported on.
    pub year: i32,
    pub county: CountyRef,
    /// The Zielvereinbarung reported on.
    pub zielvereinbarung: AgreementRef,
    /// When the report was written, YYYY-MM-DD.
    pub reporting_date: String,
    /// One entry per measure.
    pub measures: Vec<MeasureReport>,
    /// The values of the goals' indicators, where one was agreed.
    #[serde(default)]
    pub indicators: Vec<IndicatorReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreementRef {
    pub id: String,
    /// sha256 of the Zielvereinbarung (canonical form), 64 lower-case hex digits.
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasureReport {
    /// The measure's id in the Zielvereinbarung.
    pub measure: String,
    pub status: MeasureStatus,
    #[serde(default)]
    pub comment: String,
    /// Documents that show the state, e.g. "Kreistagsbeschluss KT/2026/112".
    #[serde(default)]
    pub evidence: Vec<String>,
}

/// A measure's state, in the county's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeasureStatus {
    Geplant,
    Begonnen,
    Umgesetzt,
    Verschoben,
    Entfallen,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorReport {
    /// The goal's id in the Zielvereinbarung.
    pub goal: String,
    pub value: f64,
    #[serde(default)]
    pub comment: String,
}

impl GoalAgreement {
    /// Every measure with the goal it belongs to, in the agreement's order.
    pub fn measures(&self) -> impl Iterator<Item = (&Goal, &Measure)> {
        self.goals
            .iter()
            .flat_map(|goal| goal.measures.iter().map(move |m| (goal, m)))
    }
}

/// How far a goal was reached, as the auditor judges it in the Bilanzierung.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Achievement {
    Erreicht,
    TeilweiseErreicht,
    NichtErreicht,
    /// The goal was dropped; the rationale says why.
    Entfallen,
}

impl Achievement {
    pub const ALL: [Achievement; 4] = [
        Achievement::Erreicht,
        Achievement::TeilweiseErreicht,
        Achievement::NichtErreicht,
        Achievement::Entfallen,
    ];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Achievement::Erreicht => "erreicht",
            Achievement::TeilweiseErreicht => "teilweise_erreicht",
            Achievement::NichtErreicht => "nicht_erreicht",
            Achievement::Entfallen => "entfallen",
        }
    }

    pub fn parse(text: &str) -> Option<Achievement> {
        Achievement::ALL.into_iter().find(|a| a.as_str() == text)
    }
}

/// The auditor's judgement of one goal: how far it was reached, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GoalRating {
    pub achievement: Option<Achievement>,
    pub rationale: String,
}

/// The key of a goal among all the agreements an assessment judges: "musterland-2025/Z1.1".
pub fn goal_key(agreement: &str, goal: &str) -> String {
    format!("{agreement}/{goal}")
}

/// A Zielvereinbarung for the next period, drafted from an assessment's recommendations: one
/// goal per recommendation (fresh ids "Z<field>.<n>"), the county and the audit it follows
/// filled in. Resolution, period, indicators and measures are left for the county to complete;
/// `siegel validate` names what is still missing.
pub fn draft_agreement(
    assessment: &crate::domain::assessment::Assessment,
    answers_sha256: &str,
) -> GoalAgreement {
    use crate::domain::assessment::FindingKind;
    let answers = &assessment.answers;
    let year = answers.reporting_date.get(..4).unwrap_or("");
    let slug: String = (answers.county.ags.chars())
        .filter(char::is_ascii_digit)
        .collect();
    let mut goals = Vec::new();
    for field in &assessment.definition.fields_of_action {
        let recommendations = assessment.findings_of(&field.id, FindingKind::Recommendation);
        for (n, finding) in recommendations.enumerate() {
            let text = finding.text.trim();
            let first_line = text.lines().next().unwrap_or("").trim();
            let title = match first_line.char_indices().nth(120) {
                Some((cut, _)) => format!("{} …", first_line[..cut].trim_end()),
                None => first_line.to_string(),
            };
            goals.push(Goal {
                id: format!("Z{}.{}", field.number, n + 1),
                field: field.id.clone(),
                title,
                description: text.to_string(),
                indicator: None,
                questions: Vec::new(),
                measures: Vec::new(),
            });
        }
    }
    GoalAgreement {
        schema: None,
        format: AGREEMENT_FORMAT,
        id: format!("{slug}-{year}"),
        county: CountyRef {
            name: answers.county.name.clone(),
            ags: answers.county.ags.clone(),
        },
        follows: Follows {
            questionnaire: assessment.definition.key(),
            answers_sha256: Some(answers_sha256.to_string()),
            procedure: Some(answers.procedure.kind),
            year: year.parse().ok(),
        },
        resolution: Resolution {
            body: "Kreistag".into(),
            date: String::new(),
            number: String::new(),
        },
        period: Period {
            start: String::new(),
            end: String::new(),
        },
        goals,
    }
}
