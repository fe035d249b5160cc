//! The bundle that carries a second rating between two machines without a server: out, the
//! answers and the questionnaire the second auditor needs (nothing of the first auditor's
//! work); back, the submitted ratings. One JSON file, versioned, sealed by the sha256 of its
//! canonical form, so that an altered byte is found.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::hash::{canonical_json, sha256_hex};

pub const BUNDLE_FORMAT: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BundleKind {
    /// To the second auditor: what they rate.
    SecondRating,
    /// Back to the first: the submitted second rating.
    SecondRatingResult,
}

/// The first rating, as the bundle names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FirstRef {
    /// Its number in the database the bundle came from.
    pub assessment: i64,
    pub county: String,
    pub ags: String,
    pub answers_sha256: String,
    pub definition_sha256: String,
}

/// The second rating in the database the bundle came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecondRef {
    pub assessment: i64,
    pub auditor: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleCell {
    pub field: String,
    pub parameter: String,
    /// Storage form: "3", "not_applicable", "not_assessable".
    pub rating: String,
    #[serde(default)]
    pub rationale: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub format: u32,
    pub kind: BundleKind,
    pub first: FirstRef,
    pub second: SecondRef,
    /// The questionnaire definition (canonical form), going out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<Value>,
    /// The county's answers (canonical form), going out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers: Option<Value>,
    /// The ratings, coming back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<BundleCell>,
    /// When the second rating was submitted, coming back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<String>,
    /// sha256 of the canonical form of everything else.
    #[serde(default)]
    pub sha256: String,
}

/// Why a bundle is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    #[error("not a bundle: {0}")]
    NotABundle(String),
    #[error("bundle format {found} is newer than {supported}")]
    Newer { found: u64, supported: u32 },
    #[error("the bundle was altered: its content does not match its sha256")]
    Altered,
}

/// The hash over everything but the hash.
fn seal_of(value: &Value) -> String {
    let mut value = value.clone();
    if let Some(object) = value.as_object_mut() {
        object.remove("sha256");
    }
    sha256_hex(canonical_json(&value).as_bytes())
}

impl Bundle {
    /// The bundle as pretty JSON, sealed with its hash.
    pub fn to_text(&self) -> String {
        let mut value = serde_json::to_value(self).unwrap_or(Value::Null);
        let seal = seal_of(&value);
        if let Some(object) = value.as_object_mut() {
            object.insert("sha256".into(), Value::String(seal));
        }
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Reads a bundle: a newer format, a broken seal or a file that is no bundle is refused.
    pub fn from_text(text: &str) -> Result<Bundle, BundleError> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| BundleError::NotABundle(e.to_string()))?;
        // A bundle names what it is; other JSON (an export, answers) is no bundle.
        for key in ["kind", "first", "second", "sha256"] {
            if value.get(key).is_none() {
                return Err(BundleError::NotABundle(format!("no \"{key}\"")));
            }
        }
        let format = value
            .get("format")
            .and_then(Value::as_u64)
            .ok_or_else(|| BundleError::NotABundle("no \"format\"".into()))?;
        if format > u64::from(BUNDLE_FORMAT) {
            return Err(BundleError::Newer {
                found: format,
                supported: BUNDLE_FORMAT,
            });
        }
        let stated = value.get("sha256").and_then(Value::as_str).unwrap_or("");
        if stated != seal_of(&value) {
            return Err(BundleError::Altered);
        }
        serde_json::from_value(value).map_err(|e| BundleError::NotABundle(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle() -> Bundle {
        Bundle {
            format: BUNDLE_FORMAT,
            kind: BundleKind::SecondRatingResult,
            first: FirstRef {
                assessment: 1,
                county: "Landkreis Musterland".into(),
                ags: "16099000".into(),
                answers_sha256: "a".repeat(64),
                definition_sha256: "b".repeat(64),
            },
            second: SecondRef {
                assessment: 2,
                auditor: "Bernd Zweit".into(),
            },
            definition: None,
            answers: None,
            cells: vec![BundleCell {
                field: "HF1".into(),
                parameter: "QP-BED".into(),
                rating: "3".into(),
                rationale: "weil".into(),
            }],
            submitted_at: Some("2025-05-12T08:30:00Z".into()),
            sha256: String::new(),
        }
    }

    #[test]
    fn a_sealed_bundle_reads_back_and_an_altered_one_is_refused() {
        let text = bundle().to_text();
        let back = Bundle::from_text(&text).unwrap();
        assert_eq!(back.cells, bundle().cells);
        assert_eq!(
            Bundle::from_text(&text.replace("\"3\"", "\"4\"")),
            Err(BundleError::Altered)
        );
        let newer = text.replace("\"format\": 1", "\"format\": 2");
        assert_eq!(
            Bundle::from_text(&newer),
            Err(BundleError::Newer {
                found: 2,
                supported: 1
            })
        );
        assert!(matches!(
            Bundle::from_text("{}"),
            Err(BundleError::NotABundle(_))
        ));
    }
}
