//! The section "Zweitprüfung" of a report whose assessment has a submitted second rating: who
//! rated, how far the two ratings agree (overall and per field of action), and the cells
//! settled by consensus with both original levels; and the closing block with the sign-offs.

use super::Report;
use super::agreement::{Ratings, figures};
use super::document::build::{columns, heading, text};
use super::document::{Block, Cell, Column, Row, Signer, Style, Table};
use crate::catalog::report;
use crate::catalog::second as words;
use crate::domain::assessment::Assessment;
use crate::store::SignOffState;

/// What the section shows.
struct Rows {
    raters: String,
    /// The header and one row per line: overall, then each field of action.
    agreement: Vec<[String; 6]>,
    method: String,
    /// Cell, first, second, agreed, rationale.
    consensus: Vec<[String; 5]>,
}

fn rows(report: &Report, second: &Assessment) -> Rows {
    let lang = report.lang;
    let first = report.assessment;
    let ratings = Ratings { first, second };
    let (overall, fields, _) = ratings.lines(lang);
    let mut agreement = vec![words::columns(lang)];
    for line in std::iter::once(&overall).chain(&fields) {
        let [cells, exact, within, kappa, alpha] = figures(line, lang);
        agreement.push([line.label.clone(), cells, exact, within, kappa, alpha]);
    }
    let consensus = (first.consensus.iter())
        .map(|((field, parameter), c)| {
            [
                report.cell_name(field, parameter),
                report.rating_label(c.first),
                report.rating_label(c.second),
                report.rating_label(Some(c.agreed)),
                c.rationale.trim().to_string(),
            ]
        })
        .collect();
    Rows {
        raters: words::raters(
            &first.auditor,
            &second.auditor,
            second.id,
            &report::timestamp(&second.updated_at, lang),
            lang,
        ),
        agreement,
        method: words::method(overall.agreement.levels, lang),
        consensus,
    }
}

/// The closing block of a finalised report: each signer's sign-off, or, until there is one,
/// lines to sign by hand.
pub fn signoffs(report: &Report) -> Option<super::document::Section> {
    let states = report.closing_signoffs();
    if states.is_empty() {
        return None;
    }
    let lang = report.lang;
    let signers = (states.iter())
        .map(|state| Signer {
            line: words::signoff_line(state, lang),
            by_hand: match state {
                SignOffState::Signed(_) => None,
                SignOffState::Open { auditor } => Some([
                    words::place_and_date(lang).to_string(),
                    words::signature_of(auditor, lang),
                ]),
            },
        })
        .collect();
    Some(super::document::Section {
        id: "signoff".into(),
        title: words::signoff_heading(lang).into(),
        blocks: vec![Block::Signatures { signers }],
    })
}

pub fn section(report: &Report) -> Option<super::document::Section> {
    let second = report.second?;
    let lang = report.lang;
    let s = rows(report, second);
    let mut agreement = s.agreement.into_iter();
    let columns_of_agreement = (agreement.next().into_iter().flatten().enumerate())
        .map(|(n, label)| Column {
            label,
            numeric: n > 0,
        })
        .collect();
    let mut blocks = vec![
        text(s.raters, Style::Plain),
        Block::Table(Table {
            class: "agreement",
            columns: columns_of_agreement,
            rows: (agreement.enumerate())
                .map(|(n, row)| Row {
                    cells: row.map(Cell::text).into(),
                    total: n == 0,
                })
                .collect(),
            row_heads: true,
        }),
        text(s.method, Style::Small),
        heading(words::consensus_heading(lang)),
    ];
    if s.consensus.is_empty() {
        blocks.push(text(words::no_consensus_needed(lang), Style::Plain));
    } else {
        blocks.push(Block::Table(Table {
            class: "consensus",
            columns: columns(words::consensus_columns(lang)),
            rows: (s.consensus.into_iter())
                .map(|row| Row {
                    cells: row.map(Cell::text).into(),
                    total: false,
                })
                .collect(),
            row_heads: false,
        }));
    }
    Some(super::document::Section {
        id: "second".into(),
        title: words::section_heading(lang).into(),
        blocks,
    })
}
