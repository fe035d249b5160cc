//! Effects: what the interface asks of the store and the file system, and the outcome each
//! one reports back to `App::handle`. `Env::run` performs an effect and never touches the
//! app's state; the app decides what an outcome means for the screen.

use std::path::{Path, PathBuf};

use crate::domain::assessment::{Assessment, AssessmentId, AssessmentState};
use crate::domain::diagnostic::Diagnostic;
use crate::domain::validate::{DocumentKind, ValidAnswers};
use crate::domain::versions::{self, QuestionMap};
use crate::export::{Format, Part};
use crate::questionnaires::{self, Definitions, SAMPLE_ANSWERS};
use crate::store::{
    AssessmentSummary, Candidate, Draft, Edit, Lease, OpenMode, Previous, Session, Store,
    StoreError,
};
use crate::tui::terminal;

/// What the app asks the loop to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Read the list of assessments again.
    LoadList,
    Open {
        id: AssessmentId,
        mode: OpenMode,
    },
    /// Give the lease back and close the assessment.
    Close,
    /// Apply a change to the open assessment; `then` happens only once it is stored.
    Edit {
        edit: Edit,
        then: Then,
    },
    ImportFile(PathBuf),
    /// Import a Bilanzierung's answers as following the previous assessment chosen.
    ImportFileAfter {
        path: PathBuf,
        previous: AssessmentId,
    },
    ImportSample,
    /// List the directory entries for path completion.
    Complete(String),
    /// Keep the editor's text as the auditor's draft for the field (a key of
    /// `EditTarget::draft_key`).
    SaveDraft {
        target: String,
        text: String,
    },
    /// The draft's text was saved or discarded.
    DiscardDraft(String),
    /// Sign the finalised assessment off as this auditor: with the registered key through
    /// the ssh-agent, or unsigned when no key is registered.
    Sign,
    /// Write the report in a format to a file; an existing file only when `replace` is set.
    Export {
        format: Format,
        part: Part,
        path: PathBuf,
        replace: bool,
    },
}

/// What follows a change once it is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    Stay,
    /// Go on to the next question (after marking one reviewed).
    NextQuestion,
    /// Go on to the next parameter unless this rating still wants its rationale.
    NextParameter,
    /// Keep the selection on an entry that moved.
    SelectFinding(i64),
    /// Close the editor whose text was saved.
    CloseEditor,
    /// Quit siegel (the editor's text was saved on the way out).
    Quit,
}

/// How a change to the assessment went.
#[derive(Debug)]
pub enum EditResult {
    /// Stored; the auditor's work as it is now.
    Applied {
        state: Box<AssessmentState>,
        /// The id of what the change added (a follow-up question, an entry).
        added: Option<i64>,
    },
    /// Someone else changed the assessment first: it as they left it.
    Stale(Box<Assessment>),
    /// Someone else took the assessment over.
    LeaseLost,
    /// The assessment is open read-only.
    ReadOnly,
    /// The assessment is finalised.
    Finalized,
    Failed(StoreError),
}

/// Why signing failed.
#[derive(Debug)]
pub enum SignFailure {
    Store(StoreError),
    Key(crate::signoff::SignError),
}

