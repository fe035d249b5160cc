//! A county's answer rendered for its kind: yes/no in words, numbers with unit, option labels,
//! lists of offers and tables as tables (or as records where the pane is too narrow).
//! Every piece of county text goes through `sanitize`, so it cannot reach the terminal raw.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use crate::catalog::Lang;
use crate::catalog::tui::Ui;
use crate::domain::answers::{Answer, Answers};
use crate::domain::definition::{Column, Kind, Question, ValueSpec};
use crate::text::sanitize;
use crate::tui::theme::Theme;

/// A number as people of the language write it: `1.681,5` or `1,681.5`.
pub fn number(value: f64, lang: Lang) -> String {
    let negative = value < 0.0;
    let text = if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{:.0}", value.abs())
    } else {
        format!("{}", value.abs())
    };
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let (group, decimal) = match lang {
        Lang::De => ('.', ','),
        Lang::En => (',', '.'),
    };
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(digit);
    }
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&grouped);
    if !fraction.is_empty() {
        out.push(decimal);
        out.push_str(fraction);
    }
    out
}

/// `2019-06-27` → `27.06.2019` in German; unchanged in English.
pub fn date(text: &str, lang: Lang) -> String {
    match (lang, text.split('-').collect::<Vec<_>>().as_slice()) {
        (Lang::De, [y, m, d]) => format!("{d}.{m}.{y}"),
        _ => text.to_string(),
    }
}

fn option_label(spec: &dyn ValueSpec, id: &str) -> String {
    spec.options()
        .iter()
        .find(|o| o.id == id)
        .map_or_else(|| id.to_string(), |o| o.label.clone())
}

