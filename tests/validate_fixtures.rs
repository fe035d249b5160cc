//! Every broken fixture under `tests/fixtures/broken/` with the exact messages and positions
//! `siegel validate` reports for it. Answers fixtures, and definitions that follow the small
//! definition (`def-next-…`), are checked together with it
//! (`tests/fixtures/valid/mini-definition.json`).

use std::path::PathBuf;

use siegel::catalog::Lang;
use siegel::cli;

const BROKEN: &str = "tests/fixtures/broken/";
const MINI: &str = "tests/fixtures/valid/mini-definition.json";
const MINI_AGREEMENT: &str = "tests/fixtures/valid/mini-agreement.json";

fn validate(files: &[PathBuf], lang: Lang) -> (u8, String) {
    let mut out = Vec::new();
    let code = cli::validate(files, &[], lang, &mut out).expect("writing to memory");
    (code, String::from_utf8(out).expect("output is UTF-8"))
}

/// The lines about one fixture, with the directory prefix taken off.
fn fixture_lines(file: &str, lang: Lang) -> (u8, Vec<String>) {
    let mut files = Vec::new();
    // Answers, Zielvereinbarungen and definitions that follow it are checked with the small
    // definition; Jahresberichte with it and the small Zielvereinbarung.
    if ["ans-", "def-next-", "zv-", "jb-"]
        .iter()
        .any(|prefix| file.starts_with(prefix))
    {
        files.push(PathBuf::from(MINI));
    }
    if file.starts_with("jb-") {
        files.push(PathBuf::from(MINI_AGREEMENT));
    }
    files.push(PathBuf::from(format!("{BROKEN}{file}")));
    let (code, text) = validate(&files, lang);
    let lines = text
        .lines()
        .filter_map(|l| l.strip_prefix(BROKEN))
        .map(str::to_string)
        .collect();
    (code, lines)
}

macro_rules! fixture {
    ($test:ident, $file:literal, $code:literal, [$($line:literal),* $(,)?]) => {
        #[test]
        fn $test() {
            let (code, lines) = fixture_lines($file, Lang::En);
            assert_eq!(lines, vec![$($line),*]);
            assert_eq!(code, $code, "exit code");
        }
    };
}

#[test]
fn every_broken_fixture_has_its_test() {
    let source = include_str!("validate_fixtures.rs");
    let mut count = 0;
    for entry in std::fs::read_dir(BROKEN).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            source.contains(&format!("\"{name}\",")),
            "{name} has no fixture! test"
        );
        count += 1;
    }
    assert!(count >= 25, "only {count} broken fixtures");
}

fixture!(
    ans_county,
    "ans-county.json",
    1,
    [
        "ans-county.json:11:12: error at /county/ags: \"16-098\" is not an Amtlicher Gemeindeschlüssel (8 digits, 5 for a county)",
        "ans-county.json:21:16: error at /county/municipalities/1/ags: \"1609802\" is not an Amtlicher Gemeindeschlüssel (8 digits, 5 for a county)",
        "ans-county.json:24:17: error at /county/municipalities/2/name: municipality \"Adorf\" is listed twice; first at 16:17",
        "ans-county.json:33:21: error at /reporting_date: \"2025-02-29\" is not a valid date of the form YYYY-MM-DD",
        "ans-county.json:35:13: error at /contact/name: must not be empty",
        "ans-county.json: invalid: 5 errors, 0 warnings",
    ]
);

fixture!(
    ans_evidence,
    "ans-evidence.json",
    1,
    [
        "ans-evidence.json:41:9: error at /answers/Q-YN/evidence/0: an evidence reference needs \"link\" or \"file\"",
        "ans-evidence.json:124:9: error at /answers/Q-EVID/value/0/title: required key \"title\" is missing",
        "ans-evidence.json:128:9: error at /answers/Q-EVID/value/1: an evidence reference needs \"link\" or \"file\"",
        "ans-evidence.json:130:19: error at /answers/Q-EVID/value/1/date: \"15.01.2020\" is not a valid date of the form YYYY-MM-DD",
        "ans-evidence.json:132:9: error at /answers/Q-EVID/value/2: an evidence reference needs \"link\" or \"file\"",
        "ans-evidence.json:134:18: error at /answers/Q-EVID/value/2/url: unknown key \"url\"",
        "ans-evidence.json: invalid: 6 errors, 0 warnings",
    ]
);

