//! Scoring one field of action: its quality parameters with their levels, the anchored
//! description of every level for the selected parameter, the rationale, and the field's
//! strengths, challenges and recommendations. The field's score and Ampel update as you rate.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::catalog::Lang;
use crate::catalog::tui::{self as words, Ui};
use crate::domain::assessment::{Cell, FindingKind, Rating};
use crate::domain::definition::Definition;
use crate::domain::scoring::{FieldScore, Outcome, rationale_required};
use crate::text::sanitize;
use crate::tui::answer::{one_line, paragraphs};
use crate::tui::app::{App, Pane, parameter_label};
use crate::tui::theme::Theme;
use crate::tui::view::{block, list_window, truncate};

/// A rating in a few characters: "3", "n.z.", "n.b.", "·"; `rating_cell` gives at most three.
pub fn rating_cell(rating: Option<Rating>, lang: Lang) -> String {
    match (rating, lang) {
        (Some(Rating::NotApplicable), Lang::De) => "nz".into(),
        (Some(Rating::NotApplicable), Lang::En) => "na".into(),
        (Some(Rating::NotAssessable), Lang::De) => "nb".into(),
        (Some(Rating::NotAssessable), Lang::En) => "ns".into(),
        (other, _) => rating_short(other, lang),
    }
}

/// A rating in a few characters: "3", "n.z.", "n.b.", "·".
pub fn rating_short(rating: Option<Rating>, lang: Lang) -> String {
    match (rating, lang) {
        (Some(Rating::Level(level)), _) => level.to_string(),
        (Some(Rating::NotApplicable), Lang::De) => "n.z.".into(),
        (Some(Rating::NotApplicable), Lang::En) => "n/a".into(),
        (Some(Rating::NotAssessable), Lang::De) => "n.b.".into(),
        (Some(Rating::NotAssessable), Lang::En) => "n/as".into(),
        (None, _) => "·".into(),
    }
}

/// The label of a rating: the level's label or the mark's.
pub fn rating_label(definition: &Definition, rating: Option<Rating>, lang: Lang) -> String {
    match rating {
        Some(Rating::Level(level)) => definition
            .scale
            .levels
            .iter()
            .find(|l| l.value == level)
            .map_or_else(|| level.to_string(), |l| sanitize(&l.label).into_owned()),
        Some(Rating::NotApplicable) => {
            sanitize(&definition.scale.not_applicable.label).into_owned()
        }
        Some(Rating::NotAssessable) => {
            sanitize(&definition.scale.not_assessable.label).into_owned()
        }
        None => Ui::Unrated.text(lang).into(),
    }
}

pub fn rating_style(definition: &Definition, rating: Option<Rating>, theme: &Theme) -> Style {
    match rating {
        Some(Rating::Level(level)) => theme.level(level, definition.scale.highest()),
        Some(_) => theme.text,
        None => theme.dim,
    }
}

/// "2,4 ● teilweise entwickelt", or why there is no score.
pub fn score_spans(
    definition: &Definition,
    score: &FieldScore,
    theme: &Theme,
    lang: Lang,
) -> Vec<Span<'static>> {
    score_text(
        definition,
        score.outcome,
        score.score,
        score.band,
        theme,
        lang,
        false,
    )
}

/// `compact` fits a table column: the share without words.
pub fn score_text(
    definition: &Definition,
    outcome: Outcome,
    score: Option<f64>,
    band: Option<usize>,
    theme: &Theme,
    lang: Lang,
    compact: bool,
) -> Vec<Span<'static>> {
    match (outcome, score) {
        (Outcome::Scored, Some(value)) => {
            let mut spans = vec![Span::styled(
                words::score(value, definition.rules.score_decimals, lang),
                theme.heading,
            )];
            if let Some(band) = band.and_then(|b| definition.rules.bands.get(b)) {
                spans.push(Span::raw(" "));
                spans.push(Span::styled(
                    format!("● {}", sanitize(&band.label)),
                    theme.band(band.color),
                ));
            }
            spans
        }
        (Outcome::NotApplicable, _) => {
            vec![Span::styled(Ui::NotApplicableScore.text(lang), theme.dim)]
        }
        (Outcome::NotAssessable { rated_share, .. }, _) if compact => vec![Span::styled(
            format!(
                "{} · {}",
                Ui::NotAssessableShort.text(lang),
                words::share(rated_share, lang)
            ),
            theme.dim,
        )],
        (
            Outcome::NotAssessable {
                rated_share,
                min_share,
            },
            _,
        ) => vec![Span::styled(
            format!(
                "{} ({})",
                Ui::NotAssessableScore.text(lang),
                words::share_below(rated_share, min_share, lang)
            ),
            theme.dim,
        )],
        (Outcome::Scored, None) => Vec::new(),
    }
}