/// What came of an effect.
#[derive(Debug)]
pub enum Outcome {
    Listed(Vec<AssessmentSummary>),
    Opened {
        assessment: Box<Assessment>,
        read_only: bool,
        /// The auditor's unsaved texts from earlier sessions.
        drafts: Vec<Draft>,
        /// For a Bilanzierung: the audit it follows and how its questions map to today's.
        last_audit: Option<Box<(Assessment, QuestionMap)>>,
        /// The Zielvereinbarungen that concern it, with their Jahresberichte.
        goals: Vec<crate::store::StoredAgreement>,
        /// The assessment this one is the second rating of.
        second_of: Option<AssessmentId>,
        /// Its second rating, once submitted.
        second: Option<Box<Assessment>>,
    },
    LeaseHeld {
        id: AssessmentId,
        holder: Lease,
    },
    Closed,
    Edited {
        edit: Edit,
        result: EditResult,
        then: Then,
    },
    /// New answers are stored as an assessment (or the sample was there already).
    Imported {
        id: AssessmentId,
        county: String,
        existed: bool,
        /// The county's previous audit that this Bilanzierung follows.
        previous: Option<AssessmentId>,
    },
    /// Several earlier assessments of the county could be the one a Bilanzierung follows:
    /// nothing is stored until the auditor chooses.
    ChoosePrevious {
        path: PathBuf,
        candidates: Vec<Candidate>,
    },
    /// The answers file has errors; nothing was stored.
    ImportRefused {
        file: String,
        diagnostics: Vec<Diagnostic>,
        is_definition: bool,
    },
    Completed {
        completion: String,
        candidates: Vec<String>,
    },
    Exported(PathBuf),
    /// This session may not read or write files (served over SSH).
    NoFiles,
    DraftSaved(Draft),
    DraftDiscarded(String),
    /// Keeping a draft failed; the text is still in the editor.
    DraftFailed(StoreError),
    /// Writing the file failed; the prompt comes back with the path.
    ExportFailed {
        format: Format,
        part: Part,
        path: PathBuf,
        error: std::io::ErrorKind,
        detail: String,
    },
    /// The file exists; the app asks before replacing it.
    ExportExists {
        format: Format,
        part: Part,
        path: PathBuf,
    },
    /// The report could not be made.
    ReportFailed(String),
    /// A Zielvereinbarung (or, with its year, a Jahresbericht) is stored with the audit it
    /// follows.
    GoalsImported {
        assessment: AssessmentId,
        agreement: String,
        year: Option<i32>,
        existed: bool,
    },
    /// Signed off, with the key's fingerprint (none without a registered key).
    Signed {
        auditor: String,
        fingerprint: Option<String>,
    },
    SignFailed(SignFailure),
    Failed(StoreError),
}

/// What the loop works with besides the app: the database, the known definitions and the
/// session on the open assessment.
pub struct Env {
    pub store: Store,
    /// The known definitions, read when an import needs them.
    pub definitions: Definitions,
    pub auditor: String,
    /// `--read-only` makes every opening read-only.
    pub read_only: bool,
    /// Where a lease to give back on a hang-up is announced.
    pub lease: Option<terminal::LeaseSlot>,
    pub session: Option<Session>,
    /// `--lang`: reports are written in it instead of the questionnaire's language.
    pub lang: Option<crate::catalog::Lang>,
    /// Whether the interface may read and write files by path (imports, exports, path
    /// completion). A session served over SSH may not: it reaches nothing but the database.
    pub files: bool,
}

impl Env {
    pub fn new(store: Store, definitions: impl Into<Definitions>, auditor: String) -> Env {
        Env {
            store,
            definitions: definitions.into(),
            auditor,
            read_only: false,
            lease: None,
            session: None,
            lang: None,
            files: true,
        }
    }

    /// Performs one effect.
    pub fn run(&mut self, effect: Effect, open: Option<&Assessment>) -> Outcome {
        if !self.files {
            match effect {
                Effect::ImportFile(_) | Effect::ImportFileAfter { .. } | Effect::Export { .. } => {
                    return Outcome::NoFiles;
                }
                // Nothing to complete from: the text stays as typed.
                Effect::Complete(input) => {
                    return Outcome::Completed {
                        completion: input,
                        candidates: Vec::new(),
                    };
                }
                _ => {}
            }
        }
        match effect {
            Effect::LoadList => match self.store.list() {
                Ok(list) => Outcome::Listed(list),
                Err(e) => Outcome::Failed(e),
            },
            Effect::Open { id, mode } => self.open(id, mode),
            Effect::Close => self.close(),
            Effect::Edit { edit, then } => {
                let result = self.edit(&edit);
                Outcome::Edited { edit, result, then }
            }
            Effect::ImportFile(path) => self.import_file(&path, None),
            Effect::ImportFileAfter { path, previous } => self.import_file(&path, Some(previous)),
            Effect::ImportSample => self.import_sample(),
            Effect::Complete(input) => {
                let (completion, candidates) = complete_path(&input);
                Outcome::Completed {
                    completion,
                    candidates,
                }
            }
            Effect::SaveDraft { target, text } => self.save_draft(&target, &text),
            Effect::Sign => match open {
                Some(assessment) => self.sign(assessment.id),
                None => Outcome::Closed,
            },
            Effect::DiscardDraft(target) => self.discard_draft(target),
            Effect::Export {
                format,
                part,
                path,
                replace,
            } => match open {
                Some(assessment) => self.export(assessment, format, part, path, replace),
                None => Outcome::Closed,
            },
        }
    }