fixture!(
    ans_format,
    "ans-format.json",
    1,
    [
        "ans-format.json:3:13: error at /format: file format 2 is unknown; this version of siegel reads format 1",
        "ans-format.json: invalid: 1 error, 0 warnings",
    ]
);

fixture!(
    ans_hash_mismatch,
    "ans-hash-mismatch.json",
    1,
    [
        "ans-hash-mismatch.json:7:15: error at /questionnaire/sha256: the answers were given to mini@1.0 with sha256 000000000000…, the known one (tests/fixtures/valid/mini-definition.json) has 587399fdbb2f…; the answers belong to different content",
        "ans-hash-mismatch.json: invalid: 1 error, 0 warnings",
    ]
);

fixture!(
    ans_invalid_hash,
    "ans-invalid-hash.json",
    1,
    [
        "ans-invalid-hash.json:7:15: error at /questionnaire/sha256: \"12B3396A\" is not a sha256 (64 lower-case hex digits)",
        "ans-invalid-hash.json: invalid: 1 error, 0 warnings",
    ]
);

fixture!(
    ans_out_of_range,
    "ans-out-of-range.json",
    1,
    [
        "ans-out-of-range.json:62:16: error at /answers/Q-INT/value: -5 Plätze is below the minimum of 0 Plätze",
        "ans-out-of-range.json:67:16: error at /answers/Q-DEC/value: -0.5 VZÄ is below the minimum of 0 VZÄ",
        "ans-out-of-range.json:79:16: error at /answers/Q-SHORT/value: text has 81 characters, at most 80 are allowed",
        "ans-out-of-range.json: invalid: 3 errors, 0 warnings",
    ]
);

fixture!(
    ans_tables_and_lists,
    "ans-tables-and-lists.json",
    1,
    [
        "ans-tables-and-lists.json:93:19: error at /answers/Q-OFFERS/value/0/seit: an answer of kind year must be a year, found a string",
        "ans-tables-and-lists.json:94:22: error at /answers/Q-OFFERS/value/0/traeger: unknown column \"traeger\"; columns: \"name\", \"seit\", \"gemeinden\"",
        "ans-tables-and-lists.json:96:9: warning at /answers/Q-OFFERS/value/1: required column \"name\" is empty",
        "ans-tables-and-lists.json:99:9: error at /answers/Q-OFFERS/value/2: expected an object, found a string",
        "ans-tables-and-lists.json:103:16: warning at /answers/Q-TABLE/value: no row for the municipality \"Bestadt\"",
        "ans-tables-and-lists.json:108:19: error at /answers/Q-TABLE/value/Cedorf: \"Cedorf\" is not a municipality listed in county.municipalities",
        "ans-tables-and-lists.json:118:16: error at /answers/Q-AGES/value/u12: unknown row \"u12\"; rows: \"u3\", \"u6\"",
        "ans-tables-and-lists.json: invalid: 5 errors, 2 warnings",
    ]
);

fixture!(
    ans_unknown_questionnaire,
    "ans-unknown-questionnaire.json",
    1,
    [
        "ans-unknown-questionnaire.json:5:11: error at /questionnaire/id: questionnaire \"fgk-gemeinde\" is unknown; known: fgk-kreis@2025.1, fgk-kreis@2028.1, mini@1.0",
        "ans-unknown-questionnaire.json: invalid: 1 error, 0 warnings",
    ]
);

