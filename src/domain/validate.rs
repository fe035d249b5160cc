//! Validation of questionnaire definitions and county answers: every problem in one run, each
//! with its place in the file.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value;

use crate::domain::answers::{ANSWERS_FORMAT, Answers};
use crate::domain::definition::{Column, DEFINITION_FORMAT, Definition, Kind, Question, ValueSpec};
use crate::domain::diagnostic::{Diagnostic, IdKind, Problem, Severity, Source, ValueProblem};
use crate::domain::hash::{is_sha256_hex, sha256_hex};
use crate::domain::json::{self, Pos, Spanned, pos_of_offset};
use crate::domain::schema;
use crate::domain::values::{check_answer, check_simple, is_valid_date};

/// Larger files are refused before they are read.
pub const MAX_FILE_SIZE: u64 = 20 * 1024 * 1024;

/// A definition siegel knows, with its content hash and where it was found.
#[derive(Debug, Clone)]
pub struct KnownDefinition {
    pub definition: Arc<Definition>,
    pub sha256: String,
    /// The definition in canonical form (whose sha256 is `sha256`), for snapshots.
    pub canonical: Arc<str>,
    pub source: Source,
}

/// What a file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Definition,
    Answers,
    /// A Zielvereinbarung.
    Agreement,
    /// A Jahresbericht.
    AnnualReport,
}

/// The result of validating one file.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub kind: Option<DocumentKind>,
    /// Present when the file is a definition without errors.
    pub definition: Option<KnownDefinition>,
    /// Present when the file is an answers file without errors.
    pub answers: Option<ValidAnswers>,
    /// Present when the file is a Zielvereinbarung without errors.
    pub agreement: Option<super::validate_goals::ValidAgreement>,
    /// Present when the file is a Jahresbericht without errors.
    pub annual_report: Option<super::validate_goals::ValidAnnualReport>,
}

#[derive(Debug, Clone)]
pub struct ValidAnswers {
    pub answers: Answers,
    pub sha256: String,
    /// The answers in canonical form (whose sha256 is `sha256`), for snapshots.
    pub canonical: String,
    pub definition: KnownDefinition,
}

impl Report {
    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    pub fn is_valid(&self) -> bool {
        self.error_count() == 0
    }

    /// A report of one error that stopped the reading.
    pub fn fail(problem: Problem, pos: Option<Pos>) -> Self {
        Report::unread(one_error(problem, pos))
    }

    fn unread(diagnostics: Vec<Diagnostic>) -> Self {
        Report {
            diagnostics,
            ..Report::default()
        }
    }
}

fn one_error(problem: Problem, pos: Option<Pos>) -> Vec<Diagnostic> {
    vec![Diagnostic {
        severity: Severity::Error,
        pos,
        pointer: None,
        problem,
    }]
}

/// A file read as far as its JSON syntax: the tree, or the errors that stopped the reading.
pub fn read_json(bytes: &[u8]) -> Result<Spanned<'_>, Vec<Diagnostic>> {
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(one_error(
            Problem::TooLarge {
                size: bytes.len() as u64,
                limit: MAX_FILE_SIZE,
            },
            None,
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(one_error(Problem::Empty, None));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            return Err(one_error(
                Problem::NotUtf8,
                Some(pos_of_offset(bytes, e.valid_up_to())),
            ));
        }
    };
    let parsed = match json::parse(text) {
        Ok(parsed) => parsed,
        Err(e) => return Err(one_error(Problem::Syntax(e.kind), Some(e.pos))),
    };
    if !parsed.duplicates.is_empty() {
        return Err(parsed
            .duplicates
            .into_iter()
            .map(|d| Diagnostic {
                severity: Severity::Error,
                pos: Some(d.pos),
                pointer: Some(d.pointer),
                problem: Problem::DuplicateKey {
                    key: d.key,
                    first: d.first,
                },
            })
            .collect());
    }
    Ok(parsed.root)
}

/// Tells the kinds of file apart by their top-level keys.
pub fn detect_kind(root: &Spanned) -> Option<DocumentKind> {
    if root.get("goals").is_some() {
        Some(DocumentKind::Agreement)
    } else if root.get("zielvereinbarung").is_some() {
        Some(DocumentKind::AnnualReport)
    } else if root.get("questionnaire").is_some() || root.get("answers").is_some() {
        Some(DocumentKind::Answers)
    } else if root.get("fields_of_action").is_some() || root.get("scale").is_some() {
        Some(DocumentKind::Definition)
    } else {
        None
    }
}