    fn announce(&self, lease: Option<(PathBuf, AssessmentId, String)>) {
        if let Some(slot) = &self.lease {
            terminal::announce_lease(slot, lease);
        }
    }

    fn open(&mut self, id: AssessmentId, mode: OpenMode) -> Outcome {
        let mode = if self.read_only {
            OpenMode::ReadOnly
        } else {
            mode
        };
        match self.store.open_session(id, &self.auditor, mode) {
            Ok((session, assessment)) => {
                if !session.read_only {
                    self.announce(Some((
                        self.store.path().to_path_buf(),
                        id,
                        session.lease_token().to_string(),
                    )));
                }
                let read_only = session.read_only;
                self.session = Some(session);
                // Drafts are offered only where the auditor can write.
                let drafts = if read_only {
                    Ok(Vec::new())
                } else {
                    self.store.drafts(id, &self.auditor)
                };
                terminal::return_freed_memory();
                let last_audit = self.last_audit(&assessment).map(Box::new);
                // Goals that do not load leave the screen empty; the assessment opens.
                let goals = self.store.agreements(id).unwrap_or_else(|e| {
                    tracing::warn!(error = %e, "the goals do not load");
                    Vec::new()
                });
                let (second_of, second) = self.second_ratings(id);
                match drafts {
                    Ok(drafts) => Outcome::Opened {
                        assessment: Box::new(assessment),
                        read_only,
                        drafts,
                        last_audit,
                        goals,
                        second_of,
                        second,
                    },
                    Err(e) => Outcome::Failed(e),
                }
            }
            Err(StoreError::LeaseHeld {
                auditor,
                host,
                pid,
                since,
            }) => Outcome::LeaseHeld {
                id,
                holder: Lease {
                    auditor,
                    host,
                    pid,
                    since,
                },
            },
            Err(e) => Outcome::Failed(e),
        }
    }

    fn save_draft(&mut self, target: &str, text: &str) -> Outcome {
        let Some(session) = &self.session else {
            return Outcome::Closed;
        };
        match (self.store).save_draft(session.assessment_id, &self.auditor, target, text) {
            Ok(draft) => Outcome::DraftSaved(draft),
            Err(e) => Outcome::DraftFailed(e),
        }
    }

    fn sign(&mut self, id: AssessmentId) -> Outcome {
        let hash = match self.store.hash_to_sign(id, &self.auditor) {
            Ok(hash) => hash,
            Err(e) => return Outcome::SignFailed(SignFailure::Store(e)),
        };
        let registered = match self.store.auditor_key(&self.auditor) {
            Ok(key) => key,
            Err(e) => return Outcome::SignFailed(SignFailure::Store(e)),
        };
        let (signature, fingerprint) = match registered {
            None => (None, None),
            Some(key) => {
                let signed = crate::signoff::public_key(&key).and_then(|public| {
                    let signature = crate::signoff::sign_with_agent(&public, hash.as_bytes())?;
                    Ok((signature, crate::signoff::fingerprint(&public)))
                });
                match signed {
                    Ok((signature, fingerprint)) => (Some(signature), Some(fingerprint)),
                    Err(e) => return Outcome::SignFailed(SignFailure::Key(e)),
                }
            }
        };
        match self.store.sign_off(id, &self.auditor, signature.as_deref()) {
            Ok(_) => Outcome::Signed {
                auditor: self.auditor.clone(),
                fingerprint,
            },
            Err(e) => Outcome::SignFailed(SignFailure::Store(e)),
        }
    }