fixture!(
    ans_unknown_questions,
    "ans-unknown-questions.json",
    1,
    [
        "ans-unknown-questions.json:132:15: error at /answers/Q-INTT: \"Q-INTT\" is not a question of this questionnaire; did you mean \"Q-INT\"?",
        "ans-unknown-questions.json:135:19: error at /answers/HF9.T1.F01: \"HF9.T1.F01\" is not a question of this questionnaire",
        "ans-unknown-questions.json: invalid: 2 errors, 0 warnings",
    ]
);

fixture!(
    ans_unknown_version,
    "ans-unknown-version.json",
    1,
    [
        "ans-unknown-version.json:6:16: error at /questionnaire/version: version \"0.9\" of mini is unknown; known: 1.0",
        "ans-unknown-version.json: invalid: 1 error, 0 warnings",
    ]
);

fixture!(
    ans_warnings_only,
    "ans-warnings-only.json",
    0,
    [
        "ans-warnings-only.json:36:14: warning at /answers/Q-INT: required question Q-INT has no answer",
        "ans-warnings-only.json:49:16: warning at /answers/Q-YPN/value: Q-YPN is answered although its condition on Q-YN does not hold",
        "ans-warnings-only.json:54:26: warning at /answers/Q-SC/need_for_action: need for action is ticked, but the question has no box for it",
        "ans-warnings-only.json: valid answers of Landkreis Testland to mini@1.0: 15 of 16 questions answered; 3 warnings",
    ]
);

fixture!(
    ans_wrong_types,
    "ans-wrong-types.json",
    1,
    [
        "ans-wrong-types.json:13:19: error at /county/population: -3 is less than 0",
        "ans-wrong-types.json:14:23: error at /county/municipalities: expected an array, found an object",
        "ans-wrong-types.json:28:13: error at /status: \"eingereicht\" is not allowed; allowed: \"draft\", \"submitted\", \"corrected\"",
        "ans-wrong-types.json:32:26: error at /answers/Q-YN/need_for_action: expected a boolean (true/false), found a string",
        "ans-wrong-types.json: invalid: 4 errors, 0 warnings",
    ]
);

fixture!(
    ans_wrong_values,
    "ans-wrong-values.json",
    1,
    [
        "ans-wrong-values.json:38:16: error at /answers/Q-YN/value: an answer of kind yes_no must be true or false, found a string",
        "ans-wrong-values.json:49:16: error at /answers/Q-YPN/value: \"vielleicht\" is not a yes/partly/no answer; allowed: \"yes\", \"partly\", \"no\"",
        "ans-wrong-values.json:49:16: warning at /answers/Q-YPN/value: Q-YPN is answered although its condition on Q-YN does not hold",
        "ans-wrong-values.json:53:16: error at /answers/Q-SC/value: unknown option \"landrat\"; allowed: \"amt\", \"stab\"",
        "ans-wrong-values.json:56:16: error at /answers/Q-MC/value: \"forum\" is listed twice",
        "ans-wrong-values.json:62:16: error at /answers/Q-INT/value: an answer of kind integer must be an integer, found a number",
        "ans-wrong-values.json:67:16: error at /answers/Q-DEC/value: an answer of kind decimal must be a number, found a string",
        "ans-wrong-values.json:70:16: error at /answers/Q-PCT/value: 120 % is above the maximum of 100 %",
        "ans-wrong-values.json:73:16: error at /answers/Q-DATE/value: \"02.05.2019\" is not a valid date of the form YYYY-MM-DD",
        "ans-wrong-values.json:76:16: error at /answers/Q-YEAR/value: 3000 is above the maximum of 2100",
        "ans-wrong-values.json:79:16: error at /answers/Q-SHORT/value: a short text must not contain a line break (use long_text)",
        "ans-wrong-values.json:85:16: error at /answers/Q-MUN/value: \"Cedorf\" is not a municipality listed in county.municipalities",
        "ans-wrong-values.json: invalid: 11 errors, 1 warning",
    ]
);

