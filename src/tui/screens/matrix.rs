//! The top of the overview: the matrix of fields × parameters with each field's score and a
//! legend, or one score bar per field with the progress gauges.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::catalog::Lang;
use crate::catalog::tui::{self as words, Ui};
use crate::domain::assessment::Rating;
use crate::domain::compare::CellSince;
use crate::domain::definition::{Definition, abbreviation};
use crate::text::sanitize;
use crate::tui::component::Ctx;
use crate::tui::widgets::rating::{rating_label, rating_short, rating_style, scored};
use crate::tui::widgets::{block, list_window, truncate};
use crate::tui::work::Work;

/// The parameters any field rates, in definition order: the matrix's columns.
pub fn columns(definition: &Definition) -> Vec<&str> {
    definition
        .quality_parameters
        .iter()
        .map(|p| p.id.as_str())
        .filter(|id| {
            definition
                .fields_of_action
                .iter()
                .any(|f| f.quality_parameters.iter().any(|p| p == id))
        })
        .collect()
}

/// What the matrix's abbreviations and marks mean.
pub fn legend_text(
    definition: &Definition,
    parameters: &[&str],
    last_year: Option<&str>,
    lang: Lang,
) -> String {
    let mut legend: Vec<String> = parameters
        .iter()
        .map(|id| {
            format!(
                "{} {}",
                abbreviation(id),
                sanitize(definition.parameter_label(id))
            )
        })
        .collect();
    for mark in [Rating::NotApplicable, Rating::NotAssessable] {
        legend.push(format!(
            "{} {}",
            rating_short(Some(mark), lang),
            rating_label(definition, Some(mark), lang)
        ));
    }
    if let Some(year) = last_year {
        legend.push(words::matrix_since(year, lang));
    }
    // No-break spaces inside an item: the legend wraps between items only.
    legend
        .iter()
        .map(|item| item.replace(' ', "\u{a0}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The widest of the scores; where they leave less than `others` columns of `width` for the
/// rest, the Ampel's words go and its coloured mark stays.
fn fit_scores(scores: &mut [Vec<Span<'static>>], width: usize, others: usize) -> usize {
    let widest = |scores: &[Vec<Span<'static>>]| {
        scores
            .iter()
            .map(|spans| spans.iter().map(Span::width).sum::<usize>())
            .max()
            .unwrap_or(0)
    };
    if widest(scores) + others > width {
        for span in scores.iter_mut().flatten() {
            if span.content.starts_with("● ") {
                span.content = "●".into();
            }
        }
    }
    widest(scores)
}

/// A bar's label, unrounded score, Ampel band and score text.
type BarRow = (String, Option<f64>, Option<usize>, Vec<Span<'static>>);

/// One bar per field of action: its score on the scale, with the Ampel label; and the progress.
pub fn render_summary(frame: &mut Frame, area: Rect, work: &Work, ctx: &Ctx, focused: bool) {
    let theme = ctx.theme;
    let lang = ctx.lang;
    let definition = work.definition();
    let outer = block(Ui::Summary.text(lang), focused, theme);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let width = usize::from(inner.width);
    let overall = &work.scores.overall;
    let mut rows: Vec<BarRow> = definition
        .fields_of_action
        .iter()
        .filter_map(|field| {
            let score = work.scores.field(&field.id)?;
            Some((
                format!("{} {}", field.id, sanitize(&field.label)),
                score.raw,
                score.band,
                scored(definition, score, theme, lang, true),
            ))
        })
        .collect();
    rows.push((
        Ui::Overall.text(lang).to_string(),
        overall.raw,
        overall.band,
        scored(definition, overall, theme, lang, true),
    ));
    let mut scores: Vec<Vec<Span<'static>>> = rows
        .iter_mut()
        .map(|row| std::mem::take(&mut row.3))
        .collect();
    let text_width = fit_scores(&mut scores, width, 30);
    // Names as long as they are, as far as a bar of ten cells leaves room.
    let longest = rows.iter().map(|row| row.0.width()).max().unwrap_or(8);
    let label_width = longest.min(width.saturating_sub(text_width + 12)).max(8);
    let bar_width = width.saturating_sub(label_width + text_width + 2).max(5);
    let highest = f64::from(definition.scale.highest().max(1));
    let mut lines = Vec::new();
    // In a Bilanzierung, where the last audit stood (by today's rules) is marked on each bar.
    let then: Vec<Option<f64>> = match &work.last_audit {
        Some(last) => (last.comparison.fields.iter())
            .map(|f| f.then_by_current_rules)
            .chain(std::iter::once(
                last.comparison.overall_then_by_current_rules,
            ))
            .collect(),
        None => Vec::new(),
    };
    for (row, ((label, raw, band, _), mut score)) in rows.into_iter().zip(scores).enumerate() {
        let label = truncate(&label, label_width);
        let pad = label_width.saturating_sub(label.width());
        let style = band
            .and_then(|b| definition.rules.bands.get(b))
            .map_or(theme.dim, |b| theme.band(b.color));
        let mut spans = vec![Span::raw(format!("{label}{} ", " ".repeat(pad)))];
        let mut cells: Vec<char> = bar(raw.unwrap_or(0.0) / highest, bar_width)
            .chars()
            .collect();
        if let Some(Some(then)) = then.get(row) {
            let at = ((then / highest).clamp(0.0, 1.0) * bar_width as f64).round() as usize;
            if let Some(cell) = cells.get_mut(at.min(bar_width.saturating_sub(1))) {
                *cell = '◆';
            }
        }
        spans.push(Span::styled(cells.into_iter().collect::<String>(), style));
        spans.push(Span::raw(" "));
        spans.append(&mut score);
        lines.push(Line::from(spans));
    }
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
        let text = format!(" {done}/{total} · {}", words::share(share, lang));
        // The gauge gives way to its figures.
        let gauge = width
            .saturating_sub(label.width() + text.width())
            .min(bar_width);
        lines.push(Line::from(vec![
            Span::raw(label),
            Span::styled(bar(share, gauge), theme.info),
            Span::raw(text),
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

/// A matrix cell's text and its mark. In a Bilanzierung a changed level reads "2→3" with a
/// direction mark (▲ ▼), an unchanged one carries "=", another change "≠"; so the change never
/// rests on colour alone.
fn cell_text(now: Option<Rating>, then: Option<Rating>, lang: Lang) -> (String, char) {
    let Some(then) = then else {
        return (rating_short(now, lang), ' ');
    };
    let since = CellSince::of(Some(then), now);
    let text = match since {
        CellSince::Up(a, b) | CellSince::Down(a, b) => format!("{a}→{b}"),
        CellSince::Unrated | CellSince::Same | CellSince::Other => rating_short(now, lang),
    };
    (text, since.mark())
}

/// What the matrix shows besides the assessment: its columns, the legend's lines as wrapped
/// for the frame, and the selected field.
pub struct Matrix<'a> {
    pub parameters: &'a [&'a str],
    pub legend: &'a [String],
    pub selected: usize,
}

pub fn render_matrix(
    frame: &mut Frame,
    matrix_area: Rect,
    matrix: &Matrix,
    work: &Work,
    ctx: &Ctx,
    focused: bool,
) {
    let (parameters, selected) = (matrix.parameters, matrix.selected);
    let theme = ctx.theme;
    let lang = ctx.lang;
    let definition = work.definition();
    let fields = &definition.fields_of_action;
    let outer = block(Ui::Matrix.text(lang), focused, theme);
    let inner = outer.inner(matrix_area);
    frame.render_widget(outer, matrix_area);
    let width = usize::from(inner.width);
    // Room for "n.z." and the re-confirm mark.
    let cell_width = 5;
    // The scores first: the field names get what they leave.
    let overall = &work.scores.overall;
    let mut scores: Vec<Vec<Span<'static>>> = fields
        .iter()
        .map(|field| {
            work.scores
                .field(&field.id)
                .map(|score| scored(definition, score, theme, lang, true))
                .unwrap_or_default()
        })
        .chain(std::iter::once(scored(
            definition, overall, theme, lang, true,
        )))
        .collect();
    let cells = parameters.len() * cell_width + 2;
    let score_width = fit_scores(&mut scores, width, cells + 12).max(Ui::Score.text(lang).width());
    let label_width = width.saturating_sub(cells + score_width).max(8);
    let mut head = format!("{:<w$}", "", w = label_width);
    for id in parameters {
        head.push_str(&format!("{:>w$}", abbreviation(id), w = cell_width));
    }
    head.push_str(&format!("  {}", Ui::Score.text(lang)));
    let mut lines = vec![Line::from(Span::styled(head, theme.heading))];
    let mut rows = Vec::new();
    for (row, field) in fields.iter().enumerate() {
        // A space keeps the label off the first cell.
        let label = truncate(
            &format!("{} {}", field.id, sanitize(&field.label)),
            label_width.saturating_sub(1),
        );
        let pad = label_width.saturating_sub(label.width());
        let mut spans = vec![Span::raw(format!("{label}{}", " ".repeat(pad)))];
        for id in parameters {
            if field.quality_parameters.iter().any(|p| p == id) {
                let cell = work.assessment.cell(&field.id, id);
                let rating = cell.and_then(|c| c.rating);
                let then = work
                    .last_audit
                    .as_ref()
                    .and_then(|last| last.previous_rating(&field.id, id));
                let (text, mark) = cell_text(rating, then, lang);
                let mark = if cell.is_some_and(|c| c.needs_reconfirmation) {
                    '⟳'
                } else {
                    mark
                };
                spans.push(Span::styled(
                    format!("{text:>w$}", w = cell_width - 1),
                    rating_style(definition, rating, theme),
                ));
                spans.push(Span::styled(mark.to_string(), theme.warn));
            } else {
                spans.push(Span::styled(
                    format!("{:>w$}", "–", w = cell_width),
                    theme.dim,
                ));
            }
        }
        spans.push(Span::raw("  "));
        spans.append(&mut scores[row]);
        rows.push(Line::from(spans));
    }
    lines.extend(list_window(
        rows,
        Some(selected),
        fields.len(),
        width,
        focused,
        theme,
    ));
    let mut spans = vec![Span::styled(
        format!("{:<w$}", Ui::Overall.text(lang), w = label_width + cells),
        theme.heading,
    )];
    spans.append(&mut scores[fields.len()]);
    lines.push(Line::from(spans));
    for line in matrix.legend {
        lines.push(Line::from(Span::styled(line.clone(), theme.dim)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
