//! Golden tests of the scoring rules: every expected number below was computed by hand.

use std::collections::BTreeMap;

use serde_json::{Value, json};
use siegel::domain::assessment::{Cell, Rating};
use siegel::domain::definition::Definition;
use siegel::domain::scoring::{LeftOut, Outcome, round_half_away, score};

const MINI: &str = include_str!("fixtures/valid/mini-definition.json");

/// The mini definition (HF1 rates QP-A, weight 1, and QP-B, weight 1.5), changed by `change`.
fn definition(change: impl FnOnce(&mut Value)) -> Definition {
    let mut value: Value = serde_json::from_str(MINI).unwrap();
    change(&mut value);
    serde_json::from_value(value).unwrap()
}

/// Adds a second field HF2 with the given weight, rating the same parameters.
fn with_second_field(value: &mut Value, weight: f64) {
    let mut second = value["fields_of_action"][0].clone();
    second["id"] = json!("HF2");
    second["number"] = json!(2);
    second["weight"] = json!(weight);
    value["fields_of_action"]
        .as_array_mut()
        .unwrap()
        .push(second);
}

fn cells(ratings: &[(&str, &str, Rating)]) -> BTreeMap<(String, String), Cell> {
    ratings
        .iter()
        .map(|(f, p, r)| {
            (
                (f.to_string(), p.to_string()),
                Cell {
                    rating: Some(*r),
                    ..Cell::default()
                },
            )
        })
        .collect()
}

use Rating::{Level, NotApplicable, NotAssessable};

#[test]
fn mixed_weights() {
    // (3·1 + 2·1.5) / (1 + 1.5) = 6 / 2.5 = 2.4 → yellow (1.5 < 2.4 ≤ 2.5)
    let d = definition(|_| {});
    let s = score(
        &d,
        &cells(&[("HF1", "QP-A", Level(3)), ("HF1", "QP-B", Level(2))]),
    );
    let f = s.field("HF1").unwrap();
    assert_eq!(f.outcome, Outcome::Scored);
    assert_eq!((f.numerator, f.denominator), (6.0, 2.5));
    assert_eq!(f.score, Some(2.4));
    assert_eq!(f.band, Some(1));
    assert_eq!(f.rated_share, 1.0);
    assert_eq!(s.overall.score, Some(2.4));
}

#[test]
fn a_field_rated_all_not_applicable_is_left_out() {
    let d = definition(|v| with_second_field(v, 1.0));
    let s = score(
        &d,
        &cells(&[
            ("HF1", "QP-A", NotApplicable),
            ("HF1", "QP-B", NotApplicable),
            ("HF2", "QP-A", Level(4)),
            ("HF2", "QP-B", Level(4)),
        ]),
    );
    assert_eq!(s.field("HF1").unwrap().outcome, Outcome::NotApplicable);
    assert_eq!(s.field("HF1").unwrap().score, None);
    assert_eq!(s.overall.terms[0].left_out, Some(LeftOut::NotApplicable));
    // Only HF2 counts: 4.0, and the share of fields is complete.
    assert_eq!((s.overall.score, s.overall.rated_share), (Some(4.0), 1.0));
    assert_eq!(s.overall.band, Some(2));
}

#[test]
fn not_applicable_is_left_out_or_counts_as_highest() {
    let ratings = cells(&[("HF1", "QP-A", NotApplicable), ("HF1", "QP-B", Level(1))]);
    // Excluded: 1·1.5 / 1.5 = 1.0 → red.
    let excluded = score(&definition(|_| {}), &ratings);
    let f = excluded.field("HF1").unwrap();
    assert_eq!((f.score, f.band, f.rated_share), (Some(1.0), Some(0), 1.0));
    assert_eq!(f.terms[0].left_out, Some(LeftOut::NotApplicable));
    // As the highest level: (4·1 + 1·1.5) / 2.5 = 5.5 / 2.5 = 2.2 → yellow.
    let highest = score(
        &definition(|v| v["rules"]["not_applicable"] = json!("count_as_highest")),
        &ratings,
    );
    let f = highest.field("HF1").unwrap();
    assert_eq!((f.score, f.band), (Some(2.2), Some(1)));
    assert_eq!(f.terms[0].value, Some(4.0));
}