fixture!(
    bad_escape,
    "bad-escape.json",
    1,
    [
        "bad-escape.json:2:16: error: invalid escape sequence \\D; write a backslash as \\\\",
        "bad-escape.json: invalid: 1 error, 0 warnings",
    ]
);

fixture!(
    control_character,
    "control-character.json",
    1,
    [
        "control-character.json:2:20: error: control character or line break inside a string; write it as \\n, \\t or \\u00XX",
        "control-character.json: invalid: 1 error, 0 warnings",
    ]
);

fixture!(
    deep_nesting,
    "deep-nesting.json",
    1,
    [
        "deep-nesting.json:1:85: error: nested too deeply (more than 64 levels)",
        "deep-nesting.json: invalid: 1 error, 0 warnings",
    ]
);

fixture!(
    def_condition_cycle,
    "def-condition-cycle.json",
    1,
    [
        "def-condition-cycle.json:106:29: error at /fields_of_action/0/topics/0/questions/1/condition/question: conditions form a cycle: Q-YPN → Q-SC → Q-YPN",
        "def-condition-cycle.json:152:29: error at /fields_of_action/0/topics/0/questions/3/condition/question: a question cannot depend on itself",
        "def-condition-cycle.json: invalid: 2 errors, 0 warnings",
    ]
);

fixture!(
    def_conditions,
    "def-conditions.json",
    1,
    [
        "def-conditions.json:108:19: error at /fields_of_action/0/topics/0/questions/1/condition/any_of/0: value does not fit question Q-SC: unknown option \"landrat\"; allowed: \"amt\", \"stab\"",
        "def-conditions.json:127:29: error at /fields_of_action/0/topics/0/questions/2/condition/question: a question cannot depend on itself",
        "def-conditions.json:153:27: error at /fields_of_action/0/topics/0/questions/3/condition/any_of: list must not be empty",
        "def-conditions.json:166:29: error at /fields_of_action/0/topics/0/questions/4/condition/question: conditions form a cycle: Q-INT → Q-DEC → Q-INT",
        "def-conditions.json:181:19: error at /fields_of_action/0/topics/0/questions/5/condition/any_of/0: value does not fit question Q-INT: an answer of kind integer must be an integer, found a string",
        "def-conditions.json: invalid: 5 errors, 0 warnings",
    ]
);

fixture!(
    def_dangling_references,
    "def-dangling-references.json",
    1,
    [
        "def-dangling-references.json:87:9: error at /fields_of_action/0/quality_parameters/1: unknown quality parameter \"QP-XYZ\"",
        "def-dangling-references.json:101:17: error at /fields_of_action/0/topics/0/questions/0/quality_parameters/0: unknown quality parameter \"QP-C\"",
        "def-dangling-references.json:109:29: error at /fields_of_action/0/topics/0/questions/1/condition/question: condition refers to unknown question \"Q-NOPE\"",
        "def-dangling-references.json: invalid: 3 errors, 0 warnings",
    ]
);

fixture!(
    def_duplicate_ids,
    "def-duplicate-ids.json",
    1,
    [
        "def-duplicate-ids.json:122:25: error at /fields_of_action/0/topics/0/questions/2/options/1/id: duplicate option id \"amt\"; first at 118:25",
        "def-duplicate-ids.json:157:21: error at /fields_of_action/0/topics/0/questions/5/id: duplicate question id \"Q-INT\"; first at 147:21",
        "def-duplicate-ids.json:182:17: error at /fields_of_action/0/topics/1/id: duplicate topic id \"HF1.T1\"; first at 91:17",
        "def-duplicate-ids.json:277:17: error at /fields_of_action/1/number: number 1 is already used at 81:17",
        "def-duplicate-ids.json: invalid: 4 errors, 0 warnings",
    ]
);

