//! Random and mutated bytes never make the readers panic, whatever they are.

use proptest::prelude::*;
use siegel::domain::validate;
use siegel::questionnaires::{SAMPLE_ANSWERS, SHIPPED_DEFINITIONS, shipped};

#[derive(Debug, Clone)]
enum Edit {
    Replace(usize, u8),
    Insert(usize, u8),
    Delete(usize),
    /// Cut the file here.
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Edit::Replace(at, b)),
        (
            any::<usize>(),
            prop::sample::select(b"{}[],:\"\\0123456789-.etfnul \n\xff".to_vec())
        )
            .prop_map(|(at, b)| Edit::Insert(at, b)),
        any::<usize>().prop_map(Edit::Delete),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for edit in edits {
        let len = bytes.len().max(1);
        match *edit {
            Edit::Replace(at, b) if !bytes.is_empty() => bytes[at % len] = b,
            Edit::Insert(at, b) => bytes.insert(at % (bytes.len() + 1), b),
            Edit::Delete(at) if !bytes.is_empty() => {
                bytes.remove(at % len);
            }
            Edit::Truncate(at) => bytes.truncate(at % len),
            _ => {}
        }
    }
    bytes
}

fn check_everything(bytes: &[u8]) {
    let known = shipped();
    let _ = validate::validate(bytes, &known);
    let _ = validate::validate_definition(bytes, &known);
    let _ = validate::validate_answers(bytes, &known);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        check_everything(&bytes);
    }

    #[test]
    fn mutated_definition(edits in prop::collection::vec(edit(), 1..8)) {
        let bytes = apply(SHIPPED_DEFINITIONS[0].1.as_bytes().to_vec(), &edits);
        check_everything(&bytes);
    }

    #[test]
    fn mutated_answers(edits in prop::collection::vec(edit(), 1..8)) {
        let bytes = apply(SAMPLE_ANSWERS.1.as_bytes().to_vec(), &edits);
        check_everything(&bytes);
    }

    #[test]
    fn mutated_small_files(edits in prop::collection::vec(edit(), 1..16)) {
        let mini = include_bytes!("fixtures/valid/mini-answers.json").to_vec();
        check_everything(&apply(mini, &edits));
        let definition = include_bytes!("fixtures/valid/mini-definition.json").to_vec();
        check_everything(&apply(definition, &edits));
    }
}

#[test]
fn hostile_shapes() {
    for text in [
        "[".repeat(100_000),
        "{\"a\":".repeat(100_000),
        "\"\\ud800\\u0041\"".to_string(),
        "{\"questionnaire\": null, \"answers\": {\"x\": {\"value\": [[[[[]]]]]}}}".to_string(),
        "1e999999".to_string(),
        "-0".to_string(),
        "\u{feff}\u{feff}{}".to_string(),
    ] {
        check_everything(text.as_bytes());
    }
}