#[test]
fn the_minimum_rated_share() {
    let d = definition(|_| {});
    // QP-A rated, QP-B (weight 1.5) nicht bewertbar: share 1 / 2.5 = 0.4 < 0.6.
    let s = score(
        &d,
        &cells(&[("HF1", "QP-A", Level(4)), ("HF1", "QP-B", NotAssessable)]),
    );
    let f = s.field("HF1").unwrap();
    assert_eq!(
        f.outcome,
        Outcome::NotAssessable {
            rated_share: 0.4,
            min_share: 0.6
        }
    );
    assert_eq!((f.score, f.band), (None, None));
    assert_eq!(f.terms[1].left_out, Some(LeftOut::NotAssessable));
    assert!(matches!(s.overall.outcome, Outcome::NotAssessable { .. }));
    // The other way round the share is 1.5 / 2.5 = 0.6: exactly the minimum, so it counts.
    let s = score(
        &d,
        &cells(&[("HF1", "QP-A", NotAssessable), ("HF1", "QP-B", Level(4))]),
    );
    let f = s.field("HF1").unwrap();
    assert_eq!(
        (f.outcome, f.score, f.band),
        (Outcome::Scored, Some(4.0), Some(2))
    );
    // Unrated cells are missing like nicht bewertbar ones.
    let s = score(&d, &cells(&[("HF1", "QP-A", Level(2))]));
    assert_eq!(
        s.field("HF1").unwrap().terms[1].left_out,
        Some(LeftOut::Unrated)
    );
    assert!(matches!(
        s.field("HF1").unwrap().outcome,
        Outcome::NotAssessable { .. }
    ));
}

/// A field of two parameters with weights `a` and `b`, rated 1 and 2.
fn edge(a: f64, b: f64) -> (Option<f64>, Option<usize>, Option<f64>) {
    let d = definition(|v| {
        v["quality_parameters"][0]["weight"] = json!(a);
        v["quality_parameters"][1]["weight"] = json!(b);
    });
    let s = score(
        &d,
        &cells(&[("HF1", "QP-A", Level(1)), ("HF1", "QP-B", Level(2))]),
    );
    let f = s.field("HF1").unwrap();
    (f.raw, f.band, f.score)
}

#[test]
fn rounding_at_band_edges() {
    // (1·11 + 2·9) / 20 = 1.45 → 1.5 → red, the band's upper limit is inclusive.
    let (raw, band, score) = edge(11.0, 9.0);
    assert!((raw.unwrap() - 1.45).abs() < 1e-12);
    assert_eq!((score, band), (Some(1.5), Some(0)));
    // (1·9 + 2·11) / 20 = 1.55 → 1.6 → yellow.
    assert_eq!(edge(9.0, 11.0).2, Some(1.6));
    assert_eq!(edge(9.0, 11.0).1, Some(1));
    // (1·1 + 2·1) / 2 = 1.5 → red; (1·1 + 2·3) / 4 = 1.75 → 1.8 → yellow.
    assert_eq!(edge(1.0, 1.0).1, Some(0));
    assert_eq!(edge(1.0, 3.0).2, Some(1.8));
    assert_eq!(round_half_away(2.25, 1), 2.3);
    assert_eq!(round_half_away(2.449_999, 1), 2.4);
    assert_eq!(round_half_away(-1.25, 1), -1.3);
    assert_eq!(round_half_away(2.5, 0), 3.0);
}

#[test]
fn the_overall_score_weighs_fields() {
    // HF1 = 2.0 (weight 1), HF2 = 3.4 (weight 2): (2 + 6.8) / 3 = 2.9333… → 2.9 → green.
    let d = definition(|v| with_second_field(v, 2.0));
    let s = score(
        &d,
        &cells(&[
            ("HF1", "QP-A", Level(2)),
            ("HF1", "QP-B", Level(2)),
            ("HF2", "QP-A", Level(4)),
            ("HF2", "QP-B", Level(3)), // (4 + 4.5) / 2.5 = 3.4
        ]),
    );
    assert_eq!(s.field("HF2").unwrap().score, Some(3.4));
    assert!((s.overall.raw.unwrap() - 8.8 / 3.0).abs() < 1e-12);
    assert_eq!((s.overall.score, s.overall.band), (Some(2.9), Some(2)));
    assert_eq!(
        (s.overall.numerator, s.overall.denominator),
        (2.0 + 2.0 * 3.4, 3.0)
    );
}