fixture!(
    def_edits_shipped_version,
    "def-edits-shipped-version.json",
    0,
    [
        "def-edits-shipped-version.json:5:14: warning at /version: fgk-kreis@2025.1 is already known (shipped) with other content; a published version is never edited: give it a new \"version\"",
        "def-edits-shipped-version.json: valid questionnaire definition fgk-kreis@2025.1: 1 field of action, 2 topics, 16 questions, sha256 93ff04f76103; 1 warning",
    ]
);

fixture!(
    def_identity,
    "def-identity.json",
    1,
    [
        "def-identity.json:3:13: error at /format: file format 2 is unknown; this version of siegel reads format 1",
        "def-identity.json:4:9: error at /id: \"Mini Kreis\" is not a valid id: lower-case letters, digits and '-' only (e.g. \"fgk-kreis\")",
        "def-identity.json:5:14: error at /version: \"1.0 final\" is not a valid version: letters, digits, '.', '_' and '-' (e.g. \"2025.1\")",
        "def-identity.json:7:15: error at /language: \"deu\" is not a two-letter language code such as \"de\"",
        "def-identity.json:8:17: error at /valid_from: \"2025-02-30\" is not a valid date of the form YYYY-MM-DD",
        "def-identity.json:9:15: error at /replaces: a version cannot replace itself",
        "def-identity.json: invalid: 6 errors, 0 warnings",
    ]
);

fixture!(
    def_kind_rules,
    "def-kind-rules.json",
    1,
    [
        "def-kind-rules.json:100:26: error at /fields_of_action/0/topics/0/questions/0/columns: columns belong to offer_list and table, not to yes_no",
        "def-kind-rules.json:123:26: error at /fields_of_action/0/topics/0/questions/2/options: a single_choice question needs at least two options",
        "def-kind-rules.json:158:26: error at /fields_of_action/0/topics/0/questions/4/options: options belong to single_choice and multiple_choice, not to integer",
        "def-kind-rules.json:175:29: error at /fields_of_action/0/topics/0/questions/5/max_length: max_length belongs to texts, not to decimal",
        "def-kind-rules.json:183:22: error at /fields_of_action/0/topics/0/questions/6/max: min 50 is greater than max 20",
        "def-kind-rules.json:194:22: error at /fields_of_action/0/topics/0/questions/8/min: bound 1990.5 must be a whole number",
        "def-kind-rules.json:212:22: error at /fields_of_action/0/topics/1/questions/1/min: min/max belong to numbers and years, not to long_text",
        "def-kind-rules.json:233:27: error at /fields_of_action/0/topics/1/questions/3/columns/1/kind: a column cannot be of kind table",
        "def-kind-rules.json:242:13: error at /fields_of_action/0/topics/1/questions/4/rows: a table needs \"rows\" or \"rows_per_municipality\": true",
        "def-kind-rules.json: invalid: 9 errors, 0 warnings",
    ]
);

fixture!(
    def_migration,
    "def-migration.json",
    1,
    [
        "def-migration.json:310:21: error at /migration/from_version: a migration cannot start from the same version",
        "def-migration.json:313:17: error at /migration/renamed/0/from: \"Q-YN\" is still a question of this version",
        "def-migration.json:314:15: error at /migration/renamed/0/to: \"Q-NEU\" is not a question of this version",
        "def-migration.json:318:7: error at /migration/removed/0: \"Q-INT\" is still a question of this version",
        "def-migration.json:322:7: error at /migration/added/1: \"Q-ZZ\" is not a question of this version",
        "def-migration.json: invalid: 5 errors, 0 warnings",
    ]
);

fixture!(
    def_missing_keys,
    "def-missing-keys.json",
    1,
    [
        "def-missing-keys.json:1:1: error at /rules: required key \"rules\" is missing",
        "def-missing-keys.json:79:5: error at /fields_of_action/0/label: required key \"label\" is missing",
        "def-missing-keys.json:126:13: error at /fields_of_action/0/topics/0/questions/3/text: required key \"text\" is missing",
        "def-missing-keys.json: invalid: 3 errors, 0 warnings",
    ]
);

