//! How far two independent ratings of the same cells agree: exact agreement and agreement
//! within one level (%), Cohen's weighted kappa with quadratic weights, and Krippendorff's
//! alpha for ordinal data.
//!
//! The marks *nicht zutreffend* and *nicht bewertbar* are not levels of the scale:
//! - in the two percentages they are categories of their own (both "n.z." agree; "n.z." beside
//!   a level disagrees, also within one level);
//! - kappa and alpha are computed on the cells both auditors rated with a level, as ordinal
//!   measures need an order.
//!
//! Cells either auditor left unrated are left out of everything. Each figure says on how many
//! cells it rests.

use super::assessment::Rating;

/// One cell rated by both.
pub type Pair = (Option<Rating>, Option<Rating>);

/// The agreement of two ratings.
#[derive(Debug, Clone, PartialEq)]
pub struct Agreement {
    /// Cells both auditors rated (level or mark).
    pub rated: usize,
    /// Of those, rated the same.
    pub exact: usize,
    /// Of those, the same mark, or levels at most one apart.
    pub within_one: usize,
    /// Cells both rated with a level: what kappa and alpha rest on.
    pub levels: usize,
    /// Cohen's weighted kappa, quadratic weights; `None` without two levels to compare or
    /// when both auditors used one level only (no variation to measure against).
    pub kappa: Option<f64>,
    /// Krippendorff's alpha, ordinal metric; `None` likewise.
    pub alpha: Option<f64>,
}

impl Agreement {
    pub fn exact_share(&self) -> Option<f64> {
        (self.rated > 0).then(|| self.exact as f64 / self.rated as f64)
    }

    pub fn within_one_share(&self) -> Option<f64> {
        (self.rated > 0).then(|| self.within_one as f64 / self.rated as f64)
    }
}

/// The agreement over `pairs`; `scale` are the levels in order (lowest first).
pub fn agreement(pairs: &[Pair], scale: &[i32]) -> Agreement {
    let mut rated = 0;
    let mut exact = 0;
    let mut within_one = 0;
    let mut levels = Vec::new();
    for pair in pairs {
        let (Some(a), Some(b)) = *pair else {
            continue;
        };
        rated += 1;
        exact += usize::from(a == b);
        let close = match (a, b) {
            (Rating::Level(x), Rating::Level(y)) => {
                levels.push((x, y));
                (x - y).abs() <= 1
            }
            (a, b) => a == b,
        };
        within_one += usize::from(close);
    }
    // Ranks on the scale, so that a scale of 1–5 or 0–4 measures alike.
    let rank = |level: i32| scale.iter().position(|l| *l == level);
    let ranked: Vec<(usize, usize)> = levels
        .iter()
        .filter_map(|(a, b)| Some((rank(*a)?, rank(*b)?)))
        .collect();
    let units: Vec<Vec<usize>> = ranked.iter().map(|(a, b)| vec![*a, *b]).collect();
    Agreement {
        rated,
        exact,
        within_one,
        levels: ranked.len(),
        kappa: weighted_kappa(&ranked, scale.len()),
        alpha: krippendorff_alpha(&units, scale.len(), Metric::Ordinal),
    }
}

/// Cohen's kappa with quadratic weights for two raters over `k` ordered categories (ranks
/// 0..k): 1 − Σ d·observed / Σ d·expected, d = (i − j)².
pub fn weighted_kappa(pairs: &[(usize, usize)], k: usize) -> Option<f64> {
    let n = pairs.len();
    if n == 0 || k < 2 {
        return None;
    }
    let mut observed = vec![vec![0.0; k]; k];
    let (mut rows, mut columns) = (vec![0.0; k], vec![0.0; k]);
    for &(a, b) in pairs {
        if a >= k || b >= k {
            return None;
        }
        observed[a][b] += 1.0;
        rows[a] += 1.0;
        columns[b] += 1.0;
    }
    let n = n as f64;
    let (mut disagreement, mut chance) = (0.0, 0.0);
    for i in 0..k {
        for j in 0..k {
            let d = ((i as f64) - (j as f64)).powi(2);
            disagreement += d * observed[i][j] / n;
            chance += d * rows[i] * columns[j] / (n * n);
        }
    }
    (chance > 0.0).then(|| 1.0 - disagreement / chance)
}

/// The difference function of Krippendorff's alpha.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    Nominal,
    Ordinal,
    Interval,
}

