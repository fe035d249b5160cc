//! The versioned questionnaire definition: what a county is asked and what the auditor assesses
//! against. The published JSON Schema (`assets/questionnaire.schema.json`) is generated from
//! these types, and the validator checks files against that schema before it reads them.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The file structure this program reads and writes.
pub const DEFINITION_FORMAT: u32 = 1;

fn is_false(value: &bool) -> bool {
    !*value
}

/// A versioned questionnaire definition for the audit familiengerechte Kommune / familiengerechter
/// Kreis: scale, quality parameters, fields of action with topics and questions, scoring rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "siegel questionnaire definition")]
pub struct Definition {
    /// For editors only; ignored by siegel and left out of the content hash.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Version of this file structure; currently 1.
    pub format: u32,
    /// Stable slug, the same for every version: lower-case letters, digits and '-'.
    pub id: String,
    /// Version as a string such as "2025.1"; never a number.
    pub version: String,
    pub title: String,
    /// Two-letter language code of the content, e.g. "de".
    pub language: String,
    /// First day the version applies, YYYY-MM-DD.
    pub valid_from: String,
    /// The version of the same id that this one replaces.
    #[serde(default)]
    pub replaces: Option<String>,
    pub status: DefinitionStatus,
    /// Free remark, e.g. that this is a working draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    pub scale: Scale,
    pub quality_parameters: Vec<QualityParameter>,
    pub fields_of_action: Vec<FieldOfAction>,
    pub rules: Rules,
    /// Question-id mapping from the previous version, for re-audits.
    #[serde(default)]
    pub migration: Option<Migration>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DefinitionStatus {
    /// Working draft (Arbeitsfassung).
    Draft,
    /// Published; never edited again.
    Published,
    /// Withdrawn; kept so old assessments still open.
    Withdrawn,
}

/// The auditor's ordinal rating scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// Ascending levels with distinct values.
    pub levels: Vec<Level>,
    /// "nicht zutreffend": left out of the aggregation, needs a rationale.
    pub not_applicable: Mark,
    /// "nicht bewertbar": information missing; counts as not rated and is reported.
    pub not_assessable: Mark,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub value: i32,
    pub label: String,
    /// What the level means, so that two auditors mean the same by it.
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    pub label: String,
    pub description: String,
}

/// A short column head for a parameter: the last part of its id ("QP-BED" → "BED"), for the
/// matrix in the interface and in the Markdown report.
pub fn abbreviation(id: &str) -> String {
    let last = id.rsplit(['-', '.', '_']).next().unwrap_or(id);
    last.chars().take(4).collect()
}

/// A cross-cutting criterion (Qualitätsparameter), rated for each field of action it applies to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QualityParameter {
    pub id: String,
    pub label: String,
    pub description: String,
    /// The question the auditor asks themself when rating.
    pub guiding_question: String,
    /// Positive weight within a field's score.
    pub weight: f64,
    /// What each level of the scale means for this parameter, keyed by the level's value.
    pub anchors: BTreeMap<String, String>,
}

/// A field of action (Handlungsfeld).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldOfAction {
    pub id: String,
    /// Position in the questionnaire: 1, 2, …
    pub number: u32,
    pub label: String,
    pub description: String,
    /// Positive weight within the overall score.
    pub weight: f64,
    /// Ids of the quality parameters rated for this field.
    pub quality_parameters: Vec<String>,
    pub topics: Vec<Topic>,
}

/// A topic (Thema) within a field of action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub questions: Vec<Question>,
}

/// What kind of answer a question or column takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Ja / nein: true or false.
    YesNo,
    /// Ja / teilweise / nein: "yes", "partly" or "no".
    YesPartlyNo,
    /// One option id.
    SingleChoice,
    /// An array of option ids.
    MultipleChoice,
    /// A whole number.
    Integer,
    /// A number.
    Decimal,
    /// A share in percent, 0–100 unless min/max say otherwise.
    Percent,
    /// A date, YYYY-MM-DD.
    Date,
    /// A year.
    Year,
    /// One line of text.
    ShortText,
    /// Paragraphs of text.
    LongText,
    /// Some of the county's member municipalities: an array of their names.
    Municipalities,
    /// Repeating records (offers, networks): an array of objects keyed by column id.
    OfferList,
    /// One record per row: an object from row id (or municipality name) to column values.
    Table,
    /// Document references: an array of {title, date, link, file}.
    Evidence,
}

