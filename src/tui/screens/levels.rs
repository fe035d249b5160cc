//! The scoring screen's detail pane for a parameter: the rating, the anchored text of every
//! level, the marks, the guiding question and the whole rationale.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::catalog::tui::{self as words, Ui};
use crate::domain::assessment::Rating;
use crate::domain::definition::FieldOfAction;
use crate::domain::scoring::rationale_required;
use crate::tui::action::{Action, Context};
use crate::tui::component::Ctx;
use crate::tui::widgets::answer::paragraphs;
use crate::tui::widgets::rating::{rating_label, rating_short};
use crate::tui::work::Work;

/// The levels with their anchored text, the marks, the guiding question, the rationale.
pub fn level_lines(
    work: &Work,
    field: &FieldOfAction,
    parameter: usize,
    width: usize,
    ctx: &Ctx,
) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let lang = ctx.lang;
    let definition = work.definition();
    let Some(parameter_id) = field.quality_parameters.get(parameter) else {
        return Vec::new();
    };
    let Some(parameter) = definition
        .quality_parameters
        .iter()
        .find(|p| &p.id == parameter_id)
    else {
        return Vec::new();
    };
    let cell = work.assessment.cell(&field.id, parameter_id);
    let rating = cell.and_then(|c| c.rating);
    let key = |action| ctx.keymap.describe(Context::Scoring, action);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let styled = |text: &str, style, indent: &str, lines: &mut Vec<Line<'static>>| {
        for (i, line) in paragraphs(text, width.saturating_sub(indent.width()))
            .into_iter()
            .enumerate()
        {
            let prefix = if i == 0 {
                indent.to_string()
            } else {
                " ".repeat(indent.width())
            };
            lines.push(Line::from(Span::styled(format!("{prefix}{line}"), style)));
        }
    };
    styled(
        &format!(
            "{}: {}",
            Ui::Rating.text(lang),
            rating_label(definition, rating, lang)
        ),
        theme.heading,
        "",
        &mut lines,
    );
    if cell.is_some_and(|c| c.needs_reconfirmation) {
        let text = format!(
            "⟳ {} ({} {})",
            Ui::NeedsReconfirmation.text(lang),
            key(Action::ConfirmRating),
            Ui::Confirms.text(lang)
        );
        styled(&text, theme.warn, "", &mut lines);
    }
    // In a Bilanzierung: the last audit's rating and rationale, read-only, and how to take it.
    if let Some(last) = &work.last_audit {
        let then = last.previous_rating(&field.id, parameter_id);
        let text = match then {
            Some(then) => format!(
                "{}: {} ({} {})",
                words::last_audit_rating(last.year(), lang),
                rating_label(&last.assessment.definition, Some(then), lang),
                key(Action::AdoptPrevious),
                Ui::AdoptsIt.text(lang)
            ),
            None => format!(
                "{}: {}",
                words::last_audit_rating(last.year(), lang),
                Ui::NotRatedOrNotComparable.text(lang)
            ),
        };
        styled(&text, theme.dim, "", &mut lines);
        if let Some(rationale) = last.previous_rationale(&field.id, parameter_id) {
            styled(&format!("„{rationale}“"), theme.dim, "  ", &mut lines);
        }
    }
    for level in &definition.scale.levels {
        let current = rating == Some(Rating::Level(level.value));
        let anchor = parameter
            .anchors
            .get(&level.value.to_string())
            .map_or(level.description.as_str(), String::as_str);
        let style = if current { theme.selected } else { theme.text };
        let marker = if current { "▶ " } else { "  " };
        // A hanging indent keeps the level numbers in one column.
        styled(
            &format!("{} {} — {anchor}", level.value, level.label),
            style,
            marker,
            &mut lines,
        );
    }
    for (mark, action, rated) in [
        (
            &definition.scale.not_applicable,
            Action::NotApplicable,
            Rating::NotApplicable,
        ),
        (
            &definition.scale.not_assessable,
            Action::NotAssessable,
            Rating::NotAssessable,
        ),
    ] {
        let current = rating == Some(rated);
        let style = if current { theme.selected } else { theme.dim };
        let marker = if current { "▶ " } else { "  " };
        let text = format!(
            "{} {} — {}",
            key(action),
            rating_short(Some(rated), lang),
            mark.label
        );
        styled(&text, style, marker, &mut lines);
    }
    lines.push(Line::from(""));
    styled(
        &format!(
            "{}: {}",
            Ui::GuidingQuestion.text(lang),
            parameter.guiding_question
        ),
        theme.dim,
        "",
        &mut lines,
    );
    lines.push(Line::from(""));
    let required = rating.is_some_and(|r| rationale_required(definition, r));
    let heading = if required {
        format!(
            "{} ({})",
            Ui::Rationale.text(lang),
            Ui::RationaleRequired.text(lang)
        )
    } else {
        Ui::Rationale.text(lang).to_string()
    };
    lines.push(Line::from(Span::styled(heading, theme.heading)));
    match cell
        .map(|c| c.rationale.as_str())
        .filter(|r| !r.trim().is_empty())
    {
        Some(text) => lines.extend(paragraphs(text, width).into_iter().map(Line::from)),
        None => lines.push(Line::from(Span::styled(
            format!(
                "{} ({} {})",
                Ui::NoRationale.text(lang),
                key(Action::Edit),
                Ui::WritesOne.text(lang)
            ),
            if required { theme.warn } else { theme.dim },
        ))),
    }
    lines
}
