//! The section "Zweitprüfung" of a report whose assessment has a submitted second rating: who
//! rated, how far the two ratings agree (overall and per field of action), and the cells
//! settled by consensus with both original levels. Markdown and HTML render the same rows.

use std::fmt::Write as _;

use super::Report;
use super::agreement::{Ratings, figures};
use super::escape::{html, markdown};
use crate::catalog::report;
use crate::catalog::second as words;
use crate::domain::assessment::Assessment;
use crate::store::SignOffState;

/// What the section shows, made once for both formats.
struct Section {
    raters: String,
    /// The header and one row per line: overall, then each field of action.
    agreement: Vec<[String; 6]>,
    method: String,
    /// Cell, first, second, agreed, rationale.
    consensus: Vec<[String; 5]>,
}

fn section(report: &Report, second: &Assessment) -> Section {
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
    Section {
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
pub fn markdown_signoffs(report: &Report, out: &mut String) {
    let states = report.closing_signoffs();
    if states.is_empty() {
        return;
    }
    let lang = report.lang;
    let _ = writeln!(out, "## {}\n", words::signoff_heading(lang));
    for state in states {
        let line = words::signoff_line(state, lang);
        match state {
            SignOffState::Signed(_) => {
                let _ = writeln!(out, "- {}", markdown(&line, " "));
            }
            SignOffState::Open { auditor } => {
                let _ = writeln!(
                    out,
                    "- {}  \n  {}: ______________________ {}: ______________________",
                    markdown(&line, " "),
                    words::place_and_date(lang),
                    markdown(&words::signature_of(auditor, lang), " ")
                );
            }
        }
    }
    out.push('\n');
}

pub fn html_signoffs(report: &Report, out: &mut String) {
    let states = report.closing_signoffs();
    if states.is_empty() {
        return;
    }
    let lang = report.lang;
    let _ = writeln!(
        out,
        "<section class=\"signoff\">\n<h2>{}</h2>\n<ul>",
        html(words::signoff_heading(lang))
    );
    for state in states {
        let line = words::signoff_line(state, lang);
        let _ = writeln!(out, "<li>{}</li>", html(&line));
    }
    out.push_str("</ul>\n");
    // Who has not signed with a key signs here by hand.
    for state in states {
        if let SignOffState::Open { auditor } = state {
            let _ = writeln!(
                out,
                "<div class=\"signature\"><div><span class=\"line\"></span>{}</div><div><span class=\"line\"></span>{}</div></div>",
                html(words::place_and_date(lang)),
                html(&words::signature_of(auditor, lang))
            );
        }
    }
    out.push_str("</section>\n");
}

pub fn markdown_section(report: &Report, out: &mut String) {
    let Some(second) = report.second else {
        return;
    };
    let lang = report.lang;
    let s = section(report, second);
    let inline = |text: &str| markdown(text, " ");
    let cell = |text: &str| markdown(text, "<br>");
    let _ = writeln!(
        out,
        "## {}\n\n{}\n",
        words::section_heading(lang),
        inline(&s.raters)
    );
    for (index, row) in s.agreement.iter().enumerate() {
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
        if index == 0 {
            let _ = writeln!(out, "| --- | --: | --: | --: | --: | --: |");
        }
    }
    let _ = writeln!(out, "\n*{}*\n", inline(&s.method));
    let _ = writeln!(out, "### {}\n", words::consensus_heading(lang));
    if s.consensus.is_empty() {
        let _ = writeln!(out, "{}\n", words::no_consensus_needed(lang));
        return;
    }
    let _ = writeln!(
        out,
        "| {} |\n| --- | --- | --- | --- | --- |",
        words::consensus_columns(lang).join(" | ")
    );
    for row in &s.consensus {
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

pub fn html_section(report: &Report, out: &mut String) {
    let Some(second) = report.second else {
        return;
    };
    let lang = report.lang;
    let s = section(report, second);
    let _ = writeln!(
        out,
        "<section class=\"second\">\n<h2>{}</h2>\n<p>{}</p>\n<table class=\"agreement\">",
        html(words::section_heading(lang)),
        html(&s.raters)
    );
    for (index, row) in s.agreement.iter().enumerate() {
        let tag = if index == 0 { "th" } else { "td" };
        let cells: String = (row.iter().enumerate())
            .map(|(c, text)| {
                let tag = if c == 0 { "th" } else { tag };
                format!("<{tag}>{}</{tag}>", html(text))
            })
            .collect();
        let _ = writeln!(out, "<tr>{cells}</tr>");
    }
    let _ = writeln!(
        out,
        "</table>\n<p class=\"small\">{}</p>\n<h3>{}</h3>",
        html(&s.method),
        html(words::consensus_heading(lang))
    );
    if s.consensus.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", html(words::no_consensus_needed(lang)));
    } else {
        let head: String = (words::consensus_columns(lang).iter())
            .map(|c| format!("<th scope=\"col\">{}</th>", html(c)))
            .collect();
        let _ = writeln!(
            out,
            "<table class=\"consensus\"><thead><tr>{head}</tr></thead><tbody>"
        );
        for row in &s.consensus {
            let cells: String = row
                .iter()
                .map(|c| format!("<td>{}</td>", html(c)))
                .collect();
            let _ = writeln!(out, "<tr>{cells}</tr>");
        }
        out.push_str("</tbody></table>\n");
    }
    out.push_str("</section>\n");
}