impl Kind {
    /// Kinds whose value is a list of records; they cannot be a column themselves.
    pub fn is_composite(self) -> bool {
        matches!(self, Kind::OfferList | Kind::Table | Kind::Evidence)
    }

    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            Kind::Integer | Kind::Decimal | Kind::Percent | Kind::Year
        )
    }

    pub fn is_text(self) -> bool {
        matches!(self, Kind::ShortText | Kind::LongText)
    }

    pub fn is_choice(self) -> bool {
        matches!(self, Kind::SingleChoice | Kind::MultipleChoice)
    }

    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::YesNo => "yes_no",
            Kind::YesPartlyNo => "yes_partly_no",
            Kind::SingleChoice => "single_choice",
            Kind::MultipleChoice => "multiple_choice",
            Kind::Integer => "integer",
            Kind::Decimal => "decimal",
            Kind::Percent => "percent",
            Kind::Date => "date",
            Kind::Year => "year",
            Kind::ShortText => "short_text",
            Kind::LongText => "long_text",
            Kind::Municipalities => "municipalities",
            Kind::OfferList => "offer_list",
            Kind::Table => "table",
            Kind::Evidence => "evidence",
        }
    }

    pub const ALL: [Kind; 15] = [
        Kind::YesNo,
        Kind::YesPartlyNo,
        Kind::SingleChoice,
        Kind::MultipleChoice,
        Kind::Integer,
        Kind::Decimal,
        Kind::Percent,
        Kind::Date,
        Kind::Year,
        Kind::ShortText,
        Kind::LongText,
        Kind::Municipalities,
        Kind::OfferList,
        Kind::Table,
        Kind::Evidence,
    ];
}

/// A question the county answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable and unique in the definition; a question whose meaning changes gets a new id.
    pub id: String,
    pub kind: Kind,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// A missing answer is reported.
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Inclusive lower bound for numbers and years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Inclusive upper bound for numbers and years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Longest accepted text, in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// The county states the reference date (Stichtag) of the figure.
    #[serde(default, skip_serializing_if = "is_false")]
    pub reference_date: bool,
    /// Options of a single or multiple choice.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ChoiceOption>,
    /// Typed columns of an offer list or table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<Column>,
    /// Fixed rows of a table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<Row>,
    /// A table with one row per member municipality of the county.
    #[serde(default, skip_serializing_if = "is_false")]
    pub rows_per_municipality: bool,
    /// Ask only when another question's answer is one of the given values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
    /// The county may tick "Handlungsbedarf".
    #[serde(default, skip_serializing_if = "is_false")]
    pub need_for_action_box: bool,
    /// Ids of the quality parameters this answer informs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quality_parameters: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub id: String,
    pub label: String,
}

/// A typed column of an offer list or table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub id: String,
    pub label: String,
    /// A simple kind: not offer_list, table or evidence.
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ChoiceOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Row {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// Id of the question whose answer decides.
    pub question: String,
    /// The answer values for which this question applies.
    pub any_of: Vec<serde_json::Value>,
}

