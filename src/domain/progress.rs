//! Where a Zielvereinbarung stands: each measure's status over the years of its Jahresberichte,
//! which measures are overdue, and each indicator's values against its target. Built once from
//! the agreement and its current reports; the goals screen, `siegel goals` and the reports read
//! it.

use std::collections::HashMap;

use super::goals::{AnnualReport, Goal, GoalAgreement, Measure, MeasureStatus};

/// One measure over the years.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureProgress<'a> {
    pub measure: &'a Measure,
    /// Per report year (as in `Progress::years`), the status reported, if any.
    pub statuses: Vec<Option<MeasureStatus>>,
    /// The latest status reported.
    pub last: Option<MeasureStatus>,
    /// The latest comment reported.
    pub comment: Option<&'a str>,
    /// The latest evidence reported.
    pub evidence: &'a [String],
    /// The deadline has passed (by the date of the latest report) and the measure is neither
    /// done nor dropped.
    pub overdue: bool,
}

/// One goal with its measures and its indicator's values.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalProgress<'a> {
    pub goal: &'a Goal,
    pub measures: Vec<MeasureProgress<'a>>,
    /// Per report year, the indicator's value, if reported.
    pub values: Vec<Option<f64>>,
}

impl GoalProgress<'_> {
    /// The latest indicator value reported.
    pub fn latest_value(&self) -> Option<f64> {
        self.values.iter().rev().find_map(|v| *v)
    }
}

/// How many measures stand where, by their latest status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatusCounts {
    pub total: usize,
    pub unreported: usize,
    pub geplant: usize,
    pub begonnen: usize,
    pub umgesetzt: usize,
    pub verschoben: usize,
    pub entfallen: usize,
    pub overdue: usize,
}

/// A Zielvereinbarung and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress<'a> {
    pub agreement: &'a GoalAgreement,
    /// The years reported on, ascending.
    pub years: Vec<i32>,
    /// The date of the latest report (the agreement's resolution date when there is none):
    /// what "overdue" is measured against.
    pub as_of: String,
    pub goals: Vec<GoalProgress<'a>>,
}

