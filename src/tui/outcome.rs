//! What the app makes of an effect's outcome: a new list, an opened assessment, a stored
//! change and what follows it, or a refusal said where the auditor looks.

use super::action::{Action, Context};
use super::app::{App, StatusKind, StatusLine};
use super::component::Screen;
use super::effect::{EditResult, Effect, Outcome, Then};
use super::last_audit::LastAudit;
use super::popups::Popup;
use super::popups::confirm::{Confirm, Purpose};
use super::popups::previous::PreviousChoice;
use super::popups::prompt::{Prompt, PromptKind};
use super::popups::take_over::TakeOver;
use super::popups::text::TextPopup;
use super::screens::{goals::Goals, overview::Overview, review::Review, scoring::Scoring};
use super::widgets::keep_end;
use super::work::Work;
use crate::catalog::tui::{self as words, Ui};
use crate::catalog::{self, Lang};
use crate::domain::diagnostic::Problem;
use crate::store::Edit;

impl App {
    /// Takes what came of an effect; returns what follows from it.
    pub fn handle(&mut self, outcome: Outcome) -> Vec<Effect> {
        let lang = self.lang;
        match outcome {
            Outcome::Listed(list) => self.start.set_list(list),
            Outcome::Opened {
                assessment,
                read_only,
                drafts,
                last_audit,
                goals,
                second_of,
                second,
            } => {
                if !self.lang_fixed
                    && let Some(lang) = Lang::from_code(&assessment.definition.language)
                {
                    self.lang = lang;
                }
                self.start.select(assessment.id);
                let mut work = Work::new(*assessment, read_only, self.lang);
                work.drafts = drafts.into_iter().map(|d| (d.target.clone(), d)).collect();
                work.last_audit =
                    last_audit.map(|last| LastAudit::new(last.0, last.1, &work.assessment));
                work.goals = goals;
                work.second_of = second_of;
                work.set_second(second.map(|s| *s));
                self.goals = Goals::default();
                self.review = Review::new(&work);
                self.scoring = Scoring::default();
                self.overview = Overview::default();
                self.work = Some(work);
                self.screen = Screen::Review;
                self.popups.clear();
                if read_only {
                    self.status(StatusKind::Info, Ui::ReadOnly.text(self.lang).into());
                }
            }
            Outcome::LeaseHeld { id, holder } => {
                self.popups.push(Popup::TakeOver(TakeOver::new(id, holder)));
            }
            Outcome::Closed => {
                self.work = None;
                self.screen = Screen::Start;
                self.popups.clear();
                return vec![Effect::LoadList];
            }
            Outcome::Edited { edit, result, then } => return self.edited(&edit, result, then),
            Outcome::Imported {
                id,
                county,
                existed,
                previous,
            } => {
                let text = match (existed, previous) {
                    (true, _) => words::sample_exists(id, lang),
                    (false, None) => words::imported(&county, id, lang),
                    (false, Some(previous)) => words::imported_after(&county, id, previous, lang),
                };
                self.status(StatusKind::Info, text);
                let open = Effect::Open {
                    id,
                    mode: crate::store::OpenMode::Edit,
                };
                return vec![Effect::LoadList, open];
            }
            Outcome::ChoosePrevious { path, candidates } => {
                let choice = PreviousChoice::new(path, candidates);
                self.popups.push(Popup::Previous(choice));
            }
            Outcome::ImportRefused {
                file,
                diagnostics,
                is_definition,
            } => {
                let mut lines: Vec<String> = diagnostics
                    .iter()
                    .map(|d| catalog::diagnostic_line(&file, d, lang))
                    .collect();
                if is_definition {
                    lines.push(catalog::problem(&Problem::UnknownFileKind, lang));
                }
                let title = Ui::ImportFailed.text(lang);
                self.start.last_import = file;
                self.popups.push(Popup::Text(TextPopup::new(title, lines)));
            }
            Outcome::Completed {
                completion,
                candidates,
            } => {
                if let Some(Popup::Prompt(prompt)) = self.popups.last_mut() {
                    prompt.completed(completion, candidates);
                }
            }
            Outcome::Exported(path) => {
                let room = usize::from(self.width).saturating_sub(16);
                let shown = keep_end(&path.display().to_string(), room);
                let text = words::exported(&shown, lang);
                self.status(StatusKind::Info, text);
            }
            Outcome::NoFiles => {
                self.status(StatusKind::Error, Ui::NoFilesOverSsh.text(lang).into())
            }
            Outcome::ExportExists { format, part, path } => {
                let purpose = Purpose::ReplaceFile { format, part, path };
                self.popups.push(Popup::Confirm(Confirm::new(purpose)));
            }
            Outcome::ExportFailed {
                format,
                part,
                path,
                error,
                detail,
            } => {
                let name = path.display().to_string();
                // The prompt that comes back shows the file.
                let reason = catalog::io_problem("", error, &detail, lang);
                let text = catalog::report::Text::ExportFailed { reason: &reason }.text(lang);
                self.status(StatusKind::Error, text);
                let prompt = Prompt::new(PromptKind::ExportPath(format, part), name);
                self.popups.push(Popup::Prompt(prompt));
            }
            Outcome::GoalsImported {
                assessment,
                agreement,
                year,
                existed,
            } => {
                let line =
                    catalog::goals::goals_imported(&agreement, year, assessment, existed, lang);
                self.status(StatusKind::Info, line);
                return vec![Effect::LoadList];
            }
            Outcome::Signed {
                auditor,
                fingerprint,
            } => {
                let line = catalog::second::signed_short(&auditor, fingerprint.as_deref(), lang);
                self.status(StatusKind::Info, line);
            }
            Outcome::SignFailed(failure) => {
                let why = match failure {
                    super::effect::SignFailure::Store(e) => catalog::store_error(&e, lang),
                    super::effect::SignFailure::Key(e) => catalog::second::sign_failed(&e, lang),
                };
                self.status(StatusKind::Error, why);
            }
            Outcome::ReportFailed(reason) => {
                let text = catalog::report::Text::ExportFailed { reason: &reason }.text(lang);
                self.status(StatusKind::Error, text);
            }
            Outcome::DraftSaved(draft) => {
                for popup in &mut self.popups {
                    if let Popup::Editor(editor) = popup
                        && editor.target.draft_key() == draft.target
                    {
                        editor.draft_kept();
                    }
                }
                if let Some(work) = &mut self.work {
                    work.drafts.insert(draft.target.clone(), draft);
                }
            }
            Outcome::DraftDiscarded(target) => {
                if let Some(work) = &mut self.work {
                    work.drafts.remove(&target);
                }
            }
            Outcome::DraftFailed(e) => {
                // Not tried again until the next key: a full disk is not hammered.
                for popup in &mut self.popups {
                    if let Popup::Editor(editor) = popup {
                        editor.draft_kept();
                    }
                }
                let reason = catalog::store_error(&e, lang);
                self.status(StatusKind::Error, words::draft_failed(&reason, lang));
            }
            Outcome::Failed(e) => self.status(StatusKind::Error, catalog::store_error(&e, lang)),
        }
        Vec::new()
    }