/// How ratings become scores. Nothing about scoring is fixed in the program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    pub aggregation: Aggregation,
    /// How "nicht zutreffend" counts.
    pub not_applicable: NotApplicablePolicy,
    /// 0–1: below this share of rated cells (by weight) a field is itself "nicht bewertbar".
    pub min_rated_share: f64,
    /// Scores are rounded to this many decimals before they are put in a band.
    pub score_decimals: u32,
    /// The Ampel: ascending inclusive upper limits.
    pub bands: Vec<Band>,
    /// Shown with every Ampel: it is orientation, not a verdict.
    pub bands_note: String,
    pub rationale_required: RationaleRequired,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Field: weighted mean of its rated parameters; overall: weighted mean of the fields.
    WeightedMean,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotApplicablePolicy {
    /// Left out of numerator and denominator.
    Exclude,
    /// Counts as the highest level of the scale.
    CountAsHighest,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Inclusive upper limit of the band.
    pub up_to: f64,
    pub label: String,
    pub color: BandColor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BandColor {
    Red,
    Yellow,
    Green,
    Blue,
    Grey,
}

/// Which ratings need a written rationale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RationaleRequired {
    /// Level values that need a rationale.
    pub levels: Vec<i32>,
    pub not_applicable: bool,
    pub not_assessable: bool,
}

/// Question-id mapping from the previous version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Migration {
    pub from_version: String,
    #[serde(default)]
    pub renamed: Vec<Rename>,
    /// Ids of the previous version that have no successor.
    #[serde(default)]
    pub removed: Vec<String>,
    /// Ids new in this version.
    #[serde(default)]
    pub added: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rename {
    pub from: String,
    pub to: String,
}

impl Scale {
    /// The value of the highest level.
    pub fn highest(&self) -> i32 {
        self.levels.iter().map(|l| l.value).max().unwrap_or(0)
    }
}

impl Definition {
    /// Every question in questionnaire order, with the indices of its field and topic.
    pub fn questions(&self) -> impl Iterator<Item = (usize, usize, &Question)> {
        self.fields_of_action
            .iter()
            .enumerate()
            .flat_map(|(f, field)| {
                field
                    .topics
                    .iter()
                    .enumerate()
                    .flat_map(move |(t, topic)| topic.questions.iter().map(move |q| (f, t, q)))
            })
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().map(|(_, _, q)| q).find(|q| q.id == id)
    }

    /// Every question by its id, for lookups that would otherwise scan per question.
    pub fn questions_by_id(&self) -> std::collections::HashMap<&str, &Question> {
        self.questions()
            .map(|(_, _, q)| (q.id.as_str(), q))
            .collect()
    }

    /// The label of a quality parameter, or its id when the definition does not know it.
    pub fn parameter_label<'d>(&'d self, id: &'d str) -> &'d str {
        self.quality_parameters
            .iter()
            .find(|p| p.id == id)
            .map_or(id, |p| p.label.as_str())
    }

    pub fn topic_count(&self) -> usize {
        self.fields_of_action.iter().map(|f| f.topics.len()).sum()
    }

    pub fn question_count(&self) -> usize {
        self.questions().count()
    }

    /// "id@version", the way people name a definition.
    pub fn key(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }
}

/// The part of a question or column that decides which values it accepts.
pub trait ValueSpec {
    fn kind(&self) -> Kind;
    fn min(&self) -> Option<f64>;
    fn max(&self) -> Option<f64>;
    fn max_length(&self) -> Option<u32>;
    fn options(&self) -> &[ChoiceOption];

    /// Bounds in force, with the percent default of 0–100.
    fn bounds(&self) -> (Option<f64>, Option<f64>) {
        match self.kind() {
            Kind::Percent => (self.min().or(Some(0.0)), self.max().or(Some(100.0))),
            _ => (self.min(), self.max()),
        }
    }
}

macro_rules! value_spec {
    ($t:ty) => {
        impl ValueSpec for $t {
            fn kind(&self) -> Kind {
                self.kind
            }
            fn min(&self) -> Option<f64> {
                self.min
            }
            fn max(&self) -> Option<f64> {
                self.max
            }
            fn max_length(&self) -> Option<u32> {
                self.max_length
            }
            fn options(&self) -> &[ChoiceOption] {
                &self.options
            }
        }
    };
}
value_spec!(Question);
value_spec!(Column);

#[cfg(test)]
mod tests {
    #[test]
    fn abbreviations_take_the_last_part_of_the_id() {
        assert_eq!(super::abbreviation("QP-BED"), "BED");
        assert_eq!(super::abbreviation("A"), "A");
        assert_eq!(super::abbreviation("qp.zugang"), "zuga");
    }
}