/// A simple value (not a list of records) as text. The text is the county's: sanitize it (or
/// use `paragraphs`) before it is drawn.
pub fn simple_text(spec: &dyn ValueSpec, unit: Option<&str>, value: &Value, lang: Lang) -> String {
    match (spec.kind(), value) {
        (_, Value::Null) => String::new(),
        (Kind::YesNo, Value::Bool(true)) => Ui::Yes.text(lang).into(),
        (Kind::YesNo, Value::Bool(false)) => Ui::No.text(lang).into(),
        (Kind::YesPartlyNo, Value::String(s)) => match s.as_str() {
            "yes" => Ui::Yes.text(lang).into(),
            "partly" => Ui::Partly.text(lang).into(),
            "no" => Ui::No.text(lang).into(),
            other => other.to_string(),
        },
        (Kind::SingleChoice, Value::String(id)) => option_label(spec, id),
        (Kind::MultipleChoice, Value::Array(ids)) => ids
            .iter()
            .map(|id| option_label(spec, id.as_str().unwrap_or_default()))
            .collect::<Vec<_>>()
            .join(", "),
        (Kind::Year, Value::Number(n)) => n.to_string(),
        (Kind::Integer | Kind::Decimal | Kind::Percent, Value::Number(n)) => {
            let count = n.as_f64().unwrap_or_default();
            let mut text = number(count, lang);
            // A no-break space: a number never wraps away from its unit.
            if let Some(unit) = unit.filter(|u| !u.is_empty()) {
                text.push('\u{a0}');
                text.push_str(crate::catalog::report::unit_for(count, unit));
            } else if spec.kind() == Kind::Percent {
                text.push_str("\u{a0}%");
            }
            text
        }
        (Kind::Date, Value::String(d)) => date(d, lang),
        (Kind::Municipalities, Value::Array(names)) => names
            .iter()
            .map(|n| n.as_str().unwrap_or_default())
            .collect::<Vec<_>>()
            .join(", "),
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}

/// The answer as one searchable text.
pub fn plain_text(question: &Question, answer: &Answer, answers: &Answers, lang: Lang) -> String {
    match question.kind {
        Kind::OfferList | Kind::Table => records(question, &answer.value, answers, lang)
            .into_iter()
            .map(|(head, cells)| {
                let mut text = head.unwrap_or_default();
                for (label, value) in cells {
                    text.push_str(&format!(" {label}: {value}"));
                }
                text
            })
            .collect::<Vec<_>>()
            .join(" "),
        Kind::Evidence => evidence_lines(&answer.value, lang).join(" "),
        _ => simple_text(question, question.unit.as_deref(), &answer.value, lang),
    }
}

type Record = (Option<String>, Vec<(String, String)>);

/// Offer lists and tables as records: an optional row label and (column label, value) pairs.
fn records(question: &Question, value: &Value, answers: &Answers, lang: Lang) -> Vec<Record> {
    let cells = |record: &Value| -> Vec<(String, String)> {
        question
            .columns
            .iter()
            .filter_map(|column: &Column| {
                let cell = record.get(&column.id)?;
                let text = one_line(&simple_text(column, column.unit.as_deref(), cell, lang));
                (!text.is_empty()).then(|| (one_line(&column.label), text))
            })
            .collect()
    };
    match value {
        Value::Array(items) => items.iter().map(|item| (None, cells(item))).collect(),
        Value::Object(rows) => {
            // Rows in the order the questionnaire or the county list gives, then the rest.
            let order: Vec<(String, String)> = if question.rows_per_municipality {
                answers
                    .county
                    .municipalities
                    .iter()
                    .map(|m| (m.name.clone(), m.name.clone()))
                    .collect()
            } else {
                question
                    .rows
                    .iter()
                    .map(|r| (r.id.clone(), r.label.clone()))
                    .collect()
            };
            let mut out: Vec<Record> = order
                .iter()
                .filter_map(|(key, label)| {
                    rows.get(key).map(|row| (Some(one_line(label)), cells(row)))
                })
                .collect();
            for (key, row) in rows {
                if !order.iter().any(|(k, _)| k == key) {
                    out.push((Some(one_line(key)), cells(row)));
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

fn evidence_lines(value: &Value, lang: Lang) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|item| {
                    let field = |key: &str| item.get(key).and_then(Value::as_str).map(one_line);
                    let mut line = field("title").unwrap_or_default();
                    if let Some(d) = field("date") {
                        line.push_str(&format!(" ({})", date(&d, lang)));
                    }
                    for target in [field("file"), field("link")].into_iter().flatten() {
                        line.push_str(&format!(" — {target}"));
                    }
                    line
                })
                .collect()
        })
        .unwrap_or_default()
}

/// County text for one line: line breaks become spaces, control characters placeholders.
pub fn one_line(text: &str) -> String {
    sanitize(&text.replace(['\n', '\r'], " ")).into_owned()
}

/// How many characters of one text are laid out at a time: a longer text is shown in parts,
/// so that a frame never lays out more than this whatever the county sent.
pub const TEXT_PART: usize = 6_000;

/// That a text is shown in parts, and which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shortened {
    /// From 0.
    pub part: usize,
    pub parts: usize,
    pub chars: usize,
}

/// Part `part` of a text (the last one if it has fewer), at most `TEXT_PART` characters, and
/// whether the text was shortened to it.
pub fn text_part(text: &str, part: usize) -> (&str, Option<Shortened>) {
    // A text of few bytes has as few characters: no count needed.
    if text.len() <= TEXT_PART {
        return (text, None);
    }
    let chars = text.chars().count();
    if chars <= TEXT_PART {
        return (text, None);
    }
    let parts = chars.div_ceil(TEXT_PART);
    let part = part.min(parts - 1);
    let byte_at = |s: &str, n: usize| s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    let start = byte_at(text, part * TEXT_PART);
    let end = start + byte_at(&text[start..], TEXT_PART);
    let shortened = Shortened { part, parts, chars };
    (&text[start..end], Some(shortened))
}

/// County text as lines of at most `width` columns: paragraphs kept, everything sanitized.
pub fn paragraphs(text: &str, width: usize) -> Vec<String> {
    text.split('\n')
        .flat_map(|paragraph| wrap(&sanitize(paragraph.trim_end_matches('\r')), width))
        .collect()
}

/// Splits text that is already safe to show into lines of at most `width` columns at spaces;
/// a paragraph's leading indentation is kept on every line of it.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        let body = paragraph.trim_start_matches(' ');
        let indent = " ".repeat((paragraph.len() - body.len()).min(width / 2));
        let room = width - indent.len();
        let mut line = String::new();
        let mut line_width = 0;
        for word in body.split(' ') {
            let word_width = word.width();
            if !line.is_empty() && line_width + 1 + word_width > room {
                out.push(format!("{indent}{}", std::mem::take(&mut line)));
                line_width = 0;
            }
            if !line.is_empty() {
                line.push(' ');
                line_width += 1;
            }
            line.push_str(word);
            line_width += word_width;
            if line_width > room {
                // A word longer than the line is cut in one pass over it, so that a long run
                // without spaces costs no more than its length.
                let mut used = 0;
                let mut start = 0;
                for (index, c) in line.char_indices() {
                    let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                    if used + w > room && index > start {
                        out.push(format!("{indent}{}", &line[start..index]));
                        start = index;
                        used = 0;
                    }
                    used += w;
                }
                line = line[start..].to_string();
                line_width = used;
            }
        }
        out.push(format!("{indent}{line}"));
    }
    out
}

