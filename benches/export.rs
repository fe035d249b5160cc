//! Scoring the rated sample county and exporting it in every format.

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use siegel::catalog::Lang;
use siegel::domain::scoring::score;
use siegel::export::{self, Format, Options, Part, Report};

fn exports(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id) = common::rated_sample(&dir.path().join("bench.db"));
    let assessment = store.load(id).unwrap();
    let head = store.log(id, None).unwrap().pop().map(|r| r.hash);

    c.bench_function("score the sample", |b| {
        b.iter(|| score(&assessment.definition, &assessment.cells))
    });
    let formats = [
        ("export pdf", Format::Pdf, Part::Cells),
        ("export md", Format::Markdown, Part::Cells),
        ("export html", Format::Html, Part::Cells),
        ("export json", Format::Json, Part::Cells),
        ("export csv cells", Format::Csv, Part::Cells),
        ("export csv answers", Format::Csv, Part::Answers),
        ("export xlsx", Format::Xlsx, Part::Cells),
    ];
    for (name, format, part) in formats {
        let options = Options {
            part,
            ..Options::default()
        };
        // Each run computes scores and completeness as `siegel export` does.
        c.bench_function(name, |b| {
            b.iter(|| {
                let report = Report::new(&assessment, head.clone(), Lang::De);
                export::export(&report, format, &options).unwrap()
            })
        });
    }
}

/// The shipped Bilanzierung compared with the rated Erstaudit across the two versions, as
/// `siegel compare` computes and prints it.
fn comparison(c: &mut Criterion) {
    use siegel::domain::{compare, validate, versions};
    let dir = tempfile::tempdir().unwrap();
    let (mut store, erstaudit) = common::rated_sample(&dir.path().join("bench.db"));
    let text = siegel::questionnaires::SAMPLE_BILANZIERUNG.1;
    let shipped = siegel::questionnaires::shipped();
    let valid = validate::validate_answers(text.as_bytes(), &shipped)
        .answers
        .unwrap();
    let id = store
        .import_after(&valid, common::AUDITOR, Some(erstaudit))
        .unwrap();
    let (then, now) = (store.load(erstaudit).unwrap(), store.load(id).unwrap());
    c.bench_function("question map 2025.1 → 2028.1 and comparison", |b| {
        b.iter(|| {
            let chain = versions::chain(&then.definition, &now.definition, &[]).unwrap();
            let map = versions::QuestionMap::along(&chain).unwrap();
            compare::compare(&then, &now, &map)
        })
    });
    let chain = versions::chain(&then.definition, &now.definition, &[]).unwrap();
    let map = versions::QuestionMap::along(&chain).unwrap();
    let comparison = compare::compare(&then, &now, &map);
    c.bench_function("compare as text", |b| {
        b.iter(|| {
            let compared = export::compare::Compared {
                then: &then,
                now: &now,
                comparison: &comparison,
                lang: Lang::De,
            };
            compared.lines()
        })
    });
    // A Bilanzierung's reports carry the comparison: the radar of both audits, the tables and
    // the changed answers.
    for (name, format) in [
        ("Bilanzierung as HTML", Format::Html),
        ("Bilanzierung as XLSX", Format::Xlsx),
    ] {
        c.bench_function(name, |b| {
            b.iter(|| {
                let report =
                    Report::new(&now, None, Lang::De).with_last_audit(&then, comparison.clone());
                export::export(&report, format, &Options::default()).unwrap()
            })
        });
    }
}

/// The sample county's Zielvereinbarung with its two Jahresberichte: where it stands, and
/// `siegel goals` as text.
fn goals(c: &mut Criterion) {
    use siegel::domain::goals::{AnnualReport, GoalAgreement};
    use siegel::domain::progress::Progress;
    use siegel::questionnaires::{SAMPLE_AGREEMENT, SAMPLE_REPORTS, shipped};
    let agreement: GoalAgreement = serde_json::from_str(SAMPLE_AGREEMENT.1).unwrap();
    let reports: Vec<AnnualReport> = SAMPLE_REPORTS
        .iter()
        .map(|(_, text)| serde_json::from_str(text).unwrap())
        .collect();
    let refs: Vec<&AnnualReport> = reports.iter().collect();
    let definition = shipped()[0].definition.clone();
    c.bench_function("goals progress of the sample", |b| {
        b.iter(|| Progress::new(&agreement, &refs))
    });
    let dates: Vec<(i32, String)> = reports
        .iter()
        .map(|r| (r.year, r.reporting_date.clone()))
        .collect();
    c.bench_function("siegel goals as text, sample", |b| {
        b.iter(|| {
            let progress = Progress::new(&agreement, &refs);
            export::goals::lines(&progress, &definition, &dates, None, Lang::De)
        })
    });
}

/// The agreement of the rated sample with a second rating of it (every cell): the figures
/// overall, per field and per parameter, as `siegel agreement` and the overview compute them.
fn agreement(c: &mut Criterion) {
    use siegel::store::{Edit, OpenMode};
    let dir = tempfile::tempdir().unwrap();
    let (mut store, first) = common::rated_sample(&dir.path().join("bench.db"));
    let second = store
        .start_second_rating(first, "Bernd Zweit", common::AUDITOR)
        .unwrap();
    let (mut session, _) = store
        .open_session(second, "Bernd Zweit", OpenMode::Edit)
        .unwrap();
    for (field, parameter, rating, _) in common::RATINGS {
        let edit = Edit::SetRating {
            field: field.to_string(),
            parameter: parameter.to_string(),
            rating: Some(*rating),
        };
        store.apply(&mut session, edit).unwrap();
    }
    store.close_session(&session).unwrap();
    let (first, second) = (store.load(first).unwrap(), store.load(second).unwrap());
    c.bench_function("agreement of two ratings, every line, sample", |b| {
        b.iter(|| {
            let ratings = export::agreement::Ratings {
                first: &first,
                second: &second,
            };
            ratings.lines(Lang::De)
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = exports, comparison, goals, agreement
}
criterion_main!(benches);
