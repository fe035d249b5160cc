//! The section of a Bilanzierung's report on the development since the last audit, in
//! Markdown and HTML: the radar of both audits (HTML), the scores then and now, the matrix of
//! changed ratings, and per field of action the ratings and answers that changed. Both render
//! the same rows from `compare::Compared`.

use std::fmt::Write as _;

use super::compare::{AnswerRow, Compared, REPORT_ANSWER};
use super::escape::{html, markdown};
use super::{Report, radar};
use crate::catalog::versions as words;

/// The matrix's columns: the quality parameters any field rates today.
fn parameters<'a>(report: &'a Report) -> Vec<&'a str> {
    report
        .matrix_parameters()
        .into_iter()
        .map(|p| p.id.as_str())
        .collect()
}

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

pub fn markdown_section(report: &Report, out: &mut String) {
    let Some(compared) = report.compared() else {
        return;
    };
    let lang = report.lang;
    let inline = |text: &str| markdown(text, " ");
    let cell = |text: &str| markdown(text, "<br>");
    let _ = writeln!(
        out,
        "## {}\n\n{}\n",
        inline(&compared.section_title()),
        inline(&compared.heading())
    );
    let _ = writeln!(out, "### {}\n", words::scores_then_and_now(lang));
    let [field, then, now, change] = compared.columns();
    let _ = writeln!(
        out,
        "| {field} | {then} | {now} | {change} |\n| --- | --: | --: | --- |"
    );
    for row in compared.score_rows() {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(&row.label),
            cell(&row.then),
            cell(&row.now),
            cell(&row.change)
        );
    }
    out.push('\n');
    if let Some(note) = compared.rescored_note() {
        let _ = writeln!(out, "> {}\n", inline(&note));
    }

    let _ = writeln!(out, "### {}\n", words::ratings_then_and_now(lang));
    let fields = &report.definition().fields_of_action;
    let _ = write!(out, "| |");
    for field in fields {
        let _ = write!(out, " {} |", cell(&field.id));
    }
    let _ = write!(out, "\n| --- |");
    for _ in fields {
        out.push_str(" :-: |");
    }
    out.push('\n');
    for parameter in parameters(report) {
        let _ = write!(out, "| {} |", cell(parameter));
        for field in fields {
            let text = compared.cell_text(field, parameter).unwrap_or_default();
            let _ = write!(out, " {} |", cell(&text));
        }
        out.push('\n');
    }
    let codes: Vec<String> = (report.matrix_parameters().into_iter())
        .map(|p| format!("{} {}", p.id, p.label))
        .chain(fields.iter().map(|f| format!("{} {}", f.id, f.label)))
        .collect();
    let _ = writeln!(
        out,
        "\n*{}*\n\n*{}*\n",
        inline(&words::changes_legend(compared.then_year(), lang)),
        inline(&codes.join(" · "))
    );

    let mut any = false;
    for (field, f) in compared.fields() {
        if f.cells.is_empty() && f.answers.is_empty() {
            continue;
        }
        any = true;
        let _ = writeln!(out, "### {} {}\n", field.id, inline(&field.label));
        if !f.cells.is_empty() {
            let _ = writeln!(
                out,
                "{}: {}\n",
                words::cells_changed(lang),
                inline(&compared.cell_changes(f).join("; "))
            );
        }
        let rows = compared.answer_rows(f, REPORT_ANSWER);
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "| {} | {then} | {now} |\n| --- | --- | --- |",
            words::question(lang)
        );
        for row in &rows {
            let _ = writeln!(
                out,
                "| **{}** {} | {} | {} |",
                cell(&question_ids(row, &compared)),
                cell(&row.question),
                cell(&row.then),
                cell(&row.now)
            );
        }
        out.push('\n');
    }
    if !any {
        let _ = writeln!(out, "*{}*\n", words::nothing_changed(lang));
    }
}

pub fn html_section(report: &Report, out: &mut String) {
    let Some(compared) = report.compared() else {
        return;
    };
    let lang = report.lang;
    let _ = writeln!(
        out,
        "<section class=\"development\">\n<h2>{}</h2>\n<p class=\"small\">{}</p>",
        html(&compared.section_title()),
        html(&compared.heading())
    );
    let _ = writeln!(
        out,
        "<figure>{}<figcaption>{}</figcaption></figure>",
        radar::svg_compared(report, &compared),
        html(&words::radar_both(
            compared.then_year(),
            compared.now_year(),
            lang
        ))
    );

    let [field, then, now, change] = compared.columns();
    let _ = writeln!(
        out,
        "<h3>{}</h3>\n<table class=\"compared\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        html(words::scores_then_and_now(lang)),
        html(&field),
        html(&then),
        html(&now),
        html(&change)
    );
    let rows = compared.score_rows();
    let last = rows.len().saturating_sub(1);
    for (n, row) in rows.iter().enumerate() {
        let class = if n == last { " class=\"total\"" } else { "" };
        let _ = writeln!(
            out,
            "<tr{class}><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            html(&row.label),
            html(&row.then),
            html(&row.now),
            html(&row.change)
        );
    }
    out.push_str("</tbody></table>\n");
    if let Some(note) = compared.rescored_note() {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", html(&note));
    }

    let fields = &report.definition().fields_of_action;
    super::html::matrix_head(
        report,
        words::ratings_then_and_now(lang),
        "changes heatmap",
        out,
    );
    for parameter in report.matrix_parameters() {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", html(&parameter.label));
        for field in fields {
            let text = compared.cell_text(field, &parameter.id);
            let class = match text.as_deref() {
                Some(t) if t.ends_with('▲') => " class=\"up\"",
                Some(t) if t.ends_with('▼') => " class=\"down\"",
                _ => "",
            };
            let _ = write!(out, "<td{class}>{}</td>", html(&text.unwrap_or_default()));
        }
        out.push_str("</tr>\n");
    }
    let _ = writeln!(
        out,
        "</tbody></table>\n<p class=\"legend\">{}</p>",
        html(&words::changes_legend(compared.then_year(), lang))
    );

    let mut any = false;
    for (field, f) in compared.fields() {
        if f.cells.is_empty() && f.answers.is_empty() {
            continue;
        }
        any = true;
        let _ = writeln!(
            out,
            "<div class=\"changed\"><h3>{} {}</h3>",
            html(&field.id),
            html(&field.label)
        );
        if !f.cells.is_empty() {
            let _ = writeln!(
                out,
                "<p>{}: {}</p>",
                html(words::cells_changed(lang)),
                html(&compared.cell_changes(f).join("; "))
            );
        }
        let rows = compared.answer_rows(f, REPORT_ANSWER);
        if !rows.is_empty() {
            let _ = writeln!(
                out,
                "<table class=\"answers-compared\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
                html(words::question(lang)),
                html(&then),
                html(&now)
            );
            for row in &rows {
                let _ = writeln!(
                    out,
                    "<tr><td><span class=\"qid\">{}</span> {}</td><td>{}</td><td>{}</td></tr>",
                    html(&question_ids(row, &compared)),
                    html(&row.question),
                    html(&row.then),
                    html(&row.now)
                );
            }
            out.push_str("</tbody></table>\n");
        }
        out.push_str("</div>\n");
    }
    if !any {
        let _ = writeln!(
            out,
            "<p class=\"empty\">{}</p>",
            html(words::nothing_changed(lang))
        );
    }
    out.push_str("</section>\n");
}