#[test]
fn a_field_that_is_not_assessable_is_missing_overall() {
    // HF1 not assessable (weight 1), HF2 = 4.0 (weight 2): share 2/3 ≥ 0.6 → overall 4.0.
    let d = definition(|v| with_second_field(v, 2.0));
    let s = score(
        &d,
        &cells(&[
            ("HF1", "QP-A", Level(1)),
            ("HF2", "QP-A", Level(4)),
            ("HF2", "QP-B", Level(4)),
        ]),
    );
    assert_eq!(s.overall.terms[0].left_out, Some(LeftOut::NotAssessable));
    assert!((s.overall.rated_share - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(s.overall.score, Some(4.0));
    // With weight 1 for HF2 the share is 1/2 < 0.6: the whole is not assessable.
    let d = definition(|v| with_second_field(v, 1.0));
    let s = score(
        &d,
        &cells(&[
            ("HF1", "QP-A", Level(1)),
            ("HF2", "QP-A", Level(4)),
            ("HF2", "QP-B", Level(4)),
        ]),
    );
    assert!(matches!(s.overall.outcome, Outcome::NotAssessable { .. }));
    assert_eq!(s.overall.score, None);
}

#[test]
fn nothing_rated_is_not_assessable_everywhere() {
    let s = score(&definition(|_| {}), &BTreeMap::new());
    assert!(
        matches!(s.field("HF1").unwrap().outcome, Outcome::NotAssessable { rated_share, .. } if rated_share == 0.0)
    );
    assert!(matches!(s.overall.outcome, Outcome::NotAssessable { .. }));
}

#[test]
fn completeness_lists_what_blocks_finalisation() {
    use siegel::domain::scoring::{Missing, completeness};
    use siegel::domain::validate;
    use siegel::store::{Edit, OpenMode, Store};

    let dir = tempfile::tempdir().unwrap();
    let known = validate::validate_definition(MINI.as_bytes(), &[])
        .definition
        .unwrap();
    let answers =
        validate::validate_answers(include_bytes!("fixtures/valid/mini-answers.json"), &[known])
            .answers
            .unwrap();
    let mut store = Store::open(&dir.path().join("c.db")).unwrap();
    let id = store.import(&answers, "A").unwrap();
    let (mut session, _) = store.open_session(id, "A", OpenMode::Edit).unwrap();
    let rate = |parameter: &str, rating| Edit::SetRating {
        field: "HF1".into(),
        parameter: parameter.into(),
        rating: Some(rating),
    };
    store.apply(&mut session, rate("QP-A", Level(4))).unwrap();
    let follow_up = store
        .apply(
            &mut session,
            Edit::AddFollowUp {
                question: "Q-INT".into(),
                text: "Stichtag?".into(),
            },
        )
        .unwrap()
        .unwrap();
    let c = completeness(&store.load(id).unwrap());
    assert_eq!(
        (c.cells, c.rated, c.rationales_missing, c.open_follow_ups),
        (2, 1, 1, 1)
    );
    assert_eq!(
        c.missing,
        vec![
            Missing::Rationale {
                field_id: "HF1".into(),
                parameter_id: "QP-A".into()
            },
            Missing::Unrated {
                field_id: "HF1".into(),
                parameter_id: "QP-B".into()
            },
            Missing::OpenFollowUp {
                follow_up,
                question_id: "Q-INT".into()
            },
        ]
    );
    assert!(!c.can_finalize(true));

    store
        .apply(
            &mut session,
            Edit::SetRationale {
                field: "HF1".into(),
                parameter: "QP-A".into(),
                text: "Monitoring jährlich.".into(),
            },
        )
        .unwrap();
    store.apply(&mut session, rate("QP-B", Level(2))).unwrap();
    let c = completeness(&store.load(id).unwrap());
    assert!(!c.can_finalize(false), "an open follow-up blocks");
    assert!(c.can_finalize(true), "unless allowed");
}