fn pad(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(fill))
}

/// The answer as lines for a pane `width` columns wide.
///
/// A long text answer shows only its part `part`; the second value says so.
pub fn lines(
    question: &Question,
    answer: &Answer,
    answers: &Answers,
    width: u16,
    part: usize,
    theme: &Theme,
    lang: Lang,
) -> (Vec<Line<'static>>, Option<Shortened>) {
    let width = usize::from(width).max(10);
    match question.kind {
        Kind::OfferList | Kind::Table => {
            let records = records(question, &answer.value, answers, lang);
            (table_lines(question, &records, width, theme), None)
        }
        Kind::Evidence => {
            let lines = evidence_lines(&answer.value, lang)
                .into_iter()
                .flat_map(|line| wrap(&format!("▪ {line}"), width))
                .map(Line::from)
                .collect();
            (lines, None)
        }
        Kind::MultipleChoice | Kind::Municipalities => {
            let items: Vec<String> = match &answer.value {
                Value::Array(items) => items
                    .iter()
                    .map(|item| match (question.kind, item.as_str()) {
                        (Kind::MultipleChoice, Some(id)) => option_label(question, id),
                        (_, Some(name)) => name.to_string(),
                        _ => item.to_string(),
                    })
                    .collect(),
                other => vec![other.to_string()],
            };
            let lines = items
                .iter()
                .flat_map(|item| wrap(&format!("• {}", one_line(item)), width))
                .map(Line::from)
                .collect();
            (lines, None)
        }
        _ => {
            let text = simple_text(question, question.unit.as_deref(), &answer.value, lang);
            let (shown, shortened) = text_part(&text, part);
            let lines = paragraphs(shown, width)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, theme.heading)))
                .collect();
            (lines, shortened)
        }
    }
}

