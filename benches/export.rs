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

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = exports
}
criterion_main!(benches);
