//! Ratings and scores as the screens show them. The marks for "nicht zutreffend" and "nicht
//! bewertbar" are the reports' own (`catalog::report::left_out_short`), so every surface uses
//! one notation.

use ratatui::style::Style;
use ratatui::text::Span;

use crate::catalog::Lang;
use crate::catalog::report::left_out_short;
use crate::catalog::tui::{self as words, Ui};
use crate::domain::assessment::{Cell, Rating};
use crate::domain::definition::Definition;
use crate::domain::scoring::{FieldScore, LeftOut, Outcome, OverallScore, rationale_required};
use crate::text::sanitize;
use crate::tui::theme::Theme;

/// A rating in a few characters: "3", "n.z.", "n.b." or "·" for none yet.
pub fn rating_short(rating: Option<Rating>, lang: Lang) -> String {
    match rating {
        Some(Rating::Level(level)) => level.to_string(),
        Some(Rating::NotApplicable) => left_out_short(LeftOut::NotApplicable, lang).into(),
        Some(Rating::NotAssessable) => left_out_short(LeftOut::NotAssessable, lang).into(),
        None => "·".into(),
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

/// A field's or the overall score: what `scored` needs of it.
pub trait Scored {
    fn parts(&self) -> (Outcome, Option<f64>, Option<usize>);
}

impl Scored for FieldScore {
    fn parts(&self) -> (Outcome, Option<f64>, Option<usize>) {
        (self.outcome, self.score, self.band)
    }
}

impl Scored for OverallScore {
    fn parts(&self) -> (Outcome, Option<f64>, Option<usize>) {
        (self.outcome, self.score, self.band)
    }
}

/// A field's or the overall score as `score_text` words it.
pub fn scored(
    definition: &Definition,
    score: &impl Scored,
    theme: &Theme,
    lang: Lang,
    compact: bool,
) -> Vec<Span<'static>> {
    let (outcome, value, band) = score.parts();
    score_text(definition, outcome, value, band, theme, lang, compact)
}

/// "2,4 ● teilweise entwickelt", or why there is no score; `compact` fits a table column: the
/// share without words.
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
                left_out_short(LeftOut::NotAssessable, lang),
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

/// Marks beside a rating: ⟳ to re-confirm, ✗ a rationale is missing, ¶ one is written.
pub fn cell_flags(definition: &Definition, cell: Option<&Cell>) -> String {
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
