//! A county's answer as text people read: labels instead of ids, numbers with unit, dates in the
//! language's form, tables and offer lists one line per row or record. Used by every export and
//! meant for the terminal UI too. The text is not escaped; each format escapes it.

use serde_json::Value;

use crate::catalog::Lang;
use crate::catalog::report::{self, Text};
use crate::domain::answers::{Answer, Evidence};
use crate::domain::definition::{ChoiceOption, Column, Kind, Question};

/// An answer in words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnswerText {
    /// The value: one line, or one per record or table row; empty when not answered.
    pub lines: Vec<String>,
    /// Reference date (Stichtag) and source of a figure.
    pub details: Vec<String>,
    /// Documents the county named with the answer, one per line.
    pub evidence: Vec<String>,
}

impl AnswerText {
    pub fn is_answered(&self) -> bool {
        !self.lines.is_empty()
    }

    /// The value alone, or "nicht beantwortet".
    pub fn value(&self, lang: Lang) -> String {
        if self.lines.is_empty() {
            Text::NotAnswered.text(lang)
        } else {
            self.lines.join("\n")
        }
    }

    /// Value, details and evidence, one per line: for a spreadsheet cell.
    pub fn compact(&self, lang: Lang) -> String {
        let mut parts = vec![self.value(lang)];
        parts.extend(self.details.iter().cloned());
        parts.extend(
            self.evidence
                .iter()
                .map(|e| format!("{}: {e}", Text::Evidence.text(lang))),
        );
        parts.join("\n")
    }
}

/// Renders a question's answer (`None`, or a null value: not answered).
pub fn render(question: &Question, answer: Option<&Answer>, lang: Lang) -> AnswerText {
    let Some(answer) = answer.filter(|a| !a.value.is_null()) else {
        return AnswerText::default();
    };
    let lines = match question.kind {
        Kind::OfferList => offer_list(&question.columns, &answer.value, lang),
        Kind::Table => table(question, &answer.value, lang),
        Kind::Evidence => match serde_json::from_value::<Vec<Evidence>>(answer.value.clone()) {
            Ok(items) if items.is_empty() => vec![Text::None.text(lang)],
            Ok(items) => items.iter().map(|e| evidence(e, lang)).collect(),
            Err(_) => vec![raw(&answer.value)],
        },
        kind => vec![simple(
            kind,
            &question.options,
            question.unit.as_deref(),
            &answer.value,
            lang,
        )],
    };
    let mut details = Vec::new();
    if let Some(as_of) = &answer.as_of {
        details.push(format!(
            "{}: {}",
            Text::AsOf.text(lang),
            report::date(as_of, lang)
        ));
    }
    if let Some(source) = &answer.source {
        details.push(format!("{}: {source}", Text::Source.text(lang)));
    }
    AnswerText {
        lines,
        details,
        evidence: answer.evidence.iter().map(|e| evidence(e, lang)).collect(),
    }
}

/// A table or offer list as rows and columns, for formats that can draw a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The answer to a table or offer-list question as a grid; `None` for other kinds, an
/// unanswered question or an empty list.
pub fn grid(question: &Question, answer: Option<&Answer>, lang: Lang) -> Option<Grid> {
    let value = &answer.filter(|a| !a.value.is_null())?.value;
    let cell = |column: &Column, cells: &serde_json::Map<String, Value>| {
        cells
            .get(&column.id)
            .filter(|v| !v.is_null())
            .map(|v| {
                simple(
                    column.kind,
                    &column.options,
                    column.unit.as_deref(),
                    v,
                    lang,
                )
            })
            .unwrap_or_default()
    };
    let labels = question.columns.iter().map(|c| c.label.clone());
    match (question.kind, value) {
        (Kind::OfferList, Value::Array(records)) if !records.is_empty() => Some(Grid {
            header: labels.collect(),
            rows: records
                .iter()
                .map(|record| match record {
                    Value::Object(cells) => {
                        question.columns.iter().map(|c| cell(c, cells)).collect()
                    }
                    other => vec![raw(other)],
                })
                .collect(),
        }),
        (Kind::Table, Value::Object(rows)) if !rows.is_empty() => {
            let row = |label: &str, cells: &Value| {
                let mut out = vec![label.to_string()];
                match cells {
                    Value::Object(cells) => {
                        out.extend(question.columns.iter().map(|c| cell(c, cells)));
                    }
                    other => out.push(raw(other)),
                }
                out
            };
            let rows: Vec<Vec<String>> = if question.rows.is_empty() {
                rows.iter().map(|(name, cells)| row(name, cells)).collect()
            } else {
                question
                    .rows
                    .iter()
                    .filter_map(|r| rows.get(&r.id).map(|cells| row(&r.label, cells)))
                    .collect()
            };
            let mut header = vec![String::new()];
            header.extend(labels);
            Some(Grid { header, rows })
        }
        _ => None,
    }
}

