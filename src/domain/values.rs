//! Does a value fit the question (or column) it answers? Used for county answers and for the
//! values a definition's conditions compare with.

use serde_json::Value;

use crate::domain::answers::Municipality;
use crate::domain::definition::{Kind, Question, ValueSpec};
use crate::domain::diagnostic::{Problem, ValueProblem};
use crate::domain::json::{JsonType, push_pointer};

/// The answer values of a yes/partly/no question.
pub const YES_PARTLY_NO: [&str; 3] = ["yes", "partly", "no"];

pub fn json_type(value: &Value) -> JsonType {
    match value {
        Value::Null => JsonType::Null,
        Value::Bool(_) => JsonType::Boolean,
        Value::Number(n) if n.is_i64() || n.is_u64() => JsonType::Integer,
        Value::Number(_) => JsonType::Number,
        Value::String(_) => JsonType::String,
        Value::Array(_) => JsonType::Array,
        Value::Object(_) => JsonType::Object,
    }
}

/// `YYYY-MM-DD` naming a real day.
pub fn is_valid_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = &text[range];
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Bounds in force for a spec: the file's own, else the kind's defaults.
fn bounds(spec: &dyn ValueSpec) -> (Option<f64>, Option<f64>) {
    let (min, max) = spec.bounds();
    match spec.kind() {
        Kind::Year => (min.or(Some(1800.0)), max.or(Some(2100.0))),
        _ => (min, max),
    }
}

/// Checks a value of a simple kind (everything but offer lists, tables and evidence).
/// `municipalities` is `None` where no county is known (definition conditions).
pub fn check_simple(
    spec: &dyn ValueSpec,
    unit: Option<&str>,
    value: &Value,
    municipalities: Option<&[Municipality]>,
) -> Result<(), ValueProblem> {
    let kind = spec.kind();
    let wrong = || ValueProblem::WrongType {
        kind,
        found: json_type(value),
    };
    match kind {
        Kind::YesNo => value.is_boolean().then_some(()).ok_or_else(wrong),
        Kind::YesPartlyNo => {
            let text = value.as_str().ok_or_else(wrong)?;
            if YES_PARTLY_NO.contains(&text) {
                Ok(())
            } else {
                Err(ValueProblem::NotYesPartlyNo {
                    found: text.to_string(),
                })
            }
        }
        Kind::SingleChoice => check_option(spec, value.as_str().ok_or_else(wrong)?),
        Kind::MultipleChoice => check_string_list(value, wrong, |text| check_option(spec, text)),
        Kind::Integer | Kind::Year => {
            if json_type(value) != JsonType::Integer {
                return Err(wrong());
            }
            check_bounds(spec, unit, value)
        }
        Kind::Decimal | Kind::Percent => {
            if !value.is_number() {
                return Err(wrong());
            }
            check_bounds(spec, unit, value)
        }
        Kind::Date => {
            let text = value.as_str().ok_or_else(wrong)?;
            if is_valid_date(text) {
                Ok(())
            } else {
                Err(ValueProblem::InvalidDate {
                    found: text.to_string(),
                })
            }
        }
        Kind::ShortText | Kind::LongText => {
            let text = value.as_str().ok_or_else(wrong)?;
            if kind == Kind::ShortText && text.contains(['\n', '\r']) {
                return Err(ValueProblem::LineBreakInShortText);
            }
            let length = text.chars().count();
            match spec.max_length() {
                Some(max) if length > max as usize => Err(ValueProblem::TooLong { length, max }),
                _ => Ok(()),
            }
        }
        Kind::Municipalities => check_string_list(value, wrong, |name| match municipalities {
            Some(list) => check_municipality(list, name),
            None => Ok(()),
        }),
        Kind::OfferList | Kind::Table | Kind::Evidence => Err(wrong()),
    }
}

/// An array of distinct strings, each accepted by `check_item`.
fn check_string_list(
    value: &Value,
    wrong: impl Fn() -> ValueProblem,
    check_item: impl Fn(&str) -> Result<(), ValueProblem>,
) -> Result<(), ValueProblem> {
    let items = value.as_array().ok_or_else(&wrong)?;
    let mut seen: Vec<&str> = Vec::with_capacity(items.len());
    for item in items {
        let text = item.as_str().ok_or_else(&wrong)?;
        check_item(text)?;
        if seen.contains(&text) {
            return Err(ValueProblem::RepeatedOption {
                found: text.to_string(),
            });
        }
        seen.push(text);
    }
    Ok(())
}

fn check_option(spec: &dyn ValueSpec, text: &str) -> Result<(), ValueProblem> {
    if spec.options().iter().any(|o| o.id == text) {
        Ok(())
    } else {
        Err(ValueProblem::UnknownOption {
            found: text.to_string(),
            allowed: spec.options().iter().map(|o| o.id.clone()).collect(),
        })
    }
}

