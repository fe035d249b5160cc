//! Random and mutated bytes never make the readers panic, whatever they are.

mod common;

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

/// Settings files: the shipped keymap and a small config, mutated line-wise.
fn settings_text() -> impl Strategy<Value = String> {
    let keymap = include_str!("../assets/keymap.toml");
    let pieces = prop::sample::select(vec![
        "[review]",
        "[nowhere]",
        "scoring = [\"j\"]",
        "quit = \"x\"",
        "theme = 3",
        "mouse = \"ja\"",
        "theme = \"mono\"",
        "= =",
        "[[a]]",
        "\u{0}",
        "ä = [\"ctrl-ä\"]",
        "next_part = [\"<\", \"shift-\"]",
        "#",
        "\"",
        "[review\n",
    ]);
    (
        prop::collection::vec((any::<usize>(), pieces), 0..12),
        any::<bool>(),
    )
        .prop_map(move |(edits, from_keymap)| {
            let base = if from_keymap {
                keymap
            } else {
                "theme = \"auto\"\nmouse = false\n"
            };
            let mut lines: Vec<String> = base.lines().map(str::to_string).collect();
            for (at, piece) in edits {
                let at = at % (lines.len() + 1);
                lines.insert(at, piece.to_string());
            }
            lines.join("\n")
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever the settings files hold, reading them never panics, and every problem names a
    /// line that the file has.
    #[test]
    fn settings_files_never_panic_and_name_lines_they_have(
        config in settings_text(),
        keymap in settings_text(),
        raw in prop::collection::vec(any::<u8>(), 0..512),
    ) {
        use siegel::tui::settings::Settings;
        let raw = String::from_utf8_lossy(&raw).into_owned();
        for (config, keymap) in [(&config, &keymap), (&raw, &raw)] {
            let settings = Settings::from_texts(
                ("config.toml", Some(config)),
                ("keymap.toml", Some(keymap)),
                false,
            );
            for problem in &settings.problems {
                let text = if problem.file == "config.toml" { config } else { keymap };
                if let Some(line) = problem.line {
                    // A problem at the very end may name the empty line after a last newline.
                    prop_assert!(line >= 1 && line <= text.split('\n').count(), "{problem:?}");
                }
                let _ = problem.text(siegel::catalog::Lang::De);
            }
        }
    }
}

/// A database of the rated sample, made once: the bytes the database test mutates.
fn rated_database() -> &'static [u8] {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("siegel.db");
        let (store, _) = common::rated_sample(&path);
        // Closing the last connection folds the write-ahead log into the file.
        drop(store);
        std::fs::read(&path).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// A database file damaged anywhere is refused or read with errors, never a panic: opening,
    /// listing, loading, the trail and verify.
    #[test]
    fn damaged_databases_never_panic(
        damage in prop::collection::vec((any::<usize>(), any::<u8>()), 1..24),
    ) {
        let mut bytes = rated_database().to_vec();
        for (at, byte) in damage {
            // Past the 100-byte header, where the pages are.
            let at = 100 + at % (bytes.len() - 100);
            bytes[at] = byte;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("siegel.db");
        std::fs::write(&path, &bytes).unwrap();
        if let Ok(mut store) = siegel::store::Store::open_existing(&path) {
            let _ = store.list();
            let _ = store.load(1);
            let _ = store.log(1, None);
            let _ = store.verify(1, None);
            let _ = store.drafts(1, "Dr. Anna Prüfer");
        }
    }
}
