//! One self-contained HTML file: no external assets, no JavaScript, print-ready for A4 and
//! readable in black and white (every colour is backed by a digit or a word). Written as
//! XHTML-compatible HTML5, so it also parses as XML.

use std::fmt::Write as _;

use super::escape::{css_string, html, html_lines};
use super::{Report, radar};
use crate::catalog::report::{self, Text};
use crate::domain::assessment::{FindingKind, Rating, Status};
use crate::domain::definition::{BandColor, FieldOfAction, Question};

/// The report's stylesheet: A4 print, greyscale-safe fills; the page margins (county, draft,
/// page numbers) are added per report.
const STYLE: &str = include_str!("../../assets/report.css");

/// The CSS class of a level: its place on the scale, 0 (lowest) to 4 (highest).
fn level_class(report: &Report, level: i32) -> String {
    let levels = &report.definition().scale.levels;
    let lowest = levels.iter().map(|l| l.value).min().unwrap_or(0);
    let highest = levels.iter().map(|l| l.value).max().unwrap_or(1);
    let share = f64::from(level - lowest) / f64::from((highest - lowest).max(1));
    format!("lvl-{}", (share * 4.0).round().clamp(0.0, 4.0) as i32)
}

fn band_class(color: BandColor) -> &'static str {
    match color {
        BandColor::Red => "band-red",
        BandColor::Yellow => "band-yellow",
        BandColor::Green => "band-green",
        BandColor::Blue => "band-blue",
        BandColor::Grey => "band-grey",
    }
}

/// A rated cell for the heat map: the colour, the digit and the word.
fn heat_cell(report: &Report, rating: Option<Rating>) -> String {
    let scale = &report.definition().scale;
    let (class, digit, word) = match rating {
        Some(Rating::Level(level)) => (
            level_class(report, level),
            level.to_string(),
            scale
                .levels
                .iter()
                .find(|l| l.value == level)
                .map_or(String::new(), |l| l.label.clone()),
        ),
        Some(Rating::NotApplicable) => (
            "mark-na".into(),
            report.rating_short(rating),
            scale.not_applicable.label.clone(),
        ),
        Some(Rating::NotAssessable) => (
            "mark-nb".into(),
            report.rating_short(rating),
            scale.not_assessable.label.clone(),
        ),
        None => (
            "unrated".into(),
            report.rating_short(None),
            report.rating_label(None),
        ),
    };
    format!(
        "<td class=\"{class}\"><span class=\"digit\">{}</span><span class=\"word\">{}</span></td>",
        html(&digit),
        html(&word)
    )
}

/// Score and Ampel badge, or why there is none.
fn score_badge(
    report: &Report,
    outcome_score: Option<f64>,
    band: Option<usize>,
    outcome: crate::domain::scoring::Outcome,
) -> String {
    match (outcome_score, report.band(band)) {
        (Some(score), Some(b)) => format!(
            "<strong>{}</strong> <span class=\"badge {}\">{}</span>",
            html(&report.score_text(score)),
            band_class(b.color),
            html(&b.label)
        ),
        (Some(score), None) => format!("<strong>{}</strong>", html(&report.score_text(score))),
        (None, _) => format!(
            "<span class=\"badge band-grey\">{}</span>",
            html(&report.outcome_text(outcome, None, None))
        ),
    }
}

