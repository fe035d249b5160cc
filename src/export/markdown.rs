//! The Markdown report an auditor hands to the Strategieworkshop.

use std::fmt::Write as _;

use super::Report;
use super::escape::markdown;
use crate::catalog::report::{self, Text};
use crate::domain::assessment::{FindingKind, Status};
use crate::domain::definition::{FieldOfAction, abbreviation};

/// Inline text: one line, markup escaped.
fn inline(text: &str) -> String {
    markdown(text, " ")
}

/// Text inside a list item: lines kept as hard breaks under the item's indentation.
fn item(text: &str) -> String {
    markdown(text, "  \n  ")
}

/// Text in a table cell.
fn cell(text: &str) -> String {
    markdown(text, "<br>")
}

/// Paragraphs of free text (overall assessment): blank lines kept.
fn paragraphs(text: &str) -> String {
    text.trim()
        .split("\n\n")
        .map(|p| markdown(p, "  \n"))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

pub fn render(report: &Report) -> String {
    let mut out = String::with_capacity(32 * 1024);
    head(report, &mut out);
    overview(report, &mut out);
    let _ = writeln!(out, "## {}\n", report.text(Text::OverallText));
    let overall = report.assessment.overall.trim();
    if overall.is_empty() {
        let _ = writeln!(out, "*{}*\n", report.text(Text::NoOverallText));
    } else {
        let _ = writeln!(out, "{}\n", paragraphs(overall));
    }
    super::development::markdown_section(report, &mut out);
    super::achievement::markdown_section(report, &mut out);
    super::second::markdown_section(report, &mut out);
    for field in &report.definition().fields_of_action {
        field_section(report, field, &mut out);
    }
    super::second::markdown_signoffs(report, &mut out);
    appendix(report, &mut out);
    footer(report, &mut out);
    out
}

fn head(report: &Report, out: &mut String) {
    let a = report.assessment;
    let answers = &a.answers;
    let d = report.definition();
    let _ = writeln!(
        out,
        "# {}\n\n{}\n",
        inline(&report.text(Text::Title {
            county: &answers.county.name
        })),
        report.text(Text::Subtitle)
    );
    if a.status == Status::InProgress {
        let _ = writeln!(out, "> **{}**\n", report.text(Text::Draft));
    }
    let rows = report.meta_rows(false);
    let _ = writeln!(out, "| | |\n| --- | --- |");
    for (label, value) in rows {
        let _ = writeln!(out, "| {} | {} |", report.text(label), cell(&value));
    }
    out.push('\n');
    if let Some(remark) = &d.remark {
        let _ = writeln!(
            out,
            "*{}: {}*\n",
            report.text(Text::QuestionnaireRemark),
            inline(remark)
        );
    }
}

fn overview(report: &Report, out: &mut String) {
    let d = report.definition();
    let o = &report.scores.overall;
    let _ = writeln!(out, "## {}\n", report.text(Text::Overview));
    let _ = writeln!(
        out,
        "**{}: {}**\n",
        report.text(Text::OverallScore),
        inline(&report.outcome_text(o.outcome, o.score, o.band))
    );
    let _ = writeln!(out, "> {}\n", inline(&d.rules.bands_note));

    let parameters = report.matrix_parameters();
    // Short codes keep the table narrow; the legend below names the parameters.
    let _ = write!(out, "| {} |", report.text(Text::FieldOfAction));
    for p in &parameters {
        let _ = write!(out, " {} |", cell(&abbreviation(&p.id)));
    }
    let _ = writeln!(
        out,
        " {} | {} |",
        report.text(Text::Score),
        report.text(Text::Band)
    );
    let _ = write!(out, "| --- |");
    for _ in &parameters {
        out.push_str(" :-: |");
    }
    out.push_str(" :-: | --- |\n");
    for field in &d.fields_of_action {
        let _ = write!(out, "| {} {} |", field.number, cell(&field.label));
        for p in &parameters {
            let text = if field.quality_parameters.contains(&p.id) {
                report.rating_short(report.rating(&field.id, &p.id))
            } else {
                String::new()
            };
            let _ = write!(out, " {} |", cell(&text));
        }
        let (score, band) = match report.field_score(&field.id) {
            Some(s) => match s.score {
                Some(score) => (
                    report.score_text(score),
                    report
                        .band(s.band)
                        .map_or(String::new(), |b| b.label.clone()),
                ),
                None => (report.outcome_text(s.outcome, None, None), String::new()),
            },
            None => (String::new(), String::new()),
        };
        let _ = writeln!(out, " {} | {} |", cell(&score), cell(&band));
    }
    let levels: Vec<String> = d
        .scale
        .levels
        .iter()
        .map(|l| format!("{} {}", l.value, l.label))
        .collect();
    let codes: Vec<String> = parameters
        .iter()
        .map(|p| format!("{} {}", abbreviation(&p.id), p.label))
        .collect();
    let _ = writeln!(
        out,
        "\n*{}: {} · {} · {}*\n",
        report.text(Text::Legend),
        inline(&codes.join(" · ")),
        inline(&levels.join(" · ")),
        inline(&report.text(Text::LevelsLegend))
    );
    let c = &report.completeness;
    let _ = writeln!(
        out,
        "{}\n",
        report.text(Text::Progress {
            reviewed: c.reviewed,
            questions: c.questions,
            rated: c.rated,
            cells: c.cells,
        })
    );
    if report.assessment.status == Status::InProgress && !c.missing.is_empty() {
        let _ = writeln!(out, "### {}\n", report.text(Text::Missing));
        for line in report.missing_lines(&c.missing) {
            let _ = writeln!(out, "- {}", item(&line));
        }
        out.push('\n');
    }
}

fn field_section(report: &Report, field: &FieldOfAction, out: &mut String) {
    let _ = writeln!(
        out,
        "## {} {}: {}\n",
        report.text(Text::FieldOfAction),
        field.number,
        inline(&field.label)
    );
    if let Some(s) = report.field_score(&field.id) {
        let _ = writeln!(
            out,
            "**{}: {}**{} – *{}.*\n",
            report.text(Text::Score),
            inline(&report.outcome_text(s.outcome, s.score, s.band)),
            report
                .shortfall(s.outcome)
                .map_or_else(String::new, |why| format!(" ({why})")),
            report.text(Text::OrientationOnly)
        );
    }

    let _ = writeln!(
        out,
        "### {}\n\n| {} | {} | {} |\n| --- | --- | --- |",
        report.text(Text::Ratings),
        report.text(Text::Parameter),
        report.text(Text::Rating),
        report.text(Text::Rationale)
    );
    for parameter in report.parameters_of(field) {
        let current = report.assessment.cell(&field.id, &parameter.id);
        let mut rating = report.rating_label(current.and_then(|c| c.rating));
        if current.is_some_and(|c| c.needs_reconfirmation) {
            let _ = write!(rating, " ({})", report.text(Text::NeedsReconfirmation));
        }
        let rationale = current.map_or("", |c| c.rationale.trim());
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            cell(&parameter.label),
            cell(&rating),
            cell(rationale)
        );
    }
    out.push('\n');

    for kind in [
        FindingKind::Strength,
        FindingKind::Challenge,
        FindingKind::Recommendation,
    ] {
        let _ = writeln!(out, "### {}\n", report::findings_heading(kind, report.lang));
        let mut any = false;
        for finding in report.assessment.findings_of(&field.id, kind) {
            any = true;
            let _ = writeln!(out, "- {}", item(&finding.text));
        }
        if !any {
            let _ = writeln!(out, "*{}*", report.text(Text::NoEntries));
        }
        out.push('\n');
    }

    let _ = writeln!(out, "### {}\n", report.text(Text::NotableAnswers));
    let notable = report.notable(field);
    if notable.is_empty() {
        let _ = writeln!(out, "*{}*\n", report.text(Text::NoNotableAnswers));
    } else {
        let _ = writeln!(out, "*{}*\n", report.text(Text::NotableAnswersIntro));
        for (_, question) in notable {
            notable_answer(report, question, out);
        }
        out.push('\n');
    }

    let open = report.open_follow_ups_of(field);
    // A finalised report leaves out what has nothing to say.
    if open.is_empty() && report.assessment.status == Status::Finalized {
        return;
    }
    let _ = writeln!(out, "### {}\n", report.text(Text::OpenFollowUps));
    if open.is_empty() {
        let _ = writeln!(out, "*{}*\n", report.text(Text::NoOpenFollowUps));
    } else {
        for (question, follow_up) in open {
            let _ = writeln!(
                out,
                "- **{} {}** ({}: {})  \n  {}",
                report.text(Text::FollowUp),
                follow_up.id,
                report.text(Text::Question),
                inline(&question.id),
                item(&follow_up.text)
            );
        }
        out.push('\n');
    }
}