fn cell_flags(definition: &Definition, cell: Option<&Cell>) -> String {
    let mut flags = String::new();
    if let Some(cell) = cell {
        if cell.needs_reconfirmation {
            flags.push('⟳');
        }
        match cell.rating {
            Some(rating)
                if rationale_required(definition, rating) && cell.rationale.trim().is_empty() =>
            {
                flags.push('✗')
            }
            _ if !cell.rationale.trim().is_empty() => flags.push('¶'),
            _ => {}
        }
    }
    flags
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(work) = &app.work else { return };
    let theme = &app.theme;
    let lang = app.lang;
    let definition = work.definition();
    let field = &definition.fields_of_action[work.field];
    let [header, rest] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);

    let score: Vec<Span<'static>> = work
        .scores
        .field(&field.id)
        .map(|score| {
            let mut spans = vec![Span::raw(format!("{} ", Ui::Score.text(lang)))];
            spans.extend(score_spans(definition, score, theme, lang));
            spans.push(Span::raw(" "));
            spans
        })
        .unwrap_or_default();
    let score_width: usize = score.iter().map(|s| s.width()).sum();
    let label_width = usize::from(header.width).saturating_sub(score_width + 1);
    let label = truncate(
        &format!(" {} {}", field.id, sanitize(&field.label)),
        label_width,
    );
    let fill = usize::from(header.width).saturating_sub(label.width() + score_width);
    let mut spans = vec![
        Span::styled(label, theme.heading),
        Span::raw(" ".repeat(fill)),
    ];
    spans.extend(score);
    frame.render_widget(Paragraph::new(Line::from(spans)), header);

    let left_width = (rest.width * 2 / 5).clamp(30, 60);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_width), Constraint::Fill(1)]).areas(rest);
    let parameter_rows = field.quality_parameters.len() as u16 + 2;
    let [parameters_area, findings_area] = Layout::vertical([
        Constraint::Length(parameter_rows.min(left.height / 2 + 2)),
        Constraint::Fill(1),
    ])
    .areas(left);

    // Parameters with their ratings.
    let focused = work.scoring_pane == Pane::Left && app.popup.is_none();
    let outer = block(Ui::Parameters.text(lang), focused, theme);
    let inner = outer.inner(parameters_area);
    frame.render_widget(outer, parameters_area);
    let width = usize::from(inner.width);
    let items: Vec<Line<'static>> = field
        .quality_parameters
        .iter()
        .map(|id| {
            let cell = work.assessment.cell(&field.id, id);
            let rating = cell.and_then(|c| c.rating);
            let short = rating_short(rating, lang);
            let flags = cell_flags(definition, cell);
            let label_width = width.saturating_sub(8);
            let label = truncate(&sanitize(parameter_label(definition, id)), label_width);
            let pad =
                label_width.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
            Line::from(vec![
                Span::raw(format!("{label}{} ", " ".repeat(pad))),
                Span::styled(
                    format!("{short:>4}"),
                    rating_style(definition, rating, theme),
                ),
                Span::styled(format!(" {flags}"), theme.warn),
            ])
        })
        .collect();
    let lines = list_window(
        items,
        Some(work.parameter),
        usize::from(inner.height),
        width,
        focused,
        theme,
    );
    frame.render_widget(Paragraph::new(lines), inner);

    // Strengths, challenges, recommendations.
    let focused = work.scoring_pane == Pane::Right && app.popup.is_none();
    let outer = block(Ui::Findings.text(lang), focused, theme);
    let inner = outer.inner(findings_area);
    frame.render_widget(outer, findings_area);
    let width = usize::from(inner.width);
    let findings = work.field_findings();
    let mut lines = Vec::new();
    let mut selected_line = 0;
    let mut index = 0;
    for kind in FindingKind::ALL {
        lines.push(Line::from(Span::styled(
            words::finding_kind(kind).text(lang).to_string(),
            theme.heading,
        )));
        let of_kind: Vec<_> = findings.iter().filter(|f| f.kind == kind).collect();
        if of_kind.is_empty() {
            lines.push(Line::from(Span::styled(
                format!("  {}", Ui::NoEntries.text(lang)),
                theme.dim,
            )));
        }
        for finding in of_kind {
            let mut line = Line::from(truncate(&format!("  • {}", one_line(&finding.text)), width));
            if index == work.finding {
                selected_line = lines.len();
                if focused {
                    let fill = width.saturating_sub(line.width());
                    line.spans.push(Span::raw(" ".repeat(fill)));
                    line = line.patch_style(theme.selected);
                }
            }
            lines.push(line);
            index += 1;
        }
    }
    // Keep the selected entry in view.
    let height = usize::from(inner.height);
    let scroll = (selected_line + 1).saturating_sub(height) as u16;
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);

    render_detail(app, frame, right);
}