pub fn render(report: &Report) -> String {
    let a = report.assessment;
    let lang_code = match report.lang {
        crate::catalog::Lang::De => "de",
        crate::catalog::Lang::En => "en",
    };
    let title = report.text(Text::Title {
        county: &a.answers.county.name,
    });
    let mut out = String::with_capacity(96 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"{lang_code}\" xml:lang=\"{lang_code}\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<meta name=\"generator\" content=\"siegel\"/>\n<title>{}</title>\n<style>{STYLE}{}</style>\n</head>\n<body>\n",
        html(&title),
        page_margins(report)
    );
    head(report, &title, &mut out);
    overview(report, &mut out);
    let _ = writeln!(
        out,
        "<section class=\"overall-text\">\n<h2>{}</h2>",
        html(&report.text(Text::OverallText))
    );
    paragraphs(report, &a.overall, Text::NoOverallText, &mut out);
    out.push_str("</section>\n");
    super::development::html_section(report, &mut out);
    super::achievement::html_section(report, &mut out);
    super::second::html_section(report, &mut out);
    for field in &report.definition().fields_of_action {
        field_section(report, field, &mut out);
    }
    super::second::html_signoffs(report, &mut out);
    appendix(report, &mut out);
    let mut footer = report.text(Text::GeneratedBy { id: a.id });
    if let Some(head) = &report.trail_head {
        let _ = write!(
            footer,
            " · {}: {}",
            report.text(Text::TrailHead),
            crate::catalog::short(head)
        );
    }
    let _ = write!(
        out,
        "<footer>{}</footer>\n</body>\n</html>\n",
        html(&footer)
    );
    out
}

/// The running header of every printed page: the county, and "Entwurf" on every page of a
/// draft, not only the first.
fn page_margins(report: &Report) -> String {
    let a = report.assessment;
    let mut rules = format!(
        "@page {{ @top-left {{ content: {}; font: 8pt \"DejaVu Sans\", Arial, sans-serif; color: #555; }}",
        css_string(&a.answers.county.name)
    );
    if a.status == Status::InProgress {
        let _ = write!(
            rules,
            " @top-right {{ content: {}; font: bold 9pt \"DejaVu Sans\", Arial, sans-serif; color: #9c2b1f; }}",
            css_string(&report.text(Text::DraftMark))
        );
    }
    let _ = writeln!(
        rules,
        " @bottom-right {{ content: {} counter(page) {} counter(pages); font: 8pt \"DejaVu Sans\", Arial, sans-serif; color: #555; }} }}",
        css_string(&format!("{} ", report.text(Text::PageWord))),
        css_string(&format!(" {} ", report.text(Text::OfWord))),
    );
    rules
}

fn paragraphs(report: &Report, text: &str, empty: Text, out: &mut String) {
    let text = text.trim();
    if text.is_empty() {
        let _ = writeln!(out, "<p class=\"empty\">{}</p>", html(&report.text(empty)));
        return;
    }
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let _ = writeln!(out, "<p>{}</p>", html_lines(paragraph));
    }
}

fn head(report: &Report, title: &str, out: &mut String) {
    let a = report.assessment;
    let d = report.definition();
    let _ = writeln!(
        out,
        "<header>\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>",
        html(title),
        html(&report.text(Text::Subtitle))
    );
    if a.status == Status::InProgress {
        let _ = writeln!(
            out,
            "<p class=\"draft\">{}</p>",
            html(&report.text(Text::Draft))
        );
    }
    let rows = report.meta_rows(true);
    out.push_str("<table class=\"meta\"><tbody>\n");
    for (label, value) in rows {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            html(&report.text(label)),
            html(&value)
        );
    }
    out.push_str("</tbody></table>\n");
    if let Some(remark) = &d.remark {
        let _ = writeln!(
            out,
            "<p class=\"small\"><em>{}:</em> {}</p>",
            html(&report.text(Text::QuestionnaireRemark)),
            html(remark)
        );
    }
    out.push_str("</header>\n");
}