/// Krippendorff's alpha over units, each the values (ranks 0..k) the coders gave it; units
/// with fewer than two values are not pairable and left out.
pub fn krippendorff_alpha(units: &[Vec<usize>], k: usize, metric: Metric) -> Option<f64> {
    // The coincidence matrix: each ordered pair of values within a unit, weighted 1/(m − 1).
    let mut coincidences = vec![vec![0.0; k]; k];
    for values in units {
        let m = values.len();
        if m < 2 || values.iter().any(|v| *v >= k) {
            continue;
        }
        let weight = 1.0 / (m as f64 - 1.0);
        for (i, &a) in values.iter().enumerate() {
            for (j, &b) in values.iter().enumerate() {
                if i != j {
                    coincidences[a][b] += weight;
                }
            }
        }
    }
    let totals: Vec<f64> = coincidences.iter().map(|row| row.iter().sum()).collect();
    let n: f64 = totals.iter().sum();
    if n <= 1.0 {
        return None;
    }
    let delta = |c: usize, d: usize| -> f64 {
        match metric {
            Metric::Nominal => f64::from(u8::from(c != d)),
            Metric::Interval => ((c as f64) - (d as f64)).powi(2),
            Metric::Ordinal => {
                let (low, high) = (c.min(d), c.max(d));
                let between: f64 = totals[low..=high].iter().sum();
                (between - (totals[c] + totals[d]) / 2.0).powi(2)
            }
        }
    };
    let (mut observed, mut expected) = (0.0, 0.0);
    for c in 0..k {
        for d in 0..k {
            let distance = delta(c, d);
            observed += coincidences[c][d] * distance;
            expected += totals[c] * totals[d] * distance;
        }
    }
    (expected > 0.0).then(|| 1.0 - (n - 1.0) * observed / expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(found: Option<f64>, expected: f64) {
        let found = found.expect("a value");
        assert!(
            (found - expected).abs() < 0.0005,
            "{found} is not {expected}"
        );
    }

    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the worked example:
    /// four observers, twelve units, values 1–5, some missing. Published: nominal 0.743,
    /// ordinal 0.815, interval 0.849.
    #[test]
    fn alpha_matches_krippendorffs_published_example() {
        let none = None;
        let rows: [[Option<usize>; 12]; 4] = [
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(1),
                Some(4),
                Some(1),
                Some(2),
                none,
                none,
                none,
            ],
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(2),
                Some(4),
                Some(1),
                Some(2),
                Some(5),
                none,
                Some(3),
            ],
            [
                none,
                Some(3),
                Some(3),
                Some(3),
                Some(2),
                Some(3),
                Some(4),
                Some(2),
                Some(2),
                Some(5),
                Some(1),
                none,
            ],
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(4),
                Some(4),
                Some(1),
                Some(2),
                Some(5),
                Some(1),
                none,
            ],
        ];
        // Values 1–5 as ranks 0–4.
        let units: Vec<Vec<usize>> = (0..12)
            .map(|unit| {
                rows.iter()
                    .filter_map(|row| row[unit])
                    .map(|v| v - 1)
                    .collect()
            })
            .collect();
        close(krippendorff_alpha(&units, 5, Metric::Nominal), 0.743);
        close(krippendorff_alpha(&units, 5, Metric::Ordinal), 0.815);
        close(krippendorff_alpha(&units, 5, Metric::Interval), 0.849);
    }

    /// Computed by hand: ten cells on a scale of three levels.
    ///
    /// Observed (rows: first, columns: second):
    /// ```text
    ///        0  1  2 | rows
    ///   0    2  1  0 | 3
    ///   1    1  3  1 | 5
    ///   2    0  0  2 | 2
    /// cols   3  4  3 | 10
    /// ```
    /// Σ d·observed / n = (1·1 + 1·1 + 1·1) / 10 = 0.3 (d = (i − j)²: three pairs one apart).
    /// Σ d·expected / n² = [3·(0·3 + 1·4 + 4·3) + 5·(1·3 + 0·4 + 1·3) + 2·(4·3 + 1·4 + 0·3)] / 100
    ///                   = (48 + 30 + 32) / 100 = 1.1.
    /// κ = 1 − 0.3 / 1.1 = 0.72727…
    #[test]
    fn weighted_kappa_by_hand() {
        let pairs = [
            (0, 0),
            (0, 0),
            (0, 1),
            (1, 0),
            (1, 1),
            (1, 1),
            (1, 1),
            (1, 2),
            (2, 2),
            (2, 2),
        ];
        close(weighted_kappa(&pairs, 3), 1.0 - 0.3 / 1.1);
        // Perfect agreement is 1; no variation at all measures nothing.
        close(weighted_kappa(&[(0, 0), (2, 2)], 3), 1.0);
        assert_eq!(weighted_kappa(&[(1, 1), (1, 1)], 3), None);
        assert_eq!(weighted_kappa(&[], 3), None);
    }

    #[test]
    fn marks_count_in_the_shares_and_not_in_kappa_and_alpha() {
        let l = |level| Some(Rating::Level(level));
        let na = Some(Rating::NotApplicable);
        let nb = Some(Rating::NotAssessable);
        let pairs = [
            (l(2), l(2)),
            (l(2), l(3)),
            (l(1), l(4)),
            (na, na),
            (na, l(2)),
            (nb, nb),
            (None, l(3)),
        ];
        let a = agreement(&pairs, &[0, 1, 2, 3, 4]);
        assert_eq!(a.rated, 6, "the cell one auditor left unrated is out");
        assert_eq!(a.exact, 3, "2=2, n.z.=n.z., n.b.=n.b.");
        assert_eq!(a.within_one, 4, "and 2 beside 3");
        assert_eq!(a.levels, 3);
        // Kappa over (2,2), (2,3), (1,4) on five ranks, by the formula above: observed
        // Σd/n = (0 + 1 + 9)/3; expected from the margins rows {1:1, 2:2}, columns {2:1, 3:1,
        // 4:1}: Σ rows·cols·d / 9 = (1·(1+4+9) + 2·(0+1+4)) / 9 = 24/9.
        close(a.kappa, 1.0 - (10.0 / 3.0) / (24.0 / 9.0));
        close(a.exact_share(), 0.5);
    }
}
