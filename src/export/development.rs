//! The section of a Bilanzierung's report on the development since the last audit: the radar
//! of both audits, the scores then and now, the matrix of changed ratings, and per field of
//! action the ratings and answers that changed, all from `compare::Compared`.

use super::compare::{AnswerRow, Compared, REPORT_ANSWER};
use super::document::build::{columns, field_heads, heading, parameter_head, text};
use super::document::{
    Block, Cell, Column, Matrix, MatrixCell, MatrixRow, Row, Section, Style, Table,
};
use super::{Report, radar};
use crate::catalog::report::Text;
use crate::catalog::versions as words;

/// "HF2.T3.F04 (neu)": the ids and, unless the answer simply changed, how it changed.
fn question_ids(row: &AnswerRow, compared: &Compared) -> String {
    match row.kind {
        None => row.ids.clone(),
        Some(kind) => format!(
            "{} ({})",
            row.ids,
            words::answer_change(kind, compared.lang)
        ),
    }
}

pub fn section(report: &Report, figures: bool) -> Option<Section> {
    let compared = report.compared()?;
    let lang = report.lang;
    let mut blocks = vec![text(compared.heading(), Style::Small)];
    if figures {
        blocks.push(Block::Figure {
            svg: radar::svg_compared(report, &compared),
            caption: words::radar_both(compared.then_year(), compared.now_year(), lang),
        });
    }
    blocks.push(heading(words::scores_then_and_now(lang)));
    let [field, then, now, change] = compared.columns();
    let number = |label: &str| Column {
        label: label.to_string(),
        numeric: true,
    };
    let score_rows = compared.score_rows();
    let last = score_rows.len().saturating_sub(1);
    blocks.push(Block::Table(Table {
        class: "compared",
        columns: vec![
            Column {
                label: field,
                numeric: false,
            },
            number(&then),
            number(&now),
            Column {
                label: change,
                numeric: false,
            },
        ],
        rows: (score_rows.into_iter().enumerate())
            .map(|(n, row)| Row {
                cells: [row.label, row.then, row.now, row.change]
                    .map(Cell::text)
                    .into(),
                total: n == last,
            })
            .collect(),
        row_heads: true,
    }));
    if let Some(note) = compared.rescored_note() {
        blocks.push(text(note, Style::Note));
    }
    blocks.push(Block::Matrix(changes(report, &compared)));

    let mut any = false;
    for (field, f) in compared.fields() {
        if f.cells.is_empty() && f.answers.is_empty() {
            continue;
        }
        any = true;
        blocks.push(heading(format!("{} {}", field.id, field.label)));
        if !f.cells.is_empty() {
            blocks.push(text(
                format!(
                    "{}: {}",
                    words::cells_changed(lang),
                    compared.cell_changes(f).join("; ")
                ),
                Style::Plain,
            ));
        }
        let rows = compared.answer_rows(f, REPORT_ANSWER);
        if !rows.is_empty() {
            blocks.push(Block::Table(Table {
                class: "answers-compared",
                columns: columns([words::question(lang), &then, &now]),
                rows: (rows.iter())
                    .map(|row| Row {
                        cells: vec![
                            Cell::lead(question_ids(row, &compared), &row.question),
                            Cell::text(&row.then),
                            Cell::text(&row.now),
                        ],
                        total: false,
                    })
                    .collect(),
                row_heads: false,
            }));
        }
    }
    if !any {
        blocks.push(text(words::nothing_changed(lang), Style::Empty));
    }
    Some(Section {
        id: "development".into(),
        title: compared.section_title(),
        blocks,
    })
}

/// The matrix of ratings then and now, with a direction mark in each cell.
fn changes(report: &Report, compared: &Compared) -> Matrix {
    let lang = report.lang;
    let fields = &report.definition().fields_of_action;
    let rows = (report.matrix_parameters().into_iter())
        .map(|parameter| MatrixRow {
            head: parameter_head(parameter),
            weight: None,
            cells: (fields.iter())
                .map(|field| {
                    compared.cell_text(field, &parameter.id).map(|text| {
                        let tone = if text.ends_with('▲') {
                            "up"
                        } else if text.ends_with('▼') {
                            "down"
                        } else {
                            ""
                        };
                        MatrixCell {
                            text,
                            word: String::new(),
                            tone: tone.into(),
                        }
                    })
                })
                .collect(),
        })
        .collect();
    let codes: Vec<String> = (report.matrix_parameters().into_iter())
        .map(|p| format!("{} {}", parameter_head(p).code, p.label))
        .collect();
    Matrix {
        heading: words::ratings_then_and_now(lang).into(),
        class: "changes",
        corner: report.text(Text::Parameter),
        fields: field_heads(report),
        rows,
        totals: Vec::new(),
        legend_label: report.text(Text::Legend),
        codes: codes.join(" · "),
        levels: Vec::new(),
        legend: words::changes_legend(compared.then_year(), lang),
    }
}
