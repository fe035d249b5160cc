//! The terminal interface: the event loop and what it does for the app.
//!
//! Keys → `Action` → `App::update` → effects, which the loop performs against the store and
//! reports back; drawing is a pure function of the app. The loop is generic over ratatui's
//! `Backend`, so tests drive the real application with `TestBackend`.

pub mod action;
pub mod answer;
pub mod app;
pub mod keymap;
pub mod screens;
pub mod settings;
pub mod terminal;
pub mod theme;
pub mod view;

use std::path::{Path, PathBuf};

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::Event;

use crate::catalog;
use crate::catalog::tui::{self as words, Ui};
use crate::domain::assessment::AssessmentId;
use crate::domain::validate::ValidAnswers;
use crate::export::{Format, Part};
use crate::questionnaires::{self, Registry, SAMPLE_ANSWERS};
use crate::store::{Edit, OpenMode, Store, StoreError};
use app::{App, Effect};

/// What the interface shows first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// The list of assessments.
    List,
    /// The sample county, imported if the database does not hold it yet.
    Demo,
    Open(AssessmentId),
}

/// What the loop works with besides the app: the database and the known definitions.
pub struct Env {
    pub store: Store,
    pub registry: Registry,
    pub auditor: String,
    /// Opening mode for assessments (`--read-only` makes every opening read-only).
    pub read_only: bool,
    /// Where a lease to give back on a hang-up is announced.
    pub lease: Option<terminal::LeaseSlot>,
}

impl Env {
    fn mode(&self, mode: OpenMode) -> OpenMode {
        if self.read_only {
            OpenMode::ReadOnly
        } else {
            mode
        }
    }
}

/// Runs the interface until the user quits or input ends.
pub fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    env: &mut Env,
    start: Start,
    mut next_event: impl FnMut() -> Option<std::io::Result<Event>>,
) -> color_eyre::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    begin(app, env, start);
    loop {
        app.height = terminal.size()?.height;
        terminal.draw(|frame| view::render(app, frame))?;
        if app.quit {
            break;
        }
        let Some(event) = next_event() else { break };
        let event = event?;
        let effects = app.on_event(&event);
        for effect in effects {
            perform(app, env, effect);
        }
    }
    // Give the lease back, even when quitting from a popup.
    if app.work.is_some() {
        perform(app, env, Effect::Close);
    }
    Ok(())
}

/// Loads the list and opens what `start` asks for.
pub fn begin(app: &mut App, env: &mut Env, start: Start) {
    perform(app, env, Effect::LoadList);
    match start {
        Start::List => {}
        Start::Demo => perform(app, env, Effect::ImportSample),
        Start::Open(id) => perform(
            app,
            env,
            Effect::Open {
                id,
                mode: OpenMode::Edit,
            },
        ),
    }
}

fn store_error(app: &mut App, error: &StoreError) {
    let text = catalog::store_error(error, app.lang);
    app.error(text);
}

/// Performs one effect and tells the app what came of it.
pub fn perform(app: &mut App, env: &mut Env, effect: Effect) {
    match effect {
        Effect::LoadList => match env.store.list() {
            Ok(list) => {
                app.list = list;
                app.list_selected = app.list_selected.min(app.list.len().saturating_sub(1));
            }
            Err(e) => store_error(app, &e),
        },
        Effect::Open { id, mode } => open(app, env, id, env.mode(mode)),
        Effect::Close => {
            if let Some(work) = &app.work
                && let Err(e) = env.store.close_session(&work.session)
            {
                store_error(app, &e);
            }
            if let Some(slot) = &env.lease {
                terminal::announce_lease(slot, None);
            }
            app.closed();
            perform(app, env, Effect::LoadList);
        }
        Effect::Edit(edit) => {
            let Some(work) = &mut app.work else { return };
            if work.session.read_only {
                app.error(Ui::ReadOnlyRefused.text(app.lang));
                return;
            }
            let id = work.session.assessment_id;
            let done = match edit {
                Edit::Finalize { .. } => Some(Ui::FinalizedDone),
                Edit::Reopen => Some(Ui::ReopenedDone),
                _ => None,
            };
            match env.store.apply(&mut work.session, edit) {
                Ok(_) => match env.store.refresh(&mut work.assessment) {
                    Ok(()) => {
                        app.after_edit();
                        if let Some(done) = done {
                            app.info(done.text(app.lang));
                        }
                    }
                    Err(e) => store_error(app, &e),
                },
                Err(StoreError::Stale { .. }) => {
                    // Someone else changed it: show their state, keep ours out.
                    match env.store.load(id) {
                        Ok(assessment) => {
                            work.session.revision = assessment.revision;
                            work.assessment = assessment;
                            app.after_edit();
                            app.error(Ui::StaleReloaded.text(app.lang));
                        }
                        Err(e) => store_error(app, &e),
                    }
                }
                Err(StoreError::LeaseLost { .. }) => {
                    work.session.read_only = true;
                    if let Some(slot) = &env.lease {
                        terminal::announce_lease(slot, None);
                    }
                    app.error(Ui::LeaseLostReadOnly.text(app.lang));
                }
                Err(StoreError::Finalized(_)) => app.error(Ui::FinalizedRefused.text(app.lang)),
                Err(e) => store_error(app, &e),
            }
        }
        Effect::ImportFile(path) => import_file(app, env, &path),
        Effect::ImportSample => import_sample(app, env),
        Effect::Export { format, part, path } => export(app, env, format, part, &path),
        Effect::Complete(input) => {
            let (completion, candidates) = complete_path(&input);
            app.completed(completion, candidates);
        }
    }
}