    fn discard_draft(&mut self, target: String) -> Outcome {
        let Some(session) = &self.session else {
            return Outcome::Closed;
        };
        match (self.store).discard_draft(session.assessment_id, &self.auditor, &target) {
            Ok(()) => Outcome::DraftDiscarded(target),
            Err(e) => Outcome::DraftFailed(e),
        }
    }

    /// Which assessment this one is the second rating of, and its own submitted second rating.
    /// Anything that fails is logged; the assessment opens all the same.
    fn second_ratings(
        &mut self,
        id: AssessmentId,
    ) -> (Option<AssessmentId>, Option<Box<Assessment>>) {
        // A second rating here, or one that came in a bundle (numbered as where it came from).
        let second_of = self
            .store
            .second_of(id)
            .and_then(|here| match here {
                Some(first) => Ok(Some(first)),
                None => Ok(self
                    .store
                    .bundle_origin(id)?
                    .map(|(first, _)| first.assessment)),
            })
            .unwrap_or_else(|e| {
                tracing::warn!(error = %e, "the second rating's link does not load");
                None
            });
        let second = match self.store.second_rating(id) {
            Ok(Some(second)) => match self.store.load(second) {
                Ok(second) if second.status == crate::domain::assessment::Status::Finalized => {
                    Some(Box::new(second))
                }
                Ok(_) => None,
                Err(e) => {
                    tracing::warn!(error = %e, "the second rating does not load");
                    None
                }
            },
            Ok(None) => None,
            Err(e) => {
                tracing::warn!(error = %e, "the second rating does not load");
                None
            }
        };
        (second_of, second)
    }

    /// The assessment this one follows, with the question map between their questionnaires.
    /// The known definitions are read only when the two versions are not adjacent. Anything
    /// that fails leaves the comparison out and is logged: the assessment opens all the same.
    fn last_audit(&mut self, assessment: &Assessment) -> Option<(Assessment, QuestionMap)> {
        let then = match self.store.last_audit(assessment.id) {
            Ok(then) => then?,
            Err(e) => {
                tracing::warn!(error = %e, "the previous assessment does not load");
                return None;
            }
        };
        let map = versions::map_between(&then.definition, &assessment.definition, || {
            (self.definitions.get().known.iter())
                .map(|k| &*k.definition)
                .collect()
        });
        match map {
            Ok(map) => Some((then, map)),
            Err(e) => {
                tracing::warn!(error = %e, "the questionnaires do not chain");
                None
            }
        }
    }

    fn close(&mut self) -> Outcome {
        let result = match self.session.take() {
            Some(session) => self.store.close_session(&session),
            None => Ok(()),
        };
        self.announce(None);
        match result {
            Ok(()) => Outcome::Closed,
            Err(e) => Outcome::Failed(e),
        }
    }

    fn edit(&mut self, edit: &Edit) -> EditResult {
        let Some(session) = &mut self.session else {
            return EditResult::ReadOnly;
        };
        if session.read_only {
            return EditResult::ReadOnly;
        }
        let id = session.assessment_id;
        match self.store.apply(session, edit.clone()) {
            Ok(added) => match self.store.state(id) {
                Ok(state) => EditResult::Applied {
                    state: Box::new(state),
                    added,
                },
                Err(e) => EditResult::Failed(e),
            },
            Err(StoreError::Stale { .. }) => match self.store.load(id) {
                Ok(assessment) => {
                    session.revision = assessment.revision;
                    EditResult::Stale(Box::new(assessment))
                }
                Err(e) => EditResult::Failed(e),
            },
            Err(StoreError::LeaseLost { .. }) => {
                session.read_only = true;
                self.announce(None);
                EditResult::LeaseLost
            }
            Err(StoreError::ReadOnlySession) => EditResult::ReadOnly,
            Err(StoreError::Finalized(_)) => EditResult::Finalized,
            Err(e) => EditResult::Failed(e),
        }
    }

