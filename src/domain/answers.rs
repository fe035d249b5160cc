//! A county's answers to one exact version of a questionnaire definition.
//! The published JSON Schema (`assets/answers.schema.json`) is generated from these types.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub const ANSWERS_FORMAT: u32 = 1;

fn is_false(value: &bool) -> bool {
    !*value
}

/// A county's answers to a questionnaire of the audit familiengerechte Kommune / Kreis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "siegel county answers")]
pub struct Answers {
    /// For editors only; ignored by siegel.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Version of this file structure; currently 1.
    pub format: u32,
    /// The exact definition the county answered.
    pub questionnaire: QuestionnaireRef,
    pub county: County,
    pub procedure: Procedure,
    /// The date the answers describe, YYYY-MM-DD.
    pub reporting_date: String,
    pub contact: Contact,
    pub status: AnswersStatus,
    /// Question id → answer.
    pub answers: BTreeMap<String, Answer>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireRef {
    pub id: String,
    pub version: String,
    /// Content hash of the definition, 64 lower-case hex digits.
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct County {
    pub name: String,
    /// Amtlicher Gemeindeschlüssel or Kreisschlüssel: 5 or 8 digits.
    pub ags: String,
    pub kind: CountyKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
    /// Member municipalities (kreisangehörige Gemeinden).
    #[serde(default)]
    pub municipalities: Vec<Municipality>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CountyKind {
    Landkreis,
    KreisfreieStadt,
    Stadt,
    Gemeinde,
    Verbandsgemeinde,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Municipality {
    pub name: String,
    /// Amtlicher Gemeindeschlüssel, 8 digits.
    pub ags: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    pub kind: ProcedureKind,
    /// For a Bilanzierung: the audit it follows, e.g. "Erstaudit 2022".
    #[serde(default)]
    pub previous: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProcedureKind {
    /// First audit.
    Erstaudit,
    /// Re-audit that compares with the last one.
    Bilanzierung,
}

impl ProcedureKind {
    /// The word in files and in the store: "erstaudit", "bilanzierung".
    pub fn as_str(self) -> &'static str {
        match self {
            ProcedureKind::Erstaudit => "erstaudit",
            ProcedureKind::Bilanzierung => "bilanzierung",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AnswersStatus {
    Draft,
    Submitted,
    /// Corrected after the auditor's follow-up questions.
    Corrected,
}

/// One answer. A null or missing value means "not answered", never zero.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The value, typed by the question's kind.
    #[serde(default)]
    pub value: serde_json::Value,
    /// Reference date (Stichtag) of the figure, YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// Where the figure comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The county sees a need for action (Handlungsbedarf).
    #[serde(default, skip_serializing_if = "is_false")]
    pub need_for_action: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// A document reference: a title and at least one of link or file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

impl Answers {
    /// The answer to a question, if the county gave one (a null value is no answer).
    pub fn answer(&self, question_id: &str) -> Option<&Answer> {
        self.answers.get(question_id).filter(|a| !a.value.is_null())
    }
}
