//! The computation behind a score, as lines for the explanation popup.

use crate::catalog::Lang;
use crate::catalog::tui as words;
use crate::domain::assessment::Assessment;
use crate::domain::scoring::{LeftOut, Outcome, Scores};
use crate::tui::app::parameter_label;
use crate::tui::screens::scoring::rating_label;

fn left_out(reason: LeftOut, lang: Lang) -> &'static str {
    match (reason, lang) {
        (LeftOut::NotApplicable, Lang::De) => "nicht zutreffend: nicht mitgerechnet",
        (LeftOut::NotApplicable, Lang::En) => "not applicable: left out",
        (LeftOut::NotAssessable, Lang::De) => "nicht bewertbar: fehlt",
        (LeftOut::NotAssessable, Lang::En) => "not assessable: missing",
        (LeftOut::Unrated, Lang::De) => "unbewertet: fehlt",
        (LeftOut::Unrated, Lang::En) => "unrated: missing",
    }
}

fn outcome_line(
    outcome: Outcome,
    raw: Option<f64>,
    score: Option<f64>,
    band: Option<usize>,
    assessment: &Assessment,
    lang: Lang,
) -> String {
    let rules = &assessment.definition.rules;
    match (outcome, raw, score) {
        (Outcome::Scored, Some(raw), Some(score)) => {
            let band = band
                .and_then(|b| rules.bands.get(b))
                .map(|b| format!(" → {}", b.label))
                .unwrap_or_default();
            format!(
                "= {:.3} ≈ {}{band}",
                raw,
                words::score(score, rules.score_decimals, lang)
            )
        }
        (
            Outcome::NotAssessable {
                rated_share,
                min_share,
            },
            _,
            _,
        ) => format!("= {}", words::share_below(rated_share, min_share, lang)),
        _ => format!(
            "= {}",
            crate::catalog::tui::Ui::NotApplicableScore.text(lang)
        ),
    }
}

/// The computation of one field's score, or of the overall score when `field` is `None`.
pub fn lines(
    assessment: &Assessment,
    scores: &Scores,
    field: Option<&str>,
    lang: Lang,
) -> Vec<String> {
    let definition = &assessment.definition;
    let mut out = Vec::new();
    match field.and_then(|id| scores.field(id)) {
        Some(score) => {
            let label = definition
                .fields_of_action
                .iter()
                .find(|f| f.id == score.field_id)
                .map_or("", |f| f.label.as_str());
            out.push(format!("{} {label}", score.field_id));
            for term in &score.terms {
                let name = parameter_label(definition, &term.parameter_id);
                let rating = rating_label(definition, term.rating, lang);
                let part = match (term.value, term.left_out) {
                    (Some(value), _) => format!(
                        "{} × {}",
                        crate::catalog::number(term.weight, lang),
                        crate::catalog::number(value, lang)
                    ),
                    (None, Some(reason)) => left_out(reason, lang).to_string(),
                    (None, None) => String::new(),
                };
                out.push(format!("  {name} ({rating}): {part}"));
            }
            out.push(format!(
                "  Σ {} / {} · {}",
                crate::catalog::number(score.numerator, lang),
                crate::catalog::number(score.denominator, lang),
                words::share(score.rated_share, lang)
            ));
            out.push(format!(
                "  {}",
                outcome_line(
                    score.outcome,
                    score.raw,
                    score.score,
                    score.band,
                    assessment,
                    lang
                )
            ));
        }
        None => {
            let overall = &scores.overall;
            for term in &overall.terms {
                let part = match (term.value, term.left_out) {
                    (Some(value), _) => format!(
                        "{} × {:.3}",
                        crate::catalog::number(term.weight, lang),
                        value
                    ),
                    (None, Some(reason)) => left_out(reason, lang).to_string(),
                    (None, None) => String::new(),
                };
                out.push(format!("  {}: {part}", term.field_id));
            }
            out.push(format!(
                "  Σ {:.3} / {} · {}",
                overall.numerator,
                crate::catalog::number(overall.denominator, lang),
                words::share(overall.rated_share, lang)
            ));
            out.push(format!(
                "  {}",
                outcome_line(
                    overall.outcome,
                    overall.raw,
                    overall.score,
                    overall.band,
                    assessment,
                    lang
                )
            ));
        }
    }
    out.push(String::new());
    out.push(definition.rules.bands_note.clone());
    out
}
