//! Large inputs made from the shipped questionnaire and the sample county: a questionnaire of
//! thousands of questions (every topic repeated, with ids and conditions renamed), answers to
//! all of them, and databases of thousands of assessments. For the benchmarks at scale and the
//! tests that prove such inputs validate, import and open.

use std::path::Path;

use serde_json::{Map, Value};
use siegel::domain::hash::content_hash;
use siegel::domain::validate::{self, KnownDefinition, ValidAnswers};
use siegel::questionnaires::{SAMPLE_ANSWERS, SHIPPED_DEFINITIONS};
use siegel::store::Store;

/// A questionnaire and answers to it.
pub struct Large {
    pub questions: usize,
    pub definition: String,
    pub answers: String,
}

/// "HF1.T3.F02" in copy `k` is "HF1.T3x{k}.F02"; copy 0 keeps the shipped ids.
fn renamed(id: &str, copy: usize) -> String {
    match (copy, id.rsplit_once('.')) {
        (0, _) | (_, None) => id.to_string(),
        (_, Some((topic, question))) => format!("{topic}x{copy}.{question}"),
    }
}

fn rename_conditions(value: &mut Value, copy: usize) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get_mut("question") {
                *target = renamed(target, copy);
            }
            for child in map.values_mut() {
                rename_conditions(child, copy);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rename_conditions(v, copy)),
        _ => {}
    }
}

/// The shipped questionnaire with every topic repeated until it has at least `questions`
/// questions (whole copies of the 110), and the sample county's answers to every copy.
pub fn large(questions: usize) -> Large {
    let mut definition: Value = serde_json::from_str(SHIPPED_DEFINITIONS[0].1).unwrap();
    let shipped_count = 110;
    let copies = questions.div_ceil(shipped_count).max(1);
    let map = definition.as_object_mut().unwrap();
    map.insert("id".into(), Value::String("fgk-kreis-gross".into()));
    map.remove("replaces");
    map.remove("migration");
    let mut total = 0;
    for field in map["fields_of_action"].as_array_mut().unwrap() {
        let topics = field["topics"].as_array().unwrap().clone();
        let mut all = Vec::new();
        for copy in 0..copies {
            for topic in &topics {
                let mut topic = topic.clone();
                let id = topic["id"].as_str().unwrap().to_string();
                if copy > 0 {
                    topic["id"] = Value::String(format!("{id}x{copy}"));
                    for question in topic["questions"].as_array_mut().unwrap() {
                        let qid = question["id"].as_str().unwrap().to_string();
                        question["id"] = Value::String(renamed(&qid, copy));
                        rename_conditions(question, copy);
                    }
                }
                total += topic["questions"].as_array().unwrap().len();
                all.push(topic);
            }
        }
        field["topics"] = Value::Array(all);
    }
    let sha256 = content_hash(&definition);
    let mut answers: Value = serde_json::from_str(SAMPLE_ANSWERS.1).unwrap();
    answers["questionnaire"] = serde_json::json!({
        "id": "fgk-kreis-gross",
        "version": definition["version"],
        "sha256": sha256,
    });
    let shipped: Map<String, Value> = answers["answers"].as_object().unwrap().clone();
    let mut all = Map::new();
    for copy in 0..copies {
        for (id, answer) in &shipped {
            all.insert(renamed(id, copy), answer.clone());
        }
    }
    answers["answers"] = Value::Object(all);
    Large {
        questions: total,
        definition: serde_json::to_string_pretty(&definition).unwrap(),
        answers: serde_json::to_string_pretty(&answers).unwrap(),
    }
}

impl Large {
    /// The questionnaire as siegel knows a valid one.
    pub fn known(&self) -> Vec<KnownDefinition> {
        let report = validate::validate_definition(self.definition.as_bytes(), &[]);
        assert!(report.is_valid(), "{:?}", report.diagnostics);
        vec![report.definition.unwrap()]
    }

    pub fn valid_answers(&self, known: &[KnownDefinition]) -> ValidAnswers {
        let report = validate::validate_answers(self.answers.as_bytes(), known);
        assert!(report.is_valid(), "{:?}", report.diagnostics);
        report.answers.unwrap()
    }

    /// Writes both files into `dir`; returns their paths (definition, answers).
    pub fn write(&self, dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
        let definition = dir.join("fgk-kreis-gross.json");
        let answers = dir.join("antworten-gross.json");
        std::fs::write(&definition, &self.definition).unwrap();
        std::fs::write(&answers, &self.answers).unwrap();
        (definition, answers)
    }
}

/// A database of `assessments` imports of the sample county.
pub fn database(path: &Path, assessments: usize) -> Store {
    let mut store = Store::open(path).unwrap();
    let answers = super::sample_answers();
    for _ in 0..assessments {
        store.import(&answers, super::AUDITOR).unwrap();
    }
    store
}
