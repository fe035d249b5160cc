use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

use crate::domain::assessment::AssessmentId;
use crate::domain::scoring::Missing;

/// Why the store refused or failed; the catalog (`crate::catalog::store_error`) words it for
/// people.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreError {
    /// The file was written by a newer siegel.
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// A SQLite file of another program, or not SQLite at all.
    NotSiegel {
        path: PathBuf,
    },
    /// A command that only reads found no database there (or a link pointing nowhere).
    NoDatabase {
        path: PathBuf,
    },
    Corrupt {
        path: PathBuf,
    },
    /// Another program holds the database longer than the busy timeout.
    Locked {
        path: PathBuf,
    },
    DiskFull {
        path: PathBuf,
    },
    ReadOnlyFile {
        path: PathBuf,
    },
    CannotOpen {
        path: PathBuf,
        reason: String,
    },
    /// A migration failed; the file is left at `from`.
    Migration {
        version: i64,
        reason: String,
    },
    /// Anything else SQLite reported.
    Database {
        path: PathBuf,
        reason: String,
    },
    /// A snapshot or stored value could not be read back.
    Damaged {
        what: String,
    },

    NoSuchAssessment(AssessmentId),
    /// The write was based on an older revision than the stored one.
    Stale {
        based_on: i64,
        current: i64,
        by: String,
        at: String,
    },
    Finalized(AssessmentId),
    NotFinalized(AssessmentId),
    /// Another editor holds the assessment.
    LeaseHeld {
        auditor: String,
        host: String,
        pid: i64,
        since: String,
    },
    /// The session was opened read-only.
    ReadOnlySession,
    /// The session's lease was taken over by someone else.
    LeaseLost {
        auditor: String,
        host: String,
    },
    UnknownQuestion(String),
    UnknownCell {
        field: String,
        parameter: String,
    },
    UnknownField(String),
    NotALevel(i32),
    NoSuchFollowUp(i64),
    NoSuchFinding(i64),
    /// Corrected answers must answer the same definition as the assessment.
    OtherDefinition {
        assessment: String,
        answers: String,
    },
    /// The corrected answers are identical to the ones already imported.
    SameAnswers,
    /// Finalising was refused: these items are still missing, in questionnaire order.
    Incomplete(Vec<Missing>),
    /// The previous assessment named is of another county (by its AGS).
    PreviousOfOtherCounty {
        previous: AssessmentId,
        ags: String,
    },
    /// A rating to take over is not the one the previous audit holds for the cell (or the
    /// assessment named is not the previous one).
    NotThePreviousRating {
        from: AssessmentId,
    },
    /// The previous assessment named is not older than the answers (by reporting date).
    PreviousNotEarlier {
        previous: AssessmentId,
        reporting_date: String,
    },
    /// A Zielvereinbarung or Jahresbericht that cannot be attached.
    Goals(GoalsRefusal),
    /// A second rating that cannot be started, or an assessment its second auditor may not
    /// see yet.
    Second(SecondRefusal),
}

/// Why a second rating is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecondRefusal {
    /// The assessment has a second rating already.
    Exists {
        id: AssessmentId,
        second: AssessmentId,
    },
    /// The second auditor must be another person than the first.
    SameAuditor { auditor: String },
    /// A second rating is not rated a second time.
    OfASecond { id: AssessmentId },
    /// The second auditor opens the first rating before submitting their own.
    Blind {
        id: AssessmentId,
        second: AssessmentId,
    },
    /// The agreement needs a second rating.
    NoSecond { id: AssessmentId },
    /// Consensus needs the second rating submitted.
    NotSubmitted { second: AssessmentId },
    /// The two ratings of the cell ("HF1/QP-BED") do not differ: nothing to settle.
    NoDifference { cell: String },
    /// A rationale for a consensus not reached yet.
    NoConsensus { cell: String },
    /// A bundle that does not belong here: no such second rating, another auditor, other
    /// answers.
    BundleElsewhere { second: AssessmentId },
    /// The second rating was submitted already.
    AlreadySubmitted { second: AssessmentId },
    /// Only a second rating imported from a bundle goes back as one, once submitted.
    NoResult { id: AssessmentId },
    /// Signing needs a finalised assessment.
    NotFinalized { id: AssessmentId },
    /// Only the first and the second auditor sign.
    NotASigner {
        auditor: String,
        signers: Vec<String>,
    },
    /// A signature that does not check out against the auditor's key.
    BadSignature { auditor: String },
    /// Only the second auditor changes a second rating.
    NotTheSecondAuditor { auditor: String },
    /// A submitted second rating is not reopened.
    SubmittedStays { id: AssessmentId },
    /// The bundle is the one this database sent out: it goes to the second auditor.
    BundleGoesOut { second: AssessmentId },
}