/// Validates a file of any kind. `known` are the definitions answers and goals may refer to.
pub fn validate(bytes: &[u8], known: &[KnownDefinition]) -> Report {
    validate_with_agreements(bytes, known, &[])
}

/// Validates a file of any kind; a Jahresbericht is checked against the Zielvereinbarung it
/// names when that is among `agreements`.
pub fn validate_with_agreements(
    bytes: &[u8],
    known: &[KnownDefinition],
    agreements: &[super::validate_goals::ValidAgreement],
) -> Report {
    use super::validate_goals::{validate_agreement_tree, validate_report_tree};
    let root = match read_json(bytes) {
        Ok(root) => root,
        Err(diagnostics) => return Report::unread(diagnostics),
    };
    match detect_kind(&root) {
        Some(DocumentKind::Definition) => validate_definition_tree(&root, known),
        Some(DocumentKind::Answers) => validate_answers_tree(&root, known),
        Some(DocumentKind::Agreement) => validate_agreement_tree(&root, known),
        Some(DocumentKind::AnnualReport) => validate_report_tree(&root, agreements),
        None => Report::fail(Problem::UnknownFileKind, Some(root.pos)),
    }
}

pub fn validate_definition(bytes: &[u8], known: &[KnownDefinition]) -> Report {
    match read_json(bytes) {
        Ok(root) => validate_definition_tree(&root, known),
        Err(diagnostics) => Report::unread(diagnostics),
    }
}

pub fn validate_answers(bytes: &[u8], known: &[KnownDefinition]) -> Report {
    match read_json(bytes) {
        Ok(root) => validate_answers_tree(&root, known),
        Err(diagnostics) => Report::unread(diagnostics),
    }
}

/// Collects diagnostics and finds their positions in the tree.
pub(super) struct Sink<'a> {
    root: &'a Spanned<'a>,
    out: Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    pub(super) fn new(root: &'a Spanned) -> Self {
        Sink {
            root,
            out: Vec::new(),
        }
    }

    pub(super) fn push(&mut self, severity: Severity, pointer: String, problem: Problem) {
        self.out.push(Diagnostic {
            severity,
            pos: Some(self.root.nearest_pos(&pointer)),
            pointer: Some(pointer),
            problem,
        });
    }

    pub(super) fn error(&mut self, pointer: String, problem: Problem) {
        self.push(Severity::Error, pointer, problem);
    }

    pub(super) fn warning(&mut self, pointer: String, problem: Problem) {
        self.push(Severity::Warning, pointer, problem);
    }

    pub(super) fn pos(&self, pointer: &str) -> Pos {
        self.root.nearest_pos(pointer)
    }

    pub(super) fn has_errors(&self) -> bool {
        self.out.iter().any(|d| d.severity == Severity::Error)
    }

    pub(super) fn non_empty(&mut self, pointer: String, text: &str) {
        if text.trim().is_empty() {
            self.error(pointer, Problem::EmptyText);
        }
    }

    pub(super) fn date(&mut self, pointer: String, text: &str) {
        if !is_valid_date(text) {
            self.error(
                pointer,
                Problem::InvalidDate {
                    found: text.to_string(),
                },
            );
        }
    }
}

/// Checks ids for form and uniqueness within one namespace.
pub(super) struct IdRegister {
    what: IdKind,
    first: HashMap<String, String>,
}

impl IdRegister {
    pub(super) fn new(what: IdKind) -> Self {
        IdRegister {
            what,
            first: HashMap::new(),
        }
    }

    pub(super) fn add(&mut self, sink: &mut Sink, pointer: String, id: &str) {
        if !is_valid_id(id) {
            sink.error(
                pointer,
                Problem::InvalidId {
                    what: self.what,
                    found: id.to_string(),
                },
            );
            return;
        }
        match self.first.get(id) {
            Some(first) => {
                let first = sink.pos(first);
                sink.error(
                    pointer,
                    Problem::DuplicateId {
                        what: self.what,
                        id: id.to_string(),
                        first,
                    },
                );
            }
            None => {
                self.first.insert(id.to_string(), pointer);
            }
        }
    }
}