fixture!(
    def_scale_and_rules,
    "def-scale-and-rules.json",
    1,
    [
        "def-scale-and-rules.json:29:18: error at /scale/levels/3/value: levels must ascend: 2 follows 2",
        "def-scale-and-rules.json:55:18: error at /quality_parameters/0/anchors: anchor text for level 4 is missing (key \"4\")",
        "def-scale-and-rules.json:59:14: error at /quality_parameters/0/anchors/3: \"3\" is not a level of the scale",
        "def-scale-and-rules.json:67:17: error at /quality_parameters/1/weight: weight 0 must be greater than 0",
        "def-scale-and-rules.json:72:14: error at /quality_parameters/1/anchors/3: \"3\" is not a level of the scale",
        "def-scale-and-rules.json:74:14: error at /quality_parameters/1/anchors/7: \"7\" is not a level of the scale",
        "def-scale-and-rules.json:84:17: error at /fields_of_action/0/weight: weight 1e308 is too large; at most 1000",
        "def-scale-and-rules.json:279:24: error at /rules/min_rated_share: share 1.5 must lie between 0 and 1",
        "def-scale-and-rules.json:288:18: error at /rules/bands/1/up_to: band limits must ascend: 1 follows 1.5",
        "def-scale-and-rules.json:293:18: error at /rules/bands/2/up_to: the last band limit 3.5 does not reach the highest level 4",
        "def-scale-and-rules.json:302:9: error at /rules/rationale_required/levels/1: 9 is not a level of the scale",
        "def-scale-and-rules.json: invalid: 11 errors, 0 warnings",
    ]
);

fixture!(
    def_unknown_keys,
    "def-unknown-keys.json",
    1,
    [
        "def-unknown-keys.json:112:13: error at /fields_of_action/0/topics/0/questions/2/text: required key \"text\" is missing",
        "def-unknown-keys.json:125:15: error at /fields_of_action/0/topics/0/questions/2/texte: unknown key \"texte\"; did you mean \"text\"?",
        "def-unknown-keys.json:180:11: error at /fields_of_action/0/topics/0/beschreibung: unknown key \"beschreibung\"",
        "def-unknown-keys.json: invalid: 3 errors, 0 warnings",
    ]
);

fixture!(
    def_unknown_kind,
    "def-unknown-kind.json",
    1,
    [
        "def-unknown-kind.json:187:23: error at /fields_of_action/0/topics/1/questions/0/kind: \"text\" is not allowed; allowed: \"yes_no\", \"yes_partly_no\", \"single_choice\", \"multiple_choice\", \"integer\", \"decimal\", \"percent\", \"date\", \"year\", \"short_text\", \"long_text\", \"municipalities\", \"offer_list\", \"table\", \"evidence\"",
        "def-unknown-kind.json: invalid: 1 error, 0 warnings",
    ]
);

fixture!(
    def_version_number,
    "def-version-number.json",
    1,
    [
        "def-version-number.json:5:14: error at /version: expected a string, found a number",
        "def-version-number.json: invalid: 1 error, 0 warnings",
    ]
);

fixture!(
    def_wrong_types,
    "def-wrong-types.json",
    1,
    [
        "def-wrong-types.json:3:13: error at /format: expected an integer, found a string",
        "def-wrong-types.json:54:17: error at /quality_parameters/0/weight: expected a number, found a string",
        "def-wrong-types.json:85:29: error at /fields_of_action/0/quality_parameters: expected an array, found a string",
        "def-wrong-types.json:95:27: error at /fields_of_action/0/topics/0/questions/0/required: expected a boolean (true/false), found a string",
        "def-wrong-types.json: invalid: 4 errors, 0 warnings",
    ]
);

fixture!(
    duplicate_keys,
    "duplicate-keys.json",
    1,
    [
        "duplicate-keys.json:7:3: error at /title: duplicate key \"title\"; first at 6:3",
        "duplicate-keys.json:98:15: error at /fields_of_action/0/topics/0/questions/0/kind: duplicate key \"kind\"; first at 97:15",
        "duplicate-keys.json: invalid: 2 errors, 0 warnings",
    ]
);

