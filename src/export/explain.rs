//! The computation behind a score as lines of text: which cells with which weights and values
//! went in, what was left out and why, the rated share against the minimum, the unrounded and
//! rounded score and its Ampel band. `siegel explain` prints it; the terminal UI shows it too.

use crate::catalog::Lang;
use crate::catalog::report::{self, Text};
use crate::domain::assessment::{Assessment, Rating};
use crate::domain::definition::{Definition, NotApplicablePolicy};
use crate::domain::scoring::{CellTerm, FieldScore, LeftOut, Outcome, Scores};
use crate::export::escape::clean;

/// The field asked for is not one of the questionnaire's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownField(pub String);

const INDENT: &str = "  ";

/// Weights, values and sums: up to four decimals, a cut marked with "…".
fn number(value: f64, lang: Lang) -> String {
    report::decimal(value, 4, true, lang)
}

struct Explainer<'a> {
    /// Whose cells are explained.
    assessment: &'a Assessment,
    /// Whose weights and rules: the assessment's own, or a later version's for a comparison.
    definition: &'a Definition,
    lang: Lang,
    /// Depth of the tree's root.
    base: usize,
    lines: Vec<String>,
}

impl Explainer<'_> {
    fn push(&mut self, depth: usize, text: impl AsRef<str>) {
        self.lines.push(format!(
            "{}{}",
            INDENT.repeat(self.base + depth),
            clean(text.as_ref())
        ));
    }

    /// The tree of the overall score, or of one field's.
    fn tree(&mut self, scores: &Scores, field: Option<&str>) -> Result<(), UnknownField> {
        match field {
            None => self.overall(scores),
            Some(field_id) => {
                let field = scores
                    .field(field_id)
                    .ok_or_else(|| UnknownField(field_id.to_string()))?;
                let heading = self.field_heading(field_id);
                self.push(0, heading);
                self.field(1, field);
            }
        }
        Ok(())
    }

    fn text(&self, text: Text) -> String {
        text.text(self.lang)
    }

    fn field_heading(&self, field_id: &str) -> String {
        self.definition
            .fields_of_action
            .iter()
            .find(|f| f.id == field_id)
            .map_or_else(|| field_id.to_string(), |f| format!("{} {}", f.id, f.label))
    }

    fn rating_label(&self, rating: Option<Rating>) -> String {
        let scale = &self.definition.scale;
        match rating {
            Some(Rating::Level(level)) => scale
                .levels
                .iter()
                .find(|l| l.value == level)
                .map_or_else(|| level.to_string(), |l| format!("{level} {}", l.label)),
            Some(Rating::NotApplicable) => scale.not_applicable.label.clone(),
            Some(Rating::NotAssessable) => scale.not_assessable.label.clone(),
            None => report::left_out(LeftOut::Unrated, self.lang).into(),
        }
    }

    fn cell_term(&mut self, depth: usize, field_id: &str, term: &CellTerm) {
        let parameter = self
            .definition
            .quality_parameters
            .iter()
            .find(|p| p.id == term.parameter_id)
            .map_or_else(
                || term.parameter_id.clone(),
                |p| format!("{} {}", p.id, p.label),
            );
        let weight = number(term.weight, self.lang);
        let detail = match (term.value, term.left_out) {
            (Some(value), _) => {
                let value_text = number(value, self.lang);
                let product = number(term.weight * value, self.lang);
                let counts_as_highest = term.rating == Some(Rating::NotApplicable)
                    && self.definition.rules.not_applicable == NotApplicablePolicy::CountAsHighest;
                if counts_as_highest {
                    self.text(Text::ExplainCountsAsHighest {
                        weight: &weight,
                        value: &value_text,
                        product: &product,
                    })
                } else {
                    format!(
                        "{}; {}",
                        self.rating_label(term.rating),
                        self.text(Text::ExplainCounted {
                            weight: &weight,
                            value: &value_text,
                            product: &product,
                        })
                    )
                }
            }
            (None, reason) => self.text(Text::ExplainLeftOut {
                weight: &weight,
                reason: reason.unwrap_or(LeftOut::Unrated),
            }),
        };
        let mut line = format!("{parameter}: {detail}");
        if let Some(cell) = self.assessment.cell(field_id, &term.parameter_id)
            && cell.needs_reconfirmation
        {
            line.push_str(&format!(" [{}]", self.text(Text::NeedsReconfirmation)));
        }
        self.push(depth, line);
    }

    /// Sums, share, rounding and band: the part fields and the overall score share.
    #[allow(clippy::too_many_arguments)]
    fn result(
        &mut self,
        depth: usize,
        outcome: Outcome,
        numerator: f64,
        denominator: f64,
        counted: f64,
        rated_share: f64,
        raw: Option<f64>,
        score: Option<f64>,
        band: Option<usize>,
    ) {
        let lang = self.lang;
        let rules = &self.definition.rules;
        if outcome == Outcome::NotApplicable {
            let line = self.text(Text::ExplainNotApplicable);
            self.push(depth, line);
            return;
        }
        let line = self.text(Text::ExplainSums {
            numerator: &number(numerator, lang),
            denominator: &number(denominator, lang),
        });
        self.push(depth, line);
        let reached = matches!(outcome, Outcome::Scored);
        let line = self.text(Text::ExplainShare {
            share: &report::percent(rated_share, lang),
            rated_weight: &number(denominator, lang),
            counted_weight: &number(counted, lang),
            min: &report::percent(rules.min_rated_share, lang),
            reached,
        });
        self.push(depth, line);
        match (raw, score) {
            (Some(raw), Some(score)) => {
                let decimals = rules.score_decimals;
                let line = self.text(Text::ExplainRounded {
                    raw: &number(raw, lang),
                    decimals,
                    score: &report::decimal(score, decimals.min(9) as usize, false, lang),
                });
                self.push(depth, line);
                let line = match band.and_then(|b| rules.bands.get(b)) {
                    Some(band) => self.text(Text::ExplainBand {
                        label: &band.label,
                        color: band.color,
                        up_to: &number(band.up_to, lang),
                    }),
                    None => self.text(Text::ExplainNoBand),
                };
                self.push(depth, line);
            }
            _ => {
                let line = self.text(Text::ExplainNotAssessable);
                self.push(depth, line);
                let line = self.text(Text::ExplainNoBand);
                self.push(depth, line);
            }
        }
    }

    fn field(&mut self, depth: usize, field: &FieldScore) {
        let rule = format!(
            "{}: {}",
            self.text(Text::Rule),
            self.text(Text::ExplainFieldRule)
        );
        self.push(depth, rule);
        for term in &field.terms {
            self.cell_term(depth, &field.field_id, term);
        }
        self.result(
            depth,
            field.outcome,
            field.numerator,
            field.denominator,
            field.counted_weight,
            field.rated_share,
            field.raw,
            field.score,
            field.band,
        );
    }

    fn overall(&mut self, scores: &Scores) {
        let heading = self.text(Text::ExplainOverall {
            county: &self.assessment.answers.county.name,
        });
        self.push(0, format!("{heading} ({})", self.definition.key()));
        let rule = format!(
            "{}: {}",
            self.text(Text::Rule),
            self.text(Text::ExplainOverallRule)
        );
        self.push(1, rule);
        for term in &scores.overall.terms {
            let weight = number(term.weight, self.lang);
            let detail = match (term.value, term.left_out) {
                (Some(value), None) => self.text(Text::ExplainCounted {
                    weight: &weight,
                    value: &number(value, self.lang),
                    product: &number(term.weight * value, self.lang),
                }),
                (_, reason) => self.text(Text::ExplainLeftOut {
                    weight: &weight,
                    reason: reason.unwrap_or(LeftOut::Unrated),
                }),
            };
            let heading = self.field_heading(&term.field_id);
            self.push(1, format!("{heading}: {detail}"));
            if let Some(field) = scores.field(&term.field_id) {
                self.field(2, field);
            }
        }
        let overall = &scores.overall;
        self.result(
            1,
            overall.outcome,
            overall.numerator,
            overall.denominator,
            overall.counted_weight,
            overall.rated_share,
            overall.raw,
            overall.score,
            overall.band,
        );
    }
}

