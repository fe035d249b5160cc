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

/// Any JSON value: scalars, strings with escapes and non-ASCII, nested arrays and objects.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        (-1e12f64..1e12).prop_map(|n| serde_json::json!(n)),
        "[a-zäöü\"\\\\/\n\t\u{1}😀 ]{0,12}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map("[a-z$\"\\\\ä]{0,6}", inner, 0..6)
                .prop_map(|map| serde_json::Value::Object(map.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// The canonical text written from the positioned tree is the one the hash is defined on
    /// (serde_json's of the same value), however the document is laid out.
    #[test]
    fn the_tree_and_the_value_give_one_canonical_text(value in json_value(), pretty in any::<bool>()) {
        let text = if pretty {
            serde_json::to_string_pretty(&value).unwrap()
        } else {
            serde_json::to_string(&value).unwrap()
        };
        let tree = siegel::domain::json::parse(&text).unwrap().root;
        prop_assert_eq!(
            siegel::domain::json_de::canonical_text(&tree),
            siegel::domain::hash::canonical_json(&value)
        );
    }
}