fn check_municipality(list: &[Municipality], name: &str) -> Result<(), ValueProblem> {
    if list.is_empty() {
        Err(ValueProblem::NoMunicipalities)
    } else if list.iter().any(|m| m.name == name) {
        Ok(())
    } else {
        Err(ValueProblem::UnknownMunicipality {
            found: name.to_string(),
        })
    }
}

fn check_bounds(
    spec: &dyn ValueSpec,
    unit: Option<&str>,
    value: &Value,
) -> Result<(), ValueProblem> {
    let number = value.as_f64().unwrap_or(f64::NAN);
    let (min, max) = bounds(spec);
    let unit = unit.map(str::to_string);
    if let Some(min) = min.filter(|min| number < *min) {
        return Err(ValueProblem::BelowMin {
            value: number,
            min,
            unit,
        });
    }
    if let Some(max) = max.filter(|max| number > *max) {
        return Err(ValueProblem::AboveMax {
            value: number,
            max,
            unit,
        });
    }
    Ok(())
}

/// A value problem found at a place below the answer's value.
pub struct Finding {
    /// Pointer relative to the value (empty for the value itself).
    pub pointer: String,
    pub problem: Problem,
    pub warning: bool,
}

fn finding(pointer: &str, problem: ValueProblem) -> Finding {
    Finding {
        pointer: pointer.to_string(),
        problem: Problem::Value(problem),
        warning: false,
    }
}

/// Checks the answer to a question of any kind and returns every problem found.
pub fn check_answer(
    question: &Question,
    value: &Value,
    municipalities: &[Municipality],
) -> Vec<Finding> {
    let mut out = Vec::new();
    let wrong = |found: &Value| ValueProblem::WrongType {
        kind: question.kind,
        found: json_type(found),
    };
    match question.kind {
        Kind::OfferList => match value.as_array() {
            None => out.push(finding("", wrong(value))),
            Some(records) => {
                for (index, record) in records.iter().enumerate() {
                    let mut pointer = String::new();
                    push_pointer(&mut pointer, &index.to_string());
                    check_record(question, record, &pointer, municipalities, &mut out);
                }
            }
        },
        Kind::Table => match value.as_object() {
            None => out.push(finding("", wrong(value))),
            Some(rows) => {
                for (key, record) in rows {
                    let mut pointer = String::new();
                    push_pointer(&mut pointer, key);
                    let known = if question.rows_per_municipality {
                        check_municipality(municipalities, key)
                    } else if question.rows.iter().any(|r| &r.id == key) {
                        Ok(())
                    } else {
                        Err(ValueProblem::UnknownRow {
                            found: key.clone(),
                            allowed: question.rows.iter().map(|r| r.id.clone()).collect(),
                        })
                    };
                    match known {
                        Ok(()) => {
                            check_record(question, record, &pointer, municipalities, &mut out)
                        }
                        Err(problem) => out.push(finding(&pointer, problem)),
                    }
                }
                if question.rows_per_municipality {
                    for municipality in municipalities {
                        if !rows.contains_key(&municipality.name) {
                            out.push(Finding {
                                pointer: String::new(),
                                problem: Problem::MunicipalityRowMissing {
                                    name: municipality.name.clone(),
                                },
                                warning: true,
                            });
                        }
                    }
                }
            }
        },
        Kind::Evidence => match value.as_array() {
            None => out.push(finding("", wrong(value))),
            Some(items) => {
                for (index, item) in items.iter().enumerate() {
                    let mut pointer = String::new();
                    push_pointer(&mut pointer, &index.to_string());
                    check_evidence_value(item, &pointer, &mut out);
                }
            }
        },
        _ => {
            if let Err(problem) = check_simple(
                question,
                question.unit.as_deref(),
                value,
                Some(municipalities),
            ) {
                out.push(finding("", problem));
            }
        }
    }
    out
}

fn check_record(
    question: &Question,
    record: &Value,
    pointer: &str,
    municipalities: &[Municipality],
    out: &mut Vec<Finding>,
) {
    let Some(cells) = record.as_object() else {
        out.push(Finding {
            pointer: pointer.to_string(),
            problem: Problem::WrongType {
                expected: vec![JsonType::Object],
                found: json_type(record),
            },
            warning: false,
        });
        return;
    };
    for (key, cell) in cells {
        let mut cell_pointer = pointer.to_string();
        push_pointer(&mut cell_pointer, key);
        let Some(column) = question.columns.iter().find(|c| &c.id == key) else {
            out.push(finding(
                &cell_pointer,
                ValueProblem::UnknownColumn {
                    found: key.clone(),
                    allowed: question.columns.iter().map(|c| c.id.clone()).collect(),
                },
            ));
            continue;
        };
        if cell.is_null() {
            continue;
        }
        if let Err(problem) =
            check_simple(column, column.unit.as_deref(), cell, Some(municipalities))
        {
            out.push(finding(&cell_pointer, problem));
        }
    }
    for column in question.columns.iter().filter(|c| c.required) {
        if cells.get(&column.id).is_none_or(Value::is_null) {
            out.push(Finding {
                pointer: pointer.to_string(),
                problem: Problem::RequiredCellEmpty {
                    column: column.id.clone(),
                },
                warning: true,
            });
        }
    }
}