impl<'a> Progress<'a> {
    /// `reports` are the current report of each year, in any order.
    pub fn new(agreement: &'a GoalAgreement, reports: &[&'a AnnualReport]) -> Progress<'a> {
        let mut reports: Vec<&AnnualReport> = reports.to_vec();
        reports.sort_by_key(|r| r.year);
        let years: Vec<i32> = reports.iter().map(|r| r.year).collect();
        let as_of = (reports.iter())
            .map(|r| r.reporting_date.as_str())
            .max()
            .unwrap_or(agreement.resolution.date.as_str())
            .to_string();
        // One index per report, so that each measure is found without a scan.
        let by_measure: Vec<HashMap<&str, &super::goals::MeasureReport>> = (reports.iter())
            .map(|r| r.measures.iter().map(|m| (m.measure.as_str(), m)).collect())
            .collect();
        let by_goal: Vec<HashMap<&str, f64>> = (reports.iter())
            .map(|r| {
                r.indicators
                    .iter()
                    .map(|i| (i.goal.as_str(), i.value))
                    .collect()
            })
            .collect();
        let goals = (agreement.goals.iter())
            .map(|goal| {
                let measures = (goal.measures.iter())
                    .map(|measure| {
                        let entries: Vec<Option<&super::goals::MeasureReport>> = (by_measure
                            .iter())
                        .map(|index| index.get(measure.id.as_str()).copied())
                        .collect();
                        let latest = entries.iter().rev().find_map(|e| *e);
                        let last = latest.map(|e| e.status);
                        let done = matches!(
                            last,
                            Some(MeasureStatus::Umgesetzt | MeasureStatus::Entfallen)
                        );
                        MeasureProgress {
                            measure,
                            statuses: entries.iter().map(|e| e.map(|e| e.status)).collect(),
                            last,
                            comment: latest
                                .map(|e| e.comment.as_str())
                                .filter(|c| !c.trim().is_empty()),
                            evidence: latest.map_or(&[], |e| e.evidence.as_slice()),
                            overdue: !done && measure.deadline.as_str() < as_of.as_str(),
                        }
                    })
                    .collect();
                GoalProgress {
                    goal,
                    measures,
                    values: (by_goal.iter())
                        .map(|index| index.get(goal.id.as_str()).copied())
                        .collect(),
                }
            })
            .collect();
        Progress {
            agreement,
            years,
            as_of,
            goals,
        }
    }

    /// The goals of one field of action, in the agreement's order.
    pub fn goals_of<'s>(&'s self, field: &'s str) -> impl Iterator<Item = &'s GoalProgress<'a>> {
        self.goals.iter().filter(move |g| g.goal.field == field)
    }

    /// Counts of the measures by their latest status (of a field, or all).
    pub fn counts(&self, field: Option<&str>) -> StatusCounts {
        let mut counts = StatusCounts::default();
        let goals = self
            .goals
            .iter()
            .filter(|g| field.is_none_or(|f| g.goal.field == f));
        for measure in goals.flat_map(|g| &g.measures) {
            counts.total += 1;
            counts.overdue += usize::from(measure.overdue);
            match measure.last {
                None => counts.unreported += 1,
                Some(MeasureStatus::Geplant) => counts.geplant += 1,
                Some(MeasureStatus::Begonnen) => counts.begonnen += 1,
                Some(MeasureStatus::Umgesetzt) => counts.umgesetzt += 1,
                Some(MeasureStatus::Verschoben) => counts.verschoben += 1,
                Some(MeasureStatus::Entfallen) => counts.entfallen += 1,
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaires::{SAMPLE_AGREEMENT, SAMPLE_REPORTS};

    fn samples() -> (GoalAgreement, Vec<AnnualReport>) {
        let agreement: GoalAgreement = serde_json::from_str(SAMPLE_AGREEMENT.1).unwrap();
        let reports = SAMPLE_REPORTS
            .iter()
            .map(|(_, text)| serde_json::from_str(text).unwrap())
            .collect();
        (agreement, reports)
    }

    #[test]
    fn each_measure_has_its_status_per_year_and_overdue_ones_are_marked() {
        let (agreement, reports) = samples();
        let refs: Vec<&AnnualReport> = reports.iter().rev().collect();
        let progress = Progress::new(&agreement, &refs);
        assert_eq!(
            progress.years,
            [2026, 2027],
            "sorted, whatever the order given"
        );
        assert_eq!(progress.as_of, "2028-01-20");
        let counts = progress.counts(None);
        assert_eq!(counts.total, 32);
        assert_eq!(
            (
                counts.umgesetzt,
                counts.begonnen,
                counts.verschoben,
                counts.entfallen
            ),
            (17, 5, 8, 2)
        );
        // Overdue: deadline before 2028-01-20 and neither done nor dropped.
        for measure in progress.goals.iter().flat_map(|g| &g.measures) {
            let expected = measure.measure.deadline.as_str() < "2028-01-20"
                && !matches!(
                    measure.last,
                    Some(MeasureStatus::Umgesetzt | MeasureStatus::Entfallen)
                );
            assert_eq!(measure.overdue, expected, "{}", measure.measure.id);
        }
        assert!(counts.overdue > 0);
        let u3 = progress.goals.iter().find(|g| g.goal.id == "Z2.1").unwrap();
        assert_eq!(u3.values, [Some(40.8), Some(42.9)]);
        assert_eq!(u3.latest_value(), Some(42.9));
    }

    #[test]
    fn without_reports_nothing_is_reported_and_the_resolution_date_counts() {
        let (agreement, _) = samples();
        let progress = Progress::new(&agreement, &[]);
        assert!(progress.years.is_empty());
        assert_eq!(progress.as_of, agreement.resolution.date);
        let counts = progress.counts(Some("HF1"));
        assert_eq!(counts.unreported, counts.total);
        assert_eq!(counts.overdue, 0, "no deadline is before the resolution");
    }
}