fixture!(
    empty,
    "empty.json",
    1,
    [
        "empty.json: error: file is empty",
        "empty.json: invalid: 1 error, 0 warnings",
    ]
);

fixture!(
    junk,
    "junk.json",
    1,
    [
        "junk.json:1:7: error: file is not UTF-8 encoded (save it as UTF-8)",
        "junk.json: invalid: 1 error, 0 warnings",
    ]
);

fixture!(
    latin1,
    "latin1.json",
    1,
    [
        "latin1.json:2:15: error: file is not UTF-8 encoded (save it as UTF-8)",
        "latin1.json: invalid: 1 error, 0 warnings",
    ]
);

fixture!(
    missing_comma,
    "missing-comma.json",
    1,
    [
        "missing-comma.json:3:3: error: found '\"', expected ',' or '}'",
        "missing-comma.json: invalid: 1 error, 0 warnings",
    ]
);

fixture!(
    not_a_document,
    "not-a-document.json",
    1,
    [
        "not-a-document.json:1:1: error: neither a questionnaire definition nor answers: expected an object with \"fields_of_action\" (definition) or \"questionnaire\" (answers)",
        "not-a-document.json: invalid: 1 error, 0 warnings",
    ]
);

fixture!(
    trailing_comma,
    "trailing-comma.json",
    1,
    [
        "trailing-comma.json:4:1: error: found '}', expected a key in double quotes",
        "trailing-comma.json: invalid: 1 error, 0 warnings",
    ]
);

fixture!(
    truncated,
    "truncated.json",
    1,
    [
        "truncated.json:6:1: error: file ends in the middle of the JSON (a closing bracket or quote missing?)",
        "truncated.json: invalid: 1 error, 0 warnings",
    ]
);

fixture!(
    def_next_unaccounted,
    "def-next-unaccounted.json",
    1,
    [
        "def-next-unaccounted.json:308:16: error at /migration: the migration does not say what became of question \"Q-DEC\": compared with version 1.0 it is neither kept nor named under renamed, removed or added",
        "def-next-unaccounted.json:308:16: error at /migration: the migration does not say what became of question \"Q-NEU\": compared with version 1.0 it is neither kept nor named under renamed, removed or added",
        "def-next-unaccounted.json: invalid: 2 errors, 0 warnings",
    ]
);

fixture!(
    zv_goals,
    "zv-goals.json",
    1,
    [
        "zv-goals.json:3:9: error at /id: \"mini 2025\" is not a valid goal agreement id: letters, digits, '.', '_', '-', at most 64 characters",
        "zv-goals.json:4:49: error at /county/ags: \"1609800\" is not an Amtlicher Gemeindeschlüssel (8 digits, 5 for a county)",
        "zv-goals.json:5:14: error at /follows: the assessment the goals follow from is not named: give answers_sha256, or procedure and year",
        "zv-goals.json:6:47: error at /resolution/date: \"2025-09-31\" is not a valid date of the form YYYY-MM-DD",
        "zv-goals.json:6:71: error at /resolution/number: must not be empty",
        "zv-goals.json:7:45: error at /period/end: 2025-06-30 is before 2025-10-01",
        "zv-goals.json:11:16: error at /goals/0/field: the questionnaire has no field of action \"HF9\"; allowed: \"HF1\"",
        "zv-goals.json:13:21: error at /goals/0/questions/0: \"Q-NONE\" is not a question of this questionnaire",
        "zv-goals.json:15:110: error at /goals/0/measures/0/deadline: 2026-01-31 is before 2026-06-01",
        "zv-goals.json:19:13: error at /goals/1/id: duplicate goal id \"Z1\"; first at 10:13",
        "zv-goals.json:21:16: error at /goals/1/title: must not be empty",
        "zv-goals.json:23:17: error at /goals/1/measures/0/id: duplicate measure id \"M1\"; first at 15:17",
        "zv-goals.json: invalid: 12 errors, 0 warnings",
    ]
);