/// The keys of an evidence reference written as an answer value.
const EVIDENCE_KEYS: [&str; 4] = ["title", "date", "link", "file"];

fn check_evidence_value(item: &Value, pointer: &str, out: &mut Vec<Finding>) {
    let error = |pointer: &str, problem: Problem| Finding {
        pointer: pointer.to_string(),
        problem,
        warning: false,
    };
    let Some(fields) = item.as_object() else {
        out.push(error(
            pointer,
            Problem::WrongType {
                expected: vec![JsonType::Object],
                found: json_type(item),
            },
        ));
        return;
    };
    for (key, field) in fields {
        let mut field_pointer = pointer.to_string();
        push_pointer(&mut field_pointer, key);
        if !EVIDENCE_KEYS.contains(&key.as_str()) {
            out.push(error(
                &field_pointer,
                Problem::UnknownKey {
                    key: key.clone(),
                    suggestion: crate::domain::schema::closest(key, EVIDENCE_KEYS.into_iter()),
                },
            ));
        } else if !field.is_string() {
            out.push(error(
                &field_pointer,
                Problem::WrongType {
                    expected: vec![JsonType::String],
                    found: json_type(field),
                },
            ));
        } else if key == "date" && !field.as_str().is_some_and(is_valid_date) {
            out.push(error(
                &field_pointer,
                Problem::InvalidDate {
                    found: field.as_str().unwrap_or_default().to_string(),
                },
            ));
        }
    }
    if !fields.contains_key("title") {
        let mut title = pointer.to_string();
        push_pointer(&mut title, "title");
        out.push(error(
            &title,
            Problem::MissingKey {
                key: "title".into(),
            },
        ));
    }
    if !fields.contains_key("link") && !fields.contains_key("file") {
        out.push(finding(pointer, ValueProblem::EvidenceWithoutTarget));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::definition::ChoiceOption;
    use serde_json::json;

    fn question(kind: Kind) -> Question {
        serde_json::from_value(json!({"id": "Q", "kind": kind, "text": "?"})).unwrap()
    }

    #[test]
    fn dates_must_be_real_days() {
        assert!(is_valid_date("2024-02-29"));
        assert!(!is_valid_date("2023-02-29"));
        assert!(!is_valid_date("2025-13-01"));
        assert!(!is_valid_date("2025-1-01"));
        assert!(!is_valid_date("2025-01-+1"));
        assert!(!is_valid_date("２０２５-01-01"));
    }

    #[test]
    fn simple_kinds() {
        let yes_no = question(Kind::YesNo);
        assert!(check_simple(&yes_no, None, &json!(true), None).is_ok());
        assert_eq!(
            check_simple(&yes_no, None, &json!("ja"), None),
            Err(ValueProblem::WrongType {
                kind: Kind::YesNo,
                found: JsonType::String
            })
        );
        let mut choice = question(Kind::MultipleChoice);
        choice.options = vec![
            ChoiceOption {
                id: "a".into(),
                label: "A".into(),
            },
            ChoiceOption {
                id: "b".into(),
                label: "B".into(),
            },
        ];
        assert!(check_simple(&choice, None, &json!(["a", "b"]), None).is_ok());
        assert_eq!(
            check_simple(&choice, None, &json!(["a", "a"]), None),
            Err(ValueProblem::RepeatedOption { found: "a".into() })
        );
        let percent = question(Kind::Percent);
        assert_eq!(
            check_simple(&percent, Some("%"), &json!(101.5), None),
            Err(ValueProblem::AboveMax {
                value: 101.5,
                max: 100.0,
                unit: Some("%".into())
            })
        );
        let integer = question(Kind::Integer);
        assert!(check_simple(&integer, None, &json!(2.5), None).is_err());
        assert!(check_simple(&integer, None, &json!(-3), None).is_ok());
        let short = question(Kind::ShortText);
        assert_eq!(
            check_simple(&short, None, &json!("a\nb"), None),
            Err(ValueProblem::LineBreakInShortText)
        );
    }
}