/// The right pane: what the levels mean for the selected parameter, and its rationale; or the
/// full text of the selected entry.
fn render_detail(app: &App, frame: &mut Frame, area: Rect) {
    let Some(work) = &app.work else { return };
    let theme = &app.theme;
    let lang = app.lang;
    let definition = work.definition();
    let field = &definition.fields_of_action[work.field];
    let width = usize::from(area.width.saturating_sub(2));
    let mut lines: Vec<Line<'static>> = Vec::new();
    if work.scoring_pane == Pane::Right {
        let findings = work.field_findings();
        if let Some(finding) = findings.get(work.finding) {
            lines.extend(paragraphs(&finding.text, width).into_iter().map(Line::from));
        }
        let outer = block(Ui::EntryTitle.text(lang), false, theme);
        frame.render_widget(Paragraph::new(lines).block(outer), area);
        return;
    }
    let Some(parameter_id) = field.quality_parameters.get(work.parameter) else {
        return;
    };
    let Some(parameter) = definition
        .quality_parameters
        .iter()
        .find(|p| &p.id == parameter_id)
    else {
        return;
    };
    let cell = work.assessment.cell(&field.id, parameter_id);
    let rating = cell.and_then(|c| c.rating);

    // The rationale keeps a fixed place at the bottom; the levels take the rest.
    let rationale = cell
        .map(|c| c.rationale.as_str())
        .filter(|r| !r.trim().is_empty());
    let rationale_lines = rationale.map_or(1, |r| paragraphs(r, width).len()).min(4) as u16;
    let [levels_area, rationale_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(rationale_lines + 2)])
            .areas(area);

    let mut current_line = 0;
    if cell.is_some_and(|c| c.needs_reconfirmation) {
        for line in paragraphs(&format!("⟳ {}", Ui::NeedsReconfirmation.text(lang)), width) {
            lines.push(Line::from(Span::styled(line, theme.warn)));
        }
    }
    for level in &definition.scale.levels {
        let current = rating == Some(Rating::Level(level.value));
        let anchor = parameter
            .anchors
            .get(&level.value.to_string())
            .map_or(level.description.as_str(), String::as_str);
        let marker = if current { "▶" } else { " " };
        if current {
            current_line = lines.len();
        }
        let style = if current { theme.selected } else { theme.text };
        // A hanging indent keeps the level numbers in one column.
        for (i, line) in paragraphs(
            &format!("{} {} — {anchor}", level.value, level.label),
            width.saturating_sub(3),
        )
        .into_iter()
        .enumerate()
        {
            let prefix = if i == 0 {
                format!("{marker} ")
            } else {
                "   ".to_string()
            };
            lines.push(Line::from(Span::styled(format!("{prefix}{line}"), style)));
        }
    }
    let mut marks = Vec::new();
    for (mark, action, rated) in [
        (
            &definition.scale.not_applicable,
            crate::tui::action::Action::NotApplicable,
            Rating::NotApplicable,
        ),
        (
            &definition.scale.not_assessable,
            crate::tui::action::Action::NotAssessable,
            Rating::NotAssessable,
        ),
    ] {
        let key = app
            .keymap
            .describe(crate::tui::action::Context::Scoring, action);
        let current = rating == Some(rated);
        if current {
            current_line = lines.len();
        }
        let style = if current { theme.selected } else { theme.dim };
        marks.push(Span::styled(
            format!(
                "{}{key} {}",
                if current { "▶" } else { " " },
                sanitize(&mark.label)
            ),
            style,
        ));
        marks.push(Span::raw("  "));
    }
    lines.push(Line::from(marks));
    // The guiding question comes last: where the pane is short, the levels matter more.
    for line in paragraphs(
        &format!(
            "{}: {}",
            Ui::GuidingQuestion.text(lang),
            parameter.guiding_question
        ),
        width,
    ) {
        lines.push(Line::from(Span::styled(line, theme.dim)));
    }
    let height = usize::from(levels_area.height.saturating_sub(2));
    let scroll = (current_line + 2).saturating_sub(height) as u16;
    let title = format!(
        "{} · {}",
        sanitize(&parameter.label),
        rating_label(definition, rating, lang)
    );
    frame.render_widget(
        Paragraph::new(lines)
            .block(block(&title, false, theme))
            .scroll((scroll, 0)),
        levels_area,
    );

    let required = rating.is_some_and(|r| rationale_required(definition, r));
    let title = if required {
        format!(
            "{} ({})",
            Ui::Rationale.text(lang),
            Ui::RationaleRequired.text(lang)
        )
    } else {
        Ui::Rationale.text(lang).to_string()
    };
    let text: Vec<Line<'static>> = match rationale {
        Some(text) => paragraphs(text, width)
            .into_iter()
            .map(Line::from)
            .collect(),
        None => vec![Line::from(Span::styled(
            Ui::NoRationale.text(lang),
            if required { theme.warn } else { theme.dim },
        ))],
    };
    frame.render_widget(
        Paragraph::new(text).block(block(&title, false, theme)),
        rationale_area,
    );
}
