//! CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads the umlauts), `;` by
//! default (German Excel), records ended by CR LF and fields quoted by RFC 4180.

use super::escape::csv as field;
use super::{Options, Part, Report};
use crate::catalog::report::{self, Text};
use crate::domain::assessment::Rating;

const BOM: &str = "\u{feff}";

/// The table of one part, as rows of unescaped text; shared with the workbook.
pub fn rows(report: &Report, part: Part) -> Vec<Vec<String>> {
    match part {
        Part::Cells => cell_rows(report),
        Part::Answers => answer_rows(report),
        Part::Comparison => report
            .compared()
            .map_or_else(Vec::new, |compared| compared.cell_table()),
    }
}

fn cell_rows(report: &Report) -> Vec<Vec<String>> {
    let lang = report.lang;
    let mut rows = vec![vec![
        format!("{}-ID", report.text(Text::FieldOfAction)),
        report.text(Text::FieldOfAction),
        format!("{}-ID", report.text(Text::Parameter)),
        report.text(Text::Parameter),
        report.text(Text::Level),
        report.text(Text::Mark),
        report.text(Text::Rationale),
        report.text(Text::NeedsReconfirmation),
    ]];
    for (field, parameter) in report.assessment.matrix() {
        let cell = report.assessment.cell(&field.id, &parameter.id);
        let rating = cell.and_then(|c| c.rating);
        let (level, mark) = match rating {
            Some(Rating::Level(level)) => (level.to_string(), String::new()),
            Some(mark) => (String::new(), report.rating_label(Some(mark))),
            None => (String::new(), String::new()),
        };
        rows.push(vec![
            field.id.clone(),
            field.label.clone(),
            parameter.id.clone(),
            parameter.label.clone(),
            level,
            mark,
            cell.map_or_else(String::new, |c| c.rationale.clone()),
            report::yes_no(cell.is_some_and(|c| c.needs_reconfirmation), lang).into(),
        ]);
    }
    rows
}

fn answer_rows(report: &Report) -> Vec<Vec<String>> {
    let lang = report.lang;
    let d = report.definition();
    let mut rows = vec![vec![
        report.text(Text::FieldOfAction),
        report.text(Text::Topic),
        report.text(Text::QuestionId),
        report.text(Text::Question),
        report.text(Text::Answer),
        report.text(Text::CountyComment),
        report.text(Text::NeedForAction),
        report.text(Text::Reviewed),
        report.text(Text::AuditorNote),
        report.text(Text::FollowUps),
    ]];
    for (f, t, question) in d.questions() {
        let field = &d.fields_of_action[f];
        let topic = &field.topics[t];
        let follow_ups: Vec<String> = report
            .follow_ups_of(&question.id)
            .map(|fu| {
                format!(
                    "[{}] {}",
                    report::follow_up_status(fu.status, lang),
                    fu.text.trim()
                )
            })
            .collect();
        rows.push(vec![
            format!("{} {}", field.id, field.label),
            format!("{} {}", topic.id, topic.label),
            question.id.clone(),
            question.text.clone(),
            report.answer_text(question).compact(lang),
            report.comment(&question.id).to_string(),
            report::yes_no(report.need_for_action(&question.id), lang).into(),
            report::yes_no(
                report
                    .assessment
                    .review(&question.id)
                    .is_some_and(|r| r.reviewed),
                lang,
            )
            .into(),
            report.note(&question.id).to_string(),
            follow_ups.join("\n"),
        ]);
    }
    rows
}

pub fn render(report: &Report, options: &Options) -> Vec<u8> {
    let mut out = String::from(BOM);
    for row in rows(report, options.part) {
        let fields: Vec<String> = row
            .iter()
            .map(|text| field(text, options.separator))
            .collect();
        out.push_str(&fields.join(&options.separator.to_string()));
        out.push_str("\r\n");
    }
    out.into_bytes()
}