/// Records as a table when it fits the width, else as one block per record.
fn table_lines(
    question: &Question,
    records: &[Record],
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let has_head = records.iter().any(|(head, _)| head.is_some());
    let labels: Vec<String> = question
        .columns
        .iter()
        .map(|c| sanitize(&c.label).into_owned())
        .collect();
    let value = |record: &Record, label: &str| {
        record
            .1
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut widths: Vec<usize> = labels.iter().map(|l| l.width()).collect();
    for record in records {
        for (i, label) in labels.iter().enumerate() {
            widths[i] = widths[i].max(value(record, label).width());
        }
    }
    let head_width = records
        .iter()
        .filter_map(|(h, _)| h.as_ref())
        .map(|h| h.width())
        .max()
        .unwrap_or(0);
    let total: usize =
        widths.iter().sum::<usize>() + 2 * widths.len() + if has_head { head_width + 2 } else { 0 };
    if total <= width {
        let mut header = String::new();
        if has_head {
            header.push_str(&pad("", head_width + 2));
        }
        for (label, w) in labels.iter().zip(&widths) {
            header.push_str(&pad(label, w + 2));
        }
        let mut out = vec![Line::from(Span::styled(
            header.trim_end().to_string(),
            theme.dim,
        ))];
        for record in records {
            let mut line = String::new();
            if has_head {
                line.push_str(&pad(record.0.as_deref().unwrap_or(""), head_width + 2));
            }
            for (label, w) in labels.iter().zip(&widths) {
                line.push_str(&pad(&value(record, label), w + 2));
            }
            out.push(Line::from(line.trim_end().to_string()));
        }
        return out;
    }
    let mut out = Vec::new();
    for record in records {
        let (head, cells) = record;
        let mut cells = cells.iter();
        let title = match head {
            Some(head) => head.clone(),
            None => cells.next().map(|(_, v)| v.clone()).unwrap_or_default(),
        };
        for line in wrap(&format!("▸ {title}"), width) {
            out.push(Line::from(Span::styled(
                line,
                Style::new().patch(theme.heading),
            )));
        }
        for (label, text) in cells {
            for line in wrap(&format!("  {label}: {text}"), width) {
                out.push(Line::from(line));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_both_languages() {
        assert_eq!(number(1681.0, Lang::De), "1.681");
        assert_eq!(number(1681.0, Lang::En), "1,681");
        assert_eq!(number(38.6, Lang::De), "38,6");
        assert_eq!(number(-1234567.25, Lang::De), "-1.234.567,25");
        assert_eq!(number(12.0, Lang::De), "12");
        assert_eq!(date("2019-06-27", Lang::De), "27.06.2019");
    }

    #[test]
    fn a_long_text_is_shown_in_parts_cut_between_characters() {
        let short = "ä".repeat(TEXT_PART);
        assert_eq!(text_part(&short, 3), (short.as_str(), None));
        let long = format!("{}{}", "ä".repeat(TEXT_PART), "ö".repeat(TEXT_PART / 2));
        let (first, shortened) = text_part(&long, 0);
        assert_eq!(first, "ä".repeat(TEXT_PART));
        let expected = Shortened {
            part: 0,
            parts: 2,
            chars: TEXT_PART * 3 / 2,
        };
        assert_eq!(shortened, Some(expected));
        // Beyond the end: the last part.
        let (last, shortened) = text_part(&long, 9);
        assert_eq!(last, "ö".repeat(TEXT_PART / 2));
        assert_eq!(shortened.map(|s| s.part), Some(1));
    }

    #[test]
    fn wrapping_keeps_words_and_splits_long_ones() {
        assert_eq!(wrap("ein kurzer Satz", 9), vec!["ein", "kurzer", "Satz"]);
        assert_eq!(wrap("abcdefghijkl", 8), vec!["abcdefgh", "ijkl"]);
        assert_eq!(wrap("a\nb", 20), vec!["a", "b"]);
        assert_eq!(
            wrap("  Träger: AWO Kreisverband", 16),
            vec!["  Träger: AWO", "  Kreisverband"]
        );
        let long = "x".repeat(100_000);
        let lines = wrap(&long, 40);
        assert_eq!(lines.len(), 2_500);
        assert!(lines.iter().all(|l| l.len() == 40));
        let percent = format!("Anteil 38{}%", '\u{a0}');
        assert_eq!(
            wrap(&percent, 9),
            vec!["Anteil".to_string(), format!("38{}%", '\u{a0}')]
        );
    }
}
