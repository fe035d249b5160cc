//! What the issue of the shipped questionnaire and sample promises, checked on the files.

use std::collections::HashSet;

use siegel::domain::definition::{Kind, QualityParameter};
use siegel::domain::validate;
use siegel::questionnaires::{SAMPLE_ANSWERS, SAMPLE_BILANZIERUNG, SHIPPED_DEFINITIONS, shipped};

#[test]
fn the_questionnaire_has_the_six_fields_and_seven_parameters() {
    let known = shipped();
    assert_eq!(known.len(), SHIPPED_DEFINITIONS.len());
    let d = &known[0].definition;
    assert_eq!(
        (d.id.as_str(), d.version.as_str(), d.language.as_str()),
        ("fgk-kreis", "2025.1", "de")
    );
    let labels: Vec<(u32, &str)> = d
        .fields_of_action
        .iter()
        .map(|f| (f.number, f.label.as_str()))
        .collect();
    assert_eq!(
        labels,
        vec![
            (1, "Steuerung, Vernetzung, Nachhaltigkeit"),
            (2, "Familie und Arbeitswelt, Betreuung"),
            (3, "Bildung und Erziehung"),
            (4, "Beratung und Unterstützung"),
            (5, "Wohnumfeld und Lebensqualität"),
            (6, "Senioren und Generationen"),
        ]
    );
    let parameters: Vec<&str> = d
        .quality_parameters
        .iter()
        .map(|p: &QualityParameter| p.label.as_str())
        .collect();
    assert_eq!(
        parameters,
        vec![
            "Bedarfsorientierung",
            "Strategische Verankerung",
            "Beteiligung",
            "Vernetzung und Kooperation",
            "Nachhaltigkeit und Verstetigung",
            "Transparenz und Information",
            "Zugänglichkeit und Inklusion",
        ]
    );
    let levels: Vec<&str> = d.scale.levels.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(
        levels,
        vec![
            "nicht vorhanden",
            "Ansätze",
            "teilweise",
            "weitgehend",
            "verankert"
        ]
    );
    assert_eq!(d.scale.not_applicable.label, "nicht zutreffend");
    assert_eq!(d.scale.not_assessable.label, "nicht bewertbar");
    assert!(
        d.remark
            .as_deref()
            .is_some_and(|r| r.contains("Arbeitsfassung"))
    );
}

#[test]
fn the_questionnaire_is_large_enough_and_uses_every_kind() {
    let d = &shipped()[0].definition;
    assert!(d.question_count() >= 90, "{} questions", d.question_count());
    for field in &d.fields_of_action {
        assert!(
            (4..=6).contains(&field.topics.len()),
            "{}: {} topics",
            field.id,
            field.topics.len()
        );
    }
    let used: HashSet<Kind> = d.questions().map(|(_, _, q)| q.kind).collect();
    for kind in Kind::ALL {
        assert!(used.contains(&kind), "kind {} is not used", kind.as_str());
    }
    assert!(d.questions().any(|(_, _, q)| q.condition.is_some()));
    assert!(d.questions().any(|(_, _, q)| q.need_for_action_box));
    assert!(d.questions().any(|(_, _, q)| q.reference_date));
}

#[test]
fn the_sample_answers_the_shipped_questionnaire() {
    let report = validate::validate(SAMPLE_ANSWERS.1.as_bytes(), &shipped());
    assert!(report.is_valid(), "{:?}", report.diagnostics);
    let valid = report.answers.expect("valid answers");
    assert_eq!(valid.answers.county.name, "Landkreis Musterland");
    let d = &valid.definition.definition;
    let answered = d
        .questions()
        .filter(|(_, _, q)| valid.answers.answer(&q.id).is_some())
        .count();
    assert!(
        answered * 10 >= d.question_count() * 9,
        "{answered} answered"
    );
    assert!(answered < d.question_count(), "some questions stay open");
    let needs = valid
        .answers
        .answers
        .values()
        .filter(|a| a.need_for_action)
        .count();
    assert!(needs >= 5, "weaknesses are visible: {needs}");
}

