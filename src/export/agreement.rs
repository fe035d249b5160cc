//! The agreement of the first and the second rating, for `siegel agreement`: overall, per
//! field of action and per quality parameter, as a table of text and as JSON.

use schemars::JsonSchema;
use serde::Serialize;

use crate::catalog::Lang;
use crate::catalog::report;
use crate::catalog::second as words;
use crate::domain::agreement::{Agreement, Pair, agreement};
use crate::domain::assessment::Assessment;

/// The two ratings: the first one and its second rating.
pub struct Ratings<'a> {
    pub first: &'a Assessment,
    pub second: &'a Assessment,
}

/// One line of the table: what it covers and its agreement.
pub struct Line {
    pub label: String,
    /// Cells of the matrix it covers.
    pub cells: usize,
    pub agreement: Agreement,
}

impl Ratings<'_> {
    /// Every cell of the matrix with its two independent ratings: the first auditor's own
    /// (not a later consensus) and the second's. One pass; the lines group it.
    fn cells(&self) -> Vec<(&str, &str, Pair)> {
        (self.first.matrix())
            .map(|(field, parameter)| {
                let first = self.first.original_rating(&field.id, &parameter.id);
                let second = (self.second.cell(&field.id, &parameter.id)).and_then(|c| c.rating);
                (field.id.as_str(), parameter.id.as_str(), (first, second))
            })
            .collect()
    }

    fn line(&self, label: String, pairs: &[Pair]) -> Line {
        let scale: Vec<i32> = (self.first.definition.scale.levels.iter())
            .map(|l| l.value)
            .collect();
        Line {
            label,
            cells: pairs.len(),
            agreement: agreement(pairs, &scale),
        }
    }

    /// The agreement over every cell.
    pub fn overall(&self) -> Agreement {
        let pairs: Vec<Pair> = self.cells().into_iter().map(|(_, _, pair)| pair).collect();
        self.line(String::new(), &pairs).agreement
    }

    /// Overall, then each field of action, then each quality parameter.
    pub fn lines(&self, lang: Lang) -> (Line, Vec<Line>, Vec<Line>) {
        use std::collections::HashMap;
        let definition = &self.first.definition;
        let cells = self.cells();
        let mut by_field: HashMap<&str, Vec<Pair>> = HashMap::new();
        let mut by_parameter: HashMap<&str, Vec<Pair>> = HashMap::new();
        for (field, parameter, pair) in &cells {
            by_field.entry(field).or_default().push(*pair);
            by_parameter.entry(parameter).or_default().push(*pair);
        }
        let all: Vec<Pair> = cells.iter().map(|(_, _, pair)| *pair).collect();
        let overall = self.line(words::overall(lang).to_string(), &all);
        let fields = (definition.fields_of_action.iter())
            .map(|f| {
                let pairs = by_field.get(f.id.as_str()).map_or(&[][..], Vec::as_slice);
                self.line(format!("{} {}", f.id, f.label), pairs)
            })
            .collect();
        let parameters = (definition.quality_parameters.iter())
            .filter_map(|p| {
                let pairs = by_parameter.get(p.id.as_str())?;
                Some(self.line(format!("{} {}", p.id, p.label), pairs))
            })
            .collect();
        (overall, fields, parameters)
    }

    /// The table as text lines.
    pub fn text(&self, lang: Lang) -> Vec<String> {
        let (overall, fields, parameters) = self.lines(lang);
        let mut rows: Vec<[String; 6]> = vec![words::columns(lang)];
        for line in std::iter::once(&overall).chain(&fields).chain(&parameters) {
            let [cells, exact, within, kappa, alpha] = figures(line, lang);
            rows.push([line.label.clone(), cells, exact, within, kappa, alpha]);
        }
        let widths: Vec<usize> = (0..6)
            .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
            .collect();
        let mut out = vec![words::heading(self.first, self.second, lang), String::new()];
        // The header and overall, the fields, the parameters: a blank line between blocks.
        let blocks = [2, 2 + fields.len()];
        for (index, row) in rows.iter().enumerate() {
            if blocks.contains(&index) {
                out.push(String::new());
            }
            let mut line = format!("{:<w$}", row[0], w = widths[0]);
            for (c, value) in row.iter().enumerate().skip(1) {
                line.push_str(&format!("  {value:>w$}", w = widths[c]));
            }
            out.push(line.trim_end().to_string());
        }
        out.push(String::new());
        out.push(words::method(overall.agreement.levels, lang));
        out
    }

    pub fn export(&self, lang: Lang) -> AgreementExport {
        let (overall, fields, parameters) = self.lines(lang);
        let export = |line: &Line, id: Option<String>| FigureExport {
            id,
            cells: line.cells,
            rated: line.agreement.rated,
            exact: line.agreement.exact,
            within_one: line.agreement.within_one,
            levels: line.agreement.levels,
            exact_share: line.agreement.exact_share(),
            within_one_share: line.agreement.within_one_share(),
            kappa: line.agreement.kappa,
            alpha: line.agreement.alpha,
        };
        let id = |label: &str| label.split(' ').next().map(str::to_string);
        AgreementExport {
            first: self.first.id,
            first_auditor: self.first.auditor.clone(),
            second: self.second.id,
            second_auditor: self.second.auditor.clone(),
            overall: export(&overall, None),
            fields: fields.iter().map(|l| export(l, id(&l.label))).collect(),
            parameters: parameters.iter().map(|l| export(l, id(&l.label))).collect(),
        }
    }
}

/// A line's figures as text: cells rated of all, exact and within one level (%), kappa and
/// alpha with two decimals ("0,50").
pub fn figures(line: &Line, lang: Lang) -> [String; 5] {
    let percent =
        |share: Option<f64>| share.map_or_else(|| "–".into(), |s| report::percent(s, lang));
    let coefficient = |value: Option<f64>| words::coefficient(value, lang);
    let a = &line.agreement;
    [
        format!("{}/{}", a.rated, line.cells),
        percent(a.exact_share()),
        percent(a.within_one_share()),
        coefficient(a.kappa),
        coefficient(a.alpha),
    ]
}

/// The agreement of two independent ratings, for machines.
#[derive(Debug, Serialize, JsonSchema)]
pub struct AgreementExport {
    pub first: i64,
    pub first_auditor: String,
    pub second: i64,
    pub second_auditor: String,
    pub overall: FigureExport,
    pub fields: Vec<FigureExport>,
    pub parameters: Vec<FigureExport>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FigureExport {
    /// The field of action's or quality parameter's id; null overall.
    pub id: Option<String>,
    /// Cells of the matrix covered.
    pub cells: usize,
    /// Cells both auditors rated (level or mark).
    pub rated: usize,
    pub exact: usize,
    pub within_one: usize,
    /// Cells both rated with a level: the basis of kappa and alpha.
    pub levels: usize,
    pub exact_share: Option<f64>,
    pub within_one_share: Option<f64>,
    /// Cohen's weighted kappa, quadratic weights.
    pub kappa: Option<f64>,
    /// Krippendorff's alpha, ordinal.
    pub alpha: Option<f64>,
}