/// "Title (20.06.2024): file.pdf, https://…".
pub fn evidence(item: &Evidence, lang: Lang) -> String {
    let mut text = item.title.clone();
    if let Some(date) = &item.date {
        text.push_str(&format!(" ({})", report::date(date, lang)));
    }
    let targets: Vec<&str> = [item.file.as_deref(), item.link.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !targets.is_empty() {
        text.push_str(": ");
        text.push_str(&targets.join(", "));
    }
    text
}

/// A value of a simple kind (a question's or a column's).
fn simple(
    kind: Kind,
    options: &[ChoiceOption],
    unit: Option<&str>,
    value: &Value,
    lang: Lang,
) -> String {
    let option_label = |id: &str| {
        options
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_string(), |o| o.label.clone())
    };
    let list = |items: Vec<String>| {
        if items.is_empty() {
            Text::None.text(lang)
        } else {
            items.join(", ")
        }
    };
    let text = match (kind, value) {
        (Kind::YesNo, Value::Bool(b)) => Some(report::yes_no(*b, lang).to_string()),
        (Kind::YesPartlyNo, Value::String(s)) => report::yes_partly_no(s, lang).map(str::to_string),
        (Kind::SingleChoice, Value::String(id)) => Some(option_label(id)),
        (Kind::MultipleChoice, Value::Array(ids)) => Some(list(
            ids.iter()
                .map(|id| id.as_str().map_or_else(|| raw(id), option_label))
                .collect(),
        )),
        (Kind::Municipalities, Value::Array(names)) => Some(list(
            names
                .iter()
                .map(|n| n.as_str().map_or_else(|| raw(n), str::to_string))
                .collect(),
        )),
        (Kind::Year, Value::Number(n)) => Some(n.to_string()),
        (Kind::Integer | Kind::Decimal | Kind::Percent, Value::Number(n)) => {
            let number = match n.as_i64() {
                Some(whole) => report::grouped(whole, lang),
                None => report::decimal(n.as_f64().unwrap_or_default(), 6, false, lang),
            };
            let unit = unit.or((kind == Kind::Percent).then_some("%"));
            Some(match unit {
                Some(unit) if !unit.is_empty() => {
                    let unit = report::unit_for(n.as_f64().unwrap_or_default(), unit);
                    format!("{number} {unit}")
                }
                _ => number,
            })
        }
        (Kind::Date, Value::String(s)) => Some(report::date(s, lang)),
        (Kind::ShortText | Kind::LongText, Value::String(s)) => Some(s.clone()),
        _ => None,
    };
    // Validated answers always fit their kind; anything else is shown as it was written.
    text.unwrap_or_else(|| raw(value))
}

