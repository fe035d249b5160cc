//! What the validator finds: typed problems with their place in the file. The words for them
//! live in the catalog (`crate::catalog`), in German and English.

use crate::domain::definition::Kind;
use crate::domain::json::{JsonType, Pos, SyntaxErrorKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One finding: where it is and what it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// `line:column` in the file, when the problem has a place in it.
    pub pos: Option<Pos>,
    /// JSON pointer of the value concerned, for problems past the syntax.
    pub pointer: Option<String>,
    pub problem: Problem,
}

/// Where a known definition came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Source {
    /// Compiled into siegel.
    #[default]
    Shipped,
    /// Read from this file.
    File(String),
}

/// Which kind of id a duplicate or invalid id belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    QualityParameter,
    FieldOfAction,
    Topic,
    Question,
    Option,
    Column,
    Row,
    Agreement,
    Goal,
    Measure,
}

/// Why a value does not fit the question (or column) it answers.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueProblem {
    WrongType {
        kind: Kind,
        found: JsonType,
    },
    NotYesPartlyNo {
        found: String,
    },
    UnknownOption {
        found: String,
        allowed: Vec<String>,
    },
    RepeatedOption {
        found: String,
    },
    BelowMin {
        value: f64,
        min: f64,
        unit: Option<String>,
    },
    AboveMax {
        value: f64,
        max: f64,
        unit: Option<String>,
    },
    InvalidDate {
        found: String,
    },
    TooLong {
        length: usize,
        max: u32,
    },
    LineBreakInShortText,
    UnknownMunicipality {
        found: String,
    },
    NoMunicipalities,
    UnknownColumn {
        found: String,
        allowed: Vec<String>,
    },
    UnknownRow {
        found: String,
        allowed: Vec<String>,
    },
    EvidenceWithoutTarget,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    // Reading the file.
    FileNotFound,
    IsDirectory,
    /// A device, a FIFO or a socket: siegel reads regular files only.
    NotARegularFile,
    PermissionDenied,
    Unreadable {
        reason: String,
    },
    Empty,
    TooLarge {
        size: u64,
        limit: u64,
    },
    NotUtf8,
    Syntax(SyntaxErrorKind),
    DuplicateKey {
        key: String,
        first: Pos,
    },
    UnknownFileKind,

    // Against the schema.
    WrongType {
        expected: Vec<JsonType>,
        found: JsonType,
    },
    NotAllowed {
        found: String,
        allowed: Vec<String>,
    },
    MissingKey {
        key: String,
    },
    UnknownKey {
        key: String,
        suggestion: Option<String>,
    },
    BelowMinimum {
        found: String,
        min: String,
    },
    /// The file passed the schema but still did not decode; names a gap between schema and types.
    Decode {
        reason: String,
    },

    // Both formats.
    UnsupportedFormat {
        found: u32,
        supported: u32,
    },
    InvalidDate {
        found: String,
    },
    EmptyText,

    // Definitions.
    InvalidSlug {
        found: String,
    },
    InvalidVersion {
        found: String,
    },
    InvalidLanguage {
        found: String,
    },
    ReplacesItself,
    InvalidId {
        what: IdKind,
        found: String,
    },
    DuplicateId {
        what: IdKind,
        id: String,
        first: Pos,
    },
    DuplicateNumber {
        number: u32,
        first: Pos,
    },
    EmptyList,
    ScaleTooSmall,
    ScaleNotAscending {
        value: i32,
        previous: i32,
    },
    NonPositiveWeight {
        found: f64,
    },
    /// A weight so large that sums of weights could overflow.
    WeightTooLarge {
        found: f64,
        max: f64,
    },
    AnchorMissing {
        level: i32,
    },
    AnchorUnknownLevel {
        found: String,
    },
    UnknownParameter {
        found: String,
    },
    OptionsMissing {
        kind: Kind,
    },
    OptionsNotAllowed {
        kind: Kind,
    },
    ColumnsMissing {
        kind: Kind,
    },
    ColumnsNotAllowed {
        kind: Kind,
    },
    CompositeColumn {
        kind: Kind,
    },
    RowsMissing,
    RowsBoth,
    RowsNotAllowed {
        kind: Kind,
    },
    BoundsNotAllowed {
        kind: Kind,
    },
    BoundNotInteger {
        found: f64,
    },
    MinAboveMax {
        min: f64,
        max: f64,
    },
    MaxLengthNotAllowed {
        kind: Kind,
    },
    ConditionUnknownQuestion {
        found: String,
    },
    ConditionOnItself,
    ConditionCycle {
        path: Vec<String>,
    },
    ConditionValue {
        question: String,
        problem: ValueProblem,
    },
    BandsNotAscending {
        up_to: f64,
        previous: f64,
    },
    BandsTooShort {
        last: f64,
        highest: i32,
    },
    ShareOutOfRange {
        found: f64,
    },
    RationaleUnknownLevel {
        found: i32,
    },
    MigrationFromSelf,
    /// A question of the version migrated from that is neither kept, renamed nor removed, or a
    /// question of this version that is neither kept, renamed to nor added.
    MigrationUnaccounted {
        id: String,
        from_version: String,
    },
    MigrationTargetUnknown {
        found: String,
    },
    MigrationSourceStillPresent {
        found: String,
    },
    /// Warning: a file claims an id and version already known with other content.
    DiffersFromKnown {
        key: String,
        source: Source,
    },

    // Answers.
    InvalidHash {
        found: String,
    },
    UnknownQuestionnaire {
        id: String,
        searched: Vec<String>,
    },
    UnknownVersion {
        id: String,
        version: String,
        known: Vec<String>,
    },
    HashMismatch {
        key: String,
        answered: String,
        known: String,
        source: Source,
    },
    InvalidAgs {
        found: String,
    },
    DuplicateMunicipality {
        name: String,
        first: Pos,
    },
    UnknownQuestion {
        found: String,
        suggestion: Option<String>,
    },
    Value(ValueProblem),
    /// Warning: a required question has no answer.
    RequiredUnanswered {
        question: String,
    },
    /// Warning: a required column of a record is empty.
    RequiredCellEmpty {
        column: String,
    },
    /// Warning: a table has no row for a member municipality.
    MunicipalityRowMissing {
        name: String,
    },
    /// Warning: answered although its condition does not hold.
    AnsweredDespiteCondition {
        question: String,
        condition: String,
    },
    /// Warning: the question asks for a Stichtag and the answer gives none.
    ReferenceDateMissing,
    /// Warning: Handlungsbedarf ticked where the question offers no box.
    NeedForActionNotOffered,

    // Zielvereinbarung and Jahresbericht.
    /// Not "id@version".
    InvalidQuestionnaireKey {
        found: String,
    },
    /// `follows` names neither the answers' hash nor the procedure and year.
    FollowsIncomplete,
    /// Warning: the questionnaire is not known, so fields and questions are not checked.
    GoalsQuestionnaireUnknown {
        key: String,
    },
    UnknownFieldOfAction {
        found: String,
        allowed: Vec<String>,
    },
    /// A date before the one it must follow (the period's end before its start, a deadline
    /// before the start).
    DateBefore {
        date: String,
        before: String,
    },
    /// Warning: a date outside the agreement's period.
    OutsidePeriod {
        date: String,
        start: String,
        end: String,
    },
    /// A Jahresbericht for a year the period does not cover.
    YearOutsidePeriod {
        year: i32,
        start: String,
        end: String,
    },
    /// Warning: the Zielvereinbarung reported on is not known here.
    AgreementUnknown {
        id: String,
    },
    /// The report names another version of the Zielvereinbarung than the one known.
    AgreementHashMismatch {
        id: String,
        reported: String,
        known: String,
    },
    /// The report is of another county than the Zielvereinbarung.
    OtherCounty {
        found: String,
        expected: String,
    },
    UnknownMeasure {
        found: String,
    },
    UnknownGoal {
        found: String,
    },
    /// An indicator value for a goal that agreed no indicator.
    GoalWithoutIndicator {
        goal: String,
    },
    /// Warning: a measure of the Zielvereinbarung that the report leaves out.
    MeasureNotReported {
        measure: String,
    },
}