#[test]
fn the_bilanzierung_answers_the_second_version_three_years_on() {
    let report = validate::validate(SAMPLE_BILANZIERUNG.1.as_bytes(), &shipped());
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let valid = report.answers.expect("valid answers");
    let d = &valid.definition.definition;
    assert_eq!(
        (d.version.as_str(), d.replaces.as_deref()),
        ("2028.1", Some("2025.1"))
    );
    assert!(
        d.remark
            .as_deref()
            .is_some_and(|r| r.contains("Arbeitsfassung"))
    );
    assert_eq!(
        valid.answers.procedure.kind,
        siegel::domain::answers::ProcedureKind::Bilanzierung
    );
    assert_eq!(
        valid.answers.county.ags, "16099000",
        "the same county as the Erstaudit"
    );
    // Progress and setbacks are both visible: a need for action that is new, one resolved.
    let erstaudit = validate::validate(SAMPLE_ANSWERS.1.as_bytes(), &shipped())
        .answers
        .unwrap();
    let needs = |a: &siegel::domain::answers::Answers, id: &str| {
        a.answers.get(id).is_some_and(|x| x.need_for_action)
    };
    assert!(needs(&erstaudit.answers, "HF1.T4.F02") && !needs(&valid.answers, "HF1.T4.F02"));
    assert!(!needs(&erstaudit.answers, "HF5.T3.F02") && needs(&valid.answers, "HF5.T3.F02"));
}

#[test]
fn serde_and_the_schema_checker_read_the_shipped_files_alike() {
    for (_, text) in SHIPPED_DEFINITIONS {
        let direct: siegel::domain::definition::Definition = serde_json::from_str(text).unwrap();
        let report = validate::validate_definition(text.as_bytes(), &[]);
        assert_eq!(*report.definition.unwrap().definition, direct);
    }
}

/// The Zielvereinbarung follows the Erstaudit sample: every field of action has goals, about
/// 15 goals and 30 measures; the Jahresberichte report on every measure of it, without a
/// warning, with a mix of states.
#[test]
fn the_goals_samples_are_valid_and_report_on_every_measure() {
    use siegel::domain::goals::MeasureStatus;
    use siegel::questionnaires::{SAMPLE_AGREEMENT, SAMPLE_REPORTS, shipped_agreements};
    let known = shipped();
    let report = validate::validate(SAMPLE_AGREEMENT.1.as_bytes(), &known);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let agreement = report.agreement.expect("a valid Zielvereinbarung");
    let answers = validate::validate_answers(SAMPLE_ANSWERS.1.as_bytes(), &known)
        .answers
        .unwrap();
    assert_eq!(
        agreement.agreement.follows.answers_sha256.as_deref(),
        Some(answers.sha256.as_str()),
        "it follows the Erstaudit sample"
    );
    let fields: HashSet<&str> = (agreement.agreement.goals.iter())
        .map(|g| g.field.as_str())
        .collect();
    assert_eq!(fields.len(), 6);
    assert!((14..=18).contains(&agreement.agreement.goals.len()));
    assert!((28..=34).contains(&agreement.agreement.measures().count()));
    let agreements = shipped_agreements();
    for (name, text) in SAMPLE_REPORTS {
        let report = validate::validate_with_agreements(text.as_bytes(), &known, &agreements);
        assert!(
            report.diagnostics.is_empty(),
            "{name}: {:?}",
            report.diagnostics
        );
        let valid = report.annual_report.expect("a valid Jahresbericht");
        assert_eq!(valid.report.zielvereinbarung.sha256, agreement.sha256);
        let states: HashSet<MeasureStatus> =
            valid.report.measures.iter().map(|m| m.status).collect();
        assert!(states.len() >= 3, "{name}: a mix of states");
        assert!(states.contains(&MeasureStatus::Umgesetzt));
    }
}