    /// Stores valid answers as a new assessment, following `previous` if given.
    fn import_valid(&mut self, valid: &ValidAnswers, previous: Option<AssessmentId>) -> Outcome {
        match self.store.import_after(valid, &self.auditor, previous) {
            Ok(id) => Outcome::Imported {
                id,
                county: valid.answers.county.name.clone(),
                existed: false,
                previous,
            },
            Err(e) => Outcome::Failed(e),
        }
    }

    /// Imports a file; a Bilanzierung follows the county's previous audit, found by its AGS or
    /// chosen by the auditor when several could be meant.
    fn import_file(&mut self, path: &Path, previous: Option<AssessmentId>) -> Outcome {
        let mut report = questionnaires::validate_file(path, &self.definitions.get().known, &[]);
        // A Jahresbericht is checked against the Zielvereinbarungen stored.
        if report.kind == Some(DocumentKind::AnnualReport) {
            let agreements = match self.store.stored_agreements() {
                Ok(agreements) => agreements,
                Err(e) => return Outcome::Failed(e),
            };
            let known = &self.definitions.get().known;
            report = questionnaires::validate_file(path, known, &agreements);
        }
        if let Some(valid) = &report.agreement {
            return match self.store.import_agreement(valid, &self.auditor) {
                Ok(imported) => Outcome::GoalsImported {
                    assessment: imported.assessment,
                    agreement: valid.agreement.id.clone(),
                    year: None,
                    existed: imported.existed,
                },
                Err(e) => Outcome::Failed(e),
            };
        }
        if let Some(valid) = &report.annual_report {
            return match self.store.import_annual_report(valid, &self.auditor) {
                Ok(imported) => Outcome::GoalsImported {
                    assessment: imported.assessment,
                    agreement: valid.report.zielvereinbarung.id.clone(),
                    year: Some(imported.year),
                    existed: imported.existed,
                },
                Err(e) => Outcome::Failed(e),
            };
        }
        let bilanzierung = |valid: &ValidAnswers| {
            valid.answers.procedure.kind == crate::domain::answers::ProcedureKind::Bilanzierung
        };
        match report.answers {
            Some(valid) if previous.is_none() && bilanzierung(&valid) => {
                match self.store.previous_for(&valid.answers) {
                    Ok(Previous::None) => self.import_valid(&valid, None),
                    Ok(Previous::One(candidate)) => self.import_valid(&valid, Some(candidate.id)),
                    Ok(Previous::Several(candidates)) => Outcome::ChoosePrevious {
                        path: path.to_path_buf(),
                        candidates,
                    },
                    Err(e) => Outcome::Failed(e),
                }
            }
            Some(valid) => self.import_valid(&valid, previous),
            None => Outcome::ImportRefused {
                file: path.display().to_string(),
                is_definition: report.kind == Some(DocumentKind::Definition) && report.is_valid(),
                diagnostics: report.diagnostics,
            },
        }
    }

    fn import_sample(&mut self) -> Outcome {
        let report = crate::domain::validate::validate_answers(
            SAMPLE_ANSWERS.1.as_bytes(),
            &self.definitions.get().known,
        );
        let Some(valid) = report.answers else {
            // The sample is compiled in and tested; this would be a broken build.
            return Outcome::ImportRefused {
                file: SAMPLE_ANSWERS.0.to_string(),
                diagnostics: report.diagnostics,
                is_definition: false,
            };
        };
        match self.store.find_by_answers(&valid.sha256) {
            Ok(Some(id)) => Outcome::Imported {
                id,
                county: valid.answers.county.name.clone(),
                existed: true,
                previous: None,
            },
            Ok(None) => self.import_valid(&valid, None),
            Err(e) => Outcome::Failed(e),
        }
    }

