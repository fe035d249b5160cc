//! The published JSON Schemas and the checker that holds files against them.
//!
//! The schemas in `assets/` are generated from the Rust types (a test fails when they drift
//! apart). The checker understands the part of JSON Schema that the generator writes and reports
//! every mismatch with its position, where a general validator would name only a path.

use std::sync::LazyLock;

use serde_json::{Map, Value};

use crate::domain::answers::Answers;
use crate::domain::definition::Definition;
use crate::domain::diagnostic::{Diagnostic, Problem, Severity};
use crate::domain::json::{JsonType, Node, Spanned, push_pointer};

pub const DEFINITION_SCHEMA_FILE: &str = "assets/questionnaire.schema.json";
pub const ANSWERS_SCHEMA_FILE: &str = "assets/answers.schema.json";

static DEFINITION_SCHEMA: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../assets/questionnaire.schema.json"))
        .unwrap_or(Value::Bool(true))
});
static ANSWERS_SCHEMA: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../assets/answers.schema.json"))
        .unwrap_or(Value::Bool(true))
});

pub const AGREEMENT_SCHEMA_FILE: &str = "assets/zielvereinbarung.schema.json";
pub const REPORT_SCHEMA_FILE: &str = "assets/jahresbericht.schema.json";

static AGREEMENT_SCHEMA: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../assets/zielvereinbarung.schema.json"))
        .unwrap_or(Value::Bool(true))
});
static REPORT_SCHEMA: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../assets/jahresbericht.schema.json"))
        .unwrap_or(Value::Bool(true))
});

pub fn agreement_schema() -> &'static Value {
    &AGREEMENT_SCHEMA
}

pub fn report_schema() -> &'static Value {
    &REPORT_SCHEMA
}

pub fn generated_agreement_schema() -> String {
    pretty(&schemars::schema_for!(crate::domain::goals::GoalAgreement))
}

pub fn generated_report_schema() -> String {
    pretty(&schemars::schema_for!(crate::domain::goals::AnnualReport))
}

pub fn definition_schema() -> &'static Value {
    &DEFINITION_SCHEMA
}

pub fn answers_schema() -> &'static Value {
    &ANSWERS_SCHEMA
}

/// The schema as the types describe it today, for `assets/` and its drift test.
pub fn generated_definition_schema() -> String {
    pretty(&schemars::schema_for!(Definition))
}

pub fn generated_answers_schema() -> String {
    pretty(&schemars::schema_for!(Answers))
}

fn pretty(schema: &schemars::Schema) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Checks `node` against `schema` and appends every mismatch to `out`.
pub fn check(schema: &Value, node: &Spanned, out: &mut Vec<Diagnostic>) {
    // References resolve through a table made once, not a pointer walk per node.
    let definitions = schema
        .get("$defs")
        .and_then(Value::as_object)
        .map(|defs| {
            defs.iter()
                .map(|(name, value)| (format!("#/$defs/{name}"), value))
                .collect()
        })
        .unwrap_or_default();
    let checker = Checker {
        root: schema,
        definitions,
        compiled: Default::default(),
    };
    checker.check(schema, node, &Path::Root, out);
}

struct Checker<'a> {
    root: &'a Value,
    definitions: std::collections::HashMap<String, &'a Value>,
    /// What each schema node asks, read once per node of the schema (not per node of the
    /// document): a large document checks against a table, not against string keys.
    compiled: std::cell::RefCell<std::collections::HashMap<usize, std::rc::Rc<Compiled<'a>>>>,
}

/// One schema node, its reference followed, as the checker needs it.
#[derive(Default)]
struct Compiled<'a> {
    object: bool,
    alternatives: Option<Alternatives<'a>>,
    types: Option<Vec<JsonType>>,
    options: Option<&'a Vec<Value>>,
    items: Option<&'a Value>,
    properties: Option<&'a Map<String, Value>>,
    required: Vec<&'a str>,
    additional: Option<&'a Value>,
    minimum: Option<&'a Value>,
}