    fn edited(&mut self, edit: &Edit, result: EditResult, then: Then) -> Vec<Effect> {
        let lang = self.lang;
        let Some(work) = &mut self.work else {
            return Vec::new();
        };
        let why = match result {
            EditResult::Applied { state, added } => {
                work.apply(*state, edit);
                self.scoring.clamp(work);
                self.overview.clamp(work);
                if matches!(
                    self.status,
                    Some(StatusLine {
                        kind: StatusKind::Error,
                        ..
                    })
                ) {
                    self.status = None;
                }
                match edit {
                    Edit::Finalize { .. } if work.second_of.is_some() => {
                        self.status(StatusKind::Info, Ui::SubmittedDone.text(lang).into());
                    }
                    Edit::Finalize { .. } => {
                        // Finalised: both auditors sign next.
                        let key = self.keymap.describe(Context::Overview, Action::Sign);
                        let text = format!(
                            "{}; {key} {}",
                            Ui::FinalizedDone.text(lang),
                            Ui::SignsOff.text(lang)
                        );
                        self.status(StatusKind::Info, text);
                    }
                    Edit::Reopen => {
                        self.status(StatusKind::Info, Ui::ReopenedDone.text(lang).into());
                    }
                    // The question's own line may be out of view: say what changed.
                    Edit::SetNoteInternal { internal, .. } => {
                        let done = match internal {
                            true => Ui::NoteNowInternal,
                            false => Ui::NoteNowForCounty,
                        };
                        self.status(StatusKind::Info, done.text(lang).into());
                    }
                    _ => {}
                }
                let Some(work) = &self.work else {
                    return Vec::new();
                };
                match then {
                    Then::Stay => {}
                    Then::NextQuestion => self.review.next_question(),
                    Then::NextParameter => {
                        if !self.scoring.next_parameter(work) {
                            let key = self.keymap.describe(Context::Scoring, Action::Edit);
                            let text = words::rationale_wanted(&key, lang);
                            self.status(StatusKind::Info, text);
                        }
                    }
                    Then::SelectFinding(id) => self.scoring.select_finding(id, work),
                    Then::CloseEditor => {
                        let mut discard = None;
                        if let Some(Popup::Editor(editor)) = self.popups.last() {
                            discard = (editor.draft_stored())
                                .then(|| Effect::DiscardDraft(editor.target.draft_key()));
                            self.popups.pop();
                        }
                        // A new entry is selected and shown.
                        if let (Edit::AddFinding { .. }, Some(id)) = (edit, added) {
                            self.scoring.show_finding(id, work);
                        }
                        return discard.into_iter().collect();
                    }
                    Then::Quit => {
                        let discard = self.popups.iter().find_map(|popup| match popup {
                            Popup::Editor(editor) if editor.draft_stored() => {
                                Some(Effect::DiscardDraft(editor.target.draft_key()))
                            }
                            _ => None,
                        });
                        self.popups.clear();
                        self.quit = true;
                        return discard.into_iter().chain([Effect::Close]).collect();
                    }
                }
                return Vec::new();
            }
            EditResult::Stale(assessment) => {
                let read_only = work.read_only;
                let drafts = std::mem::take(&mut work.drafts);
                let last_audit = work.last_audit.take();
                *work = Work::new(*assessment, read_only, lang);
                work.drafts = drafts;
                work.last_audit = last_audit;
                self.review = Review::new(work);
                Ui::StaleReloaded
            }
            EditResult::LeaseLost => {
                work.lease_lost = true;
                Ui::LeaseLostReadOnly
            }
            EditResult::ReadOnly => Ui::ReadOnlyRefused,
            EditResult::Finalized => Ui::FinalizedRefused,
            EditResult::Failed(e) => {
                self.refuse(catalog::store_error(&e, lang), then);
                return Vec::new();
            }
        };
        self.refuse(why.text(lang).into(), then);
        Vec::new()
    }
}
