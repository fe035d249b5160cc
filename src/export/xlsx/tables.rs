//! The workbook's further sheets: the findings, the comparison with the last audit, the changed
//! answers and the Zweitprüfung, written as tables with a header row, numbers as numbers.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::super::Report;
use super::{Styles, fit_row, print_setup, text};

/// A table of text rows under a header row, numbers written as numbers.
pub(super) fn table(
    sheet: &mut Worksheet,
    first_row: u32,
    rows: &[Vec<String>],
    widths: &[f64],
    s: &Styles,
) -> Result<u32, XlsxError> {
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
    }
    for (r, cells) in rows.iter().enumerate() {
        let row = first_row + r as u32;
        for (c, value) in cells.iter().enumerate() {
            // "2,1" and "+0,4" are numbers; "n.z." and the ids are not.
            let number = value.replace(',', ".").parse::<f64>().ok();
            match number {
                Some(number) if r > 0 && !value.is_empty() => {
                    sheet.write_number_with_format(row, c as u16, number, &s.wrap)?;
                }
                _ => text(
                    sheet,
                    row,
                    c as u16,
                    value,
                    if r == 0 { &s.header } else { &s.wrap },
                )?,
            }
        }
        let cells: Vec<(&str, f64)> = (cells.iter().map(String::as_str))
            .zip(widths.iter().copied())
            .collect();
        fit_row(sheet, row, &cells)?;
    }
    let last = first_row + (rows.len() as u32).saturating_sub(1);
    sheet.autofilter(first_row, 0, last, widths.len() as u16 - 1)?;
    sheet.set_freeze_panes(first_row + 1, 0)?;
    sheet.set_repeat_rows(first_row, first_row)?;
    Ok(last)
}

/// Every cell's rating and rationale, one row each under a header of its own.
pub(super) fn rationales(
    report: &Report,
    sheet: &mut Worksheet,
    s: &Styles,
) -> Result<(), XlsxError> {
    use crate::catalog::report::Text;
    sheet.set_name(report.text(Text::SheetRationales))?;
    print_setup(sheet, true)?;
    let mut rows = vec![
        [
            Text::FieldOfAction,
            Text::Parameter,
            Text::Rating,
            Text::Rationale,
        ]
        .map(|label| report.text(label))
        .to_vec(),
    ];
    for (field, parameter) in report.assessment.matrix() {
        let cell = report.assessment.cell(&field.id, &parameter.id);
        let mut rating = report.rating_label(cell.and_then(|c| c.rating));
        if cell.is_some_and(|c| c.needs_reconfirmation) {
            rating.push_str(&format!(" ({})", report.text(Text::NeedsReconfirmation)));
        }
        rows.push(vec![
            format!("{} {}", field.id, field.label),
            parameter.label.clone(),
            rating,
            cell.map_or("", |c| c.rationale.trim()).to_string(),
        ]);
    }
    table(sheet, 0, &rows, &[30.0, 24.0, 18.0, 90.0], s)?;
    Ok(())
}

/// Every strength, challenge and recommendation, field by field, in the report's order.
pub(super) fn findings(
    report: &Report,
    sheet: &mut Worksheet,
    s: &Styles,
) -> Result<(), XlsxError> {
    use crate::catalog::report::{self, Text};
    use crate::domain::assessment::FindingKind;
    sheet.set_name(report.text(Text::SheetFindings))?;
    print_setup(sheet, false)?;
    let mut rows = vec![vec![
        report.text(Text::FieldOfAction),
        report.text(Text::FindingKindColumn),
        report.text(Text::Finding),
    ]];
    for field in &report.definition().fields_of_action {
        for kind in FindingKind::ALL {
            for finding in report.assessment.findings_of(&field.id, kind) {
                rows.push(vec![
                    format!("{} {}", field.number, field.label),
                    report::finding_kind(kind, report.lang).to_string(),
                    finding.text.clone(),
                ]);
            }
        }
    }
    table(sheet, 0, &rows, &[30.0, 18.0, 80.0], s)?;
    Ok(())
}

/// A Bilanzierung's ratings and scores beside the last audit's.
pub(super) fn comparison(
    compared: &super::super::compare::Compared,
    sheet: &mut Worksheet,
    s: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(crate::catalog::versions::sheet_comparison(compared.lang))?;
    print_setup(sheet, true)?;
    text(sheet, 0, 0, &compared.section_title(), &s.title)?;
    text(sheet, 1, 0, &compared.heading(), &Format::new())?;
    if let Some(note) = compared.rescored_note() {
        text(sheet, 2, 0, &note, &Format::new())?;
    }
    let widths = [
        9.0, 30.0, 10.0, 26.0, 11.0, 11.0, 9.0, 14.0, 14.0, 10.0, 11.0, 40.0,
    ];
    table(sheet, 4, &compared.cell_table(), &widths, s)?;
    Ok(())
}

/// Every answer that changed since the last audit, in full.
pub(super) fn changed_answers(
    compared: &super::super::compare::Compared,
    sheet: &mut Worksheet,
    s: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(crate::catalog::versions::sheet_changed_answers(
        compared.lang,
    ))?;
    print_setup(sheet, true)?;
    let widths = [26.0, 16.0, 50.0, 16.0, 45.0, 45.0];
    table(sheet, 0, &compared.answer_table(), &widths, s)?;
    Ok(())
}

/// The Zweitprüfung: the agreement per field of action, then the cells settled by consensus.
pub(super) fn second_rating(
    report: &Report,
    second: &crate::domain::assessment::Assessment,
    sheet: &mut Worksheet,
    s: &Styles,
) -> Result<(), XlsxError> {
    use crate::catalog::second as words;
    let lang = report.lang;
    sheet.set_name(words::section_heading(lang))?;
    print_setup(sheet, true)?;
    let ratings = super::super::agreement::Ratings {
        first: report.assessment,
        second,
    };
    let (overall, fields, _) = ratings.lines(lang);
    let mut rows: Vec<Vec<String>> = vec![words::columns(lang).to_vec()];
    for line in std::iter::once(&overall).chain(&fields) {
        let mut row = vec![line.label.clone()];
        row.extend(super::super::agreement::figures(line, lang));
        rows.push(row);
    }
    let widths = [44.0, 10.0, 10.0, 10.0, 10.0, 10.0];
    let last = table(sheet, 0, &rows, &widths, s)?;
    let mut consensus: Vec<Vec<String>> = vec![
        words::consensus_columns(lang)
            .iter()
            .map(|c| c.to_string())
            .collect(),
    ];
    for ((field, parameter), c) in &report.assessment.consensus {
        consensus.push(vec![
            report.cell_name(field, parameter),
            report.rating_label(c.first),
            report.rating_label(c.second),
            report.rating_label(Some(c.agreed)),
            c.rationale.clone(),
        ]);
    }
    if consensus.len() > 1 {
        let first = last + 2;
        for (r, cells) in consensus.iter().enumerate() {
            for (c, value) in cells.iter().enumerate() {
                let format = if r == 0 { &s.header } else { &s.wrap };
                text(sheet, first + r as u32, c as u16, value, format)?;
            }
        }
    }
    Ok(())
}