/// Why a Zielvereinbarung or a Jahresbericht is not stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GoalsRefusal {
    /// No assessment in the database is the one the Zielvereinbarung follows.
    NoAssessment { agreement: String },
    /// Several assessments could be the one it follows.
    Ambiguous {
        agreement: String,
        candidates: Vec<AssessmentId>,
    },
    /// A Zielvereinbarung of that id is attached to the assessment with other content.
    OtherContent {
        agreement: String,
        assessment: AssessmentId,
    },
    /// The Jahresbericht's Zielvereinbarung (that id with that hash) is not in the database.
    NoAgreement { agreement: String },
    /// A goal this assessment does not judge (not one of the last audit's Zielvereinbarung).
    UnknownGoal { goal: String },
}

impl StoreError {
    /// Turns SQLite's codes into the sentences users can act on.
    pub fn from_sqlite(e: rusqlite::Error, path: &Path) -> StoreError {
        let path = path.to_path_buf();
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                StoreError::Locked { path }
            }
            Some(ErrorCode::DiskFull) => StoreError::DiskFull { path },
            Some(ErrorCode::NotADatabase) => StoreError::NotSiegel { path },
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt { path },
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnlyFile { path },
            Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => StoreError::CannotOpen {
                path,
                reason: e.to_string(),
            },
            _ => StoreError::Database {
                path,
                reason: e.to_string(),
            },
        }
    }
}

/// A plain technical description, for logs; people read the catalog's wording
/// (`crate::catalog::store_error`), which knows their language.
impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use StoreError as E;
        match self {
            E::NewerSchema {
                path,
                found,
                supported,
            } => write!(
                f,
                "{}: schema {found} is newer than {supported}",
                path.display()
            ),
            E::NotSiegel { path } => write!(f, "{}: not a siegel database", path.display()),
            E::NoDatabase { path } => write!(f, "{}: no database", path.display()),
            E::Corrupt { path } => write!(f, "{}: database corrupt", path.display()),
            E::Locked { path } => write!(f, "{}: database locked", path.display()),
            E::DiskFull { path } => write!(f, "{}: disk full", path.display()),
            E::ReadOnlyFile { path } => write!(f, "{}: file read-only", path.display()),
            E::CannotOpen { path, reason } | E::Database { path, reason } => {
                write!(f, "{}: {reason}", path.display())
            }
            E::Migration { version, reason } => write!(f, "migration to {version}: {reason}"),
            E::Damaged { what } => write!(f, "damaged: {what}"),
            E::NoSuchAssessment(id) => write!(f, "no assessment {id}"),
            E::Stale {
                based_on,
                current,
                by,
                at,
            } => write!(
                f,
                "stale: revision {based_on}, now {current} by {by} at {at}"
            ),
            E::Finalized(id) => write!(f, "assessment {id} is finalised"),
            E::NotFinalized(id) => write!(f, "assessment {id} is not finalised"),
            E::LeaseHeld {
                auditor,
                host,
                pid,
                since,
            } => write!(
                f,
                "lease held by {auditor} on {host} (pid {pid}) since {since}"
            ),
            E::ReadOnlySession => f.write_str("read-only session"),
            E::LeaseLost { auditor, host } => write!(f, "lease lost to {auditor} on {host}"),
            E::UnknownQuestion(id) => write!(f, "unknown question {id}"),
            E::UnknownCell { field, parameter } => write!(f, "unknown cell {field} × {parameter}"),
            E::UnknownField(id) => write!(f, "unknown field {id}"),
            E::NotALevel(level) => write!(f, "{level} is not a level"),
            E::NoSuchFollowUp(id) => write!(f, "no follow-up {id}"),
            E::NoSuchFinding(id) => write!(f, "no finding {id}"),
            E::OtherDefinition {
                assessment,
                answers,
            } => write!(f, "answers for {answers}, assessment of {assessment}"),
            E::SameAnswers => f.write_str("the same answers again"),
            E::Incomplete(missing) => write!(f, "incomplete: {} items missing", missing.len()),
            E::NotThePreviousRating { from } => {
                write!(f, "not the rating of the previous assessment {from}")
            }
            E::PreviousOfOtherCounty { previous, ags } => {
                write!(f, "assessment {previous} is of another county than {ags}")
            }
            E::PreviousNotEarlier {
                previous,
                reporting_date,
            } => write!(
                f,
                "assessment {previous} is not earlier than {reporting_date}"
            ),
            E::Goals(refusal) => write!(f, "goals: {refusal:?}"),
            E::Second(refusal) => write!(f, "second rating: {refusal:?}"),
        }
    }
}

impl std::error::Error for StoreError {}