fn overview(report: &Report, out: &mut String) {
    let d = report.definition();
    let o = &report.scores.overall;
    let _ = writeln!(
        out,
        "<section class=\"overview\">\n<h2>{}</h2>",
        html(&report.text(Text::Overview))
    );
    let number = o
        .score
        .map_or_else(|| "–".to_string(), |s| report.score_text(s));
    let badge = match report.band(o.band) {
        Some(b) => format!(
            "<span class=\"badge {}\">{}</span>",
            band_class(b.color),
            html(&b.label)
        ),
        None => format!(
            "<span class=\"badge band-grey\">{}</span>",
            html(&report.outcome_text(o.outcome, None, None))
        ),
    };
    let _ = writeln!(
        out,
        "<div class=\"overall\"><span>{}</span><span class=\"number\">{}</span>{badge}</div>",
        html(&report.text(Text::OverallScore)),
        html(&number)
    );
    let _ = writeln!(out, "<p class=\"note\">{}</p>", html(&d.rules.bands_note));

    let _ = writeln!(
        out,
        "<figure>{}<figcaption>{}</figcaption></figure>",
        radar::svg(report),
        html(&report.text(Text::Radar))
    );

    // Parameters as rows and fields as columns: the fields' names wrap at spaces, so the
    // table fits an A4 page without breaking words.
    let fields = &d.fields_of_action;
    matrix_head(report, &report.text(Text::Heatmap), "heatmap", out);
    for parameter in report.matrix_parameters() {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}<span class=\"weight\">{} {}</span></th>",
            html(&parameter.label),
            html(&report.text(Text::Weight)),
            html(&report::decimal(parameter.weight, 2, false, report.lang))
        );
        for field in fields {
            if field.quality_parameters.contains(&parameter.id) {
                out.push_str(&heat_cell(report, report.rating(&field.id, &parameter.id)));
            } else {
                out.push_str("<td></td>");
            }
        }
        out.push_str("</tr>\n");
    }
    let _ = write!(
        out,
        "<tr class=\"total\"><th scope=\"row\">{}</th>",
        html(&report.text(Text::Score))
    );
    for field in fields {
        let score = report
            .field_score(&field.id)
            .and_then(|s| s.score)
            .map_or_else(|| "–".into(), |v| report.score_text(v));
        let _ = write!(out, "<td class=\"score\">{}</td>", html(&score));
    }
    let _ = write!(
        out,
        "</tr>\n<tr class=\"total\"><th scope=\"row\">{}</th>",
        html(&report.text(Text::Band))
    );
    for field in fields {
        let band = report
            .field_score(&field.id)
            .map(|s| match report.band(s.band) {
                Some(b) => format!(
                    "<span class=\"badge {}\">{}</span>",
                    band_class(b.color),
                    html(&b.label)
                ),
                None => html(&report.outcome_text(s.outcome, None, None)),
            });
        let _ = write!(out, "<td>{}</td>", band.unwrap_or_default());
    }
    out.push_str("</tr>\n");
    out.push_str("</tbody></table>\n");
    let levels: Vec<String> = d
        .scale
        .levels
        .iter()
        .map(|l| {
            format!(
                "<span class=\"key {}\">{} {}</span>",
                level_class(report, l.value),
                l.value,
                html(&l.label)
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "<p class=\"legend\">{}: {} {}</p>",
        html(&report.text(Text::Legend)),
        levels.join(" "),
        html(&report.text(Text::LevelsLegend))
    );
    let c = &report.completeness;
    let _ = writeln!(
        out,
        "<p class=\"small\">{}</p>",
        html(&report.text(Text::Progress {
            reviewed: c.reviewed,
            questions: c.questions,
            rated: c.rated,
            cells: c.cells,
        }))
    );
    if report.assessment.status == Status::InProgress && !c.missing.is_empty() {
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<ul class=\"small\">",
            html(&report.text(Text::Missing))
        );
        for line in report.missing_lines(&c.missing) {
            let _ = writeln!(out, "<li>{}</li>", html(&line));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

/// A heading and the head of a matrix with the quality parameters as rows and the fields of
/// action as columns; the heading's class is the table's first class.
pub(super) fn matrix_head(report: &Report, heading: &str, class: &str, out: &mut String) {
    let heading_class = class.split(' ').next().unwrap_or(class);
    let _ = write!(
        out,
        "<h3 class=\"{heading_class}\">{}</h3>\n<table class=\"{class}\"><thead><tr><th class=\"param\" scope=\"col\">{}</th>",
        html(heading),
        html(&report.text(Text::Parameter))
    );
    for field in &report.definition().fields_of_action {
        let _ = write!(
            out,
            "<th scope=\"col\">{} {}</th>",
            field.number,
            html(&field.label)
        );
    }
    out.push_str("</tr></thead><tbody>\n");
}

fn field_section(report: &Report, field: &FieldOfAction, out: &mut String) {
    let _ = writeln!(
        out,
        "<section class=\"field\" id=\"{}\">\n<h2>{} {}: {}</h2>",
        html(&field.id),
        html(&report.text(Text::FieldOfAction)),
        field.number,
        html(&field.label)
    );
    if let Some(s) = report.field_score(&field.id) {
        let _ = writeln!(
            out,
            "<p class=\"scoreline\">{}: {}{} <span class=\"orientation\">– {}.</span></p>",
            html(&report.text(Text::Score)),
            score_badge(report, s.score, s.band, s.outcome),
            report
                .shortfall(s.outcome)
                .map_or_else(String::new, |why| format!(" ({})", html(&why))),
            html(&report.text(Text::OrientationOnly))
        );
    }

    let _ = writeln!(
        out,
        "<h3>{}</h3>\n<table class=\"ratings\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        html(&report.text(Text::Ratings)),
        html(&report.text(Text::Parameter)),
        html(&report.text(Text::Rating)),
        html(&report.text(Text::Rationale))
    );
    for parameter in report.parameters_of(field) {
        let cell = report.assessment.cell(&field.id, &parameter.id);
        let mut rating = html(&report.rating_label(cell.and_then(|c| c.rating)));
        if cell.is_some_and(|c| c.needs_reconfirmation) {
            let _ = write!(
                rating,
                "<br/><span class=\"flag\">{}</span>",
                html(&report.text(Text::NeedsReconfirmation))
            );
        }
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{rating}</td><td>{}</td></tr>",
            html(&parameter.label),
            html_lines(cell.map_or("", |c| c.rationale.as_str()))
        );
    }
    out.push_str("</tbody></table>\n<div class=\"findings\">\n");
    for kind in [
        FindingKind::Strength,
        FindingKind::Challenge,
        FindingKind::Recommendation,
    ] {
        let _ = writeln!(
            out,
            "<div>\n<h3>{}</h3>",
            html(report::findings_heading(kind, report.lang))
        );
        let items: Vec<_> = report.assessment.findings_of(&field.id, kind).collect();
        if items.is_empty() {
            let _ = writeln!(
                out,
                "<p class=\"empty\">{}</p>",
                html(&report.text(Text::NoEntries))
            );
        } else {
            out.push_str("<ul>\n");
            for finding in items {
                let _ = writeln!(out, "<li>{}</li>", html_lines(&finding.text));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n");

    let _ = writeln!(out, "<h3>{}</h3>", html(&report.text(Text::NotableAnswers)));
    let notable = report.notable(field);
    if notable.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"empty\">{}</p>",
            html(&report.text(Text::NoNotableAnswers))
        );
    } else {
        let _ = writeln!(
            out,
            "<p class=\"small\">{}</p>",
            html(&report.text(Text::NotableAnswersIntro))
        );
        for (_, question) in notable {
            notable_answer(report, question, out);
        }
    }

    let open = report.open_follow_ups_of(field);
    // A finalised report leaves out what has nothing to say.
    if open.is_empty() && report.assessment.status == Status::Finalized {
        out.push_str("</section>\n");
        return;
    }
    let _ = writeln!(out, "<h3>{}</h3>", html(&report.text(Text::OpenFollowUps)));
    if open.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"empty\">{}</p>",
            html(&report.text(Text::NoOpenFollowUps))
        );
    } else {
        out.push_str("<ul class=\"followups\">\n");
        for (question, follow_up) in open {
            let _ = writeln!(
                out,
                "<li><strong>{} {}</strong> ({} {}: {})<br/>{}</li>",
                html(&report.text(Text::FollowUp)),
                follow_up.id,
                html(&report.text(Text::Question)),
                html(&question.id),
                html(&question.text),
                html_lines(&follow_up.text)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn notable_answer(report: &Report, question: &Question, out: &mut String) {
    let answer = report.answer_text(question);
    let _ = write!(
        out,
        "<div class=\"answer\"><span class=\"qid\">{}</span><span class=\"question\">{}</span>",
        html(&question.id),
        html(&question.text)
    );
    if report.need_for_action(&question.id) {
        let _ = write!(
            out,
            "<br/><span class=\"flag\">{}</span>",
            html(&report.text(Text::NeedForActionTicked))
        );
    }
    let grid = super::answer_text::grid(
        question,
        report.assessment.answers.answers.get(&question.id),
        report.lang,
    );
    let value = match grid {
        Some(grid) => grid_table(&grid),
        None => html_lines(&answer.value(report.lang)),
    };
    let _ = write!(
        out,
        "<dl><dt>{}</dt><dd>{value}",
        html(&report.text(Text::Answer))
    );
    if !answer.details.is_empty() {
        let _ = write!(
            out,
            "<br/><span class=\"small\">{}</span>",
            html(&answer.details.join(" · "))
        );
    }
    out.push_str("</dd>");
    if !answer.evidence.is_empty() {
        let _ = write!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            html(&report.text(Text::Evidence)),
            html_lines(&answer.evidence.join("\n"))
        );
    }
    let comment = report.comment(&question.id);
    if !comment.is_empty() {
        let _ = write!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            html(&report.text(Text::CountyComment)),
            html_lines(comment)
        );
    }
    let note = report.note(&question.id);
    if !note.is_empty() {
        let _ = write!(
            out,
            "<dt>{}</dt><dd><strong>{}</strong></dd>",
            html(&report.text(Text::AuditorNote)),
            html_lines(note)
        );
    }
    out.push_str("</dl></div>\n");
}

/// A table or offer-list answer as a compact table.
fn grid_table(grid: &super::answer_text::Grid) -> String {
    let mut out = String::from("<table class=\"grid\"><thead><tr>");
    for label in &grid.header {
        let _ = write!(out, "<th scope=\"col\">{}</th>", html(label));
    }
    out.push_str("</tr></thead><tbody>");
    for row in &grid.rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{}</td>", html_lines(cell));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

/// Every note, field by field; without notes there is no appendix (and no empty page).
fn appendix(report: &Report, out: &mut String) {
    let noted = report.noted_questions();
    if noted.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section class=\"appendix\">\n<h2>{}</h2>",
        html(&report.text(Text::AppendixNotes))
    );
    for (field, notes) in noted {
        let _ = writeln!(
            out,
            "<h3>{} {}: {}</h3>\n<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            html(&report.text(Text::FieldOfAction)),
            field.number,
            html(&field.label),
            html(&report.text(Text::Question)),
            html(&report.text(Text::AuditorNote))
        );
        for question in notes {
            let _ = writeln!(
                out,
                "<tr><td style=\"width:45%\"><strong>{}</strong> {}</td><td>{}</td></tr>",
                html(&question.id),
                html(&question.text),
                html_lines(report.note(&question.id))
            );
        }
        out.push_str("</tbody></table>\n");
    }
    out.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Luma of `#rrggbb` as a greyscale printer computes it.
    fn luma(hex: &str) -> f64 {
        let channel = |i: usize| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap());
        0.299 * channel(1) + 0.587 * channel(3) + 0.114 * channel(5)
    }

    #[test]
    fn the_heat_map_and_the_zones_stay_apart_in_greyscale() {
        let levels: Vec<f64> = (0..5)
            .map(|level| {
                let rule = format!(".lvl-{level} {{ background: ");
                let start = STYLE.find(&rule).unwrap() + rule.len();
                luma(&STYLE[start..start + 7])
            })
            .collect();
        // Lighter with every level, by a step a greyscale print still shows.
        for pair in levels.windows(2) {
            assert!(pair[1] - pair[0] >= 15.0, "{levels:?}");
        }
        let zones = [BandColor::Red, BandColor::Yellow, BandColor::Green]
            .map(|color| luma(radar::band_fill(color)));
        for pair in zones.windows(2) {
            assert!(pair[1] - pair[0] >= 10.0, "{zones:?}");
        }
    }
}