/// The explain tree of the overall score (every field nested in it), or of one field.
pub fn lines(
    assessment: &Assessment,
    scores: &Scores,
    field: Option<&str>,
    lang: Lang,
) -> Result<Vec<String>, UnknownField> {
    let mut explainer = Explainer {
        assessment,
        definition: &assessment.definition,
        lang,
        base: 0,
        lines: Vec::new(),
    };
    explainer.tree(scores, field)?;
    let note = explainer.text(Text::ExplainNote {
        note: &assessment.definition.rules.bands_note,
    });
    explainer.push(0, note);
    Ok(explainer.lines)
}

/// How the last audit's score set beside today's comes about: which cells of which version,
/// by which version's weights and rules, and the change; or why it is not compared.
pub fn compared_lines(
    compared: &super::compare::Compared,
    field: Option<&str>,
) -> Result<Vec<String>, UnknownField> {
    use crate::catalog::versions as words;
    let (then, now, lang) = (compared.then, compared.now, compared.lang);
    let c = compared.comparison;
    let (incomparable, as_then, by_current, now_score) = match field {
        Some(id) => {
            let f = (c.fields.iter())
                .find(|f| f.field_id == id)
                .ok_or_else(|| UnknownField(id.to_string()))?;
            let reason = f
                .incomparable
                .as_ref()
                .map(|r| words::incomparable(r, lang));
            (reason, f.then, f.then_by_current_rules, f.now)
        }
        None => {
            let reason = (!c.overall_comparable).then(|| {
                (c.fields.iter())
                    .filter_map(|f| {
                        Some(format!(
                            "{}: {}",
                            f.field_id,
                            words::incomparable(f.incomparable.as_ref()?, lang)
                        ))
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            });
            (
                reason,
                c.overall_then,
                c.overall_then_by_current_rules,
                c.overall_now,
            )
        }
    };
    let mut explainer = Explainer {
        assessment: then,
        definition: &now.definition,
        lang,
        base: 1,
        lines: vec![clean(&words::explain_compared(&compared.audit_then(), lang)).into_owned()],
    };
    if let Some(reason) = incomparable {
        explainer.push(0, reason);
        return Ok(explainer.lines);
    }
    let source = words::explain_compared_source(
        compared.then_year(),
        then.id,
        &then.definition.version,
        &now.definition.version,
        lang,
    );
    explainer.push(0, source);
    let scores = crate::domain::scoring::score(&now.definition, &then.cells);
    explainer.base = 2;
    explainer.tree(&scores, field)?;
    explainer.base = 1;
    let score = |v: Option<f64>| {
        v.map_or_else(
            || report::left_out_short(LeftOut::Unrated, lang).to_string(),
            |v| super::score_text(v, &now.definition.rules, lang),
        )
    };
    if as_then != by_current {
        let line = words::explain_as_then(&then.definition.version, &score(as_then), lang);
        explainer.push(0, line);
    }
    let change = compared.change_text(now_score.zip(by_current).map(|(n, t)| n - t));
    let line = words::explain_change(&score(by_current), &score(now_score), &change, lang);
    explainer.push(0, line);
    Ok(explainer.lines)
}