    /// Writes the report of the open assessment, as it is now, to a file.
    fn export(
        &mut self,
        assessment: &Assessment,
        format: Format,
        part: Part,
        path: PathBuf,
        replace: bool,
    ) -> Outcome {
        let trail_head = match self.store.log(assessment.id, None) {
            Ok(mut rows) => rows.pop().map(|row| row.hash),
            Err(e) => return Outcome::Failed(e),
        };
        let lang = crate::export::report_lang(&assessment.definition, self.lang);
        let mut report = crate::export::Report::new(assessment, trail_head, lang);
        let last_audit = self.last_audit(assessment);
        if let Some((then, map)) = &last_audit {
            let comparison = crate::domain::compare::compare(then, assessment, map);
            report = report.with_last_audit(then, comparison);
        }
        let goals = match self.store.agreements(assessment.id) {
            Ok(goals) => goals,
            Err(e) => return Outcome::Failed(e),
        };
        report = report.with_goals(&goals);
        let (_, second) = self.second_ratings(assessment.id);
        if let Some(second) = &second {
            report = report.with_second(second);
        }
        let signoffs = match self.store.signoff_states(assessment.id) {
            Ok(signoffs) => signoffs,
            Err(e) => return Outcome::Failed(e),
        };
        report = report.with_signoffs(&signoffs);
        let options = crate::export::Options {
            part,
            ..crate::export::Options::default()
        };
        let bytes = match crate::export::export(&report, format, &options) {
            Ok(bytes) => bytes,
            Err(e) => return Outcome::ReportFailed(e.to_string()),
        };
        // A directory gets the report under its suggested name.
        let path = if path.is_dir() {
            path.join(crate::export::default_file_name(assessment, format, part))
        } else {
            path
        };
        match crate::export::write_file(&path, &bytes, replace) {
            Ok(()) => Outcome::Exported(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && !path.is_dir() => {
                Outcome::ExportExists { format, part, path }
            }
            Err(e) => Outcome::ExportFailed {
                format,
                part,
                path,
                error: e.kind(),
                detail: e.to_string(),
            },
        }
    }
}

/// Completes a path as far as it is unambiguous; returns the candidates when it is not.
/// `~/` stands for the home directory, as in a shell.
pub fn complete_path(input: &str) -> (String, Vec<String>) {
    let (dir, prefix) = match input.rfind('/') {
        Some(cut) => (&input[..=cut], &input[cut + 1..]),
        None => ("", input),
    };
    let listing = if dir.is_empty() {
        PathBuf::from(".")
    } else {
        PathBuf::from(expand_home(dir))
    };
    let Ok(entries) = std::fs::read_dir(&listing) else {
        return (input.to_string(), Vec::new());
    };
    let mut candidates: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            if !name.starts_with(prefix) || (name.starts_with('.') && !prefix.starts_with('.')) {
                return None;
            }
            let is_dir = entry.file_type().ok()?.is_dir();
            Some(if is_dir { format!("{name}/") } else { name })
        })
        .collect();
    candidates.sort();
    let common = candidates.iter().skip(1).fold(
        candidates.first().cloned().unwrap_or_default(),
        |common, name| {
            common
                .chars()
                .zip(name.chars())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect()
        },
    );
    let completion = if common.len() > prefix.len() {
        format!("{dir}{common}")
    } else {
        input.to_string()
    };
    if candidates.len() == 1 {
        return (completion, Vec::new());
    }
    (completion, candidates)
}

/// `~/x` → `$HOME/x`, as a shell would.
pub fn expand_home(path: &str) -> String {
    match (path.strip_prefix("~/"), std::env::var("HOME")) {
        (Some(rest), Ok(home)) => format!("{home}/{rest}"),
        _ => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_is_expanded_in_paths() {
        if let Ok(home) = std::env::var("HOME") {
            assert_eq!(expand_home("~/a.json"), format!("{home}/a.json"));
        }
        assert_eq!(expand_home("/x/~/a"), "/x/~/a");
    }

    #[test]
    fn completion_lists_candidates_when_several_match() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["kreis-a.json", "kreis-b.json", "anderes.json"] {
            std::fs::write(dir.path().join(name), "{}").unwrap();
        }
        let base = format!("{}/", dir.path().display());
        let (completion, candidates) = complete_path(&format!("{base}kr"));
        assert_eq!(completion, format!("{base}kreis-"));
        assert_eq!(candidates, vec!["kreis-a.json", "kreis-b.json"]);
        let (completion, candidates) = complete_path(&format!("{base}an"));
        assert_eq!(completion, format!("{base}anderes.json"));
        assert!(candidates.is_empty());
    }
}