enum Alternatives<'a> {
    /// An enum whose variants carry documentation: a list of `const` (and `enum`) branches.
    Constants(Vec<&'a Value>),
    /// Branches with the types each admits (none: any).
    Branches(Vec<(&'a Value, Vec<JsonType>)>),
}

/// Where a node stands, as a chain from the root: its JSON pointer is written only for an
/// error, so that a valid document costs no pointer text at all.
enum Path<'p> {
    Root,
    Key(&'p Path<'p>, &'p str),
    Index(&'p Path<'p>, usize),
}

impl Path<'_> {
    fn pointer(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Path::Root => {}
            Path::Key(parent, key) => {
                parent.write(out);
                push_pointer(out, key);
            }
            Path::Index(parent, index) => {
                parent.write(out);
                push_pointer(out, &index.to_string());
            }
        }
    }
}

fn error(node_pos: crate::domain::json::Pos, path: &Path, problem: Problem) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        pos: Some(node_pos),
        pointer: Some(path.pointer()),
        problem,
    }
}

impl<'a> Checker<'a> {
    fn resolve(&self, schema: &'a Value) -> &'a Value {
        let mut current = schema;
        // schemars writes local references only: "#/$defs/Name".
        for _ in 0..16 {
            let target = current.get("$ref").and_then(Value::as_str).and_then(|r| {
                self.definitions
                    .get(r)
                    .copied()
                    .or_else(|| r.strip_prefix('#').and_then(|p| self.root.pointer(p)))
            });
            match target {
                Some(target) => current = target,
                None => break,
            }
        }
        current
    }

    fn compiled(&self, schema: &'a Value) -> std::rc::Rc<Compiled<'a>> {
        let key = std::ptr::from_ref(schema) as usize;
        if let Some(compiled) = self.compiled.borrow().get(&key) {
            return compiled.clone();
        }
        let compiled = std::rc::Rc::new(self.compile(schema));
        self.compiled.borrow_mut().insert(key, compiled.clone());
        compiled
    }

    fn compile(&self, schema: &'a Value) -> Compiled<'a> {
        let Value::Object(s) = self.resolve(schema) else {
            return Compiled::default(); // `true` accepts anything; no `false` is written.
        };
        let alternatives = match s.get("anyOf").or_else(|| s.get("oneOf")) {
            Some(Value::Array(branches)) => Some(self.alternatives(branches)),
            _ => None,
        };
        Compiled {
            object: true,
            alternatives,
            types: s.get("type").map(type_names),
            options: match s.get("enum") {
                Some(Value::Array(options)) => Some(options),
                _ => None,
            },
            items: s.get("items"),
            properties: s.get("properties").and_then(Value::as_object),
            required: match s.get("required") {
                Some(Value::Array(required)) => required.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            },
            additional: s.get("additionalProperties"),
            minimum: s.get("minimum"),
        }
    }

    fn alternatives(&self, branches: &'a [Value]) -> Alternatives<'a> {
        let resolved: Vec<&'a Value> = branches.iter().map(|b| self.resolve(b)).collect();
        let mut constants: Vec<&'a Value> = Vec::new();
        let all_constant = resolved
            .iter()
            .all(|b| match (b.get("const"), b.get("enum")) {
                (Some(c), _) => {
                    constants.push(c);
                    true
                }
                (None, Some(Value::Array(values))) => {
                    constants.extend(values);
                    true
                }
                _ => false,
            });
        if all_constant {
            Alternatives::Constants(constants)
        } else {
            Alternatives::Branches(
                resolved
                    .into_iter()
                    .map(|b| (b, b.get("type").map(type_names).unwrap_or_default()))
                    .collect(),
            )
        }
    }

    fn check(&self, schema: &'a Value, node: &Spanned, pointer: &Path, out: &mut Vec<Diagnostic>) {
        let c = self.compiled(schema);
        if !c.object {
            return;
        }
        if let Some(alternatives) = &c.alternatives {
            self.check_alternatives(alternatives, node, pointer, out);
            return;
        }
        if let Some(allowed) = &c.types
            && !allowed.iter().any(|t| admits(*t, node.json_type()))
        {
            out.push(error(
                node.pos,
                pointer,
                Problem::WrongType {
                    expected: allowed.clone(),
                    found: node.json_type(),
                },
            ));
            return;
        }
        if let Some(options) = c.options {
            let value = node.to_value();
            if !options.contains(&value) {
                out.push(error(
                    node.pos,
                    pointer,
                    Problem::NotAllowed {
                        found: display_value(&value),
                        allowed: options.iter().map(display_value).collect(),
                    },
                ));
            }
            return;
        }
        match &node.node {
            Node::Object(members) => self.check_object(&c, node, members, pointer, out),
            Node::Array(items) => {
                if let Some(item_schema) = c.items {
                    for (index, item) in items.iter().enumerate() {
                        self.check(item_schema, item, &Path::Index(pointer, index), out);
                    }
                }
            }
            Node::Number(number, _) => {
                if let (Some(min), Some(value)) = (c.minimum, number.as_f64())
                    && let Some(min_value) = min.as_f64()
                    && value < min_value
                {
                    out.push(error(
                        node.pos,
                        pointer,
                        Problem::BelowMinimum {
                            found: number.to_string(),
                            min: min.to_string(),
                        },
                    ));
                }
            }
            _ => {}
        }
    }

    fn check_object(
        &self,
        c: &Compiled<'a>,
        node: &Spanned,
        members: &[crate::domain::json::Member],
        pointer: &Path,
        out: &mut Vec<Diagnostic>,
    ) {
        for key in &c.required {
            if !members.iter().any(|m| m.key == *key) {
                out.push(error(
                    node.pos,
                    &Path::Key(pointer, key),
                    Problem::MissingKey {
                        key: key.to_string(),
                    },
                ));
            }
        }
        for member in members {
            let pointer = &Path::Key(pointer, &member.key);
            match c.properties.and_then(|p| p.get(member.key.as_ref())) {
                Some(property) => self.check(property, &member.value, pointer, out),
                None => match c.additional {
                    Some(Value::Bool(false)) => out.push(error(
                        member.key_pos,
                        pointer,
                        Problem::UnknownKey {
                            key: member.key.to_string(),
                            suggestion: c
                                .properties
                                .and_then(|p| closest(&member.key, p.keys().map(String::as_str))),
                        },
                    )),
                    Some(extra @ Value::Object(_)) => {
                        self.check(extra, &member.value, pointer, out)
                    }
                    _ => {}
                },
            }
        }
    }

    fn check_alternatives(
        &self,
        alternatives: &Alternatives<'a>,
        node: &Spanned,
        pointer: &Path,
        out: &mut Vec<Diagnostic>,
    ) {
        match alternatives {
            Alternatives::Constants(constants) => {
                let value = node.to_value();
                if !constants.contains(&&value) {
                    let problem = if node.json_type() == JsonType::String {
                        Problem::NotAllowed {
                            found: display_value(&value),
                            allowed: constants.iter().map(|c| display_value(c)).collect(),
                        }
                    } else {
                        Problem::WrongType {
                            expected: vec![JsonType::String],
                            found: node.json_type(),
                        }
                    };
                    out.push(error(node.pos, pointer, problem));
                }
            }
            Alternatives::Branches(branches) => {
                let mut expected = Vec::new();
                for (branch, types) in branches {
                    if types.is_empty() || types.iter().any(|t| admits(*t, node.json_type())) {
                        self.check(branch, node, pointer, out);
                        return;
                    }
                    expected.extend(types.iter().copied());
                }
                out.push(error(
                    node.pos,
                    pointer,
                    Problem::WrongType {
                        expected,
                        found: node.json_type(),
                    },
                ));
            }
        }
    }
}

fn type_names(types: &Value) -> Vec<JsonType> {
    let name = |v: &Value| match v.as_str() {
        Some("null") => Some(JsonType::Null),
        Some("boolean") => Some(JsonType::Boolean),
        Some("integer") => Some(JsonType::Integer),
        Some("number") => Some(JsonType::Number),
        Some("string") => Some(JsonType::String),
        Some("array") => Some(JsonType::Array),
        Some("object") => Some(JsonType::Object),
        _ => None,
    };
    match types {
        Value::Array(list) => list.iter().filter_map(name).collect(),
        single => name(single).into_iter().collect(),
    }
}

fn admits(allowed: JsonType, found: JsonType) -> bool {
    allowed == found || (allowed == JsonType::Number && found == JsonType::Integer)
}

/// A value as it would be written in the file, strings in quotes.
pub fn display_value(value: &Value) -> String {
    value.to_string()
}

/// The candidate nearest to a mistyped name, if one is near enough to be a likely typo.
pub fn closest<'c>(word: &str, candidates: impl Iterator<Item = &'c str>) -> Option<String> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.to_string())
}

/// Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            d[i * width + j] = if i == 0 || j == 0 {
                i + j
            } else {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (d[(i - 1) * width + j] + 1)
                    .min(d[i * width + j - 1] + 1)
                    .min(d[(i - 1) * width + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(d[(i - 2) * width + j - 2] + 1);
                }
                best
            };
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::json::{Pos, parse};

    fn problems(schema: &Value, text: &str) -> Vec<(Option<Pos>, String, Problem)> {
        let parsed = parse(text).unwrap();
        let mut out = Vec::new();
        check(schema, &parsed.root, &mut out);
        out.into_iter()
            .map(|d| (d.pos, d.pointer.unwrap_or_default(), d.problem))
            .collect()
    }

    #[test]
    fn committed_schemas_match_the_types() {
        // Regenerate with: SIEGEL_WRITE_SCHEMAS=1 cargo test committed_schemas
        let root = env!("CARGO_MANIFEST_DIR");
        for (file, generated) in [
            (DEFINITION_SCHEMA_FILE, generated_definition_schema()),
            (ANSWERS_SCHEMA_FILE, generated_answers_schema()),
            (AGREEMENT_SCHEMA_FILE, generated_agreement_schema()),
            (REPORT_SCHEMA_FILE, generated_report_schema()),
        ] {
            let path = format!("{root}/{file}");
            if std::env::var_os("SIEGEL_WRITE_SCHEMAS").is_some() {
                std::fs::write(&path, &generated).unwrap();
            }
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                committed == generated,
                "{file} differs from the Rust types; run SIEGEL_WRITE_SCHEMAS=1 cargo test committed_schemas"
            );
        }
    }

    #[test]
    fn reports_every_mismatch_with_position() {
        let schema = definition_schema();
        let found = problems(
            schema,
            "{\"format\": \"1\", \"id\": 5, \"lable\": \"x\", \"status\": \"final\"}",
        );
        let kinds: Vec<&Problem> = found.iter().map(|(_, _, p)| p).collect();
        assert!(kinds.contains(&&Problem::WrongType {
            expected: vec![JsonType::Integer],
            found: JsonType::String
        }));
        assert!(kinds.contains(&&Problem::UnknownKey {
            key: "lable".into(),
            suggestion: None
        }));
        assert!(problems(schema, "{\"titel\": 1}").iter().any(|(_, _, p)| *p
            == Problem::UnknownKey {
                key: "titel".into(),
                suggestion: Some("title".into())
            }));
        assert!(kinds.contains(&&Problem::NotAllowed {
            found: "\"final\"".into(),
            allowed: vec![
                "\"draft\"".into(),
                "\"published\"".into(),
                "\"withdrawn\"".into()
            ]
        }));
        assert!(kinds.contains(&&Problem::MissingKey {
            key: "version".into()
        }));
        let id = found.iter().find(|(_, p, _)| p == "/id").unwrap();
        assert_eq!(
            id.0,
            Some(Pos {
                line: 1,
                column: 23
            })
        );
    }

    #[test]
    fn suggests_near_keys() {
        assert_eq!(
            closest("lable", ["label", "help"].into_iter()),
            Some("label".into())
        );
        assert_eq!(closest("xyz", ["label", "help"].into_iter()), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("lable", "label"), 1);
    }
}
