//! Reading and validating the shipped questionnaire and the sample county (goal: under 5 ms
//! together).

use criterion::{Criterion, criterion_group, criterion_main};
use siegel::domain::validate;
use siegel::questionnaires::{SAMPLE_ANSWERS, SHIPPED_DEFINITIONS, shipped};

fn formats(c: &mut Criterion) {
    let definition = SHIPPED_DEFINITIONS[0].1.as_bytes();
    let answers = SAMPLE_ANSWERS.1.as_bytes();
    let known = shipped();
    c.bench_function("validate shipped questionnaire", |b| {
        b.iter(|| validate::validate_definition(std::hint::black_box(definition), &known))
    });
    c.bench_function("validate sample answers", |b| {
        b.iter(|| validate::validate_answers(std::hint::black_box(answers), &known))
    });
    c.bench_function("questionnaire and sample together", |b| {
        b.iter(|| {
            let known = shipped();
            validate::validate_answers(std::hint::black_box(answers), &known)
        })
    });
}

criterion_group!(benches, formats);
criterion_main!(benches);