fn notable_answer(
    report: &Report,
    question: &crate::domain::definition::Question,
    out: &mut String,
) {
    let answer = report.answer_text(question);
    let _ = writeln!(
        out,
        "- **{}** {}  ",
        inline(&question.id),
        inline(&question.text)
    );
    let _ = write!(
        out,
        "  {}: {}",
        report.text(Text::Answer),
        item(&answer.value(report.lang))
    );
    for detail in &answer.details {
        let _ = write!(out, " · {}", inline(detail));
    }
    out.push_str("  \n");
    if report.need_for_action(&question.id) {
        let _ = writeln!(out, "  **{}**  ", report.text(Text::NeedForActionTicked));
    }
    let comment = report.comment(&question.id);
    if !comment.is_empty() {
        let _ = writeln!(
            out,
            "  {}: {}  ",
            report.text(Text::CountyComment),
            item(comment)
        );
    }
    let note = report.note(&question.id);
    if !note.is_empty() {
        let _ = writeln!(
            out,
            "  *{}:* {}  ",
            report.text(Text::AuditorNote),
            item(note)
        );
    }
}

/// Every note, field by field; without notes there is no appendix.
fn appendix(report: &Report, out: &mut String) {
    let noted = report.noted_questions();
    if noted.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", report.text(Text::AppendixNotes));
    for (field, notes) in noted {
        let _ = writeln!(
            out,
            "### {} {}: {}\n",
            report.text(Text::FieldOfAction),
            field.number,
            inline(&field.label)
        );
        for question in notes {
            let _ = writeln!(
                out,
                "- **{}** {}  \n  {}",
                inline(&question.id),
                inline(&question.text),
                item(report.note(&question.id))
            );
        }
        out.push('\n');
    }
}

fn footer(report: &Report, out: &mut String) {
    let _ = write!(
        out,
        "---\n\n*{}",
        report.text(Text::GeneratedBy {
            id: report.assessment.id
        })
    );
    if let Some(head) = &report.trail_head {
        let _ = write!(
            out,
            " · {}: {}",
            report.text(Text::TrailHead),
            crate::catalog::short(head)
        );
    }
    out.push_str("*\n");
}