/// Writes the report of the open assessment, as it is now, to a file.
fn export(app: &mut App, env: &mut Env, format: Format, part: Part, path: &Path) {
    let Some(work) = &app.work else { return };
    let trail_head = match env.store.log(work.assessment.id, None) {
        Ok(mut rows) => rows.pop().map(|row| row.hash),
        Err(e) => return store_error(app, &e),
    };
    let lang = crate::export::report_lang(
        &work.assessment.definition,
        app.lang_fixed.then_some(app.lang),
    );
    let report = crate::export::Report::new(&work.assessment, trail_head, lang);
    let options = crate::export::Options {
        part,
        ..crate::export::Options::default()
    };
    let written = crate::export::export(&report, format, &options)
        .map_err(|e| e.to_string())
        .and_then(|bytes| crate::export::write_file(path, &bytes).map_err(|e| e.to_string()));
    match written {
        Ok(()) => app.info(words::exported(&path.display().to_string(), app.lang)),
        Err(reason) => {
            app.error(catalog::report::Text::ExportFailed { reason: &reason }.text(app.lang))
        }
    }
}

fn open(app: &mut App, env: &mut Env, id: AssessmentId, mode: OpenMode) {
    match env.store.open_session(id, &env.auditor, mode) {
        Ok((session, assessment)) => {
            if let Some(slot) = &env.lease
                && !session.read_only
            {
                terminal::announce_lease(
                    slot,
                    Some((
                        env.store.path().to_path_buf(),
                        id,
                        session.lease_token().to_string(),
                    )),
                );
            }
            app.opened(session, assessment);
        }
        Err(StoreError::LeaseHeld {
            auditor,
            host,
            pid,
            since,
        }) => {
            app.lease_held(
                id,
                crate::store::Lease {
                    auditor,
                    host,
                    pid,
                    since,
                },
            );
        }
        Err(e) => store_error(app, &e),
    }
}

/// Imports and opens validated answers.
fn import_valid(app: &mut App, env: &mut Env, valid: &ValidAnswers) {
    match env.store.import(valid, &env.auditor) {
        Ok(id) => {
            perform(app, env, Effect::LoadList);
            app.list_selected = app.list.iter().position(|row| row.id == id).unwrap_or(0);
            open(app, env, id, env.mode(OpenMode::Edit));
            if app.work.is_some() {
                app.info(words::imported(&valid.answers.county.name, id, app.lang));
            }
        }
        Err(e) => store_error(app, &e),
    }
}

fn import_file(app: &mut App, env: &mut Env, path: &Path) {
    let report = questionnaires::validate_file(path, &env.registry.known);
    match report.answers {
        Some(valid) => import_valid(app, env, &valid),
        None => {
            let name = path.display().to_string();
            let mut lines: Vec<String> = report
                .diagnostics
                .iter()
                .map(|d| catalog::diagnostic_line(&name, d, app.lang))
                .collect();
            if report.kind == Some(crate::domain::validate::DocumentKind::Definition)
                && report.is_valid()
            {
                lines.push(catalog::problem(
                    &crate::domain::diagnostic::Problem::UnknownFileKind,
                    app.lang,
                ));
            }
            app.show_lines(Ui::ImportFailed.text(app.lang).into(), lines);
        }
    }
}

fn import_sample(app: &mut App, env: &mut Env) {
    let report =
        crate::domain::validate::validate_answers(SAMPLE_ANSWERS.1.as_bytes(), &env.registry.known);
    let Some(valid) = report.answers else {
        // The sample is compiled in and tested; this would be a broken build.
        app.error(format!(
            "{}: {}",
            SAMPLE_ANSWERS.0,
            catalog::counts(report.error_count(), report.warning_count(), app.lang)
        ));
        return;
    };
    match env.store.find_by_answers(&valid.sha256) {
        Ok(Some(id)) => {
            app.list_selected = app.list.iter().position(|row| row.id == id).unwrap_or(0);
            open(app, env, id, env.mode(OpenMode::Edit));
            if app.work.is_some() {
                app.info(words::sample_exists(id, app.lang));
            }
        }
        Ok(None) => import_valid(app, env, &valid),
        Err(e) => store_error(app, &e),
    }
}

/// Completes a path as far as it is unambiguous; returns the candidates when it is not.
pub fn complete_path(input: &str) -> (String, Vec<String>) {
    let (dir, prefix) = match input.rfind('/') {
        Some(cut) => (&input[..=cut], &input[cut + 1..]),
        None => ("", input),
    };
    let listing = if dir.is_empty() {
        PathBuf::from(".")
    } else {
        PathBuf::from(dir)
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
            (is_dir || name.ends_with(".json"))
                .then(|| if is_dir { format!("{name}/") } else { name })
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

impl App {
    /// Recomputes what depends on the assessment after a change was stored.
    pub fn after_edit(&mut self) {
        let lang = self.lang;
        if let Some(work) = &mut self.work {
            work.refresh(lang);
        }
        // A finished edit closes nothing else; an error message from before is stale now.
        if matches!(
            self.status.as_ref().map(|s| &s.kind),
            Some(app::StatusKind::Error)
        ) {
            self.status = None;
        }
    }
}