fixture!(
    zv_schema,
    "zv-schema.json",
    1,
    [
        "zv-schema.json:2:13: error at /format: file format 2 is unknown; this version of siegel reads format 1",
        "zv-schema.json:5:33: error at /follows/questionnaire: \"mini\" names no questionnaire; expected id@version, e.g. \"fgk-kreis@2025.1\"",
        "zv-schema.json:5:59: error at /follows/answers_sha256: \"abc\" is not a sha256 (64 lower-case hex digits)",
        "zv-schema.json:13:73: warning at /goals/0/indicator/target_date: 2029-06-30 is outside the goal agreement's period (2025-10-01 to 2028-09-30)",
        "zv-schema.json:14:19: error at /goals/0/measures: list must not be empty",
        "zv-schema.json: invalid: 4 errors, 1 warning",
    ]
);

fixture!(
    zv_unknown_key,
    "zv-unknown-key.json",
    1,
    [
        "zv-unknown-key.json:9:5: error at /goals/0/title: required key \"title\" is missing",
        "zv-unknown-key.json:12:7: error at /goals/0/titel: unknown key \"titel\"; did you mean \"title\"?",
        "zv-unknown-key.json:14:124: error at /goals/0/measures/0/kosten: unknown key \"kosten\"",
        "zv-unknown-key.json: invalid: 3 errors, 0 warnings",
    ]
);

fixture!(
    jb_measures,
    "jb-measures.json",
    1,
    [
        "jb-measures.json:3:11: error at /year: the report's year 2029 is outside the goal agreement's period (2025-10-01 to 2028-09-30)",
        "jb-measures.json:4:49: error at /county/ags: key 16098001 is not the goal agreement's county (that is 16098000)",
        "jb-measures.json:5:54: error at /zielvereinbarung/sha256: the report names another version of goal agreement \"mini-2025\" (sha256 000000000000) than the one known (sha256 6faaaa514ddd)",
        "jb-measures.json:7:15: warning at /measures: measure \"M2\" is missing from the report",
        "jb-measures.json:7:15: warning at /measures: measure \"M3\" is missing from the report",
        "jb-measures.json:9:18: error at /measures/1/measure: the goal agreement has no measure \"M9\"",
        "jb-measures.json:10:18: error at /measures/2/measure: duplicate measure id \"M1\"; first at 8:18",
        "jb-measures.json:14:15: error at /indicators/1/goal: goal \"Z2\" has no agreed indicator",
        "jb-measures.json:15:15: error at /indicators/2/goal: the goal agreement has no goal \"Z7\"",
        "jb-measures.json: invalid: 7 errors, 2 warnings",
    ]
);

fixture!(
    jb_status,
    "jb-status.json",
    1,
    [
        "jb-status.json:8:34: error at /measures/0/status: \"erledigt\" is not allowed; allowed: \"geplant\", \"begonnen\", \"umgesetzt\", \"verschoben\", \"entfallen\"",
        "jb-status.json:9:58: error at /measures/1/evidence: expected an array, found a string",
        "jb-status.json:10:5: error at /measures/2/status: required key \"status\" is missing",
        "jb-status.json: invalid: 3 errors, 0 warnings",
    ]
);

fixture!(
    jb_unknown_agreement,
    "jb-unknown-agreement.json",
    1,
    [
        "jb-unknown-agreement.json:5:31: warning at /zielvereinbarung/id: goal agreement \"adorf-2019\" is not known here; measures and goals are not checked (check them together: siegel validate AGREEMENT.json REPORT.json)",
        "jb-unknown-agreement.json:9:18: error at /measures/1/measure: duplicate measure id \"M1\"; first at 8:18",
        "jb-unknown-agreement.json: invalid: 1 error, 1 warning",
    ]
);