/// Ids: ASCII letters, digits, `.`, `_` and `-`, starting with a letter or digit.
pub fn is_valid_id(id: &str) -> bool {
    id.len() <= 64
        && id.starts_with(|c: char| c.is_ascii_alphanumeric())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

fn is_valid_slug(id: &str) -> bool {
    id.len() <= 64
        && id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_valid_version(version: &str) -> bool {
    version.len() <= 32
        && version.starts_with(|c: char| c.is_ascii_alphanumeric())
        && version
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// Runs the schema check and, when it passes, decodes the typed document.
pub(super) fn decode<T: serde::de::DeserializeOwned>(
    root: &Spanned,
    schema: &Value,
    sink: &mut Sink,
) -> Option<T> {
    schema::check(schema, root, &mut sink.out);
    if sink.has_errors() {
        return None;
    }
    // Straight from the tree: a large document never becomes a `Value` on the way.
    match crate::domain::json_de::decode(root) {
        Ok(document) => Some(document),
        Err(e) => {
            sink.error(
                String::new(),
                Problem::Decode {
                    reason: e.to_string(),
                },
            );
            None
        }
    }
}

pub(super) fn finish(sink: Sink, kind: DocumentKind) -> Report {
    let mut diagnostics = sink.out;
    diagnostics.sort_by_key(|d| (d.pos, d.severity));
    Report {
        diagnostics,
        kind: Some(kind),
        ..Report::default()
    }
}

fn validate_definition_tree(root: &Spanned, known: &[KnownDefinition]) -> Report {
    let mut sink = Sink::new(root);
    let Some(definition) = decode::<Definition>(root, schema::definition_schema(), &mut sink)
    else {
        return finish(sink, DocumentKind::Definition);
    };
    check_definition(&definition, &mut sink);
    let canonical = crate::domain::json_de::canonical_text(root);
    let sha256 = sha256_hex(canonical.as_bytes());
    if let Some(other) = known.iter().find(|k| {
        k.definition.id == definition.id
            && k.definition.version == definition.version
            && k.sha256 != sha256
    }) {
        sink.warning(
            "/version".into(),
            Problem::DiffersFromKnown {
                key: definition.key(),
                source: other.source.clone(),
            },
        );
    }
    // With the version it migrates from at hand, the migration must account for every question.
    let previous = definition.migration.as_ref().and_then(|m| {
        known
            .iter()
            .find(|k| k.definition.id == definition.id && k.definition.version == m.from_version)
    });
    if let Some(previous) = previous {
        for id in crate::domain::versions::unaccounted(&previous.definition, &definition) {
            let problem = Problem::MigrationUnaccounted {
                id,
                from_version: previous.definition.version.clone(),
            };
            sink.error("/migration".into(), problem);
        }
    }
    let valid = !sink.has_errors();
    let mut report = finish(sink, DocumentKind::Definition);
    if valid {
        report.definition = Some(KnownDefinition {
            definition: Arc::new(definition),
            sha256,
            canonical: canonical.into(),
            source: Source::Shipped,
        });
    }
    report
}

fn check_definition(def: &Definition, sink: &mut Sink) {
    if def.format != DEFINITION_FORMAT {
        sink.error(
            "/format".into(),
            Problem::UnsupportedFormat {
                found: def.format,
                supported: DEFINITION_FORMAT,
            },
        );
    }
    if !is_valid_slug(&def.id) {
        sink.error(
            "/id".into(),
            Problem::InvalidSlug {
                found: def.id.clone(),
            },
        );
    }
    if !is_valid_version(&def.version) {
        sink.error(
            "/version".into(),
            Problem::InvalidVersion {
                found: def.version.clone(),
            },
        );
    }
    if def.language.len() != 2 || !def.language.bytes().all(|b| b.is_ascii_lowercase()) {
        sink.error(
            "/language".into(),
            Problem::InvalidLanguage {
                found: def.language.clone(),
            },
        );
    }
    sink.non_empty("/title".into(), &def.title);
    sink.date("/valid_from".into(), &def.valid_from);
    if let Some(replaces) = &def.replaces {
        if replaces == &def.version {
            sink.error("/replaces".into(), Problem::ReplacesItself);
        } else if !is_valid_version(replaces) {
            sink.error(
                "/replaces".into(),
                Problem::InvalidVersion {
                    found: replaces.clone(),
                },
            );
        }
    }
    check_scale(def, sink);
    let parameter_ids = check_parameters(def, sink);
    let question_ids = check_fields(def, &parameter_ids, sink);
    check_conditions(def, sink);
    check_rules(def, sink);
    check_migration(def, &question_ids, sink);
}

fn check_scale(def: &Definition, sink: &mut Sink) {
    let levels = &def.scale.levels;
    if levels.len() < 2 {
        sink.error("/scale/levels".into(), Problem::ScaleTooSmall);
    }
    for (index, pair) in levels.windows(2).enumerate() {
        if pair[1].value <= pair[0].value {
            sink.error(
                format!("/scale/levels/{}/value", index + 1),
                Problem::ScaleNotAscending {
                    value: pair[1].value,
                    previous: pair[0].value,
                },
            );
        }
    }
    for (index, level) in levels.iter().enumerate() {
        sink.non_empty(format!("/scale/levels/{index}/label"), &level.label);
    }
    sink.non_empty(
        "/scale/not_applicable/label".into(),
        &def.scale.not_applicable.label,
    );
    sink.non_empty(
        "/scale/not_assessable/label".into(),
        &def.scale.not_assessable.label,
    );
}

/// The largest weight: sums over thousands of weights stay far from overflowing, so that no
/// score is ever infinite or NaN.
pub const MAX_WEIGHT: f64 = 1000.0;

fn check_weight(sink: &mut Sink, pointer: String, weight: f64) {
    if !(weight.is_finite() && weight > 0.0) {
        sink.error(pointer, Problem::NonPositiveWeight { found: weight });
    } else if weight > MAX_WEIGHT {
        sink.error(
            pointer,
            Problem::WeightTooLarge {
                found: weight,
                max: MAX_WEIGHT,
            },
        );
    }
}

fn check_parameters(def: &Definition, sink: &mut Sink) -> Vec<String> {
    let mut ids = IdRegister::new(IdKind::QualityParameter);
    if def.quality_parameters.is_empty() {
        sink.error("/quality_parameters".into(), Problem::EmptyList);
    }
    for (index, parameter) in def.quality_parameters.iter().enumerate() {
        let base = format!("/quality_parameters/{index}");
        ids.add(sink, format!("{base}/id"), &parameter.id);
        sink.non_empty(format!("{base}/label"), &parameter.label);
        check_weight(sink, format!("{base}/weight"), parameter.weight);
        for level in &def.scale.levels {
            if !parameter.anchors.contains_key(&level.value.to_string()) {
                sink.error(
                    format!("{base}/anchors"),
                    Problem::AnchorMissing { level: level.value },
                );
            }
        }
        for key in parameter.anchors.keys() {
            if !def.scale.levels.iter().any(|l| l.value.to_string() == *key) {
                let mut pointer = format!("{base}/anchors");
                json::push_pointer(&mut pointer, key);
                sink.error(pointer, Problem::AnchorUnknownLevel { found: key.clone() });
            }
        }
    }
    def.quality_parameters
        .iter()
        .map(|p| p.id.clone())
        .collect()
}

fn check_parameter_refs(sink: &mut Sink, base: &str, refs: &[String], known: &[String]) {
    for (index, id) in refs.iter().enumerate() {
        if !known.contains(id) {
            sink.error(
                format!("{base}/quality_parameters/{index}"),
                Problem::UnknownParameter { found: id.clone() },
            );
        }
    }
}

/// Checks fields, topics and questions; returns the question ids found.
fn check_fields(def: &Definition, parameters: &[String], sink: &mut Sink) -> Vec<String> {
    let mut field_ids = IdRegister::new(IdKind::FieldOfAction);
    let mut topic_ids = IdRegister::new(IdKind::Topic);
    let mut question_ids = IdRegister::new(IdKind::Question);
    let mut numbers: HashMap<u32, String> = HashMap::new();
    if def.fields_of_action.is_empty() {
        sink.error("/fields_of_action".into(), Problem::EmptyList);
    }
    for (f, field) in def.fields_of_action.iter().enumerate() {
        let base = format!("/fields_of_action/{f}");
        field_ids.add(sink, format!("{base}/id"), &field.id);
        match numbers.get(&field.number) {
            Some(first) => {
                let first = sink.pos(first);
                sink.error(
                    format!("{base}/number"),
                    Problem::DuplicateNumber {
                        number: field.number,
                        first,
                    },
                );
            }
            None => {
                numbers.insert(field.number, format!("{base}/number"));
            }
        }
        sink.non_empty(format!("{base}/label"), &field.label);
        check_weight(sink, format!("{base}/weight"), field.weight);
        if field.quality_parameters.is_empty() {
            sink.error(format!("{base}/quality_parameters"), Problem::EmptyList);
        }
        check_parameter_refs(sink, &base, &field.quality_parameters, parameters);
        if field.topics.is_empty() {
            sink.error(format!("{base}/topics"), Problem::EmptyList);
        }
        for (t, topic) in field.topics.iter().enumerate() {
            let topic_base = format!("{base}/topics/{t}");
            topic_ids.add(sink, format!("{topic_base}/id"), &topic.id);
            sink.non_empty(format!("{topic_base}/label"), &topic.label);
            if topic.questions.is_empty() {
                sink.error(format!("{topic_base}/questions"), Problem::EmptyList);
            }
            for (q, question) in topic.questions.iter().enumerate() {
                let question_base = format!("{topic_base}/questions/{q}");
                question_ids.add(sink, format!("{question_base}/id"), &question.id);
                check_question(question, &question_base, parameters, sink);
            }
        }
    }
    def.questions().map(|(_, _, q)| q.id.clone()).collect()
}

fn check_question(question: &Question, base: &str, parameters: &[String], sink: &mut Sink) {
    let kind = question.kind;
    sink.non_empty(format!("{base}/text"), &question.text);
    check_spec(question, base, sink);
    check_parameter_refs(sink, base, &question.quality_parameters, parameters);

    let composite = matches!(kind, Kind::OfferList | Kind::Table);
    if composite && question.columns.is_empty() {
        sink.error(format!("{base}/columns"), Problem::ColumnsMissing { kind });
    }
    if !composite && !question.columns.is_empty() {
        sink.error(
            format!("{base}/columns"),
            Problem::ColumnsNotAllowed { kind },
        );
    }
    let mut column_ids = IdRegister::new(IdKind::Column);
    for (c, column) in question.columns.iter().enumerate() {
        let column_base = format!("{base}/columns/{c}");
        column_ids.add(sink, format!("{column_base}/id"), &column.id);
        sink.non_empty(format!("{column_base}/label"), &column.label);
        if column.kind.is_composite() {
            sink.error(
                format!("{column_base}/kind"),
                Problem::CompositeColumn { kind: column.kind },
            );
        } else {
            check_spec::<Column>(column, &column_base, sink);
        }
    }

    if kind == Kind::Table {
        match (question.rows.is_empty(), question.rows_per_municipality) {
            (true, false) => sink.error(format!("{base}/rows"), Problem::RowsMissing),
            (false, true) => sink.error(format!("{base}/rows_per_municipality"), Problem::RowsBoth),
            _ => {}
        }
    } else if !question.rows.is_empty() {
        sink.error(format!("{base}/rows"), Problem::RowsNotAllowed { kind });
    } else if question.rows_per_municipality {
        sink.error(
            format!("{base}/rows_per_municipality"),
            Problem::RowsNotAllowed { kind },
        );
    }
    let mut row_ids = IdRegister::new(IdKind::Row);
    for (r, row) in question.rows.iter().enumerate() {
        row_ids.add(sink, format!("{base}/rows/{r}/id"), &row.id);
        sink.non_empty(format!("{base}/rows/{r}/label"), &row.label);
    }
}

/// The checks questions and columns share: options, bounds, lengths.
fn check_spec<S: ValueSpec>(spec: &S, base: &str, sink: &mut Sink) {
    let kind = spec.kind();
    if kind.is_choice() && spec.options().len() < 2 {
        sink.error(format!("{base}/options"), Problem::OptionsMissing { kind });
    }
    if !kind.is_choice() && !spec.options().is_empty() {
        sink.error(
            format!("{base}/options"),
            Problem::OptionsNotAllowed { kind },
        );
    }
    let mut option_ids = IdRegister::new(IdKind::Option);
    for (o, option) in spec.options().iter().enumerate() {
        option_ids.add(sink, format!("{base}/options/{o}/id"), &option.id);
        sink.non_empty(format!("{base}/options/{o}/label"), &option.label);
    }
    for (key, bound) in [("min", spec.min()), ("max", spec.max())] {
        let Some(bound) = bound else { continue };
        if !kind.is_numeric() {
            sink.error(format!("{base}/{key}"), Problem::BoundsNotAllowed { kind });
        } else if matches!(kind, Kind::Integer | Kind::Year) && bound.fract() != 0.0 {
            sink.error(
                format!("{base}/{key}"),
                Problem::BoundNotInteger { found: bound },
            );
        }
    }
    if let (Some(min), Some(max)) = (spec.min(), spec.max())
        && min > max
    {
        sink.error(format!("{base}/max"), Problem::MinAboveMax { min, max });
    }
    if spec.max_length().is_some() && !kind.is_text() {
        sink.error(
            format!("{base}/max_length"),
            Problem::MaxLengthNotAllowed { kind },
        );
    }
}

fn check_conditions(def: &Definition, sink: &mut Sink) {
    let by_id: HashMap<&str, &Question> = def
        .questions()
        .map(|(_, _, q)| (q.id.as_str(), q))
        .collect();
    let mut cycles_reported: Vec<String> = Vec::new();
    for (f, t, question) in def.questions() {
        let Some(condition) = &question.condition else {
            continue;
        };
        let q = def.fields_of_action[f].topics[t]
            .questions
            .iter()
            .position(|other| std::ptr::eq(other, question))
            .unwrap_or(0);
        let base = format!("/fields_of_action/{f}/topics/{t}/questions/{q}/condition");
        if condition.question == question.id {
            sink.error(format!("{base}/question"), Problem::ConditionOnItself);
            continue;
        }
        let Some(target) = by_id.get(condition.question.as_str()) else {
            sink.error(
                format!("{base}/question"),
                Problem::ConditionUnknownQuestion {
                    found: condition.question.clone(),
                },
            );
            continue;
        };
        if condition.any_of.is_empty() {
            sink.error(format!("{base}/any_of"), Problem::EmptyList);
        }
        for (index, value) in condition.any_of.iter().enumerate() {
            if let Err(problem) = check_simple(*target, target.unit.as_deref(), value, None) {
                sink.error(
                    format!("{base}/any_of/{index}"),
                    Problem::ConditionValue {
                        question: target.id.clone(),
                        problem,
                    },
                );
            }
        }
        // Follow the chain of conditions; coming back here is a cycle.
        let mut path = vec![question.id.clone()];
        let mut next = Some(condition.question.as_str());
        while let Some(id) = next {
            if id == question.id {
                if !cycles_reported.iter().any(|c| path.contains(c)) {
                    cycles_reported.push(question.id.clone());
                    path.push(question.id.clone());
                    sink.error(format!("{base}/question"), Problem::ConditionCycle { path });
                }
                break;
            }
            if path.iter().any(|p| p == id) || path.len() > by_id.len() {
                break;
            }
            path.push(id.to_string());
            next = by_id
                .get(id)
                .and_then(|q| q.condition.as_ref())
                .map(|c| c.question.as_str());
        }
    }
}

fn check_rules(def: &Definition, sink: &mut Sink) {
    let rules = &def.rules;
    if !(0.0..=1.0).contains(&rules.min_rated_share) {
        sink.error(
            "/rules/min_rated_share".into(),
            Problem::ShareOutOfRange {
                found: rules.min_rated_share,
            },
        );
    }
    if rules.bands.is_empty() {
        sink.error("/rules/bands".into(), Problem::EmptyList);
    }
    for (index, pair) in rules.bands.windows(2).enumerate() {
        if pair[1].up_to <= pair[0].up_to {
            sink.error(
                format!("/rules/bands/{}/up_to", index + 1),
                Problem::BandsNotAscending {
                    up_to: pair[1].up_to,
                    previous: pair[0].up_to,
                },
            );
        }
    }
    for (index, band) in rules.bands.iter().enumerate() {
        sink.non_empty(format!("/rules/bands/{index}/label"), &band.label);
    }
    if let (Some(last), Some(highest)) = (
        rules.bands.last(),
        def.scale.levels.iter().map(|l| l.value).max(),
    ) && last.up_to < f64::from(highest)
    {
        sink.error(
            format!("/rules/bands/{}/up_to", rules.bands.len() - 1),
            Problem::BandsTooShort {
                last: last.up_to,
                highest,
            },
        );
    }
    for (index, level) in rules.rationale_required.levels.iter().enumerate() {
        if !def.scale.levels.iter().any(|l| l.value == *level) {
            sink.error(
                format!("/rules/rationale_required/levels/{index}"),
                Problem::RationaleUnknownLevel { found: *level },
            );
        }
    }
}

fn check_migration(def: &Definition, question_ids: &[String], sink: &mut Sink) {
    let Some(migration) = &def.migration else {
        return;
    };
    if migration.from_version == def.version {
        sink.error("/migration/from_version".into(), Problem::MigrationFromSelf);
    }
    let exists = |id: &String| question_ids.contains(id);
    for (index, rename) in migration.renamed.iter().enumerate() {
        if !exists(&rename.to) {
            sink.error(
                format!("/migration/renamed/{index}/to"),
                Problem::MigrationTargetUnknown {
                    found: rename.to.clone(),
                },
            );
        }
        if exists(&rename.from) {
            sink.error(
                format!("/migration/renamed/{index}/from"),
                Problem::MigrationSourceStillPresent {
                    found: rename.from.clone(),
                },
            );
        }
    }
    for (index, id) in migration.added.iter().enumerate() {
        if !exists(id) {
            sink.error(
                format!("/migration/added/{index}"),
                Problem::MigrationTargetUnknown { found: id.clone() },
            );
        }
    }
    for (index, id) in migration.removed.iter().enumerate() {
        if exists(id) {
            sink.error(
                format!("/migration/removed/{index}"),
                Problem::MigrationSourceStillPresent { found: id.clone() },
            );
        }
    }
}

fn validate_answers_tree(root: &Spanned, known: &[KnownDefinition]) -> Report {
    let mut sink = Sink::new(root);
    let Some(answers) = decode::<Answers>(root, schema::answers_schema(), &mut sink) else {
        return finish(sink, DocumentKind::Answers);
    };
    let definition = check_answers_header(&answers, known, &mut sink);
    if let Some(definition) = &definition {
        check_answer_values(&answers, &definition.definition, &mut sink);
    }
    let valid = !sink.has_errors();
    let mut report = finish(sink, DocumentKind::Answers);
    if let (true, Some(definition)) = (valid, definition) {
        let canonical = crate::domain::json_de::canonical_text(root);
        report.answers = Some(ValidAnswers {
            sha256: sha256_hex(canonical.as_bytes()),
            canonical,
            answers,
            definition,
        });
    }
    report
}

pub(super) fn is_ags(text: &str, lengths: &[usize]) -> bool {
    lengths.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

/// Checks everything but the answers themselves; returns the definition they refer to.
fn check_answers_header(
    answers: &Answers,
    known: &[KnownDefinition],
    sink: &mut Sink,
) -> Option<KnownDefinition> {
    if answers.format != ANSWERS_FORMAT {
        sink.error(
            "/format".into(),
            Problem::UnsupportedFormat {
                found: answers.format,
                supported: ANSWERS_FORMAT,
            },
        );
    }
    let county = &answers.county;
    sink.non_empty("/county/name".into(), &county.name);
    if !is_ags(&county.ags, &[5, 8]) {
        sink.error(
            "/county/ags".into(),
            Problem::InvalidAgs {
                found: county.ags.clone(),
            },
        );
    }
    let mut first_names: HashMap<&str, String> = HashMap::new();
    for (index, municipality) in county.municipalities.iter().enumerate() {
        let base = format!("/county/municipalities/{index}");
        if municipality.name.trim().is_empty() {
            sink.error(format!("{base}/name"), Problem::EmptyText);
        } else if let Some(first) = first_names.get(municipality.name.as_str()) {
            let first = sink.pos(first);
            sink.error(
                format!("{base}/name"),
                Problem::DuplicateMunicipality {
                    name: municipality.name.clone(),
                    first,
                },
            );
        } else {
            first_names.insert(&municipality.name, format!("{base}/name"));
        }
        if !is_ags(&municipality.ags, &[8]) {
            sink.error(
                format!("{base}/ags"),
                Problem::InvalidAgs {
                    found: municipality.ags.clone(),
                },
            );
        }
    }
    sink.date("/reporting_date".into(), &answers.reporting_date);
    sink.non_empty("/contact/name".into(), &answers.contact.name);

    let reference = &answers.questionnaire;
    if !is_sha256_hex(&reference.sha256) {
        sink.error(
            "/questionnaire/sha256".into(),
            Problem::InvalidHash {
                found: reference.sha256.clone(),
            },
        );
    }
    let same_id: Vec<&KnownDefinition> = known
        .iter()
        .filter(|k| k.definition.id == reference.id)
        .collect();
    if same_id.is_empty() {
        let mut searched: Vec<String> = known.iter().map(|k| k.definition.key()).collect();
        searched.dedup();
        sink.error(
            "/questionnaire/id".into(),
            Problem::UnknownQuestionnaire {
                id: reference.id.clone(),
                searched,
            },
        );
        return None;
    }
    let same_version: Vec<&KnownDefinition> = same_id
        .iter()
        .copied()
        .filter(|k| k.definition.version == reference.version)
        .collect();
    if same_version.is_empty() {
        sink.error(
            "/questionnaire/version".into(),
            Problem::UnknownVersion {
                id: reference.id.clone(),
                version: reference.version.clone(),
                known: same_id
                    .iter()
                    .map(|k| k.definition.version.clone())
                    .collect(),
            },
        );
        return None;
    }
    if let Some(exact) = same_version.iter().find(|k| k.sha256 == reference.sha256) {
        return Some((*exact).clone());
    }
    let candidate = same_version[0];
    if is_sha256_hex(&reference.sha256) {
        sink.error(
            "/questionnaire/sha256".into(),
            Problem::HashMismatch {
                key: candidate.definition.key(),
                answered: reference.sha256.clone(),
                known: candidate.sha256.clone(),
                source: candidate.source.clone(),
            },
        );
    }
    // Go on against the version found, so the county sees its other problems too.
    Some(candidate.clone())
}

fn condition_holds(question: &Question, answers: &Answers) -> bool {
    match &question.condition {
        None => true,
        Some(condition) => answers
            .answer(&condition.question)
            .is_some_and(|a| condition.any_of.contains(&a.value)),
    }
}

fn check_answer_values(answers: &Answers, def: &Definition, sink: &mut Sink) {
    let municipalities = &answers.county.municipalities;
    // Looked up once per answer: an index, so that thousands of answers cost no more each.
    let questions: std::collections::HashMap<&str, &Question> = def
        .questions()
        .map(|(_, _, q)| (q.id.as_str(), q))
        .collect();
    for (id, answer) in &answers.answers {
        let mut base = "/answers".to_string();
        json::push_pointer(&mut base, id);
        let Some(question) = questions.get(id.as_str()).copied() else {
            sink.error(
                base,
                Problem::UnknownQuestion {
                    found: id.clone(),
                    suggestion: schema::closest(id, def.questions().map(|(_, _, q)| q.id.as_str())),
                },
            );
            continue;
        };
        if let Some(as_of) = &answer.as_of {
            sink.date(format!("{base}/as_of"), as_of);
        }
        for (index, evidence) in answer.evidence.iter().enumerate() {
            let evidence_base = format!("{base}/evidence/{index}");
            sink.non_empty(format!("{evidence_base}/title"), &evidence.title);
            if let Some(date) = &evidence.date {
                sink.date(format!("{evidence_base}/date"), date);
            }
            if evidence.link.is_none() && evidence.file.is_none() {
                sink.error(
                    evidence_base,
                    Problem::Value(ValueProblem::EvidenceWithoutTarget),
                );
            }
        }
        if answer.need_for_action && !question.need_for_action_box {
            sink.warning(
                format!("{base}/need_for_action"),
                Problem::NeedForActionNotOffered,
            );
        }
        if answer.value.is_null() {
            continue;
        }
        let value_base = format!("{base}/value");
        for finding in check_answer(question, &answer.value, municipalities) {
            let pointer = format!("{value_base}{}", finding.pointer);
            if finding.warning {
                sink.warning(pointer, finding.problem);
            } else {
                sink.error(pointer, finding.problem);
            }
        }
        if question.reference_date && answer.as_of.is_none() {
            sink.warning(base.clone(), Problem::ReferenceDateMissing);
        }
        if let Some(condition) = &question.condition
            && !condition_holds(question, answers)
        {
            sink.warning(
                value_base,
                Problem::AnsweredDespiteCondition {
                    question: id.clone(),
                    condition: condition.question.clone(),
                },
            );
        }
    }
    for (_, _, question) in def.questions() {
        if question.required
            && answers.answer(&question.id).is_none()
            && condition_holds(question, answers)
        {
            let mut pointer = "/answers".to_string();
            json::push_pointer(&mut pointer, &question.id);
            sink.warning(
                pointer,
                Problem::RequiredUnanswered {
                    question: question.id.clone(),
                },
            );
        }
    }
}