fn raw(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The cells of one record or row: "Label: value; Label: value", columns in definition order.
fn record(columns: &[Column], cells: &serde_json::Map<String, Value>, lang: Lang) -> String {
    columns
        .iter()
        .filter_map(|column| {
            let value = cells.get(&column.id).filter(|v| !v.is_null())?;
            let text = simple(
                column.kind,
                &column.options,
                column.unit.as_deref(),
                value,
                lang,
            );
            Some(format!("{}: {text}", column.label))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// One line per record; a record's first column (its name) leads without a label.
fn offer_list(columns: &[Column], value: &Value, lang: Lang) -> Vec<String> {
    let Value::Array(records) = value else {
        return vec![raw(value)];
    };
    if records.is_empty() {
        return vec![Text::None.text(lang)];
    }
    records
        .iter()
        .map(|entry| {
            let Value::Object(cells) = entry else {
                return raw(entry);
            };
            let (first, rest) = columns
                .split_first()
                .map_or((None, columns), |(f, r)| (Some(f), r));
            let title = first
                .and_then(|c| cells.get(&c.id).filter(|v| !v.is_null()).map(|v| (c, v)))
                .map(|(c, v)| simple(c.kind, &c.options, c.unit.as_deref(), v, lang));
            let details = record(rest, cells, lang);
            match (title, details.is_empty()) {
                (Some(title), true) => title,
                (Some(title), false) => format!("{title} ({details})"),
                (None, _) => details,
            }
        })
        .collect()
}

/// One line per row: fixed rows in the definition's order under their labels, municipality
/// rows under the municipality's name.
fn table(question: &Question, value: &Value, lang: Lang) -> Vec<String> {
    let Value::Object(rows) = value else {
        return vec![raw(value)];
    };
    let line = |label: &str, cells: &Value| match cells {
        Value::Object(cells) => format!("{label}: {}", record(&question.columns, cells, lang)),
        other => format!("{label}: {}", raw(other)),
    };
    let lines: Vec<String> = if question.rows.is_empty() {
        rows.iter().map(|(name, cells)| line(name, cells)).collect()
    } else {
        question
            .rows
            .iter()
            .filter_map(|row| rows.get(&row.id).map(|cells| line(&row.label, cells)))
            .collect()
    };
    if lines.is_empty() {
        vec![Text::None.text(lang)]
    } else {
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn question(value: Value) -> Question {
        serde_json::from_value(value).unwrap()
    }

    fn answer(value: Value) -> Answer {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn simple_kinds_read_as_words() {
        let yes_no = question(json!({"id": "q", "kind": "yes_no", "text": "?"}));
        let a = answer(json!({"value": true, "source": "Stellenplan", "as_of": "2025-03-01"}));
        let text = render(&yes_no, Some(&a), Lang::De);
        assert_eq!(text.lines, ["ja"]);
        assert_eq!(
            text.details,
            ["Stichtag: 01.03.2025", "Quelle: Stellenplan"]
        );
        assert_eq!(render(&yes_no, Some(&a), Lang::En).lines, ["yes"]);

        let partly = question(json!({"id": "q", "kind": "yes_partly_no", "text": "?"}));
        let a = answer(json!({"value": "partly"}));
        assert_eq!(render(&partly, Some(&a), Lang::De).lines, ["teilweise"]);

        let choice = question(json!({"id": "q", "kind": "multiple_choice", "text": "?",
            "options": [{"id": "a", "label": "Eins"}, {"id": "b", "label": "Zwei"}]}));
        let a = answer(json!({"value": ["b", "a"]}));
        assert_eq!(render(&choice, Some(&a), Lang::De).lines, ["Zwei, Eins"]);
        let a = answer(json!({"value": []}));
        assert_eq!(render(&choice, Some(&a), Lang::De).lines, ["keine"]);

        let places = question(json!({"id": "q", "kind": "integer", "text": "?", "unit": "Plätze"}));
        let a = answer(json!({"value": 12345}));
        assert_eq!(render(&places, Some(&a), Lang::De).lines, ["12.345 Plätze"]);
        let a = answer(json!({"value": 1}));
        assert_eq!(render(&places, Some(&a), Lang::De).lines, ["1 Platz"]);
        let staff = question(json!({"id": "q", "kind": "decimal", "text": "?", "unit": "VZÄ"}));
        let a = answer(json!({"value": 1}));
        assert_eq!(render(&staff, Some(&a), Lang::De).lines, ["1 VZÄ"]);
        let share = question(json!({"id": "q", "kind": "percent", "text": "?"}));
        let a = answer(json!({"value": 40.1}));
        assert_eq!(render(&share, Some(&a), Lang::De).lines, ["40,1 %"]);

        let unanswered = answer(json!({"value": null, "comment": "folgt"}));
        let text = render(&share, Some(&unanswered), Lang::De);
        assert!(!text.is_answered());
        assert_eq!(text.value(Lang::De), "nicht beantwortet");
    }

    #[test]
    fn tables_and_offer_lists_are_one_line_per_row() {
        let offers = question(
            json!({"id": "q", "kind": "offer_list", "text": "?", "columns": [
            {"id": "name", "label": "Name", "kind": "short_text"},
            {"id": "seit", "label": "seit", "kind": "year"},
            {"id": "orte", "label": "Orte", "kind": "municipalities"}]}),
        );
        let a = answer(json!({"value": [
            {"name": "Ferienbetreuung Nord", "seit": 2019, "orte": ["Lindenau", "Rodewald"]},
            {"name": "Notfallbetreuung"}]}));
        assert_eq!(
            render(&offers, Some(&a), Lang::De).lines,
            [
                "Ferienbetreuung Nord (seit: 2019; Orte: Lindenau, Rodewald)",
                "Notfallbetreuung"
            ]
        );

        let table = question(json!({"id": "q", "kind": "table", "text": "?",
            "rows": [{"id": "u3", "label": "unter 3"}, {"id": "ue3", "label": "3 bis 6"}],
            "columns": [{"id": "n", "label": "Anzahl", "kind": "integer"}]}));
        let a = answer(json!({"value": {"ue3": {"n": 4620}, "u3": {"n": 4350}}}));
        assert_eq!(
            render(&table, Some(&a), Lang::De).lines,
            ["unter 3: Anzahl: 4350", "3 bis 6: Anzahl: 4620"]
        );
        assert_eq!(
            grid(&table, Some(&a), Lang::De),
            Some(Grid {
                header: vec!["".into(), "Anzahl".into()],
                rows: vec![
                    vec!["unter 3".into(), "4350".into()],
                    vec!["3 bis 6".into(), "4620".into()]
                ]
            })
        );
    }

    #[test]
    fn evidence_names_title_date_and_target() {
        let item = Evidence {
            title: "Kreistagsbeschluss".into(),
            date: Some("2024-06-20".into()),
            link: None,
            file: Some("KT.pdf".into()),
        };
        assert_eq!(
            evidence(&item, Lang::De),
            "Kreistagsbeschluss (20.06.2024): KT.pdf"
        );
        let a = Answer {
            value: json!(true),
            as_of: None,
            source: None,
            comment: None,
            need_for_action: false,
            evidence: vec![item],
        };
        let q = question(json!({"id": "q", "kind": "yes_no", "text": "?"}));
        assert_eq!(
            render(&q, Some(&a), Lang::De).compact(Lang::De),
            "ja\nBeleg: Kreistagsbeschluss (20.06.2024): KT.pdf"
        );
    }
}
