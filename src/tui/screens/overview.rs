//! The overview: the matrix of fields × parameters with each field's score, the progress, and
//! what is still missing before the assessment can be finalised (each item one key away).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::catalog::tui::{self as words, Ui};
use crate::domain::assessment::Rating;
use crate::text::sanitize;
use crate::tui::answer::paragraphs;
use crate::tui::app::{App, parameter_label};
use crate::tui::screens::scoring::{rating_cell, rating_label, rating_style, score_text};
use crate::tui::view::{block, list_window, truncate};

/// A short column head for a parameter: the last part of its id ("QP-BED" → "BED").
pub fn abbreviation(id: &str) -> String {
    let last = id.rsplit(['-', '.', '_']).next().unwrap_or(id);
    last.chars().take(4).collect()
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(work) = &app.work else { return };
    let definition = work.definition();
    let fields = &definition.fields_of_action;
    // Rows of fields, head, overall and legend; the summary has two gauges instead of the legend.
    let extra = if work.overview_summary { 6 } else { 5 };
    let matrix_height = fields.len() as u16 + extra;
    let [matrix_area, progress_area, rest] = Layout::vertical([
        Constraint::Length(matrix_height),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);

    // The columns are the parameters any field rates, in definition order.
    let parameters: Vec<&str> = definition
        .quality_parameters
        .iter()
        .map(|p| p.id.as_str())
        .filter(|id| {
            fields
                .iter()
                .any(|f| f.quality_parameters.iter().any(|p| p == id))
        })
        .collect();
    if work.overview_summary {
        render_summary(app, frame, matrix_area);
    } else {
        render_matrix(app, frame, matrix_area, &parameters);
    }
    render_rest(app, frame, progress_area, rest);
}

/// One bar per field of action: its score on the scale, with the Ampel label; and the progress.
fn render_summary(app: &App, frame: &mut Frame, area: Rect) {
    let Some(work) = &app.work else { return };
    let theme = &app.theme;
    let lang = app.lang;
    let definition = work.definition();
    let outer = block(Ui::Summary.text(lang), app.popup.is_none(), theme);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let width = usize::from(inner.width);
    let label_width = (width / 3).clamp(12, 40);
    let text_width = (width / 3).clamp(16, 36);
    let bar_width = width.saturating_sub(label_width + text_width + 2).max(5);
    let highest = f64::from(definition.scale.highest().max(1));
    let mut lines = Vec::new();
    let mut bar_line = |label: String, outcome, raw: Option<f64>, score, band: Option<usize>| {
        let label = truncate(&label, label_width);
        let pad = label_width.saturating_sub(label.width());
        let style = band
            .and_then(|b| definition.rules.bands.get(b))
            .map_or(theme.dim, |b| theme.band(b.color));
        let mut spans = vec![Span::raw(format!("{label}{} ", " ".repeat(pad)))];
        spans.push(Span::styled(
            bar(raw.unwrap_or(0.0) / highest, bar_width),
            style,
        ));
        spans.push(Span::raw(" "));
        spans.extend(score_text(
            definition, outcome, score, band, theme, lang, true,
        ));
        lines.push(Line::from(spans));
    };
    for field in &definition.fields_of_action {
        if let Some(score) = work.scores.field(&field.id) {
            bar_line(
                format!("{} {}", field.id, sanitize(&field.label)),
                score.outcome,
                score.raw,
                score.score,
                score.band,
            );
        }
    }
    let overall = &work.scores.overall;
    bar_line(
        Ui::Overall.text(lang).to_string(),
        overall.outcome,
        overall.raw,
        overall.score,
        overall.band,
    );
    lines.push(Line::from(""));
    let c = &work.completeness;
    for (label, done, total) in [
        (Ui::ColumnReviewed, c.reviewed, c.questions),
        (Ui::ColumnRated, c.rated, c.cells),
    ] {
        let share = if total > 0 {
            done as f64 / total as f64
        } else {
            0.0
        };
        let label = format!("{:<w$} ", label.text(lang), w = label_width);
        lines.push(Line::from(vec![
            Span::raw(label),
            Span::styled(bar(share, bar_width), theme.info),
            Span::raw(format!(" {done}/{total} · {}", words::share(share, lang))),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A bar of `width` cells filled to `share` (0–1), in eighths.
fn bar(share: f64, width: usize) -> String {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = (share.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    let mut out = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        out.push(PARTS[eighths % 8]);
    }
    let fill = width.saturating_sub(out.chars().count());
    out.push_str(&"·".repeat(fill));
    out
}

fn render_matrix(app: &App, frame: &mut Frame, matrix_area: Rect, parameters: &[&str]) {
    let Some(work) = &app.work else { return };
    let theme = &app.theme;
    let lang = app.lang;
    let definition = work.definition();
    let fields = &definition.fields_of_action;
    let outer = block(Ui::Matrix.text(lang), app.popup.is_none(), theme);
    let inner = outer.inner(matrix_area);
    frame.render_widget(outer, matrix_area);
    let width = usize::from(inner.width);
    // Narrow terminals get narrower cells, so that the Ampel label stays readable.
    let cell_width = if width < 100 { 4 } else { 5 };
    let longest_band = definition
        .rules
        .bands
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(10);
    let score_width = (longest_band + 7).max(20);
    let label_width = width
        .saturating_sub(parameters.len() * cell_width + score_width + 2)
        .max(8);
    let mut head = format!("{:<w$}", "", w = label_width);
    for id in parameters {
        head.push_str(&format!("{:>w$}", abbreviation(id), w = cell_width));
    }
    head.push_str(&format!("  {}", Ui::Score.text(lang)));
    let mut lines = vec![Line::from(Span::styled(head, theme.heading))];
    let mut rows = Vec::new();
    for field in fields {
        let label = truncate(
            &format!("{} {}", field.id, sanitize(&field.label)),
            label_width,
        );
        let pad = label_width.saturating_sub(label.width());
        let mut spans = vec![Span::raw(format!("{label}{}", " ".repeat(pad)))];
        for id in parameters {
            if field.quality_parameters.iter().any(|p| p == id) {
                let cell = work.assessment.cell(&field.id, id);
                let rating = cell.and_then(|c| c.rating);
                let reconfirm = if cell.is_some_and(|c| c.needs_reconfirmation) {
                    "⟳"
                } else {
                    " "
                };
                spans.push(Span::styled(
                    format!("{:>w$}", rating_cell(rating, lang), w = cell_width - 1),
                    rating_style(definition, rating, theme),
                ));
                spans.push(Span::styled(reconfirm.to_string(), theme.warn));
            } else {
                spans.push(Span::styled(
                    format!("{:>w$}", "–", w = cell_width),
                    theme.dim,
                ));
            }
        }
        spans.push(Span::raw("  "));
        if let Some(score) = work.scores.field(&field.id) {
            spans.extend(score_text(
                definition,
                score.outcome,
                score.score,
                score.band,
                theme,
                lang,
                true,
            ));
        }
        rows.push(Line::from(spans));
    }
    let selected = (work.overview_selected < fields.len()).then_some(work.overview_selected);
    lines.extend(list_window(
        rows,
        selected,
        fields.len(),
        width,
        app.popup.is_none(),
        theme,
    ));
    let overall = &work.scores.overall;
    let mut spans = vec![Span::styled(
        format!(
            "{:<w$}",
            Ui::Overall.text(lang),
            w = label_width + parameters.len() * cell_width + 2
        ),
        theme.heading,
    )];
    spans.extend(score_text(
        definition,
        overall.outcome,
        overall.score,
        overall.band,
        theme,
        lang,
        true,
    ));
    lines.push(Line::from(spans));
    let mut legend: Vec<String> = parameters
        .iter()
        .map(|id| {
            format!(
                "{} {}",
                abbreviation(id),
                sanitize(parameter_label(definition, id))
            )
        })
        .collect();
    for mark in [Rating::NotApplicable, Rating::NotAssessable] {
        legend.push(format!(
            "{} {}",
            rating_cell(Some(mark), lang),
            rating_label(definition, Some(mark), lang)
        ));
    }
    lines.push(Line::from(Span::styled(
        truncate(&legend.join(" · "), width),
        theme.dim,
    )));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The progress line, what is missing before finalising, and the overall assessment text.
fn render_rest(app: &App, frame: &mut Frame, progress_area: Rect, rest: Rect) {
    let Some(work) = &app.work else { return };
    let theme = &app.theme;
    let lang = app.lang;
    let definition = work.definition();
    let fields = &definition.fields_of_action;
    let c = &work.completeness;
    let mut progress = words::progress(
        c.reviewed,
        c.questions,
        c.rated,
        c.cells,
        c.open_follow_ups,
        lang,
    );
    if c.to_reconfirm > 0 {
        progress.push_str(&format!(" · ⟳ {}", c.to_reconfirm));
    }
    frame.render_widget(
        Paragraph::new(format!(" {progress}")).style(theme.dim),
        progress_area,
    );

    let overall_height = if rest.height >= 12 { 5 } else { 0 };
    let [missing_area, overall_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(overall_height)]).areas(rest);
    let outer = block(Ui::MissingTitle.text(lang), false, theme);
    let inner = outer.inner(missing_area);
    frame.render_widget(outer, missing_area);
    let width = usize::from(inner.width);
    if c.missing.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(Ui::NothingMissing.text(lang), theme.good)),
            inner,
        );
    } else {
        let items: Vec<Line<'static>> = c
            .missing
            .iter()
            .map(|m| {
                Line::from(truncate(
                    &format!("· {}", sanitize(&words::missing(definition, m, lang))),
                    width,
                ))
            })
            .collect();
        let selected = work.overview_selected.checked_sub(fields.len());
        frame.render_widget(
            Paragraph::new(list_window(
                items,
                selected,
                usize::from(inner.height),
                width,
                app.popup.is_none(),
                theme,
            )),
            inner,
        );
    }
    if overall_height > 0 {
        let outer = block(Ui::OverallText.text(lang), false, theme);
        let width = usize::from(overall_area.width.saturating_sub(2));
        let lines: Vec<Line<'static>> = if work.assessment.overall.trim().is_empty() {
            vec![Line::from(Span::styled(
                Ui::NoOverallText.text(lang),
                theme.dim,
            ))]
        } else {
            paragraphs(&work.assessment.overall, width)
                .into_iter()
                .map(Line::from)
                .collect()
        };
        frame.render_widget(Paragraph::new(lines).block(outer), overall_area);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn abbreviations_take_the_last_part_of_the_id() {
        assert_eq!(super::abbreviation("QP-BED"), "BED");
        assert_eq!(super::abbreviation("A"), "A");
        assert_eq!(super::abbreviation("qp.zugang"), "zuga");
    }
}
